//! `PUT /project/images/{image_id}/upload/`: the browser sends an image file's bytes here and
//! Meridian streams them on to Glance as they arrive. Nothing is buffered beyond the few
//! chunks in flight, so a 10 GB image costs the server no more memory than a 10 MB one; the
//! browser's upload progress is the progress to Glance, because a slow Glance slows the
//! browser down (back-pressure) rather than filling Meridian's memory.
//!
//! If the transfer fails or the user cancels (the browser drops the connection), the image
//! record Meridian created for it is deleted: no half image is left behind.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

use crate::error::AppError;
use crate::openstack::image;
use crate::session;
use crate::state::AppState;

/// How long one upload may take: as long as a slow link needs for a large image.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(12 * 3600);

pub async fn upload_image_data(
    State(state): State<AppState>,
    session: Session,
    Path(image_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Some(auth) = session::current(&session).await else {
        return (StatusCode::UNAUTHORIZED, AppError::NotLoggedIn.to_string()).into_response();
    };
    let change = crate::model::policy::Action::ChangeProject;
    if !auth.may(change) {
        return (StatusCode::FORBIDDEN, change.refusal()).into_response();
    }
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // The transfer and its clean-up run on their own task: when the browser cancels, this
    // handler is dropped with the connection, but the half image must still be deleted.
    let task = tokio::spawn(async move {
        let os = auth.scoped(&state.cloud);
        let data = reqwest::Body::wrap_stream(body.into_data_stream());
        let result = image::upload_data(&os, &image_id, data, length, UPLOAD_TIMEOUT).await;
        if let Err(e) = &result {
            tracing::info!(image = %image_id, "image upload failed, deleting the image: {e}");
            if let Err(e) = image::delete_image(&os, &image_id).await {
                tracing::warn!(image = %image_id, "could not delete the failed upload: {e}");
            }
        }
        result
    });
    match task.await {
        Ok(Ok(())) => StatusCode::NO_CONTENT.into_response(),
        Ok(Err(e)) => {
            let status = e
                .status()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .filter(|s| s.is_client_error())
                .unwrap_or(StatusCode::BAD_GATEWAY);
            (status, upload_refusal(&AppError::from(e))).into_response()
        }
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "The upload stopped unexpectedly.",
        )
            .into_response(),
    }
}

/// The message the Create Image dialog shows when the upload fails.
fn upload_refusal(e: &AppError) -> String {
    match e {
        AppError::NotLoggedIn => e.to_string(),
        other => format!(
            "Unable to upload the image data: {}. The image was not kept.",
            other.to_string().trim_end_matches('.')
        ),
    }
}
