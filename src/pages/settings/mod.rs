//! Settings (`/settings/`): the user's own preferences and password.

pub mod password;
pub mod user_settings;

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The two settings pages' tabs.
#[component]
fn SettingsTabs() -> impl IntoView {
    let here = use_location().pathname;
    let tab = move |href: &'static str, label: &'static str| {
        let active = move || here.get() == href;
        view! {
            <li>
                <a href=href class="-mb-px block border-b-2 px-3 py-2"
                   class=("border-sky-600", active) class=("border-transparent", move || !active())
                   aria-current=move || active().then_some("page")>{label}</a>
            </li>
        }
    };
    view! {
        <ul class="nav nav-tabs mb-4 flex gap-1 border-b border-slate-200 text-sm">
            {tab("/settings/", "User Settings")}
            {tab("/settings/password/", "Change Password")}
        </ul>
    }
}
