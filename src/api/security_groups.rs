//! security_groups
