//! What the services say about usage over time: Nova's simple tenant usage (each server's
//! hours in a period), and the creation times and sizes of the volumes, floating IPs and
//! images that exist now (the other services keep no history).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::Deserialize;

use super::catalog::ServiceType;
use super::client::Scoped;
use super::error::OsError;
use crate::model::usage::{Period, ServerUsage};

/// Nova's times: `2026-11-22T04:40:42.000000`, UTC without a zone.
fn nova_time(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

/// A service's timestamp (`2026-11-22T04:40:42Z`, or without the zone), as UTC.
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| Utc.from_utc_datetime(&t))
}

#[derive(Debug, Deserialize)]
struct NovaServerUsage {
    instance_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    flavor: String,
    #[serde(default)]
    vcpus: i64,
    #[serde(default)]
    memory_mb: i64,
    #[serde(default)]
    local_gb: i64,
    #[serde(default)]
    hours: f64,
    #[serde(default)]
    state: String,
}

impl From<NovaServerUsage> for ServerUsage {
    fn from(s: NovaServerUsage) -> Self {
        ServerUsage {
            id: s.instance_id,
            name: s.name,
            flavor: s.flavor,
            vcpus: s.vcpus,
            ram_mb: s.memory_mb,
            disk_gb: s.local_gb,
            hours: s.hours,
            state: s.state,
        }
    }
}

/// A project without usage in the period comes back as `{}`.
#[derive(Debug, Default, Deserialize)]
struct TenantUsage {
    #[serde(default)]
    tenant_id: String,
    #[serde(default)]
    server_usages: Vec<NovaServerUsage>,
}

#[derive(Debug, Deserialize)]
struct Link {
    href: String,
    rel: String,
}

#[derive(Debug, Deserialize)]
struct OneTenantBody {
    #[serde(default)]
    tenant_usage: TenantUsage,
    #[serde(default)]
    tenant_usage_links: Vec<Link>,
}

#[derive(Debug, Deserialize)]
struct AllTenantsBody {
    #[serde(default)]
    tenant_usages: Vec<TenantUsage>,
    #[serde(default)]
    tenant_usages_links: Vec<Link>,
}

/// The `marker` of a `next` link, if there is one: Nova pages its usage (2.40+).
fn next_marker(links: &[Link]) -> Option<String> {
    let next = links.iter().find(|l| l.rel == "next")?;
    let url = url::Url::parse(&next.href).ok()?;
    let marker = url
        .query_pairs()
        .find(|(k, _)| k == "marker")
        .map(|(_, v)| v.into_owned());
    marker
}

/// How many pages of usage Meridian follows before it stops (1000 servers each).
const MAX_PAGES: usize = 50;

/// `GET /os-simple-tenant-usage/{project}`: each server's hours in the period, all pages.
pub async fn project_servers(
    os: &Scoped<'_>,
    project_id: &str,
    period: &Period,
) -> Result<Vec<ServerUsage>, OsError> {
    let mut out = vec![];
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut path = format!(
            "/os-simple-tenant-usage/{project_id}?start={}&end={}&limit=1000",
            nova_time(&period.start),
            nova_time(&period.end)
        );
        if let Some(m) = &marker {
            path.push_str(&format!("&marker={m}"));
        }
        let body: OneTenantBody = os.get_json(ServiceType::Compute, &path).await?;
        out.extend(body.tenant_usage.server_usages.into_iter().map(Into::into));
        marker = next_marker(&body.tenant_usage_links);
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

/// `GET /os-simple-tenant-usage?detailed=1` (admins): every project's servers, by project id.
pub async fn all_projects_servers(
    os: &Scoped<'_>,
    period: &Period,
) -> Result<HashMap<String, Vec<ServerUsage>>, OsError> {
    let mut out: HashMap<String, Vec<ServerUsage>> = HashMap::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut path = format!(
            "/os-simple-tenant-usage?detailed=1&start={}&end={}&limit=1000",
            nova_time(&period.start),
            nova_time(&period.end)
        );
        if let Some(m) = &marker {
            path.push_str(&format!("&marker={m}"));
        }
        let body: AllTenantsBody = os.get_json(ServiceType::Compute, &path).await?;
        for t in body.tenant_usages {
            out.entry(t.tenant_id)
                .or_default()
                .extend(t.server_usages.into_iter().map(Into::into));
        }
        marker = next_marker(&body.tenant_usages_links);
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

/// Something that exists now, with what its usage is counted from.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub project_id: String,
    pub created_at: Option<DateTime<Utc>>,
    /// GB for volumes and images; 1 for a floating IP.
    pub amount: f64,
}

#[derive(Debug, Deserialize)]
struct VolumeRecord {
    size: f64,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default, rename = "os-vol-tenant-attr:tenant_id")]
    tenant_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct VolumesBody {
    volumes: Vec<VolumeRecord>,
}

/// The volumes that exist now: the project's, or (`all_projects`, admins) everyone's.
pub async fn volumes(
    os: &Scoped<'_>,
    project_id: &str,
    all_projects: bool,
) -> Result<Vec<Held>, OsError> {
    let path = if all_projects {
        "/volumes/detail?all_tenants=1&limit=1000"
    } else {
        "/volumes/detail?limit=1000"
    };
    let body: VolumesBody = os.get_json(ServiceType::BlockStorage, path).await?;
    Ok(body
        .volumes
        .into_iter()
        .map(|v| Held {
            project_id: v.tenant_id.unwrap_or_else(|| project_id.to_string()),
            created_at: v.created_at.as_deref().and_then(parse_time),
            amount: v.size,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
struct FloatingIpRecord {
    #[serde(default)]
    project_id: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FloatingIpsBody {
    floatingips: Vec<FloatingIpRecord>,
}

/// The floating IPs that exist now (Neutron shows an admin every project's).
pub async fn floating_ips(
    os: &Scoped<'_>,
    project_id: &str,
    all_projects: bool,
) -> Result<Vec<Held>, OsError> {
    let path = if all_projects {
        "/v2.0/floatingips?fields=project_id&fields=created_at".to_string()
    } else {
        format!("/v2.0/floatingips?project_id={project_id}&fields=project_id&fields=created_at")
    };
    let body: FloatingIpsBody = os.get_json(ServiceType::Network, &path).await?;
    Ok(body
        .floatingips
        .into_iter()
        .map(|f| Held {
            project_id: f.project_id.unwrap_or_else(|| project_id.to_string()),
            created_at: f.created_at.as_deref().and_then(parse_time),
            amount: 1.0,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
struct ImageRecord {
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    size: Option<f64>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ImagesBody {
    images: Vec<ImageRecord>,
}

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

/// The images the project owns now, or (`all_projects`) every project's, with their size
/// in GB.
pub async fn images(
    os: &Scoped<'_>,
    project_id: &str,
    all_projects: bool,
) -> Result<Vec<Held>, OsError> {
    let path = if all_projects {
        "/v2/images?limit=1000&visibility=all".to_string()
    } else {
        format!("/v2/images?limit=1000&owner={project_id}")
    };
    let body: ImagesBody = os.get_json(ServiceType::Image, &path).await?;
    Ok(body
        .images
        .into_iter()
        .filter_map(|i| {
            Some(Held {
                project_id: i.owner?,
                created_at: i.created_at.as_deref().and_then(parse_time),
                amount: i.size.unwrap_or(0.0) / GIB,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    /// The last hour of project demo: fixture-vm, booted moments before.
    #[test]
    fn parses_recorded_usage() {
        let body: OneTenantBody =
            serde_json::from_str(&fixture("nova_get_os_simple_tenant_usage_project.json")).unwrap();
        let server: crate::openstack::compute::ServerBody =
            serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        let server = server.server;
        assert_eq!(body.tenant_usage.tenant_id, server.tenant_id);
        // All of it on one page.
        assert_eq!(next_marker(&body.tenant_usage_links), None);
        let servers: Vec<ServerUsage> = body
            .tenant_usage
            .server_usages
            .into_iter()
            .map(Into::into)
            .collect();
        let vm = servers.iter().find(|s| s.id == server.id).unwrap();
        assert_eq!(
            (vm.name.as_str(), vm.flavor.as_str(), vm.state.as_str()),
            ("fixture-vm", "m1.tiny", "active")
        );
        assert_eq!((vm.vcpus, vm.ram_mb, vm.disk_gb), (1, 512, 1));
        assert!(vm.hours > 0.0 && vm.hours < 1.0, "{}", vm.hours);
    }

    /// A period without usage: Nova answers `{"tenant_usage": {}}`.
    #[test]
    fn a_period_without_usage() {
        let body: OneTenantBody = serde_json::from_str(&fixture(
            "nova_get_os_simple_tenant_usage_project_empty.json",
        ))
        .unwrap();
        assert!(body.tenant_usage.server_usages.is_empty());
        assert_eq!(body.tenant_usage.tenant_id, "");
        assert!(body.tenant_usage_links.is_empty());
    }

    #[test]
    fn next_page_marker() {
        let links = vec![Link {
            href: "http://nova/v2.1/os-simple-tenant-usage/p?end=x&limit=1&marker=abc&start=y"
                .into(),
            rel: "next".into(),
        }];
        assert_eq!(next_marker(&links).as_deref(), Some("abc"));
        assert_eq!(next_marker(&[]), None);
    }

    #[test]
    fn service_times() {
        let a = parse_time("2026-11-22T04:40:42.000000").unwrap();
        let b = parse_time("2026-11-22T04:40:42Z").unwrap();
        assert_eq!(a, b);
        assert_eq!(nova_time(&a), "2026-11-22T04:40:42.000000");
    }
}
