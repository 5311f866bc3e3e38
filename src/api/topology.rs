//! Project › Network Topology: the project's networks, routers and instances and how their
//! ports join them, gathered in one parallel fan-out.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::topology::Topology;

/// Five calls at once (networks, subnets, routers, ports, servers) and the token check,
/// whatever the size of the project.
#[server(endpoint = "network_topology")]
pub async fn network_topology() -> Result<Topology, AppError> {
    use crate::openstack::compute::{self, ServerQuery};

    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let pid = auth.project.id.clone();
    let servers_query = ServerQuery {
        limit: 1000,
        ..Default::default()
    };
    let routers_path = format!("/v2.0/routers?project_id={pid}");
    let ports_path = format!("/v2.0/ports?project_id={pid}");
    let work = async {
        let (networks, subnets, routers, ports, servers) = tokio::try_join!(
            ssr::list::<ssr::NetworksBody>(&os, "/v2.0/networks"),
            ssr::list::<ssr::SubnetsBody>(
                &os,
                "/v2.0/subnets?fields=network_id&fields=cidr&fields=ip_version"
            ),
            ssr::list::<ssr::RoutersBody>(&os, &routers_path),
            ssr::list::<ssr::PortsBody>(&os, &ports_path),
            compute::list_servers(&os, &servers_query),
        )?;
        Ok::<_, AppError>(ssr::topology(
            &pid,
            networks.networks,
            subnets.subnets,
            routers.routers,
            ports.ports,
            servers,
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use serde::Deserialize;

    use crate::model::topology::{TopoDevice, TopoLink, TopoNetwork, Topology};
    use crate::openstack::catalog::ServiceType;
    use crate::openstack::client::Scoped;
    use crate::openstack::compute::Server;
    use crate::openstack::OsError;

    /// A Neutron list, read into the few fields the picture needs.
    pub async fn list<T: serde::de::DeserializeOwned>(
        os: &Scoped<'_>,
        path: &str,
    ) -> Result<T, OsError> {
        os.get_json(ServiceType::Network, path).await
    }

    #[derive(Debug, Deserialize)]
    pub struct NetworksBody {
        pub networks: Vec<Network>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Network {
        pub id: String,
        #[serde(default)]
        pub name: String,
        #[serde(default)]
        pub project_id: String,
        #[serde(rename = "router:external", default)]
        pub external: bool,
    }

    #[derive(Debug, Deserialize)]
    pub struct SubnetsBody {
        pub subnets: Vec<Subnet>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Subnet {
        pub network_id: String,
        pub cidr: String,
        #[serde(default)]
        pub ip_version: u8,
    }

    #[derive(Debug, Deserialize)]
    pub struct RoutersBody {
        pub routers: Vec<Router>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Router {
        pub id: String,
        #[serde(default)]
        pub name: String,
        #[serde(default)]
        pub status: String,
        #[serde(default)]
        pub external_gateway_info: Option<Gateway>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Gateway {
        pub network_id: String,
        #[serde(default)]
        pub external_fixed_ips: Vec<FixedIp>,
    }

    #[derive(Debug, Deserialize)]
    pub struct FixedIp {
        pub ip_address: String,
    }

    #[derive(Debug, Deserialize)]
    pub struct PortsBody {
        pub ports: Vec<Port>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Port {
        pub network_id: String,
        #[serde(default)]
        pub device_id: String,
        #[serde(default)]
        pub device_owner: String,
        #[serde(default)]
        pub fixed_ips: Vec<FixedIp>,
    }

    impl Port {
        fn link(&self) -> TopoLink {
            TopoLink {
                network_id: self.network_id.clone(),
                address: first_address(&self.fixed_ips),
                gateway: false,
            }
        }

        /// A router's interface on one of the project's networks (a DVR or HA router's
        /// interfaces carry other owner names).
        fn is_router_interface(&self) -> bool {
            matches!(
                self.device_owner.as_str(),
                "network:router_interface"
                    | "network:router_interface_distributed"
                    | "network:ha_router_replicated_interface"
            )
        }
    }

    fn first_address(ips: &[FixedIp]) -> String {
        // IPv4 first: it is what people recognise.
        ips.iter()
            .find(|f| !f.ip_address.contains(':'))
            .or(ips.first())
            .map(|f| f.ip_address.clone())
            .unwrap_or_default()
    }

    fn by_name(a: &TopoDevice, b: &TopoDevice) -> std::cmp::Ordering {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    }

    /// Joins the lists into the picture. Drawn: the project's own networks, and any other
    /// network (external or shared) one of its routers or instances is plugged into.
    pub fn topology(
        project_id: &str,
        networks: Vec<Network>,
        subnets: Vec<Subnet>,
        routers: Vec<Router>,
        ports: Vec<Port>,
        servers: Vec<Server>,
    ) -> Topology {
        let mut routers: Vec<TopoDevice> = routers
            .into_iter()
            .map(|r| {
                let mut links: Vec<TopoLink> = r
                    .external_gateway_info
                    .iter()
                    .map(|g| TopoLink {
                        network_id: g.network_id.clone(),
                        address: first_address(&g.external_fixed_ips),
                        gateway: true,
                    })
                    .collect();
                links.extend(
                    ports
                        .iter()
                        .filter(|p| p.device_id == r.id && p.is_router_interface())
                        .map(Port::link),
                );
                TopoDevice {
                    id: r.id,
                    name: r.name,
                    status: r.status,
                    links,
                }
            })
            .collect();
        routers.sort_by(by_name);
        let mut instances: Vec<TopoDevice> = servers
            .into_iter()
            .map(|s| TopoDevice {
                links: ports
                    .iter()
                    .filter(|p| p.device_id == s.id && p.device_owner.starts_with("compute:"))
                    .map(Port::link)
                    .collect(),
                id: s.id,
                name: s.name,
                status: s.status,
            })
            .collect();
        instances.sort_by(by_name);

        let linked = |id: &str| {
            routers
                .iter()
                .chain(&instances)
                .any(|d| d.links.iter().any(|l| l.network_id == id))
        };
        let mut networks: Vec<TopoNetwork> = networks
            .into_iter()
            .filter(|n| n.project_id == project_id || linked(&n.id))
            .map(|n| {
                let mut cidrs: Vec<(u8, String)> = subnets
                    .iter()
                    .filter(|s| s.network_id == n.id)
                    .map(|s| (s.ip_version, s.cidr.clone()))
                    .collect();
                cidrs.sort();
                TopoNetwork {
                    cidrs: cidrs.into_iter().map(|(_, c)| c).collect(),
                    name: if n.name.is_empty() {
                        n.id.clone()
                    } else {
                        n.name
                    },
                    id: n.id,
                    external: n.external,
                }
            })
            .collect();
        // External networks on the left, as Horizon draws them.
        networks.sort_by(|a, b| {
            b.external
                .cmp(&a.external)
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        Topology {
            networks,
            routers,
            instances,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::fixtures::fixture;
        use crate::openstack::compute::ServerBody;

        fn parsed<T: serde::de::DeserializeOwned>(text: String) -> T {
            serde_json::from_str(&text).unwrap()
        }

        /// The recorded lists of one run: demo's fixture-net with fixture-vm on it,
        /// fixture-router between it and ext-net, and fixture-router-private on its own.
        #[test]
        fn recorded_answers_join_into_the_picture() {
            let networks: NetworksBody = parsed(fixture("neutron_get_networks.json"));
            let subnets: SubnetsBody = parsed(fixture("neutron_get_subnets.json"));
            let routers: RoutersBody = parsed(fixture("neutron_get_routers.json"));
            let ports: PortsBody = parsed(fixture("neutron_get_ports.json"));
            let server: ServerBody = parsed(fixture("nova_get_server.json"));
            let server = server.server;
            let id_of = |name: &str| {
                networks
                    .networks
                    .iter()
                    .find(|n| n.name == name)
                    .unwrap()
                    .id
                    .clone()
            };
            let (ext_id, private_id) = (id_of("ext-net"), id_of("fixture-net"));
            let router_id = |name: &str| {
                routers
                    .routers
                    .iter()
                    .find(|r| r.name == name)
                    .unwrap()
                    .id
                    .clone()
            };
            let (router_id, lone_router_id) = (
                router_id("fixture-router"),
                router_id("fixture-router-private"),
            );
            let t = topology(
                &server.tenant_id,
                networks.networks,
                subnets.subnets,
                routers.routers,
                ports.ports,
                vec![server.clone()],
            );
            // The external network is drawn (the router's gateway is on it), and first.
            assert_eq!(t.networks[0].id, ext_id);
            assert!(t.networks[0].external);
            let r = t.routers.iter().find(|r| r.id == router_id).unwrap();
            assert!(r.links.iter().any(|l| l.gateway && l.network_id == ext_id));
            assert!(r
                .links
                .iter()
                .any(|l| !l.gateway && l.network_id == private_id));
            let lone = t.routers.iter().find(|r| r.id == lone_router_id).unwrap();
            assert!(lone.links.is_empty());
            let [vm] = &t.instances[..] else {
                panic!("{:?}", t.instances)
            };
            assert_eq!(
                (vm.id.as_str(), vm.name.as_str()),
                (server.id.as_str(), "fixture-vm")
            );
            assert!(vm.links.iter().any(|l| l.network_id == private_id));
            let private = t.networks.iter().find(|n| n.id == private_id).unwrap();
            assert_eq!(private.cidrs, ["10.20.0.0/24"]);
        }

        #[test]
        fn unrelated_external_networks_are_left_out() {
            let net = |id: &str, project: &str, external: bool| Network {
                id: id.into(),
                name: id.into(),
                project_id: project.into(),
                external,
            };
            let t = topology(
                "p",
                vec![
                    net("mine", "p", false),
                    net("ext", "admin", true),
                    net("other", "q", false),
                ],
                vec![],
                vec![],
                vec![],
                vec![],
            );
            let ids: Vec<&str> = t.networks.iter().map(|n| n.id.as_str()).collect();
            assert_eq!(ids, vec!["mine"]);
        }
    }
}
