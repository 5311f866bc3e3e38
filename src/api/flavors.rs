//! Admin › Flavors.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::flavor::{ExtraSpec, FlavorForm, FlavorsPage, MetadataForm};

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

/// A flavor's extra specs, by key, for the Update Metadata dialog.
#[server(name = GetFlavorExtraSpecs, endpoint = "flavor_extra_specs")]
pub async fn flavor_extra_specs(flavor_id: String) -> Result<Vec<ExtraSpec>, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let specs = compute::flavor_extra_specs(&os, &flavor_id).await?;
        Ok(specs
            .into_iter()
            .map(|(key, value)| ExtraSpec { key, value })
            .collect())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Saves the Update Metadata dialog: every new and changed value in one request (Nova takes
/// them all or none), then the removals, at once. The form is checked first, against what
/// Nova holds now: a field in error changes nothing.
#[server(name = UpdateFlavorMetadata, endpoint = "update_flavor_metadata")]
pub async fn update_flavor_metadata(flavor_id: String, form: MetadataForm) -> Result<(), AppError> {
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let current = compute::flavor_extra_specs(&os, &flavor_id).await?;
        let changes = form
            .changes(&current)
            .map_err(|(field, message)| AppError::bad_input(&field, message))?;
        if !changes.set.is_empty() {
            compute::set_flavor_extra_specs(&os, &flavor_id, &changes.set).await?;
        }
        let removed = futures::future::join_all(
            changes
                .remove
                .iter()
                .map(|key| compute::delete_flavor_extra_spec(&os, &flavor_id, key)),
        )
        .await;
        // Saving again is safe: it compares with what Nova then holds.
        removed.into_iter().collect::<Result<Vec<()>, _>>()?;
        Ok(())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::server_fn::codec::{FromReq, PostUrl};

    use super::UpdateFlavorMetadata;
    use crate::error::AppError;

    /// Decodes a body as the server function does (what `ActionForm` sends).
    async fn decode(body: String) -> UpdateFlavorMetadata {
        let req = http::Request::post("/api/update_flavor_metadata")
            .header(
                http::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(axum::body::Body::from(body))
            .unwrap();
        <UpdateFlavorMetadata as FromReq<PostUrl, axum::extract::Request, AppError>>::from_req(req)
            .await
            .unwrap()
    }

    fn field(name: &str, value: &str) -> String {
        format!(
            "{}={}",
            crate::nav::encode_path_segment(name),
            crate::nav::encode_path_segment(value)
        )
    }

    #[tokio::test]
    async fn the_dialog_form_decodes_in_order() {
        let mut parts = vec![field("flavor_id", "f-1")];
        for n in 0..12 {
            parts.push(field(&format!("form[specs][{n}][key]"), &format!("k:{n}")));
            parts.push(field(&format!("form[specs][{n}][value]"), "v 1"));
        }
        parts.push(field("form[specs][3][remove]", "on"));
        parts.push(field("form[key]", "new key"));
        parts.push(field("form[value]", ""));
        let args = decode(parts.join("&")).await;
        assert_eq!(args.flavor_id, "f-1");
        let keys: Vec<&str> = args.form.specs.iter().map(|s| s.key.as_str()).collect();
        let expected: Vec<String> = (0..12).map(|n| format!("k:{n}")).collect();
        assert_eq!(keys, expected);
        assert_eq!(args.form.specs[0].value, "v 1");
        assert_eq!(args.form.specs[3].remove.as_deref(), Some("on"));
        assert_eq!(args.form.specs[4].remove, None);
        assert_eq!(args.form.key, "new key");
    }

    #[tokio::test]
    async fn a_flavor_without_metadata_sends_no_specs() {
        let args = decode("flavor_id=f-1&form%5Bkey%5D=a&form%5Bvalue%5D=b".into()).await;
        assert!(args.form.specs.is_empty());
        assert_eq!(
            (args.form.key.as_str(), args.form.value.as_str()),
            ("a", "b")
        );
    }
}
