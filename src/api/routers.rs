//! Project › Routers and Admin › Routers: the lists, a router's detail, and the forms
//! (create, edit, gateway, interfaces, static routes). Success messages are Horizon's words.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::router::{RouterDetail, RoutersPage};

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::HashMap;

    use crate::model::router::{name_or_id, RouterRow};
    use crate::model::Choice;
    use crate::openstack::network::{routers::Router, Network};

    /// The external networks as form choices, sorted by name.
    pub fn network_choices(networks: &[Network]) -> Vec<Choice> {
        let mut choices: Vec<Choice> = networks
            .iter()
            .map(|n| Choice {
                id: n.id.clone(),
                label: if n.name.is_empty() {
                    n.id.clone()
                } else {
                    n.name.clone()
                },
            })
            .collect();
        choices.sort_by_key(|c| c.label.to_lowercase());
        choices
    }

    /// Routers as table rows, their external network named from `networks` (joined in
    /// memory: one list call, not one per row).
    pub fn rows(
        routers: Vec<Router>,
        networks: &[Network],
        project_names: &HashMap<String, String>,
    ) -> Vec<RouterRow> {
        let mut rows: Vec<RouterRow> = routers
            .into_iter()
            .map(|r| RouterRow {
                external_network: r.external_gateway_info.as_ref().map(|g| {
                    networks
                        .iter()
                        .find(|n| n.id == g.network_id)
                        .map(|n| name_or_id(&n.name, &n.id))
                        .unwrap_or_else(|| g.network_id.clone())
                }),
                project: project_names
                    .get(&r.project_id)
                    .cloned()
                    .unwrap_or_default(),
                id: r.id,
                name: r.name,
                status: r.status,
                admin_state_up: r.admin_state_up,
                availability_zones: r.availability_zones,
            })
            .collect();
        rows.sort_by_key(|r| r.display().to_lowercase());
        rows
    }

    /// A checkbox's value as a server function receives it: present ("on") or absent.
    pub fn checked(value: &Option<String>) -> bool {
        value
            .as_deref()
            .is_some_and(|v| !v.is_empty() && v != "false")
    }

    pub fn create_failure(name: &str) -> String {
        if name.is_empty() {
            "Failed to create router.".into()
        } else {
            format!("Failed to create router \"{name}\".")
        }
    }

    /// Neutron's refusal, led by Horizon's words for the failed action (`Failed to ...`), as a
    /// banner; a lost session stays a lost session.
    pub fn failed(err: crate::error::AppError, lead: &str) -> crate::error::AppError {
        match err {
            crate::error::AppError::NotLoggedIn => err,
            crate::error::AppError::Forbidden(m) => {
                crate::error::AppError::Forbidden(format!("{lead} {m}"))
            }
            other => crate::error::AppError::BadInput {
                field: None,
                message: format!("{lead} {other}"),
            },
        }
    }
}

/// Project › Routers: the project's routers and the external networks.
#[server(name = ListRouters, endpoint = "list_routers")]
pub async fn list_routers() -> Result<RoutersPage, AppError> {
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (routers, networks) = tokio::try_join!(
            neutron::list_routers(&os, Some(&auth.project.id)),
            neutron::external_networks(&os)
        )?;
        Ok(RoutersPage {
            routers: ssr::rows(routers, &networks, &Default::default()),
            external_networks: ssr::network_choices(&networks),
            can_set_snat: auth.is_admin(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Admin › Routers: every project's routers, with their project's name.
#[server(name = ListAllRouters, endpoint = "list_all_routers")]
pub async fn list_all_routers() -> Result<RoutersPage, AppError> {
    use crate::openstack::auth as keystone;
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (routers, networks, projects) = tokio::join!(
            neutron::list_routers(&os, None),
            neutron::external_networks(&os),
            keystone::all_projects(&state.cloud, &auth.token)
        );
        let names = projects?.into_iter().map(|p| (p.id, p.name)).collect();
        let networks = networks?;
        Ok(RoutersPage {
            routers: ssr::rows(routers?, &networks, &names),
            external_networks: ssr::network_choices(&networks),
            can_set_snat: true,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Router. Returns Horizon's success message.
#[server(name = CreateRouter, endpoint = "create_router")]
pub async fn create_router(
    name: String,
    admin_state_up: Option<String>,
    external_network: String,
    enable_snat: Option<String>,
) -> Result<String, AppError> {
    use crate::openstack::network::routers::{self as neutron, NewRouter};
    let name = name.trim().to_string();
    if name.len() > 255 {
        return Err(AppError::bad_input(
            "name",
            "Ensure this value has at most 255 characters.",
        ));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let external_network = external_network.trim();
    let work = async {
        let router = neutron::create_router(
            &os,
            &NewRouter {
                name: &name,
                admin_state_up: ssr::checked(&admin_state_up),
                external_network: (!external_network.is_empty()).then_some(external_network),
                // Only an admin is offered the choice (Neutron's policy); others get the default.
                enable_snat: auth.is_admin().then(|| ssr::checked(&enable_snat)),
            },
        )
        .await
        .map_err(|e| ssr::failed(AppError::from(e), &ssr::create_failure(&name)))?;
        Ok(format!(
            "Router {} was successfully created.",
            crate::model::router::name_or_id(&router.name, &router.id)
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Router: its name and admin state.
#[server(name = UpdateRouter, endpoint = "update_router")]
pub async fn update_router(
    router_id: String,
    name: String,
    admin_state: Option<String>,
) -> Result<String, AppError> {
    use crate::openstack::network::routers as neutron;
    let name = name.trim().to_string();
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let router = neutron::rename_router(&os, &router_id, &name, ssr::checked(&admin_state))
            .await
            .map_err(|e| {
                let shown = if name.is_empty() { &router_id } else { &name };
                ssr::failed(
                    AppError::from(e),
                    &format!("Failed to update router {shown}:"),
                )
            })?;
        Ok(format!(
            "Router {} was successfully updated.",
            crate::model::router::name_or_id(&router.name, &router.id)
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Set Gateway: the router's external network.
#[server(name = SetGateway, endpoint = "set_router_gateway")]
pub async fn set_gateway(
    router_id: String,
    network_id: String,
    enable_snat: Option<String>,
) -> Result<String, AppError> {
    use crate::openstack::network::routers as neutron;
    if network_id.trim().is_empty() {
        return Err(AppError::bad_input("network_id", "This field is required."));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        neutron::set_gateway(
            &os,
            &router_id,
            network_id.trim(),
            auth.is_admin().then(|| ssr::checked(&enable_snat)),
        )
        .await
        .map_err(|e| ssr::failed(AppError::from(e), "Failed to set gateway."))?;
        Ok("Gateway interface is added".to_string())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Clear Gateway, for each `(id, name)`.
#[server(name = ClearGateways, endpoint = "clear_router_gateways")]
pub async fn clear_gateways(routers: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&routers, |id| neutron::clear_gateway(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Delete Router(s), each detached from its interfaces first (as Horizon does).
#[server(name = DeleteRouters, endpoint = "delete_routers")]
pub async fn delete_routers(routers: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&routers, |id| neutron::delete_router(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// A router's detail page: the router, its ports, its routes; and what its forms offer.
/// A router the user cannot see is `NotFound`.
#[server(name = GetRouterDetail, endpoint = "router_detail")]
pub async fn router_detail(router_id: String) -> Result<RouterDetail, AppError> {
    use crate::model::router::{
        name_or_id, subnet_label, Gateway, InterfaceRow, StaticRoute, SubnetChoice,
    };
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (router, ports, external, internal, subnets) = tokio::try_join!(
            neutron::get_router(&os, &router_id),
            crate::openstack::network::ports_of_device(&os, &router_id),
            neutron::external_networks(&os),
            neutron::internal_networks(&os),
            crate::openstack::network::list_subnets(&os, None)
        )?;
        let gateway = router.external_gateway_info.as_ref().map(|g| Gateway {
            network_name: external
                .iter()
                .find(|n| n.id == g.network_id)
                .map(|n| name_or_id(&n.name, &n.id))
                .unwrap_or_else(|| g.network_id.clone()),
            network_id: g.network_id.clone(),
            enable_snat: g.enable_snat.unwrap_or(false),
            external_fixed_ips: g
                .external_fixed_ips
                .iter()
                .map(|f| (f.subnet_id.clone(), f.ip_address.clone()))
                .collect(),
        });
        let on_router: Vec<&str> = ports
            .iter()
            .flat_map(|p| p.fixed_ips.iter().map(|f| f.subnet_id.as_str()))
            .collect();
        // As Horizon: the subnets of the project's own and shared networks, with a gateway,
        // not already on this router.
        let mut choices: Vec<SubnetChoice> = subnets
            .iter()
            .filter(|s| s.gateway_ip.is_some() && !on_router.contains(&s.id.as_str()))
            .filter_map(|s| {
                let net = internal.iter().find(|n| {
                    n.id == s.network_id && (n.project_id == auth.project.id || n.shared)
                })?;
                Some(SubnetChoice {
                    id: s.id.clone(),
                    label: subnet_label(&net.name, &s.name, &s.cidr),
                    cidr: s.cidr.clone(),
                    gateway_ip: s.gateway_ip.clone(),
                })
            })
            .collect();
        choices.sort_by_key(|c| c.label.to_lowercase());
        let mut interfaces: Vec<InterfaceRow> = ports
            .into_iter()
            .filter(|p| p.device_owner.starts_with("network:router_"))
            .map(|p| InterfaceRow {
                name: name_or_id(&p.name, &p.id),
                fixed_ips: p.fixed_ips.iter().map(|f| f.ip_address.clone()).collect(),
                kind: match p.device_owner.as_str() {
                    "network:router_gateway" => "External Gateway",
                    "network:router_interface" | "network:router_interface_distributed" => {
                        "Internal Interface"
                    }
                    _ => "",
                }
                .to_string(),
                is_gateway: p.device_owner == "network:router_gateway",
                status: p.status,
                admin_state_up: p.admin_state_up,
                id: p.id,
            })
            .collect();
        interfaces.sort_by(|a, b| (a.is_gateway, &a.name).cmp(&(b.is_gateway, &b.name)));
        Ok(RouterDetail {
            routes: router
                .routes
                .iter()
                .map(|r| StaticRoute {
                    destination: r.destination.clone(),
                    nexthop: r.nexthop.clone(),
                })
                .collect(),
            id: router.id,
            name: router.name,
            project_id: router.project_id,
            status: router.status,
            admin_state_up: router.admin_state_up,
            availability_zones: router.availability_zones,
            gateway,
            interfaces,
            subnets: choices,
            external_networks: ssr::network_choices(&external),
            can_set_snat: auth.is_admin(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Add Interface: the subnet through its gateway address, or (a fixed IP given) through a
/// port made first with that address, as Neutron needs. A port whose plugging fails is
/// deleted again. Returns Horizon's message (`Interface added <ip>`).
#[server(name = AddInterface, endpoint = "add_router_interface")]
pub async fn add_interface(
    router_id: String,
    subnet_id: String,
    ip_address: String,
) -> Result<String, AppError> {
    use crate::model::router::{check_interface_ip, SubnetChoice};
    use crate::openstack::network::routers as neutron;
    if subnet_id.trim().is_empty() {
        return Err(AppError::bad_input("subnet_id", "This field is required."));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let lead = "Failed to add interface:";
    let work = async {
        let subnet = crate::openstack::network::get_subnet(&os, subnet_id.trim())
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::NotFound(m) => AppError::bad_input("subnet_id", m),
                other => other,
            })?;
        let choice = SubnetChoice {
            id: subnet.id.clone(),
            label: String::new(),
            cidr: subnet.cidr.clone(),
            gateway_ip: subnet.gateway_ip.clone(),
        };
        let ip = check_interface_ip(&choice, &ip_address)
            .map_err(|m| AppError::bad_input("ip_address", m))?;
        let added_ip = match ip {
            None => {
                neutron::add_interface(&os, &router_id, Some(&subnet.id), None)
                    .await
                    .map_err(|e| ssr::failed(AppError::from(e), lead))?;
                // Only for the message: which address the interface got.
                crate::openstack::network::ports_of_device(&os, &router_id)
                    .await
                    .ok()
                    .and_then(|ports| {
                        ports.into_iter().find_map(|p| {
                            p.fixed_ips
                                .into_iter()
                                .find(|f| f.subnet_id == subnet.id)
                                .map(|f| f.ip_address)
                        })
                    })
            }
            Some(ip) => {
                // A port on the subnet at that address, to become the interface.
                let port = crate::openstack::network::create_port(
                    &os,
                    serde_json::json!({
                        "network_id": subnet.network_id,
                        "fixed_ips": [{ "subnet_id": subnet.id, "ip_address": ip.to_string() }],
                    }),
                )
                .await
                .map_err(|e| ssr::failed(AppError::from(e), lead))?;
                if let Err(e) = neutron::add_interface(&os, &router_id, None, Some(&port.id)).await
                {
                    if let Err(cleanup) =
                        crate::openstack::network::delete_port(&os, &port.id).await
                    {
                        tracing::warn!(port = %port.id, "could not delete the unused port: {cleanup}");
                    }
                    return Err(ssr::failed(AppError::from(e), lead));
                }
                Some(ip.to_string())
            }
        };
        Ok(match added_ip {
            Some(ip) => format!("Interface added {ip}"),
            None => "Interface added".to_string(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Delete Interface(s): each `(port id, name)` taken off the router; the gateway port by
/// clearing the gateway, as Horizon does.
#[server(name = DeleteInterfaces, endpoint = "delete_router_interfaces")]
pub async fn delete_interfaces(
    router_id: String,
    ports: Vec<(String, String)>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::network::routers as neutron;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let router_id = &router_id;
    let os = &os;
    let work = super::ssr::batch(&ports, |port_id| async move {
        let port = crate::openstack::network::get_port(os, port_id).await?;
        if port.device_owner == "network:router_gateway" {
            neutron::clear_gateway(os, router_id).await
        } else {
            neutron::remove_interface(os, router_id, port_id).await
        }
    });
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Add Static Route. The destination and next hop are checked first, at their fields.
#[server(name = AddStaticRoute, endpoint = "add_router_route")]
pub async fn add_static_route(
    router_id: String,
    destination: String,
    nexthop: String,
) -> Result<String, AppError> {
    use crate::model::router::check_route;
    use crate::openstack::network::routers::{self as neutron, Route};
    let route = check_route(&destination, &nexthop)
        .map_err(|(field, message)| AppError::bad_input(field, message))?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let route = Route {
            destination: route.destination,
            nexthop: route.nexthop,
        };
        neutron::add_routes(&os, &router_id, &[route])
            .await
            .map_err(|e| match AppError::from(e) {
                AppError::BadInput { message, .. } => AppError::BadInput {
                    field: None,
                    message: format!("Invalid format for routes: {message}"),
                },
                other => ssr::failed(other, "Failed to add route:"),
            })?;
        Ok("Static route added".to_string())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Delete Static Route(s), all in one atomic call.
#[server(name = DeleteStaticRoutes, endpoint = "delete_router_routes")]
pub async fn delete_static_routes(
    router_id: String,
    routes: Vec<crate::model::router::StaticRoute>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::network::routers::{self as neutron, Route};
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let names: Vec<String> = routes.iter().map(|r| r.display()).collect();
        let body: Vec<Route> = routes
            .into_iter()
            .map(|r| Route {
                destination: r.destination,
                nexthop: r.nexthop,
            })
            .collect();
        Ok(match neutron::remove_routes(&os, &router_id, &body).await {
            Ok(()) => BatchResult {
                done: names,
                failed: vec![],
            },
            Err(e) => match AppError::from(e) {
                AppError::NotLoggedIn => return Err(AppError::NotLoggedIn),
                e => BatchResult {
                    done: vec![],
                    failed: names.into_iter().map(|n| (n, e.to_string())).collect(),
                },
            },
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
