//! A file per panel, grouped by dashboard as Horizon groups them.

pub mod admin;
pub mod auth;
pub mod identity;
pub mod project;
