//! Neutron security groups and their rules.

use serde::Deserialize;

use crate::openstack::catalog::ServiceType;
use crate::openstack::client::Scoped;
use crate::openstack::error::OsError;

#[derive(Debug, Clone, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
pub struct SecurityGroupsBody {
    pub security_groups: Vec<SecurityGroup>,
}

pub async fn security_groups(
    os: &Scoped<'_>,
    project_id: &str,
) -> Result<Vec<SecurityGroup>, OsError> {
    let body: SecurityGroupsBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/security-groups?project_id={project_id}&fields=id&fields=name"),
        )
        .await?;
    Ok(body.security_groups)
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecurityGroupRule {
    pub direction: String,
    pub ethertype: String,
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port_range_min: Option<i64>,
    #[serde(default)]
    pub port_range_max: Option<i64>,
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    #[serde(default)]
    pub remote_group_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GroupWithRules {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRule>,
}

#[derive(Debug, Deserialize)]
pub struct GroupsWithRulesBody {
    pub security_groups: Vec<GroupWithRules>,
}

/// These security groups with their rules, in one call.
pub async fn groups_with_rules(
    os: &Scoped<'_>,
    ids: &[String],
) -> Result<Vec<GroupWithRules>, OsError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let query: Vec<String> = ids.iter().map(|id| format!("id={id}")).collect();
    let body: GroupsWithRulesBody = os
        .get_json(
            ServiceType::Network,
            &format!("/v2.0/security-groups?{}", query.join("&")),
        )
        .await?;
    Ok(body.security_groups)
}

/// A security group as the Security Groups panel lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct SecurityGroupFull {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub security_group_rules: Vec<SecurityGroupRuleFull>,
}

/// A rule with its id and description (what Manage Rules shows and deletes by).
#[derive(Debug, Clone, Deserialize)]
pub struct SecurityGroupRuleFull {
    pub id: String,
    #[serde(flatten)]
    pub rule: SecurityGroupRule,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
struct SecurityGroupsFullBody {
    security_groups: Vec<SecurityGroupFull>,
}

#[derive(Debug, Deserialize)]
struct SecurityGroupFullBody {
    security_group: SecurityGroupFull,
}

#[derive(Debug, Deserialize)]
struct SecurityGroupRuleFullBody {
    security_group_rule: SecurityGroupRuleFull,
}

/// The project's security groups with descriptions (rules left out: the list does not show them).
pub async fn list_security_groups(
    os: &Scoped<'_>,
    project_id: &str,
) -> Result<Vec<SecurityGroupFull>, OsError> {
    let body: SecurityGroupsFullBody = os
        .get_json(
            ServiceType::Network,
            &format!(
                "/v2.0/security-groups?project_id={project_id}&fields=id&fields=name&fields=description"
            ),
        )
        .await?;
    Ok(body.security_groups)
}

/// One security group with its rules.
pub async fn get_security_group(os: &Scoped<'_>, id: &str) -> Result<SecurityGroupFull, OsError> {
    let body: SecurityGroupFullBody = os
        .get_json(ServiceType::Network, &format!("/v2.0/security-groups/{id}"))
        .await?;
    Ok(body.security_group)
}

/// `POST /v2.0/security-groups` (Neutron adds the two egress rules itself).
pub async fn create_security_group(
    os: &Scoped<'_>,
    name: &str,
    description: &str,
) -> Result<SecurityGroupFull, OsError> {
    let body = serde_json::json!({"security_group": {"name": name, "description": description}});
    let created: SecurityGroupFullBody =
        super::send_json(os, reqwest::Method::POST, "/v2.0/security-groups", &body).await?;
    Ok(created.security_group)
}

pub async fn update_security_group(
    os: &Scoped<'_>,
    id: &str,
    name: &str,
    description: &str,
) -> Result<SecurityGroupFull, OsError> {
    let body = serde_json::json!({"security_group": {"name": name, "description": description}});
    let updated: SecurityGroupFullBody = super::send_json(
        os,
        reqwest::Method::PUT,
        &format!("/v2.0/security-groups/{id}"),
        &body,
    )
    .await?;
    Ok(updated.security_group)
}

pub async fn delete_security_group(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/security-groups/{id}")).await
}

/// `POST /v2.0/security-group-rules`. Neutron refuses a rule the group already has (409).
pub async fn create_security_group_rule(
    os: &Scoped<'_>,
    group_id: &str,
    rule: &crate::model::security_group::NewRule,
) -> Result<SecurityGroupRuleFull, OsError> {
    let body = serde_json::json!({"security_group_rule": {
        "security_group_id": group_id,
        "direction": rule.direction,
        "ethertype": rule.ethertype,
        "protocol": rule.protocol,
        "port_range_min": rule.port_range_min,
        "port_range_max": rule.port_range_max,
        "remote_ip_prefix": rule.remote_ip_prefix,
        "remote_group_id": rule.remote_group_id,
        "description": rule.description,
    }});
    let created: SecurityGroupRuleFullBody = super::send_json(
        os,
        reqwest::Method::POST,
        "/v2.0/security-group-rules",
        &body,
    )
    .await?;
    Ok(created.security_group_rule)
}

pub async fn delete_security_group_rule(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    super::delete(os, &format!("/v2.0/security-group-rules/{id}")).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::fixture;

    /// The recorded groups: fixture-sg (SSH in, plus the two egress rules Neutron adds) and
    /// the project's `default` group.
    #[test]
    fn parses_recorded_groups_with_rules() {
        let body: GroupsWithRulesBody =
            serde_json::from_str(&fixture("neutron_get_security_groups.json")).unwrap();
        let sg = body
            .security_groups
            .iter()
            .find(|g| g.name == "fixture-sg")
            .unwrap();
        let mut rules: Vec<_> = sg
            .security_group_rules
            .iter()
            .map(|r| {
                (
                    r.direction.as_str(),
                    r.ethertype.as_str(),
                    r.protocol.as_deref(),
                    r.port_range_min,
                    r.remote_ip_prefix.as_deref(),
                )
            })
            .collect();
        rules.sort();
        assert_eq!(
            rules,
            [
                ("egress", "IPv4", None, None, None),
                ("egress", "IPv6", None, None, None),
                ("ingress", "IPv4", Some("tcp"), Some(22), Some("0.0.0.0/0"))
            ]
        );
        // `default` lets in what comes from its own members.
        let default = body
            .security_groups
            .iter()
            .find(|g| g.name == "default")
            .unwrap();
        let ingress: Vec<&SecurityGroupRule> = default
            .security_group_rules
            .iter()
            .filter(|r| r.direction == "ingress")
            .collect();
        assert_eq!(ingress.len(), 2);
        assert!(ingress
            .iter()
            .all(|r| r.remote_group_id.as_deref() == Some(default.id.as_str())));
    }

    #[test]
    fn parses_recorded_groups_as_the_panel_lists_them() {
        let body: SecurityGroupsFullBody =
            serde_json::from_str(&fixture("neutron_get_security_groups.json")).unwrap();
        let sg = body
            .security_groups
            .iter()
            .find(|g| g.name == "fixture-sg")
            .unwrap();
        assert_eq!(sg.description.as_deref(), Some("fixture"));
        let ssh = sg
            .security_group_rules
            .iter()
            .find(|r| r.rule.direction == "ingress")
            .unwrap();
        assert_eq!(ssh.rule.port_range_max, Some(22));
        assert!(!ssh.id.is_empty());
        // A rule made without a description has an empty one; those Neutron adds, none.
        assert_eq!(ssh.description.as_deref(), Some(""));
        assert!(sg
            .security_group_rules
            .iter()
            .filter(|r| r.rule.direction == "egress")
            .all(|r| r.description.is_none()));
    }
}
