//! Plain data shared by the server and the browser. No I/O here: the server fills these from
//! OpenStack's answers, the browser renders them.

pub mod api_access;
pub mod batch;
pub mod choice;
pub mod compute;
pub mod flash;
pub mod flavor;
pub mod floating_ip;
pub mod hypervisor;
pub mod identity;
pub mod identity_admin;
pub mod image;
pub mod instance_forms;
pub mod keypair;
pub mod launch;
pub mod metadata;
pub mod network;
pub mod paging;
pub mod policy;
pub mod quota;
pub mod router;
pub mod security_group;
pub mod server_group;
pub mod timezone;
pub mod topology;
pub mod usage;
pub mod validate;
pub mod volume;

pub use choice::Choice;
pub use flash::{Flash, Level};
pub use identity::{ProjectRef, UserInfo};
pub use quota::{QuotaItem, ServiceQuotas, Usage};
