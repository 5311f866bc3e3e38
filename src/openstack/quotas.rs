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

    fn fixture(name: &str) -> Value {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    #[test]
    fn reads_recorded_quotas_of_the_three_services() {
        let nova = numbers(&fixture("nova_get_os_quota_sets.json"), "quota_set");
        assert!(nova.contains_key("instances") && nova.contains_key("cores"));
        let neutron = numbers(&fixture("neutron_get_quotas.json"), "quota");
        assert!(neutron.contains_key("network") && neutron.contains_key("security_group_rule"));
        let cinder = numbers(&fixture("cinder_get_os_quota_sets.json"), "quota_set");
        assert!(cinder.contains_key("volumes") && !cinder.contains_key("id"));
        // Every field the project forms show is one the services know.
        for (_, key, _) in crate::model::identity_admin::QUOTA_FIELDS {
            assert!(
                nova.contains_key(*key) || neutron.contains_key(*key) || cinder.contains_key(*key),
                "{key}"
            );
        }
    }

    #[test]
    fn quota_numbers_leave_out_the_id() {
        let body = json!({"quota_set": {"id": "p", "instances": 10, "cores": -1}});
        let n = numbers(&body, "quota_set");
        assert_eq!(n.get("instances"), Some(&10));
        assert_eq!(n.get("cores"), Some(&-1));
        assert!(!n.contains_key("id"));
    }
}
