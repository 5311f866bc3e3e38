//! Where to send the user after login: only a path on this site.

/// Returns `next` if it is a relative path on this site, else `None`.
///
/// Refused: absolute URLs (`https://evil`), scheme-relative ones (`//evil`), backslash
/// tricks browsers normalise into those (`/\evil`), and anything with control characters.
pub fn safe_next(next: &str) -> Option<&str> {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(|c| c.is_control())
        // A path, never a login loop.
        && !next.starts_with("/auth/");
    ok.then_some(next)
}

/// The login URL that brings the user back to `path` afterwards.
pub fn login_url(path: Option<&str>) -> String {
    match path.and_then(safe_next) {
        Some(p) => format!("/auth/login/?next={}", encode_query_value(p)),
        None => "/auth/login/".to_string(),
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and `/` stay as they are).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Percent-encodes one path segment: like `encode_query_value`, and `/` too.
pub fn encode_path_segment(s: &str) -> String {
    encode_query_value(s).replace('/', "%2F")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_site_paths() {
        assert_eq!(safe_next("/project/"), Some("/project/"));
        assert_eq!(
            safe_next("/project/instances/?page=2"),
            Some("/project/instances/?page=2")
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "project/",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "/%0d%0a".replace("%0d%0a", "\r\n").as_str(),
            "javascript:alert(1)",
            "/auth/login/",
            "/auth/logout/",
        ] {
            assert_eq!(safe_next(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn login_url_encodes_next() {
        assert_eq!(
            login_url(Some("/project/instances/?a=1&b=2")),
            "/auth/login/?next=/project/instances/%3Fa%3D1%26b%3D2"
        );
        assert_eq!(login_url(Some("https://evil")), "/auth/login/");
        assert_eq!(login_url(None), "/auth/login/");
    }

    #[test]
    fn path_segments() {
        assert_eq!(encode_path_segment("my key@home"), "my%20key%40home");
        assert_eq!(encode_path_segment("a/b"), "a%2Fb");
        assert_eq!(encode_path_segment("key-1_a.b"), "key-1_a.b");
    }
}
