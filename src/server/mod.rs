//! The HTTP server (server only): routes, layers, and the few handlers that are plain HTTP
//! rather than pages — logout, project switch, health checks, image uploads, usage CSV.

mod api_access_files;
mod guard;
mod handlers;
mod image_upload;
mod sessions;
mod usage_csv;

use std::sync::Arc;
use std::time::Duration;

use axum::handler::Handler;
use axum::routing::{get, post, put};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};

use crate::app::{shell, App};
use crate::config::Config;
use crate::openstack::Cloud;
use crate::state::AppState;

pub async fn serve(config: Config) -> Result<(), String> {
    let conf = get_configuration(None).map_err(|e| e.to_string())?;
    let leptos_options = conf.leptos_options;
    let addr = leptos_options.site_addr;

    let ca_bundle = match &config.ca_bundle {
        Some(path) => Some(std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?),
        None => None,
    };
    let cloud = Cloud::new(
        &config.auth_url,
        &config.interface,
        ca_bundle.as_deref(),
        Duration::from_secs(config.request_timeout_secs),
    )?;
    tracing::info!(
        auth_url = %cloud.auth_url,
        source = %config.cloud_source,
        session_store = ?config.session_store,
        "cloud"
    );
    let session_layer = sessions::layer(&config).await?;
    tracing::info!(
        mode = ?config.console_mode(),
        service_credential = config.service_credential.is_some(),
        "console relay"
    );
    let service = config
        .service_credential
        .clone()
        .map(|c| Arc::new(crate::console::service::ServiceAuth::new(c)));
    let state = AppState {
        consoles: Arc::new(crate::console::Registry::default()),
        service,
        cloud: Arc::new(cloud),
        config: Arc::new(config),
        leptos_options: leptos_options.clone(),
    };

    let routes = generate_route_list(App);
    // Files of the site (the WASM bundle, CSS, noVNC) come straight from the site directory;
    // only what is not a file goes to Leptos's error page. leptos_axum's own file handler
    // gives each file a reactive owner whose parent is whatever owner the worker thread ran
    // last, so a status another page had set (a Forbidden page's 403) could land on a file:
    // a browser test once got /pkg/meridian.wasm, body and all, with status 403.
    let site_files = tower_http::services::ServeDir::new(&*leptos_options.site_root)
        .not_found_service(
            leptos_axum::file_and_error_handler::<AppState, _>(shell).with_state(state.clone()),
        );
    let app = Router::new()
        .route("/healthz", get(handlers::healthz))
        .route("/readyz", get(handlers::readyz))
        .route("/auth/logout/", post(handlers::logout))
        .route("/auth/switch/{project_id}/", get(handlers::switch_project))
        .route("/project/key_pairs/create/", post(handlers::create_keypair))
        .route(
            "/project/images/{image_id}/upload/",
            put(image_upload::upload_image_data),
        )
        .route(
            "/project/api_access/openrc/",
            get(api_access_files::openrc_file),
        )
        .route(
            "/project/api_access/clouds.yaml/",
            get(api_access_files::clouds_yaml_file),
        )
        .route("/project/usage.csv", get(usage_csv::project_usage_csv))
        .route("/admin/usage.csv", get(usage_csv::cloud_usage_csv))
        .route(crate::console::WS_ROUTE, get(crate::console::ws_handler))
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback_service(site_files)
        .layer(axum::middleware::from_fn(guard::require_login))
        .layer(axum::middleware::from_fn(guard::same_origin_posts))
        .layer(session_layer)
        .layer(axum::middleware::from_fn(guard::security_headers))
        .with_state(state);

    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|e| format!("{addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    // No Nagle delay: console frames are small and latency-sensitive.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app.into_make_service())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
