pub mod console;
pub mod instance_detail;
pub mod instance_forms;
pub mod instances;
pub mod key_pairs;
pub mod launch;
pub mod overview;
