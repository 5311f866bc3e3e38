//! Project › API Access: the catalog's endpoints and what the RC / clouds.yaml files name.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::api_access::ApiAccess;

#[server(name = GetApiAccess, endpoint = "api_access")]
pub async fn api_access() -> Result<ApiAccess, AppError> {
    use crate::model::policy::Action;
    let (state, session, auth) = super::ssr::require(Action::ViewProject).await?;
    let access = ssr::api_access(&state, &auth);
    super::ssr::confirmed(&state, &session, &auth, async { Ok(access) }).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::model::api_access::{ApiAccess, ApiEndpoint, CliContext};
    use crate::session::AuthState;
    use crate::state::AppState;

    /// The files' names for this session: Keystone's URL as Meridian reaches it, the user,
    /// the project, the region and interface in use.
    pub fn context(state: &AppState, auth: &AuthState) -> CliContext {
        CliContext {
            auth_url: state.cloud.auth_url.clone(),
            user_name: auth.user_name.clone(),
            user_domain_name: auth.domain_name.clone(),
            project_id: auth.project.id.clone(),
            project_name: auth.project.name.clone(),
            region: auth.region.clone(),
            interface: state.cloud.interface.clone(),
        }
    }

    pub fn api_access(state: &AppState, auth: &AuthState) -> ApiAccess {
        let mut endpoints: Vec<ApiEndpoint> = auth
            .catalog
            .0
            .iter()
            .flat_map(|entry| {
                entry
                    .endpoints
                    .iter()
                    .filter(|ep| ep.interface == state.cloud.interface)
                    .filter(|ep| {
                        auth.region.is_none() || ep.region_name() == auth.region.as_deref()
                    })
                    .map(move |ep| ApiEndpoint {
                        service: entry.service_type.clone(),
                        url: ep.url.clone(),
                    })
            })
            .collect();
        endpoints.sort_by(|a, b| a.service.cmp(&b.service));
        endpoints.dedup();
        ApiAccess {
            context: context(state, auth),
            endpoints,
        }
    }
}
