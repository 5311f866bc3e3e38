//! Project › Floating IPs (`/project/floating_ips/`).

use leptos::prelude::*;

#[component]
pub fn FloatingIpsPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
