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
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub volume_type: Option<String>,
    #[serde(default)]
    pub availability_zone: Option<String>,
    #[serde(default)]
    pub encrypted: bool,
    #[serde(default)]
    pub snapshot_id: Option<String>,
    #[serde(default)]
    pub source_volid: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default, rename = "os-vol-tenant-attr:tenant_id")]
    pub project_id: Option<String>,
    /// What Glance image it was made from, among other things.
    #[serde(default)]
    pub volume_image_metadata: Option<std::collections::BTreeMap<String, serde_json::Value>>,
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

#[derive(Debug, Deserialize)]
struct ZonesBody {
    #[serde(rename = "availabilityZoneInfo", default)]
    zones: Vec<Zone>,
}

#[derive(Debug, Deserialize)]
struct Zone {
    #[serde(rename = "zoneName")]
    name: String,
}

/// Cinder's availability zones (not Nova's: they can differ).
pub async fn availability_zones(os: &Scoped<'_>) -> Result<Vec<String>, OsError> {
    let body: ZonesBody = os
        .get_json(ServiceType::BlockStorage, "/os-availability-zone")
        .await?;
    Ok(body.zones.into_iter().map(|z| z.name).collect())
}

/// Every volume of the project, or (`all_projects`, admins) of every project, newest first.
pub async fn all_volumes(os: &Scoped<'_>, all_projects: bool) -> Result<Vec<Volume>, OsError> {
    let path = if all_projects {
        "/volumes/detail?all_tenants=1&sort=created_at:desc&limit=1000"
    } else {
        "/volumes/detail?sort=created_at:desc&limit=1000"
    };
    let body: VolumesBody = os.get_json(ServiceType::BlockStorage, path).await?;
    Ok(body.volumes)
}

#[derive(Debug, Deserialize)]
struct VolumeBody {
    volume: Volume,
}

pub async fn get_volume(os: &Scoped<'_>, id: &str) -> Result<Volume, OsError> {
    let body: VolumeBody = os
        .get_json(ServiceType::BlockStorage, &format!("/volumes/{id}"))
        .await?;
    Ok(body.volume)
}

async fn send_json(
    os: &Scoped<'_>,
    method: reqwest::Method,
    path: &str,
    body: &serde_json::Value,
) -> Result<reqwest::Response, OsError> {
    let req = os
        .request(ServiceType::BlockStorage, method, path)?
        .json(body);
    super::client::send(ServiceType::BlockStorage, req).await
}

/// `POST /volumes`: `body` is the `volume` object (size, name, and at most one source).
pub async fn create_volume(os: &Scoped<'_>, body: serde_json::Value) -> Result<Volume, OsError> {
    let resp = send_json(
        os,
        reqwest::Method::POST,
        "/volumes",
        &serde_json::json!({ "volume": body }),
    )
    .await?;
    let body: VolumeBody = super::client::json_response(ServiceType::BlockStorage, resp).await?;
    Ok(body.volume)
}

pub async fn update_volume(
    os: &Scoped<'_>,
    id: &str,
    name: &str,
    description: &str,
) -> Result<(), OsError> {
    send_json(
        os,
        reqwest::Method::PUT,
        &format!("/volumes/{id}"),
        &serde_json::json!({"volume": {"name": name, "description": description}}),
    )
    .await?;
    Ok(())
}

/// One of Cinder's volume actions (`POST /volumes/{id}/action`).
pub async fn volume_action(
    os: &Scoped<'_>,
    id: &str,
    action: serde_json::Value,
) -> Result<reqwest::Response, OsError> {
    send_json(
        os,
        reqwest::Method::POST,
        &format!("/volumes/{id}/action"),
        &action,
    )
    .await
}

pub async fn set_bootable(os: &Scoped<'_>, id: &str, bootable: bool) -> Result<(), OsError> {
    volume_action(
        os,
        id,
        serde_json::json!({"os-set_bootable": {"bootable": bootable}}),
    )
    .await?;
    Ok(())
}

/// Extends the volume to `new_size` GB (attached ones too, at microversion 3.42+).
pub async fn extend_volume(os: &Scoped<'_>, id: &str, new_size: i64) -> Result<(), OsError> {
    volume_action(
        os,
        id,
        serde_json::json!({"os-extend": {"new_size": new_size}}),
    )
    .await?;
    Ok(())
}

/// Change Volume Type; `on-demand` lets Cinder move the data when the backend must change.
pub async fn retype(
    os: &Scoped<'_>,
    id: &str,
    new_type: &str,
    migrate: bool,
) -> Result<(), OsError> {
    let policy = if migrate { "on-demand" } else { "never" };
    volume_action(
        os,
        id,
        serde_json::json!({"os-retype": {"new_type": new_type, "migration_policy": policy}}),
    )
    .await?;
    Ok(())
}

/// Upload to Image: Cinder copies the volume's data into a new Glance image.
pub async fn upload_to_image(
    os: &Scoped<'_>,
    id: &str,
    image_name: &str,
    disk_format: &str,
    force: bool,
) -> Result<(), OsError> {
    volume_action(
        os,
        id,
        serde_json::json!({"os-volume_upload_image": {
            "image_name": image_name,
            "disk_format": disk_format,
            "container_format": "bare",
            "force": force,
        }}),
    )
    .await?;
    Ok(())
}

pub async fn delete_volume(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::BlockStorage,
        reqwest::Method::DELETE,
        &format!("/volumes/{id}"),
    )?;
    super::client::send(ServiceType::BlockStorage, req).await?;
    Ok(())
}

/// A snapshot with everything the Snapshots table shows.
#[derive(Debug, Clone, Deserialize)]
pub struct SnapshotDetail {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    pub status: String,
    pub size: i64,
    pub volume_id: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default, rename = "os-extended-snapshot-attributes:project_id")]
    pub project_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SnapshotDetailsBody {
    snapshots: Vec<SnapshotDetail>,
}

#[derive(Debug, Deserialize)]
struct SnapshotBody {
    snapshot: SnapshotDetail,
}

pub async fn all_snapshots(
    os: &Scoped<'_>,
    all_projects: bool,
) -> Result<Vec<SnapshotDetail>, OsError> {
    let path = if all_projects {
        "/snapshots/detail?all_tenants=1&sort=created_at:desc&limit=1000"
    } else {
        "/snapshots/detail?sort=created_at:desc&limit=1000"
    };
    let body: SnapshotDetailsBody = os.get_json(ServiceType::BlockStorage, path).await?;
    Ok(body.snapshots)
}

/// Create Volume Snapshot; `force` snapshots an attached volume.
pub async fn create_snapshot(
    os: &Scoped<'_>,
    volume_id: &str,
    name: &str,
    description: &str,
    force: bool,
) -> Result<SnapshotDetail, OsError> {
    let resp = send_json(
        os,
        reqwest::Method::POST,
        "/snapshots",
        &serde_json::json!({"snapshot": {
            "volume_id": volume_id, "name": name, "description": description, "force": force,
        }}),
    )
    .await?;
    let body: SnapshotBody = super::client::json_response(ServiceType::BlockStorage, resp).await?;
    Ok(body.snapshot)
}

pub async fn update_snapshot(
    os: &Scoped<'_>,
    id: &str,
    name: &str,
    description: &str,
) -> Result<(), OsError> {
    send_json(
        os,
        reqwest::Method::PUT,
        &format!("/snapshots/{id}"),
        &serde_json::json!({"snapshot": {"name": name, "description": description}}),
    )
    .await?;
    Ok(())
}

pub async fn delete_snapshot(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::BlockStorage,
        reqwest::Method::DELETE,
        &format!("/snapshots/{id}"),
    )?;
    super::client::send(ServiceType::BlockStorage, req).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;
    use crate::openstack::compute::ServerBody;

    fn recorded_volumes() -> Vec<Volume> {
        let body: VolumesBody =
            serde_json::from_str(&fixture("cinder_get_volumes_detail.json")).unwrap();
        body.volumes
    }

    /// fixture-vol: 1 GiB, attached to fixture-vm (Nova picked the device).
    #[test]
    fn parses_recorded_volumes() {
        let server: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        let server = server.server;
        let volumes = recorded_volumes();
        let v = volumes
            .iter()
            .find(|v| v.name.as_deref() == Some("fixture-vol"))
            .unwrap();
        assert_eq!(v.label(), "fixture-vol (1 GiB)");
        assert_eq!(
            (v.status.as_str(), v.bootable.as_str()),
            ("in-use", "false")
        );
        assert_eq!(v.project_id.as_deref(), Some(server.tenant_id.as_str()));
        assert_eq!(v.availability_zone.as_deref(), Some("nova"));
        assert!(!v.encrypted);
        assert_eq!((&v.snapshot_id, &v.source_volid), (&None, &None));
        let [a] = &v.attachments[..] else {
            panic!("{v:?}")
        };
        assert_eq!(a.server_id, server.id);
        assert_eq!(a.device.as_deref(), Some("/dev/sdb"));
        // The server lists the same volume as attached.
        let attached: Vec<&str> = server
            .volumes_attached
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(attached, [v.id.as_str()]);
    }

    /// The default quota, and what the project's volumes use of it.
    #[test]
    fn parses_recorded_limits() {
        let body: LimitsBody = serde_json::from_str(&fixture("cinder_get_limits.json")).unwrap();
        let items = body.limits.absolute.quota_items();
        let shown: Vec<(&str, Option<i64>, &str)> = items
            .iter()
            .map(|i| (i.label.as_str(), i.limit, i.unit.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Volumes", Some(10), ""),
                ("Volume Snapshots", Some(10), ""),
                ("Volume Storage", Some(1000), "GB")
            ]
        );
        let volumes = recorded_volumes();
        let gigabytes: i64 = volumes.iter().map(|v| v.size).sum();
        let used: Vec<i64> = items.iter().map(|i| i.used).collect();
        assert_eq!(used, [volumes.len() as i64, 0, gigabytes]);
    }
}
