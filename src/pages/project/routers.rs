//! Project › Routers (`/project/routers/`): list, create, edit, set and clear the gateway,
//! delete; and a router's detail page (`/project/routers/<id>/`, also reached from Admin ›
//! Routers) with its Overview, Interfaces and Static Routes tabs.
//!
//! The list is shared with Admin › Routers (`RoutersPanel` with `admin`), which adds the
//! Project column. Dialogs and confirmations belong to the panel, never to a table row: a
//! refresh replaces the rows, and anything a row owned with them.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::api::routers::{
    list_all_routers, list_routers, router_detail, AddInterface, AddStaticRoute, ClearGateways,
    CreateRouter, DeleteInterfaces, DeleteRouters, DeleteStaticRoutes, SetGateway, UpdateRouter,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::{use_shell, ShellResource};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::NotFoundNotice;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::BatchResult;
use crate::model::router::{
    check_interface_ip, route_field_errors, RouterDetail, RouterRow, RoutersPage, StaticRoute,
    SubnetChoice,
};
use crate::model::Choice;
use crate::model::Flash;

const ROW_BUTTON: &str =
    "mr-1 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100";
const ROW_DANGER: &str =
    "mr-1 rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50";

/// What the user may do, from the frame's user: a reader is offered no change.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Can {
    change: bool,
}

async fn can(shell: ShellResource) -> Can {
    let change =
        matches!(shell.await, Ok(ref d) if d.user.as_ref().is_some_and(|u| !u.is_read_only()));
    Can { change }
}

/// "Router" or "Routers": Horizon's batch actions name the count.
fn plural(word: &str, count: usize) -> String {
    if count == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The messages of a batch: `done` (`Deleted Router`) with the names done, and for each
/// refusal `failed(name, reason)`, as Horizon words them.
fn batch_messages(
    result: Result<BatchResult, AppError>,
    done: &str,
    failed: impl Fn(&str, &str) -> String,
) -> Vec<Flash> {
    match result {
        Ok(r) => {
            let mut out = vec![];
            if !r.done.is_empty() {
                out.push(Flash::success(format!(
                    "{}: {}",
                    plural(done, r.done.len()),
                    r.done.join(", ")
                )));
            }
            out.extend(r.failed.iter().map(|(n, why)| Flash::error(failed(n, why))));
            out
        }
        Err(e) => vec![Flash::error(e.to_string())],
    }
}

/// A confirmation waiting for the user: which action, on which `(id, name)`s.
#[derive(Debug, Clone, PartialEq)]
enum RouterConfirm {
    Delete(Vec<(String, String)>),
    ClearGateway(Vec<(String, String)>),
}

impl RouterConfirm {
    fn label(&self) -> String {
        match self {
            RouterConfirm::Delete(items) => format!("Delete {}", plural("Router", items.len())),
            RouterConfirm::ClearGateway(items) => {
                format!("Clear {}", plural("Gateway", items.len()))
            }
        }
    }

    fn body(&self) -> String {
        let (RouterConfirm::Delete(items) | RouterConfirm::ClearGateway(items)) = self;
        let names: Vec<&str> = items.iter().map(|(_, n)| n.as_str()).collect();
        let mut text = format!("You have selected: {}.", names.join(", "));
        if matches!(self, RouterConfirm::ClearGateway(_)) {
            // Horizon's help text for this action.
            text.push_str(" You may reset the gateway later by using the set gateway action, but the gateway IP may change.");
        }
        text
    }
}

/// The panel's actions and dialog state, shared with the table rows.
#[derive(Clone, Copy)]
struct Panel {
    confirm: RwSignal<Option<RouterConfirm>>,
    confirm_open: RwSignal<bool>,
    edit_for: RwSignal<Option<RouterRow>>,
    gateway_for: RwSignal<Option<RouterRow>>,
    update: ServerAction<UpdateRouter>,
    gateway: ServerAction<SetGateway>,
}

impl Panel {
    fn ask(&self, what: RouterConfirm) {
        self.confirm.set(Some(what));
        self.confirm_open.set(true);
    }
}

#[component]
pub fn RoutersPage() -> impl IntoView {
    view! { <RoutersPanel admin=false/> }
}

/// The routers table with its actions: the project's (`admin` false) or every project's.
#[component]
pub fn RoutersPanel(admin: bool) -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let routers = Resource::new(
        move || refresh.get(),
        move |_| async move {
            if admin {
                list_all_routers().await
            } else {
                list_routers().await
            }
        },
    );
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let create_open = RwSignal::new(false);
    let panel = Panel {
        confirm: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
        edit_for: RwSignal::new(None),
        gateway_for: RwSignal::new(None),
        update: ServerAction::new(),
        gateway: ServerAction::new(),
    };
    provide_context(panel);

    let create = ServerAction::<CreateRouter>::new();
    let delete = ServerAction::<DeleteRouters>::new();
    let clear = ServerAction::<ClearGateways>::new();
    // A success closes its dialog, says so and lists again.
    let done = move |message: String| {
        messages.set(vec![Flash::success(message)]);
        refresh.update(|n| *n += 1);
    };
    Effect::new(move |_| {
        if let Some(Ok(m)) = create.value().get() {
            create_open.set(false);
            done(m);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(m)) = panel.update.value().get() {
            panel.edit_for.set(None);
            done(m);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(m)) = panel.gateway.value().get() {
            panel.gateway_for.set(None);
            done(m);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_messages(r, "Deleted Router", |name, why| {
                format!("Unable to delete router {name}: {why}")
            }));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = clear.value().get() {
            messages.set(batch_messages(r, "Cleared Gateway", |name, why| {
                format!("Unable to clear gateway for router {name}. Most possible reason is because the gateway is required by one or more floating IPs ({why})")
            }));
            refresh.update(|n| *n += 1);
        }
    });

    let page_data = move || routers.get().and_then(|r| r.ok());
    let selected_items = move || {
        let ids = selected.get_untracked();
        page_data()
            .map(|p| {
                p.routers
                    .iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id.clone(), r.display()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };

    view! {
        <Title text="Routers"/>
        <h1 class="mb-4 text-2xl font-semibold">"Routers"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading routers…"</p> }>
            {move || Suspend::new(async move {
                let can = can(shell).await;
                match routers.await {
                    Ok(p) => view! {
                        <Show when=move || can.change>
                            <div class="table_actions mb-3 flex flex-wrap gap-2">
                                {(!admin).then(|| view! {
                                    <button type="button" id="routers__action_create"
                                            class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                            on:click=move |_| { create.clear(); create_open.set(true) }>"+ Create Router"</button>
                                })}
                                <div class="flex-1"></div>
                                <button type="button" id="routers__action_delete"
                                        class=crate::components::form::DANGER
                                        disabled=move || selected.with(|s| s.is_empty())
                                        on:click=move |_| panel.ask(RouterConfirm::Delete(selected_items()))>"Delete Routers"</button>
                            </div>
                        </Show>
                        <RoutersTable page=p admin=admin can=can selected=selected/>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || create_open.get()>
            <CreateRouterDialog action=create
                                networks=page_data().map(|p| p.external_networks).unwrap_or_default()
                                can_set_snat=page_data().is_some_and(|p| p.can_set_snat)
                                on_close=Callback::new(move |_| create_open.set(false))/>
        </Show>
        {move || panel.edit_for.get().map(|row| view! {
            <EditRouterDialog row=row action=panel.update on_close=Callback::new(move |_| panel.edit_for.set(None))/>
        })}
        {move || panel.gateway_for.get().map(|row| {
            let p = page_data();
            view! {
                <SetGatewayDialog router_id=row.id.clone() router_name=row.display() action=panel.gateway
                                  networks=p.as_ref().map(|p| p.external_networks.clone()).unwrap_or_default()
                                  can_set_snat=p.is_some_and(|p| p.can_set_snat)
                                  on_close=Callback::new(move |_| panel.gateway_for.set(None))/>
            }
        })}
        {move || panel.confirm.get().map(|what| {
            let label = what.label();
            view! {
                <ConfirmDialog open=panel.confirm_open title=format!("Confirm {label}")
                               body=Signal::stored(what.body()) confirm_label=label
                               on_confirm=Callback::new(move |_| match what.clone() {
                                   RouterConfirm::Delete(routers) => { delete.dispatch(DeleteRouters { routers }); }
                                   RouterConfirm::ClearGateway(routers) => { clear.dispatch(ClearGateways { routers }); }
                               })/>
            }
        })}
    }
}

#[component]
fn RoutersTable(
    page: RoutersPage,
    admin: bool,
    can: Can,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let columns = if admin { 8 } else { 7 };
    let count = page.routers.len();
    let all: Vec<String> = page.routers.iter().map(|r| r.id.clone()).collect();
    let base = if admin {
        "/admin/routers/"
    } else {
        "/project/routers/"
    };
    view! {
        <table id="routers" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2">{can.change.then(|| view! { <SelectAll all=all selected=selected/> })}</th>
                    {admin.then(|| view! { <th class=TH>"Project"</th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"External Network"</th>
                    <th class=TH>"Admin State"</th>
                    <th class=TH>"Availability Zones"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if page.routers.is_empty() {
                    view! { <EmptyRow colspan=columns/> }.into_any()
                } else {
                    page.routers.into_iter().map(|r| {
                        let display = r.display();
                        let item = (r.id.clone(), display.clone());
                        let (for_edit, for_gateway) = (r.clone(), r.clone());
                        let has_gateway = r.external_network.is_some();
                        let zones = if r.availability_zones.is_empty() { "-".to_string() } else { r.availability_zones.join(", ") };
                        view! {
                            <tr data-display=display.clone() data-object-id=r.id.clone() class=ROW>
                                <td class=TD>{can.change.then(|| view! { <SelectRow id=r.id.clone() label=display.clone() selected=selected/> })}</td>
                                {admin.then(|| view! { <td class=TD>{r.project.clone()}</td> })}
                                <td class=TD>
                                    <a class="font-medium text-sky-700 hover:underline" href=format!("{base}{}/", r.id)>{display.clone()}</a>
                                </td>
                                <td class="status px-3 py-2">{status_label(&r.status)}</td>
                                <td class="external-network px-3 py-2">{r.external_network.clone().unwrap_or_else(|| "-".into())}</td>
                                <td class="admin-state px-3 py-2">{if r.admin_state_up { "UP" } else { "DOWN" }}</td>
                                <td class=TD>{zones}</td>
                                <td class="actions_column whitespace-nowrap px-3 py-2">
                                    {can.change.then(|| {
                                        let (clear_item, delete_item) = (item.clone(), item.clone());
                                        view! {
                                            {(!admin).then(|| if has_gateway {
                                                view! {
                                                    <button type="button" class=ROW_DANGER
                                                            on:click=move |_| panel.ask(RouterConfirm::ClearGateway(vec![clear_item.clone()]))>"Clear Gateway"</button>
                                                }.into_any()
                                            } else {
                                                view! {
                                                    <button type="button" class=ROW_BUTTON
                                                            on:click=move |_| { panel.gateway.clear(); panel.gateway_for.set(Some(for_gateway.clone())) }>"Set Gateway"</button>
                                                }.into_any()
                                            })}
                                            <button type="button" class=ROW_BUTTON
                                                    on:click=move |_| { panel.update.clear(); panel.edit_for.set(Some(for_edit.clone())) }>"Edit Router"</button>
                                            <button type="button" class=ROW_DANGER
                                                    on:click=move |_| panel.ask(RouterConfirm::Delete(vec![delete_item.clone()]))>"Delete Router"</button>
                                        }
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=columns count=count/>
        </table>
    }
}

/// Neutron's status in Horizon's words (`ACTIVE` → `Active`).
fn status_label(status: &str) -> String {
    match status {
        "ACTIVE" => "Active".into(),
        "DOWN" => "Down".into(),
        "ERROR" => "Error".into(),
        "BUILD" => "Build".into(),
        "N/A" => "N/A".into(),
        other => other.to_string(),
    }
}

/// The external networks as `<option>`s after Horizon's "Select network".
fn network_options(networks: Vec<Choice>) -> impl IntoView {
    let first = if networks.is_empty() {
        "No networks available"
    } else {
        "Select network"
    };
    view! {
        <option value="">{first}</option>
        {networks.into_iter().map(|n| view! { <option value=n.id>{n.label}</option> }).collect_view()}
    }
}

#[component]
fn Checkbox(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    checked: bool,
) -> impl IntoView {
    view! {
        <div class="mt-3 flex items-center gap-2">
            <input id=id name=name type="checkbox" checked=checked/>
            <label for=id class="text-sm font-medium">{label}</label>
        </div>
    }
}

#[component]
fn CreateRouterDialog(
    action: ServerAction<CreateRouter>,
    networks: Vec<Choice>,
    can_set_snat: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let has_networks = !networks.is_empty();
    view! {
        <Modal title="Create Router" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Router Name"</label>
                <input id="id_name" name="name" maxlength="255" class=INPUT/>
                <FieldError error=error field="name"/>
                <Checkbox id="id_admin_state_up" name="admin_state_up" label="Enable Admin State" checked=true/>
                // Horizon offers the field only when there is an external network.
                {if has_networks {
                    view! {
                        <label for="id_external_network" class=LABEL>"External Network"</label>
                        <select id="id_external_network" name="external_network" class=INPUT>{network_options(networks)}</select>
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="external_network" value=""/> }.into_any()
                }}
                <FieldError error=error field="external_network"/>
                {(can_set_snat && has_networks).then(|| view! {
                    <Checkbox id="id_enable_snat" name="enable_snat" label="Enable SNAT" checked=true/>
                })}
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Router"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn EditRouterDialog(
    row: RouterRow,
    action: ServerAction<UpdateRouter>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Edit Router" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="router_id" value=row.id.clone()/>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Name"</label>
                <input id="id_name" name="name" maxlength="255" value=row.name.clone() class=INPUT/>
                <FieldError error=error field="name"/>
                <Checkbox id="id_admin_state" name="admin_state" label="Enable Admin State" checked=row.admin_state_up/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save Changes"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn SetGatewayDialog(
    router_id: String,
    router_name: String,
    action: ServerAction<SetGateway>,
    networks: Vec<Choice>,
    can_set_snat: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Set Gateway" on_close=on_close>
            <FormBanner error=error/>
            <p class="mb-2 text-sm text-slate-600">"Router: "<span class="font-medium text-slate-800">{router_name}</span></p>
            <ActionForm action=action>
                <input type="hidden" name="router_id" value=router_id/>
                <label for="id_network_id" class="mb-1 block text-sm font-medium">"External Network"</label>
                <select id="id_network_id" name="network_id" required class=INPUT>{network_options(networks)}</select>
                <FieldError error=error field="network_id"/>
                {can_set_snat.then(|| view! {
                    <Checkbox id="id_enable_snat" name="enable_snat" label="Enable SNAT" checked=true/>
                })}
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Set Gateway"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

// ---- The router's detail page ----

/// Horizon's tab slugs (`?tab=router_details__interfaces`), with their labels.
const TABS: &[(&str, &str)] = &[
    ("overview", "Overview"),
    ("interfaces", "Interfaces"),
    ("extraroutes", "Static Routes"),
];

/// A confirmation on the detail page: interfaces (port id, name) or static routes.
#[derive(Debug, Clone, PartialEq)]
enum DetailConfirm {
    Interfaces(Vec<(String, String)>),
    Routes(Vec<StaticRoute>),
}

impl DetailConfirm {
    fn label(&self) -> String {
        match self {
            DetailConfirm::Interfaces(items) => {
                format!("Delete {}", plural("Interface", items.len()))
            }
            DetailConfirm::Routes(items) => {
                format!("Delete {}", plural("Static Route", items.len()))
            }
        }
    }

    fn body(&self) -> String {
        let names: Vec<String> = match self {
            DetailConfirm::Interfaces(items) => items.iter().map(|(_, n)| n.clone()).collect(),
            DetailConfirm::Routes(items) => items.iter().map(StaticRoute::display).collect(),
        };
        format!("You have selected: {}.", names.join(", "))
    }
}

#[derive(Clone, Copy)]
struct DetailPanel {
    confirm: RwSignal<Option<DetailConfirm>>,
    confirm_open: RwSignal<bool>,
    selected_ports: RwSignal<Vec<String>>,
    selected_routes: RwSignal<Vec<String>>,
    add_interface_open: RwSignal<bool>,
    add_route_open: RwSignal<bool>,
}

impl DetailPanel {
    fn ask(&self, what: DetailConfirm) {
        self.confirm.set(Some(what));
        self.confirm_open.set(true);
    }
}

#[component]
pub fn RouterDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let location = use_location();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let tab = Memo::new(move |_| {
        let t = query.with(|q| q.get("tab")).unwrap_or_default();
        let t = t.strip_prefix("router_details__").unwrap_or(&t).to_string();
        if TABS.iter().any(|(k, _)| *k == t) {
            t
        } else {
            "overview".into()
        }
    });
    let shell = use_shell();
    let admin_view = location.pathname.get_untracked().starts_with("/admin/");
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id.get(), refresh.get()),
        |(id, _)| router_detail(id),
    );
    let messages = RwSignal::new(Vec::<Flash>::new());
    let panel = DetailPanel {
        confirm: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
        selected_ports: RwSignal::new(vec![]),
        selected_routes: RwSignal::new(vec![]),
        add_interface_open: RwSignal::new(false),
        add_route_open: RwSignal::new(false),
    };
    provide_context(panel);

    let add_interface = ServerAction::<AddInterface>::new();
    let add_route = ServerAction::<AddStaticRoute>::new();
    let delete_interfaces = ServerAction::<DeleteInterfaces>::new();
    let delete_routes = ServerAction::<DeleteStaticRoutes>::new();
    Effect::new(move |_| {
        if let Some(Ok(m)) = add_interface.value().get() {
            panel.add_interface_open.set(false);
            messages.set(vec![Flash::success(m)]);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(m)) = add_route.value().get() {
            panel.add_route_open.set(false);
            messages.set(vec![Flash::success(m)]);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = delete_interfaces.value().get() {
            messages.set(batch_messages(r, "Deleted Interface", |name, why| {
                format!("Unable to delete Interface: {name}: {why}")
            }));
            panel.selected_ports.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = delete_routes.value().get() {
            messages.set(batch_messages(r, "Deleted Static Route", |name, why| {
                format!("Unable to delete Static Route: {name}: {why}")
            }));
            panel.selected_routes.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    let data = move || detail.get().and_then(|r| r.ok());
    view! {
        <Transition fallback=|| view! { <p>"Loading router…"</p> }>
            {move || Suspend::new(async move {
                let can = can(shell).await;
                match detail.await {
                    Ok(d) => view! {
                        <RouterDetailView d=d tab=tab can=can admin_view=admin_view messages=messages/>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFoundNotice/> }.into_any(),
                    Err(e) => view! { <Title text="Router Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || panel.add_interface_open.get()>
            <AddInterfaceDialog action=add_interface router_id=id.get_untracked()
                                subnets=data().map(|d| d.subnets).unwrap_or_default()
                                on_close=Callback::new(move |_| panel.add_interface_open.set(false))/>
        </Show>
        <Show when=move || panel.add_route_open.get()>
            <AddRouteDialog action=add_route router_id=id.get_untracked()
                            on_close=Callback::new(move |_| panel.add_route_open.set(false))/>
        </Show>
        {move || panel.confirm.get().map(|what| {
            let label = what.label();
            view! {
                <ConfirmDialog open=panel.confirm_open title=format!("Confirm {label}")
                               body=Signal::stored(what.body()) confirm_label=label
                               on_confirm=Callback::new(move |_| {
                                   let router_id = id.get_untracked();
                                   match what.clone() {
                                       DetailConfirm::Interfaces(ports) => { delete_interfaces.dispatch(DeleteInterfaces { router_id, ports }); }
                                       DetailConfirm::Routes(routes) => { delete_routes.dispatch(DeleteStaticRoutes { router_id, routes }); }
                                   }
                               })/>
            }
        })}
    }
}

#[component]
fn RouterDetailView(
    d: RouterDetail,
    tab: Memo<String>,
    can: Can,
    admin_view: bool,
    messages: RwSignal<Vec<Flash>>,
) -> impl IntoView {
    let (list, list_label) = if admin_view {
        ("/admin/routers/", "Routers")
    } else {
        ("/project/routers/", "Routers")
    };
    let base = format!("{list}{}/", d.id);
    let display = crate::model::router::name_or_id(&d.name, &d.id);
    let tabs = TABS
        .iter()
        .map(|(key, label)| {
            let href = format!("{base}?tab=router_details__{key}");
            let active = move || tab.get() == *key;
            view! {
                <li role="presentation">
                    <a href=href role="tab" aria-selected=move || active().to_string()
                       class="-mb-px block border-b-2 px-3 py-2"
                       class=("border-sky-600", active) class=("border-transparent", move || !active())>{*label}</a>
                </li>
            }
        })
        .collect_view();
    let for_overview = d.clone();
    let interfaces = d.interfaces.clone();
    let routes = d.routes.clone();
    view! {
        <Title text=format!("Router Details: {display}")/>
        <nav class="breadcrumb mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
            <a class="text-sky-700 hover:underline" href=list>{list_label}</a>" / "{display.clone()}
        </nav>
        <h1 class="mb-4 text-2xl font-semibold">{display.clone()}</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <ul class="nav nav-tabs mb-4 flex gap-1 border-b border-slate-200 text-sm" role="tablist">{tabs}</ul>
        <Show when=move || tab.get() == "overview">{
            let d = for_overview.clone();
            move || overview(&d)
        }</Show>
        <Show when=move || tab.get() == "interfaces">
            {view! { <InterfacesTable rows=interfaces.clone() can=can/> }.into_any()}
        </Show>
        <Show when=move || tab.get() == "extraroutes">
            {view! { <RoutesTable routes=routes.clone() can=can/> }.into_any()}
        </Show>
    }
    // Erased: the page's full type is too deep for the release build's layout computation.
    .into_any()
}

/// The Overview tab, as Horizon's `_detail_overview.html`.
fn overview(d: &RouterDetail) -> AnyView {
    let dl = |label: &'static str, class: &'static str, value: String| {
        view! { <dt class="font-medium text-slate-500">{label}</dt><dd class=class>{value}</dd> }
    };
    let zones = (!d.availability_zones.is_empty()).then(|| {
        dl(
            "Availability Zones",
            "availability-zones",
            d.availability_zones.join(", "),
        )
    });
    let gateway = match &d.gateway {
        Some(g) => {
            let ips = if g.external_fixed_ips.is_empty() {
                view! { "None" }.into_any()
            } else {
                view! {
                    <ul>
                        {g.external_fixed_ips.iter().map(|(subnet, ip)| view! {
                            <li><strong>"Subnet ID"</strong>" "<span class="font-mono text-xs">{subnet.clone()}</span></li>
                            <li><strong>"IP Address"</strong>" "{ip.clone()}</li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! {
                <h2 id="external_gateway" class="mb-2 mt-5 font-semibold">"External Gateway"</h2>
                <dl class="gateway grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                    {dl("Network Name", "network-name", g.network_name.clone())}
                    {dl("Network ID", "network-id font-mono text-xs leading-5", g.network_id.clone())}
                    <dt class="font-medium text-slate-500">"External Fixed IPs"</dt>
                    <dd class="external-fixed-ips">{ips}</dd>
                    {dl("SNAT", "snat", if g.enable_snat { "Enabled" } else { "Disabled" }.into())}
                </dl>
            }
            .into_any()
        }
        None => view! {
            <dl class="gateway mt-2 grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                {dl("External Gateway", "external-gateway", "None".into())}
            </dl>
        }
        .into_any(),
    };
    view! {
        <section id="router_overview" class="detail max-w-3xl rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <dl class="grid grid-cols-[10rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                {dl("Name", "name", if d.name.is_empty() { "None".into() } else { d.name.clone() })}
                {dl("ID", "id font-mono text-xs leading-5", d.id.clone())}
                {dl("Project ID", "project-id font-mono text-xs leading-5", d.project_id.clone())}
                {dl("Status", "status", status_label(&d.status))}
                {dl("Admin State", "admin-state", if d.admin_state_up { "UP" } else { "DOWN" }.into())}
                {zones}
            </dl>
            {gateway}
        </section>
    }
    .into_any()
}

#[component]
fn InterfacesTable(rows: Vec<crate::model::router::InterfaceRow>, can: Can) -> impl IntoView {
    let panel = expect_context::<DetailPanel>();
    let selected = panel.selected_ports;
    let count = rows.len();
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let names: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r.id.clone(), r.name.clone()))
        .collect();
    let selected_items = move || {
        let ids = selected.get_untracked();
        names
            .iter()
            .filter(|(id, _)| ids.contains(id))
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || can.change>
            <div class="table_actions mb-3 flex flex-wrap gap-2">
                <button type="button" id="interfaces__action_create"
                        class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                        on:click=move |_| panel.add_interface_open.set(true)>"+ Add Interface"</button>
                <div class="flex-1"></div>
                <button type="button" id="interfaces__action_delete" class=crate::components::form::DANGER
                        disabled=move || selected.with(|s| s.is_empty())
                        on:click={
                            let selected_items = selected_items.clone();
                            move |_| panel.ask(DetailConfirm::Interfaces(selected_items()))
                        }>"Delete Interfaces"</button>
            </div>
        </Show>
        <table id="interfaces" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2">{can.change.then(|| view! { <SelectAll all=all selected=selected/> })}</th>
                    <th class=TH>"Name"</th>
                    <th class=TH>"Fixed IPs"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"Type"</th>
                    <th class=TH>"Admin State"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if rows.is_empty() {
                    view! { <EmptyRow colspan=7/> }.into_any()
                } else {
                    rows.into_iter().map(|p| {
                        let item = (p.id.clone(), p.name.clone());
                        view! {
                            <tr data-display=p.name.clone() data-object-id=p.id.clone() class=ROW>
                                <td class=TD>{can.change.then(|| view! { <SelectRow id=p.id.clone() label=p.name.clone() selected=selected/> })}</td>
                                <td class="font-mono text-xs px-3 py-2">{p.name.clone()}</td>
                                <td class="fixed-ips px-3 py-2">
                                    <ul>{p.fixed_ips.iter().map(|ip| view! { <li>{ip.clone()}</li> }).collect_view()}</ul>
                                </td>
                                <td class="status px-3 py-2">{status_label(&p.status)}</td>
                                <td class="type px-3 py-2">{p.kind.clone()}</td>
                                <td class="admin-state px-3 py-2">{if p.admin_state_up { "UP" } else { "DOWN" }}</td>
                                <td class="actions_column whitespace-nowrap px-3 py-2">
                                    {can.change.then(|| view! {
                                        <button type="button" class=ROW_DANGER
                                                on:click=move |_| panel.ask(DetailConfirm::Interfaces(vec![item.clone()]))>"Delete Interface"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=7 count=count/>
        </table>
    }
}

#[component]
fn RoutesTable(routes: Vec<StaticRoute>, can: Can) -> impl IntoView {
    let panel = expect_context::<DetailPanel>();
    let selected = panel.selected_routes;
    let count = routes.len();
    let all: Vec<String> = routes.iter().map(StaticRoute::display).collect();
    let by_key = routes.clone();
    let selected_items = move || {
        let keys = selected.get_untracked();
        by_key
            .iter()
            .filter(|r| keys.contains(&r.display()))
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || can.change>
            <div class="table_actions mb-3 flex flex-wrap gap-2">
                <button type="button" id="extra_routes__action_create"
                        class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                        on:click=move |_| panel.add_route_open.set(true)>"+ Add Static Route"</button>
                <div class="flex-1"></div>
                <button type="button" id="extra_routes__action_delete" class=crate::components::form::DANGER
                        disabled=move || selected.with(|s| s.is_empty())
                        on:click={
                            let selected_items = selected_items.clone();
                            move |_| panel.ask(DetailConfirm::Routes(selected_items()))
                        }>"Delete Static Routes"</button>
            </div>
        </Show>
        // Horizon's table name for a router's static routes.
        <table id="extra_routes" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2">{can.change.then(|| view! { <SelectAll all=all selected=selected/> })}</th>
                    <th class=TH>"Destination CIDR"</th>
                    <th class=TH>"Next Hop"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if routes.is_empty() {
                    view! { <EmptyRow colspan=4/> }.into_any()
                } else {
                    routes.into_iter().map(|r| {
                        let display = r.display();
                        let one = r.clone();
                        view! {
                            <tr data-display=display.clone() class=ROW>
                                <td class=TD>{can.change.then(|| view! { <SelectRow id=display.clone() label=display.clone() selected=selected/> })}</td>
                                <td class="destination px-3 py-2">{r.destination.clone()}</td>
                                <td class="nexthop px-3 py-2">{r.nexthop.clone()}</td>
                                <td class="actions_column whitespace-nowrap px-3 py-2">
                                    {can.change.then(|| view! {
                                        <button type="button" class=ROW_DANGER
                                                on:click=move |_| panel.ask(DetailConfirm::Routes(vec![one.clone()]))>"Delete Static Route"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=4 count=count/>
        </table>
    }
}

/// A field's error: the browser's own check of what was typed (made as the user leaves the
/// field), else the server's answer to the last submit.
fn field_error(
    live: RwSignal<Vec<(&'static str, String)>>,
    server: Signal<Option<AppError>>,
    field: &'static str,
) -> Signal<Option<AppError>> {
    Signal::derive(move || {
        live.with(|l| {
            l.iter()
                .find(|(f, _)| *f == field)
                .map(|(_, m)| AppError::bad_input(field, m.clone()))
        })
        .or_else(|| server.get())
    })
}

/// Updates the browser's errors from `errors` (the check of the whole form now). As the user
/// types (`typing`), errors only go away, never appear: half an address is not yet wrong, and
/// a message appearing under the field would move the button being clicked. Leaving the field
/// shows them all. A server error about the changed field is forgotten once it checks out.
fn set_live_errors<S>(
    live: RwSignal<Vec<(&'static str, String)>>,
    errors: Vec<(&'static str, String)>,
    typing: bool,
    action: ServerAction<S>,
    changed: &'static str,
) where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let changed_ok = !errors.iter().any(|(f, _)| *f == changed);
    if changed_ok
        && action
            .value()
            .with_untracked(|v| matches!(v, Some(Err(e)) if e.field() == Some(changed)))
    {
        action.clear();
    }
    let next: Vec<(&'static str, String)> = if typing {
        errors
            .into_iter()
            .filter(|(f, _)| live.with_untracked(|l| l.iter().any(|(g, _)| g == f)))
            .collect()
    } else {
        errors
    };
    if live.with_untracked(|l| *l != next) {
        live.set(next);
    }
}

#[component]
fn AddInterfaceDialog(
    action: ServerAction<AddInterface>,
    router_id: String,
    subnets: Vec<SubnetChoice>,
    on_close: Callback<()>,
) -> impl IntoView {
    action.clear();
    let error = action_error(action);
    let live = RwSignal::new(Vec::new());
    let subnet_id = RwSignal::new(String::new());
    let ip = RwSignal::new(String::new());
    let choices = subnets.clone();
    // The fixed IP must lie inside the chosen subnet (and not be its gateway).
    let check = move |changed: &'static str, typing: bool| {
        let errors = subnet_id.with_untracked(|id| {
            choices
                .iter()
                .find(|s| s.id == *id)
                .and_then(|s| check_interface_ip(s, &ip.get_untracked()).err())
                .map(|m| vec![("ip_address", m)])
                .unwrap_or_default()
        });
        set_live_errors(live, errors, typing, action, changed);
    };
    let (check2, check3) = (check.clone(), check.clone());
    let first = if subnets.is_empty() {
        "No subnets available"
    } else {
        "Select Subnet"
    };
    view! {
        <Modal title="Add Interface" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="router_id" value=router_id/>
                <label for="id_subnet_id" class="mb-1 block text-sm font-medium">"Subnet"</label>
                <select id="id_subnet_id" name="subnet_id" required class=INPUT
                        on:change=move |ev| { subnet_id.set(event_target_value(&ev)); check("subnet_id", false) }>
                    <option value="">{first}</option>
                    {subnets.into_iter().map(|s| view! { <option value=s.id>{s.label}</option> }).collect_view()}
                </select>
                <FieldError error=error field="subnet_id"/>
                <label for="id_ip_address" class=LABEL>"IP Address (optional)"</label>
                <input id="id_ip_address" name="ip_address" class=INPUT
                       on:input=move |ev| { ip.set(event_target_value(&ev)); check2("ip_address", true) }
                       on:change=move |_| check3("ip_address", false)/>
                <p class="mt-1 text-xs text-slate-500">"Specify an IP address for the interface created (e.g. 192.168.0.254)."</p>
                <FieldError error=field_error(live, error, "ip_address") field="ip_address"/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Add Interface"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn AddRouteDialog(
    action: ServerAction<AddStaticRoute>,
    router_id: String,
    on_close: Callback<()>,
) -> impl IntoView {
    action.clear();
    let error = action_error(action);
    let live = RwSignal::new(Vec::new());
    let destination = RwSignal::new(String::new());
    let nexthop = RwSignal::new(String::new());
    let check = move |changed: &'static str, typing: bool| {
        let errors = route_field_errors(&destination.get_untracked(), &nexthop.get_untracked());
        set_live_errors(live, errors, typing, action, changed);
    };
    view! {
        <Modal title="Add Static Route" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="router_id" value=router_id/>
                <label for="id_destination" class="mb-1 block text-sm font-medium">"Destination CIDR"</label>
                <input id="id_destination" name="destination" required class=INPUT placeholder="192.168.10.0/24"
                       on:input=move |ev| { destination.set(event_target_value(&ev)); check("destination", true) }
                       on:change=move |_| check("destination", false)/>
                <FieldError error=field_error(live, error, "destination") field="destination"/>
                <label for="id_nexthop" class=LABEL>"Next Hop"</label>
                <input id="id_nexthop" name="nexthop" required class=INPUT placeholder="10.0.0.5"
                       on:input=move |ev| { nexthop.set(event_target_value(&ev)); check("nexthop", true) }
                       on:change=move |_| check("nexthop", false)/>
                <FieldError error=field_error(live, error, "nexthop") field="nexthop"/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Add Static Route"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
