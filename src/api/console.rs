//! The console: getting one from Nova for the page. The console token stays in the
//! server-side session; the page gets only the path of Meridian's WebSocket.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// What the page needs to open the console, and nothing more (no token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleTicket {
    pub instance_id: String,
    pub instance_name: String,
    /// Meridian's WebSocket, relative to the site: `/console/ws/{instance_id}`.
    pub ws_path: String,
    pub expires_at: DateTime<Utc>,
}

/// Asks Nova for a noVNC console with the user's token and keeps its token in the session,
/// bound to the instance. Fails in words when the instance is not running or has no console.
#[server(endpoint = "open_console")]
pub async fn open_console(instance_id: String) -> Result<ConsoleTicket, AppError> {
    use crate::console::{grants, valid_instance_id, ws_path, ConsoleGrant};
    use crate::openstack::console::{create_novnc, server_brief};
    use crate::openstack::OsError;

    if !valid_instance_id(&instance_id) {
        return Err(AppError::NotFound("No such instance.".into()));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let server = server_brief(&os, &instance_id).await.map_err(|e| match e {
            OsError::Status { status: 404, .. } => {
                AppError::NotFound(format!("Instance {instance_id} could not be found."))
            }
            other => other.into(),
        })?;
        if server.status != "ACTIVE" {
            return Err(AppError::Conflict(format!(
                "Instance \"{}\" is not running (status {}): start it to use its console.",
                server.name, server.status
            )));
        }
        let console = create_novnc(&os, &instance_id).await.map_err(|e| match e {
            OsError::Status { status: 409, .. } => AppError::Conflict(format!(
                "Instance \"{}\" is not running: start it to use its console.",
                server.name
            )),
            OsError::Status {
                status: 400 | 404 | 501,
                message,
                ..
            } => AppError::Upstream {
                service: "Console".into(),
                message: format!("the console is not available: {message}"),
            },
            other => other.into(),
        })?;
        Ok((server, console))
    };
    let (server, console) = super::ssr::confirmed(&state, &session, &auth, work).await?;
    let expires_at = Utc::now()
        + chrono::Duration::seconds(state.config.console.token_ttl_secs.min(86_400) as i64);
    grants::put(
        &session,
        &instance_id,
        ConsoleGrant {
            token: console.token,
            websocket_url: console.websocket_url,
            expires_at,
        },
    )
    .await?;
    Ok(ConsoleTicket {
        ws_path: ws_path(&instance_id),
        instance_id,
        instance_name: server.name,
        expires_at,
    })
}
