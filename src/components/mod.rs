//! Building blocks every panel uses.

pub mod confirm;
pub mod form;
pub mod layout;
pub mod messages;
pub mod metadata;
pub mod modal;
pub mod notice;
pub mod quota_chart;
pub mod table;
pub mod usage;
