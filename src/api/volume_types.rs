//! Admin › Volume Types: Cinder's volume types and their extra specs.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::metadata::{ExtraSpec, MetadataForm};

/// One row of the Volume Types table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeTypeRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub public: bool,
    /// `key=value`, as the table lists them.
    pub extra_specs: Vec<String>,
}

#[server(endpoint = "list_volume_types")]
pub async fn list_volume_types() -> Result<Vec<VolumeTypeRow>, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume::types;
    let (state, session, auth) = super::ssr::require(Action::ViewCloud).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut rows: Vec<VolumeTypeRow> = types::list_types(&os)
            .await?
            .into_iter()
            .map(|t| VolumeTypeRow {
                id: t.id,
                name: t.name,
                description: t.description.unwrap_or_default(),
                public: t.is_public,
                extra_specs: t
                    .extra_specs
                    .into_iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(rows)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "create_volume_type")]
pub async fn create_volume_type(
    name: String,
    vol_type_description: String,
    is_public: Option<String>,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume::types;
    let (state, session, auth) = super::ssr::require(Action::ChangeCloud).await?;
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::bad_input("name", "This field is required."));
    }
    if name.chars().count() > 255 {
        return Err(AppError::bad_input(
            "name",
            "Ensure this value has at most 255 characters.",
        ));
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        types::create_type(&os, &name, vol_type_description.trim(), is_public.is_some()).await?;
        Ok(format!("Successfully created volume type: {name}"))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "delete_volume_types")]
pub async fn delete_volume_types(types: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume::types as cinder_types;
    let (state, session, auth) = super::ssr::require(Action::ChangeCloud).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&types, |id| cinder_types::delete_type(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(name = GetVolumeTypeExtraSpecs, endpoint = "volume_type_extra_specs")]
pub async fn volume_type_extra_specs(type_id: String) -> Result<Vec<ExtraSpec>, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume::types;
    let (state, session, auth) = super::ssr::require(Action::ViewCloud).await?;
    let os = auth.scoped(&state.cloud);
    let work = async { Ok(types::extra_specs(&os, &type_id).await?) };
    let specs = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(specs
        .into_iter()
        .map(|(key, value)| ExtraSpec { key, value })
        .collect())
}

/// Saves the Extra Specs dialog: what changed, in one set and the removals.
#[server(endpoint = "update_volume_type_extra_specs")]
pub async fn update_volume_type_extra_specs(
    type_id: String,
    form: MetadataForm,
) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::volume::types;
    let (state, session, auth) = super::ssr::require(Action::ChangeCloud).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let current = types::extra_specs(&os, &type_id).await?;
        let changes = form
            .changes(&current)
            .map_err(|(field, message)| AppError::bad_input(&field, message))?;
        if !changes.set.is_empty() {
            types::set_extra_specs(&os, &type_id, &changes.set).await?;
        }
        for key in &changes.remove {
            types::delete_extra_spec(&os, &type_id, key).await?;
        }
        Ok("Extra specs saved.".to_string())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}
