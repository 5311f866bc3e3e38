//! Keystone users: list, create, update (name, email, password, enabled), delete.

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use super::{seg, Keystone};
use crate::openstack::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Not one of Keystone's own attributes: Horizon keeps it as an extra one, as we do.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub domain_id: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub default_project_id: Option<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct UsersBody {
    pub users: Vec<User>,
}

#[derive(Debug, Deserialize)]
struct UserBody {
    user: User,
}

pub async fn list(ks: &Keystone<'_>) -> Result<Vec<User>, OsError> {
    Ok(ks.get::<UsersBody>("/users").await?.users)
}

pub async fn get(ks: &Keystone<'_>, id: &str) -> Result<User, OsError> {
    Ok(ks
        .get::<UserBody>(&format!("/users/{}", seg(id)))
        .await?
        .user)
}

#[derive(Debug, Deserialize)]
struct DomainsBody {
    domains: Vec<IdOnly>,
}

#[derive(Debug, Deserialize)]
struct IdOnly {
    id: String,
}

/// Is there a user `name` in the domain named `domain_name`, and is it disabled?
pub async fn disabled_by_name(
    ks: &Keystone<'_>,
    name: &str,
    domain_name: &str,
) -> Result<bool, OsError> {
    let q = crate::nav::encode_query_value;
    let domains: DomainsBody = ks.get(&format!("/domains?name={}", q(domain_name))).await?;
    let Some(domain) = domains.domains.first() else {
        return Ok(false);
    };
    let found: UsersBody = ks
        .get(&format!(
            "/users?name={}&domain_id={}",
            q(name),
            q(&domain.id)
        ))
        .await?;
    Ok(names_disabled(&found, name))
}

/// Keystone's name filter is exact, but a backend may match case-insensitively: only the
/// account of exactly this name counts.
fn names_disabled(found: &UsersBody, name: &str) -> bool {
    found.users.iter().any(|u| u.name == name && !u.enabled)
}

pub struct NewUser<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub default_project_id: Option<&'a str>,
    pub enabled: bool,
    pub domain_id: &'a str,
}

pub async fn create(ks: &Keystone<'_>, new: &NewUser<'_>) -> Result<User, OsError> {
    let mut user = json!({
        "name": new.name,
        "description": new.description,
        "email": new.email,
        "password": new.password,
        "enabled": new.enabled,
        "domain_id": new.domain_id,
    });
    if let Some(project) = new.default_project_id {
        user["default_project_id"] = Value::from(project);
    }
    Ok(ks
        .send_json::<UserBody>(Method::POST, "/users", &json!({ "user": user }))
        .await?
        .user)
}

/// `PATCH /v3/users/{id}` with the attributes in `changes` (name, email, password, enabled...).
pub async fn update(ks: &Keystone<'_>, id: &str, changes: Value) -> Result<User, OsError> {
    Ok(ks
        .send_json::<UserBody>(
            Method::PATCH,
            &format!("/users/{}", seg(id)),
            &json!({ "user": changes }),
        )
        .await?
        .user)
}

pub async fn delete(ks: &Keystone<'_>, id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &format!("/users/{}", seg(id)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn parses_recorded_users() {
        let body: UsersBody = serde_json::from_str(&fixture("keystone_get_users.json")).unwrap();
        let reader = body.users.iter().find(|u| u.name == "reader").unwrap();
        assert!(reader.enabled);
        assert!(reader.default_project_id.is_some());
        assert_eq!(reader.email, None);
    }

    #[test]
    fn tells_a_disabled_account_from_recorded_lookups() {
        let domains: DomainsBody =
            serde_json::from_str(&fixture("keystone_get_domains_name.json")).unwrap();
        assert_eq!(domains.domains[0].id, "default");
        let found: UsersBody =
            serde_json::from_str(&fixture("keystone_get_users_name_disabled.json")).unwrap();
        assert!(names_disabled(&found, "fixture-disabled"));
        assert!(!names_disabled(&found, "Fixture-Disabled"));
        let everyone: UsersBody =
            serde_json::from_str(&fixture("keystone_get_users.json")).unwrap();
        assert!(!names_disabled(&everyone, "demo"));
    }
}
