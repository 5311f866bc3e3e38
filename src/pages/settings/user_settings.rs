//! Settings › User Settings (`/settings/`): items per page for the tables.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::SaveUserSettings;
use crate::components::form::{action_error, FieldError, INPUT, LABEL, PRIMARY};
use crate::components::messages::Messages;
use crate::model::Flash;

#[component]
pub fn UserSettingsPage() -> impl IntoView {
    use crate::api::instances::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_COOKIE};
    let save = ServerAction::<SaveUserSettings>::new();
    let error = action_error(save);
    let saved = move || {
        save.value()
            .get()
            .and_then(|r| r.ok())
            .map(|text| view! { <Messages messages=vec![Flash::success(text)]/> })
    };
    // The size in use now: the cookie's, else the default.
    let current = current_page_size(PAGE_SIZE_COOKIE).unwrap_or(DEFAULT_PAGE_SIZE);
    view! {
        <Title text="User Settings"/>
        <h1 class="mb-4 text-2xl font-semibold">"Settings"</h1>
        <super::SettingsTabs/>
        {saved}
        <ActionForm action=save attr:class="max-w-md rounded-lg border border-slate-200 bg-white p-4">
            <label for="id_pagesize" class="mb-1 block text-sm font-medium">"Items Per Page"</label>
            <input id="id_pagesize" name="pagesize" type="number" value=current.to_string() class=INPUT/>
            <p class="mt-1 text-xs text-slate-500">{format!("Number of items to show per page (applies to the pages that have API supported pagination); at most {MAX_PAGE_SIZE}.")}</p>
            <FieldError error=error field="pagesize"/>
            <p class=LABEL>"Language and time zone"</p>
            <p class="text-sm text-slate-600">"Meridian's pages are in English, and times are shown in UTC."</p>
            <div class="mt-4 flex justify-end">
                <button type="submit" class=PRIMARY disabled=move || save.pending().get()>"Save"</button>
            </div>
        </ActionForm>
    }
}

/// The page size in the request's (or the browser's) cookie.
fn current_page_size(cookie: &str) -> Option<u32> {
    #[cfg(feature = "ssr")]
    {
        crate::api::ssr::request_cookie(cookie).and_then(|v| v.parse().ok())
    }
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::JsCast;
        let doc: web_sys::HtmlDocument = web_sys::window()?.document()?.dyn_into().ok()?;
        doc.cookie()
            .ok()?
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == cookie)
            .and_then(|(_, v)| v.parse().ok())
    }
}
