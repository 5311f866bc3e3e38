//! Admin › Floating IPs (`/admin/floating_ips/`): every project's.

use leptos::prelude::*;

#[component]
pub fn AdminFloatingIpsPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
