//! Usage over a period and what it costs: the figures the overviews show and export.
//!
//! Compute usage is Nova's own (simple tenant usage: each server's hours in the period with
//! its flavor's vCPUs, RAM and disk). Volumes, floating IPs and images are counted from the
//! resources that exist now, each from its creation (or the period's start) to the period's
//! end: the services keep no history of deleted ones. Prices come from Meridian's settings.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// Hours in the month that image storage is priced by (365 × 24 / 12).
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Prices per unit, in `currency`. A price left out costs nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Prices {
    pub currency: String,
    pub vcpu_hour: f64,
    pub ram_gb_hour: f64,
    pub disk_gb_hour: f64,
    pub volume_gb_hour: f64,
    pub floating_ip_hour: f64,
    pub image_gb_month: f64,
}

impl Prices {
    /// Whether any price is set (otherwise the overviews show usage alone).
    pub fn any(&self) -> bool {
        [
            self.vcpu_hour,
            self.ram_gb_hour,
            self.disk_gb_hour,
            self.volume_gb_hour,
            self.floating_ip_hour,
            self.image_gb_month,
        ]
        .iter()
        .any(|p| *p > 0.0)
    }

    /// `currency=EUR,vcpu_hour=0.02,...` (the `MERIDIAN_PRICES` setting).
    pub fn parse(text: &str) -> Result<Prices, String> {
        let mut p = Prices::default();
        for part in text
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("price {part:?}: expected key=value"))?;
            let (key, value) = (key.trim(), value.trim());
            if key == "currency" {
                p.currency = value.to_string();
                continue;
            }
            let number: f64 = value
                .parse()
                .ok()
                .filter(|n: &f64| n.is_finite() && *n >= 0.0)
                .ok_or_else(|| format!("price {key}={value:?}: not a number of 0 or more"))?;
            *p.slot(key).ok_or_else(|| {
                format!(
                    "price {key:?}: unknown (expected {})",
                    PRICE_KEYS.join(", ")
                )
            })? = number;
        }
        Ok(p)
    }

    fn slot(&mut self, key: &str) -> Option<&mut f64> {
        Some(match key {
            "vcpu_hour" => &mut self.vcpu_hour,
            "ram_gb_hour" => &mut self.ram_gb_hour,
            "disk_gb_hour" => &mut self.disk_gb_hour,
            "volume_gb_hour" => &mut self.volume_gb_hour,
            "floating_ip_hour" => &mut self.floating_ip_hour,
            "image_gb_month" => &mut self.image_gb_month,
            _ => return None,
        })
    }
}

/// The price keys, as the settings name them.
pub const PRICE_KEYS: &[&str] = &[
    "vcpu_hour",
    "ram_gb_hour",
    "disk_gb_hour",
    "volume_gb_hour",
    "floating_ip_hour",
    "image_gb_month",
];

/// The period a report covers: `[start, end)`, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Period {
    pub fn hours(&self) -> f64 {
        (self.end - self.start).num_milliseconds().max(0) as f64 / 3_600_000.0
    }

    /// The period from the page's `start` and `end`: a date (`2026-11-01`; an end date
    /// counts to the end of that day) or a time (`2026-11-22T10:00:00`). Horizon's default is
    /// the month so far. The end never lies after `now`: usage of the future is not known.
    pub fn parse(
        start: Option<&str>,
        end: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Period, (&'static str, String)> {
        let first_of_month = Utc
            .with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
            .single()
            .unwrap_or(now);
        let start = match start.map(str::trim).filter(|s| !s.is_empty()) {
            None => first_of_month,
            Some(s) => parse_moment(s, false)
                .ok_or(("start", format!("\"{s}\" is not a date (YYYY-MM-DD).")))?,
        };
        let end = match end.map(str::trim).filter(|s| !s.is_empty()) {
            None => now,
            Some(s) => parse_moment(s, true)
                .ok_or(("end", format!("\"{s}\" is not a date (YYYY-MM-DD).")))?,
        }
        .min(now);
        if start >= end {
            return Err((
                "start",
                "The start of the period must be before its end (and before now).".into(),
            ));
        }
        Ok(Period { start, end })
    }
}

fn parse_moment(s: &str, end_of_day: bool) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(Utc.from_utc_datetime(&t));
        }
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    let time = if end_of_day {
        day.succ_opt()?.and_hms_opt(0, 0, 0)?
    } else {
        day.and_hms_opt(0, 0, 0)?
    };
    Some(Utc.from_utc_datetime(&time))
}

/// How many hours of `[from, until)` fall inside the period (`until`: still there).
pub fn hours_within(period: &Period, from: DateTime<Utc>, until: Option<DateTime<Utc>>) -> f64 {
    let start = from.max(period.start);
    let end = until.unwrap_or(period.end).min(period.end);
    (end - start).num_milliseconds().max(0) as f64 / 3_600_000.0
}

/// One server's share of the period, from Nova.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerUsage {
    pub id: String,
    pub name: String,
    pub flavor: String,
    pub vcpus: i64,
    pub ram_mb: i64,
    pub disk_gb: i64,
    pub hours: f64,
    /// `active`, `terminated`...
    pub state: String,
}

/// A project's usage over the period, by resource kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageFigures {
    /// Servers that ran at some time in the period.
    pub instances: usize,
    pub vcpu_hours: f64,
    pub ram_gb_hours: f64,
    pub disk_gb_hours: f64,
    pub volume_gb_hours: f64,
    pub floating_ip_hours: f64,
    pub image_gb_months: f64,
}

impl UsageFigures {
    /// Adds the servers' compute usage (Nova's hours × the flavor's size), as Nova's own
    /// totals are computed.
    pub fn add_servers(&mut self, servers: &[ServerUsage]) {
        for s in servers {
            self.instances += 1;
            self.vcpu_hours += s.hours * s.vcpus as f64;
            self.ram_gb_hours += s.hours * s.ram_mb as f64 / 1024.0;
            self.disk_gb_hours += s.hours * s.disk_gb as f64;
        }
    }
}

/// One line of the cost table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostLine {
    /// `vCPU`, `RAM`...
    pub kind: String,
    pub quantity: f64,
    /// `vCPU-hours`, `GB-hours`...
    pub unit: String,
    pub price: f64,
    pub cost: f64,
}

/// The cost of each kind of resource, and their total.
pub fn cost_lines(u: &UsageFigures, p: &Prices) -> (Vec<CostLine>, f64) {
    let line = |kind: &str, quantity: f64, unit: &str, price: f64| CostLine {
        kind: kind.into(),
        quantity,
        unit: unit.into(),
        price,
        cost: quantity * price,
    };
    let lines = vec![
        line("vCPU", u.vcpu_hours, "vCPU-hours", p.vcpu_hour),
        line("RAM", u.ram_gb_hours, "GB-hours", p.ram_gb_hour),
        line("Disk", u.disk_gb_hours, "GB-hours", p.disk_gb_hour),
        line("Volumes", u.volume_gb_hours, "GB-hours", p.volume_gb_hour),
        line(
            "Floating IPs",
            u.floating_ip_hours,
            "IP-hours",
            p.floating_ip_hour,
        ),
        line("Images", u.image_gb_months, "GB-months", p.image_gb_month),
    ];
    let total = lines.iter().map(|l| l.cost).sum();
    (lines, total)
}

/// A project's report: its usage, the cost, and (project overview) its servers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectUsage {
    pub project_id: String,
    pub project_name: String,
    pub figures: UsageFigures,
    pub cost: Vec<CostLine>,
    pub total: f64,
    pub servers: Vec<ServerUsage>,
}

impl ProjectUsage {
    pub fn new(
        project_id: String,
        project_name: String,
        figures: UsageFigures,
        servers: Vec<ServerUsage>,
        prices: &Prices,
    ) -> Self {
        let (cost, total) = cost_lines(&figures, prices);
        ProjectUsage {
            project_id,
            project_name,
            figures,
            cost,
            total,
            servers,
        }
    }
}

/// What an overview shows: the period, the prices, and one report per project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageReport {
    pub period: Period,
    pub prices: Prices,
    pub projects: Vec<ProjectUsage>,
    /// Parts that could not be counted (a service down), in words; the rest still shows.
    pub gaps: Vec<String>,
}

/// A number as the tables show it: two decimals.
pub fn two_decimals(x: f64) -> String {
    format!("{x:.2}")
}

/// The report as CSV: one row per project and resource kind, then each project's total.
pub fn to_csv(report: &UsageReport) -> String {
    let mut out = String::from(
        "project_id,project_name,start,end,resource,quantity,unit,unit_price,currency,cost\n",
    );
    let start = report.period.start.format("%Y-%m-%dT%H:%M:%SZ");
    let end = report.period.end.format("%Y-%m-%dT%H:%M:%SZ");
    for p in &report.projects {
        let name = csv_field(&p.project_name);
        for l in &p.cost {
            out.push_str(&format!(
                "{},{name},{start},{end},{},{:.4},{},{},{},{:.4}\n",
                p.project_id,
                csv_field(&l.kind),
                l.quantity,
                l.unit,
                l.price,
                csv_field(&report.prices.currency),
                l.cost
            ));
        }
        out.push_str(&format!(
            "{},{name},{start},{end},Total,,,,{},{:.4}\n",
            p.project_id,
            csv_field(&report.prices.currency),
            p.total
        ));
    }
    out
}

/// A CSV field, quoted when it needs to be; a leading `=`, `+`, `-` or `@` is defused so a
/// spreadsheet does not run a project's name as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn prices() -> Prices {
        Prices {
            currency: "EUR".into(),
            vcpu_hour: 0.03,
            ram_gb_hour: 0.01,
            disk_gb_hour: 0.0002,
            volume_gb_hour: 0.0001,
            floating_ip_hour: 0.005,
            image_gb_month: 0.05,
        }
    }

    #[test]
    fn prices_from_the_setting() {
        let p = Prices::parse("currency=EUR, vcpu_hour=0.03,ram_gb_hour=0.01;disk_gb_hour=0.0002,volume_gb_hour=0.0001,floating_ip_hour=0.005,image_gb_month=0.05").unwrap();
        assert_eq!(p, prices());
        assert!(Prices::parse("vcpu_hour=-1").is_err());
        assert!(Prices::parse("gpu_hour=1").is_err());
        assert!(Prices::parse("vcpu_hour").is_err());
        assert!(!Prices::parse("").unwrap().any());
    }

    /// Worked by hand: two m1.small-like servers (2 vCPUs, 2048 MB, 20 GB) for 10 h and
    /// 5 h, a 100 GB volume all 15 h, a floating IP 6 h, a 2 GiB image all 15 h.
    ///   vCPU:   (10 + 5) h × 2 = 30 vCPU-hours × 0.03 = 0.90
    ///   RAM:    (10 + 5) h × 2 GB = 30 GB-hours × 0.01 = 0.30
    ///   disk:   (10 + 5) h × 20 GB = 300 GB-hours × 0.0002 = 0.06
    ///   volume: 100 GB × 15 h = 1500 GB-hours × 0.0001 = 0.15
    ///   FIP:    6 IP-hours × 0.005 = 0.03
    ///   image:  2 GB × 15 h / 730 h = 0.041096 GB-months × 0.05 = 0.0020548
    ///   total:  0.90 + 0.30 + 0.06 + 0.15 + 0.03 + 0.0020548 = 1.4420548
    #[test]
    fn cost_worked_by_hand() {
        let period = Period {
            start: at("2026-11-01T00:00:00Z"),
            end: at("2026-11-01T15:00:00Z"),
        };
        let server = |hours: f64| ServerUsage {
            id: "s".into(),
            name: "s".into(),
            flavor: "m1.small".into(),
            vcpus: 2,
            ram_mb: 2048,
            disk_gb: 20,
            hours,
            state: "active".into(),
        };
        let mut u = UsageFigures::default();
        u.add_servers(&[server(10.0), server(5.0)]);
        u.volume_gb_hours = 100.0 * hours_within(&period, at("2026-10-01T00:00:00Z"), None);
        u.floating_ip_hours = hours_within(&period, at("2026-11-01T09:00:00Z"), None);
        u.image_gb_months =
            2.0 * hours_within(&period, at("2026-10-20T00:00:00Z"), None) / HOURS_PER_MONTH;
        assert_eq!(u.instances, 2);
        assert_eq!(
            (u.vcpu_hours, u.ram_gb_hours, u.disk_gb_hours),
            (30.0, 30.0, 300.0)
        );
        assert_eq!((u.volume_gb_hours, u.floating_ip_hours), (1500.0, 6.0));
        let (lines, total) = cost_lines(&u, &prices());
        let costs: Vec<String> = lines.iter().map(|l| format!("{:.4}", l.cost)).collect();
        assert_eq!(
            costs,
            ["0.9000", "0.3000", "0.0600", "0.1500", "0.0300", "0.0021"]
        );
        assert!((total - 1.4420548).abs() < 1e-6, "{total}");
        assert_eq!(two_decimals(total), "1.44");
    }

    #[test]
    fn hours_inside_the_period_only() {
        let period = Period {
            start: at("2026-11-01T00:00:00Z"),
            end: at("2026-11-02T00:00:00Z"),
        };
        // Made before the period, still there: the whole 24 h.
        assert_eq!(
            hours_within(&period, at("2026-10-01T00:00:00Z"), None),
            24.0
        );
        // Made half-way, gone 6 h later.
        assert_eq!(
            hours_within(
                &period,
                at("2026-11-01T12:00:00Z"),
                Some(at("2026-11-01T18:00:00Z"))
            ),
            6.0
        );
        // Made after the period: nothing.
        assert_eq!(hours_within(&period, at("2026-11-03T00:00:00Z"), None), 0.0);
    }

    #[test]
    fn periods_from_the_page() {
        let now = at("2026-11-22T11:30:00Z");
        // Default: the month so far.
        let p = Period::parse(None, None, now).unwrap();
        assert_eq!((p.start, p.end), (at("2026-11-01T00:00:00Z"), now));
        // Dates: the end day counts whole, but never past now.
        let p = Period::parse(Some("2026-11-20"), Some("2026-11-21"), now).unwrap();
        assert_eq!(
            (p.start, p.end),
            (at("2026-11-20T00:00:00Z"), at("2026-11-22T00:00:00Z"))
        );
        assert_eq!(p.hours(), 48.0);
        let p = Period::parse(Some("2026-11-22"), Some("2026-11-22"), now).unwrap();
        assert_eq!(p.end, now);
        // Times, to the second.
        let p = Period::parse(
            Some("2026-11-22T10:00:00"),
            Some("2026-11-22T10:30:15"),
            now,
        )
        .unwrap();
        assert_eq!(p.end, at("2026-11-22T10:30:15Z"));
        assert_eq!(
            Period::parse(Some("yesterday"), None, now).unwrap_err().0,
            "start"
        );
        assert_eq!(
            Period::parse(None, Some("2026-13-01"), now).unwrap_err().0,
            "end"
        );
        assert_eq!(
            Period::parse(Some("2026-11-23"), None, now).unwrap_err().0,
            "start"
        );
    }

    #[test]
    fn csv_rows_and_quoting() {
        let period = Period {
            start: at("2026-11-01T00:00:00Z"),
            end: at("2026-11-01T15:00:00Z"),
        };
        let u = UsageFigures {
            vcpu_hours: 30.0,
            ..Default::default()
        };
        let report = UsageReport {
            period,
            prices: prices(),
            projects: vec![ProjectUsage::new(
                "p1".into(),
                "=evil, \"x\"".into(),
                u,
                vec![],
                &prices(),
            )],
            gaps: vec![],
        };
        let csv = to_csv(&report);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 6 + 1);
        assert_eq!(
            lines[1],
            "p1,\"'=evil, \"\"x\"\"\",2026-11-01T00:00:00Z,2026-11-01T15:00:00Z,vCPU,30.0000,vCPU-hours,0.03,EUR,0.9000"
        );
        assert!(lines[7].contains(",Total,,,,EUR,0.9000"));
    }
}
