//! What every request handler and server function shares (server only).

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::config::Config;
use crate::console::{service::ServiceAuth, Registry};
use crate::openstack::Cloud;

#[derive(Clone)]
pub struct AppState {
    pub cloud: Arc<Cloud>,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// The consoles open right now (caps, closing at logout).
    pub consoles: Arc<Registry>,
    /// Meridian's own credential, when configured (console token checks).
    pub service: Option<Arc<ServiceAuth>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
