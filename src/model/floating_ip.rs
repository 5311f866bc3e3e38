//! Floating IPs as the pages show them.
