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
    let summary = match item.limit {
        Some(limit) => format!(
            "Used {} of {}",
            amount(item.used, &item.unit),
            amount(limit, &item.unit)
        ),
        None => format!("Used {} (No Limit)", amount(item.used, &item.unit)),
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

/// "512 MB", "50 GB", "3": memory is counted in MB by Nova but read in GB by people.
fn amount(value: i64, unit: &str) -> String {
    match unit {
        "" => value.to_string(),
        "MB" if value >= 1024 && value % 1024 == 0 => format!("{} GB", value / 1024),
        "MB" if value >= 1024 => format!("{:.1} GB", value as f64 / 1024.0),
        _ => format!("{value} {unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(amount(3, ""), "3");
        assert_eq!(amount(512, "MB"), "512 MB");
        assert_eq!(amount(51200, "MB"), "50 GB");
        assert_eq!(amount(1536, "MB"), "1.5 GB");
        assert_eq!(amount(1000, "GB"), "1000 GB");
    }
}
