//! Networks, subnets and ports as the pages show them, and the checks their forms get on
//! the server before Neutron is asked for anything.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::validate::{ip_in, ip_le, parse_cidr, parse_ip, Cidr};

/// A subnet as the networks table names it: `name cidr`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetBrief {
    pub id: String,
    pub name: String,
    pub cidr: String,
}

/// A row of the networks tables (Project › Networks, Admin › Networks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub project_id: String,
    /// The owning project's name (Admin › Networks).
    pub project_name: Option<String>,
    pub subnets: Vec<SubnetBrief>,
    pub shared: bool,
    pub external: bool,
    pub status: String,
    pub admin_state_up: bool,
    pub availability_zones: Vec<String>,
    pub mtu: Option<u32>,
    pub port_security_enabled: Option<bool>,
    /// Provider attributes, which only an admin is shown.
    pub network_type: Option<String>,
    pub physical_network: Option<String>,
    pub segmentation_id: Option<u32>,
    /// Whether this user may edit or delete it: the project's own network (any, for admin).
    pub editable: bool,
}

impl NetworkRow {
    /// Its name, or its id when it has none (Neutron allows an empty name).
    pub fn display_name(&self) -> String {
        if self.name.is_empty() {
            format!("({})", &self.id[..8.min(self.id.len())])
        } else {
            self.name.clone()
        }
    }
}

/// One subnet, with everything its detail and edit form show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetRow {
    pub id: String,
    pub name: String,
    pub network_id: String,
    pub cidr: String,
    pub ip_version: u8,
    pub gateway_ip: Option<String>,
    pub enable_dhcp: bool,
    /// `start,end` pairs.
    pub allocation_pools: Vec<(String, String)>,
    pub dns_nameservers: Vec<String>,
    /// `destination,nexthop` pairs.
    pub host_routes: Vec<(String, String)>,
}

impl SubnetRow {
    /// The pools as the form's text area holds them: a `start,end` per line.
    pub fn pools_text(&self) -> String {
        pairs_text(&self.allocation_pools)
    }

    pub fn routes_text(&self) -> String {
        pairs_text(&self.host_routes)
    }
}

fn pairs_text(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(a, b)| format!("{a},{b}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One port on a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortRow {
    pub id: String,
    pub name: String,
    pub fixed_ips: Vec<String>,
    pub mac_address: String,
    /// What it is plugged into, in Horizon's words (`compute:nova`, `network:dhcp`, ... or
    /// `Detached`).
    pub attached_device: String,
    pub device_id: String,
    pub status: String,
    pub admin_state_up: bool,
    pub port_security_enabled: Option<bool>,
    /// The names (or ids) of its security groups.
    pub security_groups: Vec<String>,
    pub security_group_ids: Vec<String>,
}

/// A network's detail page: the network, its subnets and its ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkDetail {
    pub network: NetworkRow,
    pub subnets: Vec<SubnetRow>,
    pub ports: Vec<PortRow>,
    /// The project's security groups, for the port forms: (id, name).
    pub security_groups: Vec<(String, String)>,
}

/// A refusal of one field: its name in the form and the sentence shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field,
        message: message.into(),
    }
}

pub const REQUIRED: &str = "This field is required.";

/// A name Neutron will take: at most 255 characters (empty is allowed where `required` is
/// false, as Neutron allows it).
pub fn check_name(field: &'static str, name: &str, required: bool) -> Result<String, FieldProblem> {
    let name = name.trim();
    if required && name.is_empty() {
        return Err(problem(field, REQUIRED));
    }
    if name.chars().count() > 255 {
        return Err(problem(
            field,
            "Ensure this value has at most 255 characters.",
        ));
    }
    Ok(name.to_string())
}

/// The MTU, when one is given: a whole number Neutron can use (68 is IPv4's minimum).
pub fn check_mtu(text: &str) -> Result<Option<u32>, FieldProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u32>() {
        Ok(mtu) if (68..=65535).contains(&mtu) => Ok(Some(mtu)),
        _ => Err(problem(
            "mtu",
            "The MTU must be a whole number from 68 to 65535.",
        )),
    }
}

/// What an admin asks of the provider network: its type and, as the type needs them, a
/// physical network and a segmentation ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSpec {
    pub network_type: String,
    pub physical_network: Option<String>,
    pub segmentation_id: Option<u32>,
}

/// The provider network types Meridian offers, with Horizon's labels.
pub const NETWORK_TYPES: &[(&str, &str)] = &[
    ("local", "Local"),
    ("flat", "Flat"),
    ("vlan", "VLAN"),
    ("vxlan", "VXLAN"),
    ("gre", "GRE"),
    ("geneve", "Geneve"),
];

pub fn check_provider(
    network_type: &str,
    physical_network: &str,
    segmentation_id: &str,
) -> Result<Option<ProviderSpec>, FieldProblem> {
    let network_type = network_type.trim();
    if network_type.is_empty() {
        return Ok(None);
    }
    if !NETWORK_TYPES.iter().any(|(t, _)| *t == network_type) {
        return Err(problem(
            "network_type",
            format!("{network_type:?} is not a provider network type."),
        ));
    }
    let physical = physical_network.trim();
    let needs_physical = matches!(network_type, "flat" | "vlan");
    if needs_physical && physical.is_empty() {
        return Err(problem(
            "physical_network",
            format!("A {network_type} network needs a physical network."),
        ));
    }
    let seg_text = segmentation_id.trim();
    let seg_range = match network_type {
        "vlan" => Some(1..=4094u32),
        "vxlan" | "geneve" | "gre" => Some(1..=16_777_215u32),
        _ => None,
    };
    let segmentation_id = match (seg_range, seg_text.is_empty()) {
        (None, true) => None,
        (None, false) => {
            return Err(problem(
                "segmentation_id",
                format!("A {network_type} network has no segmentation ID."),
            ))
        }
        (Some(_), true) => None,
        (Some(range), false) => match seg_text.parse::<u32>() {
            Ok(id) if range.contains(&id) => Some(id),
            _ => {
                return Err(problem(
                    "segmentation_id",
                    format!(
                    "The segmentation ID of a {network_type} network is a number from {} to {}.",
                    range.start(),
                    range.end()
                ),
                ))
            }
        },
    };
    Ok(Some(ProviderSpec {
        network_type: network_type.to_string(),
        physical_network: (needs_physical || !physical.is_empty()).then(|| physical.to_string()),
        segmentation_id,
    }))
}

/// What the subnet forms post (Create Network's Subnet steps, Create / Edit Subnet).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubnetInput {
    pub cidr: String,
    /// "4" or "6".
    pub ip_version: String,
    pub gateway_ip: String,
    pub no_gateway: bool,
    /// A `start,end` pair per line.
    pub allocation_pools: String,
    /// An address per line.
    pub dns_nameservers: String,
    /// A `destination,nexthop` pair per line.
    pub host_routes: String,
}

/// The gateway the subnet gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gateway {
    /// Neutron picks (the first address).
    Default,
    None,
    Address(IpAddr),
}

/// A subnet that passed every check, ready for Neutron.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetPlan {
    pub cidr: Cidr,
    pub gateway: Gateway,
    pub pools: Vec<(IpAddr, IpAddr)>,
    pub dns: Vec<IpAddr>,
    pub routes: Vec<(Cidr, IpAddr)>,
}

impl SubnetPlan {
    /// The fields of Neutron's `subnet` object this plan sets (not the name or network).
    pub fn neutron_fields(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::{json, Value};
        let mut m = serde_json::Map::new();
        m.insert("cidr".into(), json!(self.cidr.to_string()));
        m.insert("ip_version".into(), json!(self.cidr.version()));
        match &self.gateway {
            Gateway::Default => {}
            Gateway::None => {
                m.insert("gateway_ip".into(), Value::Null);
            }
            Gateway::Address(ip) => {
                m.insert("gateway_ip".into(), json!(ip.to_string()));
            }
        }
        if !self.pools.is_empty() {
            m.insert("allocation_pools".into(), self.pools_json());
        }
        m.insert(
            "dns_nameservers".into(),
            json!(self.dns.iter().map(|d| d.to_string()).collect::<Vec<_>>()),
        );
        m.insert("host_routes".into(), self.routes_json());
        m
    }

    pub fn pools_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.pools
                .iter()
                .map(|(s, e)| serde_json::json!({ "start": s.to_string(), "end": e.to_string() }))
                .collect(),
        )
    }

    pub fn routes_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.routes
                .iter()
                .map(|(d, n)| serde_json::json!({ "destination": d.to_string(), "nexthop": n.to_string() }))
                .collect(),
        )
    }
}

/// Checks a subnet's fields: the network address and its IP version, the gateway inside
/// it (and outside the pools), pools inside it, in order and not overlapping, DNS servers
/// and host routes of the same version.
pub fn check_subnet(input: &SubnetInput) -> Result<SubnetPlan, FieldProblem> {
    if input.cidr.trim().is_empty() {
        return Err(problem("cidr", REQUIRED));
    }
    let cidr = parse_cidr(&input.cidr).map_err(|m| problem("cidr", m))?;
    let version = input.ip_version.trim();
    if !version.is_empty() && version != cidr.version().to_string() {
        return Err(problem(
            "cidr",
            format!(
                "{cidr} is an IPv{} network address, but IP version IPv{version} is chosen.",
                cidr.version()
            ),
        ));
    }
    let gateway = if input.no_gateway {
        Gateway::None
    } else if input.gateway_ip.trim().is_empty() {
        Gateway::Default
    } else {
        Gateway::Address(ip_in(&cidr, &input.gateway_ip).map_err(|m| {
            problem(
                "gateway_ip",
                format!("The gateway IP must be inside {cidr}: {m}"),
            )
        })?)
    };

    let mut pools: Vec<(IpAddr, IpAddr)> = vec![];
    for line in lines(&input.allocation_pools) {
        let (start, end) = line.split_once(',').ok_or_else(|| {
            problem(
                "allocation_pools",
                format!("{line:?}: write each pool as start,end (e.g. 10.0.0.10,10.0.0.50)."),
            )
        })?;
        let start = ip_in(&cidr, start).map_err(|m| problem("allocation_pools", m))?;
        let end = ip_in(&cidr, end).map_err(|m| problem("allocation_pools", m))?;
        if !ip_le(start, end) {
            return Err(problem(
                "allocation_pools",
                format!("The pool {start},{end} ends before it starts."),
            ));
        }
        if let Some((s, e)) = pools
            .iter()
            .find(|(s, e)| ip_le(*s, end) && ip_le(start, *e))
        {
            return Err(problem(
                "allocation_pools",
                format!("The pools {s},{e} and {start},{end} overlap."),
            ));
        }
        if let Gateway::Address(gw) = gateway {
            if ip_le(start, gw) && ip_le(gw, end) {
                return Err(problem(
                    "allocation_pools",
                    format!("The pool {start},{end} contains the gateway IP {gw}."),
                ));
            }
        }
        pools.push((start, end));
    }

    let mut dns = vec![];
    for line in lines(&input.dns_nameservers) {
        let ip = parse_ip(line).map_err(|m| problem("dns_nameservers", m))?;
        if ip.is_ipv4() != cidr.network.is_ipv4() {
            return Err(problem(
                "dns_nameservers",
                format!(
                    "{ip} is not an IPv{} address like the subnet.",
                    cidr.version()
                ),
            ));
        }
        dns.push(ip);
    }

    let mut routes = vec![];
    for line in lines(&input.host_routes) {
        let (dest, next) = line.split_once(',').ok_or_else(|| {
            problem(
                "host_routes",
                format!("{line:?}: write each route as destination_cidr,nexthop (e.g. 192.168.200.0/24,10.56.1.254)."),
            )
        })?;
        let dest = parse_cidr(dest).map_err(|m| problem("host_routes", m))?;
        let next = parse_ip(next).map_err(|m| problem("host_routes", m))?;
        if dest.version() != cidr.version() || next.is_ipv4() != cidr.network.is_ipv4() {
            return Err(problem(
                "host_routes",
                format!(
                    "The route {line} is not IPv{} like the subnet.",
                    cidr.version()
                ),
            ));
        }
        routes.push((dest, next));
    }

    Ok(SubnetPlan {
        cidr,
        gateway,
        pools,
        dns,
        routes,
    })
}

/// The non-empty, trimmed lines of a text area (commas may carry spaces around them).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// A fixed IP asked for on a new port: inside one of the network's subnets.
pub fn check_fixed_ip(
    subnets: &[SubnetRow],
    ip: &str,
) -> Result<Option<(String, IpAddr)>, FieldProblem> {
    let ip = ip.trim();
    if ip.is_empty() {
        return Ok(None);
    }
    let addr = parse_ip(ip).map_err(|m| problem("fixed_ip", m))?;
    for s in subnets {
        if let Ok(c) = parse_cidr(&s.cidr) {
            if c.contains(addr) {
                return Ok(Some((s.id.clone(), addr)));
            }
        }
    }
    let cidrs: Vec<&str> = subnets.iter().map(|s| s.cidr.as_str()).collect();
    Err(problem(
        "fixed_ip",
        if cidrs.is_empty() {
            "The network has no subnet to take a fixed IP from.".to_string()
        } else {
            format!(
                "{addr} is in none of the network's subnets ({}).",
                cidrs.join(", ")
            )
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(cidr: &str) -> SubnetInput {
        SubnetInput {
            cidr: cidr.into(),
            ip_version: "4".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_plain_subnet_passes() {
        let plan = check_subnet(&input("10.0.0.0/24")).unwrap();
        assert_eq!(plan.gateway, Gateway::Default);
        let f = plan.neutron_fields();
        assert_eq!(f["cidr"], "10.0.0.0/24");
        assert_eq!(f["ip_version"], 4);
        assert!(!f.contains_key("gateway_ip"));
    }

    #[test]
    fn cidr_syntax_and_version() {
        assert_eq!(check_subnet(&input("")).unwrap_err().field, "cidr");
        assert_eq!(
            check_subnet(&input("10.0.0.300/24")).unwrap_err().field,
            "cidr"
        );
        let mut v6 = input("fd00::/64");
        assert!(check_subnet(&v6).unwrap_err().message.contains("IPv6"));
        v6.ip_version = "6".into();
        assert!(check_subnet(&v6).is_ok());
    }

    #[test]
    fn gateway_inside_or_none() {
        let mut i = input("10.0.0.0/24");
        i.gateway_ip = "10.0.1.1".into();
        let e = check_subnet(&i).unwrap_err();
        assert_eq!(e.field, "gateway_ip");
        assert!(e.message.contains("10.0.0.0/24"), "{}", e.message);
        i.gateway_ip = "10.0.0.254".into();
        assert_eq!(
            check_subnet(&i).unwrap().gateway,
            Gateway::Address("10.0.0.254".parse().unwrap())
        );
        i.no_gateway = true;
        let plan = check_subnet(&i).unwrap();
        assert_eq!(plan.gateway, Gateway::None);
        assert!(plan.neutron_fields()["gateway_ip"].is_null());
    }

    #[test]
    fn pools_inside_ordered_apart() {
        let mut i = input("10.0.0.0/24");
        i.allocation_pools = "10.0.0.10,10.0.0.20\n 10.0.0.30 , 10.0.0.40 ".into();
        assert_eq!(check_subnet(&i).unwrap().pools.len(), 2);
        for bad in [
            "10.0.0.10-10.0.0.20",
            "10.0.0.10,10.0.1.20",
            "10.0.0.20,10.0.0.10",
            "10.0.0.10,10.0.0.20\n10.0.0.15,10.0.0.30",
        ] {
            i.allocation_pools = bad.into();
            assert_eq!(
                check_subnet(&i).unwrap_err().field,
                "allocation_pools",
                "{bad}"
            );
        }
        i.allocation_pools = "10.0.0.1,10.0.0.20".into();
        i.gateway_ip = "10.0.0.1".into();
        assert!(check_subnet(&i).unwrap_err().message.contains("gateway"));
    }

    #[test]
    fn dns_and_routes() {
        let mut i = input("10.0.0.0/24");
        i.dns_nameservers = "8.8.8.8\n1.1.1.1".into();
        i.host_routes = "192.168.0.0/24,10.0.0.5".into();
        let plan = check_subnet(&i).unwrap();
        assert_eq!(plan.dns.len(), 2);
        assert_eq!(plan.routes_json()[0]["nexthop"], "10.0.0.5");
        i.dns_nameservers = "dns.example".into();
        assert_eq!(check_subnet(&i).unwrap_err().field, "dns_nameservers");
        i.dns_nameservers = "fd00::1".into();
        assert_eq!(check_subnet(&i).unwrap_err().field, "dns_nameservers");
        i.dns_nameservers.clear();
        i.host_routes = "192.168.0.0/24".into();
        assert_eq!(check_subnet(&i).unwrap_err().field, "host_routes");
    }

    #[test]
    fn provider_fields() {
        let flat = check_provider("flat", "extnet", "").unwrap().unwrap();
        assert_eq!(flat.physical_network.as_deref(), Some("extnet"));
        assert_eq!(
            check_provider("flat", "", "").unwrap_err().field,
            "physical_network"
        );
        assert_eq!(
            check_provider("flat", "extnet", "5").unwrap_err().field,
            "segmentation_id"
        );
        assert_eq!(
            check_provider("vlan", "extnet", "4095").unwrap_err().field,
            "segmentation_id"
        );
        assert_eq!(
            check_provider("vlan", "extnet", "100")
                .unwrap()
                .unwrap()
                .segmentation_id,
            Some(100)
        );
        assert_eq!(
            check_provider("vxlan", "", "")
                .unwrap()
                .unwrap()
                .physical_network,
            None
        );
        assert_eq!(check_provider("", "", "").unwrap(), None);
        assert_eq!(
            check_provider("token-ring", "", "").unwrap_err().field,
            "network_type"
        );
    }

    #[test]
    fn names_and_mtu() {
        assert_eq!(
            check_name("name", "  ", true).unwrap_err().message,
            REQUIRED
        );
        assert_eq!(check_name("name", "", false).unwrap(), "");
        assert!(check_name("name", &"x".repeat(256), false).is_err());
        assert_eq!(check_mtu("").unwrap(), None);
        assert_eq!(check_mtu("1450").unwrap(), Some(1450));
        assert!(check_mtu("12").is_err());
        assert!(check_mtu("big").is_err());
    }

    #[test]
    fn fixed_ips_in_a_subnet() {
        let s = SubnetRow {
            id: "s1".into(),
            name: "a".into(),
            network_id: "n".into(),
            cidr: "10.0.0.0/24".into(),
            ip_version: 4,
            gateway_ip: None,
            enable_dhcp: true,
            allocation_pools: vec![],
            dns_nameservers: vec![],
            host_routes: vec![],
        };
        assert_eq!(check_fixed_ip(std::slice::from_ref(&s), "").unwrap(), None);
        assert_eq!(
            check_fixed_ip(std::slice::from_ref(&s), "10.0.0.9")
                .unwrap()
                .unwrap()
                .0,
            "s1"
        );
        assert_eq!(
            check_fixed_ip(&[s], "10.0.9.9").unwrap_err().field,
            "fixed_ip"
        );
    }
}
