//! Admin › Overview (`/admin/`): every project's usage and cost over a period, and the
//! cloud's services and where they answer.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::admin::{cloud_services, ServiceEndpoint};
use crate::api::usage::cloud_usage_report;
use crate::components::layout::use_shell;
use crate::components::messages::ErrorBanner;
use crate::components::notice::Forbidden;
use crate::components::usage::{period_query, UsageSection};

#[component]
pub fn AdminOverview() -> impl IntoView {
    let shell = use_shell();
    let services = Resource::new(|| (), |_| cloud_services());
    let period = period_query();
    let report = Resource::new(
        move || period.get(),
        |(start, end)| cloud_usage_report(start, end),
    );
    view! {
        <Title text="Admin Overview"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = crate::components::layout::is_admin(&shell.await);
                if !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                view! {
                    <h1 class="mb-6 text-2xl font-semibold">"Admin Overview"</h1>
                    <UsageSection report=report.await csv="/admin/usage.csv" admin=true/>
                    <h2 class="mb-3 text-lg font-semibold">"Services"</h2>
                    {match services.await {
                        Ok(list) => view! { <ServicesTable services=list/> }.into_any(),
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    }}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn ServicesTable(services: Vec<ServiceEndpoint>) -> impl IntoView {
    view! {
        <table id="services" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="px-3 py-2">"Name"</th>
                    <th class="px-3 py-2">"Service"</th>
                    <th class="px-3 py-2">"Region"</th>
                    <th class="px-3 py-2">"Endpoint"</th>
                </tr>
            </thead>
            <tbody>
                {services.into_iter().map(|s| view! {
                    <tr data-display=s.name.clone() class="border-t border-slate-100">
                        <td class="px-3 py-2 font-medium">{s.name.clone()}</td>
                        <td class="px-3 py-2">{s.service_type.clone()}</td>
                        <td class="px-3 py-2">{s.region.clone()}</td>
                        <td class="px-3 py-2 font-mono text-xs">{s.url.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
