pub mod flavors;
pub mod hypervisors;
pub mod overview;
