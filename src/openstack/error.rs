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
            .map(one_line);
    }
    // Glance's and some Neutron extensions' top-level {"message": ...}.
    if let Some(msg) = obj.get("message").and_then(|m| m.as_str()) {
        return Some(one_line(msg));
    }
    // Nova / Cinder / Keystone / Neutron: one key wrapping {"message": ...}.
    obj.values()
        .find_map(|inner| inner.get("message").and_then(|m| m.as_str()).map(one_line))
}

/// A message as one line of text. Glance's JSON faults keep the line breaks of the HTML
/// page they were made from (`No image found with ID x<br /><br />\n\n\n`), and
/// Placement's start with a paragraph of their own.
fn one_line(message: &str) -> String {
    let text = message
        .replace("<br />", " ")
        .replace("<br/>", " ")
        .replace("<br>", " ");
    truncate(&text.split_whitespace().collect::<Vec<_>>().join(" "), 500)
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

    /// The cloud's refusal as the user sees it.
    fn app_error(service: ServiceType, status: u16, body: &str) -> AppError {
        AppError::from(OsError::from_status(service, status, body))
    }

    /// The id in `message` between `before` and `after`, if `message` is exactly that and the
    /// id is a UUID (the recorder asks for random ones).
    fn uuid_between<'a>(message: &'a str, before: &str, after: &str) -> Option<&'a str> {
        let id = message.strip_prefix(before)?.strip_suffix(after)?;
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        (groups == [8, 4, 4, 4, 12] && id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()))
            .then_some(id)
    }

    #[test]
    fn keystone_wrong_password_is_not_logged_in() {
        let e = OsError::from_status(
            ServiceType::Identity,
            401,
            &fixture("keystone_post_auth_tokens_401.json"),
        );
        assert_eq!(
            e,
            OsError::Unauthorized {
                service: "Identity (Keystone)",
                message: "The request you have made requires authentication.".into()
            }
        );
        assert_eq!(AppError::from(e), AppError::NotLoggedIn);
    }

    #[test]
    fn keystone_refusal_is_forbidden_in_its_words() {
        let body = fixture("keystone_get_projects_403.json");
        assert_eq!(
            app_error(ServiceType::Identity, 403, &body),
            AppError::Forbidden(
                "You are not authorized to perform the requested action: identity:list_projects."
                    .into()
            )
        );
    }

    #[test]
    fn nova_not_found() {
        let body = fixture("nova_get_server_404.json");
        let e = app_error(ServiceType::Compute, 404, &body);
        let AppError::NotFound(msg) = &e else {
            panic!("{e:?}")
        };
        assert!(
            uuid_between(msg, "Instance ", " could not be found.").is_some(),
            "{msg}"
        );
    }

    #[test]
    fn nova_bad_request_is_bad_input_in_its_words() {
        let body = fixture("nova_post_servers_400.json");
        let e = app_error(ServiceType::Compute, 400, &body);
        let AppError::BadInput {
            field: None,
            message,
        } = &e
        else {
            panic!("{e:?}")
        };
        // The request named the seed's image (and no server name).
        let images: crate::openstack::image::ImagesBody =
            serde_json::from_str(&fixture("glance_get_images.json")).unwrap();
        let tiny = images
            .images
            .iter()
            .find(|i| i.name.as_deref() == Some("tiny"))
            .unwrap();
        assert_eq!(
            *message,
            format!(
                "Invalid input for field/attribute server. Value: {{'flavorRef': \
                 'no-such-flavor', 'imageRef': '{}', 'networks': 'none'}}. 'name' is a \
                 required property",
                tiny.id
            )
        );
    }

    #[test]
    fn nova_policy_refusal_is_forbidden() {
        let body = fixture("nova_post_servers_403_reader.json");
        assert_eq!(
            OsError::from_status(ServiceType::Compute, 403, &body),
            OsError::Status {
                service: "Compute (Nova)",
                status: 403,
                message: "Policy doesn't allow os_compute_api:servers:create to be performed."
                    .into()
            }
        );
        assert_eq!(
            app_error(ServiceType::Compute, 403, &body),
            AppError::Forbidden(
                "Policy doesn't allow os_compute_api:servers:create to be performed.".into()
            )
        );
    }

    #[test]
    fn neutron_faults() {
        let e = app_error(
            ServiceType::Network,
            404,
            &fixture("neutron_get_network_404.json"),
        );
        let AppError::NotFound(msg) = &e else {
            panic!("{e:?}")
        };
        assert!(
            uuid_between(msg, "Network ", " could not be found.").is_some(),
            "{msg}"
        );
        assert_eq!(
            app_error(
                ServiceType::Network,
                400,
                &fixture("neutron_post_subnet_400.json")
            ),
            AppError::BadInput {
                field: None,
                message: "Invalid input for operation: 10.20.300.0/24 is not in a CIDR format."
                    .into()
            }
        );
        assert_eq!(
            app_error(
                ServiceType::Network,
                403,
                &fixture("neutron_post_networks_403_reader.json")
            ),
            AppError::Forbidden("rule:create_network is disallowed by policy".into())
        );
    }

    #[test]
    fn cinder_faults() {
        let e = app_error(
            ServiceType::BlockStorage,
            404,
            &fixture("cinder_get_volume_404.json"),
        );
        let AppError::NotFound(msg) = &e else {
            panic!("{e:?}")
        };
        assert!(
            uuid_between(msg, "Volume ", " could not be found.").is_some(),
            "{msg}"
        );
        assert_eq!(
            app_error(
                ServiceType::BlockStorage,
                403,
                &fixture("cinder_post_volumes_403_reader.json")
            ),
            AppError::Forbidden("Policy doesn't allow volume:create to be performed.".into())
        );
    }

    /// What Meridian gets, as it always asks for JSON: the message without the HTML line
    /// breaks Glance leaves in it.
    #[test]
    fn glance_json_fault() {
        let body = fixture("glance_get_image_404_accept_json.json");
        let e = app_error(ServiceType::Image, 404, &body);
        let AppError::NotFound(msg) = &e else {
            panic!("{e:?}")
        };
        assert!(
            uuid_between(msg, "No image found with ID ", "").is_some(),
            "{msg}"
        );
    }

    /// Without an Accept header Glance answers a small HTML page: its text, without tags.
    #[test]
    fn glance_plain_text() {
        let msg = fault_message(&fixture("glance_get_image_404.txt")).unwrap();
        assert!(
            uuid_between(
                &msg,
                "404 Not Found 404 Not Found No image found with ID ",
                ""
            )
            .is_some(),
            "{msg}"
        );
    }

    #[test]
    fn placement_errors_list() {
        let msg = fault_message(&fixture("placement_get_resource_provider_404.json")).unwrap();
        assert!(
            uuid_between(
                &msg,
                "The resource could not be found. No resource provider with uuid ",
                " found"
            )
            .is_some(),
            "{msg}"
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
    fn long_messages_are_cut() {
        // Nova's recorded fault, its message made longer than any page should show.
        let mut body: serde_json::Value =
            serde_json::from_str(&fixture("nova_post_servers_400.json")).unwrap();
        body["badRequest"]["message"] = "x".repeat(2000).into();
        let msg = fault_message(&body.to_string()).unwrap();
        assert_eq!(msg.chars().count(), 501);
        assert!(msg.ends_with("x…"), "{msg}");
    }
}
