//! Cinder.

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

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    #[serde(default = "unlimited")]
    pub max_total_volumes: i64,
    #[serde(default)]
    pub total_volumes_used: i64,
    #[serde(default = "unlimited")]
    pub max_total_volume_gigabytes: i64,
    #[serde(default)]
    pub total_gigabytes_used: i64,
    #[serde(default = "unlimited")]
    pub max_total_snapshots: i64,
    #[serde(default)]
    pub total_snapshots_used: i64,
}

fn unlimited() -> i64 {
    -1
}

impl AbsoluteLimits {
    pub fn quota_items(&self) -> Vec<QuotaItem> {
        vec![
            QuotaItem::new(
                "Volumes",
                self.total_volumes_used,
                self.max_total_volumes,
                "",
            ),
            QuotaItem::new(
                "Volume Snapshots",
                self.total_snapshots_used,
                self.max_total_snapshots,
                "",
            ),
            QuotaItem::new(
                "Volume Storage",
                self.total_gigabytes_used,
                self.max_total_volume_gigabytes,
                "GB",
            ),
        ]
    }
}

/// `GET /limits` on the project's block-storage endpoint (its URL already names the project).
pub async fn limits(os: &Scoped<'_>) -> Result<AbsoluteLimits, OsError> {
    let body: LimitsBody = os.get_json(ServiceType::BlockStorage, "/limits").await?;
    Ok(body.limits.absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_recorded_limits() {
        let body: LimitsBody =
            serde_json::from_str(include_str!("../../tests/fixtures/cinder_get_limits.json"))
                .unwrap();
        let items = body.limits.absolute.quota_items();
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|i| i.used >= 0));
    }
}
