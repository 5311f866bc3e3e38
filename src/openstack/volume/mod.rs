//! Cinder: volumes, snapshots and limits here; a file per further kind of resource.

pub mod types;

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

#[derive(Debug, Clone, Deserialize)]
pub struct Volume {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    pub size: i64,
    /// Cinder says `"true"` / `"false"`.
    #[serde(default)]
    pub bootable: String,
    #[serde(default)]
    pub attachments: Vec<VolumeAttachment>,
}

impl Volume {
    /// The name, or the id for a volume without one (as Horizon shows it).
    pub fn label(&self) -> String {
        match self.name.as_deref() {
            Some(n) if !n.is_empty() => format!("{n} ({} GiB)", self.size),
            _ => format!("{} ({} GiB)", self.id, self.size),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct VolumeAttachment {
    pub server_id: String,
    #[serde(default)]
    pub device: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct VolumesBody {
    pub volumes: Vec<Volume>,
}

/// The project's volumes, optionally only those in one status (e.g. `available`).
pub async fn list_volumes(os: &Scoped<'_>, status: Option<&str>) -> Result<Vec<Volume>, OsError> {
    let path = match status {
        Some(s) => format!("/volumes/detail?status={s}"),
        None => "/volumes/detail".to_string(),
    };
    let body: VolumesBody = os.get_json(ServiceType::BlockStorage, &path).await?;
    Ok(body.volumes)
}

#[derive(Debug, Clone, Deserialize)]
pub struct VolumeSnapshot {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    pub status: String,
    pub size: i64,
}

#[derive(Debug, Deserialize)]
pub struct SnapshotsBody {
    pub snapshots: Vec<VolumeSnapshot>,
}

/// The project's volume snapshots ready to make volumes from.
pub async fn available_snapshots(os: &Scoped<'_>) -> Result<Vec<VolumeSnapshot>, OsError> {
    let body: SnapshotsBody = os
        .get_json(
            ServiceType::BlockStorage,
            "/snapshots/detail?status=available",
        )
        .await?;
    Ok(body.snapshots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_recorded_volumes() {
        let body: VolumesBody = serde_json::from_str(include_str!(
            "../../../tests/fixtures/cinder_get_volumes_detail.json"
        ))
        .unwrap();
        let v = &body.volumes[0];
        assert_eq!(v.label(), "fixture-vol (1 GiB)");
        assert_eq!(v.attachments[0].device.as_deref(), Some("/dev/sdb"));
    }

    #[test]
    fn parses_recorded_limits() {
        let body: LimitsBody = serde_json::from_str(include_str!(
            "../../../tests/fixtures/cinder_get_limits.json"
        ))
        .unwrap();
        let items = body.limits.absolute.quota_items();
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|i| i.used >= 0));
    }
}
