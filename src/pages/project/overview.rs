//! Project › Overview (`/project/`): the project's limits and what it uses of them, and
//! its usage and cost over a period.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::overview::project_usage;
use crate::api::usage::project_usage_report;
use crate::components::messages::{Alert, ErrorBanner};
use crate::components::quota_chart::QuotaChart;
use crate::components::usage::{period_query, UsageSection};
use crate::model::{Flash, ServiceQuotas};

#[component]
pub fn ProjectOverview() -> impl IntoView {
    let usage = Resource::new(|| (), |_| project_usage());
    let period = period_query();
    let report = Resource::new(
        move || period.get(),
        |(start, end)| project_usage_report(start, end),
    );
    view! {
        <Title text="Instance Overview"/>
        <h1 class="mb-6 text-2xl font-semibold">"Overview"</h1>
        <Suspense fallback=|| view! { <p>"Loading limits…"</p> }>
            {move || Suspend::new(async move {
                match usage.await {
                    Ok(usage) => view! {
                        <section id="limit-summary" aria-labelledby="limit-summary-title">
                            <h2 id="limit-summary-title" class="mb-4 text-lg font-semibold">
                                "Limit Summary"
                                <span class="ml-2 text-sm font-normal text-slate-500">{usage.project_name.clone()}</span>
                            </h2>
                            {usage.services.into_iter().map(|s| view! { <ServiceSection quotas=s/> }).collect_view()}
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <Transition fallback=|| view! { <p>"Loading usage…"</p> }>
            {move || Suspend::new(async move {
                view! { <UsageSection report=report.await csv="/project/usage.csv" admin=false/> }
            })}
        </Transition>
    }
}

#[component]
fn ServiceSection(quotas: ServiceQuotas) -> impl IntoView {
    let id = format!("quotas-{}", quotas.service.to_lowercase());
    view! {
        <div id=id class="mb-6 rounded-lg border border-slate-200 bg-white p-4">
            <h3 class="mb-3 font-semibold">{quotas.service.clone()}</h3>
            {match quotas.items {
                Ok(items) => view! {
                    <div class="flex flex-wrap gap-4">
                        {items.into_iter().map(|item| view! { <QuotaChart item=item/> }).collect_view()}
                    </div>
                }.into_any(),
                Err(message) => view! {
                    <div class="messages">
                        <Alert flash=Flash::warning(format!("{} limits are unavailable: {message}", quotas.service))/>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}
