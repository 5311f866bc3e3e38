//! `GET /project/api_access/openrc/` and `GET /project/api_access/clouds.yaml/` (Horizon's
//! URLs): the current user's RC file and clouds.yaml for the current project, as downloads.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::model::api_access::{clouds_yaml, openrc, openrc_file_name};
use crate::nav::login_url;
use crate::session;
use crate::state::AppState;

pub async fn openrc_file(State(state): State<AppState>, session: Session) -> Response {
    let Some(auth) = session::current(&session).await else {
        return Redirect::to(&login_url(Some("/project/api_access/"))).into_response();
    };
    let ctx = crate::api::api_access::ssr::context(&state, &auth);
    download(&openrc_file_name(&ctx), "text/x-shellscript", openrc(&ctx))
}

pub async fn clouds_yaml_file(State(state): State<AppState>, session: Session) -> Response {
    let Some(auth) = session::current(&session).await else {
        return Redirect::to(&login_url(Some("/project/api_access/"))).into_response();
    };
    let ctx = crate::api::api_access::ssr::context(&state, &auth);
    download("clouds.yaml", "application/x-yaml", clouds_yaml(&ctx))
}

fn download(name: &str, content_type: &str, body: String) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                format!("{content_type}; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}
