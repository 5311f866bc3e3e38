//! Cinder volumes and snapshots as the Volumes and Snapshots panels show them, and the
//! checks on their forms.

use serde::{Deserialize, Serialize};

use super::Choice;

/// Statuses in which Cinder is still working: the tables refresh themselves.
pub fn in_transition(status: &str) -> bool {
    matches!(
        status,
        "creating"
            | "attaching"
            | "detaching"
            | "extending"
            | "deleting"
            | "downloading"
            | "uploading"
            | "retyping"
            | "backing-up"
            | "restoring-backup"
            | "reserved"
            | "maintenance"
            | "awaiting-transfer"
    )
}

/// Cinder's status in Horizon's words (`in-use` → `In-use`).
pub fn status_label(status: &str) -> String {
    let mut c = status.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Where a volume is attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedTo {
    pub server_id: String,
    pub server_name: String,
    pub device: String,
}

/// One row of the Volumes table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub size_gb: i64,
    pub status: String,
    pub volume_type: String,
    pub attachments: Vec<AttachedTo>,
    pub availability_zone: String,
    pub bootable: bool,
    pub encrypted: bool,
    /// The owner's name (Admin › Volumes).
    pub project: Option<String>,
}

/// Everything the Volumes panel shows and its dialogs offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct VolumesPage {
    pub rows: Vec<VolumeRow>,
    /// The project's instances a volume can be attached to.
    pub instances: Vec<Choice>,
    /// Sources for Create Volume: active images, available snapshots and volumes.
    pub images: Vec<Choice>,
    pub snapshots: Vec<Choice>,
    pub volumes: Vec<Choice>,
    pub types: Vec<String>,
    pub zones: Vec<String>,
}

/// One row of the Snapshots table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub size_gb: i64,
    pub status: String,
    pub volume_id: String,
    pub volume_name: String,
    pub project: Option<String>,
}

/// A size in GB as typed: a whole number, 1 or more.
pub fn parse_size(text: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err("Enter a whole number of GB, 1 or more.".into()),
    }
}

/// Extend Volume's new size: larger than now, as Cinder requires.
pub fn check_extend(current_gb: i64, text: &str) -> Result<i64, String> {
    let new = parse_size(text)?;
    if new <= current_gb {
        return Err(format!(
            "New size must be greater than current size ({current_gb} GB)."
        ));
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extend_only_grows() {
        assert_eq!(check_extend(1, "2"), Ok(2));
        assert_eq!(
            check_extend(2, "1").unwrap_err(),
            "New size must be greater than current size (2 GB)."
        );
        assert!(check_extend(2, "2").is_err());
        assert!(check_extend(2, "x").is_err());
        assert!(parse_size("0").is_err());
    }

    #[test]
    fn statuses() {
        assert!(in_transition("attaching") && in_transition("extending"));
        assert!(!in_transition("available") && !in_transition("in-use"));
        assert_eq!(status_label("in-use"), "In-use");
    }
}
