//! Project › Floating IPs and Admin › Floating IPs: list, allocate, associate,
//! disassociate, release.

use leptos::prelude::*;

use crate::api::instances::BatchResult;
use crate::error::AppError;
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
    use crate::model::launch::Choice;
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
        use crate::openstack::network::FloatingIpsBody;

        fn fixture_fips() -> Vec<FloatingIp> {
            let body: FloatingIpsBody = serde_json::from_str(include_str!(
                "../../tests/fixtures/neutron_get_floatingips.json"
            ))
            .unwrap();
            body.floatingips
        }

        fn server(id: &str, name: &str) -> Server {
            serde_json::from_value(serde_json::json!({
                "id": id, "name": name, "status": "ACTIVE",
                "created": "2026-11-22T00:00:00Z", "flavor": {"original_name": "m1.tiny"}
            }))
            .unwrap()
        }

        #[test]
        fn rows_name_the_instance_and_the_pool() {
            let fips = fixture_fips();
            let f = &fips[0];
            let device = f.port_details.as_ref().unwrap().device_id.clone();
            let pools = vec![Pool {
                id: f.floating_network_id.clone(),
                name: "ext-net".into(),
            }];
            let p = page(
                fips.clone(),
                pools,
                vec![],
                vec![server(&device, "web")],
                None,
                vec![],
                false,
            );
            let row = &p.rows[0];
            assert_eq!(row.pool, "ext-net");
            let mapped = row.mapped.as_ref().unwrap();
            assert_eq!(mapped.instance, Some((device, "web".to_string())));
            let fixed = f.fixed_ip_address.clone().unwrap();
            assert_eq!(mapped.label(), format!("web {fixed}"));
            assert_eq!(row.project, None);
        }

        #[test]
        fn targets_are_free_instance_ports_labelled_by_instance() {
            let fips = fixture_fips();
            let used_port = fips[0].port_id.clone().unwrap();
            let port = |id: &str, dev: &str, owner: &str, ip: &str| DevicePort {
                id: id.into(),
                device_id: dev.into(),
                device_owner: owner.into(),
                fixed_ips: vec![crate::openstack::network::FixedIp {
                    ip_address: ip.into(),
                    subnet_id: String::new(),
                }],
            };
            let ports = vec![
                port("p1", "s1", "compute:nova", "10.0.0.5"),
                port(&used_port, "s1", "compute:nova", "10.0.0.6"),
                port("p3", "r1", "network:router_interface", "10.0.0.1"),
            ];
            let p = page(
                fips,
                vec![],
                ports,
                vec![server("s1", "web")],
                None,
                vec![],
                false,
            );
            assert_eq!(
                p.targets,
                vec![Choice {
                    id: "p1".into(),
                    label: "web: 10.0.0.5".into()
                }]
            );
        }

        #[test]
        fn admin_rows_name_the_project() {
            let fips = fixture_fips();
            let pid = fips[0].project_id.clone();
            let p = page(
                fips,
                vec![],
                vec![],
                vec![],
                None,
                vec![ProjectRef {
                    id: pid,
                    name: "demo".into(),
                }],
                true,
            );
            assert_eq!(p.rows[0].project.as_deref(), Some("demo"));
        }

        #[test]
        fn recorded_ports_parse_as_device_ports() {
            let body: serde_json::Value =
                serde_json::from_str(include_str!("../../tests/fixtures/neutron_get_ports.json"))
                    .unwrap();
            let ports: Vec<DevicePort> = serde_json::from_value(body["ports"].clone()).unwrap();
            assert!(ports.iter().any(DevicePort::is_instance_port));
        }
    }
}
