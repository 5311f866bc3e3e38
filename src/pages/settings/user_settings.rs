//! Settings › User Settings (`/settings/`): items per page for the tables, and the time zone
//! times are shown in.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::{timezone_choices, SaveUserSettings};
use crate::components::form::{action_error, FieldError, INPUT, LABEL, PRIMARY};
use crate::components::messages::{ErrorBanner, Messages};
use crate::model::Flash;

#[component]
pub fn UserSettingsPage() -> impl IntoView {
    use crate::model::paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGE_SIZE_COOKIE};
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
    let zones = Resource::new(|| (), |_| timezone_choices());
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
            <p class=LABEL>"Language"</p>
            <p class="text-sm text-slate-600">"Meridian's pages are in English."</p>
            <Suspense fallback=|| view! { <p class="mt-3 text-sm">"Loading time zones…"</p> }>
                {move || Suspend::new(async move {
                    match zones.await {
                        Ok((current, choices)) => view! {
                            <label for="id_timezone" class=LABEL>"Timezone"</label>
                            <select id="id_timezone" name="timezone" class=INPUT>
                                {choices.into_iter().map(|z| {
                                    let selected = z.name == current;
                                    view! { <option value=z.name selected=selected>{z.label}</option> }
                                }).collect_view()}
                            </select>
                            <p class="mt-1 text-xs text-slate-500">"Times on Meridian's pages are shown in this zone; usage periods stay in UTC, as Nova counts them."</p>
                            <FieldError error=error field="timezone"/>
                            <div class="mt-4 flex justify-end">
                                <button type="submit" class=PRIMARY disabled=move || save.pending().get()>"Save"</button>
                            </div>
                        }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    }
                })}
            </Suspense>
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
