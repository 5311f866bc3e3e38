//! The usage and cost section of the overviews: the period form, the summary, the cost by
//! resource kind (table and chart), and per-instance (project) or per-project (admin) rows,
//! with the CSV download.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::form::FieldError;
use crate::components::messages::{Alert, ErrorBanner};
use crate::error::AppError;
use crate::model::usage::{
    cost_lines, two_decimals, CostLine, ProjectUsage, UsageFigures, UsageReport,
};
use crate::model::Flash;
use crate::nav::encode_query_value;

/// The page's `start` and `end` query values, for the report's Resource.
pub fn period_query() -> Memo<(Option<String>, Option<String>)> {
    let query = use_query_map();
    Memo::new(move |_| query.with(|q| (q.get("start"), q.get("end"))))
}

/// The whole section, for `report` (or its error). `csv` is the download's path
/// (`/project/usage.csv`); the period's query is added to it.
#[component]
pub fn UsageSection(
    report: Result<UsageReport, AppError>,
    #[prop(into)] csv: String,
    admin: bool,
) -> impl IntoView {
    let form_error = report
        .as_ref()
        .err()
        .filter(|e| e.field().is_some())
        .cloned();
    let body = match report {
        Err(e) if e.field().is_some() => ().into_any(),
        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
        Ok(r) => view! { <Report report=r csv=csv admin=admin/> }.into_any(),
    };
    view! {
        <section id="usage" aria-labelledby="usage-title" class="mb-8">
            <h2 id="usage-title" class="mb-3 text-lg font-semibold">"Usage Summary"</h2>
            <PeriodForm error=form_error/>
            {body}
        </section>
    }
}

/// Horizon's "Select a period of time to query its usage" form (a plain GET form).
#[component]
fn PeriodForm(error: Option<AppError>) -> impl IntoView {
    let query = use_query_map();
    let value = move |k: &'static str| {
        query
            .with(|q| q.get(k))
            .map(|v| v.chars().take(10).collect::<String>())
            .unwrap_or_default()
    };
    let error = Signal::derive(move || error.clone());
    view! {
        <form method="get" class="mb-4 flex flex-wrap items-end gap-3" aria-label="Usage period">
            <p class="w-full text-sm text-slate-600">"Select a period of time to query its usage:"</p>
            <div>
                <label for="id_start" class="block text-xs text-slate-500">"From"</label>
                <input id="id_start" name="start" type="date" value=value("start")
                       class="rounded border border-slate-300 px-2 py-1.5 text-sm"/>
                <FieldError error=error field="start"/>
            </div>
            <div>
                <label for="id_end" class="block text-xs text-slate-500">"To"</label>
                <input id="id_end" name="end" type="date" value=value("end")
                       class="rounded border border-slate-300 px-2 py-1.5 text-sm"/>
                <FieldError error=error field="end"/>
            </div>
            <button type="submit" class="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">"Submit"</button>
            <p class="w-full text-xs text-slate-500">"The date should be in YYYY-MM-DD format; without dates, the month so far."</p>
        </form>
    }
}

#[component]
fn Report(report: UsageReport, csv: String, admin: bool) -> impl IntoView {
    let priced = report.prices.any();
    let currency = report.prices.currency.clone();
    // The cloud's (or the project's) figures: the sum over the projects listed.
    let mut all = UsageFigures::default();
    for p in &report.projects {
        let f = &p.figures;
        all.instances += f.instances;
        all.vcpu_hours += f.vcpu_hours;
        all.ram_gb_hours += f.ram_gb_hours;
        all.disk_gb_hours += f.disk_gb_hours;
        all.volume_gb_hours += f.volume_gb_hours;
        all.floating_ip_hours += f.floating_ip_hours;
        all.image_gb_months += f.image_gb_months;
    }
    let (lines, total) = cost_lines(&all, &report.prices);
    let period = format!(
        "{} – {} UTC ({} hours)",
        report.period.start.format("%Y-%m-%d %H:%M:%S"),
        report.period.end.format("%Y-%m-%d %H:%M:%S"),
        two_decimals(report.period.hours())
    );
    let csv_href = format!(
        "{csv}?start={}&end={}",
        encode_query_value(&report.period.start.format("%Y-%m-%dT%H:%M:%S").to_string()),
        encode_query_value(&report.period.end.format("%Y-%m-%dT%H:%M:%S").to_string())
    );
    let summary = [
        ("Instances", all.instances.to_string()),
        ("This Period's VCPU-Hours", two_decimals(all.vcpu_hours)),
        ("This Period's GB-Hours", two_decimals(all.disk_gb_hours)),
        ("This Period's RAM GB-Hours", two_decimals(all.ram_gb_hours)),
        ("Volume GB-Hours", two_decimals(all.volume_gb_hours)),
        ("Floating IP-Hours", two_decimals(all.floating_ip_hours)),
        ("Image GB-Months", format!("{:.4}", all.image_gb_months)),
    ];
    view! {
        <p class="usage-period mb-3 text-sm text-slate-600">{period}</p>
        {report.gaps.into_iter().map(|g| view! { <div class="usage-gaps mb-2"><Alert flash=Flash::warning(g)/></div> }).collect_view()}
        <dl class="usage-summary mb-4 grid grid-cols-2 gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
            {summary.into_iter().map(|(k, v)| view! {
                <div><dt class="text-slate-500">{k}</dt><dd class="text-lg font-semibold" data-figure=k>{v}</dd></div>
            }).collect_view()}
        </dl>
        {if priced {
            view! { <CostTable lines=lines total=total currency=currency.clone()/> }.into_any()
        } else {
            view! {
                <p class="mb-4 text-sm text-slate-600">
                    "No prices are set, so no cost is shown (Meridian's setting MERIDIAN_PRICES, or [prices] in its settings file)."
                </p>
            }.into_any()
        }}
        {if admin {
            view! { <ProjectsTable projects=report.projects priced=priced currency=currency/> }.into_any()
        } else {
            let servers = report.projects.into_iter().next().map(|p| p.servers).unwrap_or_default();
            view! { <InstancesTable servers=servers/> }.into_any()
        }}
        <p class="mt-2 text-sm">
            <a class="csv-download text-sky-700 hover:underline" href=csv_href download>"Download CSV Summary"</a>
        </p>
        <p class="mt-1 text-xs text-slate-500">
            "Compute usage is Nova's (each instance's hours in the period). Volumes, floating IPs and images are counted from those that exist now, from their creation: the services keep no record of deleted ones."
        </p>
    }
}

/// Cost by resource kind: a table, and the same figures as bars.
#[component]
fn CostTable(lines: Vec<CostLine>, total: f64, currency: String) -> impl IntoView {
    let max = lines.iter().map(|l| l.cost).fold(0.0_f64, f64::max);
    let bars = lines.clone();
    view! {
        <div class="mb-4 grid gap-4 lg:grid-cols-2">
            <table id="usage_cost" class="w-full rounded-lg border border-slate-200 bg-white text-sm">
                <thead class="bg-slate-50 text-left">
                    <tr>
                        <th class="px-3 py-2">"Resource"</th>
                        <th class="px-3 py-2 text-right">"Usage"</th>
                        <th class="px-3 py-2">"Unit"</th>
                        <th class="px-3 py-2 text-right">"Unit Price"</th>
                        <th class="px-3 py-2 text-right">{format!("Cost ({currency})")}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr data-display=l.kind.clone() class="border-t border-slate-100">
                            <td class="px-3 py-1.5">{l.kind.clone()}</td>
                            <td class="quantity px-3 py-1.5 text-right tabular-nums">{format!("{:.4}", l.quantity)}</td>
                            <td class="px-3 py-1.5">{l.unit.clone()}</td>
                            <td class="px-3 py-1.5 text-right tabular-nums">{l.price.to_string()}</td>
                            <td class="cost px-3 py-1.5 text-right tabular-nums">{two_decimals(l.cost)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr class="border-t border-slate-200 font-semibold">
                        <td class="px-3 py-2" colspan="4">"Total"</td>
                        <td class="total px-3 py-2 text-right tabular-nums">{two_decimals(total)}</td>
                    </tr>
                </tfoot>
            </table>
            <figure class="rounded-lg border border-slate-200 bg-white p-4" aria-label="Cost by resource">
                <figcaption class="mb-2 text-sm font-medium">{format!("Cost by resource ({currency})")}</figcaption>
                {bars.into_iter().map(|l| {
                    let pct = if max > 0.0 { l.cost / max * 100.0 } else { 0.0 };
                    view! {
                        <div class="mb-1.5 grid grid-cols-[7rem_1fr_4rem] items-center gap-2 text-xs">
                            <span>{l.kind.clone()}</span>
                            <div class="h-3 rounded bg-slate-100"><div class="h-3 rounded bg-sky-600" style=format!("width: {pct:.1}%")></div></div>
                            <span class="text-right tabular-nums">{two_decimals(l.cost)}</span>
                        </div>
                    }
                }).collect_view()}
            </figure>
        </div>
    }
}

/// The project's instances in the period (Horizon's `project_usage` table).
#[component]
fn InstancesTable(servers: Vec<crate::model::usage::ServerUsage>) -> impl IntoView {
    let count = servers.len();
    view! {
        <table id="project_usage" class="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="px-3 py-2">"Instance Name"</th>
                    <th class="px-3 py-2">"Flavor"</th>
                    <th class="px-3 py-2 text-right">"VCPUs"</th>
                    <th class="px-3 py-2 text-right">"Disk"</th>
                    <th class="px-3 py-2 text-right">"RAM"</th>
                    <th class="px-3 py-2 text-right">"Hours in Period"</th>
                    <th class="px-3 py-2">"State"</th>
                </tr>
            </thead>
            <tbody>
                {if servers.is_empty() {
                    view! { <tr class="empty"><td colspan="7" class="px-3 py-6 text-center text-slate-500">"No items to display."</td></tr> }.into_any()
                } else {
                    servers.into_iter().map(|s| view! {
                        <tr data-display=s.name.clone() data-object-id=s.id.clone() class="border-t border-slate-100">
                            <td class="px-3 py-1.5">{s.name.clone()}</td>
                            <td class="px-3 py-1.5">{s.flavor.clone()}</td>
                            <td class="px-3 py-1.5 text-right">{s.vcpus}</td>
                            <td class="px-3 py-1.5 text-right">{format!("{} GB", s.disk_gb)}</td>
                            <td class="px-3 py-1.5 text-right">{format!("{} MB", s.ram_mb)}</td>
                            <td class="hours px-3 py-1.5 text-right tabular-nums">{format!("{:.4}", s.hours)}</td>
                            <td class="px-3 py-1.5">{s.state.clone()}</td>
                        </tr>
                    }).collect_view().into_any()
                }}
            </tbody>
            <tfoot><tr><td colspan="7" class="border-t border-slate-200 px-3 py-2 text-slate-600">
                <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
            </td></tr></tfoot>
        </table>
    }
}

/// Every project's usage and cost (Horizon's `global_usage` table), dearest first.
#[component]
fn ProjectsTable(projects: Vec<ProjectUsage>, priced: bool, currency: String) -> impl IntoView {
    let count = projects.len();
    let columns = if priced { "9" } else { "8" };
    view! {
        <table id="global_usage" class="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="px-3 py-2">"Project Name"</th>
                    <th class="px-3 py-2 text-right">"Instances"</th>
                    <th class="px-3 py-2 text-right">"VCPU Hours"</th>
                    <th class="px-3 py-2 text-right">"Disk GB Hours"</th>
                    <th class="px-3 py-2 text-right">"RAM GB Hours"</th>
                    <th class="px-3 py-2 text-right">"Volume GB Hours"</th>
                    <th class="px-3 py-2 text-right">"Floating IP Hours"</th>
                    <th class="px-3 py-2 text-right">"Image GB Months"</th>
                    {priced.then(|| view! { <th class="px-3 py-2 text-right">{format!("Cost ({currency})")}</th> })}
                </tr>
            </thead>
            <tbody>
                {if projects.is_empty() {
                    view! { <tr class="empty"><td colspan=columns class="px-3 py-6 text-center text-slate-500">"No items to display."</td></tr> }.into_any()
                } else {
                    projects.into_iter().map(|p| {
                        let f = p.figures.clone();
                        view! {
                            <tr data-display=p.project_name.clone() data-object-id=p.project_id.clone() class="border-t border-slate-100">
                                <td class="px-3 py-1.5">{p.project_name.clone()}</td>
                                <td class="px-3 py-1.5 text-right">{f.instances}</td>
                                <td class="vcpu_hours px-3 py-1.5 text-right tabular-nums">{two_decimals(f.vcpu_hours)}</td>
                                <td class="px-3 py-1.5 text-right tabular-nums">{two_decimals(f.disk_gb_hours)}</td>
                                <td class="px-3 py-1.5 text-right tabular-nums">{two_decimals(f.ram_gb_hours)}</td>
                                <td class="px-3 py-1.5 text-right tabular-nums">{two_decimals(f.volume_gb_hours)}</td>
                                <td class="px-3 py-1.5 text-right tabular-nums">{two_decimals(f.floating_ip_hours)}</td>
                                <td class="px-3 py-1.5 text-right tabular-nums">{format!("{:.4}", f.image_gb_months)}</td>
                                {priced.then(|| view! { <td class="cost px-3 py-1.5 text-right tabular-nums">{two_decimals(p.total)}</td> })}
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <tfoot><tr><td colspan=columns class="border-t border-slate-200 px-3 py-2 text-slate-600">
                <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
            </td></tr></tfoot>
        </table>
    }
}
