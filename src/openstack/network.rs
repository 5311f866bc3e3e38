//! Neutron.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::catalog::ServiceType;
use super::client::Scoped;
use super::error::OsError;
use crate::model::QuotaItem;

#[derive(Debug, Deserialize)]
pub struct QuotaDetailsBody {
    pub quota: BTreeMap<String, QuotaDetail>,
}

#[derive(Debug, Deserialize)]
pub struct QuotaDetail {
    #[serde(default)]
    pub used: i64,
    #[serde(default)]
    pub limit: i64,
}

/// Neutron's resources in the order (and words) Horizon's overview shows them.
const SHOWN: &[(&str, &str)] = &[
    ("floatingip", "Floating IPs"),
    ("security_group", "Security Groups"),
    ("security_group_rule", "Security Group Rules"),
    ("network", "Networks"),
    ("port", "Ports"),
    ("router", "Routers"),
];

impl QuotaDetailsBody {
    pub fn quota_items(&self) -> Vec<QuotaItem> {
        SHOWN
            .iter()
            .filter_map(|(key, label)| {
                self.quota
                    .get(*key)
                    .map(|d| QuotaItem::new(label, d.used, d.limit, ""))
            })
            .collect()
    }
}

/// `GET /v2.0/quotas/{project_id}/details`: limits with what is used.
pub async fn quota_details(os: &Scoped<'_>, project_id: &str) -> Result<QuotaDetailsBody, OsError> {
    os.get_json(
        ServiceType::Network,
        &format!("/v2.0/quotas/{project_id}/details"),
    )
    .await
}

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
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct SecurityGroupsBody {
    pub security_groups: Vec<SecurityGroup>,
}

pub async fn security_groups(
    os: &Scoped<'_>,
    project_id: &str,
) -> Result<Vec<SecurityGroup>, OsError> {
    let body: SecurityGroupsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/security-groups?project_id={project_id}&fields=id&fields=name"),
        )
        .await?;
    Ok(body.security_groups)
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

#[derive(Debug, Clone, Deserialize)]
pub struct SecurityGroupRule {
    pub direction: String,
    pub ethertype: String,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port_range_min: Option<i64>,
    #[serde(default)]
    pub port_range_max: Option<i64>,
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    #[serde(default)]
    pub remote_group_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GroupWithRules {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
}

#[derive(Debug, Deserialize)]
pub struct GroupsWithRulesBody {
    pub security_groups: Vec<GroupWithRules>,
}

/// These security groups with their rules, in one call.
pub async fn groups_with_rules(
    os: &Scoped<'_>,
    ids: &[String],
) -> Result<Vec<GroupWithRules>, OsError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let query: Vec<String> = ids.iter().map(|id| format!("id={id}")).collect();
    let body: GroupsWithRulesBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/security-groups?{}", query.join("&")),
        )
        .await?;
    Ok(body.security_groups)
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
    super::client::send(ServiceType::Network, req).await?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize)]
pub struct FloatingIp {
    pub id: String,
    pub floating_ip_address: String,
    #[serde(default)]
    pub port_id: Option<String>,
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct FloatingIpsBody {
    pub floatingips: Vec<FloatingIp>,
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
    super::client::send(ServiceType::Network, req).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_recorded_quota_details() {
        let body: QuotaDetailsBody = serde_json::from_str(include_str!(
            "../../tests/fixtures/neutron_get_quotas_details.json"
        ))
        .unwrap();
        let items = body.quota_items();
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert!(labels.contains(&"Networks"), "{labels:?}");
        assert!(labels.contains(&"Floating IPs"), "{labels:?}");
    }

    #[test]
    fn parses_recorded_floating_ips_and_ports() {
        let fips: FloatingIpsBody = serde_json::from_str(include_str!(
            "../../tests/fixtures/neutron_get_floatingips.json"
        ))
        .unwrap();
        let f = &fips.floatingips[0];
        assert!(f.port_id.is_some());
        assert!(f.fixed_ip_address.is_some());
        let ports: PortsBody =
            serde_json::from_str(include_str!("../../tests/fixtures/neutron_get_ports.json"))
                .unwrap();
        assert!(ports.ports.iter().any(|p| !p.security_groups.is_empty()));
    }

    #[test]
    fn parses_recorded_groups_with_rules() {
        let body: GroupsWithRulesBody = serde_json::from_str(include_str!(
            "../../tests/fixtures/neutron_get_security_groups.json"
        ))
        .unwrap();
        let g = &body.security_groups[0];
        assert!(g
            .security_group_rules
            .iter()
            .any(|r| r.direction == "egress"));
    }
}
