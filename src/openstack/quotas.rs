//! A project's quotas in Nova, Neutron and Cinder, read and set by an admin for any project
//! (Identity › Projects › Modify Quotas). The admin's own catalog is used for all three: the
//! target project goes in the path.

use std::collections::BTreeMap;

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::catalog::ServiceType;
use super::client::{json_response, send, Scoped};
use super::error::OsError;

/// The numbers of a quota body (`quota_set` or `quota`), leaving out its `id`.
fn numbers(body: &Value, key: &str) -> BTreeMap<String, i64> {
    body.get(key)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_i64().map(|n| (k.clone(), n)))
                .collect()
        })
        .unwrap_or_default()
}

async fn get(os: &Scoped<'_>, service: ServiceType, path: &str) -> Result<Value, OsError> {
    os.get_json(service, path).await
}

async fn put(
    os: &Scoped<'_>,
    service: ServiceType,
    path: &str,
    body: Value,
) -> Result<(), OsError> {
    let req = os.request(service, Method::PUT, path)?.json(&body);
    let resp = send(service, req).await?;
    let _: Value = json_response(service, resp).await?;
    Ok(())
}

fn object(values: &[(&str, i64)]) -> Map<String, Value> {
    values
        .iter()
        .map(|(k, v)| (k.to_string(), Value::from(*v)))
        .collect()
}

/// Nova `GET /os-quota-sets/{project}`; `defaults` asks for what a new project gets.
pub async fn compute(
    os: &Scoped<'_>,
    project_id: &str,
    defaults: bool,
) -> Result<BTreeMap<String, i64>, OsError> {
    let tail = if defaults { "/defaults" } else { "" };
    let body = get(
        os,
        ServiceType::Compute,
        &format!("/os-quota-sets/{project_id}{tail}"),
    )
    .await?;
    Ok(numbers(&body, "quota_set"))
}

/// Nova `PUT /os-quota-sets/{project}`.
pub async fn set_compute(
    os: &Scoped<'_>,
    project_id: &str,
    values: &[(&str, i64)],
) -> Result<(), OsError> {
    put(
        os,
        ServiceType::Compute,
        &format!("/os-quota-sets/{project_id}"),
        json!({ "quota_set": object(values) }),
    )
    .await
}

/// Neutron `GET /v2.0/quotas/{project}` (or `/default`).
pub async fn network(
    os: &Scoped<'_>,
    project_id: &str,
    defaults: bool,
) -> Result<BTreeMap<String, i64>, OsError> {
    let tail = if defaults { "/default" } else { "" };
    let body = get(
        os,
        ServiceType::Network,
        &format!("/v2.0/quotas/{project_id}{tail}"),
    )
    .await?;
    Ok(numbers(&body, "quota"))
}

/// Neutron `PUT /v2.0/quotas/{project}`.
pub async fn set_network(
    os: &Scoped<'_>,
    project_id: &str,
    values: &[(&str, i64)],
) -> Result<(), OsError> {
    put(
        os,
        ServiceType::Network,
        &format!("/v2.0/quotas/{project_id}"),
        json!({ "quota": object(values) }),
    )
    .await
}

/// Cinder `GET /os-quota-sets/{project}` (or `/defaults`) on the admin's block-storage
/// endpoint.
pub async fn volume(
    os: &Scoped<'_>,
    project_id: &str,
    defaults: bool,
) -> Result<BTreeMap<String, i64>, OsError> {
    let tail = if defaults { "/defaults" } else { "" };
    let body = get(
        os,
        ServiceType::BlockStorage,
        &format!("/os-quota-sets/{project_id}{tail}"),
    )
    .await?;
    Ok(numbers(&body, "quota_set"))
}

/// Cinder `PUT /os-quota-sets/{project}`.
pub async fn set_volume(
    os: &Scoped<'_>,
    project_id: &str,
    values: &[(&str, i64)],
) -> Result<(), OsError> {
    put(
        os,
        ServiceType::BlockStorage,
        &format!("/os-quota-sets/{project_id}"),
        json!({ "quota_set": object(values) }),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    fn parsed(text: &str) -> Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_recorded_quotas_of_the_three_services() {
        let nova = numbers(
            &parsed(&fixture("nova_get_os_quota_sets.json")),
            "quota_set",
        );
        let neutron = numbers(&parsed(&fixture("neutron_get_quotas.json")), "quota");
        let cinder = numbers(
            &parsed(&fixture("cinder_get_os_quota_sets.json")),
            "quota_set",
        );
        // The test cloud's defaults (the seed changes only project alt's).
        assert_eq!(
            (nova["instances"], nova["cores"], nova["ram"]),
            (10, 20, 51200)
        );
        assert_eq!(
            (
                neutron["network"],
                neutron["router"],
                neutron["security_group_rule"]
            ),
            (100, 10, 100)
        );
        assert_eq!(
            (cinder["volumes"], cinder["snapshots"], cinder["gigabytes"]),
            (10, 10, 1000)
        );
        // Every field the project forms show is one the services know.
        for (_, key, _) in crate::model::identity_admin::QUOTA_FIELDS {
            assert!(
                nova.contains_key(*key) || neutron.contains_key(*key) || cinder.contains_key(*key),
                "{key}"
            );
        }
    }

    /// Nova and Cinder put the project's id among the numbers; it is not a quota.
    #[test]
    fn quota_numbers_leave_out_the_id() {
        for text in [
            fixture("nova_get_os_quota_sets.json"),
            fixture("cinder_get_os_quota_sets.json"),
        ] {
            let body = parsed(&text);
            assert!(body["quota_set"]["id"].is_string(), "{body}");
            let n = numbers(&body, "quota_set");
            assert!(!n.is_empty() && !n.contains_key("id"), "{n:?}");
        }
    }
}
