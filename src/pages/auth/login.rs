//! `/auth/login/`: user name, password, domain (and region, when there are several).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{login_options, Login};
use crate::components::messages::Alert;
use crate::error::AppError;
use crate::model::Flash;

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let options = Resource::new_blocking(|| (), |_| login_options());
    let query = use_query_map();
    let next = move || query.with_untracked(|q| q.get("next")).unwrap_or_default();

    let result = login.value();
    let error = move || result.get().and_then(|r| r.err());
    let field_error = move |field: &'static str| {
        move || {
            error()
                .filter(|e| e.field() == Some(field))
                .map(|e| view! { <p class="field-error mt-1 text-sm text-red-700" id=format!("{field}-error")>{e.to_string()}</p> })
        }
    };
    // Errors not tied to a field (wrong password, Keystone down) go in the banner.
    let banner = move || {
        error().filter(|e| e.field().is_none()).map(|e| {
            let text = match e {
                AppError::NotLoggedIn => "Invalid credentials.".to_string(),
                other => other.to_string(),
            };
            view! { <div class="messages mb-4"><Alert flash=Flash::error(text)/></div> }
        })
    };

    // Why the user is here, from a fixed list (never text from the URL itself).
    let status_notice = move || {
        let text = match query.with(|q| q.get("status")).as_deref() {
            Some("password_changed") => "Password changed. Please log in again to continue.",
            _ => return None,
        };
        (result.get().is_none())
            .then(|| view! { <div class="messages mb-4"><Alert flash=Flash::info(text)/></div> })
    };

    view! {
        <Title text="Login"/>
        <main class="flex min-h-screen items-center justify-center bg-slate-900 p-4">
            <div class="w-full max-w-sm rounded-lg bg-white p-8 shadow-xl">
                <h1 class="mb-1 text-2xl font-semibold">"Meridian"</h1>
                <p class="mb-6 text-sm text-slate-500">"Log in to your cloud"</p>
                {banner}
                {status_notice}
                <ActionForm action=login>
                    <input type="hidden" name="next" value=next/>
                    <div class="mb-4">
                        <label for="id_username" class="mb-1 block text-sm font-medium">"User Name"</label>
                        <input id="id_username" name="username" type="text" autocomplete="username" autofocus
                               required class="w-full rounded border border-slate-300 px-3 py-2 focus:border-sky-600 focus:outline-none"/>
                        {field_error("username")}
                    </div>
                    <div class="mb-4">
                        <label for="id_password" class="mb-1 block text-sm font-medium">"Password"</label>
                        <input id="id_password" name="password" type="password" autocomplete="current-password"
                               required class="w-full rounded border border-slate-300 px-3 py-2 focus:border-sky-600 focus:outline-none"/>
                        {field_error("password")}
                    </div>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            let opts = options.await.ok();
                            let domain = opts.as_ref().map(|o| o.default_domain.clone()).unwrap_or_else(|| "Default".into());
                            let regions = opts.map(|o| o.regions).unwrap_or_default();
                            view! {
                                <div class="mb-4">
                                    <label for="id_domain" class="mb-1 block text-sm font-medium">"Domain"</label>
                                    <input id="id_domain" name="domain" type="text" value=domain
                                           class="w-full rounded border border-slate-300 px-3 py-2 focus:border-sky-600 focus:outline-none"/>
                                </div>
                                {(regions.len() > 1).then(|| view! {
                                    <div class="mb-4">
                                        <label for="id_region" class="mb-1 block text-sm font-medium">"Region"</label>
                                        <select id="id_region" name="region" class="w-full rounded border border-slate-300 px-3 py-2">
                                            {regions.into_iter().map(|r| view! { <option value=r.clone()>{r.clone()}</option> }).collect_view()}
                                        </select>
                                    </div>
                                })}
                            }
                        })}
                    </Suspense>
                    {field_error("region")}
                    <button type="submit" id="loginBtn" value="Sign In"
                            class="btn btn-primary w-full rounded bg-sky-700 py-2 font-medium text-white hover:bg-sky-800 disabled:opacity-60"
                            disabled=move || login.pending().get()>
                        {move || if login.pending().get() { "Signing In…" } else { "Sign In" }}
                    </button>
                </ActionForm>
            </div>
        </main>
    }
}
