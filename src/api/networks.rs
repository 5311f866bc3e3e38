//! Project › Networks and Admin › Networks: networks, their subnets and ports.
//!
//! Every form is checked here before Neutron is asked (see `model::network`), so a wrong
//! CIDR creates nothing; Neutron's own refusals come back in its words.

// A server function bound to an HTML form takes the form's fields as its arguments.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::network::{NetworkDetail, NetworkRow};

#[cfg(feature = "ssr")]
mod convert {
    use std::collections::HashMap;

    use crate::error::AppError;
    use crate::model::network::{FieldProblem, NetworkRow, PortRow, SubnetBrief, SubnetRow};
    use crate::openstack::network::{Network, Port, Subnet};

    pub fn problem(p: FieldProblem) -> AppError {
        AppError::bad_input(p.field, p.message)
    }

    pub fn network_row(
        n: Network,
        subnets: &HashMap<String, Subnet>,
        project_names: &HashMap<String, String>,
        editable: bool,
    ) -> NetworkRow {
        NetworkRow {
            subnets: n
                .subnets
                .iter()
                .filter_map(|id| subnets.get(id))
                .map(|s| SubnetBrief {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    cidr: s.cidr.clone(),
                })
                .collect(),
            project_name: project_names.get(&n.project_id).cloned(),
            id: n.id,
            name: n.name,
            description: n.description,
            project_id: n.project_id,
            shared: n.shared,
            external: n.external,
            status: n.status,
            admin_state_up: n.admin_state_up,
            availability_zones: n.availability_zones,
            mtu: n.mtu,
            port_security_enabled: n.port_security_enabled,
            network_type: n.network_type,
            physical_network: n.physical_network,
            segmentation_id: n.segmentation_id,
            editable,
        }
    }

    pub fn subnet_row(s: Subnet) -> SubnetRow {
        SubnetRow {
            id: s.id,
            name: s.name,
            network_id: s.network_id,
            cidr: s.cidr,
            ip_version: s.ip_version,
            gateway_ip: s.gateway_ip,
            enable_dhcp: s.enable_dhcp,
            allocation_pools: s
                .allocation_pools
                .into_iter()
                .map(|p| (p.start, p.end))
                .collect(),
            dns_nameservers: s.dns_nameservers,
            host_routes: s
                .host_routes
                .into_iter()
                .map(|r| (r.destination, r.nexthop))
                .collect(),
        }
    }

    pub fn port_row(p: Port, group_names: &HashMap<String, String>) -> PortRow {
        PortRow {
            fixed_ips: p.fixed_ips.iter().map(|f| f.ip_address.clone()).collect(),
            attached_device: if p.device_owner.is_empty() {
                "Detached".into()
            } else {
                p.device_owner.clone()
            },
            security_groups: p
                .security_groups
                .iter()
                .map(|id| group_names.get(id).cloned().unwrap_or_else(|| id.clone()))
                .collect(),
            security_group_ids: p.security_groups,
            id: p.id,
            name: p.name,
            mac_address: p.mac_address,
            device_id: p.device_id,
            status: p.status,
            admin_state_up: p.admin_state_up,
            port_security_enabled: p.port_security_enabled,
        }
    }

    /// A checkbox's value as an HTML form sends it: present ("on") or absent.
    pub fn ticked(value: &Option<String>) -> bool {
        value
            .as_deref()
            .is_some_and(|v| !v.is_empty() && v != "false")
    }
}

/// The networks table. `all_projects` is Admin › Networks (every project's, with project
/// names); otherwise the project's own networks with the shared and external ones, as
/// Horizon lists them.
#[server(name = ListNetworks, endpoint = "list_networks")]
pub async fn list_networks(all_projects: bool) -> Result<Vec<NetworkRow>, AppError> {
    use std::collections::HashMap;

    use crate::openstack::network;
    let (state, session, auth) = if all_projects {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require_auth().await?
    };
    let os = auth.scoped(&state.cloud);
    let work = async {
        let projects = async {
            if all_projects {
                crate::openstack::auth::all_projects(&state.cloud, &auth.token).await
            } else {
                Ok(vec![])
            }
        };
        let (networks, subnets, projects) = tokio::try_join!(
            network::list_networks(&os),
            network::list_subnets(&os, None),
            projects
        )?;
        let subnets: HashMap<String, _> = subnets.into_iter().map(|s| (s.id.clone(), s)).collect();
        let names: HashMap<String, String> = projects.into_iter().map(|p| (p.id, p.name)).collect();
        let admin = auth.is_admin();
        let mut rows: Vec<NetworkRow> = networks
            .into_iter()
            .filter(|n| all_projects || n.project_id == auth.project.id || n.shared || n.external)
            .map(|n| {
                let editable = admin || n.project_id == auth.project.id;
                convert::network_row(n, &subnets, &names, editable)
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.project_name.clone(), a.name.to_lowercase())
                .cmp(&(b.project_name.clone(), b.name.to_lowercase()))
        });
        Ok(rows)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Network (Horizon's three steps in one post). With `with_subnet` the subnet is
/// checked before anything is created, and if Neutron refuses it the new network is
/// deleted again, as Horizon does. The provider fields (`tenant_id`, `network_type`,
/// `physical_network`, `segmentation_id`, `external`) are Admin › Networks' and are
/// refused to anyone else.
#[server(name = CreateNetwork, endpoint = "create_network")]
pub async fn create_network(
    net_name: String,
    admin_state: Option<String>,
    shared: Option<String>,
    mtu: Option<String>,
    with_subnet: Option<String>,
    subnet_name: Option<String>,
    cidr: Option<String>,
    ip_version: Option<String>,
    gateway_ip: Option<String>,
    no_gateway: Option<String>,
    enable_dhcp: Option<String>,
    allocation_pools: Option<String>,
    dns_nameservers: Option<String>,
    host_routes: Option<String>,
    tenant_id: Option<String>,
    network_type: Option<String>,
    physical_network: Option<String>,
    segmentation_id: Option<String>,
    external: Option<String>,
) -> Result<String, AppError> {
    use crate::model::network::{check_mtu, check_name, check_provider, check_subnet, SubnetInput};
    use crate::openstack::network;
    use convert::{problem, ticked};
    use serde_json::{json, Value};

    let name = check_name("net_name", &net_name, false).map_err(problem)?;
    let mtu = check_mtu(mtu.as_deref().unwrap_or("")).map_err(problem)?;
    let provider = check_provider(
        network_type.as_deref().unwrap_or(""),
        physical_network.as_deref().unwrap_or(""),
        segmentation_id.as_deref().unwrap_or(""),
    )
    .map_err(problem)?;
    let subnet = if ticked(&with_subnet) {
        let subnet_name = check_name("subnet_name", subnet_name.as_deref().unwrap_or(""), false)
            .map_err(problem)?;
        let plan = check_subnet(&SubnetInput {
            cidr: cidr.unwrap_or_default(),
            ip_version: ip_version.unwrap_or_default(),
            gateway_ip: gateway_ip.unwrap_or_default(),
            no_gateway: ticked(&no_gateway),
            allocation_pools: allocation_pools.unwrap_or_default(),
            dns_nameservers: dns_nameservers.unwrap_or_default(),
            host_routes: host_routes.unwrap_or_default(),
        })
        .map_err(problem)?;
        Some((subnet_name, plan))
    } else {
        None
    };
    let tenant_id = tenant_id.filter(|t| !t.trim().is_empty());
    let admin_only = provider.is_some() || tenant_id.is_some() || ticked(&external);

    let (state, session, auth) = if admin_only {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?
    };
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut body = serde_json::Map::new();
        body.insert("name".into(), json!(name));
        body.insert("admin_state_up".into(), json!(ticked(&admin_state)));
        if ticked(&shared) {
            body.insert("shared".into(), json!(true));
        }
        if let Some(mtu) = mtu {
            body.insert("mtu".into(), json!(mtu));
        }
        if let Some(t) = &tenant_id {
            body.insert("project_id".into(), json!(t));
        }
        if ticked(&external) {
            body.insert("router:external".into(), json!(true));
        }
        if let Some(p) = &provider {
            body.insert("provider:network_type".into(), json!(p.network_type));
            if let Some(phys) = &p.physical_network {
                body.insert("provider:physical_network".into(), json!(phys));
            }
            if let Some(seg) = p.segmentation_id {
                body.insert("provider:segmentation_id".into(), json!(seg));
            }
        }
        let net = network::create_network(&os, Value::Object(body)).await?;
        if let Some((subnet_name, plan)) = subnet {
            let mut fields = plan.neutron_fields();
            fields.insert("network_id".into(), json!(net.id));
            fields.insert("name".into(), json!(subnet_name));
            fields.insert("enable_dhcp".into(), json!(ticked(&enable_dhcp)));
            if let Some(t) = &tenant_id {
                fields.insert("project_id".into(), json!(t));
            }
            if let Err(e) = network::create_subnet(&os, Value::Object(fields)).await {
                // Nothing half-made is left behind.
                let undone = network::delete_network(&os, &net.id).await;
                let e = AppError::from(e);
                return Err(AppError::BadInput {
                    field: Some("cidr".into()),
                    message: match undone {
                        Ok(()) => format!("Failed to create subnet \"{subnet_name}\": {e} The network was not kept."),
                        Err(_) => format!("Failed to create subnet \"{subnet_name}\": {e} The network \"{name}\" was created without it."),
                    },
                });
            }
        }
        Ok(if name.is_empty() {
            net.id
        } else {
            name.clone()
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Network: name, admin state and (as policy allows) shared.
#[server(name = UpdateNetwork, endpoint = "update_network")]
pub async fn update_network(
    network_id: String,
    name: String,
    admin_state: Option<String>,
    shared: Option<String>,
) -> Result<String, AppError> {
    use crate::model::network::check_name;
    use crate::openstack::network;
    use convert::{problem, ticked};

    let name = check_name("name", &name, false).map_err(problem)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut changes = serde_json::json!({
            "name": name,
            "admin_state_up": ticked(&admin_state),
        });
        // Only an admin may share a network by default policy; others leave it as it is.
        if auth.is_admin() {
            changes["shared"] = serde_json::json!(ticked(&shared));
        }
        network::update_network(&os, &network_id, changes).await?;
        Ok(if name.is_empty() {
            network_id.clone()
        } else {
            name.clone()
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Deletes networks (ids, with their names for the message), all at once.
#[server(name = DeleteNetworks, endpoint = "delete_networks")]
pub async fn delete_networks(
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::network;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| network::delete_network(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// A network with its subnets and ports (and the project's security groups, for the port
/// forms), fetched in parallel. An id Neutron does not know is `NotFound`.
#[server(name = GetNetworkDetail, endpoint = "network_detail")]
pub async fn network_detail(id: String) -> Result<NetworkDetail, AppError> {
    use std::collections::HashMap;

    use crate::openstack::network;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (net, subnets, ports, groups) = tokio::try_join!(
            network::get_network(&os, &id),
            network::list_subnets(&os, Some(&id)),
            network::ports_of_network(&os, &id),
            network::security_groups(&os, &auth.project.id),
        )?;
        let group_names: HashMap<String, String> = groups
            .iter()
            .map(|g| (g.id.clone(), g.name.clone()))
            .collect();
        let by_id: HashMap<String, _> = subnets.iter().map(|s| (s.id.clone(), s.clone())).collect();
        let editable = auth.is_admin() || net.project_id == auth.project.id;
        let mut subnets: Vec<_> = subnets.into_iter().map(convert::subnet_row).collect();
        subnets.sort_by(|a, b| a.name.cmp(&b.name));
        let mut ports: Vec<_> = ports
            .into_iter()
            .map(|p| convert::port_row(p, &group_names))
            .collect();
        ports.sort_by(|a, b| {
            (a.name.clone(), a.fixed_ips.clone()).cmp(&(b.name.clone(), b.fixed_ips.clone()))
        });
        Ok(NetworkDetail {
            network: convert::network_row(net, &by_id, &HashMap::new(), editable),
            subnets,
            ports,
            security_groups: {
                let mut groups: Vec<(String, String)> =
                    groups.into_iter().map(|g| (g.id, g.name)).collect();
                groups.sort_by(|a, b| a.1.cmp(&b.1));
                groups
            },
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Subnet on a network (the network detail's Subnets tab).
#[server(name = CreateSubnet, endpoint = "create_subnet")]
pub async fn create_subnet(
    network_id: String,
    subnet_name: String,
    cidr: String,
    ip_version: String,
    gateway_ip: Option<String>,
    no_gateway: Option<String>,
    enable_dhcp: Option<String>,
    allocation_pools: Option<String>,
    dns_nameservers: Option<String>,
    host_routes: Option<String>,
) -> Result<String, AppError> {
    use crate::model::network::{check_name, check_subnet, SubnetInput};
    use crate::openstack::network;
    use convert::{problem, ticked};
    use serde_json::json;

    let name = check_name("subnet_name", &subnet_name, false).map_err(problem)?;
    let plan = check_subnet(&SubnetInput {
        cidr,
        ip_version,
        gateway_ip: gateway_ip.unwrap_or_default(),
        no_gateway: ticked(&no_gateway),
        allocation_pools: allocation_pools.unwrap_or_default(),
        dns_nameservers: dns_nameservers.unwrap_or_default(),
        host_routes: host_routes.unwrap_or_default(),
    })
    .map_err(problem)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut fields = plan.neutron_fields();
        fields.insert("network_id".into(), json!(network_id));
        fields.insert("name".into(), json!(name));
        fields.insert("enable_dhcp".into(), json!(ticked(&enable_dhcp)));
        let s = network::create_subnet(&os, serde_json::Value::Object(fields))
            .await
            .map_err(|e| match AppError::from(e) {
                // Neutron's 400s here are about the address (an overlap, say).
                AppError::BadInput { message, .. } => AppError::bad_input("cidr", message),
                other => other,
            })?;
        Ok(if s.name.is_empty() { s.cidr } else { s.name })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Subnet: everything but the network address, which Neutron cannot change.
#[server(name = UpdateSubnet, endpoint = "update_subnet")]
pub async fn update_subnet(
    subnet_id: String,
    cidr: String,
    subnet_name: String,
    gateway_ip: Option<String>,
    no_gateway: Option<String>,
    enable_dhcp: Option<String>,
    allocation_pools: Option<String>,
    dns_nameservers: Option<String>,
    host_routes: Option<String>,
) -> Result<String, AppError> {
    use crate::model::network::{check_name, check_subnet, Gateway, SubnetInput};
    use crate::openstack::network;
    use convert::{problem, ticked};
    use serde_json::json;

    let name = check_name("subnet_name", &subnet_name, false).map_err(problem)?;
    let plan = check_subnet(&SubnetInput {
        cidr: cidr.clone(),
        ip_version: String::new(),
        gateway_ip: gateway_ip.unwrap_or_default(),
        no_gateway: ticked(&no_gateway),
        allocation_pools: allocation_pools.unwrap_or_default(),
        dns_nameservers: dns_nameservers.unwrap_or_default(),
        host_routes: host_routes.unwrap_or_default(),
    })
    .map_err(problem)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut changes = json!({
            "name": name,
            "enable_dhcp": ticked(&enable_dhcp),
            "dns_nameservers": plan.dns.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "host_routes": plan.routes_json(),
        });
        match plan.gateway {
            Gateway::Default => {}
            Gateway::None => changes["gateway_ip"] = serde_json::Value::Null,
            Gateway::Address(ip) => changes["gateway_ip"] = json!(ip.to_string()),
        }
        if !plan.pools.is_empty() {
            changes["allocation_pools"] = plan.pools_json();
        }
        network::update_subnet(&os, &subnet_id, changes)
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::BadInput { message, .. } => AppError::bad_input("gateway_ip", message),
                other => other,
            })?;
        Ok(if name.is_empty() {
            cidr.clone()
        } else {
            name.clone()
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(name = DeleteSubnets, endpoint = "delete_subnets")]
pub async fn delete_subnets(ids: Vec<String>, names: Vec<String>) -> Result<BatchResult, AppError> {
    use crate::openstack::network;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| network::delete_subnet(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Port on a network: a name, admin state, an optional fixed IP (which must lie in
/// one of the network's subnets) and port security.
#[server(name = CreatePort, endpoint = "create_port")]
pub async fn create_port(
    network_id: String,
    name: String,
    admin_state: Option<String>,
    fixed_ip: Option<String>,
    port_security_enabled: Option<String>,
) -> Result<String, AppError> {
    use crate::model::network::{check_fixed_ip, check_name};
    use crate::openstack::network;
    use convert::{problem, ticked};
    use serde_json::json;

    let name = check_name("name", &name, false).map_err(problem)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut body = json!({
            "network_id": network_id,
            "name": name,
            "admin_state_up": ticked(&admin_state),
            "port_security_enabled": ticked(&port_security_enabled),
        });
        if fixed_ip.as_deref().is_some_and(|f| !f.trim().is_empty()) {
            let subnets: Vec<_> = network::list_subnets(&os, Some(&network_id))
                .await?
                .into_iter()
                .map(convert::subnet_row)
                .collect();
            if let Some((subnet_id, ip)) =
                check_fixed_ip(&subnets, fixed_ip.as_deref().unwrap_or("")).map_err(problem)?
            {
                body["fixed_ips"] =
                    json!([{ "subnet_id": subnet_id, "ip_address": ip.to_string() }]);
            }
        }
        let port = network::create_port(&os, body)
            .await
            .map_err(|e| match AppError::from(e) {
                // An address already in use comes back as a conflict about the fixed IP.
                AppError::Conflict(message) => AppError::bad_input("fixed_ip", message),
                other => other,
            })?;
        Ok(if port.name.is_empty() {
            port.id
        } else {
            port.name
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Port: name, admin state, port security and the security groups (which need port
/// security on).
#[server(name = UpdatePort, endpoint = "update_port")]
pub async fn update_port(
    port_id: String,
    name: String,
    admin_state_up: bool,
    port_security_enabled: bool,
    // An empty list is sent as nothing at all.
    #[server(default)] security_groups: Vec<String>,
) -> Result<String, AppError> {
    use crate::model::network::check_name;
    use crate::openstack::network;
    use convert::problem;

    let name = check_name("name", &name, false).map_err(problem)?;
    if !port_security_enabled && !security_groups.is_empty() {
        return Err(AppError::bad_input(
            "security_groups",
            "A port without port security can have no security groups: untick them first.",
        ));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        network::update_port(
            &os,
            &port_id,
            serde_json::json!({
                "name": name,
                "admin_state_up": admin_state_up,
                "port_security_enabled": port_security_enabled,
                "security_groups": security_groups,
            }),
        )
        .await?;
        Ok(if name.is_empty() {
            port_id.clone()
        } else {
            name.clone()
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(name = DeletePorts, endpoint = "delete_ports")]
pub async fn delete_ports(ids: Vec<String>, names: Vec<String>) -> Result<BatchResult, AppError> {
    use crate::openstack::network;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| network::delete_port(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// The projects an admin may create a network for: (id, name).
#[server(name = ListProjectChoices, endpoint = "network_project_choices")]
pub async fn project_choices() -> Result<Vec<(String, String)>, AppError> {
    let (state, session, auth) = super::ssr::require_admin().await?;
    let work = async {
        let mut projects: Vec<(String, String)> =
            crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                .await?
                .into_iter()
                .map(|p| (p.id, p.name))
                .collect();
        projects.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(projects)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
