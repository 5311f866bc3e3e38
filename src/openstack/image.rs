//! Glance (image API v2): listing, creating, editing and deleting images, and streaming an
//! image's data to Glance.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value};

use super::catalog::ServiceType;
use super::client::{json_response, send, Scoped};
use super::error::OsError;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub protected: bool,
    #[serde(default)]
    pub disk_format: Option<String>,
    #[serde(default)]
    pub container_format: Option<String>,
    #[serde(default)]
    pub min_disk: i64,
    #[serde(default)]
    pub min_ram: i64,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default)]
    pub virtual_size: Option<i64>,
    #[serde(default)]
    pub owner: Option<String>,
    /// MD5 of the data (Glance's legacy checksum).
    #[serde(default)]
    pub checksum: Option<String>,
    #[serde(default)]
    pub os_hash_algo: Option<String>,
    #[serde(default)]
    pub os_hash_value: Option<String>,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// `snapshot` for an image made from an instance.
    #[serde(default)]
    pub image_type: Option<String>,
    /// Everything else: Glance's other fields and the image's own properties
    /// (`description`, `architecture`, `hw_*`...).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// Fields Glance itself sets or owns: never shown or edited as custom properties.
pub const CORE_FIELDS: &[&str] = &[
    "checksum",
    "container_format",
    "created_at",
    "direct_url",
    "disk_format",
    "file",
    "id",
    "image_type",
    "locations",
    "min_disk",
    "min_ram",
    "name",
    "os_hash_algo",
    "os_hash_value",
    "os_hidden",
    "owner",
    "protected",
    "schema",
    "self",
    "size",
    "status",
    "stores",
    "tags",
    "updated_at",
    "virtual_size",
    "visibility",
];

impl Image {
    pub fn is_instance_snapshot(&self) -> bool {
        self.image_type.as_deref() == Some("snapshot")
    }

    /// A string property such as `description` or `architecture`.
    pub fn property(&self, key: &str) -> Option<String> {
        match self.extra.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    /// The image's own properties (not Glance's fields), as text.
    pub fn custom_properties(&self) -> BTreeMap<String, String> {
        self.extra
            .iter()
            .filter(|(k, _)| !CORE_FIELDS.contains(&k.as_str()) && !k.starts_with("os_glance"))
            .map(|(k, v)| {
                let text = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), text)
            })
            .collect()
    }
}

#[derive(Debug, Deserialize)]
pub struct ImagesBody {
    pub images: Vec<Image>,
    /// The next page's path and query, when there is one.
    #[serde(default)]
    pub next: Option<String>,
}

async fn get_images(os: &Scoped<'_>, query: &[(&str, String)]) -> Result<ImagesBody, OsError> {
    let req = os
        .request(ServiceType::Image, Method::GET, "/v2/images")?
        .query(query);
    json_response(ServiceType::Image, send(ServiceType::Image, req).await?).await
}

/// The images with these ids, in one call (`id=in:a,b,c`), for joining names into a table.
pub async fn images_by_id(os: &Scoped<'_>, ids: &[&str]) -> Result<Vec<Image>, OsError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let query = [
        ("id", format!("in:{}", ids.join(","))),
        ("limit", "1000".to_string()),
    ];
    Ok(get_images(os, &query).await?.images)
}

/// Active images the project can boot (its own, public, shared and community ones).
pub async fn bootable_images(os: &Scoped<'_>) -> Result<Vec<Image>, OsError> {
    let query = [
        ("status", "active".to_string()),
        ("limit", "1000".to_string()),
        ("sort", "name:asc".to_string()),
    ];
    Ok(get_images(os, &query).await?.images)
}

/// What a page of the images table asks Glance for. Glance filters on exact values.
#[derive(Debug, Clone, Default)]
pub struct ImageQuery {
    pub name: Option<String>,
    pub status: Option<String>,
    /// `public`, `private`, `shared`, `community` or `all`; Glance's default leaves out
    /// community images.
    pub visibility: Option<String>,
    pub disk_format: Option<String>,
    pub owner: Option<String>,
    pub limit: u32,
    pub marker: Option<String>,
    /// Walks backwards from `marker` (for `« Prev`): the newest-first order reversed.
    pub reverse: bool,
}

/// One page of images, newest first (Horizon's order), and whether more follow.
pub async fn list_images(os: &Scoped<'_>, q: &ImageQuery) -> Result<(Vec<Image>, bool), OsError> {
    let mut query: Vec<(&str, String)> = vec![
        ("limit", q.limit.to_string()),
        (
            "sort",
            if q.reverse {
                "created_at:asc,id:asc"
            } else {
                "created_at:desc,id:desc"
            }
            .to_string(),
        ),
    ];
    let mut add = |key: &'static str, value: &Option<String>| {
        if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
            query.push((key, v.clone()));
        }
    };
    add("name", &q.name);
    add("status", &q.status);
    add("visibility", &q.visibility);
    add("disk_format", &q.disk_format);
    add("owner", &q.owner);
    add("marker", &q.marker);
    let body = get_images(os, &query).await?;
    let more = body.next.is_some();
    Ok((body.images, more))
}

pub async fn get_image(os: &Scoped<'_>, id: &str) -> Result<Image, OsError> {
    os.get_json(ServiceType::Image, &format!("/v2/images/{id}"))
        .await
}

/// `POST /v2/images`: the image record, `queued` until data arrives.
pub async fn create_image(os: &Scoped<'_>, body: &Value) -> Result<Image, OsError> {
    let req = os
        .request(ServiceType::Image, Method::POST, "/v2/images")?
        .json(body);
    json_response(ServiceType::Image, send(ServiceType::Image, req).await?).await
}

/// One JSON-patch operation on an image (`PATCH /v2/images/{id}`).
#[derive(Debug, Clone, PartialEq)]
pub enum ImagePatch {
    /// Sets a field or property, whether or not it exists (Glance's `replace` fails on a
    /// property that is absent, `add` sets either way).
    Set(String, Value),
    Remove(String),
}

pub async fn update_image(
    os: &Scoped<'_>,
    id: &str,
    changes: &[ImagePatch],
) -> Result<Image, OsError> {
    let ops: Vec<Value> = changes
        .iter()
        .map(|c| match c {
            ImagePatch::Set(k, v) => json!({"op": "add", "path": format!("/{k}"), "value": v}),
            ImagePatch::Remove(k) => json!({"op": "remove", "path": format!("/{k}")}),
        })
        .collect();
    let req = os
        .request(
            ServiceType::Image,
            Method::PATCH,
            &format!("/v2/images/{id}"),
        )?
        .header(
            "Content-Type",
            "application/openstack-images-v2.1-json-patch",
        )
        .body(Value::Array(ops).to_string());
    json_response(ServiceType::Image, send(ServiceType::Image, req).await?).await
}

pub async fn delete_image(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Image,
        Method::DELETE,
        &format!("/v2/images/{id}"),
    )?;
    send(ServiceType::Image, req).await?;
    Ok(())
}

/// Deactivates (`true`) or reactivates an image: a deactivated image's data cannot be read.
pub async fn set_deactivated(os: &Scoped<'_>, id: &str, deactivated: bool) -> Result<(), OsError> {
    let action = if deactivated {
        "deactivate"
    } else {
        "reactivate"
    };
    let req = os.request(
        ServiceType::Image,
        Method::POST,
        &format!("/v2/images/{id}/actions/{action}"),
    )?;
    send(ServiceType::Image, req).await?;
    Ok(())
}

/// Asks Glance to fetch the image's data from `url` itself (interoperable import,
/// `web-download`): Meridian never touches the bytes.
pub async fn import_from_url(os: &Scoped<'_>, id: &str, url: &str) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Image,
            Method::POST,
            &format!("/v2/images/{id}/import"),
        )?
        .json(&json!({"method": {"name": "web-download", "uri": url}}));
    send(ServiceType::Image, req).await?;
    Ok(())
}

/// `PUT /v2/images/{id}/file`: streams `data` to Glance as it arrives, so an image of any
/// size passes through with only a few buffers in memory. `timeout` replaces the client's
/// per-request one: an upload takes as long as the user's connection needs.
pub async fn upload_data(
    os: &Scoped<'_>,
    id: &str,
    data: reqwest::Body,
    length: Option<u64>,
    timeout: std::time::Duration,
) -> Result<(), OsError> {
    let mut req = os
        .request(
            ServiceType::Image,
            Method::PUT,
            &format!("/v2/images/{id}/file"),
        )?
        .header("Content-Type", "application/octet-stream")
        .timeout(timeout)
        .body(data);
    if let Some(n) = length {
        req = req.header("Content-Length", n);
    }
    send(ServiceType::Image, req).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    fn recorded_images() -> ImagesBody {
        serde_json::from_str(&fixture("glance_get_images.json")).unwrap()
    }

    #[test]
    fn parses_recorded_images() {
        let body = recorded_images();
        let tiny = body
            .images
            .iter()
            .find(|i| i.name.as_deref() == Some("tiny"))
            .expect("the seed's image");
        assert_eq!(tiny.status, "active");
        assert_eq!(tiny.visibility, "public");
        assert!(tiny.checksum.as_deref().is_some_and(|c| c.len() == 32));
        // Glance's own fields never show up as the image's properties.
        let props = tiny.custom_properties();
        assert!(!props.contains_key("self") && !props.contains_key("file"));
        // Everything fits on one page.
        assert_eq!(body.next, None);
    }

    /// One image (`get_image`): the seed's empty 64 MiB qcow2, uploaded by openstacksdk,
    /// whose `owner_specified.*` are its only properties.
    #[test]
    fn parses_one_recorded_image() {
        let image: Image = serde_json::from_str(&fixture("glance_get_image.json")).unwrap();
        let listed = recorded_images()
            .images
            .into_iter()
            .find(|i| i.name.as_deref() == Some("tiny"))
            .unwrap();
        assert_eq!(
            (image.id.as_str(), image.owner.as_deref()),
            (listed.id.as_str(), listed.owner.as_deref())
        );
        assert_eq!(
            (
                image.disk_format.as_deref(),
                image.container_format.as_deref()
            ),
            (Some("qcow2"), Some("bare"))
        );
        assert_eq!(image.virtual_size, Some(64 * 1024 * 1024));
        assert_eq!(
            (image.min_disk, image.min_ram, image.protected),
            (0, 0, false)
        );
        assert_eq!(image.os_hash_algo.as_deref(), Some("sha512"));
        assert!(!image.is_instance_snapshot());
        let props: Vec<String> = image.custom_properties().into_keys().collect();
        assert!(!props.is_empty());
        assert!(
            props
                .iter()
                .all(|k| k.starts_with("owner_specified.openstack.")),
            "{props:?}"
        );
        assert_eq!(image.property("description"), None);
    }
}
