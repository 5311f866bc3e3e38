//! The process-wide HTTP client and the per-request, token-carrying view of it.

use std::time::Duration;

use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;

use super::catalog::{Catalog, ServiceType};
use super::error::OsError;

/// Nova's microversion for every compute call. 2.79 is the oldest that returns everything
/// Meridian shows (e.g. `delete_on_termination` on volume attachments) and is served by
/// every supported Nova release.
pub const COMPUTE_MICROVERSION: &str = "2.79";

/// How long an idle connection to a service is kept for reuse: less than the shortest
/// keep-alive the services' servers grant (gunicorn's default, 2 s).
const UPSTREAM_IDLE: Duration = Duration::from_secs(1);
/// Cinder's: 3.42 extends a volume while attached; 3.60 is Cinder's 2020 API, everywhere now.
pub const VOLUME_MICROVERSION: &str = "3.60";

/// The cloud: its Keystone URL and how to pick endpoints, plus one pooled HTTP client.
#[derive(Clone)]
pub struct Cloud {
    http: reqwest::Client,
    /// Keystone v3 base URL, ending in `/v3`.
    pub auth_url: String,
    /// Catalog interface to use: `public` unless configured otherwise.
    pub interface: String,
    /// The longest any one call to the cloud may take.
    request_timeout: Duration,
}

impl Cloud {
    pub fn new(
        auth_url: &str,
        interface: &str,
        ca_bundle: Option<&[u8]>,
        timeout: Duration,
    ) -> Result<Self, String> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(timeout)
            // An idle connection is dropped before the service would close it: OpenStack's
            // API servers close idle keep-alive connections after 2 s (gunicorn) to 5 s
            // (Apache), and a POST or PATCH sent on a connection being closed fails with
            // "connection reset" and cannot safely be sent again. A page's calls, and a
            // live refresh's, go out together and still share connections.
            .pool_idle_timeout(UPSTREAM_IDLE)
            .user_agent(concat!("meridian/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = ca_bundle {
            for cert in reqwest::Certificate::from_pem_bundle(pem).map_err(|e| e.to_string())? {
                builder = builder.add_root_certificate(cert);
            }
        }
        Ok(Cloud {
            http: builder.build().map_err(|e| e.to_string())?,
            auth_url: normalize_auth_url(auth_url),
            interface: interface.to_string(),
            request_timeout: timeout,
        })
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The longest any one call to the cloud may take: after it, no call that started with
    /// a given token can still be in flight.
    pub fn request_timeout(&self) -> Duration {
        self.request_timeout
    }

    /// A view of the cloud that acts as one user, in one project.
    pub fn scoped<'a>(
        &'a self,
        token: &'a str,
        catalog: &'a Catalog,
        region: Option<&'a str>,
    ) -> Scoped<'a> {
        Scoped {
            cloud: self,
            token,
            catalog,
            region,
        }
    }
}

/// Keystone URLs are configured every which way (`host:5000`, `.../v3/`, `.../identity`).
pub fn normalize_auth_url(url: &str) -> String {
    let trimmed = url.trim().trim_end_matches('/');
    if trimmed.ends_with("/v3") {
        trimmed.to_string()
    } else {
        format!("{trimmed}/v3")
    }
}

/// Calls made on behalf of one logged-in user.
#[derive(Clone, Copy)]
pub struct Scoped<'a> {
    cloud: &'a Cloud,
    token: &'a str,
    catalog: &'a Catalog,
    region: Option<&'a str>,
}

impl<'a> Scoped<'a> {
    pub fn endpoint(&self, service: ServiceType) -> Result<&'a str, OsError> {
        self.catalog
            .endpoint(service, &self.cloud.interface, self.region)
            .ok_or(OsError::NoEndpoint {
                service: service.display_name(),
            })
    }

    /// A request to `path` (relative to the service's catalog URL) with the token attached.
    pub fn request(
        &self,
        service: ServiceType,
        method: Method,
        path: &str,
    ) -> Result<RequestBuilder, OsError> {
        let url = format!("{}{}", self.endpoint(service)?, path);
        let mut req = self
            .cloud
            .http
            .request(method, url)
            .header("X-Auth-Token", self.token)
            .header("Accept", "application/json");
        if service == ServiceType::Compute {
            req = req.header(
                "OpenStack-API-Version",
                format!("compute {COMPUTE_MICROVERSION}"),
            );
        }
        if service == ServiceType::BlockStorage {
            req = req.header(
                "OpenStack-API-Version",
                format!("volume {VOLUME_MICROVERSION}"),
            );
        }
        Ok(req)
    }

    pub async fn get_json<T: DeserializeOwned>(
        &self,
        service: ServiceType,
        path: &str,
    ) -> Result<T, OsError> {
        let req = self.request(service, Method::GET, path)?;
        json_response(service, send(service, req).await?).await
    }
}

/// Sends a request, turning transport failures and non-2xx answers into `OsError`.
///
/// An idempotent request (GET, HEAD, PUT, DELETE, and a token request) whose pooled
/// connection the service had just closed is sent once more on a fresh one: API servers
/// close idle keep-alive connections after a second or two, and a request can race that
/// close.
pub async fn send(service: ServiceType, req: RequestBuilder) -> Result<Response, OsError> {
    let started = std::time::Instant::now();
    let unreachable = |e: reqwest::Error| OsError::Unreachable {
        service: service.display_name(),
        message: transport_message(&e),
    };
    let (client, request) = req.build_split();
    let request = request.map_err(unreachable)?;
    let method = request.method().clone();
    let path = loggable_path(request.url().path());
    let idempotent = matches!(
        *request.method(),
        reqwest::Method::GET
            | reqwest::Method::HEAD
            | reqwest::Method::PUT
            | reqwest::Method::DELETE
    );
    // Asking Keystone for a token twice leaves at most one unused token: a login or
    // rescoping that raced a keep-alive close is sent again too.
    let token_request = *request.method() == reqwest::Method::POST
        && request.url().path().ends_with("/auth/tokens");
    let again = if idempotent || token_request {
        request.try_clone()
    } else {
        None
    };
    let resp = match client.execute(request).await {
        Ok(resp) => resp,
        Err(e) if !e.is_timeout() && !e.is_connect() && again.is_some() => {
            tracing::debug!(
                service = service.display_name(),
                "retrying on a fresh connection: {e}"
            );
            client
                .execute(again.expect("checked above"))
                .await
                .map_err(unreachable)?
        }
        Err(e) => return Err(unreachable(e)),
    };
    tracing::debug!(
        service = service.display_name(),
        %method,
        %path,
        status = resp.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "upstream call"
    );
    if resp.status().is_success() {
        Ok(resp)
    } else {
        let status = resp.status().as_u16();
        let body = resp.text().await.unwrap_or_default();
        Err(OsError::from_status(service, status, &body))
    }
}

/// A request's path for the log: no query, and no secret. Nova's console tokens are the one
/// secret that travels in a path (`GET /os-console-auth-tokens/{token}`).
fn loggable_path(path: &str) -> String {
    const TOKEN_BEFORE: &str = "/os-console-auth-tokens/";
    match path.find(TOKEN_BEFORE) {
        Some(i) => format!("{}***", &path[..i + TOKEN_BEFORE.len()]),
        None => path.to_string(),
    }
}

pub async fn json_response<T: DeserializeOwned>(
    service: ServiceType,
    resp: Response,
) -> Result<T, OsError> {
    let bytes = resp.bytes().await.map_err(|e| OsError::Unreachable {
        service: service.display_name(),
        message: transport_message(&e),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| OsError::BadResponse {
        service: service.display_name(),
        message: e.to_string(),
    })
}

/// A transport error in words, without the URL (which could carry a query with secrets).
fn transport_message(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        return "timed out".into();
    }
    if e.is_connect() {
        return "connection refused or unreachable".into();
    }
    // The innermost cause says what happened ("connection closed before message
    // completed"); the outer layers only repeat the URL.
    let mut cause: &dyn std::error::Error = e;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    let mut message = cause.to_string();
    if let Some(url) = e.url() {
        message = message.replace(url.as_str(), "");
    }
    message
}

#[cfg(test)]
mod tests {
    use super::{loggable_path, normalize_auth_url};

    #[test]
    fn logged_paths_keep_no_console_token() {
        assert_eq!(
            loggable_path("/v2.1/os-console-auth-tokens/6a1d7c2e-secret"),
            "/v2.1/os-console-auth-tokens/***"
        );
        assert_eq!(
            loggable_path("/v2.1/servers/detail"),
            "/v2.1/servers/detail"
        );
    }

    #[test]
    fn auth_url_gets_v3() {
        assert_eq!(normalize_auth_url("http://k:5000"), "http://k:5000/v3");
        assert_eq!(normalize_auth_url("http://k:5000/v3/"), "http://k:5000/v3");
        assert_eq!(
            normalize_auth_url(" https://k/identity "),
            "https://k/identity/v3"
        );
    }
}
