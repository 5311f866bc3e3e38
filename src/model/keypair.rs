use serde::{Deserialize, Serialize};

/// A row of Project › Key Pairs. The private key is never part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeypairRow {
    pub name: String,
    pub fingerprint: String,
    pub key_type: String,
    pub public_key: String,
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
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '@'))
    {
        return Err("Key pair names may only contain letters, numbers, spaces, underscores, periods, at signs and hyphens.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_keypair_name;

    #[test]
    fn names() {
        assert!(validate_keypair_name("my key-1_a.b@c").is_ok());
        assert!(validate_keypair_name("  ").is_err());
        assert!(validate_keypair_name("a/b").is_err());
        assert!(validate_keypair_name(&"x".repeat(256)).is_err());
    }
}
