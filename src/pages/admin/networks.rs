//! Admin › Networks (`/admin/networks/`): every project's networks, and Create Network with
//! the project and the provider fields (type, physical network, segmentation ID, external).
//! The panel itself is Project › Networks' (`pages::project::networks`), in admin mode.

use leptos::prelude::*;

use crate::pages::project::networks::NetworksPanel;

#[component]
pub fn AdminNetworksPage() -> impl IntoView {
    view! { <NetworksPanel admin=true/> }
}
