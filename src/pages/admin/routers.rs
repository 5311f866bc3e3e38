//! Admin › Routers (`/admin/routers/`): every project's routers, with their project; edit
//! and delete. The table and its dialogs are Project › Routers' own, with a Project column.

use leptos::prelude::*;

use crate::components::layout::use_shell;
use crate::components::notice::Forbidden;
use crate::pages::project::routers::RoutersPanel;

/// A user without the admin role gets the Forbidden notice (and the server refuses the list).
#[component]
pub fn AdminRoutersPage() -> impl IntoView {
    let shell = use_shell();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = crate::components::layout::is_admin(&shell.await);
                if is_admin {
                    view! { <RoutersPanel admin=true/> }.into_any()
                } else {
                    view! { <Forbidden message="You are not authorized to access this page."/> }.into_any()
                }
            })}
        </Suspense>
    }
}
