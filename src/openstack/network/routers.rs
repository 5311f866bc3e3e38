//! Neutron routers: gateways, interfaces, static routes.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::networks::{networks_where, Network};
use super::{delete, send_json, send_only};
use crate::openstack::catalog::ServiceType;
use crate::openstack::client::Scoped;
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct Router {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub admin_state_up: bool,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub external_gateway_info: Option<GatewayInfo>,
    #[serde(default)]
    pub availability_zones: Vec<String>,
    #[serde(default)]
    pub routes: Vec<Route>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GatewayInfo {
    pub network_id: String,
    #[serde(default)]
    pub enable_snat: Option<bool>,
    #[serde(default)]
    pub external_fixed_ips: Vec<RouterFixedIp>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RouterFixedIp {
    #[serde(default)]
    pub subnet_id: String,
    pub ip_address: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct Route {
    pub destination: String,
    pub nexthop: String,
}

#[derive(Debug, Deserialize)]
struct RoutersBody {
    routers: Vec<Router>,
}

#[derive(Debug, Deserialize)]
struct RouterBody {
    router: Router,
}

/// The routers of one project, or (`None`, an admin) of every project.
pub async fn list_routers(
    os: &Scoped<'_>,
    project_id: Option<&str>,
) -> Result<Vec<Router>, OsError> {
    let path = match project_id {
        Some(p) => format!("/v2.0/routers?project_id={p}"),
        None => "/v2.0/routers".to_string(),
    };
    let body: RoutersBody = os.get_json(ServiceType::Network, &path).await?;
    Ok(body.routers)
}

pub async fn get_router(os: &Scoped<'_>, router_id: &str) -> Result<Router, OsError> {
    let body: RouterBody = os
        .get_json(ServiceType::Network, &format!("/v2.0/routers/{router_id}"))
        .await?;
    Ok(body.router)
}

/// What a new router is made with. `enable_snat` is sent only when the user may choose it
/// (Neutron's default policy keeps it for admins, and refuses the whole request otherwise).
pub struct NewRouter<'a> {
    pub name: &'a str,
    pub admin_state_up: bool,
    pub external_network: Option<&'a str>,
    pub enable_snat: Option<bool>,
}

pub async fn create_router(os: &Scoped<'_>, new: &NewRouter<'_>) -> Result<Router, OsError> {
    let mut router = json!({ "name": new.name, "admin_state_up": new.admin_state_up });
    if let Some(network_id) = new.external_network {
        router["external_gateway_info"] = gateway_body(network_id, new.enable_snat);
    }
    let body: RouterBody = send_json(
        os,
        Method::POST,
        "/v2.0/routers",
        &json!({ "router": router }),
    )
    .await?;
    Ok(body.router)
}

fn gateway_body(network_id: &str, enable_snat: Option<bool>) -> serde_json::Value {
    let mut info = json!({ "network_id": network_id });
    if let Some(snat) = enable_snat {
        info["enable_snat"] = json!(snat);
    }
    info
}

/// Changes a router's attributes (`{"name": ...}`, `{"external_gateway_info": ...}`).
async fn update_router(
    os: &Scoped<'_>,
    router_id: &str,
    changes: serde_json::Value,
) -> Result<Router, OsError> {
    let body: RouterBody = send_json(
        os,
        Method::PUT,
        &format!("/v2.0/routers/{router_id}"),
        &json!({ "router": changes }),
    )
    .await?;
    Ok(body.router)
}

pub async fn rename_router(
    os: &Scoped<'_>,
    router_id: &str,
    name: &str,
    admin_state_up: bool,
) -> Result<Router, OsError> {
    update_router(
        os,
        router_id,
        json!({ "name": name, "admin_state_up": admin_state_up }),
    )
    .await
}

pub async fn set_gateway(
    os: &Scoped<'_>,
    router_id: &str,
    network_id: &str,
    enable_snat: Option<bool>,
) -> Result<(), OsError> {
    update_router(
        os,
        router_id,
        json!({ "external_gateway_info": gateway_body(network_id, enable_snat) }),
    )
    .await
    .map(drop)
}

pub async fn clear_gateway(os: &Scoped<'_>, router_id: &str) -> Result<(), OsError> {
    update_router(os, router_id, json!({ "external_gateway_info": {} }))
        .await
        .map(drop)
}

/// Deletes a router after detaching its interfaces, as Horizon does: Neutron refuses (409)
/// to delete a router that still has any. Its static routes go first, as Neutron will not
/// detach an interface a route's next hop goes through (they would go with the router anyway).
pub async fn delete_router(os: &Scoped<'_>, router_id: &str) -> Result<(), OsError> {
    let (router, ports) = tokio::try_join!(
        get_router(os, router_id),
        super::ports_of_device(os, router_id)
    )?;
    if !router.routes.is_empty() {
        update_router(os, router_id, json!({ "routes": [] })).await?;
    }
    for port in ports
        .iter()
        .filter(|p| p.device_owner == "network:router_interface")
    {
        remove_interface(os, router_id, &port.id).await?;
    }
    delete(os, &format!("/v2.0/routers/{router_id}")).await
}

/// Plugs a subnet (through the address of its gateway) or a port (with the fixed IP it was
/// made with) into the router.
pub async fn add_interface(
    os: &Scoped<'_>,
    router_id: &str,
    subnet_id: Option<&str>,
    port_id: Option<&str>,
) -> Result<(), OsError> {
    let body = match (subnet_id, port_id) {
        (_, Some(port)) => json!({ "port_id": port }),
        (Some(subnet), None) => json!({ "subnet_id": subnet }),
        (None, None) => json!({}),
    };
    send_only(
        os,
        Method::PUT,
        &format!("/v2.0/routers/{router_id}/add_router_interface"),
        &body,
    )
    .await
}

pub async fn remove_interface(
    os: &Scoped<'_>,
    router_id: &str,
    port_id: &str,
) -> Result<(), OsError> {
    send_only(
        os,
        Method::PUT,
        &format!("/v2.0/routers/{router_id}/remove_router_interface"),
        &json!({ "port_id": port_id }),
    )
    .await
}

/// Adds static routes in one atomic call (`extraroute-atomic`): two users adding routes at
/// once cannot overwrite each other's, as a PUT of the whole list could.
pub async fn add_routes(os: &Scoped<'_>, router_id: &str, routes: &[Route]) -> Result<(), OsError> {
    send_only(
        os,
        Method::PUT,
        &format!("/v2.0/routers/{router_id}/add_extraroutes"),
        &json!({ "router": { "routes": routes } }),
    )
    .await
}

pub async fn remove_routes(
    os: &Scoped<'_>,
    router_id: &str,
    routes: &[Route],
) -> Result<(), OsError> {
    send_only(
        os,
        Method::PUT,
        &format!("/v2.0/routers/{router_id}/remove_extraroutes"),
        &json!({ "router": { "routes": routes } }),
    )
    .await
}

/// The external networks a gateway can be set on.
pub async fn external_networks(os: &Scoped<'_>) -> Result<Vec<Network>, OsError> {
    networks_where(os, true).await
}

/// The networks the user sees that are not external (a project's own and shared ones).
pub async fn internal_networks(os: &Scoped<'_>) -> Result<Vec<Network>, OsError> {
    networks_where(os, false).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    /// fixture-router: a gateway on ext-net, an interface on fixture-subnet and a static
    /// route through it; fixture-router-private: neither gateway nor routes.
    #[test]
    fn parses_recorded_routers() {
        let body: RoutersBody = serde_json::from_str(&fixture("neutron_get_routers.json")).unwrap();
        let networks: super::super::NetworksBody =
            serde_json::from_str(&fixture("neutron_get_networks.json")).unwrap();
        let ext = networks
            .networks
            .iter()
            .find(|n| n.name == "ext-net")
            .unwrap();
        let ext_subnet = &ext.subnets[0];
        let r = body
            .routers
            .iter()
            .find(|r| r.name == "fixture-router")
            .unwrap();
        assert_eq!((r.status.as_str(), r.admin_state_up), ("ACTIVE", true));
        let gw = r.external_gateway_info.as_ref().unwrap();
        assert_eq!(gw.network_id, ext.id);
        assert_eq!(gw.enable_snat, Some(true));
        let [ip] = &gw.external_fixed_ips[..] else {
            panic!("{gw:?}")
        };
        assert_eq!(&ip.subnet_id, ext_subnet);
        assert!(ip.ip_address.starts_with("203.0.113."), "{ip:?}");
        assert_eq!(
            r.routes,
            [Route {
                destination: "10.30.0.0/24".into(),
                nexthop: "10.20.0.5".into()
            }]
        );
        let private = body
            .routers
            .iter()
            .find(|r| r.name == "fixture-router-private")
            .unwrap();
        assert!(private.external_gateway_info.is_none());
        assert!(private.routes.is_empty());
        assert_eq!(private.project_id, r.project_id);
    }

    #[test]
    fn the_gateway_sends_snat_only_when_chosen() {
        assert_eq!(gateway_body("n", None), json!({ "network_id": "n" }));
        assert_eq!(
            gateway_body("n", Some(false)),
            json!({ "network_id": "n", "enable_snat": false })
        );
    }
}
