//! Server functions: what the pages ask the server for. Thin: session → cloud → model.
//! A file per area; server-only helpers live in `ssr`.

pub mod admin;
pub mod api_access;
pub mod app_credentials;
pub mod auth;
pub mod console;
pub mod flavors;
pub mod floating_ips;
pub mod hypervisors;
pub mod identity_groups;
pub mod identity_projects;
pub mod identity_roles;
pub mod identity_users;
pub mod images;
pub mod instance_detail;
pub mod instance_forms;
pub mod instances;
pub mod keypairs;
pub mod launch;
pub mod networks;
pub mod overview;
pub mod routers;
pub mod security_groups;
pub mod server_groups;
pub mod settings;
pub mod topology;
pub mod usage;
pub mod volume_snapshots;
pub mod volume_types;
pub mod volumes;

#[cfg(feature = "ssr")]
pub mod ssr;
