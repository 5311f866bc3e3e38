//! Keystone roles and who holds them in a project.

use reqwest::Method;
use serde::Deserialize;

use super::{seg, Keystone};
use crate::openstack::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct RolesBody {
    pub roles: Vec<Role>,
}

pub async fn list(ks: &Keystone<'_>) -> Result<Vec<Role>, OsError> {
    Ok(ks.get::<RolesBody>("/roles").await?.roles)
}

#[derive(Debug, Deserialize)]
struct RoleBody {
    role: Role,
}

pub async fn create(ks: &Keystone<'_>, name: &str) -> Result<Role, OsError> {
    let body = serde_json::json!({"role": {"name": name}});
    Ok(ks
        .send_json::<RoleBody>(Method::POST, "/roles", &body)
        .await?
        .role)
}

/// Deleting a role also takes it away from everyone who holds it.
pub async fn delete(ks: &Keystone<'_>, id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &format!("/roles/{}", seg(id)))
        .await
}

#[derive(Debug, Deserialize)]
pub struct AssignmentsBody {
    pub role_assignments: Vec<Assignment>,
}

#[derive(Debug, Deserialize)]
pub struct Assignment {
    pub role: IdRef,
    /// Absent for a group's assignment.
    #[serde(default)]
    pub user: Option<IdRef>,
}

#[derive(Debug, Deserialize)]
pub struct IdRef {
    pub id: String,
}

/// The users' direct role assignments on a project, as (user id, role id).
pub async fn project_assignments(
    ks: &Keystone<'_>,
    project_id: &str,
) -> Result<Vec<(String, String)>, OsError> {
    let body: AssignmentsBody = ks
        .get(&format!(
            "/role_assignments?scope.project.id={}",
            seg(project_id)
        ))
        .await?;
    Ok(body.user_pairs())
}

impl AssignmentsBody {
    fn user_pairs(self) -> Vec<(String, String)> {
        self.role_assignments
            .into_iter()
            .filter_map(|a| a.user.map(|u| (u.id, a.role.id)))
            .collect()
    }
}

fn grant_path(project_id: &str, user_id: &str, role_id: &str) -> String {
    format!(
        "/projects/{}/users/{}/roles/{}",
        seg(project_id),
        seg(user_id),
        seg(role_id)
    )
}

pub async fn grant(
    ks: &Keystone<'_>,
    project_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<(), OsError> {
    ks.send_empty(Method::PUT, &grant_path(project_id, user_id, role_id))
        .await
}

pub async fn revoke(
    ks: &Keystone<'_>,
    project_id: &str,
    user_id: &str,
    role_id: &str,
) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &grant_path(project_id, user_id, role_id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn parses_recorded_roles_and_assignments() {
        let roles: RolesBody = serde_json::from_str(&fixture("keystone_get_roles.json")).unwrap();
        assert!(roles.roles.iter().any(|r| r.name == "member"));
        let body: AssignmentsBody =
            serde_json::from_str(&fixture("keystone_get_role_assignments.json")).unwrap();
        let pairs = body.user_pairs();
        assert!(!pairs.is_empty());
        assert!(pairs.iter().all(|(u, r)| !u.is_empty() && !r.is_empty()));
    }
}
