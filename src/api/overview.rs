//! Project › Overview: the project's limits and usage from Nova, Neutron and Cinder.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::Usage;

/// Asks the three services at once: the page takes as long as the slowest, not the sum.
/// A service that is missing or failing gets a message in its place; the others still show.
#[server(endpoint = "project_usage")]
pub async fn project_usage() -> Result<Usage, AppError> {
    use crate::model::ServiceQuotas;
    use crate::openstack::{compute, network, volume, OsError};

    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let fetch = async {
        let (nova, neutron, cinder) = tokio::join!(
            compute::limits(&os),
            network::quota_details(&os, &auth.project.id),
            volume::limits(&os),
        );
        let results = [
            ("Compute", nova.map(|l| l.quota_items())),
            ("Network", neutron.map(|q| q.quota_items())),
            ("Volume", cinder.map(|l| l.quota_items())),
        ];
        if results
            .iter()
            .any(|(_, r)| matches!(r, Err(OsError::Unauthorized { .. })))
        {
            return Err(AppError::NotLoggedIn);
        }
        Ok(results)
    };
    let results = super::ssr::confirmed(&state, &session, &auth, fetch).await?;
    Ok(Usage {
        project_name: auth.project.name.clone(),
        services: results
            .into_iter()
            .map(|(service, items)| ServiceQuotas {
                service: service.to_string(),
                items: items.map_err(|e| AppError::from(e).to_string()),
            })
            .collect(),
    })
}
