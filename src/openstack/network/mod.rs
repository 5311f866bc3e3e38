//! Neutron: a file per kind of resource; quotas and the shared request helpers here.

pub mod floating_ips;
pub mod networks;
pub mod routers;
pub mod security_groups;

pub use floating_ips::*;
pub use networks::*;
pub use security_groups::*;

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

/// `method` a JSON `body` to Neutron's `path` and reads the answer as `T` (what Neutron
/// returns for a create or an update: the object, wrapped in its singular name).
pub async fn send_json<T: serde::de::DeserializeOwned>(
    os: &Scoped<'_>,
    method: reqwest::Method,
    path: &str,
    body: &serde_json::Value,
) -> Result<T, OsError> {
    let req = os.request(ServiceType::Network, method, path)?.json(body);
    let resp = super::client::send(ServiceType::Network, req).await?;
    super::client::json_response(ServiceType::Network, resp).await
}

/// Like `send_json`, for calls whose answer is not needed (router interfaces, say).
pub async fn send_only(
    os: &Scoped<'_>,
    method: reqwest::Method,
    path: &str,
    body: &serde_json::Value,
) -> Result<(), OsError> {
    let req = os.request(ServiceType::Network, method, path)?.json(body);
    super::client::send(ServiceType::Network, req).await?;
    Ok(())
}

/// `DELETE path` on Neutron (204 on success).
pub async fn delete(os: &Scoped<'_>, path: &str) -> Result<(), OsError> {
    let req = os.request(ServiceType::Network, reqwest::Method::DELETE, path)?;
    super::client::send(ServiceType::Network, req).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::routers::Router;
    use super::*;
    use crate::fixtures::fixture;

    /// What Neutron counts as used is what the project has: the recorded lists of the same
    /// run say how many.
    #[test]
    fn parses_recorded_quota_details() {
        let body: QuotaDetailsBody =
            serde_json::from_str(&fixture("neutron_get_quotas_details.json")).unwrap();
        let items = body.quota_items();
        let shown: Vec<(&str, Option<i64>)> =
            items.iter().map(|i| (i.label.as_str(), i.limit)).collect();
        assert_eq!(
            shown,
            [
                ("Floating IPs", Some(50)),
                ("Security Groups", Some(10)),
                ("Security Group Rules", Some(100)),
                ("Networks", Some(100)),
                ("Ports", Some(500)),
                ("Routers", Some(10))
            ]
        );
        let used = |label: &str| items.iter().find(|i| i.label == label).unwrap().used;
        let fips: FloatingIpsBody =
            serde_json::from_str(&fixture("neutron_get_floatingips.json")).unwrap();
        assert_eq!(used("Floating IPs"), fips.floatingips.len() as i64);
        let groups: GroupsWithRulesBody =
            serde_json::from_str(&fixture("neutron_get_security_groups.json")).unwrap();
        assert_eq!(used("Security Groups"), groups.security_groups.len() as i64);
        let rules: usize = groups
            .security_groups
            .iter()
            .map(|g| g.security_group_rules.len())
            .sum();
        assert_eq!(used("Security Group Rules"), rules as i64);
        let routers: serde_json::Value =
            serde_json::from_str(&fixture("neutron_get_routers.json")).unwrap();
        let routers: Vec<Router> = serde_json::from_value(routers["routers"].clone()).unwrap();
        assert_eq!(used("Routers"), routers.len() as i64);
    }
}
