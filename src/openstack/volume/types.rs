//! Cinder volume types.

use serde::Deserialize;

use super::super::catalog::ServiceType;
use super::super::client::Scoped;
use super::super::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct VolumeType {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "public_by_default")]
    pub is_public: bool,
}

fn public_by_default() -> bool {
    true
}

#[derive(Debug, Deserialize)]
pub struct VolumeTypesBody {
    pub volume_types: Vec<VolumeType>,
}

/// The volume types the project may use (an admin sees private ones too).
pub async fn list_types(os: &Scoped<'_>) -> Result<Vec<VolumeType>, OsError> {
    let body: VolumeTypesBody = os.get_json(ServiceType::BlockStorage, "/types").await?;
    Ok(body.volume_types)
}
