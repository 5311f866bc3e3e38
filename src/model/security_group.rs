//! Security groups and their rules as the pages show them, and the checks the Add Rule form
//! makes before anything is sent to Neutron (pure functions, so they are unit-tested here).

use serde::{Deserialize, Serialize};

use crate::model::validate::parse_cidr;

/// A security group in the Security Groups table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRow {
    pub id: String,
    pub name: String,
    pub description: String,
}

impl SecurityGroupRow {
    /// Horizon lets nobody edit or delete the project's `default` group (Neutron recreates it).
    pub fn is_default(&self) -> bool {
        self.name == "default"
    }
}

/// A rule in the Manage Rules table, with each cell in Horizon's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRow {
    pub id: String,
    /// `ALLOW IPv4 22/tcp from 0.0.0.0/0`: the row's `data-display` and its name in messages.
    pub display: String,
    pub direction: String,
    pub ethertype: String,
    pub protocol: String,
    pub port_range: String,
    /// `None` when the rule names a remote group instead (shown as `-`).
    pub remote_ip_prefix: Option<String>,
    pub remote_group: Option<String>,
    pub description: String,
}

impl RuleRow {
    pub fn new(id: String, spec: &RuleSpec, description: Option<String>) -> Self {
        RuleRow {
            id,
            display: spec.describe(),
            direction: if spec.direction == "egress" {
                "Egress".into()
            } else {
                "Ingress".into()
            },
            ethertype: spec.ethertype.clone(),
            protocol: spec
                .protocol
                .as_deref()
                .map(str::to_uppercase)
                .unwrap_or_else(|| "Any".into()),
            port_range: spec.port_range(),
            remote_ip_prefix: spec.remote_group.is_none().then(|| spec.remote_cidr()),
            remote_group: spec.remote_group.clone(),
            description: description
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| "-".into()),
        }
    }
}

/// A security group with its rules, for the Manage Rules page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupDetail {
    pub id: String,
    pub name: String,
    pub description: String,
    pub rules: Vec<RuleRow>,
    /// The project's groups, for the Add Rule form's remote Security Group (id, label).
    pub groups: Vec<(String, String)>,
}

/// A preset of the Add Rule form's Rule menu: Horizon's `SECURITY_GROUP_RULES` (the ones its
/// sample settings ship), which fix the protocol and ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RulePreset {
    pub key: &'static str,
    pub name: &'static str,
    pub protocol: &'static str,
    /// `None` for All ICMP (any type and code).
    pub ports: Option<(u16, u16)>,
}

const fn preset(key: &'static str, name: &'static str, port: u16) -> RulePreset {
    RulePreset {
        key,
        name,
        protocol: "tcp",
        ports: Some((port, port)),
    }
}

/// In Horizon's order (sorted by key).
pub const PRESETS: &[RulePreset] = &[
    RulePreset {
        key: "all_icmp",
        name: "All ICMP",
        protocol: "icmp",
        ports: None,
    },
    RulePreset {
        key: "all_tcp",
        name: "All TCP",
        protocol: "tcp",
        ports: Some((1, 65535)),
    },
    RulePreset {
        key: "all_udp",
        name: "All UDP",
        protocol: "udp",
        ports: Some((1, 65535)),
    },
    preset("dns", "DNS", 53),
    preset("http", "HTTP", 80),
    preset("https", "HTTPS", 443),
    preset("imap", "IMAP", 143),
    preset("imaps", "IMAPS", 993),
    preset("ldap", "LDAP", 389),
    preset("ms_sql", "MS SQL", 1433),
    preset("mysql", "MYSQL", 3306),
    preset("pop3", "POP3", 110),
    preset("pop3s", "POP3S", 995),
    preset("rdp", "RDP", 3389),
    preset("smtp", "SMTP", 25),
    preset("smtps", "SMTPS", 465),
    preset("ssh", "SSH", 22),
];

/// The Rule menu's entries before the presets: the custom rules, whose fields the user fills.
pub const CUSTOM_RULES: &[(&str, &str)] = &[
    ("tcp", "Custom TCP Rule"),
    ("udp", "Custom UDP Rule"),
    ("icmp", "Custom ICMP Rule"),
    ("custom", "Other Protocol"),
];

/// The Rule menu, as (value, label).
pub fn rule_menu_choices() -> Vec<(&'static str, &'static str)> {
    CUSTOM_RULES
        .iter()
        .copied()
        .chain(PRESETS.iter().map(|p| (p.key, p.name)))
        .collect()
}

pub fn find_preset(key: &str) -> Option<&'static RulePreset> {
    PRESETS.iter().find(|p| p.key == key)
}

/// A port that is exactly a preset's (`22` over tcp) reads as Horizon shows it: `22 (SSH)`.
fn port_label(port: i64, protocol: Option<&str>) -> String {
    PRESETS
        .iter()
        .find(|p| {
            Some(p.protocol) == protocol && p.ports == u16::try_from(port).ok().map(|n| (n, n))
        })
        .map(|p| format!("{port} ({})", p.name))
        .unwrap_or_else(|| port.to_string())
}

/// What the Add Rule form posts, as typed: every field arrives (hidden ones too), and
/// which of them count depends on the Rule menu.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleForm {
    pub rule_menu: String,
    pub description: String,
    pub direction: String,
    pub port_or_range: String,
    pub port: String,
    pub from_port: String,
    pub to_port: String,
    pub icmp_type: String,
    pub icmp_code: String,
    pub ip_protocol: String,
    pub remote: String,
    pub cidr: String,
    pub security_group: String,
    pub ethertype: String,
}

/// A rule ready for Neutron (`POST /v2.0/security-group-rules`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRule {
    pub direction: String,
    pub ethertype: String,
    pub protocol: Option<String>,
    pub port_range_min: Option<i64>,
    pub port_range_max: Option<i64>,
    pub remote_ip_prefix: Option<String>,
    pub remote_group_id: Option<String>,
    pub description: String,
}

/// A field's name and the message shown under it.
pub type FieldProblem = (&'static str, String);

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    (field, message.into())
}

/// An optional integer field: empty is `None`.
fn optional_int(field: &'static str, text: &str) -> Result<Option<i64>, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| problem(field, "Enter a whole number."))
}

/// A TCP/UDP port: 1 to 65535.
pub fn check_port(field: &'static str, text: &str) -> Result<i64, FieldProblem> {
    match optional_int(field, text)? {
        None => Err(problem(field, "This field is required.")),
        Some(p) if (1..=65535).contains(&p) => Ok(p),
        Some(_) => Err(problem(
            field,
            "Not a valid port number: enter an integer between 1 and 65535.",
        )),
    }
}

/// A port range: both ends valid ports, `from` not above `to`.
pub fn check_port_range(from: &str, to: &str) -> Result<(i64, i64), FieldProblem> {
    let from = check_port("from_port", from)?;
    let to = check_port("to_port", to)?;
    if to < from {
        return Err(problem(
            "to_port",
            "The \"to\" port number must be greater than or equal to the \"from\" port number.",
        ));
    }
    Ok((from, to))
}

/// ICMP type and code, each -1 (any) to 255; a code needs a type. Neutron keeps them in the
/// port range fields, with "any" as no value.
pub fn check_icmp(
    type_text: &str,
    code_text: &str,
) -> Result<(Option<i64>, Option<i64>), FieldProblem> {
    let in_range = |v: i64| (-1..=255).contains(&v);
    let icmp_type = optional_int("icmp_type", type_text)?;
    if icmp_type.is_some_and(|t| !in_range(t)) {
        return Err(problem(
            "icmp_type",
            "The ICMP type is not in range (-1 to 255).",
        ));
    }
    let icmp_code = optional_int("icmp_code", code_text)?;
    if icmp_code.is_some_and(|c| !in_range(c)) {
        return Err(problem(
            "icmp_code",
            "The ICMP code is not in range (-1 to 255).",
        ));
    }
    let any = |v: Option<i64>| v.filter(|&v| v >= 0);
    let (icmp_type, icmp_code) = (any(icmp_type), any(icmp_code));
    if icmp_type.is_none() && icmp_code.is_some() {
        return Err(problem(
            "icmp_code",
            "ICMP code is provided but ICMP type is missing.",
        ));
    }
    Ok((icmp_type, icmp_code))
}

/// Other Protocol's IP protocol number: -1 (any) to 255.
pub fn check_ip_protocol(text: &str) -> Result<Option<i64>, FieldProblem> {
    match optional_int("ip_protocol", text)? {
        None => Err(problem("ip_protocol", "This field is required.")),
        Some(p) if (-1..=255).contains(&p) => Ok((p >= 0).then_some(p)),
        Some(_) => Err(problem(
            "ip_protocol",
            "Not a valid IP protocol number: enter an integer between -1 and 255.",
        )),
    }
}

/// The remote CIDR: a network address whose IP version is the rule's ether type.
pub fn check_remote_cidr(text: &str, ethertype: &str) -> Result<String, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(problem("cidr", "CIDR must be specified."));
    }
    let cidr = parse_cidr(text).map_err(|m| problem("cidr", m))?;
    let version = format!("IPv{}", cidr.version());
    if version != ethertype {
        return Err(problem(
            "cidr",
            format!("{cidr} is an {version} network, but the rule's Ether Type is {ethertype}."),
        ));
    }
    Ok(cidr.to_string())
}

impl RuleForm {
    /// Checks the form as Horizon's AddRule.clean does and turns it into the rule to create.
    /// A preset (SSH, All ICMP...) fixes protocol and ports, so the port fields are ignored;
    /// presets other than All TCP/UDP/ICMP are always ingress.
    pub fn to_rule(&self) -> Result<NewRule, FieldProblem> {
        let ethertype = match self.ethertype.as_str() {
            "" | "IPv4" => "IPv4",
            "IPv6" => "IPv6",
            _ => return Err(problem("ethertype", "Select IPv4 or IPv6.")),
        };
        let mut direction = match self.direction.as_str() {
            "" | "ingress" => "ingress",
            "egress" => "egress",
            _ => return Err(problem("direction", "Select Ingress or Egress.")),
        };
        let (protocol, min, max): (Option<String>, Option<i64>, Option<i64>) =
            match self.rule_menu.as_str() {
                "tcp" | "udp" => {
                    let (min, max) = match self.port_or_range.as_str() {
                        "" | "port" => {
                            let p = check_port("port", &self.port)?;
                            (Some(p), Some(p))
                        }
                        "range" => {
                            let (a, b) = check_port_range(&self.from_port, &self.to_port)?;
                            (Some(a), Some(b))
                        }
                        "all" => (None, None),
                        _ => return Err(problem("port_or_range", "Select a valid choice.")),
                    };
                    (Some(self.rule_menu.clone()), min, max)
                }
                "icmp" => {
                    let (t, c) = check_icmp(&self.icmp_type, &self.icmp_code)?;
                    (Some("icmp".into()), t, c)
                }
                "custom" => (
                    check_ip_protocol(&self.ip_protocol)?.map(|p| p.to_string()),
                    None,
                    None,
                ),
                key => {
                    let preset = find_preset(key)
                        .ok_or_else(|| problem("rule_menu", "Select a valid choice."))?;
                    if !key.starts_with("all_") {
                        direction = "ingress";
                    }
                    let (min, max) = match preset.ports {
                        Some((a, b)) => (Some(a as i64), Some(b as i64)),
                        None => (None, None),
                    };
                    (Some(preset.protocol.to_string()), min, max)
                }
            };
        // ICMP over IPv6 is its own protocol; the menu's "icmp" means the one that fits.
        let protocol = match protocol.as_deref() {
            Some("icmp") if ethertype == "IPv6" => Some("ipv6-icmp".to_string()),
            Some("1") if ethertype == "IPv6" => {
                return Err(problem(
                    "ip_protocol",
                    "58 (ipv6-icmp) should be specified for IPv6 instead of 1.",
                ))
            }
            Some("58") if ethertype == "IPv4" => {
                return Err(problem(
                    "ip_protocol",
                    "1 (icmp) should be specified for IPv4 instead of 58.",
                ))
            }
            _ => protocol,
        };
        let (remote_ip_prefix, remote_group_id) = match self.remote.as_str() {
            "" | "cidr" => (Some(check_remote_cidr(&self.cidr, ethertype)?), None),
            "sg" => {
                let group = self.security_group.trim();
                if group.is_empty() {
                    return Err(problem("security_group", "Select a security group."));
                }
                (None, Some(group.to_string()))
            }
            _ => return Err(problem("remote", "Select a valid choice.")),
        };
        let description = self.description.trim();
        if description.chars().count() > 255 {
            return Err(problem(
                "description",
                "Ensure this value has at most 255 characters.",
            ));
        }
        Ok(NewRule {
            direction: direction.into(),
            ethertype: ethertype.into(),
            protocol,
            port_range_min: min,
            port_range_max: max,
            remote_ip_prefix,
            remote_group_id,
            description: description.into(),
        })
    }
}

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
    /// One line in Horizon's words (its `SecurityGroupRule.__str__`):
    /// `ALLOW IPv4 22/tcp from 0.0.0.0/0`, `ALLOW IPv4 1000-2000/udp from 10.0.0.0/8`,
    /// `ALLOW IPv6 to ::/0`, `ALLOW IPv4 ip_proto=47 from default`.
    pub fn describe(&self) -> String {
        let proto = self.protocol.as_deref().unwrap_or("").to_lowercase();
        // As Horizon, a port of 0 counts as none.
        let ports = match (self.port_range_min.filter(|&p| p != 0), self.port_range_max) {
            (Some(a), Some(b)) if a == b => format!("{a}/{proto}"),
            (Some(a), Some(b)) => format!("{a}-{b}/{proto}"),
            (Some(a), None) => format!("{a}/{proto}"),
            _ => match proto.parse::<u8>() {
                Ok(number) => format!("ip_proto={number}"),
                Err(_) => proto,
            },
        };
        let remote = match &self.remote_group {
            Some(g) => g.clone(),
            None => self.remote_cidr(),
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

    /// The remote CIDR, where Neutron's "none" means every address of the ether type.
    pub fn remote_cidr(&self) -> String {
        match &self.remote_ip_prefix {
            Some(cidr) if !cidr.is_empty() => cidr.clone(),
            _ if self.ethertype == "IPv6" => "::/0".into(),
            _ => "0.0.0.0/0".into(),
        }
    }

    /// The Port Range column: `Any`, `22 (SSH)`, `1000 - 2000`.
    pub fn port_range(&self) -> String {
        let proto = self.protocol.as_deref();
        match (self.port_range_min, self.port_range_max) {
            (None, _) => "Any".into(),
            (Some(a), Some(b)) if a != b => {
                format!("{} - {}", port_label(a, proto), port_label(b, proto))
            }
            (Some(a), _) => port_label(a, proto),
        }
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
            "ALLOW IPv4 1000-2000/udp from 0.0.0.0/0"
        );
        let mut from_group = rule("ingress", "IPv4", Some("icmp"), None, None);
        from_group.remote_group = Some("default".into());
        assert_eq!(from_group.describe(), "ALLOW IPv4 icmp from default");
    }

    #[test]
    fn numbered_protocols_and_cells_read_like_horizon() {
        let gre = rule("ingress", "IPv4", Some("47"), None, None);
        assert_eq!(gre.describe(), "ALLOW IPv4 ip_proto=47 from 0.0.0.0/0");
        let ssh = rule("ingress", "IPv4", Some("tcp"), Some(22), Some(22));
        assert_eq!(ssh.port_range(), "22 (SSH)");
        let all_tcp = rule("ingress", "IPv4", Some("tcp"), Some(1), Some(65535));
        assert_eq!(all_tcp.port_range(), "1 - 65535");
        assert_eq!(rule("egress", "IPv6", None, None, None).port_range(), "Any");
        let row = RuleRow::new("r1".into(), &ssh, None);
        assert_eq!(row.direction, "Ingress");
        assert_eq!(row.protocol, "TCP");
        assert_eq!(row.remote_ip_prefix.as_deref(), Some("0.0.0.0/0"));
        assert_eq!(row.description, "-");
        let any = RuleRow::new("r2".into(), &rule("egress", "IPv6", None, None, None), None);
        assert_eq!(
            (any.protocol.as_str(), any.remote_ip_prefix.as_deref()),
            ("Any", Some("::/0"))
        );
    }

    fn form(rule_menu: &str) -> RuleForm {
        RuleForm {
            rule_menu: rule_menu.into(),
            direction: "ingress".into(),
            port_or_range: "port".into(),
            remote: "cidr".into(),
            cidr: "0.0.0.0/0".into(),
            ethertype: "IPv4".into(),
            ..Default::default()
        }
    }

    fn field_of(f: &RuleForm) -> &'static str {
        f.to_rule().unwrap_err().0
    }

    #[test]
    fn menu_lists_custom_rules_then_horizons_presets() {
        let labels: Vec<&str> = rule_menu_choices().iter().map(|c| c.1).collect();
        assert_eq!(
            &labels[..5],
            [
                "Custom TCP Rule",
                "Custom UDP Rule",
                "Custom ICMP Rule",
                "Other Protocol",
                "All ICMP"
            ]
        );
        assert_eq!(labels.last(), Some(&"SSH"));
        assert_eq!(labels.len(), 4 + 17);
    }

    #[test]
    fn ports_must_be_valid_and_ordered() {
        let mut f = form("tcp");
        f.port = "22".into();
        let r = f.to_rule().unwrap();
        assert_eq!(
            (r.protocol.as_deref(), r.port_range_min, r.port_range_max),
            (Some("tcp"), Some(22), Some(22))
        );
        f.port = "70000".into();
        assert_eq!(field_of(&f), "port");
        f.port = "0".into();
        assert_eq!(field_of(&f), "port");
        f.port = "".into();
        assert_eq!(field_of(&f), "port");
        f.port = "abc".into();
        assert_eq!(field_of(&f), "port");
        f.port_or_range = "range".into();
        f.from_port = "2000".into();
        f.to_port = "1000".into();
        let (field, message) = f.to_rule().unwrap_err();
        assert_eq!(field, "to_port");
        assert!(message.contains("greater than or equal"), "{message}");
        f.to_port = "2000".into();
        assert_eq!(f.to_rule().unwrap().port_range_max, Some(2000));
        f.from_port = "65536".into();
        assert_eq!(field_of(&f), "from_port");
        f.port_or_range = "all".into();
        let r = f.to_rule().unwrap();
        assert_eq!((r.port_range_min, r.port_range_max), (None, None));
    }

    #[test]
    fn icmp_type_and_code() {
        let mut f = form("icmp");
        let r = f.to_rule().unwrap();
        assert_eq!(
            (r.protocol.as_deref(), r.port_range_min, r.port_range_max),
            (Some("icmp"), None, None)
        );
        f.icmp_type = "8".into();
        f.icmp_code = "0".into();
        assert_eq!(f.to_rule().unwrap().port_range_min, Some(8));
        assert_eq!(f.to_rule().unwrap().port_range_max, Some(0));
        f.icmp_type = "300".into();
        assert_eq!(field_of(&f), "icmp_type");
        f.icmp_type = "-2".into();
        assert_eq!(field_of(&f), "icmp_type");
        f.icmp_type = "-1".into();
        f.icmp_code = "256".into();
        assert_eq!(field_of(&f), "icmp_code");
        // A code needs a type.
        f.icmp_code = "3".into();
        assert_eq!(field_of(&f), "icmp_code");
        f.icmp_type = "".into();
        assert_eq!(field_of(&f), "icmp_code");
        f.icmp_code = "-1".into();
        assert!(f.to_rule().is_ok());
        // ICMP over IPv6 is ipv6-icmp.
        f.ethertype = "IPv6".into();
        f.cidr = "::/0".into();
        assert_eq!(f.to_rule().unwrap().protocol.as_deref(), Some("ipv6-icmp"));
    }

    #[test]
    fn other_protocol_numbers() {
        let mut f = form("custom");
        f.ip_protocol = "47".into();
        assert_eq!(f.to_rule().unwrap().protocol.as_deref(), Some("47"));
        f.ip_protocol = "-1".into();
        assert_eq!(f.to_rule().unwrap().protocol, None);
        f.ip_protocol = "256".into();
        assert_eq!(field_of(&f), "ip_protocol");
        f.ip_protocol = "58".into();
        assert_eq!(field_of(&f), "ip_protocol");
    }

    #[test]
    fn presets_fix_protocol_and_ports_and_ignore_port_fields() {
        let mut f = form("ssh");
        f.port = "70000".into();
        f.from_port = "2000".into();
        f.to_port = "1000".into();
        f.icmp_type = "300".into();
        f.direction = "egress".into();
        let r = f.to_rule().unwrap();
        assert_eq!(
            (r.protocol.as_deref(), r.port_range_min, r.port_range_max),
            (Some("tcp"), Some(22), Some(22))
        );
        assert_eq!(r.direction, "ingress", "a named preset is always ingress");
        let mut all = form("all_icmp");
        all.direction = "egress".into();
        let r = all.to_rule().unwrap();
        assert_eq!(
            (
                r.protocol.as_deref(),
                r.port_range_min,
                r.direction.as_str()
            ),
            (Some("icmp"), None, "egress")
        );
        let http = form("http").to_rule().unwrap();
        assert_eq!(http.port_range_min, Some(80));
        assert_eq!(field_of(&form("telnet")), "rule_menu");
    }

    #[test]
    fn remote_cidr_must_parse_and_match_the_ether_type() {
        let mut f = form("http");
        f.cidr = "10.0.0.300/24".into();
        assert_eq!(field_of(&f), "cidr");
        f.cidr = "".into();
        assert_eq!(field_of(&f), "cidr");
        f.cidr = "fd00::/64".into();
        let (field, message) = f.to_rule().unwrap_err();
        assert_eq!(field, "cidr");
        assert!(message.contains("IPv6"), "{message}");
        f.ethertype = "IPv6".into();
        assert_eq!(
            f.to_rule().unwrap().remote_ip_prefix.as_deref(),
            Some("fd00::/64")
        );
        f.ethertype = "IPv5".into();
        assert_eq!(field_of(&f), "ethertype");
        // A remote group needs a group; the CIDR then does not count.
        let mut g = form("ssh");
        g.remote = "sg".into();
        g.cidr = "garbage".into();
        assert_eq!(field_of(&g), "security_group");
        g.security_group = "group-id".into();
        let r = g.to_rule().unwrap();
        assert_eq!(
            (r.remote_ip_prefix, r.remote_group_id.as_deref()),
            (None, Some("group-id"))
        );
    }
}
