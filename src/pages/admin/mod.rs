pub mod flavors;
pub mod floating_ips;
pub mod hypervisors;
pub mod images;
pub mod networks;
pub mod overview;
pub mod routers;
pub mod volumes;
