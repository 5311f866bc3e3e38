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

pub async fn rename(ks: &Keystone<'_>, id: &str, name: &str) -> Result<Role, OsError> {
    let body = serde_json::json!({"role": {"name": name}});
    Ok(ks
        .send_json::<RoleBody>(Method::PATCH, &format!("/roles/{}", seg(id)), &body)
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
    /// Absent for a user's assignment.
    #[serde(default)]
    pub group: Option<IdRef>,
}

#[derive(Debug, Deserialize)]
pub struct IdRef {
    pub id: String,
}

/// Who a project role is given to: a user, or a group (and so each of its users).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    User,
    Group,
}

impl Holder {
    fn segment(self) -> &'static str {
        match self {
            Holder::User => "users",
            Holder::Group => "groups",
        }
    }
}

/// The direct role assignments of one kind of holder on a project, as (holder id, role id).
pub async fn project_assignments(
    ks: &Keystone<'_>,
    project_id: &str,
    holder: Holder,
) -> Result<Vec<(String, String)>, OsError> {
    let body: AssignmentsBody = ks
        .get(&format!(
            "/role_assignments?scope.project.id={}",
            seg(project_id)
        ))
        .await?;
    Ok(body.pairs(holder))
}

impl AssignmentsBody {
    fn pairs(self, holder: Holder) -> Vec<(String, String)> {
        self.role_assignments
            .into_iter()
            .filter_map(|a| {
                let who = match holder {
                    Holder::User => a.user,
                    Holder::Group => a.group,
                };
                who.map(|w| (w.id, a.role.id))
            })
            .collect()
    }
}

fn grant_path(project_id: &str, holder: Holder, holder_id: &str, role_id: &str) -> String {
    format!(
        "/projects/{}/{}/{}/roles/{}",
        seg(project_id),
        holder.segment(),
        seg(holder_id),
        seg(role_id)
    )
}

pub async fn grant(
    ks: &Keystone<'_>,
    project_id: &str,
    holder: Holder,
    holder_id: &str,
    role_id: &str,
) -> Result<(), OsError> {
    ks.send_empty(
        Method::PUT,
        &grant_path(project_id, holder, holder_id, role_id),
    )
    .await
}

pub async fn revoke(
    ks: &Keystone<'_>,
    project_id: &str,
    holder: Holder,
    holder_id: &str,
    role_id: &str,
) -> Result<(), OsError> {
    ks.send_empty(
        Method::DELETE,
        &grant_path(project_id, holder, holder_id, role_id),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::super::groups::GroupsBody;
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn parses_recorded_roles_and_assignments() {
        let roles: RolesBody = serde_json::from_str(&fixture("keystone_get_roles.json")).unwrap();
        assert!(roles.roles.iter().any(|r| r.name == "member"));
        let body: AssignmentsBody =
            serde_json::from_str(&fixture("keystone_get_role_assignments.json")).unwrap();
        let pairs = body.pairs(Holder::User);
        assert!(!pairs.is_empty());
        assert!(pairs.iter().all(|(u, r)| !u.is_empty() && !r.is_empty()));
    }

    #[test]
    fn splits_a_projects_assignments_into_users_and_groups() {
        let read = || -> AssignmentsBody {
            serde_json::from_str(&fixture("keystone_get_role_assignments_project.json")).unwrap()
        };
        let groups: GroupsBody =
            serde_json::from_str(&fixture("keystone_get_groups.json")).unwrap();
        let group = groups
            .groups
            .iter()
            .find(|g| g.name == "fixture-group")
            .unwrap();
        let by_group = read().pairs(Holder::Group);
        assert_eq!(by_group.len(), 1);
        assert_eq!(by_group[0].0, group.id);
        let by_user = read().pairs(Holder::User);
        assert!(!by_user.is_empty());
        assert!(by_user.iter().all(|(u, _)| *u != group.id));
    }

    #[test]
    fn grant_paths_name_the_holder_kind() {
        assert_eq!(
            grant_path("p", Holder::User, "u", "r"),
            "/projects/p/users/u/roles/r"
        );
        assert_eq!(
            grant_path("p", Holder::Group, "g", "r"),
            "/projects/p/groups/g/roles/r"
        );
    }
}
