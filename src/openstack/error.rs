//! OpenStack fault bodies turned into one typed error.
//!
//! Each service words its faults differently: Nova and Cinder wrap them in a key named after
//! the fault (`{"itemNotFound": {"message": ..}}`), Neutron in `NeutronError`, Keystone in
//! `error`, Placement in an `errors` list, and Glance answers with plain text or HTML.

use super::catalog::ServiceType;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OsError {
    /// 401: the token is missing, expired or revoked (or, at login, the credentials are wrong).
    #[error("{service}: not authenticated: {message}")]
    Unauthorized {
        service: &'static str,
        message: String,
    },
    #[error("{service}: {message}")]
    Status {
        service: &'static str,
        status: u16,
        message: String,
    },
    /// The service could not be reached, or timed out.
    #[error("{service} is unreachable: {message}")]
    Unreachable {
        service: &'static str,
        message: String,
    },
    /// The catalog has no endpoint for the service.
    #[error("{service} is not in this cloud's service catalog")]
    NoEndpoint { service: &'static str },
    /// The service answered 2xx with a body we could not read.
    #[error("{service}: unexpected answer: {message}")]
    BadResponse {
        service: &'static str,
        message: String,
    },
}

impl OsError {
    pub fn from_status(service: ServiceType, status: u16, body: &str) -> Self {
        let service = service.display_name();
        let message = fault_message(body).unwrap_or_else(|| default_reason(status).to_string());
        if status == 401 {
            OsError::Unauthorized { service, message }
        } else {
            OsError::Status {
                service,
                status,
                message,
            }
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            OsError::Unauthorized { .. } => Some(401),
            OsError::Status { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl From<OsError> for AppError {
    fn from(e: OsError) -> Self {
        match e {
            OsError::Unauthorized { .. } => AppError::NotLoggedIn,
            OsError::Status {
                status: 403,
                message,
                ..
            } => AppError::Forbidden(message),
            OsError::Status {
                status: 404,
                message,
                ..
            } => AppError::NotFound(message),
            OsError::Status {
                status: 409,
                message,
                ..
            } => AppError::Conflict(message),
            OsError::Status {
                status: 400 | 413 | 422,
                message,
                ..
            } => AppError::BadInput {
                field: None,
                message,
            },
            OsError::Status {
                service,
                status: 502..=504,
                message,
            } => AppError::Unavailable {
                service: service.to_string(),
                message,
            },
            OsError::Status {
                service, message, ..
            }
            | OsError::BadResponse { service, message } => AppError::Upstream {
                service: service.to_string(),
                message,
            },
            OsError::Unreachable { service, message } => AppError::Unavailable {
                service: service.to_string(),
                message,
            },
            OsError::NoEndpoint { service } => AppError::Unavailable {
                service: service.to_string(),
                message: "it is not in this cloud's service catalog".into(),
            },
        }
    }
}

/// The human message inside a fault body, whatever service wrote it.
pub fn fault_message(body: &str) -> Option<String> {
    let body = body.trim();
    if body.is_empty() {
        return None;
    }
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(body) {
        return json_fault_message(&json);
    }
    // Glance (and webob in general) answers with text or a small HTML page.
    let text = strip_tags(body);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then(|| truncate(&text, 500))
}

fn json_fault_message(json: &serde_json::Value) -> Option<String> {
    let obj = json.as_object()?;
    // Placement: {"errors": [{"detail": ..., "title": ...}]}
    if let Some(first) = obj
        .get("errors")
        .and_then(|e| e.as_array())
        .and_then(|a| a.first())
    {
        return first
            .get("detail")
            .or_else(|| first.get("title"))
            .and_then(|v| v.as_str())
            .map(|s| truncate(s.trim(), 500));
    }
    // Neutron's top-level {"message": ...} (some extensions), or a bare message.
    if let Some(msg) = obj.get("message").and_then(|m| m.as_str()) {
        return Some(truncate(msg.trim(), 500));
    }
    // Nova / Cinder / Keystone / Neutron: one key wrapping {"message": ...}.
    obj.values().find_map(|inner| {
        inner
            .get("message")
            .and_then(|m| m.as_str())
            .map(|s| truncate(s.trim(), 500))
    })
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let cut: String = s.chars().take(max).collect();
        format!("{cut}…")
    }
}

fn default_reason(status: u16) -> &'static str {
    match status {
        400 => "the request was refused as invalid",
        401 => "not authenticated",
        403 => "you are not allowed to do this",
        404 => "not found",
        409 => "conflict with the current state",
        413 => "over a limit",
        500 => "internal error",
        502..=504 => "the service is unavailable",
        _ => "request failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    #[test]
    fn keystone_wrong_password() {
        let e = OsError::from_status(
            ServiceType::Identity,
            401,
            &fixture("keystone_post_auth_tokens_401.json"),
        );
        assert!(matches!(e, OsError::Unauthorized { .. }));
        assert_eq!(AppError::from(e), AppError::NotLoggedIn);
    }

    #[test]
    fn nova_not_found() {
        let e = OsError::from_status(
            ServiceType::Compute,
            404,
            &fixture("nova_get_server_404.json"),
        );
        let app = AppError::from(e);
        let AppError::NotFound(msg) = app else {
            panic!("{app:?}")
        };
        assert!(msg.to_lowercase().contains("could not be found"), "{msg}");
    }

    #[test]
    fn nova_bad_request_keeps_message() {
        let body = fixture("nova_post_servers_400.json");
        let msg = fault_message(&body).expect("message");
        assert!(!msg.is_empty() && !msg.starts_with('{'), "{msg}");
        assert!(matches!(
            AppError::from(OsError::from_status(ServiceType::Compute, 400, &body)),
            AppError::BadInput { .. }
        ));
    }

    #[test]
    fn neutron_faults() {
        let msg = fault_message(&fixture("neutron_get_network_404.json")).unwrap();
        assert!(msg.contains("could not be found"), "{msg}");
        let msg = fault_message(&fixture("neutron_post_subnet_400.json")).unwrap();
        assert!(!msg.starts_with('{'), "{msg}");
    }

    #[test]
    fn cinder_not_found() {
        let msg = fault_message(&fixture("cinder_get_volume_404.json")).unwrap();
        assert!(msg.contains("could not be found"), "{msg}");
    }

    #[test]
    fn glance_plain_text() {
        let msg = fault_message(&fixture("glance_get_image_404.txt")).unwrap();
        assert!(!msg.contains('<'), "{msg}");
        assert!(
            msg.to_lowercase().contains("not found") || msg.contains("No image"),
            "{msg}"
        );
    }

    #[test]
    fn placement_errors_list() {
        let body = r#"{"errors": [{"status": 404, "title": "Not Found", "detail": "No resource provider with uuid x found"}]}"#;
        assert_eq!(
            fault_message(body).as_deref(),
            Some("No resource provider with uuid x found")
        );
    }

    #[test]
    fn empty_body_uses_status_reason() {
        let e = OsError::from_status(ServiceType::Network, 503, "");
        assert!(matches!(
            AppError::from(e),
            AppError::Unavailable { ref message, .. } if message == "the service is unavailable"
        ));
    }

    #[test]
    fn forbidden_maps_to_forbidden() {
        let e = OsError::from_status(
            ServiceType::Compute,
            403,
            r#"{"forbidden": {"code": 403, "message": "Policy doesn't allow x to be performed."}}"#,
        );
        assert_eq!(
            AppError::from(e),
            AppError::Forbidden("Policy doesn't allow x to be performed.".into())
        );
    }

    #[test]
    fn long_messages_are_cut() {
        let long = "x".repeat(2000);
        let body = format!(r#"{{"badRequest": {{"message": "{long}"}}}}"#);
        assert!(fault_message(&body).unwrap().chars().count() <= 501);
    }
}
