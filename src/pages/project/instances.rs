//! Project › Instances (`/project/instances/`): the table, its filter, pagination, batch
//! delete, and live status while anything is changing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::instances::{list_instances, DeleteInstances, InstanceFilter, RunInstanceAction};
use crate::components::confirm::ConfirmDialog;
use crate::components::filter::{FilterForm, PageSizeChoice};
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::{ErrorBanner, Messages};
use crate::model::batch::batch_flashes;
use crate::model::compute::{InstanceAction, InstancePage, InstanceRow};
use crate::model::instance_forms::InstanceForm;
use crate::model::Flash;
use crate::nav::encode_query_value;
use crate::pages::project::instance_forms::{InstanceFormModal, OpenForm};

/// How often a page with instances in transition asks for the table again.
const LIVE_REFRESH_MS: u64 = 2000;
/// Refreshes after an action even when no row looks busy (10 s at the pace above).
const AFTER_ACTION_REFRESHES: u8 = 5;

/// The filter fields Nova can filter on, as Horizon offers them.
const FILTER_FIELDS: &[(&str, &str)] = &[
    ("name", "Instance Name"),
    ("status", "Status"),
    ("image", "Image ID"),
    ("flavor", "Flavor ID"),
    ("ip", "IPv4 Address"),
];

/// Project › Instances.
#[component]
pub fn InstancesPage() -> impl IntoView {
    view! { <InstancesPanel all_projects=false/> }
}

/// Admin › Instances: every project's, with the project and the compute host. The server
/// refuses non-admins (and the page then answers 403).
#[component]
pub fn AdminInstancesPage() -> impl IntoView {
    view! { <InstancesPanel all_projects=true/> }
}

#[component]
fn InstancesPanel(all_projects: bool) -> impl IntoView {
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let field = q.get("field").unwrap_or_else(|| "name".into());
            let text = q.get("q").filter(|t| !t.trim().is_empty());
            let pick = |f: &str| (field == f).then(|| text.clone()).flatten();
            InstanceFilter {
                name: pick("name"),
                status: pick("status"),
                image: pick("image"),
                flavor: pick("flavor"),
                ip: pick("ip"),
                marker: q.get("marker"),
                prev: q.get("prev").as_deref() == Some("1"),
                page_size: q.get("page_size").and_then(|s| s.parse().ok()).unwrap_or(0),
            }
        })
    });
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(
        move || (filter.get(), refresh.get()),
        move |(f, _)| list_instances(f, all_projects),
    );

    // One batched refresh of the whole table while any row is in transition; it stops by
    // itself once everything has settled. Some changes (confirming a resize, say) show no
    // task state while Nova works, so after each action a few refreshes follow anyway.
    let after_action = RwSignal::new(0u8);
    Effect::new(move |_| {
        let busy = page
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|p| p.rows.iter().any(InstanceRow::in_transition));
        let extra = after_action.get_untracked() > 0;
        if extra {
            after_action.update_untracked(|n| *n -= 1);
        }
        if busy || extra {
            set_timeout(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(LIVE_REFRESH_MS),
            );
        }
    });

    let selected = RwSignal::new(Vec::<(String, String)>::new());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let confirm_open = RwSignal::new(false);
    let delete = ServerAction::<DeleteInstances>::new();
    provide_context(delete);
    let launch_open = RwSignal::new(false);
    let launch = ServerAction::<crate::api::launch::LaunchInstance>::new();
    Effect::new(move |_| {
        if let Some(Ok(n)) = launch.value().get() {
            messages.set(vec![Flash::info(format!(
                "Scheduled creation of {n} instance(s)."
            ))]);
            launch_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    // The open row form lives here, not in the row, so a live refresh keeps it open.
    let form_open = RwSignal::new(None::<OpenForm>);
    provide_context(form_open);
    // Likewise a row's confirmation: (id, name, what), or None when no dialog is open.
    let row_confirm = RwSignal::new(None::<RowConfirm>);
    provide_context(row_confirm);
    let row_confirm_open = RwSignal::new(false);
    // Kept in step both ways, writing only on a change (else the two would wake each other
    // for ever).
    Effect::new(move |_| {
        let want = row_confirm.with(Option::is_some);
        if row_confirm_open.get_untracked() != want {
            row_confirm_open.set(want);
        }
    });
    Effect::new(move |_| {
        if !row_confirm_open.get() && row_confirm.with_untracked(Option::is_some) {
            row_confirm.set(None);
        }
    });
    let run = ServerAction::<RunInstanceAction>::new();
    provide_context(run);
    Effect::new(move |_| {
        if let Some(result) = run.value().get() {
            messages.set(vec![match result {
                Ok(text) => Flash::success(text),
                Err(e) => Flash::error(e.to_string()),
            }]);
            after_action.update_untracked(|n| *n = AFTER_ACTION_REFRESHES);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Scheduled deletion of Instance",
                "Unable to delete Instance",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let on_confirm = Callback::new(move |_| {
        let items = selected.get_untracked();
        if !items.is_empty() {
            delete.dispatch(DeleteInstances { instances: items });
        }
    });
    let confirm_body = Signal::derive(move || {
        let names: Vec<String> = selected.get().into_iter().map(|(_, n)| n).collect();
        format!("You have selected: {}.", names.join(", "))
    });

    view! {
        <Title text="Instances"/>
        <h1 class="mb-4 text-2xl font-semibold">"Instances"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <div class="table_actions mb-3 flex flex-wrap items-end gap-2">
            <FilterForm fields=FILTER_FIELDS/>
            <div class="flex-1"></div>
            // A reader is offered nothing that changes the project.
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    can_change(shell).await.then(|| view! {
                        {(!all_projects).then(|| view! {
                            <button type="button" id="instances__action_launch"
                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                    on:click=move |_| launch_open.set(true)>"Launch Instance"</button>
                        })}
                        <button type="button" id="instances__action_delete"
                                class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                disabled=move || selected.with(|s| s.is_empty())
                                on:click=move |_| confirm_open.set(true)>
                            "Delete Instances"
                        </button>
                    })
                })}
            </Suspense>
        </div>
        <Transition fallback=|| view! { <p>"Loading instances…"</p> }>
            {move || Suspend::new(async move {
                let can_change = can_change(shell).await;
                match page.await {
                    Ok(p) => view! { <InstancesTable page=p selected=selected all_projects=all_projects can_change=can_change/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>
        <Show when=move || launch_open.get()>
            <crate::pages::project::launch::LaunchWizard action=launch
                on_close=Callback::new(move |_| launch_open.set(false))/>
        </Show>
        {move || form_open.get().map(|open| view! {
            <InstanceFormModal open=open
                on_done=Callback::new(move |text: String| {
                    messages.set(vec![Flash::success(text)]);
                    form_open.set(None);
                    after_action.update_untracked(|n| *n = AFTER_ACTION_REFRESHES);
                    refresh.update(|n| *n += 1);
                })
                on_close=Callback::new(move |_| form_open.set(None))/>
        })}
        {move || row_confirm.get().map(|c| {
            let label = c.label();
            view! {
                <ConfirmDialog open=row_confirm_open title=format!("Confirm {label}")
                               body=Signal::derive({ let n = c.name.clone(); move || format!("You have selected: {n}.") })
                               confirm_label=label
                               on_confirm=Callback::new(move |_| match c.what {
                                   Some(action) => { run.dispatch(RunInstanceAction { id: c.id.clone(), name: c.name.clone(), action }); }
                                   None => { delete.dispatch(DeleteInstances { instances: vec![(c.id.clone(), c.name.clone())] }); }
                               })/>
            }
        })}
        <ConfirmDialog open=confirm_open title="Confirm Delete Instances" body=confirm_body
                       confirm_label="Delete Instances" on_confirm=on_confirm/>
    }
}

#[component]
fn InstancesTable(
    page: InstancePage,
    selected: RwSignal<Vec<(String, String)>>,
    all_projects: bool,
    can_change: bool,
) -> impl IntoView {
    let query = use_query_map();
    // Links to the next and previous pages keep the filter.
    let link = move |marker: &str, prev: bool| {
        let mut parts: Vec<String> = query.with_untracked(|q| {
            ["field", "q", "page_size"]
                .iter()
                .filter_map(|k| q.get(k).map(|v| format!("{k}={}", encode_query_value(&v))))
                .collect()
        });
        parts.push(format!("marker={}", encode_query_value(marker)));
        if prev {
            parts.push("prev=1".into());
        }
        format!("?{}", parts.join("&"))
    };
    let count = page.rows.len();
    let columns = if all_projects { "14" } else { "12" };
    let now = chrono::Utc::now();
    let all_ids: Vec<(String, String)> = page
        .rows
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    let all_selected = {
        let all = all_ids.clone();
        move || !all.is_empty() && selected.with(|s| s.len() == all.len())
    };
    view! {
        <table id="instances" class="w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2">
                        {can_change.then(|| view! {
                            <input type="checkbox" aria-label="Select all instances" class="table-row-multi-select"
                                   prop:checked=all_selected.clone()
                                   on:change=move |ev| {
                                       if event_target_checked(&ev) { selected.set(all_ids.clone()) } else { selected.set(vec![]) }
                                   }/>
                        })}
                    </th>
                    {all_projects.then(|| view! {
                        <th class="px-2 py-2">"Project"</th>
                        <th class="px-2 py-2">"Host"</th>
                    })}
                    <th class="px-2 py-2">"Instance Name"</th>
                    <th class="px-2 py-2">"Image Name"</th>
                    <th class="px-2 py-2">"IP Address"</th>
                    <th class="px-2 py-2">"Flavor"</th>
                    <th class="px-2 py-2">"Key Pair"</th>
                    <th class="px-2 py-2">"Status"</th>
                    <th class="px-2 py-2">"Availability Zone"</th>
                    <th class="px-2 py-2">"Task"</th>
                    <th class="px-2 py-2">"Power State"</th>
                    <th class="px-2 py-2">"Age"</th>
                    <th class="px-2 py-2">"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if page.rows.is_empty() {
                    view! { <tr class="empty"><td colspan=columns class="px-3 py-6 text-center text-slate-500">"No items to display."</td></tr> }.into_any()
                } else {
                    page.rows.into_iter().map(|row| view! { <InstanceTableRow row=row now=now selected=selected all_projects=all_projects can_change=can_change/> }).collect_view().into_any()
                }}
            </tbody>
            <tfoot>
                <tr>
                    <td colspan=columns class="border-t border-slate-200 px-3 py-2 text-slate-600">
                        <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
                        <PageSizeChoice/>
                        <span class="float-right space-x-4">
                            {page.prev_marker.map(|m| view! { <a class="prev text-sky-700 hover:underline" href=link(&m, true)>"« Prev"</a> })}
                            {page.next_marker.map(|m| view! { <a class="next text-sky-700 hover:underline" href=link(&m, false)>"Next »"</a> })}
                        </span>
                    </td>
                </tr>
            </tfoot>
        </table>
    }
}

#[component]
fn InstanceTableRow(
    row: InstanceRow,
    now: chrono::DateTime<chrono::Utc>,
    selected: RwSignal<Vec<(String, String)>>,
    all_projects: bool,
    can_change: bool,
) -> impl IntoView {
    let id = row.id.clone();
    let name = row.name.clone();
    let is_selected = {
        let id = id.clone();
        move || selected.with(|s| s.iter().any(|(i, _)| *i == id))
    };
    let busy = row.in_transition();
    let status_tone = match row.status.as_str() {
        "ACTIVE" => "bg-emerald-100 text-emerald-800",
        "ERROR" => "bg-red-100 text-red-800",
        _ if busy => "bg-amber-100 text-amber-800",
        _ => "bg-slate-100 text-slate-700",
    };
    let single = (id.clone(), name.clone());
    view! {
        <tr data-display=row.name.clone() data-object-id=row.id.clone()
            class="border-t border-slate-100 hover:bg-slate-50" class:status_unknown=busy>
            <td class="px-2 py-2">
                {can_change.then(|| view! {
                    <input type="checkbox" class="table-row-multi-select" aria-label=format!("Select {}", row.name)
                           prop:checked=is_selected.clone()
                           on:change={
                               let item = single.clone();
                               move |ev| {
                                   let item = item.clone();
                                   if event_target_checked(&ev) {
                                       selected.update(|s| if !s.contains(&item) { s.push(item) });
                                   } else {
                                       selected.update(|s| s.retain(|x| *x != item));
                                   }
                               }
                           }/>
                })}
            </td>
            {all_projects.then(|| view! {
                <td class="px-2 py-2 project">{row.project_name.clone().unwrap_or_else(|| row.project_id.clone())}</td>
                <td class="px-2 py-2 host">{row.host.clone().unwrap_or_default()}</td>
            })}
            <td class="px-2 py-2 font-medium">
                <a class="text-sky-700 hover:underline" href=format!("/project/instances/{}/", row.id)>{row.name.clone()}</a>
            </td>
            <td class="px-2 py-2">{row.image_name.clone().unwrap_or_else(|| "-".into())}</td>
            <td class="px-2 py-2">
                <ul>
                    {row.addresses.iter().map(|a| view! {
                        <li>{a.addr.clone()}{a.floating.then_some(" (floating)")}
                            <span class="text-xs text-slate-400">{format!(" {}", a.network)}</span></li>
                    }).collect_view()}
                </ul>
            </td>
            <td class="px-2 py-2">{row.flavor_name.clone()}</td>
            <td class="px-2 py-2">{row.key_name.clone().unwrap_or_else(|| "-".into())}</td>
            <td class="px-2 py-2">
                <span class=format!("status rounded px-2 py-0.5 text-xs font-medium {status_tone}")>{row.status_label()}</span>
            </td>
            <td class="px-2 py-2">{row.availability_zone.clone()}</td>
            <td class="px-2 py-2 task">{row.task_state.clone().map(|t| t.replace('_', " ")).unwrap_or_else(|| "None".into())}</td>
            <td class="px-2 py-2">{row.power_state.label()}</td>
            <td class="px-2 py-2 whitespace-nowrap">{row.age(now)}</td>
            <td class="actions_column px-2 py-2">
                {can_change.then(|| view! { <RowActions row=row.clone() name=name.clone() all_projects=all_projects/> })}
            </td>
        </tr>
    }
    .into_any()
}

/// A row action waiting for its confirmation: an instance action, or (`what: None`) its
/// deletion.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RowConfirm {
    id: String,
    name: String,
    what: Option<InstanceAction>,
}

impl RowConfirm {
    fn label(&self) -> &'static str {
        self.what.map(|a| a.label()).unwrap_or("Delete Instance")
    }
}

/// One entry of the row's menu.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MenuItem {
    Action(InstanceAction),
    Form(InstanceForm),
}

impl MenuItem {
    fn label(self) -> &'static str {
        match self {
            MenuItem::Action(a) => a.label(),
            MenuItem::Form(f) => f.label(),
        }
    }

    fn dangerous(self) -> bool {
        match self {
            MenuItem::Action(a) => a.needs_confirmation(),
            MenuItem::Form(f) => f == InstanceForm::Rebuild,
        }
    }
}

/// The row's actions, as Horizon lays them out: a primary button (what is most likely next
/// in this state) and a menu of the rest. Only what Nova accepts in the instance's state is
/// offered; what interrupts the instance is confirmed first.
#[component]
fn RowActions(row: InstanceRow, name: String, all_projects: bool) -> impl IntoView {
    let run = expect_context::<ServerAction<RunInstanceAction>>();
    let form_open = expect_context::<RwSignal<Option<OpenForm>>>();
    let row_confirm = expect_context::<RwSignal<Option<RowConfirm>>>();
    let id = row.id.clone();
    let mut items: Vec<MenuItem> = row
        .allowed_actions()
        .into_iter()
        .map(MenuItem::Action)
        .collect();
    // The forms act in the current project; Admin › Instances keeps to the plain actions.
    if !all_projects {
        items.extend(row.allowed_forms().into_iter().map(MenuItem::Form));
    }
    let primary_order = [
        MenuItem::Action(InstanceAction::ConfirmResize),
        MenuItem::Form(InstanceForm::Snapshot),
        MenuItem::Action(InstanceAction::Start),
        MenuItem::Action(InstanceAction::Unpause),
        MenuItem::Action(InstanceAction::Resume),
        MenuItem::Action(InstanceAction::Unshelve),
        MenuItem::Action(InstanceAction::Unrescue),
    ];
    let primary = primary_order.into_iter().find(|p| items.contains(p));
    items.retain(|i| Some(*i) != primary);
    // A chosen entry closes the menu, so it does not stay open behind a dialog. (A click
    // can reach a row the live refresh just replaced: its menu is gone then, hence `try_`.)
    let menu = NodeRef::<leptos::html::Details>::new();
    let choose = {
        let (id, name) = (id.clone(), name.clone());
        move |item: MenuItem| {
            if let Some(details) = menu.try_get_untracked().flatten() {
                let _ = details.remove_attribute("open");
            }
            match item {
                MenuItem::Action(action) if action.needs_confirmation() => {
                    row_confirm.set(Some(RowConfirm {
                        id: id.clone(),
                        name: name.clone(),
                        what: Some(action),
                    }));
                }
                MenuItem::Action(action) => {
                    run.dispatch(RunInstanceAction {
                        id: id.clone(),
                        name: name.clone(),
                        action,
                    });
                }
                MenuItem::Form(form) => form_open.set(Some(OpenForm {
                    id: id.clone(),
                    name: name.clone(),
                    form,
                })),
            }
        }
    };
    let buttons = items
        .into_iter()
        .map(|item| {
            let choose = choose.clone();
            view! {
                <li>
                    <button type="button" class="block w-full px-3 py-1.5 text-left hover:bg-slate-100"
                            class:text-red-800=item.dangerous()
                            on:click=move |_| choose(item)>
                        {item.label()}
                    </button>
                </li>
            }
        })
        .collect_view();
    let primary_button = primary.map(|item| {
        let choose = choose.clone();
        view! {
            <button type="button" class="primary-action whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
                    on:click=move |_| choose(item)>{item.label()}</button>
        }
    });
    let delete_confirm = {
        let (id, name) = (id.clone(), name.clone());
        move || {
            row_confirm.set(Some(RowConfirm {
                id: id.clone(),
                name: name.clone(),
                what: None,
            }))
        }
    };
    view! {
        <div class="flex items-start justify-end gap-1">
        {primary_button}
        <details class="row-actions relative" node_ref=menu>
            <summary class="cursor-pointer list-none rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                     aria-label=format!("Actions for {name}")>"Actions ▾"</summary>
            <ul class="absolute right-0 z-20 mt-1 w-56 rounded border border-slate-200 bg-white py-1 text-xs shadow-lg">
                {buttons}
                {(row.status == "ACTIVE").then(|| view! {
                    <li>
                        <a class="block px-3 py-1.5 hover:bg-slate-100" href=format!("/project/instances/{id}/console/")>"Console"</a>
                    </li>
                })}
                <li>
                    <a class="block px-3 py-1.5 hover:bg-slate-100" href=format!("/project/instances/{id}/?tab=log")>"View Log"</a>
                </li>
                <li>
                    <button type="button" class="block w-full px-3 py-1.5 text-left text-red-800 hover:bg-red-50"
                            on:click=move |_| {
                                if let Some(details) = menu.try_get_untracked().flatten() {
                                    let _ = details.remove_attribute("open");
                                }
                                delete_confirm()
                            }>"Delete Instance"</button>
                </li>
            </ul>
        </details>
        </div>
    }
    .into_any()
}
