use serde::{Deserialize, Serialize};

/// A project the user may scope to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    pub id: String,
    pub name: String,
}

/// What the browser may know about the logged-in user: no token, no catalog URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInfo {
    pub user_id: String,
    pub user_name: String,
    pub domain_name: String,
    pub project: ProjectRef,
    /// Every enabled project the user has a role in, for the project switcher.
    pub projects: Vec<ProjectRef>,
    /// Role names in the current project.
    pub roles: Vec<String>,
    pub region: Option<String>,
}

impl UserInfo {
    /// May this user do `action`? (See `model::policy`, the one place that decides.)
    pub fn may(&self, action: super::policy::Action) -> bool {
        super::policy::may(&self.roles, action)
    }

    /// The Admin and Identity dashboards are for the cloud's `admin` role.
    pub fn is_admin(&self) -> bool {
        self.may(super::policy::Action::ViewCloud)
    }

    /// A `reader` (and nothing more) is offered no mutating action.
    pub fn is_read_only(&self) -> bool {
        !self.may(super::policy::Action::ChangeProject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[&str]) -> UserInfo {
        UserInfo {
            user_id: "u".into(),
            user_name: "n".into(),
            domain_name: "Default".into(),
            project: ProjectRef {
                id: "p".into(),
                name: "demo".into(),
            },
            projects: vec![],
            roles: roles.iter().map(|r| r.to_string()).collect(),
            region: None,
        }
    }

    #[test]
    fn admin_role_opens_admin_dashboards() {
        assert!(user(&["admin", "member", "reader"]).is_admin());
        assert!(!user(&["member", "reader"]).is_admin());
    }

    #[test]
    fn reader_alone_is_read_only() {
        assert!(user(&["reader"]).is_read_only());
        assert!(!user(&["member", "reader"]).is_read_only());
        assert!(!user(&["admin"]).is_read_only());
    }
}
