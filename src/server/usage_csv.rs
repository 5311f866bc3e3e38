//! `GET /project/usage.csv` and `GET /admin/usage.csv` (`?start=&end=` as the overviews
//! take them): the usage and cost report the overview shows, as a spreadsheet.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::error::AppError;
use crate::model::policy::Action;
use crate::session;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct PeriodQuery {
    start: Option<String>,
    end: Option<String>,
}

pub async fn project_usage_csv(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<PeriodQuery>,
) -> Response {
    usage_csv(state, session, q, false).await
}

pub async fn cloud_usage_csv(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<PeriodQuery>,
) -> Response {
    usage_csv(state, session, q, true).await
}

async fn usage_csv(
    state: AppState,
    session: Session,
    q: PeriodQuery,
    all_projects: bool,
) -> Response {
    let refuse = |status: StatusCode, e: AppError| (status, e.to_string()).into_response();
    let Some(auth) = session::current(&session).await else {
        return refuse(StatusCode::UNAUTHORIZED, AppError::NotLoggedIn);
    };
    let action = if all_projects {
        Action::ViewCloud
    } else {
        Action::ViewProject
    };
    if !auth.may(action) {
        return refuse(
            StatusCode::FORBIDDEN,
            AppError::Forbidden(action.refusal().into()),
        );
    }
    let period = match crate::api::usage::ssr::period(q.start.as_deref(), q.end.as_deref()) {
        Ok(p) => p,
        Err(e) => return refuse(StatusCode::BAD_REQUEST, e),
    };
    match crate::api::usage::ssr::report(&state, &auth, period, all_projects).await {
        Ok(report) => {
            let who = if all_projects {
                "all_projects".to_string()
            } else {
                auth.project
                    .name
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect()
            };
            let filename = format!(
                "usage_{who}_{}_{}.csv",
                period.start.format("%Y-%m-%d"),
                period.end.format("%Y-%m-%d")
            );
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{filename}\""),
                    ),
                ],
                crate::model::usage::to_csv(&report),
            )
                .into_response()
        }
        Err(AppError::NotLoggedIn) => {
            session::clear(&session).await;
            refuse(StatusCode::UNAUTHORIZED, AppError::NotLoggedIn)
        }
        Err(e) => refuse(StatusCode::BAD_GATEWAY, e),
    }
}
