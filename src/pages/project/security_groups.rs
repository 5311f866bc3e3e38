//! Project › Security Groups (`/project/security_groups/`) and Manage Rules.

use leptos::prelude::*;

#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}

#[component]
pub fn ManageRulesPage() -> impl IntoView {
    view! { <crate::components::notice::PanelNotBuilt/> }
}
