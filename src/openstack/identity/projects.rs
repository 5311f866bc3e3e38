//! Keystone projects: list, create, update, delete.

use std::collections::HashMap;

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::{seg, Keystone};
use crate::openstack::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub domain_id: String,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct ProjectsBody {
    pub projects: Vec<Project>,
}

#[derive(Debug, Deserialize)]
struct ProjectBody {
    project: Project,
}

#[derive(Debug, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
struct DomainsBody {
    domains: Vec<Domain>,
}

#[derive(Debug, Deserialize)]
struct DomainBody {
    domain: Domain,
}

/// `GET /v3/projects` (admin): every project. Domains themselves (`is_domain`) are not listed.
pub async fn list(ks: &Keystone<'_>) -> Result<Vec<Project>, OsError> {
    Ok(ks.get::<ProjectsBody>("/projects").await?.projects)
}

/// `GET /v3/users/{id}/projects`: the projects a user has a role in (any user may ask about
/// themselves).
pub async fn list_for_user(ks: &Keystone<'_>, user_id: &str) -> Result<Vec<Project>, OsError> {
    Ok(ks
        .get::<ProjectsBody>(&format!("/users/{}/projects", seg(user_id)))
        .await?
        .projects)
}

pub async fn get(ks: &Keystone<'_>, id: &str) -> Result<Project, OsError> {
    Ok(ks
        .get::<ProjectBody>(&format!("/projects/{}", seg(id)))
        .await?
        .project)
}

/// Domain names by id: every domain for an admin; otherwise the ones Keystone lets the user
/// read one by one (a project's own domain). An unreadable domain is left out.
pub async fn domain_names(ks: &Keystone<'_>, ids: &[&str], admin: bool) -> HashMap<String, String> {
    if admin {
        if let Ok(body) = ks.get::<DomainsBody>("/domains").await {
            return body.domains.into_iter().map(|d| (d.id, d.name)).collect();
        }
    }
    let mut unique: Vec<&str> = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    let found = futures::future::join_all(
        unique
            .iter()
            .map(|id| async move { ks.get::<DomainBody>(&format!("/domains/{}", seg(id))).await }),
    )
    .await;
    found
        .into_iter()
        .filter_map(Result::ok)
        .map(|b| (b.domain.id, b.domain.name))
        .collect()
}

pub async fn create(
    ks: &Keystone<'_>,
    name: &str,
    description: &str,
    enabled: bool,
    domain_id: &str,
) -> Result<Project, OsError> {
    let body = json!({"project": {
        "name": name,
        "description": description,
        "enabled": enabled,
        "domain_id": domain_id,
    }});
    Ok(ks
        .send_json::<ProjectBody>(Method::POST, "/projects", &body)
        .await?
        .project)
}

pub async fn update(
    ks: &Keystone<'_>,
    id: &str,
    name: &str,
    description: &str,
    enabled: bool,
) -> Result<Project, OsError> {
    let body = json!({"project": {"name": name, "description": description, "enabled": enabled}});
    Ok(ks
        .send_json::<ProjectBody>(Method::PATCH, &format!("/projects/{}", seg(id)), &body)
        .await?
        .project)
}

/// Keystone deletes a project even while servers, networks or volumes still belong to it:
/// those are left behind, owned by a project that no longer exists.
pub async fn delete(ks: &Keystone<'_>, id: &str) -> Result<(), OsError> {
    ks.send_empty(Method::DELETE, &format!("/projects/{}", seg(id)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn parses_recorded_projects() {
        let body: ProjectsBody =
            serde_json::from_str(&fixture("keystone_get_projects.json")).unwrap();
        let demo = body.projects.iter().find(|p| p.name == "demo").unwrap();
        assert_eq!(demo.domain_id, "default");
        assert!(demo.enabled);
        assert!(body.projects.iter().any(|p| p.name == "admin"));
    }
}
