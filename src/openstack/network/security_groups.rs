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
