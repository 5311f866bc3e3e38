//! The Launch Instance wizard's server side.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::launch::{LaunchForm, LaunchOptions};

#[cfg(feature = "ssr")]
async fn gather(
    state: &crate::state::AppState,
    auth: &crate::session::AuthState,
) -> Result<LaunchOptions, AppError> {
    use crate::model::launch::{Choice, FlavorChoice, Headroom, ImageChoice, VolumeChoice};
    use crate::openstack::{compute, image, network, volume};

    let os = auth.scoped(&state.cloud);
    let pid = auth.project.id.as_str();
    // Ten questions to five services, all at once.
    let (
        images,
        flavors,
        networks,
        groups,
        keypairs,
        zones,
        limits,
        volumes,
        snapshots,
        server_groups,
    ) = tokio::join!(
        image::bootable_images(&os),
        compute::list_flavors(&os),
        network::attachable_networks(&os, pid),
        network::security_groups(&os, pid),
        compute::list_keypairs(&os),
        compute::availability_zones(&os),
        compute::limits(&os),
        volume::list_volumes(&os, Some("available")),
        volume::available_snapshots(&os),
        compute::server_groups::list_server_groups(&os),
    );
    let left = |max: i64, used: i64| (max >= 0).then(|| (max - used).max(0));
    let limits = limits?;
    let mut flavors: Vec<FlavorChoice> = flavors?
        .into_iter()
        .map(|f| FlavorChoice {
            id: f.id,
            name: f.name,
            vcpus: f.vcpus,
            ram_mb: f.ram,
            disk_gb: f.disk,
        })
        .collect();
    flavors.sort_by_key(|f| (f.vcpus, f.ram_mb, f.disk_gb));
    let image_choice = |i: image::Image| ImageChoice {
        name: i.name.clone().unwrap_or_else(|| i.id.clone()),
        id: i.id,
        min_disk_gb: i.min_disk,
        min_ram_mb: i.min_ram,
        size_bytes: i.size.unwrap_or(0),
    };
    let (snapshot_images, images): (Vec<_>, Vec<_>) = images?
        .into_iter()
        .partition(image::Image::is_instance_snapshot);
    // Without Cinder the wizard still launches from images: no volume sources then.
    let volumes = volumes
        .unwrap_or_default()
        .into_iter()
        .filter(|v| v.bootable == "true")
        .map(|v| VolumeChoice {
            name: v
                .name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| v.id.clone()),
            id: v.id,
            size_gb: v.size,
        })
        .collect();
    let volume_snapshots = snapshots
        .unwrap_or_default()
        .into_iter()
        .map(|s| VolumeChoice {
            name: s
                .name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| s.id.clone()),
            id: s.id,
            size_gb: s.size,
        })
        .collect();
    Ok(LaunchOptions {
        images: images.into_iter().map(image_choice).collect(),
        instance_snapshots: snapshot_images.into_iter().map(image_choice).collect(),
        volumes,
        volume_snapshots,
        flavors,
        networks: networks?
            .into_iter()
            .map(network::Network::choice)
            .collect(),
        security_groups: groups?
            .into_iter()
            .map(|g| Choice {
                id: g.id,
                label: g.name,
            })
            .collect(),
        keypairs: keypairs?.into_iter().map(|k| k.name).collect(),
        // A cloud without the zones extension still launches, into the default zone.
        availability_zones: zones.unwrap_or_default(),
        server_groups: server_groups?
            .into_iter()
            .map(|g| Choice {
                label: format!(
                    "{} ({})",
                    g.name,
                    crate::model::server_group::policy_label(&g.policy)
                ),
                id: g.id,
            })
            .collect(),
        headroom: Headroom {
            instances: left(limits.max_total_instances, limits.total_instances_used),
            cores: left(limits.max_total_cores, limits.total_cores_used),
            ram_mb: left(limits.max_total_ram_size, limits.total_ram_used),
        },
    })
}

#[server(name = GetLaunchOptions, endpoint = "launch_options")]
pub async fn launch_options() -> Result<LaunchOptions, AppError> {
    let (state, session, auth) = super::ssr::require_auth().await?;
    super::ssr::confirmed(&state, &session, &auth, gather(&state, &auth)).await
}

/// Checks the wizard's form against what the cloud offers right now (quota, the image's
/// needs, names), then asks Nova. Returns the number of instances scheduled.
#[server(endpoint = "launch_instance")]
pub async fn launch_instance(form: LaunchForm) -> Result<i64, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let work = async {
        let opts = gather(&state, &auth).await?;
        let valid = form
            .validate(&opts)
            .map_err(|(field, message)| AppError::bad_input(field, message))?;
        compute::create_servers(&auth.scoped(&state.cloud), &valid).await?;
        Ok(valid.count)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
