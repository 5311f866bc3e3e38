//! Project › Network Topology (`/project/network_topology/`): the project's networks,
//! routers and instances as one SVG picture, drawn on the server (no script library), kept
//! current by asking for the data again every few seconds and redrawing only on a change.

use std::time::Duration;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::topology::network_topology;
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::ErrorBanner;
use crate::model::topology::{render_svg, Topology};

/// How often an open page asks whether the project changed.
const REFRESH: Duration = Duration::from_secs(10);

#[component]
pub fn NetworkTopologyPage() -> impl IntoView {
    let shell = use_shell();
    let first = Resource::new(|| (), |_| network_topology());
    // The newest picture the browser fetched; written only when it differs from the one
    // shown, so an unchanged project costs no redraw.
    let latest = RwSignal::new(None::<Topology>);
    Effect::new(move |_| {
        let poll = move || {
            leptos::task::spawn_local(async move {
                // A failed refresh keeps the picture as it is; the next one may succeed.
                let Ok(fresh) = network_topology().await else {
                    return;
                };
                let shown = latest
                    .try_get_untracked()
                    .flatten()
                    .or_else(|| first.try_get_untracked().flatten().and_then(Result::ok));
                if shown.as_ref() != Some(&fresh) {
                    let _ = latest.try_set(Some(fresh));
                }
            });
        };
        let handle = set_interval_with_handle(poll, REFRESH).ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });

    view! {
        <Title text="Network Topology"/>
        <h1 class="mb-4 text-2xl font-semibold">"Network Topology"</h1>
        <Suspense fallback=|| view! { <p>"Loading the network topology…"</p> }>
            {move || Suspend::new(async move {
                let can_change = can_change(shell).await;
                match first.await {
                    Ok(initial) => view! { <TopologyView initial=initial latest=latest can_change=can_change/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TopologyView(
    initial: Topology,
    latest: RwSignal<Option<Topology>>,
    can_change: bool,
) -> impl IntoView {
    move || {
        let t = latest.get().unwrap_or_else(|| initial.clone());
        if t.is_empty() {
            return view! { <EmptyTopology can_change=can_change/> }.into_any();
        }
        view! {
            <Legend/>
            <div id="topology" class="topology-canvas overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-2"
                 inner_html=render_svg(&t)></div>
            <p class="mt-2 text-xs text-slate-500">
                "Select a network, router or instance to open it. The picture follows changes to the project by itself."
            </p>
        }
        .into_any()
    }
}

/// What the colours mean.
#[component]
fn Legend() -> impl IntoView {
    let item = |swatch: &'static str, label: &'static str| {
        view! {
            <li class="flex items-center gap-1.5">
                <span class=format!("inline-block h-3 w-3 rounded-sm {swatch}")></span>{label}
            </li>
        }
    };
    view! {
        <ul class="topology-legend mb-3 flex flex-wrap gap-4 text-xs text-slate-600" aria-label="Legend">
            {item("bg-slate-600", "External network")}
            {item("bg-sky-700", "Network")}
            {item("border-2 border-amber-700 bg-amber-50", "Router")}
            {item("border-2 border-emerald-700 bg-emerald-50", "Instance")}
        </ul>
    }
}

/// A project with nothing in it: where to start (a reader, who can create nothing, is only
/// told so).
#[component]
fn EmptyTopology(can_change: bool) -> impl IntoView {
    view! {
        <div class="empty-topology rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
            <p class="font-medium">"This project has no networks, routers or instances yet."</p>
            {can_change.then(|| view! {
                <p class="mt-1 text-sm text-slate-600">
                    "Create a network for your instances, then a router to connect it to an external network."
                </p>
                <div class="mt-4 flex justify-center gap-3">
                    <a href="/project/networks/" class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800">"Create Network"</a>
                    <a href="/project/routers/" class="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">"Create Router"</a>
                </div>
            })}
        </div>
    }
}
