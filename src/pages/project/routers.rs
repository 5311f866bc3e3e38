//! Project › Routers (`/project/routers/`) and a router's detail page.

use leptos::prelude::*;

#[component]
pub fn RoutersPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}

#[component]
pub fn RouterDetailPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
