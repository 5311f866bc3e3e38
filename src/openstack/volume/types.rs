//! Cinder volume types and their extra specs (admins manage them; projects choose them).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::json;

use super::super::catalog::ServiceType;
use super::super::client::{json_response, send, Scoped};
use super::super::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct VolumeType {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(
        default = "public_by_default",
        rename = "os-volume-type-access:is_public"
    )]
    pub is_public: bool,
    #[serde(default)]
    pub extra_specs: BTreeMap<String, String>,
}

fn public_by_default() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct VolumeTypesBody {
    pub volume_types: Vec<VolumeType>,
}

#[derive(Debug, Deserialize)]
struct VolumeTypeBody {
    volume_type: VolumeType,
}

/// The volume types the project may use (an admin sees private ones too).
pub async fn list_types(os: &Scoped<'_>) -> Result<Vec<VolumeType>, OsError> {
    let body: VolumeTypesBody = os
        .get_json(ServiceType::BlockStorage, "/types?is_public=None")
        .await?;
    Ok(body.volume_types)
}

pub async fn create_type(
    os: &Scoped<'_>,
    name: &str,
    description: &str,
    is_public: bool,
) -> Result<VolumeType, OsError> {
    let req = os
        .request(ServiceType::BlockStorage, reqwest::Method::POST, "/types")?
        .json(&json!({"volume_type": {
            "name": name,
            "description": description,
            "os-volume-type-access:is_public": is_public,
        }}));
    let body: VolumeTypeBody = json_response(
        ServiceType::BlockStorage,
        send(ServiceType::BlockStorage, req).await?,
    )
    .await?;
    Ok(body.volume_type)
}

pub async fn delete_type(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::BlockStorage,
        reqwest::Method::DELETE,
        &format!("/types/{id}"),
    )?;
    send(ServiceType::BlockStorage, req).await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
struct ExtraSpecsBody {
    extra_specs: BTreeMap<String, String>,
}

pub async fn extra_specs(os: &Scoped<'_>, id: &str) -> Result<BTreeMap<String, String>, OsError> {
    let body: ExtraSpecsBody = os
        .get_json(
            ServiceType::BlockStorage,
            &format!("/types/{id}/extra_specs"),
        )
        .await?;
    Ok(body.extra_specs)
}

/// Sets (creates or changes) extra specs.
pub async fn set_extra_specs(
    os: &Scoped<'_>,
    id: &str,
    specs: &BTreeMap<String, String>,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::BlockStorage,
            reqwest::Method::POST,
            &format!("/types/{id}/extra_specs"),
        )?
        .json(&json!({ "extra_specs": specs }));
    send(ServiceType::BlockStorage, req).await?;
    Ok(())
}

pub async fn delete_extra_spec(os: &Scoped<'_>, id: &str, key: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::BlockStorage,
        reqwest::Method::DELETE,
        &format!(
            "/types/{id}/extra_specs/{}",
            crate::nav::encode_path_segment(key)
        ),
    )?;
    send(ServiceType::BlockStorage, req).await?;
    Ok(())
}
