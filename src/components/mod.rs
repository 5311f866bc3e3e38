//! Building blocks every panel uses.

pub mod confirm;
pub mod data_table;
pub mod filter;
pub mod form;
pub mod layout;
pub mod messages;
pub mod metadata;
pub mod modal;
pub mod modal_form;
pub mod notice;
pub mod panel;
pub mod quota_chart;
pub mod row_menu;
pub mod table;
pub mod usage;
