//! Middleware that runs before any page: login required, same-origin form posts, headers.

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::nav::login_url;

/// The dashboards' URL prefixes: every page under them needs a logged-in user.
const PROTECTED: &[&str] = &["/project", "/admin", "/identity", "/settings"];

fn is_protected(path: &str) -> bool {
    PROTECTED
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")))
}

/// Pages under the dashboards send an anonymous (or expired) user to the login page, with
/// `next` pointing back. Horizon's URLs end in `/`; a path without one is redirected, as
/// Django's APPEND_SLASH does.
pub async fn require_login(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let needs_slash = !path.ends_with('/')
        && (is_protected(&path) || path == "/auth/login")
        && !path.rsplit('/').next().unwrap_or("").contains('.');
    if needs_slash {
        let mut target = format!("{path}/");
        if let Some(q) = req.uri().query() {
            target.push('?');
            target.push_str(q);
        }
        return Redirect::permanent(&target).into_response();
    }
    if path == "/" || is_protected(&path) {
        let logged_in = match req.extensions().get::<Session>() {
            Some(session) => crate::session::current(session).await.is_some(),
            None => false,
        };
        if !logged_in {
            let page = req.uri().path_and_query().map(|pq| pq.as_str().to_string());
            let target = if path == "/" {
                "/auth/login/".to_string()
            } else {
                login_url(page.as_deref())
            };
            return Redirect::to(&target).into_response();
        }
        if path == "/" {
            return Redirect::to("/project/").into_response();
        }
    }
    next.run(req).await
}

/// Refuses a request that changes something (POST, PUT, PATCH, DELETE) whose `Origin` names
/// another site. SameSite=Lax already keeps the session cookie off cross-site ones; this is
/// the second lock on the door.
pub async fn same_origin_posts(req: Request, next: Next) -> Response {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        if let (Some(origin), Some(host)) = (
            req.headers()
                .get(header::ORIGIN)
                .and_then(|v| v.to_str().ok()),
            req.headers()
                .get(header::HOST)
                .and_then(|v| v.to_str().ok()),
        ) {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            if origin != "null" && origin_host != host {
                return (StatusCode::FORBIDDEN, "Cross-origin request refused.").into_response();
            }
        }
    }
    next.run(req).await
}

/// Headers every response carries: no framing by other sites, no MIME sniffing, and pages
/// that show a user's cloud are not cached by shared caches.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert("X-Frame-Options", HeaderValue::from_static("DENY"));
    h.insert(
        "X-Content-Type-Options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("Referrer-Policy", HeaderValue::from_static("same-origin"));
    if !is_asset && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_protected;

    #[test]
    fn dashboards_are_protected() {
        assert!(is_protected("/project/"));
        assert!(is_protected("/admin/flavors/"));
        assert!(is_protected("/identity"));
        assert!(!is_protected("/projection"));
        assert!(!is_protected("/auth/login/"));
        assert!(!is_protected("/pkg/meridian.js"));
    }
}
