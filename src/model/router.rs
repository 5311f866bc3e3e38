//! Routers as the pages show them.
