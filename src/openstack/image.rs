//! Glance.

use serde::Deserialize;

use super::catalog::ServiceType;
use super::client::Scoped;
use super::error::OsError;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub min_disk: i64,
    #[serde(default)]
    pub min_ram: i64,
    #[serde(default)]
    pub size: Option<i64>,
    /// `snapshot` for an image made from an instance.
    #[serde(default)]
    pub image_type: Option<String>,
}

impl Image {
    pub fn is_instance_snapshot(&self) -> bool {
        self.image_type.as_deref() == Some("snapshot")
    }
}

#[derive(Debug, Deserialize)]
pub struct ImagesBody {
    pub images: Vec<Image>,
}

/// The images with these ids, in one call (`id=in:a,b,c`), for joining names into a table.
pub async fn images_by_id(os: &Scoped<'_>, ids: &[&str]) -> Result<Vec<Image>, OsError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let filter = format!("in:{}", ids.join(","));
    let req = os
        .request(ServiceType::Image, reqwest::Method::GET, "/v2/images")?
        .query(&[("id", filter.as_str()), ("limit", "1000")]);
    let body: ImagesBody = super::client::json_response(
        ServiceType::Image,
        super::client::send(ServiceType::Image, req).await?,
    )
    .await?;
    Ok(body.images)
}

/// Active images the project can boot (its own, public, shared and community ones).
pub async fn bootable_images(os: &Scoped<'_>) -> Result<Vec<Image>, OsError> {
    let req = os
        .request(ServiceType::Image, reqwest::Method::GET, "/v2/images")?
        .query(&[
            ("status", "active"),
            ("limit", "1000"),
            ("sort", "name:asc"),
        ]);
    let body: ImagesBody = super::client::json_response(
        ServiceType::Image,
        super::client::send(ServiceType::Image, req).await?,
    )
    .await?;
    Ok(body.images)
}
