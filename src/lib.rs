//! Meridian: the web dashboard of an OpenStack cloud.
//!
//! One crate, two builds: `ssr` is the server (pages, server functions, sessions, the
//! OpenStack client), `hydrate` is the WASM that makes the server's pages interactive.

// Leptos views are deeply nested types; the larger tables need more room to compile.
#![recursion_limit = "512"]

pub mod api;
pub mod app;
pub mod components;
pub mod error;
#[cfg(test)]
pub mod fixtures;
pub mod model;
pub mod nav;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod console;
#[cfg(feature = "ssr")]
pub mod openstack;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A server function that redirects (login, logout, an expired session) loads the new
    // page in full, so the page frame and its user are fetched afresh.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(location);
        }
    });
    leptos::mount::hydrate_body(app::App);
    // A marker the browser tests wait on before testing what only works hydrated.
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::set(&window, &"__meridian_hydrated".into(), &true.into());
    }
}
