//! Neutron networks, subnets and ports.

use serde::Deserialize;

use crate::openstack::catalog::ServiceType;
use crate::openstack::client::Scoped;
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct Network {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub shared: bool,
    #[serde(rename = "router:external", default)]
    pub external: bool,
    #[serde(default)]
    pub project_id: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub status: String,
    #[serde(default = "yes")]
    pub admin_state_up: bool,
    /// The ids of the network's subnets.
    #[serde(default)]
    pub subnets: Vec<String>,
    #[serde(default)]
    pub availability_zones: Vec<String>,
    #[serde(default)]
    pub mtu: Option<u32>,
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
    /// Provider attributes: only an admin sees them.
    #[serde(rename = "provider:network_type", default)]
    pub network_type: Option<String>,
    #[serde(rename = "provider:physical_network", default)]
    pub physical_network: Option<String>,
    #[serde(rename = "provider:segmentation_id", default)]
    pub segmentation_id: Option<u32>,
}

fn yes() -> bool {
    true
}

impl Network {
    /// The network as a form choice: its name, or its id when it has none.
    pub fn choice(self) -> crate::model::Choice {
        crate::model::Choice {
            label: if self.name.is_empty() {
                self.id.clone()
            } else {
                self.name
            },
            id: self.id,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct NetworksBody {
    pub networks: Vec<Network>,
}

#[derive(Debug, Deserialize)]
pub struct NetworkBody {
    pub network: Network,
}

/// `GET /v2.0/networks`: every network the token may see (its project's, shared and
/// external ones; an admin's token sees every project's).
pub async fn list_networks(os: &Scoped<'_>) -> Result<Vec<Network>, OsError> {
    let body: NetworksBody = os.get_json(ServiceType::Network, "/v2.0/networks").await?;
    Ok(body.networks)
}

/// The external networks (`true`) or the others the token sees (`false`).
pub async fn networks_where(os: &Scoped<'_>, external: bool) -> Result<Vec<Network>, OsError> {
    let body: NetworksBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/networks?router:external={external}"),
        )
        .await?;
    Ok(body.networks)
}

pub async fn get_network(os: &Scoped<'_>, id: &str) -> Result<Network, OsError> {
    let body: NetworkBody = os
        .get_json(ServiceType::Network, &format!("/v2.0/networks/{id}"))
        .await?;
    Ok(body.network)
}

/// `POST /v2.0/networks` with the `network` object as given.
pub async fn create_network(
    os: &Scoped<'_>,
    network: serde_json::Value,
) -> Result<Network, OsError> {
    let body: NetworkBody = super::send_json(
        os,
        reqwest::Method::POST,
        "/v2.0/networks",
        &serde_json::json!({ "network": network }),
    )
    .await?;
    Ok(body.network)
}

pub async fn update_network(
    os: &Scoped<'_>,
    id: &str,
    changes: serde_json::Value,
) -> Result<(), OsError> {
    super::send_only(
        os,
        reqwest::Method::PUT,
        &format!("/v2.0/networks/{id}"),
        &serde_json::json!({ "network": changes }),
    )
    .await
}

/// Deletes a network; Neutron deletes its subnets with it when no port is in use.
pub async fn delete_network(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/networks/{id}")).await
}

#[derive(Debug, Clone, Deserialize)]
pub struct Subnet {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub network_id: String,
    pub cidr: String,
    pub ip_version: u8,
    #[serde(default)]
    pub gateway_ip: Option<String>,
    #[serde(default)]
    pub enable_dhcp: bool,
    #[serde(default)]
    pub allocation_pools: Vec<AllocationPool>,
    #[serde(default)]
    pub dns_nameservers: Vec<String>,
    #[serde(default)]
    pub host_routes: Vec<HostRoute>,
    #[serde(default)]
    pub project_id: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct AllocationPool {
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct HostRoute {
    pub destination: String,
    pub nexthop: String,
}

#[derive(Debug, Deserialize)]
pub struct SubnetsBody {
    pub subnets: Vec<Subnet>,
}

#[derive(Debug, Deserialize)]
pub struct SubnetBody {
    pub subnet: Subnet,
}

/// `GET /v2.0/subnets`, optionally only one network's.
pub async fn list_subnets(
    os: &Scoped<'_>,
    network_id: Option<&str>,
) -> Result<Vec<Subnet>, OsError> {
    let path = match network_id {
        Some(id) => format!("/v2.0/subnets?network_id={id}"),
        None => "/v2.0/subnets".to_string(),
    };
    let body: SubnetsBody = os.get_json(ServiceType::Network, &path).await?;
    Ok(body.subnets)
}

pub async fn get_subnet(os: &Scoped<'_>, id: &str) -> Result<Subnet, OsError> {
    let body: SubnetBody = os
        .get_json(ServiceType::Network, &format!("/v2.0/subnets/{id}"))
        .await?;
    Ok(body.subnet)
}

pub async fn create_subnet(os: &Scoped<'_>, subnet: serde_json::Value) -> Result<Subnet, OsError> {
    let body: SubnetBody = super::send_json(
        os,
        reqwest::Method::POST,
        "/v2.0/subnets",
        &serde_json::json!({ "subnet": subnet }),
    )
    .await?;
    Ok(body.subnet)
}

pub async fn update_subnet(
    os: &Scoped<'_>,
    id: &str,
    changes: serde_json::Value,
) -> Result<(), OsError> {
    super::send_only(
        os,
        reqwest::Method::PUT,
        &format!("/v2.0/subnets/{id}"),
        &serde_json::json!({ "subnet": changes }),
    )
    .await
}

pub async fn delete_subnet(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/subnets/{id}")).await
}

/// The networks an instance of this project can be plugged into: its own and shared ones,
/// not the external ones (those take floating IPs, not ports), as Horizon offers them.
pub async fn attachable_networks(
    os: &Scoped<'_>,
    project_id: &str,
) -> Result<Vec<Network>, OsError> {
    let body: NetworksBody = os.get_json(ServiceType::Network, "/v2.0/networks").await?;
    Ok(body
        .networks
        .into_iter()
        .filter(|n| (n.project_id == project_id || n.shared) && !n.external)
        .collect())
}

#[derive(Debug, Clone, Deserialize)]
pub struct Port {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub network_id: String,
    #[serde(default)]
    pub mac_address: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub fixed_ips: Vec<FixedIp>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub device_owner: String,
    #[serde(default)]
    pub device_id: String,
    #[serde(default = "yes")]
    pub admin_state_up: bool,
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
}

impl Port {
    /// The port as a form choice, labelled with its addresses (its id when it has none).
    pub fn choice(&self) -> crate::model::Choice {
        let ips: Vec<&str> = self
            .fixed_ips
            .iter()
            .map(|f| f.ip_address.as_str())
            .collect();
        crate::model::Choice {
            label: if ips.is_empty() {
                self.id.clone()
            } else {
                ips.join(", ")
            },
            id: self.id.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct FixedIp {
    pub ip_address: String,
    #[serde(default)]
    pub subnet_id: String,
}

#[derive(Debug, Deserialize)]
pub struct PortsBody {
    pub ports: Vec<Port>,
}

#[derive(Debug, Deserialize)]
pub struct PortBody {
    pub port: Port,
}

/// The ports on one network.
pub async fn ports_of_network(os: &Scoped<'_>, network_id: &str) -> Result<Vec<Port>, OsError> {
    let body: PortsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/ports?network_id={network_id}"),
        )
        .await?;
    Ok(body.ports)
}

pub async fn get_port(os: &Scoped<'_>, id: &str) -> Result<Port, OsError> {
    let body: PortBody = os
        .get_json(ServiceType::Network, &format!("/v2.0/ports/{id}"))
        .await?;
    Ok(body.port)
}

pub async fn create_port(os: &Scoped<'_>, port: serde_json::Value) -> Result<Port, OsError> {
    let body: PortBody = super::send_json(
        os,
        reqwest::Method::POST,
        "/v2.0/ports",
        &serde_json::json!({ "port": port }),
    )
    .await?;
    Ok(body.port)
}

pub async fn update_port(
    os: &Scoped<'_>,
    id: &str,
    changes: serde_json::Value,
) -> Result<(), OsError> {
    super::send_only(
        os,
        reqwest::Method::PUT,
        &format!("/v2.0/ports/{id}"),
        &serde_json::json!({ "port": changes }),
    )
    .await
}

pub async fn delete_port(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/ports/{id}")).await
}

/// The ports (interfaces) plugged into one device, e.g. an instance.
pub async fn ports_of_device(os: &Scoped<'_>, device_id: &str) -> Result<Vec<Port>, OsError> {
    let body: PortsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/ports?device_id={device_id}"),
        )
        .await?;
    Ok(body.ports)
}

/// Replaces a port's security groups (how an instance's groups change: on its ports).
pub async fn set_port_security_groups(
    os: &Scoped<'_>,
    port_id: &str,
    group_ids: &[String],
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Network,
            reqwest::Method::PUT,
            &format!("/v2.0/ports/{port_id}"),
        )?
        .json(&serde_json::json!({ "port": { "security_groups": group_ids } }));
    crate::openstack::client::send(ServiceType::Network, req).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    /// The demo user's view: its own fixture-net with fixture-subnet, and the external
    /// network (admin's, without the provider attributes only an admin sees).
    #[test]
    fn parses_recorded_networks_and_subnets() {
        let networks: NetworksBody =
            serde_json::from_str(&fixture("neutron_get_networks.json")).unwrap();
        let subnets: SubnetsBody =
            serde_json::from_str(&fixture("neutron_get_subnets.json")).unwrap();
        let net = networks
            .networks
            .iter()
            .find(|n| n.name == "fixture-net")
            .unwrap();
        assert!(!net.external && !net.shared && net.admin_state_up);
        assert_eq!(net.status, "ACTIVE");
        let sub = subnets
            .subnets
            .iter()
            .find(|s| s.name == "fixture-subnet")
            .unwrap();
        assert_eq!(net.subnets, [sub.id.as_str()]);
        assert_eq!(sub.network_id, net.id);
        assert_eq!(
            (sub.cidr.as_str(), sub.ip_version, sub.gateway_ip.as_deref()),
            ("10.20.0.0/24", 4, Some("10.20.0.1"))
        );
        assert!(sub.enable_dhcp);
        assert_eq!(
            sub.allocation_pools,
            [AllocationPool {
                start: "10.20.0.2".into(),
                end: "10.20.0.254".into()
            }]
        );
        let ext = networks
            .networks
            .iter()
            .find(|n| n.name == "ext-net")
            .unwrap();
        assert!(ext.external);
        assert_ne!(ext.project_id, net.project_id);
        assert_eq!(ext.network_type, None);
    }

    #[test]
    fn parses_recorded_ports() {
        let body: PortsBody = serde_json::from_str(&fixture("neutron_get_ports.json")).unwrap();
        let vm = body
            .ports
            .iter()
            .find(|p| p.device_owner.starts_with("compute:"))
            .unwrap();
        assert_eq!(vm.status, "ACTIVE");
        assert_eq!(vm.port_security_enabled, Some(true));
        // fixture-vm was booted into fixture-sg only.
        let groups: super::super::GroupsWithRulesBody =
            serde_json::from_str(&fixture("neutron_get_security_groups.json")).unwrap();
        let sg = groups
            .security_groups
            .iter()
            .find(|g| g.name == "fixture-sg")
            .unwrap();
        assert_eq!(vm.security_groups, [sg.id.as_str()]);
        assert_eq!(vm.mac_address.len(), 17);
        let choice = vm.choice();
        assert_eq!(choice.label, vm.fixed_ips[0].ip_address);
    }
}
