//! The OpenStack REST client. Server only: the browser build never compiles this module.
//!
//! One pooled `reqwest::Client` serves the whole process (`Cloud`); a `Scoped` pairs it with a
//! user's token and service catalog for the duration of one request.

pub mod account;
pub mod auth;
pub mod catalog;
pub mod client;
pub mod compute;
pub mod console;
pub mod error;
pub mod identity;
pub mod image;
pub mod network;
pub mod quotas;
pub mod usage;
pub mod volume;

pub use catalog::{Catalog, ServiceType};
pub use client::{Cloud, Scoped};
pub use error::OsError;
