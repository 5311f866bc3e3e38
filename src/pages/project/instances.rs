//! Project › Instances (`/project/instances/`): the table, its filter, pagination, batch
//! delete, and live status while anything is changing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use std::sync::Arc;

use crate::api::instances::{list_instances, DeleteInstances, InstanceFilter, RunInstanceAction};
use crate::components::confirm::ConfirmPending;
use crate::components::data_table::{Column, DataTable, RowActions, TableAction, TableRow, Tone};
use crate::components::filter::{FilterForm, PageSizeChoice};
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::panel::{Panel, Wording};
use crate::components::row_menu::RowAction;
use crate::error::AppError;
use crate::model::compute::{InstanceAction, InstancePage, InstanceRow};
use crate::model::instance_forms::InstanceForm;
use crate::model::Flash;
use crate::nav::encode_query_value;
use crate::pages::project::instance_forms::{InstanceFormModal, OpenForm};

/// The filter fields Nova can filter on, as Horizon offers them.
const FILTER_FIELDS: &[(&str, &str)] = &[
    ("name", "Instance Name"),
    ("status", "Status"),
    ("image", "Image ID"),
    ("flavor", "Flavor ID"),
    ("ip", "IPv4 Address"),
];

const DELETE: Wording = Wording {
    one: "Delete Instance",
    many: "Delete Instances",
    done_one: "Scheduled deletion of Instance",
    done_many: "Scheduled deletion of Instances",
    failed: "Unable to delete Instance",
};

impl TableRow for InstanceRow {
    fn id(&self) -> String {
        self.id.clone()
    }
    fn display(&self) -> String {
        self.name.clone()
    }
}

/// The panel's dialogs: the launch wizard, or one instance's form (Resize, Rebuild...).
#[derive(Clone)]
enum Dialog {
    Launch,
    Form(OpenForm),
}

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
    let panel = Panel::<Dialog>::new();
    let page = Resource::new(
        move || (filter.get(), panel.version.get()),
        move |(f, _)| list_instances(f, all_projects),
    );
    // One request for the whole table while any instance is changing (BUILD, a task state).
    panel.live(page, |p: &InstancePage| {
        p.rows.iter().any(InstanceRow::in_transition)
    });
    let rows = Signal::derive(move || {
        page.get()
            .and_then(Result::ok)
            .map(|p| p.rows)
            .unwrap_or_default()
    });

    let delete = ServerAction::<DeleteInstances>::new();
    panel.on_batch(delete, DELETE);
    let delete_rows = move |instances| {
        delete.dispatch(DeleteInstances { instances });
    };
    let run = ServerAction::<RunInstanceAction>::new();
    panel.on_result(run, |text| Flash::success(text.clone()));
    let launch = ServerAction::<crate::api::launch::LaunchInstance>::new();
    panel.on_done(launch, |n| {
        Flash::info(format!("Scheduled creation of {n} instance(s)."))
    });
    let ask = RowAsk {
        panel,
        run,
        delete: Callback::new(delete_rows),
        all_projects,
    };

    view! {
        <Title text="Instances"/>
        <h1 class="mb-4 text-2xl font-semibold">"Instances"</h1>
        {move || view! { <Messages messages=panel.messages.get()/> }}
        <div class="table_actions mb-3 flex flex-wrap items-end gap-2">
            <FilterForm fields=FILTER_FIELDS/>
            <div class="flex-1"></div>
            // A reader is offered nothing that changes the project.
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    can_change(shell).await.then(|| view! {
                        {(!all_projects).then(|| view! {
                            <TableAction table="instances" name="launch" label="Launch Instance" tone=Tone::Primary
                                         on_click=Callback::new(move |_| panel.open(Dialog::Launch))/>
                        })}
                        <TableAction table="instances" name="delete" tone=Tone::Danger
                                     label=Signal::derive(move || DELETE.many.to_string())
                                     disabled=Signal::derive(move || panel.selected.with(Vec::is_empty))
                                     on_click=Callback::new(move |_| panel.ask_selected(DELETE, delete_rows))/>
                    })
                })}
            </Suspense>
        </div>
        <Transition fallback=|| view! { <p>"Loading instances…"</p> }>
            {move || page.get().and_then(Result::err).map(|e| view! { <ErrorBanner error=e/> })}
            {move || Suspend::new(async move {
                let can_change = can_change(shell).await;
                let actions = can_change.then(|| {
                    Arc::new(move |r: &InstanceRow| ask.for_row(r)) as RowActions<InstanceRow>
                });
                let footer: ChildrenFn = Arc::new(move || view! { <Pager page=page/> }.into_any());
                view! {
                    <DataTable name="instances" rows=rows columns=columns(all_projects)
                               selection=can_change.then_some(panel.selected)
                               actions=actions footer=footer/>
                }
            })}
        </Transition>
        {move || panel.dialog.get().map(|d| match d {
            Dialog::Launch => view! {
                <crate::pages::project::launch::LaunchWizard action=launch on_close=panel.closer()/>
            }
            .into_any(),
            Dialog::Form(open) => view! {
                <InstanceFormModal open=open
                    on_done=Callback::new(move |text: String| {
                        panel.say(vec![Flash::success(text)]);
                        panel.close();
                        panel.after_change();
                    })
                    on_close=panel.closer()/>
            }
            .into_any(),
        })}
        <ConfirmPending confirm=panel.confirm/>
    }
}

/// The table's columns, as Horizon's (Admin › Instances adds the project and the host).
fn columns(all_projects: bool) -> Vec<Column<InstanceRow>> {
    let mut out = vec![];
    if all_projects {
        out.push(Column::text("project", "Project", |r: &InstanceRow| {
            r.project_name
                .clone()
                .unwrap_or_else(|| r.project_id.clone())
        }));
        out.push(Column::text("host", "Host", |r: &InstanceRow| {
            r.host.clone().unwrap_or_default()
        }));
    }
    out.extend([
        Column::view("name", "Instance Name", |r: &InstanceRow| {
            view! {
                <a class="font-medium text-sky-700 hover:underline" href=format!("/project/instances/{}/", r.id)>{r.name.clone()}</a>
            }
            .into_any()
        }),
        Column::text("image_name", "Image Name", |r: &InstanceRow| {
            r.image_name.clone().unwrap_or_default()
        }),
        Column::view("ip", "IP Address", |r: &InstanceRow| {
            view! {
                <ul>
                    {r.addresses.iter().map(|a| view! {
                        <li>{a.addr.clone()}{a.floating.then_some(" (floating)")}
                            <span class="text-xs text-slate-400">{format!(" {}", a.network)}</span></li>
                    }).collect_view()}
                </ul>
            }
            .into_any()
        }),
        Column::text("flavor", "Flavor", |r: &InstanceRow| r.flavor_name.clone()),
        Column::text("keypair", "Key Pair", |r: &InstanceRow| {
            r.key_name.clone().unwrap_or_default()
        }),
        Column::view("status", "Status", |r: &InstanceRow| {
            let tone = match r.status.as_str() {
                "ACTIVE" => "bg-emerald-100 text-emerald-800",
                "ERROR" => "bg-red-100 text-red-800",
                _ if r.in_transition() => "bg-amber-100 text-amber-800",
                _ => "bg-slate-100 text-slate-700",
            };
            view! {
                <span class=format!("rounded px-2 py-0.5 text-xs font-medium {tone}")>{r.status_label()}</span>
            }
            .into_any()
        }),
        Column::text("az", "Availability Zone", |r: &InstanceRow| {
            r.availability_zone.clone()
        }),
        Column::text("task", "Task", |r: &InstanceRow| {
            r.task_state
                .clone()
                .map(|t| t.replace('_', " "))
                .unwrap_or_else(|| "None".into())
        }),
        Column::text("state", "Power State", |r: &InstanceRow| {
            r.power_state.label().to_string()
        }),
        Column::text("age", "Age", |r: &InstanceRow| r.age(chrono::Utc::now())),
    ]);
    out
}

/// `« Prev` and `Next »` (Nova's markers; the filter is kept), and Items per page.
#[component]
fn Pager(page: Resource<Result<InstancePage, AppError>>) -> impl IntoView {
    let query = use_query_map();
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
    let markers = move || {
        page.get()
            .and_then(Result::ok)
            .map(|p| (p.prev_marker, p.next_marker))
            .unwrap_or_default()
    };
    view! {
        <PageSizeChoice/>
        <span class="float-right space-x-4">
            {move || {
                let (prev, next) = markers();
                view! {
                    {prev.map(|m| view! { <a class="prev text-sky-700 hover:underline" href=link(&m, true)>"« Prev"</a> })}
                    {next.map(|m| view! { <a class="next text-sky-700 hover:underline" href=link(&m, false)>"Next »"</a> })}
                }
            }}
        </span>
    }
}

/// What a row's actions need from the panel.
#[derive(Clone, Copy)]
struct RowAsk {
    panel: Panel<Dialog>,
    run: ServerAction<RunInstanceAction>,
    delete: Callback<Vec<(String, String)>>,
    all_projects: bool,
}

impl RowAsk {
    /// The row's actions, as Horizon lays them out: the one most likely next in this state
    /// first (the row's button), then the rest of what Nova accepts in this state, the
    /// console and log, and Delete. What interrupts the instance is confirmed first.
    fn for_row(self, r: &InstanceRow) -> Vec<RowAction> {
        let (id, name) = (r.id.clone(), r.name.clone());
        let mut items: Vec<MenuItem> = r
            .allowed_actions()
            .into_iter()
            .map(MenuItem::Action)
            .collect();
        // The forms act in the current project; Admin › Instances keeps to the plain actions.
        if !self.all_projects {
            items.extend(r.allowed_forms().into_iter().map(MenuItem::Form));
        }
        let primary = PRIMARY_ORDER.into_iter().find(|p| items.contains(p));
        items.retain(|i| Some(*i) != primary);
        let mut out: Vec<RowAction> = primary
            .into_iter()
            .chain(items)
            .map(|item| self.action(item, &id, &name))
            .collect();
        if r.status == "ACTIVE" {
            out.push(RowAction::link(
                "Console",
                "console",
                format!("/project/instances/{id}/console/"),
            ));
        }
        out.push(RowAction::link(
            "View Log",
            "log",
            format!("/project/instances/{id}/?tab=log"),
        ));
        let (panel, delete) = (self.panel, self.delete);
        out.push(
            RowAction::new(DELETE.one, "delete", move || {
                let item = (id.clone(), name.clone());
                panel.ask(DELETE.one, vec![item.1.clone()], move || {
                    delete.run(vec![item.clone()])
                });
            })
            .danger(),
        );
        out
    }

    fn action(self, item: MenuItem, id: &str, name: &str) -> RowAction {
        let (id, name) = (id.to_string(), name.to_string());
        let RowAsk { panel, run, .. } = self;
        let action = RowAction::new(item.label(), item.class(), move || match item {
            MenuItem::Action(action) => {
                let dispatch = {
                    let (id, name) = (id.clone(), name.clone());
                    move || {
                        run.dispatch(RunInstanceAction {
                            id: id.clone(),
                            name: name.clone(),
                            action,
                        });
                    }
                };
                if action.needs_confirmation() {
                    panel.ask(action.label(), vec![name.clone()], dispatch);
                } else {
                    dispatch();
                }
            }
            MenuItem::Form(form) => panel.open(Dialog::Form(OpenForm {
                id: id.clone(),
                name: name.clone(),
                form,
            })),
        });
        if item.dangerous() {
            action.danger()
        } else {
            action
        }
    }
}

/// The row's button, by what is most likely next in the instance's state.
const PRIMARY_ORDER: [MenuItem; 7] = [
    MenuItem::Action(InstanceAction::ConfirmResize),
    MenuItem::Form(InstanceForm::Snapshot),
    MenuItem::Action(InstanceAction::Start),
    MenuItem::Action(InstanceAction::Unpause),
    MenuItem::Action(InstanceAction::Resume),
    MenuItem::Action(InstanceAction::Unshelve),
    MenuItem::Action(InstanceAction::Unrescue),
];

/// One entry of the row's actions: an instance action, or one of its forms.
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

    /// The class Horizon's automation finds it by.
    fn class(self) -> &'static str {
        match self {
            MenuItem::Action(_) => "instance-action",
            MenuItem::Form(_) => "instance-form",
        }
    }

    fn dangerous(self) -> bool {
        match self {
            MenuItem::Action(a) => a.needs_confirmation(),
            MenuItem::Form(f) => f == InstanceForm::Rebuild,
        }
    }
}
