//! Admin › Floating IPs (`/admin/floating_ips/`): every project's, with the project, and
//! allocation for a chosen project. The panel is Project › Floating IPs' own.

use leptos::prelude::*;

use crate::pages::project::floating_ips::FloatingIpsPanel;

#[component]
pub fn AdminFloatingIpsPage() -> impl IntoView {
    view! { <FloatingIpsPanel all_projects=true/> }
}
