//! Whole-page notices: not found, forbidden, and panels that are not available yet.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use super::messages::{Alert, Messages};
use crate::model::Flash;

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(code) {
            res.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The not-found page on its own (an unknown URL).
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main class="mx-auto max-w-xl p-10">
            <NotFoundNotice/>
        </main>
    }
}

/// The not-found page's content, with its 404 status: for a page inside the dashboard frame
/// whose object does not exist (a key pair name nobody has).
#[component]
pub fn NotFoundNotice() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Page Not Found"/>
        <h1 class="mb-4 text-2xl font-semibold">"Page Not Found"</h1>
        <p class="mb-6">"The page you were looking for doesn't exist."</p>
        <a class="text-sky-700 underline" href="/project/">"Go to the project overview"</a>
    }
}

#[component]
pub fn Forbidden(#[prop(into)] message: String) -> impl IntoView {
    set_status(403);
    view! {
        <Title text="Forbidden"/>
        <h1 class="mb-4 text-2xl font-semibold">"Forbidden"</h1>
        <div class="messages"><Alert flash=Flash::error(message)/></div>
    }
}

/// A panel of Horizon's that Meridian does not offer yet: said plainly, with the way back.
#[component]
pub fn PanelNotBuilt() -> impl IntoView {
    let location = use_location();
    view! {
        <Title text="Not Available"/>
        <h1 class="mb-4 text-2xl font-semibold">"Not available yet"</h1>
        <Messages messages=vec![Flash::info(format!(
            "{} is not available in this version of Meridian.",
            location.pathname.get_untracked()
        ))]/>
    }
}
