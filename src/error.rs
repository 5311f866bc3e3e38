//! The one error type that crosses from the server to the browser.
//!
//! Every variant is something a user (or an operator) can act on. OpenStack's own fault
//! bodies are turned into these by `openstack::error` on the server; the browser only ever
//! sees the message, never a token or an upstream URL with credentials in it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No session, or the cloud no longer accepts the session's token.
    #[error("Your session has expired. Please log in again.")]
    NotLoggedIn,
    /// The cloud's policy (or Meridian's role check) refuses this.
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// Input that cannot be accepted; `field` names the form field when there is one.
    #[error("{message}")]
    BadInput {
        field: Option<String>,
        message: String,
    },
    /// The service answered with an error of its own.
    #[error("{service}: {message}")]
    Upstream { service: String, message: String },
    /// The service did not answer, or is not in the catalog.
    #[error("{service} is unavailable: {message}")]
    Unavailable { service: String, message: String },
    /// Meridian's own failure (a server function that could not be called, say).
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn bad_input(field: &str, message: impl Into<String>) -> Self {
        AppError::BadInput {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }

    /// The field this error belongs to, if any, so a form can show it next to the input.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::BadInput { field, .. } => field.as_deref(),
            _ => None,
        }
    }
}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Internal(value.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
