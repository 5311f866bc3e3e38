//! Project › Instances and Admin › Instances.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::compute::InstancePage;

/// The table's filter and position, as they appear in the page's query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceFilter {
    pub name: Option<String>,
    pub status: Option<String>,
    pub image: Option<String>,
    pub flavor: Option<String>,
    pub ip: Option<String>,
    pub marker: Option<String>,
    /// `true` when walking back with `« Prev`.
    pub prev: bool,
    pub page_size: u32,
}

/// One page of the project's instances (all projects' for `all_projects`, admins only).
///
/// One Nova call for the servers (flavors come embedded), then one Glance call for the
/// names of all the images on the page, while Keystone confirms the token: three calls,
/// two of them in parallel, whatever the number of rows.
#[server(endpoint = "list_instances")]
pub async fn list_instances(
    filter: InstanceFilter,
    all_projects: bool,
) -> Result<InstancePage, AppError> {
    use crate::model::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_COOKIE};
    use crate::openstack::compute::{self, ServerQuery};
    use crate::openstack::image;

    let (state, session, auth) = if all_projects {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require_auth().await?
    };
    // An explicit `page_size` wins; otherwise the user's own choice; otherwise the default.
    let page_size = match filter.page_size {
        0 => super::ssr::request_cookie(PAGE_SIZE_COOKIE)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_PAGE_SIZE),
        n => n,
    }
    .min(MAX_PAGE_SIZE);
    let os = auth.scoped(&state.cloud);
    let query = ServerQuery {
        name: filter.name.clone(),
        status: filter.status.clone().map(|s| s.to_uppercase()),
        image: filter.image.clone(),
        flavor: filter.flavor.clone(),
        ip: filter.ip.clone(),
        all_projects,
        // One more than shown tells whether there is a next page.
        limit: page_size + 1,
        marker: filter.marker.clone().filter(|m| !m.is_empty()),
        reverse: filter.prev,
    };
    let work = async {
        // The project names an admin sees come from Keystone, asked at the same time.
        let (servers, projects) = tokio::join!(compute::list_servers(&os, &query), async {
            if all_projects {
                crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                    .await
                    .unwrap_or_default()
            } else {
                vec![]
            }
        });
        let mut servers = servers.map_err(AppError::from)?;
        let has_more = servers.len() > page_size as usize;
        servers.truncate(page_size as usize);
        if query.reverse {
            servers.reverse();
        }
        let mut ids: Vec<&str> = servers.iter().filter_map(|s| s.image_id()).collect();
        ids.sort_unstable();
        ids.dedup();
        // A failing Glance leaves image names out, not the table.
        let images = image::images_by_id(&os, &ids).await.unwrap_or_default();
        Ok((servers, images, projects, has_more))
    };
    let (servers, images, projects, has_more) =
        super::ssr::confirmed(&state, &session, &auth, work).await?;
    let mut page = ssr::page(
        servers,
        &images,
        has_more,
        query.marker.is_some(),
        query.reverse,
        auth.is_admin() && all_projects,
    );
    if all_projects {
        for row in &mut page.rows {
            row.project_name = projects
                .iter()
                .find(|p| p.id == row.project_id)
                .map(|p| p.name.clone());
        }
    }
    Ok(page)
}
/// One server as a table row, with its image's name from `images`.
#[cfg(feature = "ssr")]
pub fn row_of(
    server: crate::openstack::compute::Server,
    images: &[crate::openstack::image::Image],
    show_host: bool,
) -> crate::model::compute::InstanceRow {
    let mut page = ssr::page(vec![server], images, false, false, false, show_host);
    page.rows.remove(0)
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::HashMap;

    use crate::model::compute::{InstanceAddress, InstancePage, InstanceRow, PowerState};
    use crate::openstack::compute::Server;
    use crate::openstack::image::Image;

    /// Joins the servers with their images' names and works out the markers around the page.
    pub fn page(
        servers: Vec<Server>,
        images: &[Image],
        has_more: bool,
        had_marker: bool,
        reverse: bool,
        show_host: bool,
    ) -> InstancePage {
        let names: HashMap<&str, &str> = images
            .iter()
            .map(|i| (i.id.as_str(), i.name.as_deref().unwrap_or(i.id.as_str())))
            .collect();
        let rows: Vec<InstanceRow> = servers
            .into_iter()
            .map(|s| {
                let image_name = s.image_id().map(|id| {
                    names
                        .get(id)
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| id.to_string())
                });
                let addresses = s
                    .addresses
                    .iter()
                    .flat_map(|(net, addrs)| {
                        addrs.iter().map(move |a| InstanceAddress {
                            network: net.clone(),
                            addr: a.addr.clone(),
                            floating: a.kind.as_deref() == Some("floating"),
                        })
                    })
                    .collect();
                InstanceRow {
                    image_name,
                    addresses,
                    flavor_name: s.flavor.original_name.clone(),
                    power_state: PowerState::from_code(s.power_state),
                    host: if show_host { s.host.clone() } else { None },
                    id: s.id,
                    name: s.name,
                    key_name: s.key_name,
                    status: s.status,
                    task_state: s.task_state,
                    availability_zone: s.availability_zone,
                    created: s.created,
                    locked: s.locked,
                    project_id: s.tenant_id,
                    project_name: None,
                    attached_volumes: s.volumes_attached.into_iter().map(|v| v.id).collect(),
                }
            })
            .collect();
        // Going forward, more rows mean a next page; going back, we came from one.
        let (next, prev) = if reverse {
            (true, has_more)
        } else {
            (has_more, had_marker)
        };
        InstancePage {
            next_marker: next.then(|| rows.last().map(|r| r.id.clone())).flatten(),
            prev_marker: prev.then(|| rows.first().map(|r| r.id.clone())).flatten(),
            rows,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::fixtures::fixture;
        use crate::openstack::compute::ServersBody;
        use crate::openstack::image::ImagesBody;

        fn recorded() -> Vec<Server> {
            let body: ServersBody =
                serde_json::from_str(&fixture("nova_get_servers_detail.json")).unwrap();
            body.servers
        }

        fn recorded_images() -> Vec<Image> {
            let body: ImagesBody =
                serde_json::from_str(&fixture("glance_get_images.json")).unwrap();
            body.images
        }

        /// The recorded instance joined with the recorded images: its image named, its
        /// flavor, address, status and power state as the table shows them.
        #[test]
        fn joins_image_names_and_addresses() {
            let servers = recorded();
            let vm_id = servers
                .iter()
                .find(|s| s.name == "fixture-vm")
                .unwrap()
                .id
                .clone();
            let page = page(servers, &recorded_images(), false, false, false, false);
            let row = page.rows.iter().find(|r| r.id == vm_id).unwrap();
            assert_eq!(row.image_name.as_deref(), Some("tiny"));
            assert_eq!(row.flavor_name, "m1.tiny");
            assert_eq!(
                (row.status.as_str(), row.power_state, row.in_transition()),
                ("ACTIVE", PowerState::Running, false)
            );
            let fixed: Vec<&InstanceAddress> =
                row.addresses.iter().filter(|a| !a.floating).collect();
            assert_eq!(fixed.len(), 1);
            assert_eq!(fixed[0].network, "fixture-net");
            assert!(fixed[0].addr.starts_with("10.20.0."), "{:?}", fixed[0]);
            assert_eq!(row.key_name.as_deref(), Some("fixture-key"));
            assert_eq!(row.attached_volumes.len(), 1);
            assert_eq!(row.host, None);
            assert_eq!(page.next_marker, None);
            assert_eq!(page.prev_marker, None);
        }

        #[test]
        fn unknown_image_shows_its_id() {
            let servers = recorded();
            let id = servers[0].image_id().unwrap().to_string();
            let page = page(servers, &[], true, true, false, false);
            assert_eq!(page.rows[0].image_name.as_deref(), Some(id.as_str()));
            assert!(page.next_marker.is_some());
            assert!(page.prev_marker.is_some());
        }
    }
}

/// Deletes the instances (ids with their names, for the message), all at once.
#[server(endpoint = "delete_instances")]
pub async fn delete_instances(instances: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::compute;

    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    if instances.is_empty() {
        return Err(AppError::bad_input("instances", "No instance selected."));
    }
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&instances, |id| compute::delete_server(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Runs one of the everyday actions (start, shut off, reboot...) on one instance. Returns
/// the message to show; the cloud's refusal comes back as the error, in its own words.
#[server(name = RunInstanceAction, endpoint = "instance_action")]
pub async fn instance_action(
    id: String,
    name: String,
    action: crate::model::compute::InstanceAction,
) -> Result<String, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        compute::server_action(&os, &id, action)
            .await
            .map_err(AppError::from)
    };
    match super::ssr::confirmed(&state, &session, &auth, work).await {
        Ok(()) => Ok(format!("{} Instance: {name}", action.done())),
        Err(AppError::NotLoggedIn) => Err(AppError::NotLoggedIn),
        Err(e) => Err(AppError::Upstream {
            service: format!("Unable to {} {name}", action.label().to_lowercase()),
            message: e.to_string(),
        }),
    }
}
