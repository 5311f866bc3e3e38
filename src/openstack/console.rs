//! Nova's remote consoles: asking for one (as the user) and resolving its token (as the
//! service), for the console relay.

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use super::catalog::ServiceType;
use super::client::{json_response, send, Scoped};
use super::error::OsError;

const SERVICE: ServiceType = ServiceType::Compute;

#[derive(Debug, Deserialize)]
struct RemoteConsoleBody {
    remote_console: RemoteConsole,
}

#[derive(Debug, Deserialize)]
struct RemoteConsole {
    url: String,
}

/// What Nova handed out: the console token and the nova-novncproxy WebSocket it is for.
/// Server only, and never logged (`Debug` leaves the token out).
#[derive(Clone)]
pub struct NovncConsole {
    pub token: String,
    /// nova-novncproxy's WebSocket URL carrying the token (`ws[s]://host:port/?token=...`).
    pub websocket_url: String,
}

impl std::fmt::Debug for NovncConsole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NovncConsole").finish_non_exhaustive()
    }
}

/// `POST /servers/{id}/remote-consoles` (microversion >= 2.6) with the user's token.
pub async fn create_novnc(os: &Scoped<'_>, server_id: &str) -> Result<NovncConsole, OsError> {
    let req = os
        .request(
            SERVICE,
            Method::POST,
            &format!("/servers/{server_id}/remote-consoles"),
        )?
        .json(&json!({"remote_console": {"protocol": "vnc", "type": "novnc"}}));
    let body: RemoteConsoleBody = json_response(SERVICE, send(SERVICE, req).await?).await?;
    parse_novnc_url(&body.remote_console.url).ok_or(OsError::BadResponse {
        service: SERVICE.display_name(),
        message: "the console URL carries no token".into(),
    })
}

/// Nova's noVNC URL is `http://proxy:6080/vnc_lite.html?path=%3Ftoken%3D<token>`: the
/// token sits URL-encoded in `path` (older releases put `token=` in the query itself). The
/// WebSocket is at `path`, relative to the proxy's root.
pub fn parse_novnc_url(url: &str) -> Option<NovncConsole> {
    let url = url::Url::parse(url).ok()?;
    let query = |u: &url::Url, key: &str| {
        u.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    let ws_scheme = if url.scheme() == "https" { "wss" } else { "ws" };
    let mut base = url.clone();
    base.set_scheme(ws_scheme).ok()?;
    base.set_query(None);
    base.set_fragment(None);
    base.set_path("/");
    let (token, ws) = match query(&url, "path") {
        Some(path) => {
            let ws = base.join(path.trim_start_matches('/')).ok()?;
            (query(&ws, "token")?, ws)
        }
        None => {
            let token = query(&url, "token")?;
            let mut ws = base;
            ws.query_pairs_mut().append_pair("token", &token);
            (token, ws)
        }
    };
    if token.is_empty() {
        return None;
    }
    Some(NovncConsole {
        token,
        websocket_url: ws.to_string(),
    })
}

#[derive(Debug, Deserialize)]
struct ConsoleAuthBody {
    console: ConsoleTarget,
}

/// Where a console token leads: the compute node's VNC server for one instance.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct ConsoleTarget {
    pub instance_uuid: String,
    pub host: String,
    pub port: u16,
    #[serde(default)]
    pub internal_access_path: Option<String>,
}

/// `GET /os-console-auth-tokens/{token}` (microversion >= 2.31, admin policy): `None` when
/// Nova does not know the token (expired, or never issued).
pub async fn resolve_token(os: &Scoped<'_>, token: &str) -> Result<Option<ConsoleTarget>, OsError> {
    // The token is a UUID: anything else would change the path.
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Ok(None);
    }
    match os
        .get_json::<ConsoleAuthBody>(SERVICE, &format!("/os-console-auth-tokens/{token}"))
        .await
    {
        Ok(body) => Ok(Some(body.console)),
        Err(OsError::Status { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
struct ServerBody {
    server: ServerBrief,
}

/// The few fields of a server the console page shows.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerBrief {
    pub id: String,
    pub name: String,
    pub status: String,
}

pub async fn server_brief(os: &Scoped<'_>, server_id: &str) -> Result<ServerBrief, OsError> {
    let body: ServerBody = os
        .get_json(SERVICE, &format!("/servers/{server_id}"))
        .await?;
    Ok(body.server)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    /// The recorder puts this in place of the console token Nova handed out.
    const RECORDED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

    #[test]
    fn token_comes_out_of_the_recorded_console_url() {
        let body: RemoteConsoleBody =
            serde_json::from_str(&fixture("nova_post_remote_consoles.json")).unwrap();
        let c = parse_novnc_url(&body.remote_console.url).unwrap();
        assert_eq!(c.token, RECORDED_TOKEN);
        assert_eq!(
            c.websocket_url,
            format!("ws://127.0.0.1:6080/?token={RECORDED_TOKEN}")
        );
        assert!(!format!("{c:?}").contains(RECORDED_TOKEN));
    }

    /// URLs the test cloud does not make: older releases', and a proxy behind TLS on a path.
    #[test]
    fn older_urls_and_tls() {
        let c = parse_novnc_url("https://console.example:443/vnc_auto.html?token=abc-1").unwrap();
        assert_eq!(c.token, "abc-1");
        assert_eq!(c.websocket_url, "wss://console.example/?token=abc-1");
        let c = parse_novnc_url(
            "https://p.example/nova/vnc_lite.html?path=%2Fnova%2Fwebsockify%3Ftoken%3Dt1",
        )
        .unwrap();
        assert_eq!(c.websocket_url, "wss://p.example/nova/websockify?token=t1");
        assert!(parse_novnc_url("http://p/vnc_lite.html").is_none());
        assert!(parse_novnc_url("http://p/vnc_lite.html?path=%3Ftoken%3D").is_none());
    }

    /// The recorded token leads to the test cloud's VNC server, for the recorded instance.
    #[test]
    fn console_auth_answer() {
        let body: ConsoleAuthBody =
            serde_json::from_str(&fixture("nova_get_os_console_auth_tokens.json")).unwrap();
        let server: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        assert_eq!(
            body.console,
            ConsoleTarget {
                instance_uuid: server.server.id,
                host: "127.0.0.1".into(),
                port: 5901,
                internal_access_path: None,
            }
        );
    }

    /// Nova's default policy resolves console tokens for admins only (hence Meridian's
    /// service credential): a member is refused, in Nova's words.
    #[test]
    fn console_auth_refused_to_a_member() {
        let e = OsError::from_status(
            SERVICE,
            403,
            &fixture("nova_get_os_console_auth_tokens_403.json"),
        );
        assert_eq!(
            crate::error::AppError::from(e),
            crate::error::AppError::Forbidden(
                "Policy doesn't allow os_compute_api:os-console-auth-tokens to be performed."
                    .into()
            )
        );
    }

    #[test]
    fn server_brief_of_the_recorded_server() {
        let body: ServerBody = serde_json::from_str(&fixture("nova_get_server.json")).unwrap();
        assert_eq!(
            (body.server.name.as_str(), body.server.status.as_str()),
            ("fixture-vm", "ACTIVE")
        );
    }
}
