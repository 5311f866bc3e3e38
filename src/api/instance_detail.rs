//! The instance detail page (`/project/instances/{id}/`).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::compute::InstanceDetail;

/// The instance, its interfaces, the last `log_lines` of its console log and its action
/// log: five calls to three services at once, then the image's name and the security
/// groups' rules, together.
#[server(name = GetInstanceDetail, endpoint = "instance_detail")]
pub async fn instance_detail(id: String, log_lines: u32) -> Result<InstanceDetail, AppError> {
    use crate::model::compute::{ActionLogRow, InterfaceRow};
    use crate::model::security_group::{GroupRules, RuleSpec};
    use crate::openstack::{compute, image, network};

    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let lines = log_lines.clamp(1, 10_000);
    let work = async {
        let (server, ports, log, actions) = tokio::join!(
            compute::get_server(&os, &id),
            network::ports_of_device(&os, &id),
            compute::console_output(&os, &id, lines),
            compute::instance_actions(&os, &id),
        );
        let server = server.map_err(AppError::from)?;
        let image_ids: Vec<&str> = server.image_id().into_iter().collect();
        // The groups on the instance's ports, with their rules: one more Neutron call, made
        // while Glance names the image.
        let mut group_ids: Vec<String> = ports
            .as_ref()
            .map(|ps| ps.iter().flat_map(|p| p.security_groups.clone()).collect())
            .unwrap_or_default();
        group_ids.sort();
        group_ids.dedup();
        let (images, groups) = tokio::join!(
            image::images_by_id(&os, &image_ids),
            network::groups_with_rules(&os, &group_ids)
        );
        let images = images.unwrap_or_default();
        let groups = groups.unwrap_or_default();
        let group_name = |id: &str| {
            groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.name.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let security_group_rules: Vec<GroupRules> = groups
            .iter()
            .map(|g| GroupRules {
                name: g.name.clone(),
                rules: g
                    .security_group_rules
                    .iter()
                    .map(|r| {
                        RuleSpec {
                            direction: r.direction.clone(),
                            ethertype: r.ethertype.clone(),
                            protocol: r.protocol.clone(),
                            port_range_min: r.port_range_min,
                            port_range_max: r.port_range_max,
                            remote_ip_prefix: r.remote_ip_prefix.clone(),
                            remote_group: r.remote_group_id.as_deref().map(group_name),
                        }
                        .describe()
                    })
                    .collect(),
            })
            .collect();
        let words = |e: crate::openstack::OsError| AppError::from(e).to_string();
        let mut detail = InstanceDetail {
            created_shown: String::new(),
            description: server.description.clone(),
            metadata: server.metadata.clone().into_iter().collect(),
            security_groups: server
                .security_groups
                .iter()
                .map(|g| g.name.clone())
                .collect(),
            security_group_rules,
            volumes: server
                .volumes_attached
                .iter()
                .map(|v| v.id.clone())
                .collect(),
            row: super::instances::row_of(server, &images, auth.is_admin()),
            interfaces: ports
                .map(|ps| {
                    ps.into_iter()
                        .map(|p| InterfaceRow {
                            id: p.id,
                            name: p.name,
                            network_id: p.network_id,
                            mac_address: p.mac_address,
                            fixed_ips: p.fixed_ips.into_iter().map(|f| f.ip_address).collect(),
                            status: p.status,
                        })
                        .collect()
                })
                .map_err(words),
            log: log.map_err(words),
            actions: actions
                .map(|a| {
                    a.into_iter()
                        .map(|r| ActionLogRow {
                            request_id: r.request_id,
                            action: r.action,
                            start_time: r.start_time,
                            user_id: r.user_id.unwrap_or_default(),
                            message: r.message.unwrap_or_default(),
                        })
                        .collect()
                })
                .map_err(words),
        };
        detail.created_shown = super::ssr::local_time(detail.row.created);
        Ok(detail)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
