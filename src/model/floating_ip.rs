//! Floating IPs as the pages show them.

use serde::{Deserialize, Serialize};

use super::Choice;
use super::ProjectRef;

/// One row of the Floating IPs table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloatingIpRow {
    pub id: String,
    /// The address itself (the row's display name).
    pub ip: String,
    pub description: String,
    /// What it points at, when associated.
    pub mapped: Option<Mapping>,
    /// The external network's name (its id when it has none).
    pub pool: String,
    /// Neutron's status: `ACTIVE`, `DOWN` or `ERROR`.
    pub status: String,
    /// The owning project's name (Admin › Floating IPs only).
    pub project: Option<String>,
}

/// The port a floating IP is associated with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub fixed_ip: String,
    /// The instance owning the port, when the port is an instance's: (id, name).
    pub instance: Option<(String, String)>,
}

impl Mapping {
    /// As Horizon's Mapped Fixed IP Address column words it: `<instance> <fixed ip>`.
    pub fn label(&self) -> String {
        match &self.instance {
            Some((_, name)) => format!("{name} {}", self.fixed_ip),
            None => self.fixed_ip.clone(),
        }
    }
}

/// Everything the Floating IPs panel shows and offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloatingIpsPage {
    pub rows: Vec<FloatingIpRow>,
    /// The external networks to allocate from.
    pub pools: Vec<Choice>,
    /// Ports an unassociated floating IP can be pointed at (project page only), labelled
    /// `<instance>: <fixed ip>`.
    pub targets: Vec<Choice>,
    /// Floating IPs the project may still allocate (`None`: no limit, or not known).
    pub quota_left: Option<i64>,
    /// The projects to allocate for (admin page only).
    pub projects: Vec<ProjectRef>,
}

/// How many more floating IPs a quota of `limit` (`-1`: unlimited) allows with `used` taken.
pub fn quota_left(limit: i64, used: i64) -> Option<i64> {
    (limit >= 0).then(|| (limit - used).max(0))
}

/// An instance port as an Associate choice: `<instance name>: <fixed ip>`.
pub fn target_label(instance_name: &str, fixed_ip: &str) -> String {
    format!("{instance_name}: {fixed_ip}")
}

/// Horizon's longest description (Neutron's own limit).
pub const DESCRIPTION_MAX: usize = 255;

/// A description Neutron would accept, or the message for the field.
pub fn validate_description(text: &str) -> Result<(), String> {
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(format!(
            "Ensure this value has at most {DESCRIPTION_MAX} characters (it has {}).",
            text.chars().count()
        ));
    }
    Ok(())
}

/// Horizon's batch words: `Released Floating IP` for one, `Released Floating IPs` for more.
pub fn released_label(count: usize) -> &'static str {
    if count == 1 {
        "Released Floating IP"
    } else {
        "Released Floating IPs"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_left_counts_down_and_knows_unlimited() {
        assert_eq!(quota_left(50, 3), Some(47));
        assert_eq!(quota_left(2, 2), Some(0));
        assert_eq!(quota_left(1, 3), Some(0));
        assert_eq!(quota_left(-1, 3), None);
    }

    #[test]
    fn mapping_is_worded_as_horizon_does() {
        let m = Mapping {
            fixed_ip: "10.0.0.5".into(),
            instance: Some(("i1".into(), "web".into())),
        };
        assert_eq!(m.label(), "web 10.0.0.5");
        let bare = Mapping {
            fixed_ip: "10.0.0.6".into(),
            instance: None,
        };
        assert_eq!(bare.label(), "10.0.0.6");
        assert_eq!(target_label("web", "10.0.0.5"), "web: 10.0.0.5");
    }

    #[test]
    fn description_is_limited_to_255_characters() {
        assert!(validate_description("").is_ok());
        assert!(validate_description(&"é".repeat(255)).is_ok());
        assert!(validate_description(&"x".repeat(256)).is_err());
    }

    #[test]
    fn release_wording_follows_the_count() {
        assert_eq!(released_label(1), "Released Floating IP");
        assert_eq!(released_label(2), "Released Floating IPs");
    }
}
