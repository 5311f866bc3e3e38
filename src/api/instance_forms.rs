//! The instance row's forms (Resize, Rebuild, Create Snapshot, Attach Volume...): what each
//! offers, and the change it makes once the server has checked it.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::instance_forms::{FormOptions, InstanceChange, InstanceForm};

/// Fetches, all at once, what one form needs to offer for this instance.
#[cfg(feature = "ssr")]
async fn gather(
    state: &crate::state::AppState,
    auth: &crate::session::AuthState,
    id: &str,
    form: InstanceForm,
) -> Result<FormOptions, AppError> {
    use crate::model::Choice;
    use crate::openstack::{compute, image, network, volume};
    use InstanceForm as F;

    let os = auth.scoped(&state.cloud);
    let pid = auth.project.id.as_str();
    let mut o = FormOptions::default();
    let image_choices = |images: Vec<image::Image>| {
        images
            .into_iter()
            .map(|i| Choice {
                label: i.name.clone().unwrap_or_else(|| i.id.clone()),
                id: i.id,
            })
            .collect::<Vec<_>>()
    };
    match form {
        F::Edit | F::Snapshot => {
            let server = compute::get_server(&os, id).await?;
            o.name = server.name;
            o.description = server.description.unwrap_or_default();
        }
        F::EditSecurityGroups => {
            let (groups, ports) = tokio::join!(
                network::security_groups(&os, pid),
                network::ports_of_device(&os, id)
            );
            let ports = ports?;
            o.security_groups = groups?
                .into_iter()
                .map(|g| Choice {
                    id: g.id,
                    label: g.name,
                })
                .collect();
            let mut current: Vec<String> = ports
                .iter()
                .flat_map(|p| p.security_groups.iter().cloned())
                .collect();
            current.sort();
            current.dedup();
            o.current_security_groups = current;
            o.ports = ports.iter().map(network::Port::choice).collect();
        }
        F::Resize => {
            let (server, flavors) =
                tokio::join!(compute::get_server(&os, id), compute::list_flavors(&os));
            let (server, mut flavors) = (server?, flavors?);
            flavors.sort_by_key(|f| (f.vcpus, f.ram, f.disk));
            let current = server.flavor.original_name;
            o.current_flavor = flavors
                .iter()
                .find(|f| f.name == current)
                .map(|f| f.id.clone())
                .unwrap_or_default();
            o.flavors = flavors
                .into_iter()
                .filter(|f| f.name != current)
                .map(|f| Choice {
                    label: format!(
                        "{} — {} VCPU, {} MB RAM, {} GB disk",
                        f.name, f.vcpus, f.ram, f.disk
                    ),
                    id: f.id,
                })
                .collect();
            o.name = current;
        }
        F::Rebuild | F::Rescue => o.images = image_choices(image::bootable_images(&os).await?),
        F::AttachInterface => {
            o.networks = network::attachable_networks(&os, pid)
                .await?
                .into_iter()
                .map(network::Network::choice)
                .collect();
        }
        F::DetachInterface | F::AssociateFloatingIp | F::DisassociateFloatingIp => {
            let (ports, fips) = tokio::join!(
                network::ports_of_device(&os, id),
                network::floating_ips(&os, pid)
            );
            let ports = ports?;
            o.ports = ports.iter().map(network::Port::choice).collect();
            if form != F::DetachInterface {
                let ours = |f: &network::FloatingIp| {
                    f.port_id
                        .as_ref()
                        .is_some_and(|p| ports.iter().any(|q| q.id == *p))
                };
                // Associate offers the free ones; Disassociate those on this instance.
                o.floating_ips = fips?
                    .into_iter()
                    .filter(|f| {
                        if form == F::AssociateFloatingIp {
                            f.port_id.is_none()
                        } else {
                            ours(f)
                        }
                    })
                    .map(|f| Choice {
                        id: f.id,
                        label: f.floating_ip_address,
                    })
                    .collect();
            }
        }
        F::AttachVolume | F::DetachVolume => {
            let status = (form == F::AttachVolume).then_some("available");
            o.volumes = volume::list_volumes(&os, status)
                .await?
                .into_iter()
                .filter(|v| {
                    form == F::AttachVolume || v.attachments.iter().any(|a| a.server_id == id)
                })
                .map(|v| Choice {
                    label: v.label(),
                    id: v.id,
                })
                .collect();
        }
    }
    Ok(o)
}

#[server(name = GetInstanceFormOptions, endpoint = "instance_form_options")]
pub async fn instance_form_options(
    id: String,
    form: InstanceForm,
) -> Result<FormOptions, AppError> {
    let (state, session, auth) = super::ssr::require_auth().await?;
    super::ssr::confirmed(&state, &session, &auth, gather(&state, &auth, &id, form)).await
}

/// Checks the change against what the cloud offers now, then makes it. Returns the message
/// to show; a refusal from the cloud comes back in its own words.
#[server(name = ChangeInstance, endpoint = "change_instance")]
pub async fn change_instance(
    id: String,
    name: String,
    change: InstanceChange,
) -> Result<String, AppError> {
    use crate::openstack::{compute, network};
    use serde_json::json;
    use InstanceChange as C;

    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let o = gather(&state, &auth, &id, change.form()).await?;
        change
            .validate(&o)
            .map_err(|(field, message)| AppError::bad_input(field, message))?;
        let action = |body| compute::post_server_action(&os, &id, body);
        match &change {
            C::Edit { name, description } => {
                compute::update_server(&os, &id, name.trim(), description.trim()).await?
            }
            C::EditSecurityGroups { ids } => {
                // The instance's groups live on its ports: every port gets the new set.
                let calls = o
                    .ports
                    .iter()
                    .map(|p| network::set_port_security_groups(&os, &p.id, ids));
                for result in futures::future::join_all(calls).await {
                    result?;
                }
            }
            C::Snapshot { name } => action(json!({"createImage": {"name": name.trim()}})).await?,
            C::Resize { flavor_id } => action(json!({"resize": {"flavorRef": flavor_id}})).await?,
            C::Rebuild { image_id } => action(json!({"rebuild": {"imageRef": image_id}})).await?,
            C::Rescue { image_id } if image_id.is_empty() => {
                action(json!({"rescue": null})).await?
            }
            C::Rescue { image_id } => {
                action(json!({"rescue": {"rescue_image_ref": image_id}})).await?
            }
            C::AttachInterface {
                network_id,
                fixed_ip,
            } => {
                let ip = Some(fixed_ip.trim()).filter(|ip| !ip.is_empty());
                compute::attach_interface(&os, &id, network_id, ip).await?
            }
            C::DetachInterface { port_id } => compute::detach_interface(&os, &id, port_id).await?,
            C::AssociateFloatingIp {
                floating_ip_id,
                port_id,
            } => network::set_floating_ip_port(&os, floating_ip_id, Some(port_id)).await?,
            C::DisassociateFloatingIp { floating_ip_id } => {
                network::set_floating_ip_port(&os, floating_ip_id, None).await?
            }
            C::AttachVolume { volume_id } => compute::attach_volume(&os, &id, volume_id).await?,
            C::DetachVolume { volume_id } => compute::detach_volume(&os, &id, volume_id).await?,
        }
        Ok(change.done_message(&name, &o))
    };
    match super::ssr::confirmed(&state, &session, &auth, work).await {
        Ok(message) => Ok(message),
        Err(e @ (AppError::NotLoggedIn | AppError::BadInput { .. })) => Err(e),
        Err(e) => Err(AppError::Upstream {
            service: format!("Unable to {} {name}", change.form().label().to_lowercase()),
            message: e.to_string(),
        }),
    }
}
