use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One address of an instance, as the Instances table shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceAddress {
    pub network: String,
    pub addr: String,
    pub floating: bool,
}

/// A row of Project › Instances (and Admin › Instances).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceRow {
    pub id: String,
    pub name: String,
    /// The image's name; `None` when booted from a volume, the id when the image is gone.
    pub image_name: Option<String>,
    pub addresses: Vec<InstanceAddress>,
    pub flavor_name: String,
    pub key_name: Option<String>,
    /// Nova's status (ACTIVE, BUILD, SHUTOFF, ERROR...).
    pub status: String,
    pub task_state: Option<String>,
    pub power_state: PowerState,
    pub availability_zone: String,
    pub created: DateTime<Utc>,
    pub locked: bool,
    pub project_id: String,
    /// The project's name (Admin › Instances only).
    pub project_name: Option<String>,
    /// The compute host: only admins see it.
    pub host: Option<String>,
    /// Ids of the volumes attached (offers "Detach Volume" only when there is one).
    #[serde(default)]
    pub attached_volumes: Vec<String>,
}

impl InstanceRow {
    /// A state that will change by itself soon: the page keeps refreshing while any row is in one.
    pub fn in_transition(&self) -> bool {
        self.task_state.is_some()
            || matches!(
                self.status.as_str(),
                "BUILD"
                    | "REBOOT"
                    | "HARD_REBOOT"
                    | "RESIZE"
                    | "REVERT_RESIZE"
                    | "MIGRATING"
                    | "REBUILD"
                    | "PASSWORD"
            )
    }

    /// Horizon's wording of Nova's status.
    pub fn status_label(&self) -> String {
        match self.status.as_str() {
            "ACTIVE" => "Active".into(),
            "BUILD" => "Build".into(),
            "SHUTOFF" => "Shutoff".into(),
            "PAUSED" => "Paused".into(),
            "SUSPENDED" => "Suspended".into(),
            "SHELVED" | "SHELVED_OFFLOADED" => "Shelved Offloaded".into(),
            "ERROR" => "Error".into(),
            "REBOOT" => "Reboot".into(),
            "HARD_REBOOT" => "Hard Reboot".into(),
            "RESIZE" => "Resize/Migrate".into(),
            "VERIFY_RESIZE" => "Confirm or Revert Resize/Migrate".into(),
            "RESCUE" => "Rescue".into(),
            "DELETED" => "Deleted".into(),
            other => {
                let mut s = other.to_lowercase().replace('_', " ");
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                s
            }
        }
    }

    /// "2 hours, 5 minutes" since creation, Horizon's "Age" column.
    pub fn age(&self, now: DateTime<Utc>) -> String {
        age_words(now - self.created)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PowerState {
    NoState,
    Running,
    Paused,
    Shutdown,
    Crashed,
    Suspended,
}

impl PowerState {
    /// Nova's numeric power state.
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => PowerState::Running,
            3 => PowerState::Paused,
            4 => PowerState::Shutdown,
            6 => PowerState::Crashed,
            7 => PowerState::Suspended,
            _ => PowerState::NoState,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PowerState::NoState => "No State",
            PowerState::Running => "Running",
            PowerState::Paused => "Paused",
            PowerState::Shutdown => "Shut Down",
            PowerState::Crashed => "Crashed",
            PowerState::Suspended => "Suspended",
        }
    }
}

/// One page of instances, with the markers for the pages around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstancePage {
    pub rows: Vec<InstanceRow>,
    /// Marker for `Next »` (the last row's id) when there are more rows.
    pub next_marker: Option<String>,
    /// Marker for `« Prev` (the first row's id) when this is not the first page.
    pub prev_marker: Option<String>,
}

pub fn age_words(d: chrono::Duration) -> String {
    let mins = d.num_minutes().max(0);
    let (days, hours, minutes) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    if days > 0 {
        if hours > 0 {
            format!("{}, {}", plural(days, "day"), plural(hours, "hour"))
        } else {
            plural(days, "day")
        }
    } else if hours > 0 {
        if minutes > 0 {
            format!("{}, {}", plural(hours, "hour"), plural(minutes, "minute"))
        } else {
            plural(hours, "hour")
        }
    } else {
        plural(minutes, "minute")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn ages_read_like_horizon() {
        assert_eq!(age_words(Duration::seconds(30)), "0 minutes");
        assert_eq!(age_words(Duration::minutes(1)), "1 minute");
        assert_eq!(age_words(Duration::minutes(125)), "2 hours, 5 minutes");
        assert_eq!(age_words(Duration::hours(24)), "1 day");
        assert_eq!(age_words(Duration::hours(50)), "2 days, 2 hours");
    }

    #[test]
    fn power_states() {
        assert_eq!(PowerState::from_code(1).label(), "Running");
        assert_eq!(PowerState::from_code(4).label(), "Shut Down");
        assert_eq!(PowerState::from_code(0).label(), "No State");
    }
}

/// The everyday actions on an instance, named as Horizon names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceAction {
    Start,
    ShutOff,
    SoftReboot,
    HardReboot,
    Pause,
    Unpause,
    Suspend,
    Resume,
    Shelve,
    Unshelve,
    Lock,
    Unlock,
    ConfirmResize,
    RevertResize,
    Unrescue,
}

impl InstanceAction {
    pub const ALL: [InstanceAction; 15] = [
        InstanceAction::ConfirmResize,
        InstanceAction::RevertResize,
        InstanceAction::Unrescue,
        InstanceAction::Start,
        InstanceAction::ShutOff,
        InstanceAction::SoftReboot,
        InstanceAction::HardReboot,
        InstanceAction::Pause,
        InstanceAction::Unpause,
        InstanceAction::Suspend,
        InstanceAction::Resume,
        InstanceAction::Shelve,
        InstanceAction::Unshelve,
        InstanceAction::Lock,
        InstanceAction::Unlock,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InstanceAction::Start => "Start Instance",
            InstanceAction::ShutOff => "Shut Off Instance",
            InstanceAction::SoftReboot => "Soft Reboot Instance",
            InstanceAction::HardReboot => "Hard Reboot Instance",
            InstanceAction::Pause => "Pause Instance",
            InstanceAction::Unpause => "Resume Instance",
            InstanceAction::Suspend => "Suspend Instance",
            InstanceAction::Resume => "Resume Instance",
            InstanceAction::Shelve => "Shelve Instance",
            InstanceAction::Unshelve => "Unshelve Instance",
            InstanceAction::Lock => "Lock Instance",
            InstanceAction::Unlock => "Unlock Instance",
            InstanceAction::ConfirmResize => "Confirm Resize/Migrate",
            InstanceAction::RevertResize => "Revert Resize/Migrate",
            InstanceAction::Unrescue => "Unrescue Instance",
        }
    }

    /// The past tense for the success message ("Shut off Instance: vm1").
    pub fn done(self) -> &'static str {
        match self {
            InstanceAction::Start => "Started",
            InstanceAction::ShutOff => "Shut off",
            InstanceAction::SoftReboot => "Soft rebooted",
            InstanceAction::HardReboot => "Hard rebooted",
            InstanceAction::Pause => "Paused",
            InstanceAction::Unpause | InstanceAction::Resume => "Resumed",
            InstanceAction::Suspend => "Suspended",
            InstanceAction::Shelve => "Shelved",
            InstanceAction::Unshelve => "Unshelved",
            InstanceAction::Lock => "Locked",
            InstanceAction::Unlock => "Unlocked",
            InstanceAction::ConfirmResize => "Confirmed Resize/Migration of",
            InstanceAction::RevertResize => "Reverted Resize/Migration of",
            InstanceAction::Unrescue => "Unrescued",
        }
    }

    /// Actions that interrupt what runs on the instance are confirmed first.
    pub fn needs_confirmation(self) -> bool {
        matches!(
            self,
            InstanceAction::ShutOff
                | InstanceAction::SoftReboot
                | InstanceAction::HardReboot
                | InstanceAction::Shelve
                | InstanceAction::RevertResize
        )
    }

    /// Whether Nova accepts this action in the instance's present state. Nothing is offered
    /// while a task runs; lock and unlock depend only on the lock.
    pub fn allowed_for(self, row: &InstanceRow) -> bool {
        if row.task_state.is_some() {
            return false;
        }
        let s = row.status.as_str();
        match self {
            InstanceAction::Lock => !row.locked,
            InstanceAction::Unlock => row.locked,
            InstanceAction::Start => s == "SHUTOFF",
            InstanceAction::ShutOff => matches!(s, "ACTIVE" | "ERROR"),
            InstanceAction::SoftReboot => s == "ACTIVE",
            InstanceAction::HardReboot => {
                matches!(s, "ACTIVE" | "SHUTOFF" | "PAUSED" | "SUSPENDED" | "ERROR")
            }
            InstanceAction::Pause | InstanceAction::Suspend => s == "ACTIVE",
            InstanceAction::Unpause => s == "PAUSED",
            InstanceAction::Resume => s == "SUSPENDED",
            InstanceAction::Shelve => matches!(s, "ACTIVE" | "SHUTOFF" | "PAUSED" | "SUSPENDED"),
            InstanceAction::Unshelve => matches!(s, "SHELVED" | "SHELVED_OFFLOADED"),
            InstanceAction::ConfirmResize | InstanceAction::RevertResize => s == "VERIFY_RESIZE",
            InstanceAction::Unrescue => s == "RESCUE",
        }
    }
}

impl InstanceRow {
    pub fn allowed_actions(&self) -> Vec<InstanceAction> {
        InstanceAction::ALL
            .into_iter()
            .filter(|a| a.allowed_for(self))
            .collect()
    }
}

#[cfg(test)]
mod action_tests {
    use super::*;

    fn row(status: &str, task: Option<&str>, locked: bool) -> InstanceRow {
        InstanceRow {
            id: "i".into(),
            name: "vm".into(),
            image_name: None,
            addresses: vec![],
            flavor_name: "m1.tiny".into(),
            key_name: None,
            status: status.into(),
            task_state: task.map(str::to_string),
            power_state: PowerState::Running,
            availability_zone: "nova".into(),
            created: Utc::now(),
            locked,
            project_id: "p".into(),
            project_name: None,
            host: None,
            attached_volumes: vec![],
        }
    }

    #[test]
    fn resize_waits_for_confirmation() {
        let a = row("VERIFY_RESIZE", None, false).allowed_actions();
        assert!(a.contains(&InstanceAction::ConfirmResize));
        assert!(a.contains(&InstanceAction::RevertResize));
        assert!(!a.contains(&InstanceAction::Start));
        assert!(!row("ACTIVE", None, false)
            .allowed_actions()
            .contains(&InstanceAction::ConfirmResize));
    }

    #[test]
    fn active_instance_offers_stop_not_start() {
        let a = row("ACTIVE", None, false).allowed_actions();
        assert!(a.contains(&InstanceAction::ShutOff));
        assert!(a.contains(&InstanceAction::SoftReboot));
        assert!(a.contains(&InstanceAction::Lock));
        assert!(!a.contains(&InstanceAction::Start));
        assert!(!a.contains(&InstanceAction::Unlock));
    }

    #[test]
    fn shutoff_offers_start() {
        let a = row("SHUTOFF", None, true).allowed_actions();
        assert!(a.contains(&InstanceAction::Start));
        assert!(a.contains(&InstanceAction::Unlock));
        assert!(!a.contains(&InstanceAction::SoftReboot));
    }

    #[test]
    fn nothing_while_a_task_runs() {
        assert!(row("ACTIVE", Some("rebooting"), false)
            .allowed_actions()
            .is_empty());
    }

    #[test]
    fn paused_and_suspended_resume() {
        assert!(row("PAUSED", None, false)
            .allowed_actions()
            .contains(&InstanceAction::Unpause));
        assert!(row("SUSPENDED", None, false)
            .allowed_actions()
            .contains(&InstanceAction::Resume));
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterfaceRow {
    pub id: String,
    pub name: String,
    pub network_id: String,
    pub mac_address: String,
    pub fixed_ips: Vec<String>,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLogRow {
    pub request_id: String,
    pub action: String,
    pub start_time: String,
    pub user_id: String,
    pub message: String,
}

/// Everything the instance detail page shows; each tab's part fails on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceDetail {
    pub row: InstanceRow,
    /// `row.created` in the user's time zone.
    pub created_shown: String,
    pub description: Option<String>,
    pub metadata: Vec<(String, String)>,
    pub security_groups: Vec<String>,
    /// The rules of the groups on the instance's ports (empty when Neutron did not say).
    pub security_group_rules: Vec<crate::model::security_group::GroupRules>,
    pub volumes: Vec<String>,
    pub interfaces: Result<Vec<InterfaceRow>, String>,
    pub log: Result<String, String>,
    pub actions: Result<Vec<ActionLogRow>, String>,
}
