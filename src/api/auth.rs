//! Login and the current user.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{Flash, UserInfo};

/// What the page frame needs: the logged-in user as the browser may know them (`None` when
/// nobody is logged in) and the messages queued for this page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FrameData {
    pub user: Option<UserInfo>,
    pub messages: Vec<Flash>,
}

#[server(name = ShellData, endpoint = "shell_data")]
pub async fn shell_data() -> Result<FrameData, AppError> {
    let session = super::ssr::session().await?;
    let user = crate::session::current(&session)
        .await
        .map(|auth| auth.user_info());
    let messages = if user.is_some() {
        crate::session::take_flashes(&session).await
    } else {
        vec![]
    };
    Ok(FrameData { user, messages })
}

/// Regions offered at login (the select shows only when there are two or more) and the
/// default domain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LoginSettings {
    pub regions: Vec<String>,
    pub default_domain: String,
}

#[server(name = LoginOptions, endpoint = "login_options")]
pub async fn login_options() -> Result<LoginSettings, AppError> {
    let state = super::ssr::app_state()?;
    Ok(LoginSettings {
        regions: state.config.regions.clone(),
        default_domain: state.config.default_domain.clone(),
    })
}

/// Password login. On success the session holds the tokens and the browser is sent to `next`
/// (a path on this site) or the project overview.
#[server(endpoint = "login")]
pub async fn login(
    username: String,
    password: String,
    domain: String,
    region: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::api::ssr::{app_state, request_cookie, session};
    use crate::session::RECENT_PROJECT_COOKIE;

    let username = username.trim();
    let domain = domain.trim();
    if username.is_empty() {
        return Err(AppError::bad_input("username", "This field is required."));
    }
    if password.is_empty() {
        return Err(AppError::bad_input("password", "This field is required."));
    }
    let state = app_state()?;
    let region = match region.filter(|r| !r.is_empty()) {
        Some(r) if !state.config.regions.contains(&r) => {
            return Err(AppError::bad_input("region", "Unknown region."));
        }
        Some(r) => Some(r),
        // One configured region is the region; none means "any".
        None => state.config.regions.first().cloned(),
    };
    let domain = if domain.is_empty() {
        state.config.default_domain.as_str()
    } else {
        domain
    };
    let session = session().await?;
    let recent = request_cookie(RECENT_PROJECT_COOKIE);
    let auth = match crate::session::login(
        &state.cloud,
        &session,
        username,
        &password,
        domain,
        region,
        recent.as_deref(),
    )
    .await
    {
        Ok(auth) => auth,
        Err(refused @ AppError::BadInput { field: None, .. }) => {
            return Err(disabled_or(&state, username, domain, refused).await)
        }
        Err(e) => return Err(e),
    };
    remember_project(&auth.project.id);
    let target = next
        .as_deref()
        .and_then(crate::nav::safe_next)
        .unwrap_or("/project/");
    leptos_axum::redirect(target);
    Ok(())
}

/// A refused login's answer: "disabled" when Meridian's service credential finds the account
/// disabled, else Keystone's refusal as it was. This says to anyone who types a name that
/// the account exists and is disabled; the README says so, for operators who would rather
/// not run Meridian with a service credential.
#[cfg(feature = "ssr")]
async fn disabled_or(
    state: &crate::state::AppState,
    username: &str,
    domain: &str,
    refused: AppError,
) -> AppError {
    let Some(service) = &state.service else {
        return refused;
    };
    match service.user_disabled(&state.cloud, username, domain).await {
        Ok(true) => AppError::BadInput {
            field: None,
            message: "Your account is disabled. Ask your cloud administrator to enable it.".into(),
        },
        Ok(false) => refused,
        Err(e) => {
            tracing::warn!("could not tell whether a refused account is disabled: {e}");
            refused
        }
    }
}

/// Sets the `recent_project` cookie, so the next login lands in the same project.
#[cfg(feature = "ssr")]
pub fn remember_project(project_id: &str) {
    use crate::session::RECENT_PROJECT_COOKIE;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let cookie = format!(
            "{RECENT_PROJECT_COOKIE}={project_id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"
        );
        if let Ok(value) = http::HeaderValue::from_str(&cookie) {
            res.append_header(http::header::SET_COOKIE, value);
        }
    }
}
