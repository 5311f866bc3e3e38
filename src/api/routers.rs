//! routers
