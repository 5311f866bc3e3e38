//! A small donut chart of one resource's use against its limit, drawn in SVG on the server.

use leptos::prelude::*;

use crate::model::QuotaItem;

#[component]
pub fn QuotaChart(item: QuotaItem) -> impl IntoView {
    // Circumference of r=15.915 is 100, so the dash length is the percentage.
    let pct = item.percent();
    let color = match pct {
        0..=69 => "stroke-sky-600",
        70..=89 => "stroke-amber-500",
        _ => "stroke-red-600",
    };
    let unit = if item.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", item.unit)
    };
    let summary = match item.limit {
        Some(limit) => format!("Used {}{unit} of {}{unit}", item.used, limit),
        None => format!("Used {}{unit} (No Limit)", item.used),
    };
    let slug = item.label.to_lowercase().replace(' ', "_");
    view! {
        <figure class="quota-chart flex w-36 flex-col items-center text-center" data-quota=slug>
            <svg viewBox="0 0 36 36" class="h-20 w-20" role="img"
                 aria-label=format!("{}: {}", item.label, summary)>
                <circle cx="18" cy="18" r="15.915" fill="none" class="stroke-slate-200" stroke-width="4"/>
                <circle cx="18" cy="18" r="15.915" fill="none" class=color stroke-width="4"
                        stroke-dasharray=format!("{pct} {}", 100 - pct) stroke-dashoffset="25"/>
                <text x="18" y="20.5" text-anchor="middle" class="fill-slate-700 text-[7px] font-semibold">
                    {if item.limit.is_some() { format!("{pct}%") } else { "∞".to_string() }}
                </text>
            </svg>
            <figcaption class="mt-2 text-sm">
                <div class="font-medium">{item.label.clone()}</div>
                <div class="quota-summary text-slate-600">{summary}</div>
            </figcaption>
        </figure>
    }
}
