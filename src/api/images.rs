//! Project › Images and Admin › Images: Glance images listed, created, edited, deleted.
//! The image data itself does not pass through a server function: the browser streams it to
//! `PUT /project/images/{id}/upload/` (see `server::image_upload`).
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::image::{ImageDetail, ImagesPage};
use crate::model::metadata::{ExtraSpec, MetadataForm};

/// The table's filter and position, as they appear in the page's query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageFilter {
    pub name: Option<String>,
    pub status: Option<String>,
    pub visibility: Option<String>,
    pub disk_format: Option<String>,
    pub marker: Option<String>,
    /// `true` when walking back with `« Prev`.
    pub prev: bool,
    pub page_size: u32,
}

/// One page of images: the project's view (its own, public, shared with it), or every
/// project's (`all_projects`, admins, with the owners' names from Keystone).
#[server(endpoint = "list_images")]
pub async fn list_images(filter: ImageFilter, all_projects: bool) -> Result<ImagesPage, AppError> {
    use crate::model::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_COOKIE};
    use crate::openstack::image::{self, ImageQuery};

    let (state, session, auth) = if all_projects {
        super::ssr::require_admin().await?
    } else {
        super::ssr::require_auth().await?
    };
    let page_size = match filter.page_size {
        0 => super::ssr::request_cookie(PAGE_SIZE_COOKIE)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(DEFAULT_PAGE_SIZE),
        n => n,
    }
    .min(MAX_PAGE_SIZE);
    let os = auth.scoped(&state.cloud);
    let query = ImageQuery {
        name: filter.name.clone(),
        status: filter.status.clone().map(|s| s.to_lowercase()),
        // Admin › Images lists everything, community images included.
        visibility: filter
            .visibility
            .clone()
            .map(|v| v.to_lowercase())
            .or_else(|| all_projects.then(|| "all".to_string())),
        disk_format: filter.disk_format.clone().map(|f| f.to_lowercase()),
        owner: None,
        limit: page_size,
        marker: filter.marker.clone().filter(|m| !m.is_empty()),
        reverse: filter.prev,
    };
    let work = async {
        let (images, projects) = tokio::join!(image::list_images(&os, &query), async {
            if all_projects {
                crate::openstack::auth::all_projects(&state.cloud, &auth.token)
                    .await
                    .unwrap_or_default()
            } else {
                vec![]
            }
        });
        Ok((images.map_err(AppError::from)?, projects))
    };
    let ((images, more), projects) = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(ssr::page(
        images,
        more,
        query.marker.is_some(),
        query.reverse,
        &auth.project.id,
        &projects,
    ))
}

/// An image's detail page.
#[server(name = GetImageDetail, endpoint = "image_detail")]
pub async fn image_detail(image_id: String) -> Result<ImageDetail, AppError> {
    use crate::openstack::image;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async { Ok(image::get_image(&os, &image_id).await?) };
    let img = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(ssr::detail(img, &auth.project.id))
}

/// Create Image, first step: checks the form and makes Glance's image record. For a file the
/// browser then streams the data to the upload URL; for a URL Glance downloads it itself.
/// Returns the new image's id.
#[server(endpoint = "create_image")]
pub async fn create_image(
    name: String,
    description: String,
    source_type: String,
    image_url: String,
    file_size: Option<u64>,
    disk_format: String,
    architecture: String,
    min_disk: String,
    min_ram: String,
    visibility: String,
    protected: Option<String>,
) -> Result<String, AppError> {
    use crate::model::image::{check_image_fields, check_image_url};
    use crate::openstack::image;
    use serde_json::{json, Value};

    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let plan = check_image_fields(
        &name,
        &disk_format,
        &min_disk,
        &min_ram,
        &visibility,
        auth.is_admin(),
    )
    .map_err(|(field, message)| AppError::bad_input(field, message))?;
    let url = match source_type.as_str() {
        "url" => {
            Some(check_image_url(&image_url).map_err(|m| AppError::bad_input("image_url", m))?)
        }
        "file" => {
            if file_size.is_none() {
                return Err(AppError::bad_input(
                    "image_file",
                    "An image file or an external location must be specified.",
                ));
            }
            None
        }
        _ => return Err(AppError::bad_input("source_type", "Select a valid choice.")),
    };
    let mut body = json!({
        "name": plan.name,
        "disk_format": plan.disk_format,
        "container_format": plan.container_format,
        "min_disk": plan.min_disk,
        "min_ram": plan.min_ram,
        "visibility": plan.visibility,
        "protected": protected.is_some(),
    });
    for (key, value) in [
        ("description", &description),
        ("architecture", &architecture),
    ] {
        let value = value.trim();
        if !value.is_empty() {
            body[key] = Value::String(value.to_string());
        }
    }
    let os = auth.scoped(&state.cloud);
    let work = async {
        let created = image::create_image(&os, &body).await?;
        if let Some(url) = &url {
            if let Err(e) = image::import_from_url(&os, &created.id, url).await {
                // No half image: the record goes if Glance will not fetch its data.
                let _ = image::delete_image(&os, &created.id).await;
                return Err(AppError::from(e));
            }
        }
        Ok(created.id)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Cancel on an upload: deletes the image Create Image made, unless its data arrived
/// after all. An image already gone (the upload's own clean-up got there first) is fine.
#[server(endpoint = "discard_image")]
pub async fn discard_image(image_id: String) -> Result<(), AppError> {
    use crate::openstack::image;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        match image::get_image(&os, &image_id).await {
            Ok(img) if img.status == "active" => Ok(()),
            Ok(_) => match image::delete_image(&os, &image_id).await {
                Ok(()) => Ok(()),
                Err(e) if e.status() == Some(404) => Ok(()),
                Err(e) => Err(e.into()),
            },
            Err(e) if e.status() == Some(404) => Ok(()),
            Err(e) => Err(e.into()),
        }
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Image: the fields Glance lets an owner change after the data is in.
#[server(endpoint = "update_image")]
pub async fn update_image(
    image_id: String,
    name: String,
    description: String,
    disk_format: String,
    min_disk: String,
    min_ram: String,
    visibility: String,
    protected: Option<String>,
) -> Result<String, AppError> {
    use crate::model::image::check_image_fields;
    use crate::openstack::image::{self, ImagePatch};
    use serde_json::Value;

    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let current = image::get_image(&os, &image_id).await?;
        // An image that is already public may stay so in a member's edit.
        let may_publish = auth.is_admin() || current.visibility == "public";
        let plan = check_image_fields(
            &name,
            &disk_format,
            &min_disk,
            &min_ram,
            &visibility,
            may_publish,
        )
        .map_err(|(field, message)| AppError::bad_input(field, message))?;
        let mut changes = vec![
            ImagePatch::Set("name".into(), Value::String(plan.name.clone())),
            ImagePatch::Set("min_disk".into(), plan.min_disk.into()),
            ImagePatch::Set("min_ram".into(), plan.min_ram.into()),
            ImagePatch::Set("visibility".into(), Value::String(plan.visibility)),
            ImagePatch::Set("protected".into(), Value::Bool(protected.is_some())),
        ];
        // Glance fixes the format once the data is in: only ask when it changes.
        if current.disk_format.as_deref() != Some(plan.disk_format.as_str()) {
            changes.push(ImagePatch::Set(
                "disk_format".into(),
                Value::String(plan.disk_format),
            ));
        }
        let description = description.trim();
        match (current.property("description"), description.is_empty()) {
            (Some(_), true) => changes.push(ImagePatch::Remove("description".into())),
            (_, false) => changes.push(ImagePatch::Set(
                "description".into(),
                Value::String(description.to_string()),
            )),
            (None, true) => {}
        }
        image::update_image(&os, &image_id, &changes).await?;
        Ok(format!("Image {} was successfully updated.", plan.name))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// The image's own properties, for the Update Metadata dialog.
#[server(name = GetImageProperties, endpoint = "image_properties")]
pub async fn image_properties(image_id: String) -> Result<Vec<ExtraSpec>, AppError> {
    use crate::openstack::image;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async { Ok(image::get_image(&os, &image_id).await?) };
    let img = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(img
        .custom_properties()
        .into_iter()
        .map(|(key, value)| ExtraSpec { key, value })
        .collect())
}

/// Update Metadata: sets, changes and removes the image's own properties in one PATCH.
/// Glance's own fields (`name`, `visibility`...) are refused: Edit Image changes those.
#[server(name = UpdateImageMetadata, endpoint = "update_image_metadata")]
pub async fn update_image_metadata(
    image_id: String,
    form: MetadataForm,
) -> Result<String, AppError> {
    use crate::model::image::check_property_key;
    use crate::openstack::image::{self, ImagePatch, CORE_FIELDS};
    use serde_json::Value;

    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let img = image::get_image(&os, &image_id).await?;
        let current = img.custom_properties();
        let changes = form
            .changes(&current)
            .map_err(|(field, message)| AppError::bad_input(&field, message))?;
        for key in changes.set.keys().filter(|k| !current.contains_key(*k)) {
            if let Err(message) = check_property_key(key, CORE_FIELDS) {
                let field = form
                    .specs
                    .iter()
                    .position(|s| s.key == *key)
                    .map_or("key".to_string(), |n| format!("value_{n}"));
                return Err(AppError::bad_input(&field, message));
            }
        }
        if changes.is_empty() {
            return Ok("No changes to the metadata.".to_string());
        }
        let patch: Vec<ImagePatch> = changes
            .set
            .into_iter()
            .map(|(k, v)| ImagePatch::Set(k, Value::String(v)))
            .chain(changes.remove.into_iter().map(ImagePatch::Remove))
            .collect();
        image::update_image(&os, &image_id, &patch).await?;
        let name = img.name.unwrap_or(img.id);
        Ok(format!(
            "Metadata of image {name} was successfully updated."
        ))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Deactivate Image / Activate Image (Horizon's words for Glance's deactivate and reactivate).
#[server(endpoint = "set_image_active")]
pub async fn set_image_active(
    image_id: String,
    name: String,
    active: bool,
) -> Result<String, AppError> {
    use crate::openstack::image;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        image::set_deactivated(&os, &image_id, !active).await?;
        Ok(if active {
            format!("Activated Image: {name}")
        } else {
            format!("Deactivated Image: {name}")
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Deletes the images (ids with their names, for the message), all at once. A protected
/// image is refused with the reason and the way out.
#[server(endpoint = "delete_images")]
pub async fn delete_images(images: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::image;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut outcome = super::ssr::batch(&images, |id| image::delete_image(&os, id)).await?;
        for (_, reason) in &mut outcome.failed {
            if reason.contains("protected") {
                *reason = "it is protected. Edit the image and clear \"Protected\" first.".into();
            }
        }
        Ok(outcome)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::model::image::{ImageDetail, ImageRow, ImagesPage};
    use crate::model::ProjectRef;
    use crate::openstack::image::Image;

    pub fn row(img: &Image, project_id: &str, projects: &[ProjectRef]) -> ImageRow {
        let owner = img.owner.clone().unwrap_or_default();
        ImageRow {
            id: img.id.clone(),
            name: img
                .name
                .clone()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| img.id.clone()),
            kind: if img.is_instance_snapshot() {
                "Snapshot"
            } else {
                "Image"
            }
            .into(),
            status: img.status.clone(),
            visibility: img.visibility.clone(),
            protected: img.protected,
            disk_format: img.disk_format.clone().unwrap_or_default(),
            size: img.size,
            owner_name: projects
                .iter()
                .find(|p| p.id == owner)
                .map(|p| p.name.clone()),
            mine: owner == project_id,
            owner,
        }
    }

    /// Joins Glance's page into the table's (pure: unit-tested below). Walking back with
    /// `« Prev` asked Glance in the reverse order, so the rows are turned round again.
    pub fn page(
        mut images: Vec<Image>,
        more: bool,
        from_marker: bool,
        reverse: bool,
        project_id: &str,
        projects: &[ProjectRef],
    ) -> ImagesPage {
        if reverse {
            images.reverse();
        }
        let rows: Vec<ImageRow> = images
            .iter()
            .map(|i| row(i, project_id, projects))
            .collect();
        let first = rows.first().map(|r| r.id.clone());
        let last = rows.last().map(|r| r.id.clone());
        let (next_marker, prev_marker) = if reverse {
            // Going back: there is a next page (the one we came from), and a previous one
            // if Glance had more in that direction.
            (last, if more { first } else { None })
        } else {
            (
                if more { last } else { None },
                if from_marker { first } else { None },
            )
        };
        ImagesPage {
            rows,
            next_marker,
            prev_marker,
        }
    }

    pub fn detail(img: Image, project_id: &str) -> ImageDetail {
        let row = row(&img, project_id, &[]);
        ImageDetail {
            description: img.property("description").unwrap_or_default(),
            architecture: img.property("architecture").unwrap_or_default(),
            container_format: img.container_format.clone().unwrap_or_default(),
            min_disk: img.min_disk,
            min_ram: img.min_ram,
            virtual_size: img.virtual_size,
            checksum: img.checksum.clone().unwrap_or_default(),
            os_hash_algo: img.os_hash_algo.clone().unwrap_or_default(),
            os_hash_value: img.os_hash_value.clone().unwrap_or_default(),
            created_at: img
                .created_at
                .as_deref()
                .map(crate::api::ssr::local_cloud_time)
                .unwrap_or_default(),
            updated_at: img
                .updated_at
                .as_deref()
                .map(crate::api::ssr::local_cloud_time)
                .unwrap_or_default(),
            properties: img.custom_properties(),
            row,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::fixtures::fixture;
        use crate::openstack::image::ImagesBody;

        fn recorded() -> Vec<Image> {
            let body: ImagesBody =
                serde_json::from_str(&fixture("glance_get_images.json")).unwrap();
            body.images
        }

        #[test]
        fn rows_from_the_recorded_list() {
            let p = page(recorded(), false, false, false, "someone-else", &[]);
            let tiny = p.rows.iter().find(|r| r.name == "tiny").unwrap();
            assert_eq!(
                (tiny.kind.as_str(), tiny.status.as_str()),
                ("Image", "active")
            );
            assert!(!tiny.mine, "the seed's image belongs to admin's project");
            assert_eq!((p.next_marker, p.prev_marker), (None, None));
        }

        #[test]
        fn markers_follow_the_direction() {
            let mut images = recorded();
            let mut second = images[0].clone();
            second.id = "b".into();
            images.push(second);
            let first_id = images[0].id.clone();
            // Forwards from a marker with more to come: both ways open.
            let p = page(images.clone(), true, true, false, "", &[]);
            assert_eq!(p.next_marker.as_deref(), Some("b"));
            assert_eq!(p.prev_marker.as_deref(), Some(first_id.as_str()));
            // Backwards to the first page: rows turned round, no « Prev.
            let p = page(images, false, true, true, "", &[]);
            assert_eq!(p.rows[0].id, "b");
            assert_eq!(p.next_marker.as_deref(), Some(first_id.as_str()));
            assert_eq!(p.prev_marker, None);
        }
    }
}
