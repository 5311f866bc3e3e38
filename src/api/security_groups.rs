//! Project › Security Groups: the project's groups, their rules, and the forms that change them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::security_group::{SecurityGroupDetail, SecurityGroupRow};

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::model::security_group::{RuleRow, RuleSpec};
    use crate::openstack::network::security_groups::SecurityGroupRuleFull;
    use crate::openstack::OsError;

    /// A rule as the table shows it; `group_name` names a remote group by its id.
    pub fn rule_row(r: SecurityGroupRuleFull, group_name: impl Fn(&str) -> String) -> RuleRow {
        let spec = RuleSpec {
            direction: r.rule.direction,
            ethertype: r.rule.ethertype,
            protocol: r.rule.protocol,
            port_range_min: r.rule.port_range_min,
            port_range_max: r.rule.port_range_max,
            remote_ip_prefix: r.rule.remote_ip_prefix,
            remote_group: r.rule.remote_group_id.as_deref().map(group_name),
        };
        RuleRow::new(r.id, &spec, r.description)
    }

    /// A group's name, or (as Horizon) the start of its id when the project has no such group.
    pub fn name_of(groups: &[(String, String)], id: &str) -> String {
        groups
            .iter()
            .find(|(gid, _)| gid == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_else(|| id.chars().take(13).collect())
    }

    /// Neutron's refusal, led by what could not be done (Horizon's `Unable to ...: reason`).
    /// The kind of error stays, so an expired session still sends the user to log in.
    pub fn unable(what: &str, e: OsError) -> AppError {
        let lead = |m: String| format!("{what}: {m}");
        match AppError::from(e) {
            AppError::Forbidden(m) => AppError::Forbidden(lead(m)),
            AppError::NotFound(m) => AppError::NotFound(lead(m)),
            AppError::Conflict(m) => AppError::Conflict(lead(m)),
            AppError::BadInput { field, message } => AppError::BadInput {
                field,
                message: lead(message),
            },
            AppError::Upstream { message, .. } => AppError::Upstream {
                service: what.into(),
                message,
            },
            other => other,
        }
    }

    /// The group form's fields, checked as Horizon's GroupBase form does.
    pub fn check_group_fields(name: &str, description: &str) -> Result<(), AppError> {
        if name.is_empty() {
            return Err(AppError::bad_input("name", "This field is required."));
        }
        if name.chars().count() > 255 {
            return Err(AppError::bad_input(
                "name",
                "Ensure this value has at most 255 characters.",
            ));
        }
        if description.chars().count() > 255 {
            return Err(AppError::bad_input(
                "description",
                "Ensure this value has at most 255 characters.",
            ));
        }
        Ok(())
    }
}

/// The project's security groups, by name.
#[server(endpoint = "list_security_groups")]
pub async fn list_security_groups() -> Result<Vec<SecurityGroupRow>, AppError> {
    use crate::openstack::network::security_groups as sg;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut rows: Vec<SecurityGroupRow> = sg::list_security_groups(&os, &auth.project.id)
            .await?
            .into_iter()
            .map(|g| SecurityGroupRow {
                id: g.id,
                name: g.name,
                description: g.description.unwrap_or_default(),
            })
            .collect();
        rows.sort_by_key(|g| g.name.to_lowercase());
        Ok(rows)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// One group with its rules, for Manage Rules; also the project's groups, which name the
/// rules' remote groups and fill the Add Rule form's choice.
#[server(name = GetSecurityGroupDetail, endpoint = "security_group_detail")]
pub async fn security_group_detail(id: String) -> Result<SecurityGroupDetail, AppError> {
    use crate::openstack::network::security_groups as sg;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let (group, groups) = tokio::try_join!(
            sg::get_security_group(&os, &id),
            sg::list_security_groups(&os, &auth.project.id)
        )?;
        let mut groups: Vec<(String, String)> =
            groups.into_iter().map(|g| (g.id, g.name)).collect();
        groups.sort_by_key(|(_, name)| name.to_lowercase());
        let mut rules: Vec<_> = group
            .security_group_rules
            .into_iter()
            .map(|r| ssr::rule_row(r, |gid| ssr::name_of(&groups, gid)))
            .collect();
        // Ingress first, then by what the rule lets through.
        rules.sort_by(|a, b| {
            (a.direction != "Ingress", &a.ethertype, &a.display).cmp(&(
                b.direction != "Ingress",
                &b.ethertype,
                &b.display,
            ))
        });
        Ok(SecurityGroupDetail {
            id: group.id,
            name: group.name,
            description: group.description.unwrap_or_default(),
            rules,
            groups,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Creates a group; answers its name for the success message.
#[server(endpoint = "create_security_group")]
pub async fn create_security_group(name: String, description: String) -> Result<String, AppError> {
    use crate::openstack::network::security_groups as sg;
    let name = name.trim().to_string();
    let description = description.trim().to_string();
    ssr::check_group_fields(&name, &description)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let created = sg::create_security_group(&os, &name, &description)
            .await
            .map_err(|e| ssr::unable("Unable to create security group", e))?;
        Ok(created.name)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Renames a group or changes its description; answers the new name.
#[server(endpoint = "update_security_group")]
pub async fn update_security_group(
    id: String,
    name: String,
    description: String,
) -> Result<String, AppError> {
    use crate::openstack::network::security_groups as sg;
    let name = name.trim().to_string();
    let description = description.trim().to_string();
    ssr::check_group_fields(&name, &description)?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let updated = sg::update_security_group(&os, &id, &name, &description)
            .await
            .map_err(|e| ssr::unable("Unable to update security group", e))?;
        Ok(updated.name)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Deletes groups given as (id, name); each failure is reported with Neutron's reason.
#[server(endpoint = "delete_security_groups")]
pub async fn delete_security_groups(
    groups: Vec<(String, String)>,
) -> Result<BatchResult, AppError> {
    use crate::openstack::network::security_groups as sg;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&groups, |id| sg::delete_security_group(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

pub use add_rule_form::{add_rule, AddRule};

/// Add Rule's server function takes one argument per form field, named as Horizon names them,
/// so the form posts the same fields with or without the page's script. That is more
/// arguments than clippy likes, and the allowance must cover the functions the `server` macro
/// generates for both builds: hence a module of its own.
mod add_rule_form {
    #![allow(clippy::too_many_arguments)]

    use leptos::prelude::*;

    use crate::error::AppError;

    /// Adds a rule to group `id` from the Add Rule form (argument names are the form's field
    /// names, as Horizon's). Bad input is refused at its field before Neutron is asked; Neutron's
    /// own refusal (the same rule twice, a quota) comes back as a banner. Answers the new rule in
    /// Horizon's words.
    #[server(endpoint = "add_security_group_rule")]
    pub async fn add_rule(
        id: String,
        rule_menu: String,
        description: String,
        direction: String,
        port_or_range: String,
        port: String,
        from_port: String,
        to_port: String,
        icmp_type: String,
        icmp_code: String,
        ip_protocol: String,
        remote: String,
        cidr: String,
        security_group: String,
        ethertype: String,
    ) -> Result<String, AppError> {
        use crate::model::security_group::RuleForm;
        use crate::openstack::network::security_groups as sg;
        let form = RuleForm {
            rule_menu,
            description,
            direction,
            port_or_range,
            port,
            from_port,
            to_port,
            icmp_type,
            icmp_code,
            ip_protocol,
            remote,
            cidr,
            security_group,
            ethertype,
        };
        let rule = form
            .to_rule()
            .map_err(|(field, message)| AppError::bad_input(field, message))?;
        let (state, session, auth) =
            super::super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
        let os = auth.scoped(&state.cloud);
        let work = async {
            let created = sg::create_security_group_rule(&os, &id, &rule)
                .await
                .map_err(|e| match e.status() {
                    // Neutron's own words say which rule is already there.
                    Some(409) => AppError::from(e),
                    _ => super::ssr::unable("Unable to add rule to security group", e),
                })?;
            // The remote group's name for the message: only looked up when the rule names one.
            let groups: Vec<(String, String)> = if created.rule.remote_group_id.is_some() {
                sg::list_security_groups(&os, &auth.project.id)
                    .await?
                    .into_iter()
                    .map(|g| (g.id, g.name))
                    .collect()
            } else {
                vec![]
            };
            Ok(super::ssr::rule_row(created, |gid| super::ssr::name_of(&groups, gid)).display)
        };
        super::super::ssr::confirmed(&state, &session, &auth, work).await
    }
}

/// Deletes rules given as (id, description).
#[server(endpoint = "delete_security_group_rules")]
pub async fn delete_rules(rules: Vec<(String, String)>) -> Result<BatchResult, AppError> {
    use crate::openstack::network::security_groups as sg;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = super::ssr::batch(&rules, |id| sg::delete_security_group_rule(&os, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::unable;
    use crate::error::AppError;
    use crate::openstack::OsError;

    #[test]
    fn refusals_say_what_failed_and_keep_their_kind() {
        let e = unable(
            "Unable to create security group",
            OsError::Status {
                service: "network",
                status: 409,
                message: "Quota exceeded for resources: ['security_group'].".into(),
            },
        );
        assert_eq!(
            e,
            AppError::Conflict(
                "Unable to create security group: Quota exceeded for resources: ['security_group']."
                    .into()
            )
        );
        let expired = unable(
            "Unable to update security group",
            OsError::Unauthorized {
                service: "network",
                message: "expired".into(),
            },
        );
        assert_eq!(expired, AppError::NotLoggedIn);
    }
}
