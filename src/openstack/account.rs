//! What a user does about itself in Keystone, with its own token: its application
//! credentials (only the user may create, list and delete them) and its password.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::catalog::ServiceType;
use super::client::{json_response, send, Cloud};
use super::error::OsError;

const SERVICE: ServiceType = ServiceType::Identity;

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct AppCredential {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub project_id: Option<String>,
    #[serde(default)]
    pub expires_at: Option<String>,
    #[serde(default)]
    pub unrestricted: bool,
    #[serde(default)]
    pub roles: Vec<RoleName>,
    /// Only in the answer to its creation: Keystone keeps a hash.
    #[serde(default)]
    pub secret: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RoleName {
    pub name: String,
}

#[derive(Debug, Deserialize)]
struct ListBody {
    application_credentials: Vec<AppCredential>,
}

#[derive(Debug, Deserialize)]
struct OneBody {
    application_credential: AppCredential,
}

fn url(cloud: &Cloud, user_id: &str) -> String {
    format!("{}/users/{user_id}/application_credentials", cloud.auth_url)
}

pub async fn list(
    cloud: &Cloud,
    token: &str,
    user_id: &str,
) -> Result<Vec<AppCredential>, OsError> {
    let req = cloud
        .http()
        .get(url(cloud, user_id))
        .header("X-Auth-Token", token);
    let body: ListBody = json_response(SERVICE, send(SERVICE, req).await?).await?;
    Ok(body.application_credentials)
}

/// What a new application credential is.
#[derive(Debug, Clone)]
pub struct NewAppCredential {
    pub name: String,
    pub description: String,
    /// None: Keystone makes one.
    pub secret: Option<String>,
    /// `2026-12-31T00:00:00` (UTC), or never.
    pub expires_at: Option<String>,
    pub roles: Vec<String>,
    pub unrestricted: bool,
}

/// Creates it for the token's project; the answer carries the secret, once.
pub async fn create(
    cloud: &Cloud,
    token: &str,
    user_id: &str,
    new: &NewAppCredential,
) -> Result<AppCredential, OsError> {
    let mut body = json!({
        "name": new.name,
        "description": new.description,
        "expires_at": new.expires_at,
        "roles": new.roles.iter().map(|r| json!({"name": r})).collect::<Vec<_>>(),
        "unrestricted": new.unrestricted,
    });
    if let Some(secret) = &new.secret {
        body["secret"] = json!(secret);
    }
    let req = cloud
        .http()
        .post(url(cloud, user_id))
        .header("X-Auth-Token", token)
        .json(&json!({ "application_credential": body }));
    let body: OneBody = json_response(SERVICE, send(SERVICE, req).await?).await?;
    Ok(body.application_credential)
}

pub async fn delete(cloud: &Cloud, token: &str, user_id: &str, id: &str) -> Result<(), OsError> {
    let req = cloud
        .http()
        .delete(format!("{}/{id}", url(cloud, user_id)))
        .header("X-Auth-Token", token);
    send(SERVICE, req).await?;
    Ok(())
}

/// Changes the user's own password (Keystone then revokes the user's tokens).
pub async fn change_own_password(
    cloud: &Cloud,
    token: &str,
    user_id: &str,
    original: &str,
    new: &str,
) -> Result<(), OsError> {
    let req = cloud
        .http()
        .post(format!("{}/users/{user_id}/password", cloud.auth_url))
        .header("X-Auth-Token", token)
        .json(&json!({"user": {"password": new, "original_password": original}}));
    send(SERVICE, req).await?;
    Ok(())
}
