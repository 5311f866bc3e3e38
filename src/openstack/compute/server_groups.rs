//! Nova's server groups (`/os-server-groups`): a scheduling policy (affinity, anti-affinity
//! and their soft forms) that the instances launched into a group follow. At the microversion
//! Meridian speaks (2.64 and later) a group has one `policy` and optional `rules`.

use serde::Deserialize;

use super::path_segment;
use crate::openstack::catalog::ServiceType;
use crate::openstack::client::{json_response, send, Scoped};
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct ServerGroup {
    pub id: String,
    pub name: String,
    pub policy: String,
    /// The ids of the instances in the group.
    #[serde(default)]
    pub members: Vec<String>,
    #[serde(default)]
    pub project_id: String,
}

#[derive(Debug, Deserialize)]
pub struct ServerGroupsBody {
    pub server_groups: Vec<ServerGroup>,
}

#[derive(Debug, Deserialize)]
pub struct ServerGroupBody {
    pub server_group: ServerGroup,
}

/// `GET /os-server-groups`: the current project's groups.
pub async fn list_server_groups(os: &Scoped<'_>) -> Result<Vec<ServerGroup>, OsError> {
    let body: ServerGroupsBody = os
        .get_json(ServiceType::Compute, "/os-server-groups")
        .await?;
    Ok(body.server_groups)
}

/// `GET /os-server-groups/{id}`.
pub async fn get_server_group(os: &Scoped<'_>, id: &str) -> Result<ServerGroup, OsError> {
    let body: ServerGroupBody = os
        .get_json(
            ServiceType::Compute,
            &format!("/os-server-groups/{}", path_segment(id)),
        )
        .await?;
    Ok(body.server_group)
}

/// `POST /os-server-groups`.
pub async fn create_server_group(
    os: &Scoped<'_>,
    name: &str,
    policy: &str,
) -> Result<ServerGroup, OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            "/os-server-groups",
        )?
        .json(&serde_json::json!({ "server_group": { "name": name, "policy": policy } }));
    let body: ServerGroupBody =
        json_response(ServiceType::Compute, send(ServiceType::Compute, req).await?).await?;
    Ok(body.server_group)
}

/// `DELETE /os-server-groups/{id}`. Its instances keep running; they leave the group.
pub async fn delete_server_group(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!("/os-server-groups/{}", path_segment(id)),
    )?;
    send(ServiceType::Compute, req).await?;
    Ok(())
}
