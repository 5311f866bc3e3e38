//! Admin › Flavors.

use leptos::prelude::*;

use crate::api::instances::BatchResult;
use crate::error::AppError;
use crate::model::flavor::{FlavorForm, FlavorsPage};

#[server(endpoint = "list_flavors")]
pub async fn list_flavors() -> Result<FlavorsPage, AppError> {
    use crate::model::flavor::FlavorRow;
    use crate::openstack::{auth as keystone, compute};
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (flavors, projects) = tokio::join!(
            compute::list_all_flavors(&os),
            keystone::all_projects(&state.cloud, &auth.token)
        );
        let mut flavors: Vec<FlavorRow> = flavors?
            .into_iter()
            .map(|f| FlavorRow {
                id: f.id,
                name: f.name,
                vcpus: f.vcpus,
                ram_mb: f.ram,
                disk_gb: f.disk,
                ephemeral_gb: f.ephemeral,
                swap_mb: f.swap,
                rxtx_factor: f.rxtx_factor,
                is_public: f.is_public,
            })
            .collect();
        flavors.sort_by_key(|f| f.name.to_lowercase());
        Ok(FlavorsPage {
            flavors,
            projects: projects?,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Creates a flavor; a private one is given to the chosen projects. Returns its name.
#[server(endpoint = "create_flavor")]
pub async fn create_flavor(form: FlavorForm) -> Result<String, AppError> {
    use crate::openstack::compute::{self, NewFlavor};
    let valid = form
        .validate()
        .map_err(|(field, message)| AppError::bad_input(field, message))?;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let flavor = compute::create_flavor(
            &os,
            &NewFlavor {
                name: valid.name.clone(),
                id: valid.id.clone(),
                vcpus: valid.vcpus,
                ram_mb: valid.ram_mb,
                disk_gb: valid.disk_gb,
                ephemeral_gb: valid.ephemeral_gb,
                swap_mb: valid.swap_mb,
                rxtx_factor: valid.rxtx_factor,
                is_public: valid.is_public,
            },
        )
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(m) => AppError::bad_input("name", m),
            other => other,
        })?;
        for project in &valid.projects {
            compute::add_flavor_access(&os, &flavor.id, project).await?;
        }
        Ok(flavor.name)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "delete_flavors")]
pub async fn delete_flavors(flavors: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&flavors, |id| compute::delete_flavor(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
