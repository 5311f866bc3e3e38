//! Project › Networks (`/project/networks/`): the project's networks with the shared and
//! external ones; Create Network (Horizon's three steps: Network, Subnet, Subnet Details),
//! Edit Network, Delete Network(s). Admin › Networks is the same panel over every project,
//! with the provider fields in Create Network (`admin = true`).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::networks::{
    list_networks, project_choices, CreateNetwork, DeleteNetworks, UpdateNetwork,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::network::{NetworkRow, SubnetRow, NETWORK_TYPES};
use crate::model::Flash;

#[component]
pub fn NetworksPage() -> impl IntoView {
    view! { <NetworksPanel admin=false/> }
}

/// The networks table and its forms; `admin` lists every project's networks.
#[component]
pub fn NetworksPanel(admin: bool) -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let networks = Resource::new(move || refresh.get(), move |_| list_networks(admin));
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let create_open = RwSignal::new(false);
    let edit_target = RwSignal::new(None::<NetworkRow>);
    // Row deletes and the batch delete share one confirmation: (ids, names).
    let delete_target = RwSignal::new(None::<(Vec<String>, Vec<String>)>);
    let confirm_open = RwSignal::new(false);
    Effect::new(move |_| {
        if !confirm_open.get() && delete_target.get_untracked().is_some() {
            delete_target.set(None);
        }
    });

    let create = ServerAction::<CreateNetwork>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create.value().get() {
            messages.set(vec![Flash::success(format!("Created network \"{name}\"."))]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let update = ServerAction::<UpdateNetwork>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update.value().get() {
            messages.set(vec![Flash::success(format!(
                "Network {name} was successfully updated."
            ))]);
            edit_target.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteNetworks>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(
                r,
                "Deleted Network",
                "Unable to delete Network",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    let ask_delete = Callback::new(move |(ids, names): (Vec<String>, Vec<String>)| {
        delete_target.set(Some((ids, names)));
        confirm_open.set(true);
    });

    let title = if admin {
        "Networks (all projects)"
    } else {
        "Networks"
    };
    view! {
        <Title text="Networks"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                let is_admin = user.as_ref().is_some_and(|u| u.is_admin());
                let read_only = user.as_ref().is_none_or(|u| u.is_read_only());
                if admin && !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                let rows_for_batch = move || {
                    networks.get().and_then(|r| r.ok()).unwrap_or_default()
                };
                view! {
                    <h1 class="mb-4 text-2xl font-semibold">{title}</h1>
                    {move || view! { <Messages messages=messages.get()/> }}
                    <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                        <label for="networks__filter" class="sr-only">"Filter networks by name"</label>
                        <input id="networks__filter" type="search" placeholder="Filter by name"
                               class="w-56 rounded border border-slate-300 px-3 py-1.5 text-sm"
                               on:input=move |ev| filter.set(event_target_value(&ev))/>
                        <div class="flex-1"></div>
                        <Show when=move || !read_only>
                            <button type="button" id="networks__action_create"
                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                    on:click=move |_| create_open.set(true)>"+ Create Network"</button>
                            <button type="button" id="networks__action_delete"
                                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                    disabled=move || selected.with(|s| s.is_empty())
                                    on:click=move |_| {
                                        let rows = rows_for_batch();
                                        let chosen = selected.get_untracked();
                                        let (ids, names): (Vec<_>, Vec<_>) = rows.iter()
                                            .filter(|r| chosen.contains(&r.id))
                                            .map(|r| (r.id.clone(), r.display_name()))
                                            .unzip();
                                        ask_delete.run((ids, names));
                                    }>"Delete Networks"</button>
                        </Show>
                    </div>
                    <Transition fallback=|| view! { <p>"Loading networks…"</p> }>
                        {move || Suspend::new(async move {
                            match networks.await {
                                Ok(rows) => view! {
                                    <NetworksTable rows=rows admin=admin read_only=read_only selected=selected
                                                   filter=filter edit_target=edit_target ask_delete=ask_delete/>
                                }.into_any(),
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Transition>
                    <Show when=move || create_open.get()>
                        <CreateNetworkDialog action=create admin=admin is_admin=is_admin
                                             on_close=Callback::new(move |_| create_open.set(false))/>
                    </Show>
                    {move || edit_target.get().map(|n| view! {
                        <EditNetworkDialog action=update network=n is_admin=is_admin
                                           on_close=Callback::new(move |_| edit_target.set(None))/>
                    })}
                }.into_any()
            })}
        </Suspense>
        <ConfirmDialog open=confirm_open
                       title="Confirm Delete Networks"
                       body=Signal::derive(move || format!("You have selected: {}.", delete_target.with(|t| t.as_ref().map(|(_, n)| n.join(", ")).unwrap_or_default())))
                       confirm_label="Delete Networks"
                       on_confirm=Callback::new(move |_| {
                           if let Some((ids, names)) = delete_target.get_untracked() {
                               if !ids.is_empty() { delete.dispatch(DeleteNetworks { ids, names }); }
                           }
                       })/>
    }
}

#[component]
fn NetworksTable(
    rows: Vec<NetworkRow>,
    admin: bool,
    read_only: bool,
    selected: RwSignal<Vec<String>>,
    filter: RwSignal<String>,
    edit_target: RwSignal<Option<NetworkRow>>,
    ask_delete: Callback<(Vec<String>, Vec<String>)>,
) -> impl IntoView {
    let count = rows.len();
    let columns: u32 = if admin { 10 } else { 9 };
    let selectable: Vec<String> = rows
        .iter()
        .filter(|r| r.editable)
        .map(|r| r.id.clone())
        .collect();
    let detail_base = if admin {
        "/admin/networks/"
    } else {
        "/project/networks/"
    };
    view! {
        <table id="networks" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=format!("w-8 {TH}")>{(!read_only).then(|| view! { <SelectAll all=selectable.clone() selected=selected/> })}</th>
                    {admin.then(|| view! { <th class=TH>"Project"</th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Subnets Associated"</th>
                    <th class=TH>"Shared"</th>
                    <th class=TH>"External"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"Admin State"</th>
                    <th class=TH>"Availability Zones"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if rows.is_empty() {
                    view! { <EmptyRow colspan=columns text="No networks yet. Create Network makes one, with its subnet."/> }.into_any()
                } else {
                    rows.into_iter().map(|n| {
                        let name = n.display_name();
                        let lower = n.name.to_lowercase();
                        let shown = move || filter.with(|f| f.is_empty() || lower.contains(&f.to_lowercase()));
                        let for_edit = n.clone();
                        let (id, id_del, name_del) = (n.id.clone(), n.id.clone(), name.clone());
                        view! {
                            <tr data-display=name.clone() data-id=n.id.clone() class=ROW class:hidden=move || !shown()>
                                <td class=TD>{(n.editable && !read_only).then(|| view! { <SelectRow id=id.clone() label=name.clone() selected=selected/> })}</td>
                                {admin.then(|| view! { <td class=format!("project {TD}")>{n.project_name.clone().unwrap_or_else(|| n.project_id.clone())}</td> })}
                                <td class=TD>
                                    <a class="font-medium text-sky-700 hover:underline" href=format!("{detail_base}{}/", n.id)>{name.clone()}</a>
                                </td>
                                <td class=format!("subnets {TD}")>
                                    {n.subnets.iter().map(|s| view! {
                                        <div><span class="font-medium">{s.name.clone()}</span>" "<span class="font-mono text-xs">{s.cidr.clone()}</span></div>
                                    }).collect_view()}
                                </td>
                                <td class=TD>{if n.shared { "Yes" } else { "No" }}</td>
                                <td class=TD>{if n.external { "Yes" } else { "No" }}</td>
                                <td class=TD>{title_case(&n.status)}</td>
                                <td class=TD>{if n.admin_state_up { "UP" } else { "DOWN" }}</td>
                                <td class=TD>{if n.availability_zones.is_empty() { "-".to_string() } else { n.availability_zones.join(", ") }}</td>
                                <td class=format!("actions_column whitespace-nowrap {TD}")>
                                    {(n.editable && !read_only).then(|| view! {
                                        <button type="button" class="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                                                on:click=move |_| edit_target.set(Some(for_edit.clone()))>"Edit Network"</button>
                                        " "
                                        <button type="button" class="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                                on:click=move |_| ask_delete.run((vec![id_del.clone()], vec![name_del.clone()]))>"Delete Network"</button>
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

/// `ACTIVE` → `Active`, as Horizon shows statuses.
pub fn title_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "-".into(),
    }
}

/// Which step of Create Network holds a field, so a refused field's step is shown.
fn step_of(field: &str) -> u8 {
    match field {
        "subnet_name" | "cidr" | "ip_version" | "gateway_ip" | "no_gateway" => 1,
        "enable_dhcp" | "allocation_pools" | "dns_nameservers" | "host_routes" => 2,
        _ => 0,
    }
}

#[component]
fn CreateNetworkDialog(
    action: ServerAction<CreateNetwork>,
    /// Admin › Networks: project and provider fields.
    admin: bool,
    is_admin: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let step = RwSignal::new(0u8);
    let with_subnet = RwSignal::new(true);
    Effect::new(move |_| {
        if let Some(field) = error.get().and_then(|e| e.field().map(str::to_string)) {
            step.set(step_of(&field));
        }
    });
    let projects = Resource::new(
        || (),
        move |_| async move {
            if admin {
                project_choices().await
            } else {
                Ok(vec![])
            }
        },
    );
    let tab = move |n: u8, label: &'static str| {
        view! {
            <button type="button" role="tab" aria-selected=move || (step.get() == n).to_string()
                    disabled=move || { n > 0 && !with_subnet.get() }
                    class=move || format!("border-b-2 px-3 py-2 text-sm disabled:opacity-40 {}",
                        if step.get() == n { "border-sky-700 font-semibold text-sky-800" } else { "border-transparent text-slate-600" })
                    on:click=move |_| step.set(n)>{label}</button>
        }
    };
    view! {
        <Modal title="Create Network" on_close=on_close wide=true>
            <FormBanner error=error/>
            <div role="tablist" class="nav nav-tabs mb-3 flex border-b border-slate-200">
                {tab(0, "Network")}{tab(1, "Subnet")}{tab(2, "Subnet Details")}
            </div>
            <ActionForm action=action>
                <section class:hidden=move || step.get() != 0 aria-label="Network">
                    {admin.then(|| view! {
                        <label for="id_tenant_id" class=LABEL>"Project"</label>
                        <Suspense fallback=|| view! { <p class="text-sm">"Loading projects…"</p> }>
                            {move || Suspend::new(async move {
                                let list = projects.await.unwrap_or_default();
                                view! {
                                    <select id="id_tenant_id" name="tenant_id" required class=INPUT>
                                        <option value="">"Select a project"</option>
                                        {list.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                    </select>
                                }
                            })}
                        </Suspense>
                        <FieldError error=error field="tenant_id"/>
                        <label for="id_network_type" class=LABEL>"Provider Network Type"</label>
                        <select id="id_network_type" name="network_type" class=INPUT>
                            {NETWORK_TYPES.iter().map(|(v, l)| view! { <option value=*v selected=*v == "vxlan">{*l}</option> }).collect_view()}
                        </select>
                        <FieldError error=error field="network_type"/>
                        <label for="id_physical_network" class=LABEL>"Physical Network"</label>
                        <input id="id_physical_network" name="physical_network" class=INPUT placeholder="e.g. extnet (flat and VLAN networks)"/>
                        <FieldError error=error field="physical_network"/>
                        <label for="id_segmentation_id" class=LABEL>"Segmentation ID"</label>
                        <input id="id_segmentation_id" name="segmentation_id" inputmode="numeric" class=INPUT placeholder="VLAN 1-4094, VXLAN 1-16777215"/>
                        <FieldError error=error field="segmentation_id"/>
                    })}
                    <label for="id_net_name" class=LABEL>"Network Name"</label>
                    <input id="id_net_name" name="net_name" maxlength="255" class=INPUT/>
                    <FieldError error=error field="net_name"/>
                    <div class="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
                        <label class="flex items-center gap-2"><input type="checkbox" id="id_admin_state" name="admin_state" checked/>"Enable Admin State"</label>
                        {is_admin.then(|| view! {
                            <label class="flex items-center gap-2"><input type="checkbox" id="id_shared" name="shared"/>"Shared"</label>
                        })}
                        {admin.then(|| view! {
                            <label class="flex items-center gap-2"><input type="checkbox" id="id_external" name="external"/>"External Network"</label>
                        })}
                        <label class="flex items-center gap-2">
                            <input type="checkbox" id="id_with_subnet" name="with_subnet" checked
                                   on:change=move |ev| with_subnet.set(event_target_checked(&ev))/>"Create Subnet"
                        </label>
                    </div>
                    <label for="id_mtu" class=LABEL>"MTU"</label>
                    <input id="id_mtu" name="mtu" inputmode="numeric" class=INPUT placeholder="The cloud's default"/>
                    <FieldError error=error field="mtu"/>
                </section>
                <section class:hidden=move || step.get() != 1 aria-label="Subnet">
                    <SubnetFields error=error subnet=None/>
                </section>
                <section class:hidden=move || step.get() != 2 aria-label="Subnet Details">
                    <SubnetDetailFields error=error subnet=None/>
                </section>
                <div class="mt-4 flex items-center justify-end gap-2">
                    <button type="button" class="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40"
                            disabled=move || step.get() == 0
                            on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>"« Back"</button>
                    <button type="button" class="rounded border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40"
                            disabled=move || { step.get() == 2 || !with_subnet.get() }
                            on:click=move |_| step.update(|s| *s += 1)>"Next »"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// The Subnet step's fields: name, network address, IP version, gateway. `subnet` fills
/// them for Edit Subnet, where the address and version are fixed.
#[component]
pub fn SubnetFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    subnet: Option<SubnetRow>,
) -> impl IntoView {
    let editing = subnet.is_some();
    let s = subnet.unwrap_or(SubnetRow {
        id: String::new(),
        name: String::new(),
        network_id: String::new(),
        cidr: String::new(),
        ip_version: 4,
        gateway_ip: None,
        enable_dhcp: true,
        allocation_pools: vec![],
        dns_nameservers: vec![],
        host_routes: vec![],
    });
    let no_gateway = RwSignal::new(editing && s.gateway_ip.is_none());
    view! {
        <label for="id_subnet_name" class=LABEL>"Subnet Name"</label>
        <input id="id_subnet_name" name="subnet_name" maxlength="255" value=s.name.clone() class=INPUT/>
        <FieldError error=error field="subnet_name"/>
        <label for="id_cidr" class=LABEL>"Network Address"</label>
        <input id="id_cidr" name="cidr" value=s.cidr.clone() readonly=editing placeholder="e.g. 192.168.0.0/24 or fd00:1::/64"
               class=format!("{INPUT} font-mono read-only:bg-slate-100")/>
        <FieldError error=error field="cidr"/>
        <label for="id_ip_version" class=LABEL>"IP Version"</label>
        <select id="id_ip_version" name="ip_version" disabled=editing class=INPUT>
            <option value="4" selected=s.ip_version == 4>"IPv4"</option>
            <option value="6" selected=s.ip_version == 6>"IPv6"</option>
        </select>
        <FieldError error=error field="ip_version"/>
        <label for="id_gateway_ip" class=LABEL>"Gateway IP"</label>
        <input id="id_gateway_ip" name="gateway_ip" value=s.gateway_ip.clone().unwrap_or_default()
               disabled=move || no_gateway.get() placeholder="Empty: the first address of the network"
               class=format!("{INPUT} font-mono disabled:bg-slate-100")/>
        <FieldError error=error field="gateway_ip"/>
        <label class="mt-2 flex items-center gap-2 text-sm">
            <input type="checkbox" id="id_no_gateway" name="no_gateway" checked=no_gateway.get_untracked()
                   on:change=move |ev| no_gateway.set(event_target_checked(&ev))/>"Disable Gateway"
        </label>
    }
}

/// The Subnet Details step's fields: DHCP, allocation pools, DNS servers, host routes.
#[component]
pub fn SubnetDetailFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    subnet: Option<SubnetRow>,
) -> impl IntoView {
    let (dhcp, pools, dns, routes) = match &subnet {
        Some(s) => (
            s.enable_dhcp,
            s.pools_text(),
            s.dns_nameservers.join("\n"),
            s.routes_text(),
        ),
        None => (true, String::new(), String::new(), String::new()),
    };
    let area = format!("{INPUT} font-mono text-xs");
    view! {
        <label class="mt-1 flex items-center gap-2 text-sm">
            <input type="checkbox" id="id_enable_dhcp" name="enable_dhcp" checked=dhcp/>"Enable DHCP"
        </label>
        <label for="id_allocation_pools" class=LABEL>"Allocation Pools"</label>
        <textarea id="id_allocation_pools" name="allocation_pools" rows="3" class=area.clone()
                  placeholder="start,end per line, e.g. 192.168.0.10,192.168.0.100">{pools}</textarea>
        <FieldError error=error field="allocation_pools"/>
        <label for="id_dns_nameservers" class=LABEL>"DNS Name Servers"</label>
        <textarea id="id_dns_nameservers" name="dns_nameservers" rows="2" class=area.clone()
                  placeholder="one address per line">{dns}</textarea>
        <FieldError error=error field="dns_nameservers"/>
        <label for="id_host_routes" class=LABEL>"Host Routes"</label>
        <textarea id="id_host_routes" name="host_routes" rows="2" class=area
                  placeholder="destination_cidr,nexthop per line">{routes}</textarea>
        <FieldError error=error field="host_routes"/>
    }
}

#[component]
fn EditNetworkDialog(
    action: ServerAction<UpdateNetwork>,
    network: NetworkRow,
    is_admin: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Edit Network" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="network_id" value=network.id.clone()/>
                <label for="id_name" class=LABEL>"Name"</label>
                <input id="id_name" name="name" maxlength="255" value=network.name.clone() class=INPUT/>
                <FieldError error=error field="name"/>
                <div class="mt-3 flex gap-6 text-sm">
                    <label class="flex items-center gap-2"><input type="checkbox" id="id_admin_state" name="admin_state" checked=network.admin_state_up/>"Enable Admin State"</label>
                    {is_admin.then(|| view! {
                        <label class="flex items-center gap-2"><input type="checkbox" id="id_shared" name="shared" checked=network.shared/>"Shared"</label>
                    })}
                </div>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save Changes"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
