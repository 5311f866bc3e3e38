//! Meridian's settings: an optional TOML file, then the environment, then defaults.
//!
//! The cloud comes from (first match): `MERIDIAN_AUTH_URL`; `OS_CLOUD` looked up in
//! clouds.yaml; `OS_AUTH_URL`; else the local test cloud at `http://127.0.0.1:5000/v3`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub const DEFAULT_AUTH_URL: &str = "http://127.0.0.1:5000/v3";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionStoreKind {
    /// One process; sessions are lost on restart.
    Memory,
    /// A SQLite file (`sqlite://path`): survives restarts.
    Sqlite(String),
    /// Redis (`redis://host:port`): shared by several Meridian replicas.
    Redis(String),
}

impl SessionStoreKind {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() || s == "memory" {
            Ok(SessionStoreKind::Memory)
        } else if s.starts_with("sqlite:") {
            Ok(SessionStoreKind::Sqlite(s.to_string()))
        } else if s.starts_with("redis://") || s.starts_with("rediss://") {
            Ok(SessionStoreKind::Redis(s.to_string()))
        } else {
            Err(format!(
                "session store {s:?}: expected memory, sqlite://<file> or redis://<host>"
            ))
        }
    }
}

/// A user/password credential for calls Meridian makes as itself (console token checks).
#[derive(Clone, PartialEq, Eq)]
pub struct ServiceCredential {
    pub username: String,
    pub password: String,
    pub user_domain_name: String,
    pub project_name: String,
    pub project_domain_name: String,
}

impl std::fmt::Debug for ServiceCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceCredential")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("project_name", &self.project_name)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub auth_url: String,
    /// Where the cloud settings came from, for the start-up log.
    pub cloud_source: String,
    /// Regions offered at login; a select is shown only when there is more than one.
    pub regions: Vec<String>,
    pub interface: String,
    pub ca_bundle: Option<PathBuf>,
    pub service_credential: Option<ServiceCredential>,
    pub default_domain: String,
    pub session_store: SessionStoreKind,
    /// The URL users reach Meridian at, when behind a proxy. `https` makes cookies Secure.
    pub public_url: Option<String>,
    pub request_timeout_secs: u64,
}

/// `meridian.toml` (path in `MERIDIAN_CONFIG`). Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    auth_url: Option<String>,
    cloud: Option<String>,
    regions: Option<Vec<String>>,
    interface: Option<String>,
    ca_bundle: Option<PathBuf>,
    default_domain: Option<String>,
    session_store: Option<String>,
    public_url: Option<String>,
    request_timeout_secs: Option<u64>,
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// Reads the file named by `MERIDIAN_CONFIG` (if any) and the environment.
    pub fn load() -> Result<Config, String> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let file: FileConfig = match env("MERIDIAN_CONFIG") {
            Some(path) => {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                toml::from_str(&text).map_err(|e| format!("{path}: {e}"))?
            }
            None => FileConfig::default(),
        };

        let mut cfg = Config {
            auth_url: DEFAULT_AUTH_URL.into(),
            cloud_source: "the local test cloud (default)".into(),
            regions: file.regions.unwrap_or_default(),
            interface: file.interface.unwrap_or_else(|| "public".into()),
            ca_bundle: file.ca_bundle,
            service_credential: None,
            default_domain: env("MERIDIAN_DEFAULT_DOMAIN")
                .or(file.default_domain)
                .unwrap_or_else(|| "Default".into()),
            session_store: SessionStoreKind::parse(
                &env("MERIDIAN_SESSION_STORE")
                    .or(file.session_store)
                    .unwrap_or_default(),
            )?,
            public_url: env("MERIDIAN_PUBLIC_URL").or(file.public_url),
            request_timeout_secs: file.request_timeout_secs.unwrap_or(30),
        };

        if let Some(url) = env("MERIDIAN_AUTH_URL").or(file.auth_url) {
            cfg.auth_url = url;
            cfg.cloud_source = "MERIDIAN_AUTH_URL".into();
        } else if let Some(name) = env("OS_CLOUD").or(file.cloud) {
            let (path, cloud) = find_cloud(&name)?;
            cfg.apply_cloud(&cloud);
            cfg.cloud_source = format!("cloud {name:?} in {}", path.display());
        } else if let Some(url) = env("OS_AUTH_URL") {
            cfg.auth_url = url;
            cfg.cloud_source = "OS_AUTH_URL".into();
            if let Some(region) = env("OS_REGION_NAME") {
                if cfg.regions.is_empty() {
                    cfg.regions = vec![region];
                }
            }
        }
        Ok(cfg)
    }

    fn apply_cloud(&mut self, cloud: &CloudEntry) {
        if let Some(url) = &cloud.auth.auth_url {
            self.auth_url = url.clone();
        }
        if let Some(region) = &cloud.region_name {
            if self.regions.is_empty() {
                self.regions = vec![region.clone()];
            }
        }
        if let Some(interface) = &cloud.interface {
            self.interface = interface.clone();
        }
        if let Some(ca) = &cloud.cacert {
            self.ca_bundle = Some(ca.clone());
        }
        self.service_credential = cloud.auth.service_credential();
    }
}

#[derive(Debug, Deserialize)]
struct CloudsFile {
    clouds: std::collections::BTreeMap<String, CloudEntry>,
}

#[derive(Debug, Deserialize)]
struct CloudEntry {
    #[serde(default)]
    auth: CloudAuth,
    region_name: Option<String>,
    interface: Option<String>,
    cacert: Option<PathBuf>,
}

#[derive(Default, Deserialize)]
struct CloudAuth {
    auth_url: Option<String>,
    username: Option<String>,
    password: Option<String>,
    project_name: Option<String>,
    user_domain_name: Option<String>,
    project_domain_name: Option<String>,
}

impl std::fmt::Debug for CloudAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CloudAuth")
            .field("auth_url", &self.auth_url)
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

impl CloudAuth {
    fn service_credential(&self) -> Option<ServiceCredential> {
        Some(ServiceCredential {
            username: self.username.clone()?,
            password: self.password.clone()?,
            project_name: self.project_name.clone()?,
            user_domain_name: self
                .user_domain_name
                .clone()
                .unwrap_or_else(|| "Default".into()),
            project_domain_name: self
                .project_domain_name
                .clone()
                .unwrap_or_else(|| "Default".into()),
        })
    }
}

/// clouds.yaml's search order, as openstacksdk has it.
fn clouds_yaml_candidates() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Ok(p) = std::env::var("OS_CLIENT_CONFIG_FILE") {
        paths.push(PathBuf::from(p));
    }
    paths.push(PathBuf::from("clouds.yaml"));
    if let Ok(home) = std::env::var("HOME") {
        paths.push(Path::new(&home).join(".config/openstack/clouds.yaml"));
    }
    paths.push(PathBuf::from("/etc/openstack/clouds.yaml"));
    paths
}

fn find_cloud(name: &str) -> Result<(PathBuf, CloudEntry), String> {
    for path in clouds_yaml_candidates() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut file = parse_clouds_yaml(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(cloud) = file.clouds.remove(name) {
            return Ok((path, cloud));
        }
    }
    Err(format!(
        "OS_CLOUD={name:?} is in no clouds.yaml (looked in OS_CLIENT_CONFIG_FILE, ./clouds.yaml, \
         ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml)"
    ))
}

fn parse_clouds_yaml(text: &str) -> Result<CloudsFile, String> {
    serde_yaml_ng::from_str(text).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_store_kinds() {
        assert_eq!(
            SessionStoreKind::parse("").unwrap(),
            SessionStoreKind::Memory
        );
        assert_eq!(
            SessionStoreKind::parse("sqlite://s.db").unwrap(),
            SessionStoreKind::Sqlite("sqlite://s.db".into())
        );
        assert_eq!(
            SessionStoreKind::parse("redis://127.0.0.1:6379").unwrap(),
            SessionStoreKind::Redis("redis://127.0.0.1:6379".into())
        );
        assert!(SessionStoreKind::parse("postgres://x").is_err());
    }

    #[test]
    fn clouds_yaml_entry_gives_url_region_and_credential() {
        let file = parse_clouds_yaml(
            "clouds:\n  c:\n    auth:\n      auth_url: https://k:5000/v3\n      username: svc\n      \
             password: pw\n      project_name: service\n    region_name: R1\n    interface: internal\n",
        )
        .unwrap();
        let mut cfg = Config {
            auth_url: DEFAULT_AUTH_URL.into(),
            cloud_source: String::new(),
            regions: vec![],
            interface: "public".into(),
            ca_bundle: None,
            service_credential: None,
            default_domain: "Default".into(),
            session_store: SessionStoreKind::Memory,
            public_url: None,
            request_timeout_secs: 30,
        };
        cfg.apply_cloud(&file.clouds["c"]);
        assert_eq!(cfg.auth_url, "https://k:5000/v3");
        assert_eq!(cfg.regions, vec!["R1"]);
        assert_eq!(cfg.interface, "internal");
        let cred = cfg.service_credential.unwrap();
        assert_eq!(cred.username, "svc");
        assert!(!format!("{cred:?}").contains("pw"));
    }
}
