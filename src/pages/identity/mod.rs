//! The Identity dashboard: Projects, Users, Groups, Roles and Application Credentials. Everything
//! here but a member's read-only list of their own projects and their own application
//! credentials needs the `admin` role.

pub mod application_credentials;
pub mod groups;
pub mod projects;
pub mod roles;
pub mod users;

/// "Yes" / "No", as Horizon shows booleans.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// Does a row match the filter box (any of its texts contains it, ignoring case)?
pub fn matches_filter(filter: &str, texts: &[&str]) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&f))
}
