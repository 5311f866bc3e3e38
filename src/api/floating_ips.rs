//! Project › Floating IPs and Admin › Floating IPs: list, allocate, associate,
//! disassociate, release.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::floating_ip::FloatingIpsPage;

/// The panel's data. The project's floating IPs, the pools, its ports, its instances (for
/// the names) and its quota come from one parallel fan-out, joined in memory: six calls
/// (with the token check) whatever the number of rows. `all_projects` (admins) lists every
/// project's floating IPs and offers the projects to allocate for instead of ports.
#[server(endpoint = "list_floating_ips")]
pub async fn list_floating_ips(all_projects: bool) -> Result<FloatingIpsPage, AppError> {
    use crate::openstack::compute::{self, ServerQuery};
    use crate::openstack::network;

    let (state, session, auth) = if all_projects {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require_auth().await?
    };
    let os = auth.scoped(&state.cloud);
    let pid = auth.project.id.as_str();
    let servers_query = ServerQuery {
        all_projects,
        limit: 1000,
        ..Default::default()
    };
    let work = async {
        let (fips, pools, ports, servers, quota, projects) = tokio::try_join!(
            async {
                if all_projects {
                    network::all_floating_ips(&os).await
                } else {
                    network::floating_ips(&os, pid).await
                }
            },
            network::floating_ip_pools(&os),
            async {
                if all_projects {
                    Ok::<_, crate::openstack::OsError>(vec![])
                } else {
                    network::project_ports(&os, pid).await
                }
            },
            compute::list_servers(&os, &servers_query),
            async {
                // The quota is a hint for the Allocate dialog: its failure hides the hint.
                if all_projects {
                    Ok::<_, crate::openstack::OsError>(None)
                } else {
                    Ok(network::quota_details(&os, pid).await.ok())
                }
            },
            async {
                if all_projects {
                    crate::openstack::auth::all_projects(&state.cloud, &auth.token).await
                } else {
                    Ok(vec![])
                }
            },
        )?;
        Ok::<_, AppError>(ssr::page(
            fips,
            pools,
            ports,
            servers,
            quota,
            projects,
            all_projects,
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Allocates a floating IP from `pool` (an external network), for `project_id` when an
/// admin names one. Returns the new address.
#[server(endpoint = "allocate_floating_ip")]
pub async fn allocate_floating_ip(
    pool: String,
    description: String,
    #[server(default)] project_id: Option<String>,
) -> Result<String, AppError> {
    use crate::model::floating_ip::validate_description;
    use crate::openstack::network;

    if pool.trim().is_empty() {
        return Err(AppError::bad_input("pool", "This field is required."));
    }
    let project_id = project_id.filter(|p| !p.is_empty());
    let description = description.trim().to_string();
    validate_description(&description).map_err(|m| AppError::bad_input("description", m))?;
    let (state, session, auth) = if project_id.is_some() {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?
    };
    let os = auth.scoped(&state.cloud);
    let work = async {
        network::create_floating_ip(&os, &pool, &description, project_id.as_deref())
            .await
            .map_err(|e| match AppError::from(e) {
                // Neutron's 409 on create is the quota (OverQuota).
                AppError::Conflict(m) => AppError::Conflict(format!(
                    "You are already using all of your available floating IPs. ({m})"
                )),
                other => other,
            })
    };
    let fip = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(fip.floating_ip_address)
}

/// Points floating IP `ip_id` (its address is `ip`, for the message) at port `port_id`.
#[server(endpoint = "associate_floating_ip")]
pub async fn associate_floating_ip(
    ip_id: String,
    ip: String,
    #[server(default)] port_id: String,
) -> Result<String, AppError> {
    use crate::openstack::network;

    if port_id.is_empty() {
        return Err(AppError::bad_input("port_id", "This field is required."));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        network::set_floating_ip_port(&os, &ip_id, Some(&port_id))
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::Conflict(_) => AppError::bad_input(
                    "port_id",
                    "The requested instance port is already associated with another floating IP.",
                ),
                // Typically: no router joins the port's subnet to the pool's network.
                AppError::BadInput { message, .. } => AppError::bad_input("port_id", message),
                other => other,
            })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(format!("IP address {ip} associated."))
}

/// Detaches floating IP `ip_id` (address `ip`) from its port.
#[server(endpoint = "disassociate_floating_ip")]
pub async fn disassociate_floating_ip(ip_id: String, ip: String) -> Result<String, AppError> {
    use crate::openstack::network;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        network::set_floating_ip_port(&os, &ip_id, None)
            .await
            .map_err(AppError::from)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(format!("Successfully disassociated Floating IP: {ip}"))
}

/// Releases floating IPs, given as (id, address).
#[server(endpoint = "release_floating_ips")]
pub async fn release_floating_ips(ips: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::network;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&ips, |id| network::delete_floating_ip(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::HashMap;

    use crate::model::floating_ip::{
        quota_left, target_label, FloatingIpRow, FloatingIpsPage, Mapping,
    };
    use crate::model::Choice;
    use crate::model::ProjectRef;
    use crate::openstack::compute::Server;
    use crate::openstack::network::{DevicePort, FloatingIp, Pool, QuotaDetailsBody};

    /// Joins the calls' answers into the page (pure: unit-tested below).
    pub fn page(
        fips: Vec<FloatingIp>,
        pools: Vec<Pool>,
        ports: Vec<DevicePort>,
        servers: Vec<Server>,
        quota: Option<QuotaDetailsBody>,
        projects: Vec<ProjectRef>,
        all_projects: bool,
    ) -> FloatingIpsPage {
        let server_names: HashMap<&str, &str> = servers
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        let pool_names: HashMap<&str, &str> = pools
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let project_names: HashMap<&str, &str> = projects
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let mut rows: Vec<FloatingIpRow> = fips
            .iter()
            .map(|f| FloatingIpRow {
                id: f.id.clone(),
                ip: f.floating_ip_address.clone(),
                description: f.description.clone(),
                mapped: f.port_id.as_ref().map(|_| Mapping {
                    fixed_ip: f.fixed_ip_address.clone().unwrap_or_default(),
                    instance: f
                        .port_details
                        .as_ref()
                        .filter(|d| d.device_owner.starts_with("compute:"))
                        .map(|d| {
                            let name = server_names
                                .get(d.device_id.as_str())
                                .filter(|n| !n.is_empty())
                                .map_or_else(|| d.device_id.clone(), |n| n.to_string());
                            (d.device_id.clone(), name)
                        }),
                }),
                pool: pool_names
                    .get(f.floating_network_id.as_str())
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| f.floating_network_id.clone(), |n| n.to_string()),
                status: f.status.clone(),
                project: all_projects.then(|| {
                    project_names
                        .get(f.project_id.as_str())
                        .map_or_else(|| f.project_id.clone(), |n| n.to_string())
                }),
            })
            .collect();
        rows.sort_by_key(|r| ip_key(&r.ip));

        // A port that already has a floating IP is not offered again (Neutron allows one
        // per fixed address, Horizon offers none twice).
        let taken: Vec<&str> = fips.iter().filter_map(|f| f.port_id.as_deref()).collect();
        let mut targets: Vec<Choice> = ports
            .iter()
            .filter(|p| p.is_instance_port() && !taken.contains(&p.id.as_str()))
            .filter_map(|p| {
                let name = server_names.get(p.device_id.as_str())?;
                let ip = p
                    .fixed_ips
                    .iter()
                    .map(|f| f.ip_address.as_str())
                    .find(|a| !a.contains(':'))?;
                Some(Choice {
                    id: p.id.clone(),
                    label: target_label(name, ip),
                })
            })
            .collect();
        targets.sort_by(|a, b| a.label.cmp(&b.label));

        let mut pools: Vec<Choice> = pools
            .into_iter()
            .map(|p| Choice {
                label: if p.name.is_empty() {
                    p.id.clone()
                } else {
                    p.name
                },
                id: p.id,
            })
            .collect();
        pools.sort_by(|a, b| a.label.cmp(&b.label));
        let mut projects = projects;
        projects.sort_by(|a, b| a.name.cmp(&b.name));
        FloatingIpsPage {
            rows,
            pools,
            targets,
            quota_left: quota
                .and_then(|q| {
                    q.quota
                        .get("floatingip")
                        .map(|d| quota_left(d.limit, d.used))
                })
                .flatten(),
            projects,
        }
    }

    /// Sorts IPv4 addresses numerically (172.24.4.9 before 172.24.4.10).
    fn ip_key(ip: &str) -> (Option<std::net::IpAddr>, String) {
        (ip.parse().ok(), ip.to_string())
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::fixtures::fixture;
        use crate::openstack::auth::AuthProjects;
        use crate::openstack::compute::ServerBody;
        use crate::openstack::network::{FloatingIpsBody, NetworksBody};

        /// The answers of one recording: fixture-vm, its floating IP on ext-net, the
        /// project's ports and quota.
        struct Recorded {
            fips: Vec<FloatingIp>,
            pools: Vec<Pool>,
            ports: Vec<DevicePort>,
            server: Server,
            quota: QuotaDetailsBody,
        }

        fn recorded() -> Recorded {
            let fips: FloatingIpsBody =
                serde_json::from_str(&fixture("neutron_get_floatingips.json")).unwrap();
            // Meridian asks Neutron for the external networks only (and only their ids and
            // names); the recorded list has every network the user sees.
            let networks: NetworksBody =
                serde_json::from_str(&fixture("neutron_get_networks.json")).unwrap();
            let pools = networks
                .networks
                .into_iter()
                .filter(|n| n.external)
                .map(|n| Pool {
                    id: n.id,
                    name: n.name,
                })
                .collect();
            let ports: serde_json::Value =
                serde_json::from_str(&fixture("neutron_get_ports.json")).unwrap();
            let server: ServerBody =
                serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
            Recorded {
                fips: fips.floatingips,
                pools,
                ports: serde_json::from_value(ports["ports"].clone()).unwrap(),
                server: server.server,
                quota: serde_json::from_str(&fixture("neutron_get_quotas_details.json")).unwrap(),
            }
        }

        #[test]
        fn rows_name_the_instance_and_the_pool() {
            let r = recorded();
            let fip = r.fips[0].clone();
            let used = r.fips.len() as i64;
            let vm = (r.server.id.clone(), r.server.name.clone());
            let p = page(
                r.fips,
                r.pools,
                r.ports,
                vec![r.server],
                Some(r.quota),
                vec![],
                false,
            );
            let row = p.rows.iter().find(|row| row.id == fip.id).unwrap();
            assert_eq!(row.ip, fip.floating_ip_address);
            assert_eq!(
                (row.pool.as_str(), row.status.as_str()),
                ("ext-net", "DOWN")
            );
            let mapped = row.mapped.as_ref().unwrap();
            assert_eq!(mapped.instance, Some(vm));
            let fixed = fip.fixed_ip_address.clone().unwrap();
            assert_eq!(mapped.label(), format!("fixture-vm {fixed}"));
            assert_eq!(row.project, None);
            assert_eq!(
                p.pools.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
                ["ext-net"]
            );
            // fixture-vm's only port has the floating IP already: nothing left to offer.
            assert!(p.targets.is_empty(), "{:?}", p.targets);
            assert_eq!(p.quota_left, Some(50 - used));
        }

        #[test]
        fn targets_are_free_instance_ports_labelled_by_instance() {
            let r = recorded();
            let vm_port = r
                .ports
                .iter()
                .find(|p| p.device_id == r.server.id)
                .unwrap()
                .clone();
            // Without the floating IP the instance's port is free; the router's never counts.
            let p = page(
                vec![],
                r.pools,
                r.ports,
                vec![r.server],
                None,
                vec![],
                false,
            );
            assert_eq!(
                p.targets,
                vec![Choice {
                    id: vm_port.id,
                    label: format!("fixture-vm: {}", vm_port.fixed_ips[0].ip_address)
                }]
            );
            assert_eq!(p.quota_left, None);
        }

        #[test]
        fn admin_rows_name_the_project() {
            let r = recorded();
            let projects: AuthProjects =
                serde_json::from_str(&fixture("keystone_get_projects.json")).unwrap();
            let p = page(
                r.fips,
                vec![],
                vec![],
                vec![],
                None,
                projects.enabled(),
                true,
            );
            assert_eq!(p.rows[0].project.as_deref(), Some("demo"));
            assert!(p.projects.iter().any(|p| p.name == "alt"));
        }
    }
}
