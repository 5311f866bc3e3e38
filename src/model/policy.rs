//! What each role may do: the one place Meridian decides it. Pages ask it which controls to
//! show; server functions ask it before they call the cloud, so a forged call from a role
//! that may not make it stops in Meridian. The cloud's own policy still has the last word:
//! this only keeps Meridian from offering (or sending) what the role cannot do.
//!
//! Keystone's default roles imply each other (`admin` → `member` → `reader`), so a user's
//! standing is the highest of them it holds in the current project.

use serde::{Deserialize, Serialize};

/// Keystone's default roles, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Sees the project; changes nothing.
    Reader,
    /// Works in the project: creates, changes and deletes its resources.
    Member,
    /// Runs the cloud: every project, and the Admin and Identity dashboards.
    Admin,
}

impl Role {
    /// The highest default role among a token's role names. Unknown roles count as reader:
    /// Meridian offers nothing it cannot vouch for.
    pub fn of(roles: &[String]) -> Role {
        let has = |name: &str| roles.iter().any(|r| r.eq_ignore_ascii_case(name));
        if has("admin") {
            Role::Admin
        } else if has("member") || has("_member_") {
            Role::Member
        } else {
            Role::Reader
        }
    }
}

/// What a page or a server function is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Read the current project's resources.
    ViewProject,
    /// Create, change or delete the current project's resources (instances, networks,
    /// images, volumes...), or act on them (console, attach, associate).
    ChangeProject,
    /// Read every project's resources and the cloud's own (the Admin dashboard).
    ViewCloud,
    /// Change cloud-wide things: flavors, provider networks, volume types, default quotas.
    ChangeCloud,
    /// Projects, users, groups, roles and their assignments (the Identity dashboard).
    ManageIdentity,
    /// The user's own password, settings and application credentials.
    ManageOwnAccount,
}

impl Action {
    /// The lowest role that may do it.
    pub fn needs(self) -> Role {
        match self {
            Action::ViewProject | Action::ManageOwnAccount => Role::Reader,
            Action::ChangeProject => Role::Member,
            Action::ViewCloud | Action::ChangeCloud | Action::ManageIdentity => Role::Admin,
        }
    }

    /// Why it was refused, in words for the page.
    pub fn refusal(self) -> &'static str {
        match self {
            Action::ViewProject | Action::ManageOwnAccount => {
                "You are not authorized to view this project."
            }
            Action::ChangeProject => {
                "You are not authorized to do this: your role in this project is read-only."
            }
            Action::ViewCloud | Action::ChangeCloud | Action::ManageIdentity => {
                "You are not authorized to access this page."
            }
        }
    }
}

/// What opening a dashboard page needs: the Admin dashboard and the Identity dashboard's
/// users, groups and roles are the cloud's; the rest (Project, Identity's own projects and
/// application credentials, Settings) every user's.
pub fn page_needs(path: &str) -> Action {
    const IDENTITY_ADMIN: &[&str] = &["/identity/users/", "/identity/groups/", "/identity/roles/"];
    if path == "/admin/" || path.starts_with("/admin/") {
        Action::ViewCloud
    } else if IDENTITY_ADMIN.iter().any(|p| path.starts_with(p)) {
        Action::ManageIdentity
    } else {
        Action::ViewProject
    }
}

/// May a user holding `roles` in the current project do `action`?
pub fn may(roles: &[String], action: Action) -> bool {
    Role::of(roles) >= action.needs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(names: &[&str]) -> Vec<String> {
        names.iter().map(|r| r.to_string()).collect()
    }

    /// The whole policy as a table: role names in the token × action → allowed.
    #[test]
    fn role_by_action() {
        use Action::*;
        let actions = [
            ViewProject,
            ChangeProject,
            ViewCloud,
            ChangeCloud,
            ManageIdentity,
        ];
        let table: &[(&[&str], [bool; 5])] = &[
            (&["reader"], [true, false, false, false, false]),
            (&["member", "reader"], [true, true, false, false, false]),
            (&["_member_"], [true, true, false, false, false]),
            (
                &["admin", "member", "reader"],
                [true, true, true, true, true],
            ),
            (&["admin"], [true, true, true, true, true]),
            // A role Meridian does not know gives no more than reading.
            (
                &["load-balancer_observer"],
                [true, false, false, false, false],
            ),
            (&[], [true, false, false, false, false]),
        ];
        for (names, expected) in table {
            for (action, want) in actions.iter().zip(expected) {
                assert_eq!(may(&roles(names), *action), *want, "{names:?} × {action:?}");
            }
        }
    }

    #[test]
    fn pages_by_dashboard() {
        assert_eq!(page_needs("/admin/"), Action::ViewCloud);
        assert_eq!(page_needs("/admin/volume_types/"), Action::ViewCloud);
        assert_eq!(page_needs("/identity/users/"), Action::ManageIdentity);
        assert_eq!(page_needs("/identity/roles/"), Action::ManageIdentity);
        assert_eq!(page_needs("/identity/projects/"), Action::ViewProject);
        assert_eq!(
            page_needs("/identity/application_credentials/"),
            Action::ViewProject
        );
        assert_eq!(page_needs("/project/instances/"), Action::ViewProject);
        assert_eq!(page_needs("/settings/"), Action::ViewProject);
    }

    #[test]
    fn highest_role_wins() {
        assert_eq!(Role::of(&roles(&["reader", "admin"])), Role::Admin);
        assert_eq!(Role::of(&roles(&["Member"])), Role::Member);
    }
}
