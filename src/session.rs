//! The server-side session: who is logged in, with which tokens, in which project.
//!
//! Only the session id travels in the `sessionid` cookie. Tokens, roles and the catalog stay
//! in the store, and nothing is written there before a successful login.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

use crate::error::AppError;
use crate::model::{Flash, ProjectRef, UserInfo};
use crate::openstack::{auth, Catalog, Cloud, OsError, Scoped};

const AUTH_KEY: &str = "auth";
const FLASH_KEY: &str = "flash";

/// Name of the cookie that remembers the last project, as Horizon names it.
pub const RECENT_PROJECT_COOKIE: &str = "recent_project";

#[derive(Clone, Serialize, Deserialize)]
pub struct AuthState {
    /// Project-scoped token: every service call uses it.
    pub token: String,
    pub expires_at: DateTime<Utc>,
    /// Unscoped token: lists projects and rescopes when the user switches project.
    pub unscoped_token: String,
    pub unscoped_expires_at: DateTime<Utc>,
    pub user_id: String,
    pub user_name: String,
    pub domain_name: String,
    pub project: ProjectRef,
    pub projects: Vec<ProjectRef>,
    pub roles: Vec<String>,
    pub catalog: Catalog,
    pub region: Option<String>,
}

impl std::fmt::Debug for AuthState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthState")
            .field("user_name", &self.user_name)
            .field("project", &self.project.name)
            .field("roles", &self.roles)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl AuthState {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }

    /// What the browser may see: no tokens, no catalog.
    pub fn user_info(&self) -> UserInfo {
        UserInfo {
            user_id: self.user_id.clone(),
            user_name: self.user_name.clone(),
            domain_name: self.domain_name.clone(),
            project: self.project.clone(),
            projects: self.projects.clone(),
            roles: self.roles.clone(),
            region: self.region.clone(),
        }
    }

    /// May this user do `action` in the session's project? (See `model::policy`.)
    pub fn may(&self, action: crate::model::policy::Action) -> bool {
        crate::model::policy::may(&self.roles, action)
    }

    pub fn is_admin(&self) -> bool {
        self.may(crate::model::policy::Action::ViewCloud)
    }

    pub fn scoped<'a>(&'a self, cloud: &'a Cloud) -> Scoped<'a> {
        cloud.scoped(&self.token, &self.catalog, self.region.as_deref())
    }

    fn from_tokens(
        unscoped: &auth::Token,
        scoped: auth::Token,
        projects: Vec<ProjectRef>,
        region: Option<String>,
    ) -> Result<Self, OsError> {
        let project = scoped.project.clone().ok_or(OsError::BadResponse {
            service: "Identity (Keystone)",
            message: "the scoped token names no project".into(),
        })?;
        Ok(AuthState {
            token: scoped.id,
            expires_at: scoped.expires_at,
            unscoped_token: unscoped.id.clone(),
            unscoped_expires_at: unscoped.expires_at,
            user_id: scoped.user_id,
            user_name: scoped.user_name,
            domain_name: scoped.domain_name,
            project,
            projects,
            roles: scoped.roles,
            catalog: scoped.catalog,
            region,
        })
    }
}

/// The logged-in user's state, if the session has one whose token has not expired.
pub async fn current(session: &Session) -> Option<AuthState> {
    let state: AuthState = session.get(AUTH_KEY).await.ok().flatten()?;
    (!state.is_expired(Utc::now())).then_some(state)
}

async fn save(session: &Session, state: &AuthState) -> Result<(), AppError> {
    session
        .insert(AUTH_KEY, state)
        .await
        .map_err(|e| AppError::Internal(format!("session store: {e}")))?;
    // The session lives as long as the token does.
    if let Ok(at) = tower_sessions::cookie::time::OffsetDateTime::from_unix_timestamp(
        state.expires_at.timestamp(),
    ) {
        session.set_expiry(Some(Expiry::AtDateTime(at)));
    }
    Ok(())
}

/// Queues a message for the next page the logged-in user sees (after a redirect).
pub async fn flash(session: &Session, message: Flash) {
    let mut queued: Vec<Flash> = session
        .get(FLASH_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    queued.push(message);
    if let Err(e) = session.insert(FLASH_KEY, queued).await {
        tracing::warn!("could not queue message: {e}");
    }
}

/// Takes the queued messages (each is shown once).
pub async fn take_flashes(session: &Session) -> Vec<Flash> {
    if session.id().is_none() {
        // Nothing was ever stored: do not touch (and so create) the session.
        return vec![];
    }
    session
        .remove::<Vec<Flash>>(FLASH_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Forgets the user: the session's data and id are gone, and the cookie is cleared.
pub async fn clear(session: &Session) {
    if let Err(e) = session.flush().await {
        tracing::warn!("could not flush session: {e}");
    }
}

/// Password login, then scoping. The session is written only when both succeed, and gets a
/// new id so that an id planted before login is worthless after it.
pub async fn login(
    cloud: &Cloud,
    session: &Session,
    user_name: &str,
    password: &str,
    domain_name: &str,
    region: Option<String>,
    recent_project: Option<&str>,
) -> Result<AuthState, AppError> {
    let unscoped = auth::password(cloud, user_name, password, domain_name)
        .await
        .map_err(|e| match e {
            OsError::Unauthorized { message, .. } => AppError::BadInput {
                field: None,
                message: login_refusal(&message).into(),
            },
            other => other.into(),
        })?;
    let projects = auth::projects(cloud, &unscoped.id).await?;
    let Some(project) = auth::choose_project(&projects, recent_project).cloned() else {
        // Nobody should hold a token they cannot use.
        let _ = auth::revoke(cloud, &unscoped.id).await;
        return Err(AppError::Forbidden(
            "You are not authorized for any projects.".into(),
        ));
    };
    let scoped = auth::scope_to_project(cloud, &unscoped.id, &project.id).await?;
    let state = AuthState::from_tokens(&unscoped, scoped, projects, region)?;
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(format!("session store: {e}")))?;
    save(session, &state).await?;
    tracing::info!(user = %state.user_name, project = %state.project.name, "login");
    Ok(state)
}

/// What a refused login tells the user. Keystone words a disabled account's refusal like a
/// wrong password unless it runs with `insecure_debug`; only when its message says the
/// account is disabled do we say so.
fn login_refusal(keystone_message: &str) -> &'static str {
    if keystone_message.to_lowercase().contains("disabled") {
        "Your account is disabled."
    } else {
        "Invalid credentials."
    }
}

/// Rescopes the session to another of the user's projects.
pub async fn switch_project(
    cloud: &Cloud,
    session: &Session,
    mut state: AuthState,
    project_id: &str,
) -> Result<AuthState, AppError> {
    // The list may have changed since login: ask again, and refuse projects not in it.
    let projects = auth::projects(cloud, &state.unscoped_token).await?;
    if !projects.iter().any(|p| p.id == project_id) {
        return Err(AppError::Forbidden(
            "You are not authorized for that project.".into(),
        ));
    }
    let scoped = auth::scope_to_project(cloud, &state.unscoped_token, project_id).await?;
    let old_token = std::mem::take(&mut state.token);
    let unscoped = auth::Token {
        id: state.unscoped_token.clone(),
        expires_at: state.unscoped_expires_at,
        user_id: String::new(),
        user_name: String::new(),
        domain_name: String::new(),
        project: None,
        roles: vec![],
        catalog: Catalog::default(),
    };
    let new_state = AuthState::from_tokens(&unscoped, scoped, projects, state.region.clone())?;
    save(session, &new_state).await?;
    // The old project's token is no longer needed, but a request made with it may still be
    // in flight (a live refresh of the page being left): revoked now, that request would get
    // a 401, end the session and send the browser to log in mid-switch.
    revoke_later(cloud, old_token);
    tracing::info!(user = %new_state.user_name, project = %new_state.project.name, "switched project");
    Ok(new_state)
}

/// Revokes `token` once every request that may carry it has finished or timed out.
fn revoke_later(cloud: &Cloud, token: String) {
    let cloud = cloud.clone();
    tokio::spawn(async move {
        tokio::time::sleep(cloud.request_timeout()).await;
        if let Err(e) = auth::revoke(&cloud, &token).await {
            tracing::warn!("revoking a switched-from token failed: {e}");
        }
    });
}

/// Revokes both tokens with Keystone and forgets the session.
pub async fn logout(cloud: &Cloud, session: &Session) {
    if let Ok(Some(state)) = session.get::<AuthState>(AUTH_KEY).await {
        for token in [&state.token, &state.unscoped_token] {
            if let Err(e) = auth::revoke(cloud, token).await {
                tracing::warn!(user = %state.user_name, "token revocation failed: {e}");
            }
        }
        tracing::info!(user = %state.user_name, "logout");
    }
    clear(session).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(expires_in_secs: i64) -> AuthState {
        let now = Utc::now();
        AuthState {
            token: "scoped-secret".into(),
            expires_at: now + chrono::Duration::seconds(expires_in_secs),
            unscoped_token: "unscoped-secret".into(),
            unscoped_expires_at: now + chrono::Duration::seconds(expires_in_secs),
            user_id: "u1".into(),
            user_name: "demo".into(),
            domain_name: "Default".into(),
            project: ProjectRef {
                id: "p1".into(),
                name: "demo".into(),
            },
            projects: vec![ProjectRef {
                id: "p1".into(),
                name: "demo".into(),
            }],
            roles: vec!["member".into(), "reader".into()],
            catalog: Catalog::default(),
            region: None,
        }
    }

    #[test]
    fn expiry_is_checked() {
        assert!(!state(60).is_expired(Utc::now()));
        assert!(state(-1).is_expired(Utc::now()));
    }

    #[test]
    fn login_refusal_says_disabled_only_when_keystone_does() {
        assert_eq!(
            login_refusal("The request you have made requires authentication."),
            "Invalid credentials."
        );
        assert_eq!(
            login_refusal("User 98c3 is disabled."),
            "Your account is disabled."
        );
    }

    #[test]
    fn user_info_carries_no_token() {
        let info = state(60).user_info();
        let json = serde_json::to_string(&info).unwrap();
        assert!(!json.contains("secret"), "{json}");
        assert_eq!(info.project.name, "demo");
        assert!(!info.is_admin());
    }

    #[test]
    fn debug_hides_tokens() {
        let s = format!("{:?}", state(60));
        assert!(!s.contains("secret"), "{s}");
    }

    #[test]
    fn session_round_trip_keeps_everything() {
        let s = state(60);
        let back: AuthState = serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
        assert_eq!(back.token, s.token);
        assert_eq!(back.unscoped_token, s.unscoped_token);
        assert_eq!(back.project, s.project);
        assert_eq!(back.expires_at, s.expires_at);
    }

    /// Through the real session layer: a visitor who only looks gets no cookie and leaves
    /// nothing in the store; a login writes one session and sets the cookie.
    #[tokio::test]
    async fn nothing_is_stored_until_login() {
        use axum::body::Body;
        use axum::http::{header::SET_COOKIE, Request};
        use axum::routing::get;
        use tower::ServiceExt;
        use tower_sessions::{MemoryStore, SessionManagerLayer};

        let store = MemoryStore::default();
        let app = axum::Router::new()
            .route(
                "/look",
                get(|s: Session| async move {
                    assert!(current(&s).await.is_none());
                    assert!(take_flashes(&s).await.is_empty());
                    "looked"
                }),
            )
            .route(
                "/login",
                get(|s: Session| async move {
                    save(&s, &state(60)).await.unwrap();
                    "in"
                }),
            )
            .layer(SessionManagerLayer::new(store.clone()).with_name("sessionid"));

        let res = app
            .clone()
            .oneshot(Request::get("/look").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert!(res.headers().get(SET_COOKIE).is_none());

        let res = app
            .oneshot(Request::get("/login").body(Body::empty()).unwrap())
            .await
            .unwrap();
        let cookie = res.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
        assert!(cookie.starts_with("sessionid="), "{cookie}");
        assert!(!cookie.contains("secret"), "{cookie}");
    }

    #[tokio::test]
    async fn expired_token_is_not_logged_in() {
        use std::sync::Arc;
        use tower_sessions::MemoryStore;
        let session = Session::new(None, Arc::new(MemoryStore::default()), None);
        session.insert(AUTH_KEY, state(-5)).await.unwrap();
        assert!(current(&session).await.is_none());
    }
}
