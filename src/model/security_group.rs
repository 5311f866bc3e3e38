//! Security groups and their rules as the pages show them.

use serde::{Deserialize, Serialize};

/// A security group rule's fields that say what it lets through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSpec {
    pub direction: String,
    pub ethertype: String,
    pub protocol: Option<String>,
    pub port_range_min: Option<i64>,
    pub port_range_max: Option<i64>,
    pub remote_ip_prefix: Option<String>,
    /// The remote group's name (or id), when the rule names a group instead of a CIDR.
    pub remote_group: Option<String>,
}

impl RuleSpec {
    /// One line in Horizon's words: `ALLOW IPv4 22/tcp from 0.0.0.0/0`.
    pub fn describe(&self) -> String {
        let proto = self.protocol.as_deref().unwrap_or("");
        let ports = match (self.port_range_min, self.port_range_max) {
            (Some(a), Some(b)) if a == b => format!("{a}/{proto}"),
            (Some(a), Some(b)) => format!("{a}:{b}/{proto}"),
            (Some(a), None) => format!("{a}/{proto}"),
            _ => proto.to_string(),
        };
        let remote = match (&self.remote_group, &self.remote_ip_prefix) {
            (Some(g), _) => g.clone(),
            (None, Some(cidr)) => cidr.clone(),
            (None, None) if self.ethertype == "IPv6" => "::/0".into(),
            (None, None) => "0.0.0.0/0".into(),
        };
        let way = if self.direction == "egress" {
            "to"
        } else {
            "from"
        };
        let mut words = vec!["ALLOW".to_string(), self.ethertype.clone()];
        if !ports.is_empty() {
            words.push(ports);
        }
        words.push(format!("{way} {remote}"));
        words.join(" ")
    }
}

/// A security group with its rules, described.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRules {
    pub name: String,
    pub rules: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(
        dir: &str,
        eth: &str,
        proto: Option<&str>,
        min: Option<i64>,
        max: Option<i64>,
    ) -> RuleSpec {
        RuleSpec {
            direction: dir.into(),
            ethertype: eth.into(),
            protocol: proto.map(str::to_string),
            port_range_min: min,
            port_range_max: max,
            ..Default::default()
        }
    }

    #[test]
    fn rules_read_like_horizon() {
        assert_eq!(
            rule("egress", "IPv4", None, None, None).describe(),
            "ALLOW IPv4 to 0.0.0.0/0"
        );
        assert_eq!(
            rule("egress", "IPv6", None, None, None).describe(),
            "ALLOW IPv6 to ::/0"
        );
        let mut ssh = rule("ingress", "IPv4", Some("tcp"), Some(22), Some(22));
        assert_eq!(ssh.describe(), "ALLOW IPv4 22/tcp from 0.0.0.0/0");
        ssh.remote_ip_prefix = Some("10.0.0.0/8".into());
        assert_eq!(ssh.describe(), "ALLOW IPv4 22/tcp from 10.0.0.0/8");
        assert_eq!(
            rule("ingress", "IPv4", Some("udp"), Some(1000), Some(2000)).describe(),
            "ALLOW IPv4 1000:2000/udp from 0.0.0.0/0"
        );
        let mut from_group = rule("ingress", "IPv4", Some("icmp"), None, None);
        from_group.remote_group = Some("default".into());
        assert_eq!(from_group.describe(), "ALLOW IPv4 icmp from default");
    }
}
