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

/// The in-browser console's relay (`src/console/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// Origins allowed to open console WebSockets besides the site's own.
    pub allowed_origins: Vec<String>,
    /// Accept upgrades without an `Origin` header (tools; browsers always send one).
    pub allow_missing_origin: bool,
    pub max_per_user: usize,
    pub max_per_instance: usize,
    /// Close a console after this long without a frame from the browser.
    pub idle_timeout_secs: u64,
    /// Nova's `[consoleauth] token_ttl`: its answer carries no expiry, so Meridian needs it.
    pub token_ttl_secs: u64,
    /// `direct` (resolve the token, relay to the compute node's VNC server; needs the
    /// service credential) or `proxy` (relay to nova-novncproxy's WebSocket). Default:
    /// direct when a service credential is configured, else proxy.
    pub mode: Option<ConsoleMode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleMode {
    Direct,
    Proxy,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        ConsoleConfig {
            allowed_origins: vec![],
            allow_missing_origin: false,
            max_per_user: 4,
            max_per_instance: 4,
            idle_timeout_secs: 120,
            token_ttl_secs: 600,
            mode: None,
        }
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
    pub console: ConsoleConfig,
    /// Prices per unit for the overviews' cost figures (none set: usage alone).
    pub prices: crate::model::usage::Prices,
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
    service_cloud: Option<String>,
    console_allowed_origins: Option<Vec<String>>,
    console_allow_missing_origin: Option<bool>,
    console_max_per_user: Option<usize>,
    console_max_per_instance: Option<usize>,
    console_idle_timeout_secs: Option<u64>,
    console_token_ttl_secs: Option<u64>,
    console_mode: Option<String>,
    /// `[prices]`: `currency = "EUR"`, `vcpu_hour = 0.03`, ... (see `model::usage::PRICE_KEYS`).
    prices: Option<std::collections::BTreeMap<String, toml::Value>>,
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
            console: ConsoleConfig::default(),
            prices: Default::default(),
        };
        // Prices: MERIDIAN_PRICES ("currency=EUR,vcpu_hour=0.03,...") or the file's [prices].
        let prices_text = match env("MERIDIAN_PRICES") {
            Some(text) => text,
            None => file
                .prices
                .iter()
                .flatten()
                .map(|(k, v)| match v {
                    toml::Value::String(s) => format!("{k}={s}"),
                    other => format!("{k}={other}"),
                })
                .collect::<Vec<_>>()
                .join(","),
        };
        cfg.prices = crate::model::usage::Prices::parse(&prices_text)?;
        let num = |k: &str, from_file: Option<u64>, default: u64| -> Result<u64, String> {
            match env(k) {
                Some(v) => v
                    .trim()
                    .parse()
                    .map_err(|_| format!("{k}={v:?}: not a number")),
                None => Ok(from_file.unwrap_or(default)),
            }
        };
        let c = ConsoleConfig::default();
        cfg.console = ConsoleConfig {
            allowed_origins: match env("MERIDIAN_CONSOLE_ORIGINS") {
                Some(v) => v
                    .split(',')
                    .map(|o| o.trim().trim_end_matches('/').to_string())
                    .filter(|o| !o.is_empty())
                    .collect(),
                None => file.console_allowed_origins.unwrap_or_default(),
            },
            allow_missing_origin: match env("MERIDIAN_CONSOLE_ALLOW_NO_ORIGIN") {
                Some(v) => matches!(v.trim(), "1" | "true" | "yes"),
                None => file.console_allow_missing_origin.unwrap_or(false),
            },
            max_per_user: num(
                "MERIDIAN_CONSOLE_MAX_PER_USER",
                file.console_max_per_user.map(|n| n as u64),
                c.max_per_user as u64,
            )? as usize,
            max_per_instance: num(
                "MERIDIAN_CONSOLE_MAX_PER_INSTANCE",
                file.console_max_per_instance.map(|n| n as u64),
                c.max_per_instance as u64,
            )? as usize,
            idle_timeout_secs: num(
                "MERIDIAN_CONSOLE_IDLE_SECS",
                file.console_idle_timeout_secs,
                c.idle_timeout_secs,
            )?,
            token_ttl_secs: num(
                "MERIDIAN_CONSOLE_TOKEN_TTL_SECS",
                file.console_token_ttl_secs,
                c.token_ttl_secs,
            )?,
            mode: match env("MERIDIAN_CONSOLE_MODE")
                .or(file.console_mode)
                .as_deref()
            {
                None | Some("auto") => None,
                Some("direct") => Some(ConsoleMode::Direct),
                Some("proxy") => Some(ConsoleMode::Proxy),
                Some(other) => {
                    return Err(format!(
                        "console mode {other:?}: expected auto, direct or proxy"
                    ))
                }
            },
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
        // The service credential can come from its own clouds.yaml entry, so that Meridian
        // can name its cloud any way (MERIDIAN_AUTH_URL, OS_AUTH_URL) and still have one.
        if let Some(name) = env("MERIDIAN_SERVICE_CLOUD").or(file.service_cloud) {
            let (path, cloud) = find_cloud(&name)?;
            cfg.service_credential = Some(cloud.auth.service_credential().ok_or_else(|| {
                format!(
                    "MERIDIAN_SERVICE_CLOUD={name:?} in {}: needs username, password and project_name",
                    path.display()
                )
            })?);
        }
        if cfg.console.mode == Some(ConsoleMode::Direct) && cfg.service_credential.is_none() {
            return Err(
                "console mode direct needs a service credential (MERIDIAN_SERVICE_CLOUD)".into(),
            );
        }
        Ok(cfg)
    }

    /// How consoles are relayed, after defaults.
    pub fn console_mode(&self) -> ConsoleMode {
        self.console
            .mode
            .unwrap_or(if self.service_credential.is_some() {
                ConsoleMode::Direct
            } else {
                ConsoleMode::Proxy
            })
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
            console: ConsoleConfig::default(),
            prices: Default::default(),
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
