//! floating_ips
