//! Project › Network Topology (`/project/network_topology/`).

use leptos::prelude::*;

#[component]
pub fn NetworkTopologyPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
