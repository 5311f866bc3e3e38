//! Project › Volumes and Admin › Volumes: Cinder volumes, made, changed, attached, deleted.
//! Attaching and detaching go through Nova (`compute::attach_volume` / `detach_volume`),
//! the same calls the Instances panel's Attach Volume and Detach Volume make.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::volume::VolumesPage;

/// The table and what the dialogs offer, from Cinder, Nova and Glance at once.
#[server(endpoint = "list_volumes")]
pub async fn list_volumes(all_projects: bool) -> Result<VolumesPage, AppError> {
    use crate::model::policy::Action;
    use crate::model::Choice;
    use crate::openstack::compute::{self, ServerQuery};
    use crate::openstack::{image, volume};

    let (state, session, auth) = super::ssr::require(if all_projects {
        Action::ViewCloud
    } else {
        Action::ViewProject
    })
    .await?;
    let os = auth.scoped(&state.cloud);
    let query = ServerQuery {
        all_projects,
        limit: 1000,
        ..Default::default()
    };
    let work = async {
        let (volumes, servers, images, snapshots, types, zones, projects) = tokio::join!(
            volume::all_volumes(&os, all_projects),
            compute::list_servers(&os, &query),
            image::bootable_images(&os),
            volume::all_snapshots(&os, false),
            volume::types::list_types(&os),
            volume::availability_zones(&os),
            async {
                if all_projects {
                    crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                        .await
                        .unwrap_or_default()
                } else {
                    vec![]
                }
            },
        );
        let volumes = volumes?;
        // The dialogs' choices are a convenience: a failing service leaves them empty.
        let servers = servers.unwrap_or_default();
        let name_of_server = |id: &str| {
            servers
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let rows = volumes
            .iter()
            .map(|v| ssr::row(v, &name_of_server, &projects))
            .collect();
        let label = |name: &Option<String>, id: &str, size: i64| {
            format!(
                "{} ({size} GB)",
                name.clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id.to_string())
            )
        };
        Ok(VolumesPage {
            rows,
            instances: servers
                .iter()
                .filter(|s| s.tenant_id == auth.project.id)
                .map(|s| Choice {
                    id: s.id.clone(),
                    label: format!("{} ({})", s.name, s.id),
                })
                .collect(),
            images: images
                .unwrap_or_default()
                .into_iter()
                .map(|i| Choice {
                    label: format!(
                        "{} ({} MB)",
                        i.name.clone().unwrap_or_else(|| i.id.clone()),
                        i.size.unwrap_or(0) >> 20
                    ),
                    id: i.id,
                })
                .collect(),
            snapshots: snapshots
                .unwrap_or_default()
                .into_iter()
                .filter(|s| s.status == "available")
                .map(|s| Choice {
                    label: label(&s.name, &s.id, s.size),
                    id: s.id,
                })
                .collect(),
            volumes: volumes
                .iter()
                .filter(|v| v.status == "available" || v.status == "in-use")
                .map(|v| Choice {
                    label: label(&v.name, &v.id, v.size),
                    id: v.id.clone(),
                })
                .collect(),
            types: types
                .unwrap_or_default()
                .into_iter()
                .map(|t| t.name)
                .collect(),
            zones: zones.unwrap_or_default(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Volume: empty, or from an image, a snapshot or another volume (`source_type`).
#[server(endpoint = "create_volume")]
pub async fn create_volume(
    name: String,
    description: String,
    source_type: String,
    #[server(default)] image_id: String,
    #[server(default)] snapshot_id: String,
    #[server(default)] volume_id: String,
    #[server(default)] volume_type: String,
    size: String,
    #[server(default)] availability_zone: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::model::volume::parse_size;
    use crate::openstack::volume;
    use serde_json::{json, Value};

    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let size = parse_size(&size).map_err(|m| AppError::bad_input("size", m))?;
    let mut body = json!({
        "name": name.trim(),
        "description": description.trim(),
        "size": size,
    });
    let pick = |field: &str, value: &str| -> Result<Value, AppError> {
        if value.trim().is_empty() {
            Err(AppError::bad_input(field, "This field is required."))
        } else {
            Ok(Value::String(value.trim().to_string()))
        }
    };
    match source_type.as_str() {
        "" | "no_source_type" => {}
        "image_source" => body["imageRef"] = pick("image_id", &image_id)?,
        "snapshot_source" => body["snapshot_id"] = pick("snapshot_id", &snapshot_id)?,
        "volume_source" => body["source_volid"] = pick("volume_id", &volume_id)?,
        _ => return Err(AppError::bad_input("source_type", "Select a valid choice.")),
    }
    if !volume_type.trim().is_empty() {
        body["volume_type"] = Value::String(volume_type.trim().to_string());
    }
    if !availability_zone.trim().is_empty() {
        body["availability_zone"] = Value::String(availability_zone.trim().to_string());
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        let v = volume::create_volume(&os, body).await?;
        Ok(format!(
            "Creating volume \"{}\"",
            v.name.filter(|n| !n.is_empty()).unwrap_or(v.id)
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Volume: name, description, bootable.
#[server(endpoint = "update_volume")]
pub async fn update_volume(
    volume_id: String,
    name: String,
    description: String,
    bootable: Option<String>,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let current = volume::get_volume(&os, &volume_id).await?;
        volume::update_volume(&os, &volume_id, name.trim(), description.trim()).await?;
        let want = bootable.is_some();
        if (current.bootable == "true") != want {
            volume::set_bootable(&os, &volume_id, want).await?;
        }
        Ok(format!("Updating volume \"{}\"", name.trim()))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Extend Volume: a size not larger than now is refused here, before Cinder.
#[server(endpoint = "extend_volume")]
pub async fn extend_volume(
    volume_id: String,
    name: String,
    new_size: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::model::volume::check_extend;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let current = volume::get_volume(&os, &volume_id).await?;
        let size = check_extend(current.size, &new_size)
            .map_err(|m| AppError::bad_input("new_size", m))?;
        volume::extend_volume(&os, &volume_id, size).await?;
        Ok(format!("Successfully extended volume: \"{name}\""))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Manage Attachments: attach to one of the project's instances (through Nova, as the
/// Instances panel's Attach Volume does).
#[server(endpoint = "attach_volume")]
pub async fn attach_volume(
    volume_id: String,
    name: String,
    instance_id: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    if instance_id.trim().is_empty() {
        return Err(AppError::bad_input("instance_id", "Select an instance."));
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        compute::attach_volume(&os, &instance_id, &volume_id).await?;
        Ok(format!("Attaching volume {name} to instance."))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Detach from an instance (through Nova).
#[server(endpoint = "detach_volume")]
pub async fn detach_volume(
    volume_id: String,
    name: String,
    instance_id: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        compute::detach_volume(&os, &instance_id, &volume_id).await?;
        Ok(format!("Detaching volume {name}."))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Volume Snapshot (an attached volume is snapshotted with `force`).
#[server(endpoint = "create_volume_snapshot")]
pub async fn create_volume_snapshot(
    volume_id: String,
    name: String,
    description: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    if name.trim().is_empty() {
        return Err(AppError::bad_input("name", "This field is required."));
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        let v = volume::get_volume(&os, &volume_id).await?;
        volume::create_snapshot(
            &os,
            &volume_id,
            name.trim(),
            description.trim(),
            v.status == "in-use",
        )
        .await?;
        Ok(format!("Creating volume snapshot \"{}\".", name.trim()))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Change Volume Type.
#[server(endpoint = "retype_volume")]
pub async fn retype_volume(
    volume_id: String,
    name: String,
    volume_type: String,
    migrate: Option<String>,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    if volume_type.trim().is_empty() {
        return Err(AppError::bad_input("volume_type", "Select a volume type."));
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        volume::retype(&os, &volume_id, volume_type.trim(), migrate.is_some()).await?;
        Ok(format!(
            "Successfully sent the request to change the volume type to \"{}\" for volume: \"{name}\"",
            volume_type.trim()
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Upload to Image: Cinder writes the volume's data into a new image.
#[server(endpoint = "upload_volume_to_image")]
pub async fn upload_volume_to_image(
    volume_id: String,
    image_name: String,
    disk_format: String,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    if image_name.trim().is_empty() {
        return Err(AppError::bad_input("image_name", "This field is required."));
    }
    if !["raw", "qcow2", "vmdk", "vdi", "vhd", "vhdx"].contains(&disk_format.as_str()) {
        return Err(AppError::bad_input("disk_format", "Select a valid format."));
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        let v = volume::get_volume(&os, &volume_id).await?;
        volume::upload_to_image(
            &os,
            &volume_id,
            image_name.trim(),
            &disk_format,
            v.status == "in-use",
        )
        .await?;
        Ok(format!(
            "Successfully sent the request to upload volume to image for volume: \"{}\"",
            v.name.unwrap_or(v.id)
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "delete_volumes")]
pub async fn delete_volumes(volumes: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&volumes, |id| volume::delete_volume(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::model::volume::{AttachedTo, VolumeRow};
    use crate::model::ProjectRef;
    use crate::openstack::volume::Volume;

    pub fn row(
        v: &Volume,
        server_name: &dyn Fn(&str) -> String,
        projects: &[ProjectRef],
    ) -> VolumeRow {
        VolumeRow {
            id: v.id.clone(),
            name: v
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| v.id.clone()),
            description: v.description.clone().unwrap_or_default(),
            size_gb: v.size,
            status: v.status.clone(),
            volume_type: v.volume_type.clone().unwrap_or_default(),
            attachments: v
                .attachments
                .iter()
                .map(|a| AttachedTo {
                    server_id: a.server_id.clone(),
                    server_name: server_name(&a.server_id),
                    device: a.device.clone().unwrap_or_default(),
                })
                .collect(),
            availability_zone: v.availability_zone.clone().unwrap_or_default(),
            bootable: v.bootable == "true",
            encrypted: v.encrypted,
            project: v.project_id.as_ref().and_then(|pid| {
                projects
                    .iter()
                    .find(|p| p.id == *pid)
                    .map(|p| p.name.clone())
            }),
        }
    }
}
