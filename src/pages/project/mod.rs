pub mod instances;
pub mod overview;
