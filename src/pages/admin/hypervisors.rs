//! Admin › Hypervisors (`/admin/hypervisors/`): capacity and use per hypervisor, and the
//! compute services.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::hypervisors::list_hypervisors;
use crate::components::messages::ErrorBanner;
use crate::components::quota_chart::QuotaChart;
use crate::model::hypervisor::HypervisorsPage;
use crate::model::QuotaItem;

#[component]
pub fn HypervisorsAdminPage() -> impl IntoView {
    let page = Resource::new(|| (), |_| list_hypervisors());
    view! {
        <Title text="All Hypervisors"/>
        <h1 class="mb-4 text-2xl font-semibold">"All Hypervisors"</h1>
        <Suspense fallback=|| view! { <p>"Loading hypervisors…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <Hypervisors page=p/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Hypervisors(page: HypervisorsPage) -> impl IntoView {
    let sum = |f: fn(&crate::model::hypervisor::HypervisorRow) -> i64| {
        page.hypervisors.iter().map(f).sum::<i64>()
    };
    let summary = vec![
        QuotaItem::new("VCPU Usage", sum(|h| h.vcpus_used), sum(|h| h.vcpus), ""),
        QuotaItem::new(
            "Memory Usage",
            sum(|h| h.memory_mb_used),
            sum(|h| h.memory_mb),
            "MB",
        ),
        QuotaItem::new(
            "Local Disk Usage",
            sum(|h| h.local_gb_used),
            sum(|h| h.local_gb),
            "GB",
        ),
    ];
    let cell = "px-3 py-2";
    view! {
        <section id="hypervisor-summary" class="mb-6 rounded-lg border border-slate-200 bg-white p-4">
            <h2 class="mb-3 font-semibold">"Hypervisor Summary"</h2>
            <div class="flex flex-wrap gap-4">
                {summary.into_iter().map(|item| view! { <QuotaChart item=item/> }).collect_view()}
            </div>
        </section>
        <table id="hypervisors" class="mb-8 w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=cell>"Hostname"</th><th class=cell>"Type"</th>
                    <th class=cell>"VCPUs (used)"</th><th class=cell>"VCPUs (total)"</th>
                    <th class=cell>"RAM (used)"</th><th class=cell>"RAM (total)"</th>
                    <th class=cell>"Local Storage (used)"</th><th class=cell>"Local Storage (total)"</th>
                    <th class=cell>"Instances"</th><th class=cell>"State"</th><th class=cell>"Status"</th>
                </tr>
            </thead>
            <tbody>
                {page.hypervisors.into_iter().map(|h| view! {
                    <tr data-display=h.hostname.clone() class="border-t border-slate-100">
                        <td class=cell>{h.hostname.clone()}</td><td class=cell>{h.hypervisor_type.clone()}</td>
                        <td class=cell>{h.vcpus_used}</td><td class=cell>{h.vcpus}</td>
                        <td class=cell>{format!("{} MB", h.memory_mb_used)}</td><td class=cell>{format!("{} MB", h.memory_mb)}</td>
                        <td class=cell>{format!("{} GB", h.local_gb_used)}</td><td class=cell>{format!("{} GB", h.local_gb)}</td>
                        <td class=format!("{cell} running_vms")>{h.running_vms}</td>
                        <td class=cell>{h.state.clone()}</td><td class=cell>{h.status.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2 class="mb-3 text-lg font-semibold">"Compute Services"</h2>
        <table id="compute_services" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr><th class=cell>"Name"</th><th class=cell>"Host"</th><th class=cell>"Zone"</th>
                    <th class=cell>"Status"</th><th class=cell>"State"</th><th class=cell>"Last Updated"</th></tr>
            </thead>
            <tbody>
                {page.services.into_iter().map(|s| view! {
                    <tr data-display=format!("{}@{}", s.binary, s.host) class="border-t border-slate-100">
                        <td class=cell>{s.binary.clone()}</td><td class=cell>{s.host.clone()}</td><td class=cell>{s.zone.clone()}</td>
                        <td class=cell>{s.status.clone()}</td><td class=cell>{s.state.clone()}</td><td class=cell>{s.updated_at.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
