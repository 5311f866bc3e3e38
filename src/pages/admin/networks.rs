//! Admin › Networks (`/admin/networks/`): every project's networks.

use leptos::prelude::*;

#[component]
pub fn AdminNetworksPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
