//! Keystone groups: list, create, update, delete, and who is in them.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::users::{User, UsersBody};
use super::{seg, Keystone};
use crate::openstack::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub domain_id: String,
}

#[derive(Debug, Deserialize)]
pub struct GroupsBody {
    pub groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
struct GroupBody {
    group: Group,
}

pub async fn list(ks: &Keystone<'_>) -> Result<Vec<Group>, OsError> {
    Ok(ks.get::<GroupsBody>("/groups").await?.groups)
}

pub async fn get(ks: &Keystone<'_>, id: &str) -> Result<Group, OsError> {
    Ok(ks
        .get::<GroupBody>(&format!("/groups/{}", seg(id)))
        .await?
        .group)
}

pub async fn create(
    ks: &Keystone<'_>,
    name: &str,
    description: &str,
    domain_id: &str,
) -> Result<Group, OsError> {
    let body = json!({"group": {"name": name, "description": description, "domain_id": domain_id}});
    Ok(ks
        .send_json::<GroupBody>(Method::POST, "/groups", &body)
        .await?
        .group)
}

pub async fn update(
    ks: &Keystone<'_>,
    id: &str,
    name: &str,
    description: &str,
) -> Result<Group, OsError> {
    let body = json!({"group": {"name": name, "description": description}});
    Ok(ks
        .send_json::<GroupBody>(Method::PATCH, &format!("/groups/{}", seg(id)), &body)
        .await?
        .group)
}

/// Deleting a group also removes its role assignments; its users stay.
pub async fn delete(ks: &Keystone<'_>, id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &format!("/groups/{}", seg(id)))
        .await
}

pub async fn members(ks: &Keystone<'_>, group_id: &str) -> Result<Vec<User>, OsError> {
    Ok(ks
        .get::<UsersBody>(&format!("/groups/{}/users", seg(group_id)))
        .await?
        .users)
}

fn member_path(group_id: &str, user_id: &str) -> String {
    format!("/groups/{}/users/{}", seg(group_id), seg(user_id))
}

pub async fn add_user(ks: &Keystone<'_>, group_id: &str, user_id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::PUT, &member_path(group_id, user_id))
        .await
}

pub async fn remove_user(ks: &Keystone<'_>, group_id: &str, user_id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &member_path(group_id, user_id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn parses_recorded_groups_and_members() {
        let groups: GroupsBody =
            serde_json::from_str(&fixture("keystone_get_groups.json")).unwrap();
        let g = groups
            .groups
            .iter()
            .find(|g| g.name == "fixture-group")
            .unwrap();
        assert_eq!(g.description.as_deref(), Some("fixture"));
        assert_eq!(g.domain_id, "default");
        let users: UsersBody =
            serde_json::from_str(&fixture("keystone_get_groups_users.json")).unwrap();
        assert_eq!(
            users
                .users
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>(),
            ["fixture-member"]
        );
    }
}
