//! Admin › Routers (`/admin/routers/`): every project's routers, with their project; edit
//! and delete. The table and its dialogs are Project › Routers' own, with a Project column.

use leptos::prelude::*;

use crate::pages::project::routers::RoutersPanel;

/// A user without the admin role gets the Forbidden notice (the server refuses the list).
#[component]
pub fn AdminRoutersPage() -> impl IntoView {
    view! { <RoutersPanel admin=true/> }
}
