//! Checks of network input that the server makes before asking Neutron: CIDRs, addresses
//! inside them, allocation pools, DNS servers, host routes. Each error is a sentence for the
//! field it belongs to.

use std::net::IpAddr;
use std::str::FromStr;

/// A network address with its prefix length (`10.0.0.0/24`, `fd00::/64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    pub network: IpAddr,
    pub prefix: u8,
}

impl Cidr {
    /// 4 or 6.
    pub fn version(&self) -> u8 {
        if self.network.is_ipv4() {
            4
        } else {
            6
        }
    }

    fn bits(&self) -> u8 {
        if self.network.is_ipv4() {
            32
        } else {
            128
        }
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        ip.is_ipv4() == self.network.is_ipv4() && masked(ip, self.prefix) == to_u128(self.network)
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

fn to_u128(ip: IpAddr) -> u128 {
    match ip {
        IpAddr::V4(v4) => u32::from(v4) as u128,
        IpAddr::V6(v6) => u128::from(v6),
    }
}

fn from_u128(value: u128, v4: bool) -> IpAddr {
    if v4 {
        IpAddr::V4((value as u32).into())
    } else {
        IpAddr::V6(value.into())
    }
}

fn masked(ip: IpAddr, prefix: u8) -> u128 {
    let bits: u32 = if ip.is_ipv4() { 32 } else { 128 };
    let host_bits = bits - prefix as u32;
    let value = to_u128(ip);
    if host_bits >= 128 {
        0
    } else {
        value >> host_bits << host_bits
    }
}

/// Parses `a.b.c.d/n` or `x:y::/n`. Host bits must be zero (`10.0.0.1/24` is refused,
/// naming `10.0.0.0/24`), as Neutron would otherwise store a network the user did not mean.
pub fn parse_cidr(text: &str) -> Result<Cidr, String> {
    let text = text.trim();
    let invalid =
        || format!("{text:?} is not a network address: write it as 10.0.0.0/24 or fd00::/64.");
    let (addr, prefix) = text.split_once('/').ok_or_else(invalid)?;
    let ip = IpAddr::from_str(addr).map_err(|_| invalid())?;
    let prefix: u8 = prefix.parse().map_err(|_| invalid())?;
    let bits = if ip.is_ipv4() { 32 } else { 128 };
    if prefix > bits {
        return Err(format!(
            "The prefix length /{prefix} is too long for an IPv{} address (at most /{bits}).",
            if ip.is_ipv4() { 4 } else { 6 }
        ));
    }
    let network = from_u128(masked(ip, prefix), ip.is_ipv4());
    if network != ip {
        return Err(format!(
            "{text} has host bits set: the network address is {network}/{prefix}."
        ));
    }
    Ok(Cidr { network, prefix })
}

/// Parses one IP address.
pub fn parse_ip(text: &str) -> Result<IpAddr, String> {
    let text = text.trim();
    IpAddr::from_str(text).map_err(|_| format!("{text:?} is not an IP address."))
}

/// An address that must lie inside `cidr` (a gateway, a fixed IP, a pool's end).
pub fn ip_in(cidr: &Cidr, text: &str) -> Result<IpAddr, String> {
    let ip = parse_ip(text)?;
    if !cidr.contains(ip) {
        return Err(format!("{ip} is not inside the network {cidr}."));
    }
    Ok(ip)
}

/// The number of addresses in `cidr` as a u128 (saturating), for range checks.
pub fn last_address(cidr: &Cidr) -> IpAddr {
    let host_bits = (cidr.bits() - cidr.prefix) as u32;
    let span = if host_bits >= 128 {
        u128::MAX
    } else {
        (1u128 << host_bits) - 1
    };
    from_u128(to_u128(cidr.network) | span, cidr.network.is_ipv4())
}

/// Orders two addresses of the same family.
pub fn ip_le(a: IpAddr, b: IpAddr) -> bool {
    to_u128(a) <= to_u128(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        let c = parse_cidr("10.0.0.0/24").unwrap();
        assert_eq!(c.version(), 4);
        assert!(c.contains("10.0.0.7".parse().unwrap()));
        assert!(!c.contains("10.0.1.7".parse().unwrap()));
        assert_eq!(last_address(&c).to_string(), "10.0.0.255");
        let v6 = parse_cidr("fd00:1::/64").unwrap();
        assert_eq!(v6.version(), 6);
        assert!(v6.contains("fd00:1::5".parse().unwrap()));
        assert!(parse_cidr("0.0.0.0/0").is_ok());
        assert!(parse_cidr("10.0.0.0/33").unwrap_err().contains("/33"));
        assert!(parse_cidr("10.0.0.1/24")
            .unwrap_err()
            .contains("10.0.0.0/24"));
        assert!(parse_cidr("10.0.0/24").is_err());
        assert!(parse_cidr("banana").is_err());
        assert!(parse_cidr("10.0.0.0").is_err());
    }

    #[test]
    fn addresses_inside() {
        let c = parse_cidr("192.168.5.0/24").unwrap();
        assert!(ip_in(&c, "192.168.5.1").is_ok());
        assert!(ip_in(&c, "192.168.6.1").unwrap_err().contains("not inside"));
        assert!(ip_in(&c, "fd00::1").is_err());
        assert!(ip_in(&c, "nope").is_err());
    }
}
