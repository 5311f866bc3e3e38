//! Keystone v3 tokens: password login (unscoped), the user's projects, scoping to a project,
//! and revocation.

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::catalog::{Catalog, ServiceType};
use super::client::{json_response, send, Cloud};
use super::error::OsError;
use crate::model::ProjectRef;

const SERVICE: ServiceType = ServiceType::Identity;

/// A token and what Keystone said about it. `Debug` leaves the token out.
#[derive(Clone)]
pub struct Token {
    pub id: String,
    pub expires_at: DateTime<Utc>,
    pub user_id: String,
    pub user_name: String,
    pub domain_name: String,
    pub project: Option<ProjectRef>,
    pub roles: Vec<String>,
    pub catalog: Catalog,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("id", &"<redacted>")
            .field("expires_at", &self.expires_at)
            .field("user_name", &self.user_name)
            .field("project", &self.project)
            .field("roles", &self.roles)
            .finish()
    }
}

/// The body of `POST /v3/auth/tokens` (and `GET`), as recorded from the cloud.
#[derive(Debug, Deserialize)]
pub struct TokenBody {
    pub token: TokenData,
}

#[derive(Debug, Deserialize)]
pub struct TokenData {
    pub expires_at: DateTime<Utc>,
    pub user: TokenUser,
    #[serde(default)]
    pub project: Option<TokenProject>,
    #[serde(default)]
    pub roles: Vec<NamedRef>,
    #[serde(default)]
    pub catalog: Catalog,
}

#[derive(Debug, Deserialize)]
pub struct TokenUser {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain: Option<NamedRef>,
}

#[derive(Debug, Deserialize)]
pub struct TokenProject {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct NamedRef {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub name: String,
}

impl TokenData {
    pub fn into_token(self, id: String) -> Token {
        Token {
            id,
            expires_at: self.expires_at,
            user_id: self.user.id,
            user_name: self.user.name,
            domain_name: self.user.domain.map(|d| d.name).unwrap_or_default(),
            project: self.project.map(|p| ProjectRef {
                id: p.id,
                name: p.name,
            }),
            roles: self.roles.into_iter().map(|r| r.name).collect(),
            catalog: self.catalog,
        }
    }
}

async fn issue(cloud: &Cloud, body: serde_json::Value) -> Result<Token, OsError> {
    let req = cloud
        .http()
        .post(format!("{}/auth/tokens", cloud.auth_url))
        .json(&body);
    let resp = send(SERVICE, req).await?;
    let id = resp
        .headers()
        .get("X-Subject-Token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .ok_or(OsError::BadResponse {
            service: SERVICE.display_name(),
            message: "no X-Subject-Token in Keystone's answer".into(),
        })?;
    let body: TokenBody = json_response(SERVICE, resp).await?;
    Ok(body.token.into_token(id))
}

/// Logs in with a password; the token is unscoped (it can only list and scope to projects).
pub async fn password(
    cloud: &Cloud,
    user_name: &str,
    password: &str,
    domain_name: &str,
) -> Result<Token, OsError> {
    issue(
        cloud,
        json!({"auth": {"identity": {
            "methods": ["password"],
            "password": {"user": {
                "name": user_name,
                "domain": {"name": domain_name},
                "password": password,
            }}
        }}}),
    )
    .await
}

/// Logs in with a password straight into a project: Meridian's own service credential,
/// never a user's (users go through `password` and then pick a project).
pub async fn password_scoped(
    cloud: &Cloud,
    user_name: &str,
    user_domain_name: &str,
    password: &str,
    project_name: &str,
    project_domain_name: &str,
) -> Result<Token, OsError> {
    issue(
        cloud,
        json!({"auth": {
            "identity": {
                "methods": ["password"],
                "password": {"user": {
                    "name": user_name,
                    "domain": {"name": user_domain_name},
                    "password": password,
                }}
            },
            "scope": {"project": {
                "name": project_name,
                "domain": {"name": project_domain_name},
            }}
        }}),
    )
    .await
}

/// Exchanges a token (normally the unscoped one) for one scoped to `project_id`.
pub async fn scope_to_project(
    cloud: &Cloud,
    token: &str,
    project_id: &str,
) -> Result<Token, OsError> {
    issue(
        cloud,
        json!({"auth": {
            "identity": {"methods": ["token"], "token": {"id": token}},
            "scope": {"project": {"id": project_id}}
        }}),
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct AuthProjects {
    pub projects: Vec<AuthProject>,
}

#[derive(Debug, Deserialize)]
pub struct AuthProject {
    pub id: String,
    pub name: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

impl AuthProjects {
    /// Enabled projects, sorted by name as the project switcher lists them.
    pub fn enabled(self) -> Vec<ProjectRef> {
        let mut projects: Vec<ProjectRef> = self
            .projects
            .into_iter()
            .filter(|p| p.enabled)
            .map(|p| ProjectRef {
                id: p.id,
                name: p.name,
            })
            .collect();
        projects.sort_by_key(|p| p.name.to_lowercase());
        projects
    }
}

/// `GET /v3/auth/projects`: the projects this token's user may scope to.
pub async fn projects(cloud: &Cloud, token: &str) -> Result<Vec<ProjectRef>, OsError> {
    let req = cloud
        .http()
        .get(format!("{}/auth/projects", cloud.auth_url))
        .header("X-Auth-Token", token);
    let body: AuthProjects = json_response(SERVICE, send(SERVICE, req).await?).await?;
    Ok(body.enabled())
}

/// Revokes `token` (authenticating with the token itself, which Keystone allows).
pub async fn revoke(cloud: &Cloud, token: &str) -> Result<(), OsError> {
    let req = cloud
        .http()
        .request(Method::DELETE, format!("{}/auth/tokens", cloud.auth_url))
        .header("X-Auth-Token", token)
        .header("X-Subject-Token", token);
    match send(SERVICE, req).await {
        Ok(_) => Ok(()),
        // Already revoked or expired: the outcome we wanted.
        Err(e) if matches!(e.status(), Some(401 | 404)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Asks Keystone whether `token` is still valid (the token validates itself).
///
/// Services cache token validations (keystonemiddleware keeps them for minutes), so a token
/// revoked in Keystone still works against Nova for a while; Keystone itself knows at once.
pub async fn is_valid(cloud: &Cloud, token: &str) -> Result<bool, OsError> {
    let req = cloud
        .http()
        .get(format!("{}/auth/tokens", cloud.auth_url))
        .header("X-Auth-Token", token)
        .header("X-Subject-Token", token)
        // The catalog is not needed to answer yes or no.
        .query(&[("nocatalog", "1")]);
    match send(SERVICE, req).await {
        Ok(_) => Ok(true),
        Err(e) if matches!(e.status(), Some(401 | 404)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Picks the project to scope to at login: the `recent_project` cookie's if the user still
/// has it, else the first one (by name).
pub fn choose_project<'a>(
    projects: &'a [ProjectRef],
    recent: Option<&str>,
) -> Option<&'a ProjectRef> {
    recent
        .and_then(|id| projects.iter().find(|p| p.id == id))
        .or_else(|| projects.first())
}

/// `GET /v3/projects` (admin): every project, for pickers such as flavor access.
pub async fn all_projects(cloud: &Cloud, token: &str) -> Result<Vec<ProjectRef>, OsError> {
    let req = cloud
        .http()
        .get(format!("{}/projects", cloud.auth_url))
        .header("X-Auth-Token", token);
    let body: AuthProjects = json_response(SERVICE, send(SERVICE, req).await?).await?;
    Ok(body.enabled())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn parses_recorded_scoped_token() {
        let body: TokenBody =
            serde_json::from_str(&fixture("keystone_post_auth_tokens_password_scoped.json"))
                .unwrap();
        let token = body.token.into_token("secret".into());
        assert_eq!(token.user_name, "demo");
        assert_eq!(token.domain_name, "Default");
        assert_eq!(
            token.project.as_ref().map(|p| p.name.as_str()),
            Some("demo")
        );
        assert!(
            token.roles.iter().any(|r| r == "member"),
            "{:?}",
            token.roles
        );
        assert!(!token.catalog.0.is_empty());
        assert!(!format!("{token:?}").contains("secret"));
    }

    #[test]
    fn parses_recorded_auth_projects() {
        let body: AuthProjects =
            serde_json::from_str(&fixture("keystone_get_auth_projects.json")).unwrap();
        let names: Vec<String> = body.enabled().into_iter().map(|p| p.name).collect();
        assert!(names.contains(&"demo".to_string()), "{names:?}");
    }

    /// A login's first token: no scope asked, but the demo user has a default project, so
    /// Keystone scopes it there anyway. Meridian still asks for the user's projects and
    /// scopes explicitly.
    #[test]
    fn parses_recorded_login_token() {
        let body: TokenBody =
            serde_json::from_str(&fixture("keystone_post_auth_tokens_password_unscoped.json"))
                .unwrap();
        let token = body.token.into_token("secret".into());
        assert_eq!(
            (token.user_name.as_str(), token.domain_name.as_str()),
            ("demo", "Default")
        );
        assert_eq!(
            token.project.as_ref().map(|p| p.name.as_str()),
            Some("demo")
        );
        assert!(
            token.expires_at > token_issued("keystone_post_auth_tokens_password_unscoped.json")
        );
    }

    /// Rescoping (the project switcher) with the token method: the same user, the other
    /// project, and the member role there.
    #[test]
    fn parses_recorded_rescoped_token() {
        let body: TokenBody =
            serde_json::from_str(&fixture("keystone_post_auth_tokens_token_rescoped.json"))
                .unwrap();
        let token = body.token.into_token("secret".into());
        let login: TokenBody =
            serde_json::from_str(&fixture("keystone_post_auth_tokens_password_scoped.json"))
                .unwrap();
        assert_eq!(token.user_id, login.token.user.id);
        let projects: AuthProjects =
            serde_json::from_str(&fixture("keystone_get_auth_projects.json")).unwrap();
        let alt = projects
            .enabled()
            .into_iter()
            .find(|p| p.name == "alt")
            .unwrap();
        assert_eq!(token.project, Some(alt));
        assert!(
            token.roles.iter().any(|r| r == "member"),
            "{:?}",
            token.roles
        );
        assert!(!token.catalog.0.is_empty());
    }

    /// `issued_at` of a recorded token (Meridian itself keeps only `expires_at`).
    fn token_issued(name: &str) -> DateTime<Utc> {
        let body: serde_json::Value = serde_json::from_str(&fixture(name)).unwrap();
        body["token"]["issued_at"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    }

    #[test]
    fn disabled_projects_are_left_out_and_sorted() {
        // The recorded list (demo, alt) and two more: one named in another case, and a
        // disabled one (the admin's `GET /v3/projects`, read the same way, lists those).
        let mut body: AuthProjects =
            serde_json::from_str(&fixture("keystone_get_auth_projects.json")).unwrap();
        let copy = |name: &str, enabled: bool| {
            let first = &body.projects[0];
            AuthProject {
                id: format!("{}-{name}", first.id),
                name: name.into(),
                enabled,
            }
        };
        let (zeta, off) = (copy("Zeta", true), copy("off", false));
        body.projects.extend([zeta, off]);
        let names: Vec<String> = body.enabled().into_iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["alt", "demo", "Zeta"]);
    }

    #[test]
    fn recent_project_wins_when_still_allowed() {
        let projects = vec![
            ProjectRef {
                id: "a".into(),
                name: "alt".into(),
            },
            ProjectRef {
                id: "d".into(),
                name: "demo".into(),
            },
        ];
        assert_eq!(choose_project(&projects, Some("d")).unwrap().id, "d");
        assert_eq!(choose_project(&projects, Some("gone")).unwrap().id, "a");
        assert_eq!(choose_project(&projects, None).unwrap().id, "a");
        assert!(choose_project(&[], Some("d")).is_none());
    }
}
