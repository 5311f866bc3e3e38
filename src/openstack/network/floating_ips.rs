//! Neutron floating IPs, and the two lists their forms choose from: the external networks
//! they are allocated from (pools) and the instance ports they can point at.

use serde::Deserialize;

use crate::openstack::catalog::ServiceType;
use crate::openstack::client::Scoped;
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct FloatingIp {
    pub id: String,
    pub floating_ip_address: String,
    #[serde(default)]
    pub port_id: Option<String>,
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
    #[serde(default)]
    pub description: String,
    /// The external network (pool) it was allocated from.
    #[serde(default)]
    pub floating_network_id: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub project_id: String,
    /// The associated port, as Neutron embeds it (`fip-port-details`): its device is the
    /// instance, so no port lookup is needed to name it.
    #[serde(default)]
    pub port_details: Option<FloatingIpPortDetails>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct FloatingIpPortDetails {
    #[serde(default)]
    pub device_id: String,
    #[serde(default)]
    pub device_owner: String,
}

#[derive(Debug, Deserialize)]
pub struct FloatingIpsBody {
    pub floatingips: Vec<FloatingIp>,
}

#[derive(Debug, Deserialize)]
struct FloatingIpBody {
    floatingip: FloatingIp,
}

/// The project's floating IPs, associated or not.
pub async fn floating_ips(os: &Scoped<'_>, project_id: &str) -> Result<Vec<FloatingIp>, OsError> {
    let body: FloatingIpsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/floatingips?project_id={project_id}"),
        )
        .await?;
    Ok(body.floatingips)
}

/// Every floating IP the token may see (all projects' for an admin).
pub async fn all_floating_ips(os: &Scoped<'_>) -> Result<Vec<FloatingIp>, OsError> {
    let body: FloatingIpsBody = os
        .get_json(ServiceType::Network, "/v2.0/floatingips")
        .await?;
    Ok(body.floatingips)
}

/// Allocates a floating IP from the external network `pool`; `project_id` (admins only)
/// allocates it to another project.
pub async fn create_floating_ip(
    os: &Scoped<'_>,
    pool: &str,
    description: &str,
    project_id: Option<&str>,
) -> Result<FloatingIp, OsError> {
    let mut fip = serde_json::json!({ "floating_network_id": pool, "description": description });
    if let Some(p) = project_id {
        fip["project_id"] = p.into();
    }
    let body: FloatingIpBody = super::send_json(
        os,
        reqwest::Method::POST,
        "/v2.0/floatingips",
        &serde_json::json!({ "floatingip": fip }),
    )
    .await?;
    Ok(body.floatingip)
}

/// Releases a floating IP (back to its pool).
pub async fn delete_floating_ip(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/floatingips/{id}")).await
}

/// Points a floating IP at a port, or (`None`) at nothing.
pub async fn set_floating_ip_port(
    os: &Scoped<'_>,
    floating_ip_id: &str,
    port_id: Option<&str>,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Network,
            reqwest::Method::PUT,
            &format!("/v2.0/floatingips/{floating_ip_id}"),
        )?
        .json(&serde_json::json!({ "floatingip": { "port_id": port_id } }));
    crate::openstack::client::send(ServiceType::Network, req).await?;
    Ok(())
}

/// An external network: where floating IPs come from.
#[derive(Debug, Clone, Deserialize)]
pub struct Pool {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

#[derive(Debug, Deserialize)]
struct PoolsBody {
    networks: Vec<Pool>,
}

/// The external networks (`router:external`), Horizon's floating IP pools.
pub async fn floating_ip_pools(os: &Scoped<'_>) -> Result<Vec<Pool>, OsError> {
    let body: PoolsBody = os
        .get_json(
            ServiceType::Network,
            "/v2.0/networks?router:external=true&fields=id&fields=name",
        )
        .await?;
    Ok(body.networks)
}

/// A port with what says which device it belongs to.
#[derive(Debug, Clone, Deserialize)]
pub struct DevicePort {
    pub id: String,
    #[serde(default)]
    pub device_id: String,
    #[serde(default)]
    pub device_owner: String,
    #[serde(default)]
    pub fixed_ips: Vec<super::FixedIp>,
}

impl DevicePort {
    /// An instance's port (Nova names the owner `compute:<zone>`).
    pub fn is_instance_port(&self) -> bool {
        self.device_owner.starts_with("compute:")
    }
}

#[derive(Debug, Deserialize)]
struct DevicePortsBody {
    ports: Vec<DevicePort>,
}

/// The project's ports (one call; only the fields the forms need).
pub async fn project_ports(os: &Scoped<'_>, project_id: &str) -> Result<Vec<DevicePort>, OsError> {
    let body: DevicePortsBody = os
        .get_json(
            ServiceType::Network,
            &format!(
                "/v2.0/ports?project_id={project_id}&fields=id&fields=device_id\
                 &fields=device_owner&fields=fixed_ips"
            ),
        )
        .await?;
    Ok(body.ports)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;
    use crate::openstack::compute::ServerBody;
    use crate::openstack::network::NetworksBody;

    /// The recorded floating IP points at fixture-vm's port: Neutron embeds the port, so the
    /// instance is named without another call.
    #[test]
    fn parses_recorded_floating_ips() {
        let body: FloatingIpsBody =
            serde_json::from_str(&fixture("neutron_get_floatingips.json")).unwrap();
        let server: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        let server = server.server;
        let networks: NetworksBody =
            serde_json::from_str(&fixture("neutron_get_networks.json")).unwrap();
        let ext = networks
            .networks
            .iter()
            .find(|n| n.name == "ext-net")
            .unwrap();
        let f = body
            .floatingips
            .iter()
            .find(|f| {
                f.port_details
                    .as_ref()
                    .is_some_and(|p| p.device_id == server.id)
            })
            .expect("fixture-vm's floating IP");
        assert!(f.floating_ip_address.starts_with("203.0.113."), "{f:?}");
        assert_eq!(f.floating_network_id, ext.id);
        assert_eq!(f.project_id, server.tenant_id);
        assert_eq!(
            f.port_details.as_ref().unwrap().device_owner,
            "compute:nova"
        );
        let fixed = f.fixed_ip_address.as_deref().unwrap();
        assert!(
            server.addresses["fixture-net"]
                .iter()
                .any(|a| a.addr == fixed),
            "{fixed}"
        );
        // No L3 agent in the test cloud: the address stays DOWN.
        assert_eq!(f.status, "DOWN");
        assert!(f.port_id.is_some());
    }

    #[test]
    fn recorded_ports_parse_as_device_ports() {
        let body: DevicePortsBody =
            serde_json::from_str(&fixture("neutron_get_ports.json")).unwrap();
        let server: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        let vm: Vec<&DevicePort> = body
            .ports
            .iter()
            .filter(|p| p.device_id == server.server.id)
            .collect();
        assert_eq!(vm.len(), 1);
        assert!(vm[0].is_instance_port());
        assert!(vm[0].fixed_ips[0].ip_address.starts_with("10.20.0."));
        let router_port = body
            .ports
            .iter()
            .find(|p| p.device_owner == "network:router_interface")
            .unwrap();
        assert!(!router_port.is_instance_port());
    }
}
