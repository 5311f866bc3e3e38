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
}

impl Network {
    /// The network as a form choice: its name, or its id when it has none.
    pub fn choice(self) -> crate::model::launch::Choice {
        crate::model::launch::Choice {
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
}

impl Port {
    /// The port as a form choice, labelled with its addresses (its id when it has none).
    pub fn choice(&self) -> crate::model::launch::Choice {
        let ips: Vec<&str> = self
            .fixed_ips
            .iter()
            .map(|f| f.ip_address.as_str())
            .collect();
        crate::model::launch::Choice {
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
}

#[derive(Debug, Deserialize)]
pub struct PortsBody {
    pub ports: Vec<Port>,
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
