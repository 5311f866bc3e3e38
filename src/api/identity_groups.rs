//! Identity › Groups (admins only): list, Create Group, Edit Group, Delete Groups, and a
//! group's members (Add Users, Remove Users).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::identity_admin::{GroupMembersPage, GroupRow};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::model::identity_admin::{GroupRow, GroupUser};
    use crate::openstack::identity::{groups::Group, users::User};
    use crate::openstack::OsError;

    pub fn row(g: Group) -> GroupRow {
        GroupRow {
            id: g.id,
            name: g.name,
            description: g.description.unwrap_or_default(),
        }
    }

    pub fn user(u: User) -> GroupUser {
        GroupUser {
            id: u.id,
            name: u.name,
            email: u.email.unwrap_or_default(),
            enabled: u.enabled,
        }
    }

    /// Keystone's 409 for a name in use, said next to the name field.
    pub fn name_taken(name: &str) -> impl Fn(OsError) -> AppError + '_ {
        move |e| match AppError::from(e) {
            AppError::Conflict(_) => {
                AppError::bad_input("name", format!("Group name \"{name}\" is already used."))
            }
            other => other,
        }
    }
}

#[server(endpoint = "identity_groups")]
pub async fn list_identity_groups() -> Result<Vec<GroupRow>, AppError> {
    use crate::openstack::identity::{groups, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let mut rows: Vec<GroupRow> = groups::list(&ks).await?.into_iter().map(ssr::row).collect();
        rows.sort_by_key(|g| g.name.to_lowercase());
        Ok(rows)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_create_group")]
pub async fn create_group(name: String, description: String) -> Result<String, AppError> {
    use crate::model::identity_admin::checked_group_name;
    use crate::openstack::identity::{groups, Keystone};
    let name = checked_group_name(&name).map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        groups::create(&ks, &name, description.trim(), "default")
            .await
            .map_err(ssr::name_taken(&name))?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_update_group")]
pub async fn update_group(
    group_id: String,
    name: String,
    description: String,
) -> Result<String, AppError> {
    use crate::model::identity_admin::checked_group_name;
    use crate::openstack::identity::{groups, Keystone};
    let name = checked_group_name(&name).map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        groups::update(&ks, &group_id, &name, description.trim())
            .await
            .map_err(ssr::name_taken(&name))?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Delete Groups: `ids` with their `names` (for the messages), in the same order.
#[server(endpoint = "identity_delete_groups")]
pub async fn delete_groups(ids: Vec<String>, names: Vec<String>) -> Result<BatchResult, AppError> {
    use crate::openstack::identity::{groups, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| groups::delete(&ks, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// The group, its users and every other user, in one round of calls made at once.
#[server(endpoint = "identity_group_members")]
pub async fn group_members(group_id: String) -> Result<GroupMembersPage, AppError> {
    use crate::model::identity_admin::GroupUser;
    use crate::openstack::identity::{groups, users, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let (group, members, everyone) = tokio::try_join!(
            groups::get(&ks, &group_id),
            groups::members(&ks, &group_id),
            users::list(&ks),
        )?;
        let by_name = |list: &mut Vec<GroupUser>| list.sort_by_key(|u| u.name.to_lowercase());
        let member_ids: Vec<String> = members.iter().map(|u| u.id.clone()).collect();
        let mut members: Vec<GroupUser> = members.into_iter().map(ssr::user).collect();
        let mut non_members: Vec<GroupUser> = everyone
            .into_iter()
            .filter(|u| !member_ids.contains(&u.id))
            .map(ssr::user)
            .collect();
        by_name(&mut members);
        by_name(&mut non_members);
        Ok(GroupMembersPage {
            group: ssr::row(group),
            members,
            non_members,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Add Users: puts the users `ids` (named `names`) in the group.
#[server(endpoint = "identity_add_group_users")]
pub async fn add_group_users(
    group_id: String,
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::identity::{groups, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| groups::add_user(&ks, &group_id, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Remove Users: takes the users `ids` (named `names`) out of the group.
#[server(endpoint = "identity_remove_group_users")]
pub async fn remove_group_users(
    group_id: String,
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::identity::{groups, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| groups::remove_user(&ks, &group_id, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
