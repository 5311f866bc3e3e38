//! Identity › Users: list, Create User (with a role in a primary project), Edit, Change
//! Password, Enable/Disable, Delete. Nobody may disable or delete themselves.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::identity_admin::{UserEditForm, UserForm, UsersPage};

#[cfg(feature = "ssr")]
const NOT_YOURSELF: &str = "You cannot disable or delete the user you are logged in as.";

#[server(endpoint = "identity_users")]
pub async fn list_identity_users() -> Result<UsersPage, AppError> {
    use crate::model::identity_admin::{Named, UserRow};
    use crate::openstack::identity::{projects, roles, users, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let (all_users, all_projects, all_roles) =
            tokio::try_join!(users::list(&ks), projects::list(&ks), roles::list(&ks))?;
        let domain_ids: Vec<&str> = all_users.iter().map(|u| u.domain_id.as_str()).collect();
        let domains = projects::domain_names(&ks, &domain_ids, true).await;
        let mut rows: Vec<UserRow> = all_users
            .into_iter()
            .map(|u| UserRow {
                domain_name: domains
                    .get(&u.domain_id)
                    .cloned()
                    .unwrap_or_else(|| u.domain_id.clone()),
                id: u.id,
                name: u.name,
                description: u.description.unwrap_or_default(),
                email: u.email.unwrap_or_default(),
                enabled: u.enabled,
                default_project_id: u.default_project_id.unwrap_or_default(),
            })
            .collect();
        rows.sort_by_key(|r| r.name.to_lowercase());
        let named = |id: String, name: String| Named { id, name };
        let mut projects: Vec<Named> = all_projects
            .into_iter()
            .filter(|p| p.enabled)
            .map(|p| named(p.id, p.name))
            .collect();
        projects.sort_by_key(|p| p.name.to_lowercase());
        let mut roles: Vec<Named> = all_roles.into_iter().map(|r| named(r.id, r.name)).collect();
        roles.sort_by_key(|r| r.name.to_lowercase());
        Ok(UsersPage {
            rows,
            projects,
            roles,
            self_id: auth.user_id.clone(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(feature = "ssr")]
fn name_taken(name: &str) -> impl Fn(crate::openstack::OsError) -> AppError + '_ {
    move |e| match AppError::from(e) {
        AppError::Conflict(_) => {
            AppError::bad_input("name", format!("User name \"{name}\" is already used."))
        }
        other => other,
    }
}

/// Create User; with a primary project, the user gets the chosen role in it. Returns the name.
#[server(endpoint = "identity_create_user")]
pub async fn create_user(user: UserForm) -> Result<String, AppError> {
    use crate::openstack::identity::{roles, users, Keystone};
    let name = user.check().map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let project = (!user.project.is_empty()).then_some(user.project.as_str());
    let work = async {
        let created = users::create(
            &ks,
            &users::NewUser {
                name: &name,
                description: user.description.trim(),
                email: user.email.trim(),
                password: &user.password,
                default_project_id: project,
                enabled: user.enabled.is_some(),
                domain_id: "default",
            },
        )
        .await
        .map_err(name_taken(&name))?;
        if let Some(project) = project {
            roles::grant(&ks, project, roles::Holder::User, &created.id, &user.role_id)
                .await
                .map_err(|e| AppError::Upstream {
                    service: "Identity (Keystone)".into(),
                    message: format!(
                        "User \"{name}\" was successfully created, but its role could not be added: {e}"
                    ),
                })?;
        }
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_update_user")]
pub async fn update_user(user_id: String, user: UserEditForm) -> Result<String, AppError> {
    use crate::openstack::identity::{users, Keystone};
    let name = user.check().map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let mut changes = serde_json::json!({
            "name": name,
            "description": user.description.trim(),
            "email": user.email.trim(),
        });
        if !user.project.is_empty() {
            changes["default_project_id"] = serde_json::Value::from(user.project.clone());
        }
        users::update(&ks, &user_id, changes)
            .await
            .map_err(name_taken(&name))?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// An admin sets another user's password (Horizon's Change Password on the users table).
#[server(endpoint = "identity_change_password")]
pub async fn change_user_password(
    user_id: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::model::identity_admin::check_passwords;
    use crate::openstack::identity::{users, Keystone};
    check_passwords(&password, &confirm_password).map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        users::update(&ks, &user_id, serde_json::json!({ "password": password })).await?;
        Ok(())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Enable User / Disable User. Returns the user's name and whether it is now enabled.
#[server(endpoint = "identity_toggle_user")]
pub async fn set_user_enabled(user_id: String, enabled: bool) -> Result<(String, bool), AppError> {
    use crate::openstack::identity::{users, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    if user_id == auth.user_id {
        return Err(AppError::Forbidden(NOT_YOURSELF.into()));
    }
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let user = users::update(&ks, &user_id, serde_json::json!({ "enabled": enabled })).await?;
        Ok((user.name, user.enabled))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_delete_users")]
pub async fn delete_users(
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<crate::model::batch::BatchResult, AppError> {
    use crate::openstack::identity::{users, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    if ids.contains(&auth.user_id) {
        return Err(AppError::Forbidden(NOT_YOURSELF.into()));
    }
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| users::delete(&ks, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
