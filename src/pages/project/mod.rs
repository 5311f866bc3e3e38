pub mod console;
pub mod overview;
