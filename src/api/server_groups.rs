//! Project › Server Groups: list, create, delete, and a group's members.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::server_group::{ServerGroupDetail, ServerGroupRow};

#[server(endpoint = "list_server_groups")]
pub async fn list_server_groups() -> Result<Vec<ServerGroupRow>, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::compute::server_groups;
    let call = super::ssr::Call::to(Action::ViewProject).await?;
    let os = call.os();
    call.confirmed(async {
        let mut rows: Vec<ServerGroupRow> = server_groups::list_server_groups(&os)
            .await?
            .into_iter()
            .map(|g| ServerGroupRow {
                members: g.members.len(),
                id: g.id,
                name: g.name,
                policy: g.policy,
            })
            .collect();
        rows.sort_by_key(|r| r.name.to_lowercase());
        Ok(rows)
    })
    .await
}

/// One group with its instances' names: the group and the project's servers at once, joined
/// in memory (one call each, whatever the number of members).
#[server(name = GetServerGroupDetail, endpoint = "server_group_detail")]
pub async fn server_group_detail(id: String) -> Result<ServerGroupDetail, AppError> {
    use crate::model::policy::Action;
    use crate::model::server_group::Member;
    use crate::openstack::compute::{self, server_groups, ServerQuery};
    let call = super::ssr::Call::to(Action::ViewProject).await?;
    let os = call.os();
    call.confirmed(async {
        let all = ServerQuery {
            limit: 1000,
            ..Default::default()
        };
        let (group, servers) = tokio::try_join!(
            server_groups::get_server_group(&os, &id),
            compute::list_servers(&os, &all),
        )?;
        let members = group
            .members
            .iter()
            .map(|m| Member {
                id: m.clone(),
                name: servers.iter().find(|s| s.id == *m).map(|s| s.name.clone()),
            })
            .collect();
        Ok(ServerGroupDetail {
            id: group.id,
            name: group.name,
            policy: group.policy,
            members,
        })
    })
    .await
}

#[server(endpoint = "create_server_group")]
pub async fn create_server_group(name: String, policy: String) -> Result<String, AppError> {
    use crate::model::policy::Action;
    use crate::model::server_group::validate_new_server_group;
    use crate::openstack::compute::server_groups;
    let new = validate_new_server_group(&name, &policy)
        .map_err(|(field, message)| AppError::bad_input(field, message))?;
    let call = super::ssr::Call::to(Action::ChangeProject).await?;
    let os = call.os();
    call.confirmed(async {
        let group = server_groups::create_server_group(&os, &new.name, &new.policy).await?;
        Ok(group.name)
    })
    .await
}

/// Deletes the groups (ids with their names, for the message), all at once.
#[server(endpoint = "delete_server_groups")]
pub async fn delete_server_groups(groups: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::compute::server_groups;
    let call = super::ssr::Call::to(Action::ChangeProject).await?;
    let os = call.os();
    let work = super::ssr::batch(&groups, |id| server_groups::delete_server_group(&os, id));
    call.confirmed(work).await
}
