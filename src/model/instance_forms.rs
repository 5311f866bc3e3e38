//! The instance actions that ask something first (Resize, Rebuild, Attach Volume...): what
//! each form offers, what it sends, and the checks the server runs before asking the cloud.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::compute::InstanceRow;
use super::Choice;

/// One modal form of the instance row's menu, named as Horizon names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceForm {
    Edit,
    EditSecurityGroups,
    Snapshot,
    Resize,
    Rebuild,
    Rescue,
    AttachInterface,
    DetachInterface,
    AssociateFloatingIp,
    DisassociateFloatingIp,
    AttachVolume,
    DetachVolume,
}

/// States in which Nova lets the instance's ports and volumes change.
const PLUGGABLE: &[&str] = &["ACTIVE", "PAUSED", "SUSPENDED", "SHUTOFF"];

impl InstanceForm {
    pub const ALL: [InstanceForm; 12] = [
        InstanceForm::Snapshot,
        InstanceForm::AssociateFloatingIp,
        InstanceForm::DisassociateFloatingIp,
        InstanceForm::AttachInterface,
        InstanceForm::DetachInterface,
        InstanceForm::Edit,
        InstanceForm::AttachVolume,
        InstanceForm::DetachVolume,
        InstanceForm::EditSecurityGroups,
        InstanceForm::Resize,
        InstanceForm::Rebuild,
        InstanceForm::Rescue,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InstanceForm::Edit => "Edit Instance",
            InstanceForm::EditSecurityGroups => "Edit Security Groups",
            InstanceForm::Snapshot => "Create Snapshot",
            InstanceForm::Resize => "Resize Instance",
            InstanceForm::Rebuild => "Rebuild Instance",
            InstanceForm::Rescue => "Rescue Instance",
            InstanceForm::AttachInterface => "Attach Interface",
            InstanceForm::DetachInterface => "Detach Interface",
            InstanceForm::AssociateFloatingIp => "Associate Floating IP",
            InstanceForm::DisassociateFloatingIp => "Disassociate Floating IP",
            InstanceForm::AttachVolume => "Attach Volume",
            InstanceForm::DetachVolume => "Detach Volume",
        }
    }

    /// Whether the form is worth offering for the instance as the table shows it. Nova has
    /// the last word; its refusal is shown in its own words.
    pub fn allowed_for(self, row: &InstanceRow) -> bool {
        if row.task_state.is_some() {
            return false;
        }
        let s = row.status.as_str();
        let has_fixed = row.addresses.iter().any(|a| !a.floating);
        match self {
            InstanceForm::Edit => s != "DELETED",
            InstanceForm::EditSecurityGroups => has_fixed && s != "ERROR",
            InstanceForm::Snapshot => matches!(s, "ACTIVE" | "SHUTOFF" | "PAUSED" | "SUSPENDED"),
            InstanceForm::Resize => matches!(s, "ACTIVE" | "SHUTOFF"),
            InstanceForm::Rebuild => matches!(s, "ACTIVE" | "SHUTOFF" | "ERROR"),
            InstanceForm::Rescue => matches!(s, "ACTIVE" | "SHUTOFF"),
            InstanceForm::AttachInterface | InstanceForm::AttachVolume => PLUGGABLE.contains(&s),
            InstanceForm::DetachInterface => PLUGGABLE.contains(&s) && !row.addresses.is_empty(),
            InstanceForm::AssociateFloatingIp => PLUGGABLE.contains(&s) && has_fixed,
            InstanceForm::DisassociateFloatingIp => row.addresses.iter().any(|a| a.floating),
            InstanceForm::DetachVolume => {
                PLUGGABLE.contains(&s) && !row.attached_volumes.is_empty()
            }
        }
    }
}

impl InstanceRow {
    pub fn allowed_forms(&self) -> Vec<InstanceForm> {
        InstanceForm::ALL
            .into_iter()
            .filter(|f| f.allowed_for(self))
            .collect()
    }
}

/// What one form offers; only the lists that form needs are filled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub name: String,
    pub description: String,
    /// Flavors to resize to (not the current one), with their sizes in the label.
    pub flavors: Vec<Choice>,
    pub current_flavor: String,
    /// Images to rebuild or rescue with.
    pub images: Vec<Choice>,
    /// The project's security groups, and which of them the instance's ports carry now.
    pub security_groups: Vec<Choice>,
    pub current_security_groups: Vec<String>,
    /// Networks an interface can be attached to.
    pub networks: Vec<Choice>,
    /// The instance's ports, labelled with their addresses.
    pub ports: Vec<Choice>,
    /// Floating IPs free to associate, or (for Disassociate) those on this instance.
    pub floating_ips: Vec<Choice>,
    /// Volumes free to attach, or (for Detach) those attached.
    pub volumes: Vec<Choice>,
}

/// What a form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum InstanceChange {
    Edit {
        name: String,
        description: String,
    },
    EditSecurityGroups {
        ids: Vec<String>,
    },
    Snapshot {
        name: String,
    },
    Resize {
        flavor_id: String,
    },
    Rebuild {
        image_id: String,
    },
    Rescue {
        image_id: String,
    },
    AttachInterface {
        network_id: String,
        fixed_ip: String,
    },
    DetachInterface {
        port_id: String,
    },
    AssociateFloatingIp {
        floating_ip_id: String,
        port_id: String,
    },
    DisassociateFloatingIp {
        floating_ip_id: String,
    },
    AttachVolume {
        volume_id: String,
    },
    DetachVolume {
        volume_id: String,
    },
}

/// Nova's limit on names and descriptions.
pub const MAX_NAME: usize = 255;

fn label_of<'a>(list: &'a [Choice], id: &str) -> Option<&'a str> {
    list.iter().find(|c| c.id == id).map(|c| c.label.as_str())
}

impl InstanceChange {
    pub fn form(&self) -> InstanceForm {
        match self {
            InstanceChange::Edit { .. } => InstanceForm::Edit,
            InstanceChange::EditSecurityGroups { .. } => InstanceForm::EditSecurityGroups,
            InstanceChange::Snapshot { .. } => InstanceForm::Snapshot,
            InstanceChange::Resize { .. } => InstanceForm::Resize,
            InstanceChange::Rebuild { .. } => InstanceForm::Rebuild,
            InstanceChange::Rescue { .. } => InstanceForm::Rescue,
            InstanceChange::AttachInterface { .. } => InstanceForm::AttachInterface,
            InstanceChange::DetachInterface { .. } => InstanceForm::DetachInterface,
            InstanceChange::AssociateFloatingIp { .. } => InstanceForm::AssociateFloatingIp,
            InstanceChange::DisassociateFloatingIp { .. } => InstanceForm::DisassociateFloatingIp,
            InstanceChange::AttachVolume { .. } => InstanceForm::AttachVolume,
            InstanceChange::DetachVolume { .. } => InstanceForm::DetachVolume,
        }
    }

    /// Checks the change against what the cloud offers now. The error names the field
    /// (`id_<field>` on the form) and says what is wrong.
    pub fn validate(&self, o: &FormOptions) -> Result<(), (&'static str, String)> {
        let pick = |field: &'static str, list: &[Choice], id: &str, what: &str| {
            if id.is_empty() {
                Err((field, format!("Select {what}.")))
            } else if label_of(list, id).is_none() {
                Err((
                    field,
                    format!("That {what} is not available for this instance."),
                ))
            } else {
                Ok(())
            }
        };
        let named = |field: &'static str, name: &str, what: &str| {
            let n = name.trim();
            if n.is_empty() {
                Err((field, format!("{what} is required.")))
            } else if n.chars().count() > MAX_NAME {
                Err((
                    field,
                    format!("{what} must be at most {MAX_NAME} characters."),
                ))
            } else {
                Ok(())
            }
        };
        match self {
            InstanceChange::Edit { name, description } => {
                named("name", name, "Name")?;
                if description.chars().count() > MAX_NAME {
                    return Err((
                        "description",
                        format!("Description must be at most {MAX_NAME} characters."),
                    ));
                }
                Ok(())
            }
            InstanceChange::EditSecurityGroups { ids } => {
                match ids
                    .iter()
                    .find(|id| label_of(&o.security_groups, id).is_none())
                {
                    Some(id) => Err((
                        "security_groups",
                        format!("Security group {id} is not in this project."),
                    )),
                    None => Ok(()),
                }
            }
            InstanceChange::Snapshot { name } => named("name", name, "Snapshot Name"),
            InstanceChange::Resize { flavor_id } => {
                if !flavor_id.is_empty() && *flavor_id == o.current_flavor {
                    return Err((
                        "flavor",
                        "The instance already has this flavor: choose another.".into(),
                    ));
                }
                pick("flavor", &o.flavors, flavor_id, "a new flavor")
            }
            InstanceChange::Rebuild { image_id } => pick("image", &o.images, image_id, "an image"),
            // Rescue may use the instance's own image: no image is a valid choice.
            InstanceChange::Rescue { image_id } if image_id.is_empty() => Ok(()),
            InstanceChange::Rescue { image_id } => pick("image", &o.images, image_id, "an image"),
            InstanceChange::AttachInterface {
                network_id,
                fixed_ip,
            } => {
                pick("network", &o.networks, network_id, "a network")?;
                let ip = fixed_ip.trim();
                if !ip.is_empty() && ip.parse::<IpAddr>().is_err() {
                    return Err(("fixed_ip", format!("{ip} is not an IPv4 or IPv6 address.")));
                }
                Ok(())
            }
            InstanceChange::DetachInterface { port_id } => {
                pick("port", &o.ports, port_id, "a port")
            }
            InstanceChange::AssociateFloatingIp {
                floating_ip_id,
                port_id,
            } => {
                pick("ip_id", &o.floating_ips, floating_ip_id, "an IP address")?;
                pick("port_id", &o.ports, port_id, "a port")
            }
            InstanceChange::DisassociateFloatingIp { floating_ip_id } => pick(
                "floating_ip_id",
                &o.floating_ips,
                floating_ip_id,
                "a floating IP",
            ),
            InstanceChange::AttachVolume { volume_id }
            | InstanceChange::DetachVolume { volume_id } => {
                pick("volume", &o.volumes, volume_id, "a volume")
            }
        }
    }

    /// The success message, in Horizon's words.
    pub fn done_message(&self, instance: &str, o: &FormOptions) -> String {
        let label = |list: &[Choice], id: &str| label_of(list, id).unwrap_or(id).to_string();
        match self {
            InstanceChange::Edit { name, .. } => format!("Modified instance \"{}\".", name.trim()),
            InstanceChange::EditSecurityGroups { .. } => {
                format!("Modified security groups of instance \"{instance}\".")
            }
            InstanceChange::Snapshot { name } => format!(
                "Snapshot \"{}\" created for instance \"{instance}\".",
                name.trim()
            ),
            InstanceChange::Resize { .. } => {
                format!("Request for resizing of instance \"{instance}\" has been submitted.")
            }
            InstanceChange::Rebuild { .. } => format!("Rebuilding instance {instance}."),
            InstanceChange::Rescue { .. } => format!("Rescued instance {instance}."),
            InstanceChange::AttachInterface { .. } => {
                format!("Attaching interface for instance {instance}.")
            }
            InstanceChange::DetachInterface { port_id } => format!(
                "Detached interface {} for instance {instance}.",
                label(&o.ports, port_id)
            ),
            InstanceChange::AssociateFloatingIp { floating_ip_id, .. } => format!(
                "IP address {} associated.",
                label(&o.floating_ips, floating_ip_id)
            ),
            InstanceChange::DisassociateFloatingIp { floating_ip_id } => format!(
                "Successfully disassociated Floating IP: {}",
                label(&o.floating_ips, floating_ip_id)
            ),
            InstanceChange::AttachVolume { volume_id } => format!(
                "Attaching volume {} to instance {instance}.",
                label(&o.volumes, volume_id)
            ),
            InstanceChange::DetachVolume { volume_id } => format!(
                "Detaching volume {} from instance {instance}.",
                label(&o.volumes, volume_id)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::compute::{InstanceAddress, PowerState};

    fn choice(id: &str, label: &str) -> Choice {
        Choice {
            id: id.into(),
            label: label.into(),
        }
    }

    fn row(status: &str) -> InstanceRow {
        InstanceRow {
            id: "i".into(),
            name: "vm".into(),
            image_name: None,
            addresses: vec![InstanceAddress {
                network: "private".into(),
                addr: "10.0.0.5".into(),
                floating: false,
            }],
            flavor_name: "m1.tiny".into(),
            key_name: None,
            status: status.into(),
            task_state: None,
            power_state: PowerState::Running,
            availability_zone: "nova".into(),
            created: chrono::Utc::now(),
            locked: false,
            project_id: "p".into(),
            project_name: None,
            host: None,
            attached_volumes: vec![],
        }
    }

    #[test]
    fn forms_follow_the_state() {
        let active = row("ACTIVE").allowed_forms();
        assert!(active.contains(&InstanceForm::Resize));
        assert!(active.contains(&InstanceForm::AssociateFloatingIp));
        assert!(!active.contains(&InstanceForm::DisassociateFloatingIp));
        assert!(!active.contains(&InstanceForm::DetachVolume));
        let mut with_volume = row("ACTIVE");
        with_volume.attached_volumes.push("v".into());
        assert!(with_volume
            .allowed_forms()
            .contains(&InstanceForm::DetachVolume));
        let paused = row("PAUSED").allowed_forms();
        assert!(!paused.contains(&InstanceForm::Resize));
        assert!(paused.contains(&InstanceForm::Snapshot));
        let mut busy = row("ACTIVE");
        busy.task_state = Some("resize_prep".into());
        assert!(busy.allowed_forms().is_empty());
    }

    #[test]
    fn names_are_required_and_bounded() {
        let o = FormOptions::default();
        let long = "x".repeat(MAX_NAME + 1);
        let err = InstanceChange::Snapshot { name: "  ".into() }
            .validate(&o)
            .unwrap_err();
        assert_eq!(err.0, "name");
        let err = InstanceChange::Edit {
            name: long,
            description: String::new(),
        }
        .validate(&o)
        .unwrap_err();
        assert_eq!(err, ("name", "Name must be at most 255 characters.".into()));
        assert!(InstanceChange::Edit {
            name: "web".into(),
            description: "d".into()
        }
        .validate(&o)
        .is_ok());
    }

    #[test]
    fn resize_needs_another_offered_flavor() {
        let o = FormOptions {
            flavors: vec![choice("2", "m1.small")],
            current_flavor: "1".into(),
            ..Default::default()
        };
        let to = |id: &str| {
            InstanceChange::Resize {
                flavor_id: id.into(),
            }
            .validate(&o)
        };
        assert!(to("2").is_ok());
        assert_eq!(to("1").unwrap_err().0, "flavor");
        assert_eq!(to("").unwrap_err().1, "Select a new flavor.");
        assert_eq!(to("99").unwrap_err().0, "flavor");
    }

    #[test]
    fn fixed_ip_must_be_an_address() {
        let o = FormOptions {
            networks: vec![choice("n", "private")],
            ..Default::default()
        };
        let attach = |ip: &str| {
            InstanceChange::AttachInterface {
                network_id: "n".into(),
                fixed_ip: ip.into(),
            }
            .validate(&o)
        };
        assert!(attach("").is_ok());
        assert!(attach("10.0.0.9").is_ok());
        assert!(attach("fd00::9").is_ok());
        assert_eq!(
            attach("10.0.0.300").unwrap_err(),
            (
                "fixed_ip",
                "10.0.0.300 is not an IPv4 or IPv6 address.".into()
            )
        );
    }

    #[test]
    fn only_offered_objects_are_accepted() {
        let o = FormOptions {
            security_groups: vec![choice("sg1", "default")],
            floating_ips: vec![choice("f1", "172.24.4.10")],
            ports: vec![choice("p1", "10.0.0.5")],
            ..Default::default()
        };
        assert!(InstanceChange::EditSecurityGroups { ids: vec![] }
            .validate(&o)
            .is_ok());
        assert_eq!(
            InstanceChange::EditSecurityGroups {
                ids: vec!["other".into()]
            }
            .validate(&o)
            .unwrap_err()
            .0,
            "security_groups"
        );
        let assoc = InstanceChange::AssociateFloatingIp {
            floating_ip_id: "f1".into(),
            port_id: "p1".into(),
        };
        assert!(assoc.validate(&o).is_ok());
        assert_eq!(
            assoc.done_message("vm", &o),
            "IP address 172.24.4.10 associated."
        );
        assert_eq!(
            InstanceChange::AssociateFloatingIp {
                floating_ip_id: "f2".into(),
                port_id: "p1".into()
            }
            .validate(&o)
            .unwrap_err()
            .0,
            "ip_id"
        );
    }
}
