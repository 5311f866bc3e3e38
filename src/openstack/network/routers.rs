//! Neutron routers: gateways, interfaces, static routes.
