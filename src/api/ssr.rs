//! Helpers every server function uses: the shared state, the session and the logged-in user.

use leptos::prelude::*;
use tower_sessions::Session;

use crate::error::AppError;
use crate::nav::login_url;
use crate::session::{self, AuthState};
use crate::state::AppState;

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::Internal("no application state".into()))
}

pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::Internal(format!("no session: {e}")))
}

/// The logged-in user, or `NotLoggedIn` (after sending the browser to the login page).
pub async fn require_auth() -> Result<(AppState, Session, AuthState), AppError> {
    let state = app_state()?;
    let session = session().await?;
    match session::current(&session).await {
        Some(auth) => Ok((state, session, auth)),
        None => Err(not_logged_in(&session).await),
    }
}

/// Like `require_auth`, and the user's role must allow `action` (`model::policy`): a call
/// the role may not make (a reader's forged delete, say) stops here, before the cloud.
pub async fn require(
    action: crate::model::policy::Action,
) -> Result<(AppState, Session, AuthState), AppError> {
    let (state, session, auth) = require_auth().await?;
    if !auth.may(action) {
        return Err(AppError::Forbidden(action.refusal().into()));
    }
    Ok((state, session, auth))
}

/// Like `require_auth`, and also the `admin` role (the Admin dashboard).
pub async fn require_admin() -> Result<(AppState, Session, AuthState), AppError> {
    require(crate::model::policy::Action::ViewCloud).await
}

/// Like `require_auth`, and may manage identity (the Identity dashboard's admin panels).
pub async fn require_identity_admin() -> Result<(AppState, Session, AuthState), AppError> {
    require(crate::model::policy::Action::ManageIdentity).await
}

/// One server function's call: the logged-in user, allowed the action it asked for, and the
/// cloud as that user. Replaces the prelude every server function would otherwise repeat:
///
/// ```ignore
/// let call = Call::to(Action::ChangeProject).await?;
/// let os = call.os();
/// call.confirmed(async { /* calls with `os` */ }).await
/// ```
pub struct Call {
    pub state: AppState,
    pub session: Session,
    pub auth: AuthState,
}

impl Call {
    /// The user must be logged in and their role must allow `action` (checked here, before
    /// anything reaches the cloud).
    pub async fn to(action: crate::model::policy::Action) -> Result<Self, AppError> {
        let (state, session, auth) = require(action).await?;
        Ok(Call {
            state,
            session,
            auth,
        })
    }

    /// The cloud, as this user in their current project.
    pub fn os(&self) -> crate::openstack::client::Scoped<'_> {
        self.auth.scoped(&self.state.cloud)
    }

    /// Runs `work` while Keystone confirms the token (`confirmed`).
    pub async fn confirmed<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        confirmed(&self.state, &self.session, &self.auth, work).await
    }
}

/// Runs `work` (the page's calls to the cloud) while Keystone confirms, at the same time,
/// that the session's token is still valid: the check costs no extra latency, and a token
/// revoked elsewhere sends the user to log in even though the services' caches still
/// accept it. If Keystone cannot answer, the work's own result stands.
pub async fn confirmed<T>(
    state: &AppState,
    session: &Session,
    auth: &AuthState,
    work: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let (valid, result) = tokio::join!(
        crate::openstack::auth::is_valid(&state.cloud, &auth.token),
        work
    );
    match (valid, result) {
        (Ok(false), _) | (_, Err(AppError::NotLoggedIn)) => Err(not_logged_in(session).await),
        (Err(e), result) => {
            tracing::warn!("token check failed: {e}");
            result
        }
        (Ok(true), result) => result,
    }
}

/// Turns an error from the cloud into the error to return. A 401 means the token was revoked
/// or expired behind our back: the session is dropped and the user sent to log in again.
pub async fn check(session: &Session, err: AppError) -> AppError {
    if err == AppError::NotLoggedIn {
        not_logged_in(session).await
    } else {
        err
    }
}

async fn not_logged_in(session: &Session) -> AppError {
    session::clear(session).await;
    leptos_axum::redirect(&login_url(current_page().as_deref()));
    AppError::NotLoggedIn
}

/// The page the user is on: the request path when rendering a page, the `Referer`'s path
/// when the browser called a server function.
pub fn current_page() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let path = parts.uri.path();
    if !path.starts_with("/api/") {
        return Some(
            parts
                .uri
                .path_and_query()
                .map(|pq| pq.as_str().to_string())
                .unwrap_or_else(|| path.to_string()),
        );
    }
    let referer = parts.headers.get(http::header::REFERER)?.to_str().ok()?;
    let url = url::Url::parse(referer).ok()?;
    let mut page = url.path().to_string();
    if let Some(q) = url.query() {
        page.push('?');
        page.push_str(q);
    }
    Some(page)
}

/// A cookie's value from the request.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The time zone the user picked in Settings (UTC until they pick one).
pub fn user_zone() -> chrono_tz::Tz {
    use crate::model::timezone::{parse_zone, TIMEZONE_COOKIE};
    request_cookie(TIMEZONE_COOKIE)
        .and_then(|name| parse_zone(&name))
        .unwrap_or(chrono_tz::Tz::UTC)
}

/// A time, written out in the user's zone.
pub fn local_time(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::model::timezone::format_in(t, user_zone())
}

/// A time as the cloud wrote it, written out in the user's zone (unchanged if it is not one).
pub fn local_cloud_time(text: &str) -> String {
    crate::model::timezone::format_cloud_time(text, user_zone())
}

/// Runs `op` on every `(id, name)` at once and sorts the outcomes by name for the page's
/// messages. A lost session fails the whole batch (the caller then sends the user to log in).
pub async fn batch<'a, F, Fut>(
    items: &'a [(String, String)],
    op: F,
) -> Result<crate::model::batch::BatchResult, AppError>
where
    F: Fn(&'a str) -> Fut,
    Fut: std::future::Future<Output = Result<(), crate::openstack::OsError>>,
{
    let results = futures::future::join_all(items.iter().map(|(id, _)| op(id))).await;
    let mut outcome = crate::model::batch::BatchResult {
        done: vec![],
        failed: vec![],
    };
    for ((_, name), result) in items.iter().zip(results) {
        match result.map_err(AppError::from) {
            Ok(()) => outcome.done.push(name.clone()),
            Err(AppError::NotLoggedIn) => return Err(AppError::NotLoggedIn),
            Err(e) => outcome.failed.push((name.clone(), e.to_string())),
        }
    }
    Ok(outcome)
}
