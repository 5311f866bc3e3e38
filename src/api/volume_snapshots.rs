//! Project › Snapshots (volume snapshots) and Admin › Snapshots.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::volume::SnapshotRow;

#[server(endpoint = "list_volume_snapshots")]
pub async fn list_volume_snapshots(all_projects: bool) -> Result<Vec<SnapshotRow>, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(if all_projects {
        Action::ViewCloud
    } else {
        Action::ViewProject
    })
    .await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (snapshots, volumes, projects) = tokio::join!(
            volume::all_snapshots(&os, all_projects),
            volume::all_volumes(&os, all_projects),
            async {
                if all_projects {
                    crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                        .await
                        .unwrap_or_default()
                } else {
                    vec![]
                }
            }
        );
        let volumes = volumes.unwrap_or_default();
        Ok(snapshots?
            .into_iter()
            .map(|s| SnapshotRow {
                name: s
                    .name
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| s.id.clone()),
                description: s.description.clone().unwrap_or_default(),
                size_gb: s.size,
                status: s.status.clone(),
                volume_name: volumes
                    .iter()
                    .find(|v| v.id == s.volume_id)
                    .and_then(|v| v.name.clone().filter(|n| !n.is_empty()))
                    .unwrap_or_else(|| s.volume_id.clone()),
                project: s.project_id.as_ref().and_then(|pid| {
                    projects
                        .iter()
                        .find(|p| p.id == *pid)
                        .map(|p| p.name.clone())
                }),
                volume_id: s.volume_id,
                id: s.id,
            })
            .collect())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "update_volume_snapshot")]
pub async fn update_volume_snapshot(
    snapshot_id: String,
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
        volume::update_snapshot(&os, &snapshot_id, name.trim(), description.trim()).await?;
        Ok(format!("Updating volume snapshot \"{}\"", name.trim()))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "delete_volume_snapshots")]
pub async fn delete_volume_snapshots(
    snapshots: Vec<(String, String)>,
) -> Result<BatchResult, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume;
    let (state, session, auth) = super::ssr::require(Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&snapshots, |id| volume::delete_snapshot(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
