//! Nova.

use serde::Deserialize;

use super::catalog::ServiceType;
use super::client::Scoped;
use super::error::OsError;
use crate::model::QuotaItem;

#[derive(Debug, Deserialize)]
pub struct LimitsBody {
    pub limits: Limits,
}

#[derive(Debug, Deserialize)]
pub struct Limits {
    pub absolute: AbsoluteLimits,
}

/// `GET /limits` → `limits.absolute`. Missing numbers (older or newer microversions drop
/// some) read as unlimited / unused.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    #[serde(default = "unlimited")]
    pub max_total_instances: i64,
    #[serde(default)]
    pub total_instances_used: i64,
    #[serde(default = "unlimited")]
    pub max_total_cores: i64,
    #[serde(default)]
    pub total_cores_used: i64,
    #[serde(rename = "maxTotalRAMSize", default = "unlimited")]
    pub max_total_ram_size: i64,
    #[serde(rename = "totalRAMUsed", default)]
    pub total_ram_used: i64,
    #[serde(default = "unlimited")]
    pub max_server_groups: i64,
    #[serde(default)]
    pub total_server_groups_used: i64,
}

fn unlimited() -> i64 {
    -1
}

impl AbsoluteLimits {
    pub fn quota_items(&self) -> Vec<QuotaItem> {
        vec![
            QuotaItem::new(
                "Instances",
                self.total_instances_used,
                self.max_total_instances,
                "",
            ),
            QuotaItem::new("VCPUs", self.total_cores_used, self.max_total_cores, ""),
            QuotaItem::new("RAM", self.total_ram_used, self.max_total_ram_size, "MB"),
            QuotaItem::new(
                "Server Groups",
                self.total_server_groups_used,
                self.max_server_groups,
                "",
            ),
        ]
    }
}

/// The project's compute limits and what it uses of them.
pub async fn limits(os: &Scoped<'_>) -> Result<AbsoluteLimits, OsError> {
    let body: LimitsBody = os.get_json(ServiceType::Compute, "/limits").await?;
    Ok(body.limits.absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_recorded_limits() {
        let body: LimitsBody =
            serde_json::from_str(include_str!("../../tests/fixtures/nova_get_limits.json"))
                .unwrap();
        let items = body.limits.absolute.quota_items();
        assert_eq!(items[0].label, "Instances");
        assert!(items[0].limit.is_some());
        assert_eq!(items[2].unit, "MB");
    }
}
