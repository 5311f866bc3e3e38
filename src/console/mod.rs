//! The in-browser console (server only): Meridian is the noVNC proxy.
//!
//! The page gets a console from Nova through a server function (`api::console`), which keeps
//! Nova's console token in the server-side session, bound to the instance (`grants`). The
//! browser then opens `/console/ws/{instance_id}` carrying only its session cookie; this
//! module checks the upgrade (`Origin`, session, grant, caps), resolves the token to the
//! compute node's VNC server with Meridian's service credential, and relays bytes (`relay`).
//! Without a service credential it relays to nova-novncproxy's own WebSocket instead.

pub mod grants;
pub mod registry;
pub mod relay;
pub mod service;

use std::time::Duration;

use axum::extract::ws::{rejection::WebSocketUpgradeRejection, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::config::{Config, ConsoleMode};
use crate::openstack::console::ConsoleTarget;
use crate::state::AppState;
use registry::Lease;
use relay::CloseReason;

pub use grants::ConsoleGrant;
pub use registry::Registry;

/// The route the page's noVNC connects to.
pub const WS_ROUTE: &str = "/console/ws/{instance_id}";

pub fn ws_path(instance_id: &str) -> String {
    format!("/console/ws/{instance_id}")
}

/// Instance ids are UUIDs; anything else never reaches Nova's URLs.
pub fn valid_instance_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

fn refuse(status: StatusCode, reason: &'static str) -> Response {
    (status, reason).into_response()
}

/// `GET /console/ws/{instance_id}`: every check that can refuse is made before the upgrade,
/// so a refused socket never opens; failures of the console itself (the compute node does
/// not answer, the token expired upstream) are sent as the close reason, for the page to show.
pub async fn ws_handler(
    State(state): State<AppState>,
    session: Session,
    Path(instance_id): Path<String>,
    headers: HeaderMap,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    let Ok(upgrade) = upgrade else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "A WebSocket upgrade is expected here.",
        );
    };
    if let Err(reason) = check_origin(&state.config, &headers) {
        return refuse(StatusCode::FORBIDDEN, reason);
    }
    let Some(auth) = crate::session::current(&session).await else {
        return refuse(StatusCode::UNAUTHORIZED, "Not logged in.");
    };
    if !valid_instance_id(&instance_id) {
        return refuse(StatusCode::NOT_FOUND, "No such instance.");
    }
    let Some(grant) = grants::get(&session, &instance_id).await else {
        return refuse(
            StatusCode::FORBIDDEN,
            "No console was opened for this instance in this session.",
        );
    };
    let now = chrono::Utc::now();
    if grant.is_expired(now) {
        return refuse(StatusCode::FORBIDDEN, "The console token has expired.");
    }
    let Some(session_id) = session.id().map(|id| id.to_string()) else {
        return refuse(StatusCode::UNAUTHORIZED, "Not logged in.");
    };
    let console = &state.config.console;
    let lease = match state.consoles.try_open(
        &auth.user_id,
        &instance_id,
        &session_id,
        console.max_per_user,
        console.max_per_instance,
    ) {
        Ok(lease) => lease,
        Err(reason) => return refuse(StatusCode::TOO_MANY_REQUESTS, reason),
    };
    let until_expiry = (grant.expires_at - now).to_std().unwrap_or_default();
    let limits = relay::Limits {
        idle: Duration::from_secs(console.idle_timeout_secs),
        until_expiry,
    };
    let upgrade = upgrade.protocols(["binary"]).max_message_size(1 << 24);

    match state.config.console_mode() {
        ConsoleMode::Direct => {
            let Some(service) = state.service.clone() else {
                return refuse(StatusCode::SERVICE_UNAVAILABLE, "No service credential.");
            };
            let target = match service
                .resolve(&state.cloud, &grant.token, auth.region.as_deref())
                .await
            {
                Ok(Some(target)) => target,
                Ok(None) => return close_at_once(upgrade, CloseReason::TokenExpired),
                Err(e) => {
                    tracing::warn!(instance = %instance_id, "console token check failed: {e}");
                    return close_at_once(upgrade, CloseReason::Unavailable);
                }
            };
            // The token must be the one Nova issued for this instance: a token of instance A
            // kept under instance B's name leads nowhere.
            if target.instance_uuid != instance_id {
                tracing::warn!(instance = %instance_id, "console token is for another instance");
                return refuse(
                    StatusCode::FORBIDDEN,
                    "The console token is for another instance.",
                );
            }
            let tcp = match relay::connect_vnc(&target).await {
                Ok(tcp) => tcp,
                Err(e) => {
                    tracing::warn!(instance = %instance_id, host = %target.host, port = target.port, "compute node unreachable: {e}");
                    return close_at_once(upgrade, CloseReason::Unreachable);
                }
            };
            log_open(&lease, &auth.user_name, &target);
            upgrade.on_upgrade(move |ws| async move {
                let stats = lease.stats();
                let reason = relay::relay_tcp(ws, tcp, limits, lease.stopped(), stats).await;
                tracing::info!(instance = %lease.instance_id(), reason = reason.text(), "console closed");
            })
        }
        ConsoleMode::Proxy => {
            let upstream = match relay::connect_novncproxy(&grant.websocket_url).await {
                Ok(ws) => ws,
                Err(e) => {
                    tracing::warn!(instance = %instance_id, "nova-novncproxy unreachable: {e}");
                    return close_at_once(upgrade, CloseReason::Unreachable);
                }
            };
            tracing::info!(instance = %instance_id, user = %auth.user_name, "console opened (through nova-novncproxy)");
            upgrade.on_upgrade(move |ws| async move {
                let stats = lease.stats();
                let reason = relay::relay_ws(ws, upstream, limits, lease.stopped(), stats).await;
                tracing::info!(instance = %lease.instance_id(), reason = reason.text(), "console closed");
            })
        }
    }
}

fn log_open(lease: &Lease, user: &str, target: &ConsoleTarget) {
    tracing::info!(instance = %lease.instance_id(), user, host = %target.host, port = target.port, "console opened");
}

/// Accepts the socket only to say, in its close frame, why there is no console.
fn close_at_once(upgrade: WebSocketUpgrade, reason: CloseReason) -> Response {
    upgrade.on_upgrade(move |ws: WebSocket| relay::close(ws, reason))
}

/// The upgrade's `Origin` must be this site (scheme, host and port) or an allowed origin.
/// A cross-site page can open WebSockets with the user's cookies (CVE-2015-0259): this is
/// the check that stops it.
pub fn check_origin(config: &Config, headers: &HeaderMap) -> Result<(), &'static str> {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let Some(origin) = origin else {
        return if config.console.allow_missing_origin {
            Ok(())
        } else {
            Err("An Origin header is required.")
        };
    };
    let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let allowed = |o: &str| o.trim_end_matches('/').eq_ignore_ascii_case(&origin);
    if config.console.allowed_origins.iter().any(|o| allowed(o)) {
        return Ok(());
    }
    if let Some(public) = config.public_url.as_deref().and_then(origin_of) {
        if allowed(&public) {
            return Ok(());
        }
    }
    // Behind no proxy the site is what the browser asked for: `Host`, over the scheme the
    // public URL names (http unless configured).
    let scheme = match config.public_url.as_deref() {
        Some(u) if u.starts_with("https://") => "https",
        _ => "http",
    };
    if let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) {
        if allowed(&format!("{scheme}://{host}")) {
            return Ok(());
        }
    }
    Err("Cross-origin console connections are refused.")
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    Some(u.origin().ascii_serialization())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn config() -> Config {
        // Nothing in the environment decides these tests.
        Config {
            auth_url: String::new(),
            cloud_source: String::new(),
            regions: vec![],
            interface: "public".into(),
            ca_bundle: None,
            service_credential: None,
            default_domain: "Default".into(),
            session_store: crate::config::SessionStoreKind::Memory,
            public_url: None,
            request_timeout_secs: 30,
            console: Default::default(),
            prices: Default::default(),
        }
    }

    fn headers(host: &str, origin: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_str(host).unwrap());
        if let Some(o) = origin {
            h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
        }
        h
    }

    #[test]
    fn own_origin_only() {
        let c = config();
        assert!(check_origin(
            &c,
            &headers("127.0.0.1:3000", Some("http://127.0.0.1:3000"))
        )
        .is_ok());
        assert!(check_origin(&c, &headers("127.0.0.1:3000", Some("http://evil.example"))).is_err());
        assert!(check_origin(
            &c,
            &headers("127.0.0.1:3000", Some("http://127.0.0.1:3001"))
        )
        .is_err());
        assert!(check_origin(
            &c,
            &headers("127.0.0.1:3000", Some("https://127.0.0.1:3000"))
        )
        .is_err());
        assert!(check_origin(&c, &headers("127.0.0.1:3000", Some("null"))).is_err());
        assert!(check_origin(&c, &headers("127.0.0.1:3000", None)).is_err());
    }

    #[test]
    fn public_url_allow_list_and_tools() {
        let mut c = config();
        c.public_url = Some("https://dash.example/".into());
        c.console.allowed_origins = vec!["https://ops.example".into()];
        assert!(check_origin(&c, &headers("10.0.0.5:3000", Some("https://dash.example"))).is_ok());
        assert!(check_origin(&c, &headers("dash.example", Some("https://dash.example"))).is_ok());
        assert!(check_origin(&c, &headers("dash.example", Some("http://dash.example"))).is_err());
        assert!(check_origin(&c, &headers("x", Some("https://ops.example"))).is_ok());
        c.console.allow_missing_origin = true;
        assert!(check_origin(&c, &headers("x", None)).is_ok());
    }

    #[test]
    fn instance_ids() {
        assert!(valid_instance_id("6f1b4c8e-1111-4a2b-9c3d-0123456789ab"));
        assert!(!valid_instance_id("../os-console-auth-tokens"));
        assert!(!valid_instance_id(""));
    }
}
