//! Flash messages in Horizon's markup: `div.messages div.alert`, text led by its level.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::{Flash, Level};

#[component]
pub fn Messages(messages: Vec<Flash>) -> impl IntoView {
    view! {
        <div class="messages space-y-2 not-empty:mb-4">
            {messages.into_iter().map(|m| view! { <Alert flash=m/> }).collect_view()}
        </div>
    }
}

#[component]
pub fn Alert(flash: Flash) -> impl IntoView {
    let tone = match flash.level {
        Level::Success => "border-emerald-300 bg-emerald-50 text-emerald-900",
        Level::Info => "border-sky-300 bg-sky-50 text-sky-900",
        Level::Warning => "border-amber-300 bg-amber-50 text-amber-900",
        Level::Error => "border-red-300 bg-red-50 text-red-900",
    };
    let role = if flash.level == Level::Error {
        "alert"
    } else {
        "status"
    };
    view! {
        <div class=format!("alert {} rounded border px-4 py-2 text-sm {tone}", flash.level.css_class())
             role=role>
            <strong>{flash.level.label()}": "</strong>{flash.text}
        </div>
    }
}

/// An error from a server function as a banner (in its own `div.messages`).
///
/// `NotLoggedIn` (the token expired or was revoked) also takes the browser to the login
/// page, which brings the user back here afterwards. The server already answers a page load
/// with that redirect; this covers calls made by the hydrated page, whose error answers do
/// not carry a redirect the browser would follow.
#[component]
pub fn ErrorBanner(error: AppError) -> impl IntoView {
    if error == AppError::NotLoggedIn {
        Effect::new(move |_| go_to_login());
    }
    if matches!(error, AppError::Forbidden(_)) {
        super::notice::set_status(403);
    }
    view! { <Messages messages=vec![Flash::error(error.to_string())]/> }
}

fn go_to_login() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let location = window.location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let _ = location.set_href(&crate::nav::login_url(Some(&here)));
    }
}
