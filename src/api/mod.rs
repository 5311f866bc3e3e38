//! Server functions: what the pages ask the server for. Thin: session → cloud → model.
//! A file per area; server-only helpers live in `ssr`.

pub mod admin;
pub mod auth;
pub mod console;
pub mod overview;

#[cfg(feature = "ssr")]
pub mod ssr;
