pub mod instances;
pub mod key_pairs;
pub mod overview;
