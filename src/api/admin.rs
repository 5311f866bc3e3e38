//! Admin › Overview.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEndpoint {
    pub name: String,
    pub service_type: String,
    pub region: String,
    pub url: String,
}

/// The services in the catalog, at the interface Meridian uses. Admins only.
#[server(endpoint = "cloud_services")]
pub async fn cloud_services() -> Result<Vec<ServiceEndpoint>, AppError> {
    let (state, session, auth) = super::ssr::require_admin().await?;
    let mut list: Vec<ServiceEndpoint> = auth
        .catalog
        .0
        .iter()
        .flat_map(|entry| {
            entry
                .endpoints
                .iter()
                .filter(|ep| ep.interface == state.cloud.interface)
                .map(move |ep| ServiceEndpoint {
                    name: entry.name.clone(),
                    service_type: entry.service_type.clone(),
                    region: ep
                        .region_id
                        .clone()
                        .or(ep.region.clone())
                        .unwrap_or_default(),
                    url: ep.url.clone(),
                })
        })
        .collect();
    list.sort_by(|a, b| a.service_type.cmp(&b.service_type));
    super::ssr::confirmed(&state, &session, &auth, async { Ok(list) }).await
}
