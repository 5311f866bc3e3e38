use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

/// A row of Project › Key Pairs. The private key is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeypairRow {
    pub name: String,
    pub fingerprint: String,
    pub key_type: String,
    pub public_key: String,
}

/// Project › Key Pairs › a key pair's detail page (`/project/key_pairs/<name>/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeypairDetail {
    pub name: String,
    pub fingerprint: String,
    pub key_type: String,
    pub public_key: String,
    pub created: Option<DateTime<Utc>>,
    /// `created` in the user's time zone.
    pub created_shown: Option<String>,
    pub user_id: String,
    /// The owner's name when it is the logged-in user (Nova gives only the id).
    pub user_name: Option<String>,
}

/// Nova's `created_at` for a key pair: ISO 8601, usually without a zone (then it is UTC).
pub fn parse_nova_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| t.and_utc())
}

/// Nova's rule for key pair names, checked before asking Nova: letters, digits, spaces,
/// `-`, `_`, `.` and `@`, 1 to 255 characters.
pub fn validate_keypair_name(name: &str) -> Result<(), &'static str> {
    let name = name.trim();
    if name.is_empty() {
        return Err("This field is required.");
    }
    if name.chars().count() > 255 {
        return Err("Ensure this value has at most 255 characters.");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_'))
    {
        // Nova's own rule at the microversion Meridian speaks (2.79).
        return Err(
            "Key pair names may only contain letters, numbers, spaces, underscores and hyphens.",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{parse_nova_time, validate_keypair_name};

    #[test]
    fn names() {
        assert!(validate_keypair_name("my key-1_a").is_ok());
        assert!(validate_keypair_name("a.b@c").is_err());
        assert!(validate_keypair_name("  ").is_err());
        assert!(validate_keypair_name("a/b").is_err());
        assert!(validate_keypair_name(&"x".repeat(256)).is_err());
    }

    #[test]
    fn nova_times() {
        let t = parse_nova_time("2026-11-22T03:46:45.000000").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-22T03:46:45+00:00");
        let t = parse_nova_time("2026-11-22T03:46:45").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-22T03:46:45+00:00");
        let t = parse_nova_time("2026-11-22T04:46:45+01:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-22T03:46:45+00:00");
        assert_eq!(parse_nova_time(""), None);
        assert_eq!(parse_nova_time("yesterday"), None);
    }
}
