//! Page sizes of the tables that page through a service's list (limit and marker).

pub const DEFAULT_PAGE_SIZE: u32 = 20;
pub const MAX_PAGE_SIZE: u32 = 1000;
/// The browser cookie that remembers the user's "Items per page" choice.
pub const PAGE_SIZE_COOKIE: &str = "meridian_pagesize";
/// What the "Items per page" choice offers.
pub const PAGE_SIZES: [u32; 5] = [10, 20, 50, 100, 200];
