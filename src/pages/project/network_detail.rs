//! A network's detail page (`/project/networks/<id>/`, and `/admin/networks/<id>/`):
//! Overview, Subnets (create, edit, delete) and Ports (create, edit, delete).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

use super::networks::{title_case, SubnetDetailFields, SubnetFields};
use crate::api::networks::{
    network_detail, CreatePort, CreateSubnet, DeletePorts, DeleteSubnets, UpdatePort, UpdateSubnet,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::NotFoundNotice;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::network::{NetworkDetail, PortRow, SubnetRow};
use crate::model::Flash;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Overview,
    Subnets,
    Ports,
}

/// What a batch or row delete is about to remove: which table, ids and names.
#[derive(Clone)]
struct PendingDelete {
    ports: bool,
    ids: Vec<String>,
    names: Vec<String>,
}

#[component]
pub fn NetworkDetailPage() -> impl IntoView {
    let params = use_params_map();
    let admin_view = use_location()
        .pathname
        .get_untracked()
        .starts_with("/admin/");
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id.get(), refresh.get()),
        |(id, _)| network_detail(id),
    );
    let shell = use_shell();
    let messages = RwSignal::new(Vec::<Flash>::new());
    let tab = RwSignal::new(Tab::Overview);
    let subnet_form = RwSignal::new(None::<Option<SubnetRow>>);
    let port_create_open = RwSignal::new(false);
    let port_edit = RwSignal::new(None::<PortRow>);
    let selected_subnets = RwSignal::new(Vec::<String>::new());
    let selected_ports = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(None::<PendingDelete>);
    let confirm_open = RwSignal::new(false);
    let bump = move || refresh.update(|n| *n += 1);

    let create_subnet = ServerAction::<CreateSubnet>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create_subnet.value().get() {
            messages.set(vec![Flash::success(format!("Created subnet \"{name}\"."))]);
            subnet_form.set(None);
            bump();
        }
    });
    let update_subnet = ServerAction::<UpdateSubnet>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update_subnet.value().get() {
            messages.set(vec![Flash::success(format!("Updated subnet \"{name}\"."))]);
            subnet_form.set(None);
            bump();
        }
    });
    let delete_subnets = ServerAction::<DeleteSubnets>::new();
    Effect::new(move |_| {
        if let Some(r) = delete_subnets.value().get() {
            messages.set(batch_flashes(
                r,
                "Deleted Subnet",
                "Unable to delete Subnet",
            ));
            selected_subnets.set(vec![]);
            bump();
        }
    });
    let create_port = ServerAction::<CreatePort>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create_port.value().get() {
            messages.set(vec![Flash::success(format!(
                "Port {name} was successfully created."
            ))]);
            port_create_open.set(false);
            bump();
        }
    });
    let update_port = ServerAction::<UpdatePort>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update_port.value().get() {
            messages.set(vec![Flash::success(format!(
                "Port {name} was successfully updated."
            ))]);
            port_edit.set(None);
            bump();
        }
    });
    let delete_ports = ServerAction::<DeletePorts>::new();
    Effect::new(move |_| {
        if let Some(r) = delete_ports.value().get() {
            messages.set(batch_flashes(r, "Deleted Port", "Unable to delete Port"));
            selected_ports.set(vec![]);
            bump();
        }
    });
    let ask_delete = Callback::new(move |p: PendingDelete| {
        pending.set(Some(p));
        confirm_open.set(true);
    });

    view! {
        <Suspense fallback=|| view! { <p>"Loading network…"</p> }>
            {move || Suspend::new(async move {
                let read_only = shell.await.ok().and_then(|d| d.user).is_none_or(|u| u.is_read_only());
                match detail.await {
                    Ok(d) => {
                        let can_change = d.network.editable && !read_only;
                        let (net_for_subnet, net_for_port) = (d.network.id.clone(), d.network.id.clone());
                        let groups = d.security_groups.clone();
                        view! {
                            <NetworkHeader d=d.clone() admin_view=admin_view/>
                            {move || view! { <Messages messages=messages.get()/> }}
                            <div role="tablist" class="nav nav-tabs mb-4 flex border-b border-slate-200">
                                {[(Tab::Overview, "Overview", "network_tabs__overview"), (Tab::Subnets, "Subnets", "network_tabs__subnets_tab"), (Tab::Ports, "Ports", "network_tabs__ports_tab")]
                                    .into_iter().map(|(t, label, id)| view! {
                                        <button type="button" role="tab" id=id aria-selected=move || (tab.get() == t).to_string()
                                                class=move || format!("border-b-2 px-4 py-2 text-sm {}", if tab.get() == t { "border-sky-700 font-semibold text-sky-800" } else { "border-transparent text-slate-600 hover:text-slate-900" })
                                                on:click=move |_| tab.set(t)>{label}</button>
                                    }).collect_view()}
                            </div>
                            <div class:hidden=move || tab.get() != Tab::Overview><NetworkOverview d=d.clone()/></div>
                            <div class:hidden=move || tab.get() != Tab::Subnets>
                                <SubnetsTab subnets=d.subnets.clone() can_change=can_change selected=selected_subnets
                                            subnet_form=subnet_form ask_delete=ask_delete/>
                            </div>
                            <div class:hidden=move || tab.get() != Tab::Ports>
                                <PortsTab ports=d.ports.clone() can_change=can_change selected=selected_ports
                                          create_open=port_create_open port_edit=port_edit ask_delete=ask_delete/>
                            </div>
                            {move || subnet_form.get().map(|existing| { let network_id = net_for_subnet.clone(); match existing {
                                None => view! {
                                    <SubnetDialog network_id=network_id create=Some(create_subnet) update=None existing=None
                                                  on_close=Callback::new(move |_| subnet_form.set(None))/>
                                }.into_any(),
                                Some(s) => view! {
                                    <SubnetDialog network_id=network_id create=None update=Some(update_subnet) existing=Some(s)
                                                  on_close=Callback::new(move |_| subnet_form.set(None))/>
                                }.into_any(),
                            }})}
                            <Show when=move || port_create_open.get()>
                                <CreatePortDialog action=create_port network_id=net_for_port.clone()
                                                  on_close=Callback::new(move |_| port_create_open.set(false))/>
                            </Show>
                            {move || port_edit.get().map(|p| view! {
                                <EditPortDialog action=update_port port=p groups=groups.clone()
                                                on_close=Callback::new(move |_| port_edit.set(None))/>
                            })}
                        }.into_any()
                    }
                    Err(AppError::NotFound(_)) => view! { <NotFoundNotice/> }.into_any(),
                    Err(e) => view! { <Title text="Network Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
        <ConfirmDialog open=confirm_open
                       title=Signal::derive(move || if pending.with(|p| p.as_ref().is_some_and(|p| p.ports)) { "Confirm Delete Ports".to_string() } else { "Confirm Delete Subnets".to_string() })
                       body=Signal::derive(move || format!("You have selected: {}.", pending.with(|p| p.as_ref().map(|p| p.names.join(", ")).unwrap_or_default())))
                       confirm_label="Delete"
                       on_confirm=Callback::new(move |_| {
                           if let Some(p) = pending.get_untracked() {
                               if p.ports { delete_ports.dispatch(DeletePorts { ids: p.ids, names: p.names }); }
                               else { delete_subnets.dispatch(DeleteSubnets { ids: p.ids, names: p.names }); }
                           }
                       })/>
    }
}

#[component]
fn NetworkHeader(d: NetworkDetail, admin_view: bool) -> impl IntoView {
    let name = d.network.display_name();
    let back = if admin_view {
        "/admin/networks/"
    } else {
        "/project/networks/"
    };
    view! {
        <Title text=format!("Network Details: {name}")/>
        <nav class="breadcrumb mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
            <a class="text-sky-700 hover:underline" href=back>"Networks"</a>" / "{name.clone()}
        </nav>
        <h1 class="mb-4 text-2xl font-semibold">{name}</h1>
    }
}

#[component]
fn NetworkOverview(d: NetworkDetail) -> impl IntoView {
    let n = d.network;
    let yes_no = |b: bool| if b { "Yes" } else { "No" };
    let row = |label: &'static str, value: String| {
        view! { <dt class="font-medium text-slate-500">{label}</dt><dd>{value}</dd> }
    };
    view! {
        <section id="network_overview" class="detail max-w-3xl rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <dl class="grid grid-cols-[12rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                {row("Name", n.display_name())}
                {row("ID", n.id.clone())}
                {row("Project ID", n.project_id.clone())}
                {row("Status", title_case(&n.status))}
                {row("Admin State", if n.admin_state_up { "UP".into() } else { "DOWN".into() })}
                {row("Shared", yes_no(n.shared).into())}
                {row("External Network", yes_no(n.external).into())}
                {row("MTU", n.mtu.map(|m| m.to_string()).unwrap_or_else(|| "-".into()))}
                {row("Port Security", n.port_security_enabled.map(|b| yes_no(b).to_string()).unwrap_or_else(|| "-".into()))}
                {n.network_type.clone().map(|t| row("Provider Network Type", t))}
                {n.physical_network.clone().map(|p| row("Physical Network", p))}
                {n.segmentation_id.map(|s| row("Segmentation ID", s.to_string()))}
                {row("Subnets", n.subnets.iter().map(|s| format!("{} {}", s.name, s.cidr)).collect::<Vec<_>>().join(", "))}
            </dl>
        </section>
    }
}

#[component]
fn SubnetsTab(
    subnets: Vec<SubnetRow>,
    can_change: bool,
    selected: RwSignal<Vec<String>>,
    subnet_form: RwSignal<Option<Option<SubnetRow>>>,
    ask_delete: Callback<PendingDelete>,
) -> impl IntoView {
    let count = subnets.len();
    let all: Vec<String> = subnets.iter().map(|s| s.id.clone()).collect();
    let names: Vec<(String, String)> = subnets
        .iter()
        .map(|s| (s.id.clone(), subnet_label(s)))
        .collect();
    view! {
        {can_change.then(|| view! {
            <div class="table_actions mb-3 flex gap-2">
                <button type="button" id="subnets__action_create" class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                        on:click=move |_| subnet_form.set(Some(None))>"+ Create Subnet"</button>
                <div class="flex-1"></div>
                <button type="button" id="subnets__action_delete" class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                        disabled=move || selected.with(|s| s.is_empty())
                        on:click=move |_| {
                            let chosen = selected.get_untracked();
                            let (ids, names): (Vec<_>, Vec<_>) = names.iter().filter(|(id, _)| chosen.contains(id)).cloned().unzip();
                            ask_delete.run(PendingDelete { ports: false, ids, names });
                        }>"Delete Subnets"</button>
            </div>
        })}
        <table id="subnets" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=format!("w-8 {TH}")>{can_change.then(|| view! { <SelectAll all=all.clone() selected=selected/> })}</th>
                    <th class=TH>"Name"</th><th class=TH>"Network Address"</th><th class=TH>"IP Version"</th>
                    <th class=TH>"Gateway IP"</th><th class=TH>"DHCP"</th><th class=TH>"Allocation Pools"</th><th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if subnets.is_empty() {
                    view! { <EmptyRow colspan=8 text="This network has no subnet: instances on it get no address. Create Subnet adds one."/> }.into_any()
                } else {
                    subnets.into_iter().map(|s| {
                        let label = subnet_label(&s);
                        let (for_edit, id, id_del, label_del) = (s.clone(), s.id.clone(), s.id.clone(), label.clone());
                        view! {
                            <tr data-display=label.clone() data-id=s.id.clone() class=ROW>
                                <td class=TD>{can_change.then(|| view! { <SelectRow id=id.clone() label=label.clone() selected=selected/> })}</td>
                                <td class=TD>{s.name.clone()}</td>
                                <td class=format!("cidr font-mono text-xs {TD}")>{s.cidr.clone()}</td>
                                <td class=TD>{format!("IPv{}", s.ip_version)}</td>
                                <td class=format!("gateway font-mono text-xs {TD}")>{s.gateway_ip.clone().unwrap_or_else(|| "-".into())}</td>
                                <td class=TD>{if s.enable_dhcp { "Yes" } else { "No" }}</td>
                                <td class=format!("font-mono text-xs {TD}")>{s.allocation_pools.iter().map(|(a, b)| format!("{a} - {b}")).collect::<Vec<_>>().join(", ")}</td>
                                <td class=format!("actions_column whitespace-nowrap {TD}")>
                                    {can_change.then(|| view! {
                                        <button type="button" class="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                                                on:click=move |_| subnet_form.set(Some(Some(for_edit.clone())))>"Edit Subnet"</button>
                                        " "
                                        <button type="button" class="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                                on:click=move |_| ask_delete.run(PendingDelete { ports: false, ids: vec![id_del.clone()], names: vec![label_del.clone()] })>"Delete Subnet"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=8 count=count/>
        </table>
    }
}

fn subnet_label(s: &SubnetRow) -> String {
    if s.name.is_empty() {
        s.cidr.clone()
    } else {
        s.name.clone()
    }
}

/// Create Subnet (`create`) or Edit Subnet (`update`, with `existing`).
#[component]
fn SubnetDialog(
    network_id: String,
    create: Option<ServerAction<CreateSubnet>>,
    update: Option<ServerAction<UpdateSubnet>>,
    existing: Option<SubnetRow>,
    on_close: Callback<()>,
) -> impl IntoView {
    let fields = move |error: Signal<Option<AppError>>, existing: Option<SubnetRow>| {
        view! {
            <SubnetFields error=error subnet=existing.clone()/>
            <h3 class="mt-4 border-t border-slate-200 pt-3 text-sm font-semibold">"Subnet Details"</h3>
            <SubnetDetailFields error=error subnet=existing/>
        }
    };
    match (create, update, existing) {
        (_, Some(action), Some(s)) => {
            let error = action_error(action);
            view! {
                <Modal title="Edit Subnet" on_close=on_close wide=true>
                    <FormBanner error=error/>
                    <ActionForm action=action>
                        <input type="hidden" name="subnet_id" value=s.id.clone()/>
                        {fields(error, Some(s))}
                        <div class="mt-4 flex justify-end">
                            <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save"</button>
                        </div>
                    </ActionForm>
                </Modal>
            }
            .into_any()
        }
        (Some(action), _, _) => {
            let error = action_error(action);
            view! {
                <Modal title="Create Subnet" on_close=on_close wide=true>
                    <FormBanner error=error/>
                    <ActionForm action=action>
                        <input type="hidden" name="network_id" value=network_id.clone()/>
                        {fields(error, None)}
                        <div class="mt-4 flex justify-end">
                            <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create"</button>
                        </div>
                    </ActionForm>
                </Modal>
            }
            .into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn PortsTab(
    ports: Vec<PortRow>,
    can_change: bool,
    selected: RwSignal<Vec<String>>,
    create_open: RwSignal<bool>,
    port_edit: RwSignal<Option<PortRow>>,
    ask_delete: Callback<PendingDelete>,
) -> impl IntoView {
    let count = ports.len();
    let all: Vec<String> = ports.iter().map(|p| p.id.clone()).collect();
    let names: Vec<(String, String)> = ports
        .iter()
        .map(|p| (p.id.clone(), port_label(p)))
        .collect();
    view! {
        {can_change.then(|| view! {
            <div class="table_actions mb-3 flex gap-2">
                <button type="button" id="ports__action_create" class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                        on:click=move |_| create_open.set(true)>"+ Create Port"</button>
                <div class="flex-1"></div>
                <button type="button" id="ports__action_delete" class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                        disabled=move || selected.with(|s| s.is_empty())
                        on:click=move |_| {
                            let chosen = selected.get_untracked();
                            let (ids, names): (Vec<_>, Vec<_>) = names.iter().filter(|(id, _)| chosen.contains(id)).cloned().unzip();
                            ask_delete.run(PendingDelete { ports: true, ids, names });
                        }>"Delete Ports"</button>
            </div>
        })}
        <table id="ports" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=format!("w-8 {TH}")>{can_change.then(|| view! { <SelectAll all=all.clone() selected=selected/> })}</th>
                    <th class=TH>"Name"</th><th class=TH>"Fixed IPs"</th><th class=TH>"MAC Address"</th>
                    <th class=TH>"Attached Device"</th><th class=TH>"Security Groups"</th><th class=TH>"Status"</th>
                    <th class=TH>"Admin State"</th><th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if ports.is_empty() {
                    view! { <EmptyRow colspan=9/> }.into_any()
                } else {
                    ports.into_iter().map(|p| {
                        let label = port_label(&p);
                        let (for_edit, id, id_del, label_del) = (p.clone(), p.id.clone(), p.id.clone(), label.clone());
                        view! {
                            <tr data-display=label.clone() data-id=p.id.clone() class=ROW>
                                <td class=TD>{can_change.then(|| view! { <SelectRow id=id.clone() label=label.clone() selected=selected/> })}</td>
                                <td class=TD>{if p.name.is_empty() { format!("({})", &p.id[..8.min(p.id.len())]) } else { p.name.clone() }}</td>
                                <td class=format!("fixed-ips font-mono text-xs {TD}")>{p.fixed_ips.join(", ")}</td>
                                <td class=format!("font-mono text-xs {TD}")>{p.mac_address.clone()}</td>
                                <td class=TD>{p.attached_device.clone()}</td>
                                <td class=format!("security-groups {TD}")>{if p.port_security_enabled == Some(false) { "Port security disabled".to_string() } else { p.security_groups.join(", ") }}</td>
                                <td class=TD>{title_case(&p.status)}</td>
                                <td class=TD>{if p.admin_state_up { "UP" } else { "DOWN" }}</td>
                                <td class=format!("actions_column whitespace-nowrap {TD}")>
                                    {can_change.then(|| view! {
                                        <button type="button" class="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                                                on:click=move |_| port_edit.set(Some(for_edit.clone()))>"Edit Port"</button>
                                        " "
                                        <button type="button" class="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                                on:click=move |_| ask_delete.run(PendingDelete { ports: true, ids: vec![id_del.clone()], names: vec![label_del.clone()] })>"Delete Port"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=9 count=count/>
        </table>
    }
}

/// A port's name, or its fixed IPs, or its id.
fn port_label(p: &PortRow) -> String {
    if !p.name.is_empty() {
        p.name.clone()
    } else if !p.fixed_ips.is_empty() {
        p.fixed_ips.join(", ")
    } else {
        p.id.clone()
    }
}

#[component]
fn CreatePortDialog(
    action: ServerAction<CreatePort>,
    network_id: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Create Port" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="network_id" value=network_id/>
                <label for="id_name" class=LABEL>"Name"</label>
                <input id="id_name" name="name" maxlength="255" class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_fixed_ip" class=LABEL>"Fixed IP Address"</label>
                <input id="id_fixed_ip" name="fixed_ip" class=format!("{INPUT} font-mono") placeholder="Empty: the next free address"/>
                <FieldError error=error field="fixed_ip"/>
                <div class="mt-3 flex gap-6 text-sm">
                    <label class="flex items-center gap-2"><input type="checkbox" id="id_admin_state" name="admin_state" checked/>"Enable Admin State"</label>
                    <label class="flex items-center gap-2"><input type="checkbox" id="id_port_security_enabled" name="port_security_enabled" checked/>"Port Security"</label>
                </div>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// Edit Port: the groups are a list of checkboxes, so the form is sent by the page.
#[component]
fn EditPortDialog(
    action: ServerAction<UpdatePort>,
    port: PortRow,
    groups: Vec<(String, String)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let name = RwSignal::new(port.name.clone());
    let admin_state = RwSignal::new(port.admin_state_up);
    let security = RwSignal::new(port.port_security_enabled != Some(false));
    let chosen = RwSignal::new(port.security_group_ids.clone());
    let port_id = port.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(UpdatePort {
            port_id: port_id.clone(),
            name: name.get_untracked(),
            admin_state_up: admin_state.get_untracked(),
            port_security_enabled: security.get_untracked(),
            security_groups: chosen.get_untracked(),
        });
    };
    view! {
        <Modal title="Edit Port" on_close=on_close>
            <FormBanner error=error/>
            <form on:submit=submit>
                <label for="id_name" class=LABEL>"Name"</label>
                <input id="id_name" maxlength="255" prop:value=move || name.get() class=INPUT
                       on:input=move |ev| name.set(event_target_value(&ev))/>
                <FieldError error=error field="name"/>
                <div class="mt-3 flex gap-6 text-sm">
                    <label class="flex items-center gap-2">
                        <input type="checkbox" id="id_admin_state" prop:checked=move || admin_state.get()
                               on:change=move |ev| admin_state.set(event_target_checked(&ev))/>"Enable Admin State"
                    </label>
                    <label class="flex items-center gap-2">
                        <input type="checkbox" id="id_port_security_enabled" prop:checked=move || security.get()
                               on:change=move |ev| security.set(event_target_checked(&ev))/>"Port Security"
                    </label>
                </div>
                <fieldset class="mt-3">
                    <legend class="mb-1 text-sm font-medium">"Security Groups"</legend>
                    {groups.into_iter().enumerate().map(|(i, (id, gname))| {
                        let (id1, id2) = (id.clone(), id.clone());
                        view! {
                            <label class="flex items-center gap-2 text-sm" for=format!("id_security_groups_{i}")>
                                <input type="checkbox" id=format!("id_security_groups_{i}")
                                       prop:checked=move || chosen.with(|c| c.contains(&id1))
                                       on:change=move |ev| {
                                           let id = id2.clone();
                                           if event_target_checked(&ev) { chosen.update(|c| if !c.contains(&id) { c.push(id) }) }
                                           else { chosen.update(|c| c.retain(|x| *x != id)) }
                                       }/>
                                {gname}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <FieldError error=error field="security_groups"/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Update"</button>
                </div>
            </form>
        </Modal>
    }
}
