//! Project › Server Groups: a group's row, its detail, and the policies Nova offers.

use serde::{Deserialize, Serialize};

/// Nova's policies, as (value, label) in Horizon's words.
pub const POLICIES: [(&str, &str); 4] = [
    ("affinity", "Affinity"),
    ("anti-affinity", "Anti Affinity"),
    ("soft-affinity", "Soft Affinity"),
    ("soft-anti-affinity", "Soft Anti Affinity"),
];

/// A policy's label ("Anti Affinity"); one Meridian does not know shows as Nova wrote it.
pub fn policy_label(policy: &str) -> String {
    POLICIES
        .iter()
        .find(|(v, _)| *v == policy)
        .map(|(_, l)| l.to_string())
        .unwrap_or_else(|| policy.to_string())
}

/// A row of Project › Server Groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerGroupRow {
    pub id: String,
    pub name: String,
    pub policy: String,
    /// How many instances are in it.
    pub members: usize,
}

/// One instance of a group, for its detail page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    /// `None` when Nova no longer lists the instance (deleted since).
    pub name: Option<String>,
}

/// `/project/server_groups/<id>/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerGroupDetail {
    pub id: String,
    pub name: String,
    pub policy: String,
    pub members: Vec<Member>,
}

/// A checked Create Server Group form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewServerGroup {
    pub name: String,
    pub policy: String,
}

/// Checks the form before Nova sees it: a name (at most 255 characters) and a known policy.
/// Errors are (field, message).
pub fn validate_new_server_group(
    name: &str,
    policy: &str,
) -> Result<NewServerGroup, (&'static str, &'static str)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(("name", "This field is required."));
    }
    if name.chars().count() > 255 {
        return Err(("name", "Ensure this value has at most 255 characters."));
    }
    if !POLICIES.iter().any(|(v, _)| *v == policy) {
        return Err(("policy", "Select a valid choice."));
    }
    Ok(NewServerGroup {
        name: name.to_string(),
        policy: policy.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_a_known_policy_are_required() {
        assert_eq!(
            validate_new_server_group("  web  ", "anti-affinity"),
            Ok(NewServerGroup {
                name: "web".into(),
                policy: "anti-affinity".into()
            })
        );
        assert_eq!(
            validate_new_server_group(" ", "affinity"),
            Err(("name", "This field is required."))
        );
        assert_eq!(
            validate_new_server_group(&"x".repeat(256), "affinity")
                .unwrap_err()
                .0,
            "name"
        );
        assert_eq!(
            validate_new_server_group("web", "anti"),
            Err(("policy", "Select a valid choice."))
        );
    }

    #[test]
    fn policies_read_as_horizon_writes_them() {
        assert_eq!(policy_label("soft-anti-affinity"), "Soft Anti Affinity");
        assert_eq!(policy_label("something-new"), "something-new");
    }
}
