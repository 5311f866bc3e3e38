//! Project › Networks (`/project/networks/`) and a network's detail page.

use leptos::prelude::*;

#[component]
pub fn NetworksPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}

#[component]
pub fn NetworkDetailPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
