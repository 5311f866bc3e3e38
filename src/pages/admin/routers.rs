//! Admin › Routers (`/admin/routers/`): every project's routers.

use leptos::prelude::*;

#[component]
pub fn AdminRoutersPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
