//! The time zone a user picks in Settings (the `meridian_timezone` cookie, as Horizon keeps
//! it in its own cookie), and times shown in it. The zone database is the server's alone:
//! server functions send times already written out, so the browser build carries none of it.

use serde::{Deserialize, Serialize};

/// The cookie holding the user's zone, an IANA name such as `Europe/Berlin`.
pub const TIMEZONE_COOKIE: &str = "meridian_timezone";

/// Where times are shown when the user has not picked a zone.
pub const DEFAULT_TIMEZONE: &str = "UTC";

/// One choice of Settings' Timezone select: the zone, and its label ("UTC +01:00: Europe/Berlin").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneChoice {
    pub name: String,
    pub label: String,
}

#[cfg(feature = "ssr")]
pub use zones::*;

#[cfg(feature = "ssr")]
mod zones {
    use chrono::{DateTime, Offset, TimeZone, Utc};
    use chrono_tz::Tz;

    use super::{ZoneChoice, DEFAULT_TIMEZONE};

    /// The regions Horizon's list (pytz's common zones) is made of; the rest of the database
    /// is aliases and legacy names.
    const REGIONS: &[&str] = &[
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];

    /// A zone by its IANA name, if it is one.
    pub fn parse_zone(name: &str) -> Option<Tz> {
        name.trim().parse::<Tz>().ok()
    }

    /// `t` in `zone`, as the pages show times: `2026-12-02 05:41:00 CET`.
    pub fn format_in(t: DateTime<Utc>, zone: Tz) -> String {
        t.with_timezone(&zone)
            .format("%Y-%m-%d %H:%M:%S %Z")
            .to_string()
    }

    /// A time as the cloud writes it (RFC 3339, or Nova's and Keystone's zoneless UTC with
    /// or without fractions), in `zone`; text that is not a time comes back unchanged.
    pub fn format_cloud_time(text: &str, zone: Tz) -> String {
        parse_cloud_time(text)
            .map(|t| format_in(t, zone))
            .unwrap_or_else(|| text.to_string())
    }

    pub fn parse_cloud_time(text: &str) -> Option<DateTime<Utc>> {
        let text = text.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            return Some(t.with_timezone(&Utc));
        }
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(|n| n.and_utc())
    }

    /// Settings' choices: UTC first, then every regional zone by its offset now, then name.
    pub fn zone_choices(now: DateTime<Utc>) -> Vec<ZoneChoice> {
        let offset_secs = |z: Tz| {
            z.offset_from_utc_datetime(&now.naive_utc())
                .fix()
                .local_minus_utc()
        };
        let mut zones: Vec<(i32, Tz)> = chrono_tz::TZ_VARIANTS
            .iter()
            .filter(|z| REGIONS.iter().any(|r| z.name().starts_with(r)))
            .map(|z| (offset_secs(*z), *z))
            .collect();
        zones.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name().cmp(b.1.name())));
        let label = |secs: i32, name: &str| {
            let sign = if secs < 0 { '-' } else { '+' };
            let m = secs.abs() / 60;
            format!("UTC {sign}{:02}:{:02}: {name}", m / 60, m % 60)
        };
        std::iter::once(ZoneChoice {
            name: DEFAULT_TIMEZONE.into(),
            label: DEFAULT_TIMEZONE.into(),
        })
        .chain(zones.into_iter().map(|(secs, z)| ZoneChoice {
            name: z.name().into(),
            label: label(secs, z.name()),
        }))
        .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn at(s: &str) -> DateTime<Utc> {
            DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
        }

        #[test]
        fn shows_a_time_in_the_zone_with_its_summer_and_winter_offsets() {
            let berlin = parse_zone("Europe/Berlin").unwrap();
            assert_eq!(
                format_in(at("2026-12-02T04:41:00Z"), berlin),
                "2026-12-02 05:41:00 CET"
            );
            assert_eq!(
                format_in(at("2026-07-01T04:41:00Z"), berlin),
                "2026-07-01 06:41:00 CEST"
            );
            let utc = parse_zone("UTC").unwrap();
            assert_eq!(
                format_in(at("2026-12-02T04:41:00Z"), utc),
                "2026-12-02 04:41:00 UTC"
            );
            assert!(parse_zone("Mars/Olympus").is_none());
        }

        #[test]
        fn reads_the_clouds_time_formats() {
            let ny = parse_zone("America/New_York").unwrap();
            // Glance (RFC 3339), Nova and Keystone (no zone, maybe fractions).
            for text in [
                "2026-12-02T15:00:00Z",
                "2026-12-02T15:00:00.000000",
                "2026-12-02T15:00:00",
            ] {
                assert_eq!(
                    format_cloud_time(text, ny),
                    "2026-12-02 10:00:00 EST",
                    "{text}"
                );
            }
            assert_eq!(format_cloud_time("", ny), "");
            assert_eq!(format_cloud_time("soon", ny), "soon");
        }

        #[test]
        fn lists_utc_first_then_by_offset() {
            let choices = zone_choices(at("2026-12-02T00:00:00Z"));
            assert_eq!(choices[0].name, "UTC");
            let berlin = choices.iter().find(|c| c.name == "Europe/Berlin").unwrap();
            assert_eq!(berlin.label, "UTC +01:00: Europe/Berlin");
            let kolkata = choices.iter().find(|c| c.name == "Asia/Kolkata").unwrap();
            assert_eq!(kolkata.label, "UTC +05:30: Asia/Kolkata");
            let offsets: Vec<&str> = choices[1..].iter().map(|c| &c.label[4..10]).collect();
            let first = offsets.first().unwrap();
            assert!(first.starts_with('-'), "{first}");
            assert!(choices.iter().all(|c| !c.name.starts_with("US/")));
        }
    }
}
