//! Plain HTTP handlers: logout, project switch, health.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::model::Flash;
use crate::nav::{login_url, safe_next};
use crate::session::{self, RECENT_PROJECT_COOKIE};
use crate::state::AppState;

/// `POST /auth/logout/`: revokes the tokens with Keystone, then forgets the session.
pub async fn logout(State(state): State<AppState>, session: Session) -> Response {
    // Open consoles end with the session; its console tokens go with the session's data.
    if let Some(id) = session.id() {
        state.consoles.close_session(
            &id.to_string(),
            crate::console::relay::CloseReason::LoggedOut,
        );
    }
    session::logout(&state.cloud, &session).await;
    Redirect::to("/auth/login/").into_response()
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /auth/switch/{project_id}/`: rescopes to another of the user's projects (Horizon's
/// URL), remembers it for the next login, and goes back to `next` or the overview.
pub async fn switch_project(
    State(state): State<AppState>,
    session: Session,
    Path(project_id): Path<String>,
    Query(q): Query<NextQuery>,
) -> Response {
    let Some(auth) = session::current(&session).await else {
        return Redirect::to(&login_url(Some("/project/"))).into_response();
    };
    let target = q
        .next
        .as_deref()
        .and_then(safe_next)
        .unwrap_or("/project/")
        .to_string();
    match session::switch_project(&state.cloud, &session, auth, &project_id).await {
        Ok(new_auth) => {
            session::flash(
                &session,
                Flash::success(format!(
                    "Switch to project \"{}\" successful.",
                    new_auth.project.name
                )),
            )
            .await;
            let mut res = Redirect::to(&target).into_response();
            let cookie = format!(
                "{RECENT_PROJECT_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax",
                new_auth.project.id
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(crate::error::AppError::NotLoggedIn) => {
            session::clear(&session).await;
            Redirect::to(&login_url(Some(&target))).into_response()
        }
        Err(e) => {
            // Stay logged in where we were, and say why the switch failed.
            session::flash(&session, Flash::error(e.to_string())).await;
            Redirect::to(&target).into_response()
        }
    }
}

/// Liveness: the process answers.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Readiness: Keystone answers.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let url = state.cloud.auth_url.clone();
    match state.cloud.http().get(&url).send().await {
        Ok(r) if r.status().is_success() || r.status() == StatusCode::MULTIPLE_CHOICES => {
            "ok".into_response()
        }
        Ok(r) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("keystone answered {}", r.status()),
        )
            .into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "keystone unreachable").into_response(),
    }
}

#[derive(Deserialize)]
pub struct CreateKeypairForm {
    name: String,
}

/// `POST /project/key_pairs/create/`: Nova generates the key pair and Meridian hands the
/// private key straight to the browser as `<name>.pem`. It is not stored anywhere: this
/// answer is the only copy, as in Horizon.
pub async fn create_keypair(
    State(state): State<AppState>,
    session: Session,
    axum::Form(form): axum::Form<CreateKeypairForm>,
) -> Response {
    use crate::error::AppError;
    use crate::model::keypair::validate_keypair_name;
    use crate::openstack::compute;

    let back = "/project/key_pairs/";
    let Some(auth) = session::current(&session).await else {
        return Redirect::to(&login_url(Some(back))).into_response();
    };
    let change = crate::model::policy::Action::ChangeProject;
    if !auth.may(change) {
        session::flash(&session, Flash::error(change.refusal())).await;
        return Redirect::to(back).into_response();
    }
    let name = form.name.trim().to_string();
    if let Err(message) = validate_keypair_name(&name) {
        session::flash(&session, Flash::error(format!("Key pair name: {message}"))).await;
        return Redirect::to(back).into_response();
    }
    let os = auth.scoped(&state.cloud);
    match compute::create_keypair(&os, &name, None).await {
        Ok(kp) => match kp.private_key {
            Some(private_key) => {
                let filename: String = name
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                (
                    [
                        (header::CONTENT_TYPE, "application/x-pem-file".to_string()),
                        (
                            header::CONTENT_DISPOSITION,
                            format!("attachment; filename=\"{filename}.pem\""),
                        ),
                    ],
                    private_key,
                )
                    .into_response()
            }
            None => {
                session::flash(
                    &session,
                    Flash::error("The cloud created the key pair but returned no private key."),
                )
                .await;
                Redirect::to(back).into_response()
            }
        },
        Err(e) => match AppError::from(e) {
            AppError::NotLoggedIn => {
                session::clear(&session).await;
                Redirect::to(&login_url(Some(back))).into_response()
            }
            other => {
                session::flash(
                    &session,
                    Flash::error(format!("Unable to create key pair: {other}")),
                )
                .await;
                Redirect::to(back).into_response()
            }
        },
    }
}
