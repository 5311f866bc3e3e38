//! Project › API Access (`/project/api_access/`): the catalog's endpoints, the RC file and
//! clouds.yaml downloads, and View Credentials.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::api_access::api_access;
use crate::components::messages::ErrorBanner;
use crate::components::modal::Modal;
use crate::components::table::{ROW, TABLE, TD, TH};
use crate::model::api_access::ApiAccess;

#[component]
pub fn ApiAccessPage() -> impl IntoView {
    let access = Resource::new(|| (), |_| api_access());
    view! {
        <Title text="API Access"/>
        <h1 class="mb-4 text-2xl font-semibold">"API Access"</h1>
        <Suspense fallback=|| view! { <p>"Loading endpoints…"</p> }>
            {move || Suspend::new(async move {
                match access.await {
                    Ok(a) => view! { <Access access=a/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Access(access: ApiAccess) -> impl IntoView {
    let credentials_open = RwSignal::new(false);
    let c = access.context.clone();
    let link = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
    view! {
        <div class="table_actions mb-3 flex flex-wrap justify-end gap-2">
            <button type="button" id="endpoints__action_view_credentials" class=link
                    on:click=move |_| credentials_open.set(true)>"View Credentials"</button>
            <a id="endpoints__action_download_openrc" class=link href="/project/api_access/openrc/" download rel="external">
                "Download OpenStack RC File"
            </a>
            <a id="endpoints__action_download_clouds_yaml" class=link href="/project/api_access/clouds.yaml/" download rel="external">
                "Download OpenStack clouds.yaml File"
            </a>
        </div>
        <table id="endpoints" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr><th class=TH>"Service"</th><th class=TH>"Service Endpoint"</th></tr>
            </thead>
            <tbody>
                {access.endpoints.into_iter().map(|e| view! {
                    <tr data-display=e.service.clone() class=ROW>
                        <td class=TD>{e.service.clone()}</td>
                        <td class=format!("{TD} font-mono text-xs")>{e.url.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Show when=move || credentials_open.get()>
            {
                let c = c.clone();
                view! {
                    <Modal title="User Credentials" on_close=Callback::new(move |_| credentials_open.set(false))>
                        <dl class="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
                            <dt class="font-medium text-slate-500">"User Name"</dt><dd>{c.user_name.clone()}</dd>
                            <dt class="font-medium text-slate-500">"Project Name"</dt><dd>{c.project_name.clone()}</dd>
                            <dt class="font-medium text-slate-500">"Project ID"</dt><dd class="font-mono text-xs">{c.project_id.clone()}</dd>
                            <dt class="font-medium text-slate-500">"Authentication URL"</dt><dd class="font-mono text-xs">{c.auth_url.clone()}</dd>
                        </dl>
                    </Modal>
                }
            }
        </Show>
    }
}
