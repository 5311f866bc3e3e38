//! Routers as the pages show them, and the checks of the router forms' input (an interface's
//! fixed IP, a static route) made before Neutron is asked.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::validate::{ip_in, parse_cidr, parse_ip};
use super::Choice;

/// A row of the Routers tables (project and admin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterRow {
    pub id: String,
    pub name: String,
    /// Neutron's status (`ACTIVE`, `DOWN`, `ERROR`...).
    pub status: String,
    pub admin_state_up: bool,
    /// The external network's name (its id when the user cannot see it); `None`: no gateway.
    pub external_network: Option<String>,
    pub availability_zones: Vec<String>,
    /// The owning project's name (the admin table); empty on the project's own table.
    pub project: String,
}

impl RouterRow {
    /// What the table shows and confirmations name: the name, or the id when it has none.
    pub fn display(&self) -> String {
        name_or_id(&self.name, &self.id)
    }
}

/// Project › Routers: the routers, and the external networks the Create Router form offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutersPage {
    pub routers: Vec<RouterRow>,
    pub external_networks: Vec<Choice>,
    /// Neutron lets only admins choose SNAT (`enable_snat`) by default; others are not offered it.
    pub can_set_snat: bool,
}

/// A router's external gateway, for its detail page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gateway {
    pub network_id: String,
    pub network_name: String,
    pub enable_snat: bool,
    /// (subnet id, IP address).
    pub external_fixed_ips: Vec<(String, String)>,
}

/// A port of the router (the Interfaces tab).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InterfaceRow {
    pub id: String,
    /// The port's name, or `(<id prefix>)` as Horizon shows unnamed ports.
    pub name: String,
    pub fixed_ips: Vec<String>,
    pub status: String,
    /// Horizon's words: `Internal Interface` or `External Gateway`.
    pub kind: String,
    pub admin_state_up: bool,
    /// The gateway port is removed by clearing the gateway, not as an interface.
    pub is_gateway: bool,
}

/// A static route (Neutron's `extraroute`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaticRoute {
    pub destination: String,
    pub nexthop: String,
}

impl StaticRoute {
    /// How Horizon names a route in its messages.
    pub fn display(&self) -> String {
        format!("{} -> {}", self.destination, self.nexthop)
    }
}

/// A subnet the Add Interface form offers, with what its fixed-IP check needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubnetChoice {
    pub id: String,
    /// `network: subnet (cidr)`.
    pub label: String,
    pub cidr: String,
    pub gateway_ip: Option<String>,
}

/// Everything the router's detail page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouterDetail {
    pub id: String,
    pub name: String,
    pub project_id: String,
    pub status: String,
    pub admin_state_up: bool,
    pub availability_zones: Vec<String>,
    pub gateway: Option<Gateway>,
    pub interfaces: Vec<InterfaceRow>,
    pub routes: Vec<StaticRoute>,
    /// The project's subnets not yet on this router (the Add Interface form's choices).
    pub subnets: Vec<SubnetChoice>,
    pub external_networks: Vec<Choice>,
    pub can_set_snat: bool,
}

/// Horizon's `name_or_id`: the name, or the first 13 characters of the id in brackets.
pub fn name_or_id(name: &str, id: &str) -> String {
    if name.is_empty() {
        format!("({})", id.get(..13).unwrap_or(id))
    } else {
        name.to_string()
    }
}

/// The label of a subnet in the Add Interface form: `network: subnet (cidr)`.
pub fn subnet_label(network: &str, subnet: &str, cidr: &str) -> String {
    let subnet = if subnet.is_empty() { cidr } else { subnet };
    if network.is_empty() {
        format!("{subnet} ({cidr})")
    } else {
        format!("{network}: {subnet} ({cidr})")
    }
}

/// The Add Interface form's optional fixed IP: empty is `None` (Neutron takes the subnet's
/// gateway address); otherwise an address inside the subnet that is not its gateway (the
/// gateway address is the one Neutron gives an interface added without a fixed IP).
pub fn check_interface_ip(subnet: &SubnetChoice, text: &str) -> Result<Option<IpAddr>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let cidr = parse_cidr(&subnet.cidr)?;
    let ip = ip_in(&cidr, text)?;
    if subnet
        .gateway_ip
        .as_deref()
        .and_then(|g| g.parse::<IpAddr>().ok())
        == Some(ip)
    {
        return Err(format!(
            "{ip} is the subnet's gateway address: leave the field empty to use it."
        ));
    }
    if ip == cidr.network && cidr.version() == 4 && cidr.prefix < 31 {
        return Err(format!("{ip} is the network address of {cidr}."));
    }
    if ip == super::validate::last_address(&cidr) && cidr.version() == 4 && cidr.prefix < 31 {
        return Err(format!("{ip} is the broadcast address of {cidr}."));
    }
    Ok(Some(ip))
}

/// The Add Static Route form: a destination network and a next hop of the same IP version.
/// Errors name their field (`destination`, `nexthop`).
pub fn check_route(
    destination: &str,
    nexthop: &str,
) -> Result<StaticRoute, (&'static str, String)> {
    let cidr = parse_cidr(destination).map_err(|m| ("destination", m))?;
    let hop = parse_ip(nexthop).map_err(|m| ("nexthop", m))?;
    if hop.is_ipv4() != cidr.network.is_ipv4() {
        return Err((
            "nexthop",
            format!(
                "The next hop must be an IPv{} address, as the destination {cidr} is.",
                cidr.version()
            ),
        ));
    }
    Ok(StaticRoute {
        destination: cidr.to_string(),
        nexthop: hop.to_string(),
    })
}

/// The Add Static Route form's errors for what has been typed so far (an empty field is not
/// judged yet), for the check the browser makes as the user leaves a field.
pub fn route_field_errors(destination: &str, nexthop: &str) -> Vec<(&'static str, String)> {
    let mut errors = vec![];
    let cidr = if destination.trim().is_empty() {
        None
    } else {
        match parse_cidr(destination) {
            Ok(c) => Some(c),
            Err(m) => {
                errors.push(("destination", m));
                None
            }
        }
    };
    if !nexthop.trim().is_empty() {
        match (parse_ip(nexthop), cidr) {
            (Err(m), _) => errors.push(("nexthop", m)),
            (Ok(_), None) => {}
            (Ok(_), Some(c)) => {
                if let Err((field, m)) = check_route(&c.to_string(), nexthop) {
                    errors.push((field, m));
                }
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subnet() -> SubnetChoice {
        SubnetChoice {
            id: "s".into(),
            label: "net: sub (10.1.2.0/24)".into(),
            cidr: "10.1.2.0/24".into(),
            gateway_ip: Some("10.1.2.1".into()),
        }
    }

    #[test]
    fn interface_ips() {
        assert_eq!(check_interface_ip(&subnet(), "  "), Ok(None));
        assert_eq!(
            check_interface_ip(&subnet(), "10.1.2.50"),
            Ok(Some("10.1.2.50".parse().unwrap()))
        );
        assert!(check_interface_ip(&subnet(), "10.9.9.9")
            .unwrap_err()
            .contains("not inside the network 10.1.2.0/24"));
        assert!(check_interface_ip(&subnet(), "10.1.2.1")
            .unwrap_err()
            .contains("gateway"));
        assert!(check_interface_ip(&subnet(), "10.1.2.0")
            .unwrap_err()
            .contains("network address"));
        assert!(check_interface_ip(&subnet(), "10.1.2.255")
            .unwrap_err()
            .contains("broadcast"));
        assert!(check_interface_ip(&subnet(), "banana").is_err());
    }

    #[test]
    fn routes() {
        let r = check_route("192.168.10.0/24", "10.0.0.5").unwrap();
        assert_eq!(r.display(), "192.168.10.0/24 -> 10.0.0.5");
        assert_eq!(
            check_route("10.0.0.300/24", "10.0.0.5").unwrap_err().0,
            "destination"
        );
        assert_eq!(
            check_route("10.0.0.1/24", "10.0.0.5").unwrap_err().0,
            "destination"
        );
        assert_eq!(
            check_route("10.0.0.0/24", "fd00::1").unwrap_err().0,
            "nexthop"
        );
        assert_eq!(check_route("fd00:1::/64", "nope").unwrap_err().0, "nexthop");
        assert!(check_route("fd00:1::/64", "fd00::1").is_ok());
    }

    #[test]
    fn route_fields_as_typed() {
        assert!(route_field_errors("", "").is_empty());
        assert!(route_field_errors("10.1.0.0/16", "").is_empty());
        assert_eq!(route_field_errors("10.0.0.300/24", "")[0].0, "destination");
        assert_eq!(route_field_errors("", "x")[0].0, "nexthop");
        assert_eq!(route_field_errors("10.1.0.0/16", "fd00::1")[0].0, "nexthop");
        assert!(route_field_errors("10.1.0.0/16", "10.0.0.1").is_empty());
    }

    #[test]
    fn names() {
        assert_eq!(name_or_id("", "0123456789abcdef"), "(0123456789abc)");
        assert_eq!(name_or_id("r1", "x"), "r1");
        assert_eq!(
            subnet_label("net", "sub", "10.0.0.0/24"),
            "net: sub (10.0.0.0/24)"
        );
        assert_eq!(
            subnet_label("", "", "10.0.0.0/24"),
            "10.0.0.0/24 (10.0.0.0/24)"
        );
    }
}
