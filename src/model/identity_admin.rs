//! The Identity dashboard's data (Identity › Projects, Users): rows, forms and their checks.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Something picked by id and shown by name (a role, a user, a project in a select).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub domain_name: String,
    pub enabled: bool,
}

/// Identity › Projects: an admin sees every project and may change them; anyone else sees
/// the projects they are a member of, read-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectsPage {
    pub rows: Vec<ProjectRow>,
    pub can_manage: bool,
    pub current_project_id: String,
    /// The projects the user has a role in: only those can be made the active project.
    pub member_of: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub email: String,
    pub enabled: bool,
    pub domain_name: String,
    pub default_project_id: String,
}

/// Identity › Users, with what the Create and Edit forms offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPage {
    pub rows: Vec<UserRow>,
    pub projects: Vec<Named>,
    pub roles: Vec<Named>,
    /// The logged-in user, who may not disable or delete themselves.
    pub self_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A user as the group members tables show one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupUser {
    pub id: String,
    pub name: String,
    pub email: String,
    pub enabled: bool,
}

/// Identity › Groups › Manage Members: the group, its users, and everyone else (whom Add
/// Users offers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMembersPage {
    pub group: GroupRow,
    pub members: Vec<GroupUser>,
    pub non_members: Vec<GroupUser>,
}

/// Create and Edit Group: a required name of at most 64 characters.
pub fn checked_group_name(name: &str) -> Result<String, (&'static str, String)> {
    required_name(name)
}

/// Who has which role in a project: `assigned` holds `member_key(holder, role)` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersGrid {
    /// Whoever can be given a role here: users (Manage Members) or groups (Modify Groups).
    pub holders: Vec<Named>,
    pub roles: Vec<Named>,
    pub assigned: Vec<String>,
}

/// The form key of one (user, role) checkbox in a members grid. It starts with a letter:
/// the form decoder reads a bracketed key that starts with a digit (Keystone's hex ids
/// often do) as a list index, and refuses the form.
pub fn member_key(user_id: &str, role_id: &str) -> String {
    format!("u{user_id}:{role_id}")
}

/// The (user, role) pairs ticked in a members grid's form (`members[<user>:<role>]=on`).
pub fn ticked_members(form: &BTreeMap<String, String>) -> Vec<(String, String)> {
    form.iter()
        .filter(|(_, v)| !v.is_empty())
        .filter_map(|(k, _)| k.strip_prefix('u')?.split_once(':'))
        .filter(|(u, r)| !u.is_empty() && !r.is_empty())
        .map(|(u, r)| (u.to_string(), r.to_string()))
        .collect()
}

/// Which service a quota belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuotaService {
    Compute,
    Network,
    Volume,
}

impl QuotaService {
    pub fn label(self) -> &'static str {
        match self {
            QuotaService::Compute => "Compute",
            QuotaService::Network => "Network",
            QuotaService::Volume => "Volume",
        }
    }
}

/// The quotas the project forms set, with Horizon's labels. The key is the service's own
/// name for it (and the field's id is `id_<key>`).
pub const QUOTA_FIELDS: &[(QuotaService, &str, &str)] = &[
    (QuotaService::Compute, "instances", "Instances"),
    (QuotaService::Compute, "cores", "vCPUs"),
    (QuotaService::Compute, "ram", "RAM (MB)"),
    (QuotaService::Compute, "metadata_items", "Metadata Items"),
    (QuotaService::Compute, "key_pairs", "Key Pairs"),
    (QuotaService::Compute, "server_groups", "Server Groups"),
    (
        QuotaService::Compute,
        "server_group_members",
        "Server Group Members",
    ),
    (QuotaService::Volume, "volumes", "Volumes"),
    (QuotaService::Volume, "snapshots", "Volume Snapshots"),
    (
        QuotaService::Volume,
        "gigabytes",
        "Total Size of Volumes and Snapshots (GiB)",
    ),
    (QuotaService::Network, "network", "Networks"),
    (QuotaService::Network, "subnet", "Subnets"),
    (QuotaService::Network, "port", "Ports"),
    (QuotaService::Network, "router", "Routers"),
    (QuotaService::Network, "floatingip", "Floating IPs"),
    (QuotaService::Network, "security_group", "Security Groups"),
    (
        QuotaService::Network,
        "security_group_rule",
        "Security Group Rules",
    ),
];

/// Quota values by key (a service that could not be asked has no keys here).
pub type QuotaValues = BTreeMap<String, i64>;

/// One quota to set: its service, its key, its value.
pub type QuotaSetting = (QuotaService, &'static str, i64);

/// Checks the quota fields of a form: whole numbers, -1 (unlimited) or more. Blank fields
/// are left out (the service keeps its value). The error names the field.
pub fn parse_quotas(
    form: &BTreeMap<String, String>,
) -> Result<Vec<QuotaSetting>, (&'static str, String)> {
    let mut out = vec![];
    for (service, key, _) in QUOTA_FIELDS {
        let Some(text) = form.get(*key).map(|t| t.trim()).filter(|t| !t.is_empty()) else {
            continue;
        };
        match text.parse::<i64>() {
            Ok(n) if n >= -1 => out.push((*service, *key, n)),
            Ok(_) => {
                return Err((
                    key,
                    "Ensure this value is greater than or equal to -1.".into(),
                ))
            }
            Err(_) => return Err((key, "Enter a whole number.".into())),
        }
    }
    Ok(out)
}

/// Project Information (Create and Edit Project).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    pub enabled: Option<String>,
}

impl ProjectForm {
    /// The trimmed name, or the field's error.
    pub fn checked_name(&self) -> Result<String, (&'static str, String)> {
        required_name(&self.name)
    }
}

fn required_name(name: &str) -> Result<String, (&'static str, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(("name", "This field is required.".into()));
    }
    if name.chars().count() > 64 {
        return Err((
            "name",
            "Ensure this value has at most 64 characters.".into(),
        ));
    }
    Ok(name.to_string())
}

/// Create User.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub confirm_password: String,
    /// Primary project (may be empty: no project, no role).
    #[serde(default)]
    pub project: String,
    #[serde(default)]
    pub role_id: String,
    #[serde(default)]
    pub enabled: Option<String>,
}

impl UserForm {
    pub fn check(&self) -> Result<String, (&'static str, String)> {
        let name = required_name(&self.name)?;
        check_email(&self.email)?;
        check_passwords(&self.password, &self.confirm_password)?;
        if !self.project.is_empty() && self.role_id.is_empty() {
            return Err(("role_id", "This field is required.".into()));
        }
        Ok(name)
    }
}

/// Edit User.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEditForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub project: String,
}

impl UserEditForm {
    pub fn check(&self) -> Result<String, (&'static str, String)> {
        let name = required_name(&self.name)?;
        check_email(&self.email)?;
        Ok(name)
    }
}

fn check_email(email: &str) -> Result<(), (&'static str, String)> {
    let email = email.trim();
    let valid = email.is_empty()
        || email
            .split_once('@')
            .is_some_and(|(local, host)| !local.is_empty() && host.contains('.'));
    if valid {
        Ok(())
    } else {
        Err(("email", "Enter a valid email address.".into()))
    }
}

/// A new password and its confirmation (Horizon's words).
pub fn check_passwords(password: &str, confirm: &str) -> Result<(), (&'static str, String)> {
    if password.is_empty() {
        return Err(("password", "This field is required.".into()));
    }
    if password != confirm {
        return Err(("confirm_password", "Passwords do not match.".into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn quotas_parse_by_service_and_refuse_bad_numbers() {
        let q = parse_quotas(&form(&[
            ("instances", "7"),
            ("network", " 4 "),
            ("volumes", "-1"),
            ("cores", ""),
            ("unknown", "3"),
        ]))
        .unwrap();
        assert_eq!(
            q,
            vec![
                (QuotaService::Compute, "instances", 7),
                (QuotaService::Volume, "volumes", -1),
                (QuotaService::Network, "network", 4),
            ]
        );
        assert_eq!(parse_quotas(&form(&[("ram", "-2")])).unwrap_err().0, "ram");
        assert_eq!(
            parse_quotas(&form(&[("port", "ten")])).unwrap_err().1,
            "Enter a whole number."
        );
    }

    #[test]
    fn members_grid_reads_ticked_pairs() {
        let (k1, k2) = (member_key("u1", "r1"), member_key("u2", "r2"));
        let ticked = ticked_members(&form(&[
            (k1.as_str(), "on"),
            (k2.as_str(), ""),
            ("bad", "on"),
        ]));
        assert_eq!(ticked, vec![("u1".to_string(), "r1".to_string())]);
        assert_eq!(member_key("0a1", "r1"), "u0a1:r1");
    }

    #[test]
    fn user_form_refuses_mismatch_and_empty_name() {
        let mut f = UserForm {
            name: "e2e".into(),
            password: "a".into(),
            confirm_password: "b".into(),
            ..Default::default()
        };
        assert_eq!(f.check().unwrap_err().0, "confirm_password");
        f.confirm_password = "a".into();
        assert_eq!(f.check().unwrap(), "e2e");
        f.name = "  ".into();
        assert_eq!(f.check().unwrap_err().0, "name");
        f.name = "x".into();
        f.email = "nope".into();
        assert_eq!(f.check().unwrap_err().0, "email");
        f.email = "x@example.org".into();
        f.project = "p".into();
        assert_eq!(f.check().unwrap_err().0, "role_id");
    }

    #[test]
    fn project_name_is_required() {
        let f = ProjectForm::default();
        assert_eq!(f.checked_name().unwrap_err().0, "name");
    }
}
