//! The network topology picture: what it is drawn from, where each object goes, and the
//! SVG itself. All of it is pure (no I/O), so the server draws the picture for the first
//! paint and the browser redraws the same way when the project changes.
//!
//! The layout follows Horizon's: each network is a vertical bar (external networks first,
//! on the left), routers and instances are boxes in a column to the right of the bars, and
//! each port is a horizontal line from its box to its network's bar, ending in a dot.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

/// What the page draws: the project's networks, routers and instances, and their ports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topology {
    pub networks: Vec<TopoNetwork>,
    pub routers: Vec<TopoDevice>,
    pub instances: Vec<TopoDevice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopoNetwork {
    pub id: String,
    pub name: String,
    /// Its subnets' CIDRs.
    pub cidrs: Vec<String>,
    pub external: bool,
}

/// A router or an instance, with its ports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopoDevice {
    pub id: String,
    pub name: String,
    pub status: String,
    pub links: Vec<TopoLink>,
}

/// One port: the network it is on and its address there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopoLink {
    pub network_id: String,
    pub address: String,
    /// A router's external gateway (rather than one of its interfaces).
    pub gateway: bool,
}

impl Topology {
    /// Nothing to draw: the page shows how to start instead.
    pub fn is_empty(&self) -> bool {
        self.networks.is_empty() && self.routers.is_empty() && self.instances.is_empty()
    }
}

impl TopoNetwork {
    /// The bar's label: the name, then the CIDRs.
    fn label(&self) -> String {
        let mut text = self.name.clone();
        for cidr in &self.cidrs {
            text.push_str("  ");
            text.push_str(cidr);
        }
        text
    }
}

const MARGIN: i32 = 20;
const BAR_WIDTH: i32 = 28;
/// From one bar's left edge to the next: room for an address label between bars.
const BAR_STEP: i32 = 110;
const DEVICE_GAP: i32 = 30;
const DEVICE_WIDTH: i32 = 200;
const DEVICE_MIN_HEIGHT: i32 = 46;
const LINK_SPACING: i32 = 14;
const ROW_GAP: i32 = 16;
/// Roughly how wide a character of the bars' 12px label is, in halves of a unit.
const HALF_CHAR_WIDTH: i32 = 13;

/// Where everything goes, in SVG user units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: i32,
    pub height: i32,
    /// The left edge of each network's bar, in `Topology::networks` order.
    pub bar_x: Vec<i32>,
    pub bar_top: i32,
    pub bar_height: i32,
    pub devices: Vec<DeviceBox>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceKind {
    Router,
    Instance,
}

/// A device's box and the height of each of its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceBox {
    pub kind: DeviceKind,
    /// Index into `Topology::routers` or `Topology::instances`.
    pub index: usize,
    pub x: i32,
    pub y: i32,
    pub height: i32,
    /// For each of the device's links on a network that is drawn: (network index, line y).
    pub lines: Vec<(usize, i32)>,
}

/// Places the bars and the boxes. A device gets one line per port, each at its own height
/// so that a router's gateway and interface lines stay apart.
pub fn layout(t: &Topology) -> Layout {
    let bar_x: Vec<i32> = (0..t.networks.len() as i32)
        .map(|i| MARGIN + i * BAR_STEP)
        .collect();
    let device_x =
        MARGIN + t.networks.len() as i32 * BAR_STEP + DEVICE_GAP - BAR_STEP / 2 + BAR_WIDTH / 2;
    let device_x = device_x.max(MARGIN);
    let network_index = |id: &str| t.networks.iter().position(|n| n.id == id);
    let top = MARGIN;
    // The bars' labels run down from their tops; the boxes start below the longest, so
    // that no line or dot crosses a label.
    let longest_label = t
        .networks
        .iter()
        .map(|n| n.label().chars().count() as i32)
        .max()
        .unwrap_or(0);
    let label_zone = longest_label * HALF_CHAR_WIDTH / 2 + 20;
    let mut y = top + label_zone;
    let mut devices = vec![];
    let all = t
        .routers
        .iter()
        .enumerate()
        .map(|(i, d)| (DeviceKind::Router, i, d))
        .chain(
            t.instances
                .iter()
                .enumerate()
                .map(|(i, d)| (DeviceKind::Instance, i, d)),
        );
    for (kind, index, device) in all {
        let drawn: Vec<usize> = device
            .links
            .iter()
            .filter_map(|l| network_index(&l.network_id))
            .collect();
        let height = DEVICE_MIN_HEIGHT.max(LINK_SPACING * (drawn.len() as i32 + 1));
        let step = height / (drawn.len() as i32 + 1);
        let lines = drawn
            .into_iter()
            .enumerate()
            .map(|(k, n)| (n, y + step * (k as i32 + 1)))
            .collect();
        devices.push(DeviceBox {
            kind,
            index,
            x: device_x,
            y,
            height,
            lines,
        });
        y += height + ROW_GAP;
    }
    let bar_height = (y - ROW_GAP - top + 10).max(label_zone + 40);
    let width = if devices.is_empty() {
        MARGIN + t.networks.len() as i32 * BAR_STEP
    } else {
        device_x + DEVICE_WIDTH + MARGIN
    };
    Layout {
        width,
        height: top + bar_height + MARGIN,
        bar_x,
        bar_top: top,
        bar_height,
        devices,
    }
}

/// Escapes text for SVG/XML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a name to what fits in a device box.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// The whole picture as SVG markup. Every object is a link to its page, with a `<title>`
/// (its accessible name and tooltip) and classes and data attributes to find it by:
/// `g.network`, `g.router`, `g.instance` (`data-id`, `data-name`) and `line.link`
/// (`data-from` = the device's id, `data-to` = the network's id).
pub fn render_svg(t: &Topology) -> String {
    let l = layout(t);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="topology" role="img" aria-labelledby="topology-title" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="ui-sans-serif, system-ui, sans-serif">"#,
        w = l.width,
        h = l.height
    );
    let _ = write!(
        s,
        r#"<title id="topology-title">Network topology: {} networks, {} routers, {} instances</title>"#,
        t.networks.len(),
        t.routers.len(),
        t.instances.len()
    );
    let device = |b: &DeviceBox| match b.kind {
        DeviceKind::Router => &t.routers[b.index],
        DeviceKind::Instance => &t.instances[b.index],
    };

    // Lines first, so that the bars cover the lines merely passing behind them.
    for b in &l.devices {
        let d = device(b);
        for (n, y) in &b.lines {
            let net = &t.networks[*n];
            let x = l.bar_x[*n] + BAR_WIDTH / 2;
            let link = d
                .links
                .iter()
                .find(|k| k.network_id == net.id)
                .map(|k| k.address.as_str())
                .unwrap_or("");
            let kind = if d.links.iter().any(|k| k.network_id == net.id && k.gateway) {
                "gateway"
            } else {
                "interface"
            };
            let _ = write!(
                s,
                r##"<line class="link {kind}" data-from="{from}" data-to="{to}" x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="#64748b" stroke-width="2"><title>{name} – {net}: {addr}</title></line>"##,
                from = esc(&d.id),
                to = esc(&net.id),
                x2 = b.x,
                name = esc(&d.name),
                net = esc(&net.name),
                addr = esc(link),
            );
        }
    }

    for (i, net) in t.networks.iter().enumerate() {
        let x = l.bar_x[i];
        let fill = if net.external { "#475569" } else { "#0369a1" };
        // Written downwards from the top of the bar.
        let (cx, cy) = (x + BAR_WIDTH / 2 - 4, l.bar_top + 10);
        let _ = write!(
            s,
            r##"<a href="/project/networks/{id}/"><g class="network{ext}" data-id="{id}" data-name="{name}"><title>Network {name}{cidrs}</title><rect x="{x}" y="{y}" width="{BAR_WIDTH}" height="{h}" rx="4" fill="{fill}"/><text x="{cx}" y="{cy}" transform="rotate(90 {cx} {cy})" fill="#fff" font-size="12" font-weight="600">{label}</text></g></a>"##,
            id = esc(&net.id),
            ext = if net.external { " external" } else { "" },
            name = esc(&net.name),
            cidrs = if net.cidrs.is_empty() {
                String::new()
            } else {
                format!(" ({})", esc(&net.cidrs.join(", ")))
            },
            y = l.bar_top,
            h = l.bar_height,
            label = esc(&net.label()),
        );
    }

    for b in &l.devices {
        let d = device(b);
        // The dots where the lines meet their bars, and the addresses beside them.
        for (n, y) in &b.lines {
            let net = &t.networks[*n];
            let x = l.bar_x[*n] + BAR_WIDTH / 2;
            let addr = d
                .links
                .iter()
                .find(|k| k.network_id == net.id)
                .map(|k| k.address.as_str())
                .unwrap_or("");
            let _ = write!(
                s,
                r##"<circle cx="{x}" cy="{y}" r="4" fill="#fff" stroke="#334155" stroke-width="2"/><text class="address" x="{tx}" y="{ty}" font-size="10" fill="#334155" stroke="#f8fafc" stroke-width="3" paint-order="stroke">{addr}</text>"##,
                tx = l.bar_x[*n] + BAR_WIDTH + 4,
                ty = y - 4,
                addr = esc(addr),
            );
        }
        let (class, path, kind, stroke, fill) = match b.kind {
            DeviceKind::Router => ("router", "routers", "Router", "#b45309", "#fffbeb"),
            DeviceKind::Instance => ("instance", "instances", "Instance", "#047857", "#ecfdf5"),
        };
        let _ = write!(
            s,
            r##"<a href="/project/{path}/{id}/"><g class="{class}" data-id="{id}" data-name="{name}"><title>{kind} {name} ({status})</title><rect x="{x}" y="{y}" width="{DEVICE_WIDTH}" height="{h}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="2"/><text x="{tx}" y="{ty1}" font-size="13" font-weight="600" fill="#0f172a">{short}</text><text x="{tx}" y="{ty2}" font-size="11" fill="#475569">{kind} · {status}</text></g></a>"##,
            id = esc(&d.id),
            name = esc(&d.name),
            status = esc(&d.status),
            x = b.x,
            y = b.y,
            h = b.height,
            tx = b.x + 10,
            ty1 = b.y + 19,
            ty2 = b.y + 35,
            short = esc(&fit(if d.name.is_empty() { &d.id } else { &d.name }, 26)),
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(id: &str, external: bool) -> TopoNetwork {
        TopoNetwork {
            id: id.into(),
            name: format!("{id}-name"),
            cidrs: vec!["10.0.0.0/24".into()],
            external,
        }
    }

    fn device(id: &str, links: &[(&str, bool)]) -> TopoDevice {
        TopoDevice {
            id: id.into(),
            name: id.into(),
            status: "ACTIVE".into(),
            links: links
                .iter()
                .map(|(n, gw)| TopoLink {
                    network_id: n.to_string(),
                    address: "10.0.0.1".into(),
                    gateway: *gw,
                })
                .collect(),
        }
    }

    fn sample() -> Topology {
        Topology {
            networks: vec![net("ext", true), net("a", false), net("b", false)],
            routers: vec![device("r1", &[("ext", true), ("a", false)])],
            instances: (0..10)
                .map(|i| device(&format!("vm{i}"), &[("a", false), ("b", false)]))
                .collect(),
        }
    }

    #[test]
    fn boxes_do_not_overlap_and_sit_right_of_every_bar() {
        let t = sample();
        let l = layout(&t);
        assert_eq!(l.devices.len(), 11);
        let last_bar = *l.bar_x.last().unwrap() + BAR_WIDTH;
        for pair in l.devices.windows(2) {
            assert!(pair[0].y + pair[0].height < pair[1].y, "{pair:?}");
        }
        for b in &l.devices {
            assert!(b.x > last_bar);
            assert!(b.x + DEVICE_WIDTH <= l.width);
            assert!(b.y + b.height <= l.height);
        }
        // Bars are as tall as the column of boxes, whose lines all run below the labels.
        let bottom = l.devices.last().map(|b| b.y + b.height).unwrap();
        assert!(l.bar_top + l.bar_height >= bottom);
        let label = t.networks[0].label().chars().count() as i32 * HALF_CHAR_WIDTH / 2;
        for b in &l.devices {
            assert!(b.lines.iter().all(|(_, y)| *y > l.bar_top + label));
        }
    }

    #[test]
    fn each_port_gets_its_own_line() {
        let l = layout(&sample());
        let router = &l.devices[0];
        assert_eq!(router.kind, DeviceKind::Router);
        assert_eq!(router.lines.len(), 2);
        assert_ne!(router.lines[0].1, router.lines[1].1);
        for (_, y) in &router.lines {
            assert!(*y > router.y && *y < router.y + router.height);
        }
    }

    #[test]
    fn links_to_networks_not_drawn_are_left_out() {
        let t = Topology {
            networks: vec![net("a", false)],
            routers: vec![],
            instances: vec![device("vm", &[("a", false), ("elsewhere", false)])],
        };
        let svg = render_svg(&t);
        assert_eq!(svg.matches("<line").count(), 1);
        assert!(svg.contains(r#"data-from="vm" data-to="a""#));
    }

    #[test]
    fn svg_names_and_links_every_object() {
        let svg = render_svg(&sample());
        assert!(svg.contains(r#"<g class="network external" data-id="ext""#));
        assert!(svg.contains(r#"<a href="/project/networks/a/">"#));
        assert!(svg.contains(r#"<a href="/project/routers/r1/"><g class="router" data-id="r1""#));
        assert!(svg.contains(r#"<a href="/project/instances/vm3/"><g class="instance""#));
        assert!(svg.contains(r#"<line class="link gateway" data-from="r1" data-to="ext""#));
        assert!(svg.contains(r#"<line class="link interface" data-from="r1" data-to="a""#));
        assert_eq!(svg.matches("<line").count(), 2 + 10 * 2);
        assert_eq!(svg.matches("<title").count(), 1 + 3 + 11 + 22);
    }

    #[test]
    fn names_are_escaped() {
        let mut t = sample();
        t.instances[0].name = r#"<script>"x"&"#.into();
        let svg = render_svg(&t);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;&quot;x&quot;&amp;"));
    }

    #[test]
    fn empty_means_nothing_at_all() {
        assert!(Topology::default().is_empty());
        assert!(!sample().is_empty());
    }
}
