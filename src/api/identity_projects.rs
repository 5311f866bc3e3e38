//! Identity › Projects: the list (an admin's every project, anyone else's own), Create and
//! Edit Project, Manage Members, Modify Groups, Modify Quotas, Delete Projects.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::identity_admin::{MembersGrid, ProjectForm, ProjectsPage, QuotaValues};

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::error::AppError;
    use crate::model::identity_admin::{
        member_key, parse_quotas, MembersGrid, Named, QuotaService, QuotaValues,
    };
    use crate::openstack::identity::roles::Holder;
    use crate::openstack::identity::{groups, roles, users, Keystone};
    use crate::openstack::{quotas, Scoped};

    /// Sets the quotas the form names, one call per service, all three at once.
    pub async fn set_quotas(
        os: &Scoped<'_>,
        project_id: &str,
        form: &BTreeMap<String, String>,
    ) -> Result<(), AppError> {
        let parsed = parse_quotas(form).map_err(|(f, m)| AppError::bad_input(f, m))?;
        let of = |service: QuotaService| -> Vec<(&str, i64)> {
            parsed
                .iter()
                .filter(|(s, _, _)| *s == service)
                .map(|(_, k, v)| (*k, *v))
                .collect()
        };
        let (compute, network, volume) = (
            of(QuotaService::Compute),
            of(QuotaService::Network),
            of(QuotaService::Volume),
        );
        let (a, b, c) = tokio::join!(
            async {
                match compute.is_empty() {
                    true => Ok(()),
                    false => quotas::set_compute(os, project_id, &compute).await,
                }
            },
            async {
                match network.is_empty() {
                    true => Ok(()),
                    false => quotas::set_network(os, project_id, &network).await,
                }
            },
            async {
                match volume.is_empty() {
                    true => Ok(()),
                    false => quotas::set_volume(os, project_id, &volume).await,
                }
            },
        );
        a?;
        b?;
        c?;
        Ok(())
    }

    /// The three services' quotas of a project (or the defaults a new one gets), merged: a
    /// service that cannot answer leaves its fields blank rather than failing the form.
    pub async fn read_quotas(os: &Scoped<'_>, project_id: &str, defaults: bool) -> QuotaValues {
        let (a, b, c) = tokio::join!(
            quotas::compute(os, project_id, defaults),
            quotas::network(os, project_id, defaults),
            quotas::volume(os, project_id, defaults),
        );
        let mut all = QuotaValues::new();
        for part in [a, b, c] {
            match part {
                Ok(values) => all.extend(values),
                Err(e) => tracing::warn!("quotas of {project_id}: {e}"),
            }
        }
        all
    }

    /// Makes the project's role assignments of one kind of holder (users, or groups)
    /// exactly `wanted` (holder, role) pairs.
    pub async fn set_members(
        ks: &Keystone<'_>,
        project_id: &str,
        holder: Holder,
        wanted: &[(String, String)],
    ) -> Result<(), AppError> {
        let current: BTreeSet<(String, String)> =
            roles::project_assignments(ks, project_id, holder)
                .await?
                .into_iter()
                .collect();
        let wanted: BTreeSet<(String, String)> = wanted.iter().cloned().collect();
        let grants = wanted
            .difference(&current)
            .map(|(h, r)| roles::grant(ks, project_id, holder, h, r));
        let revokes = current
            .difference(&wanted)
            .map(|(h, r)| roles::revoke(ks, project_id, holder, h, r));
        for result in futures::future::join_all(grants).await {
            result?;
        }
        for result in futures::future::join_all(revokes).await {
            result?;
        }
        Ok(())
    }

    /// The holders (users, or groups) and roles of a members grid, with what each holds in
    /// `project_id` (nothing, for a project being created).
    pub async fn members_grid(
        ks: &Keystone<'_>,
        project_id: Option<&str>,
        holder: Holder,
    ) -> Result<MembersGrid, AppError> {
        let named = |id: String, name: String| Named { id, name };
        let all_holders = async {
            Ok::<_, crate::openstack::OsError>(match holder {
                Holder::User => users::list(ks)
                    .await?
                    .into_iter()
                    .map(|u| named(u.id, u.name))
                    .collect::<Vec<_>>(),
                Holder::Group => groups::list(ks)
                    .await?
                    .into_iter()
                    .map(|g| named(g.id, g.name))
                    .collect(),
            })
        };
        let assignments = async {
            match project_id {
                Some(id) => roles::project_assignments(ks, id, holder).await,
                None => Ok(vec![]),
            }
        };
        let (mut holders, all_roles, assigned) =
            tokio::try_join!(all_holders, roles::list(ks), assignments)?;
        holders.sort_by_key(|h| h.name.to_lowercase());
        let mut roles: Vec<Named> = all_roles.into_iter().map(|r| named(r.id, r.name)).collect();
        roles.sort_by_key(|r| r.name.to_lowercase());
        Ok(MembersGrid {
            holders,
            roles,
            assigned: assigned.iter().map(|(h, r)| member_key(h, r)).collect(),
        })
    }
}

/// The projects the user may see here. An admin sees all; a member their own, read-only.
#[server(endpoint = "identity_projects")]
pub async fn list_identity_projects() -> Result<ProjectsPage, AppError> {
    use crate::model::identity_admin::ProjectRow;
    use crate::openstack::identity::{projects, Keystone};
    let (state, session, auth) = super::ssr::require_auth().await?;
    let admin = auth.is_admin();
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let list = if admin {
            projects::list(&ks).await?
        } else {
            projects::list_for_user(&ks, &auth.user_id).await?
        };
        let domain_ids: Vec<&str> = list.iter().map(|p| p.domain_id.as_str()).collect();
        let domains = projects::domain_names(&ks, &domain_ids, admin).await;
        let mut rows: Vec<ProjectRow> = list
            .iter()
            .map(|p| ProjectRow {
                id: p.id.clone(),
                name: p.name.clone(),
                description: p.description.clone().unwrap_or_default(),
                domain_name: domains
                    .get(&p.domain_id)
                    .cloned()
                    .unwrap_or_else(|| p.domain_id.clone()),
                enabled: p.enabled,
            })
            .collect();
        rows.sort_by_key(|r| r.name.to_lowercase());
        Ok(ProjectsPage {
            rows,
            can_manage: admin,
            current_project_id: auth.project.id.clone(),
            member_of: auth.projects.iter().map(|p| p.id.clone()).collect(),
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Users and roles for the Project Members grid, with who holds what in `project_id` (none
/// for a project being created).
#[server(endpoint = "identity_project_members")]
pub async fn project_members(project_id: Option<String>) -> Result<MembersGrid, AppError> {
    use crate::openstack::identity::{roles::Holder, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = ssr::members_grid(&ks, project_id.as_deref(), Holder::User);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// A project's quotas (`None`: the defaults a new project gets), by the services' own keys.
#[server(endpoint = "identity_project_quotas")]
pub async fn project_quotas(project_id: Option<String>) -> Result<QuotaValues, AppError> {
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let os = auth.scoped(&state.cloud);
    // The defaults are asked for with the admin's own project in the path.
    let (target, defaults) = match &project_id {
        Some(id) => (id.clone(), false),
        None => (auth.project.id.clone(), true),
    };
    let work = async { Ok(ssr::read_quotas(&os, &target, defaults).await) };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Project: the project, then its members, then its quotas. Returns its name.
#[server(endpoint = "identity_create_project")]
pub async fn create_project(
    project: ProjectForm,
    #[server(default)] members: BTreeMap<String, String>,
    #[server(default)] quotas: BTreeMap<String, String>,
) -> Result<String, AppError> {
    use crate::model::identity_admin::{parse_quotas, ticked_members};
    use crate::openstack::identity::{projects, roles::Holder, Keystone};
    let name = project
        .checked_name()
        .map_err(|(f, m)| AppError::bad_input(f, m))?;
    // Every field is checked before anything is created.
    parse_quotas(&quotas).map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let os = auth.scoped(&state.cloud);
    let work = async {
        let created = projects::create(
            &ks,
            &name,
            project.description.trim(),
            project.enabled.is_some(),
            "default",
        )
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => {
                AppError::bad_input("name", format!("Project name \"{name}\" is already used."))
            }
            other => other,
        })?;
        let rest = async {
            ssr::set_members(&ks, &created.id, Holder::User, &ticked_members(&members)).await?;
            ssr::set_quotas(&os, &created.id, &quotas).await
        };
        // The project exists: say so even if its members or quotas could not be set.
        rest.await.map_err(|e| AppError::Upstream {
            service: "Meridian".into(),
            message: format!(
                "Created project \"{name}\", but could not set all of its members and quotas: {e}"
            ),
        })?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_update_project")]
pub async fn update_project(project_id: String, project: ProjectForm) -> Result<String, AppError> {
    use crate::openstack::identity::{projects, Keystone};
    let name = project
        .checked_name()
        .map_err(|(f, m)| AppError::bad_input(f, m))?;
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    if project_id == auth.project.id && project.enabled.is_none() {
        return Err(AppError::bad_input(
            "enabled",
            "You cannot disable your current project",
        ));
    }
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        projects::update(
            &ks,
            &project_id,
            &name,
            project.description.trim(),
            project.enabled.is_some(),
        )
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => {
                AppError::bad_input("name", format!("Project name \"{name}\" is already used."))
            }
            other => other,
        })?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_set_project_members")]
pub async fn set_project_members(
    project_id: String,
    #[server(default)] members: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::model::identity_admin::ticked_members;
    use crate::openstack::identity::{roles::Holder, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let wanted = ticked_members(&members);
    let work = ssr::set_members(&ks, &project_id, Holder::User, &wanted);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Groups and roles for Modify Groups, with which group holds what in `project_id`.
#[server(endpoint = "identity_project_groups")]
pub async fn project_groups(project_id: String) -> Result<MembersGrid, AppError> {
    use crate::openstack::identity::{roles::Holder, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = ssr::members_grid(&ks, Some(&project_id), Holder::Group);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Modify Groups: the project's group role assignments become exactly those ticked.
#[server(endpoint = "identity_set_project_groups")]
pub async fn set_project_groups(
    project_id: String,
    #[server(default)] members: BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::model::identity_admin::ticked_members;
    use crate::openstack::identity::{roles::Holder, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let wanted = ticked_members(&members);
    let work = ssr::set_members(&ks, &project_id, Holder::Group, &wanted);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_update_project_quotas")]
pub async fn update_project_quotas(
    project_id: String,
    #[server(default)] quotas: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let os = auth.scoped(&state.cloud);
    let work = ssr::set_quotas(&os, &project_id, &quotas);
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Delete Projects: `ids` with their `names` (for the messages), in the same order.
#[server(endpoint = "identity_delete_projects")]
pub async fn delete_projects(
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<crate::model::batch::BatchResult, AppError> {
    use crate::openstack::identity::{projects, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    if ids.contains(&auth.project.id) {
        return Err(AppError::Forbidden(
            "You cannot delete the project you are working in: switch to another project first."
                .into(),
        ));
    }
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| projects::delete(&ks, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
