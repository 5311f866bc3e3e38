//! The filter above a table and the "Items per page" choice under it. Both live in the query
//! string (`field`, `q`, `page_size`), so a filtered page is a link and works before hydration.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::nav::encode_query_value;

/// The table's filter as a plain GET form (`field` and `q` in the query string), offering
/// `fields` as (value, label).
#[component]
pub fn FilterForm(fields: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let query = use_query_map();
    let current_field = move || {
        query
            .with(|q| q.get("field"))
            .unwrap_or_else(|| "name".into())
    };
    let current_text = move || query.with(|q| q.get("q")).unwrap_or_default();
    view! {
        <form method="get" class="table_search flex items-end gap-2" role="search">
            <div>
                <label for="id_filter_field" class="block text-xs text-slate-500">"Filter by"</label>
                <select id="id_filter_field" name="field" class="rounded border border-slate-300 px-2 py-1.5 text-sm">
                    {fields.iter().map(|(value, label)| view! {
                        <option value=*value selected=move || current_field() == *value>{*label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="id_filter_q" class="block text-xs text-slate-500">"Filter"</label>
                <input id="id_filter_q" name="q" type="search" value=current_text
                       class="w-56 rounded border border-slate-300 px-2 py-1.5 text-sm"/>
            </div>
            <button type="submit" class="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">"Filter"</button>
        </form>
    }
}

/// "Items per page", remembered for this user in a cookie (as Horizon's setting is) and
/// applied at once by reloading the table's first page with it.
#[component]
pub fn PageSizeChoice() -> impl IntoView {
    use crate::model::paging::{DEFAULT_PAGE_SIZE, PAGE_SIZES};
    let query = use_query_map();
    let navigate = leptos_router::hooks::use_navigate();
    let current = move || {
        query
            .with(|q| q.get("page_size"))
            .and_then(|s| s.parse::<u32>().ok())
            .or_else(saved_page_size)
            .unwrap_or(DEFAULT_PAGE_SIZE)
    };
    let on_change = move |ev: leptos::ev::Event| {
        let size = event_target_value(&ev);
        save_page_size(&size);
        let mut parts: Vec<String> = query.with_untracked(|q| {
            ["field", "q"]
                .iter()
                .filter_map(|k| q.get(k).map(|v| format!("{k}={}", encode_query_value(&v))))
                .collect()
        });
        parts.push(format!("page_size={size}"));
        navigate(&format!("?{}", parts.join("&")), Default::default());
    };
    view! {
        <label for="id_page_size" class="ml-4 text-xs text-slate-500">"Items per page"</label>
        <select id="id_page_size" class="ml-1 rounded border border-slate-300 px-1 py-0.5 text-xs" on:change=on_change>
            {PAGE_SIZES.iter().map(|n| {
                let n = *n;
                view! { <option value=n.to_string() selected=move || current() == n>{n.to_string()}</option> }
            }).collect_view()}
        </select>
    }
}

/// The page size saved in the browser's cookie (read during hydration, so the choice shows).
fn saved_page_size() -> Option<u32> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let doc: web_sys::HtmlDocument = web_sys::window()?.document()?.dyn_into().ok()?;
        let cookies = doc.cookie().ok()?;
        cookies
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == crate::model::paging::PAGE_SIZE_COOKIE)
            .and_then(|(_, v)| v.parse().ok())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        use crate::model::paging::PAGE_SIZE_COOKIE;
        crate::api::ssr::request_cookie(PAGE_SIZE_COOKIE).and_then(|v| v.parse().ok())
    }
}

fn save_page_size(size: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(doc) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        {
            let _ = doc.set_cookie(&format!(
                "{}={size}; Path=/; Max-Age=31536000; SameSite=Lax",
                crate::model::paging::PAGE_SIZE_COOKIE
            ));
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = size;
}
