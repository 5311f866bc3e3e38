pub mod flavors;
pub mod overview;
