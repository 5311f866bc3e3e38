//! Project › Floating IPs (`/project/floating_ips/`): allocate a floating IP from an
//! external network, associate it with an instance's port, disassociate it, release it.
//! Admin › Floating IPs is the same panel over every project (`all_projects`).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::floating_ips::{
    list_floating_ips, AllocateFloatingIp, AssociateFloatingIp, DisassociateFloatingIp,
    ReleaseFloatingIps,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::floating_ip::{released_label, FloatingIpRow, FloatingIpsPage};
use crate::model::Flash;

#[component]
pub fn FloatingIpsPage() -> impl IntoView {
    view! { <FloatingIpsPanel all_projects=false/> }
}

/// A row action waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowConfirm {
    Disassociate { id: String, ip: String },
    Release { id: String, ip: String },
}

/// What the table's rows may ask of the panel. The dialogs and their targets live in the
/// panel, so a refresh of the table cannot dispose an open one.
#[derive(Clone, Copy)]
struct RowActions {
    /// The floating IP whose Associate dialog is open: (id, address).
    associate_for: RwSignal<Option<(String, String)>>,
    confirm: RwSignal<Option<RowConfirm>>,
    confirm_open: RwSignal<bool>,
}

impl RowActions {
    fn ask(self, what: RowConfirm) {
        self.confirm.set(Some(what));
        self.confirm_open.set(true);
    }
}

/// The panel, for one project or (`all_projects`, admins) for all of them.
#[component]
pub fn FloatingIpsPanel(all_projects: bool) -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(
        move || refresh.get(),
        move |_| list_floating_ips(all_projects),
    );
    let reload = move || refresh.update(|n| *n += 1);
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let allocate_open = RwSignal::new(false);
    let batch_confirm_open = RwSignal::new(false);
    let rows_ask = RowActions {
        associate_for: RwSignal::new(None),
        confirm: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
    };
    provide_context(rows_ask);

    let allocate = ServerAction::<AllocateFloatingIp>::new();
    Effect::new(move |_| {
        if let Some(Ok(ip)) = allocate.value().get() {
            messages.set(vec![Flash::success(format!("Allocated Floating IP {ip}."))]);
            allocate_open.set(false);
            reload();
        }
    });
    let associate = ServerAction::<AssociateFloatingIp>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = associate.value().get() {
            messages.set(vec![Flash::success(text)]);
            rows_ask.associate_for.set(None);
            reload();
        }
    });
    let disassociate = ServerAction::<DisassociateFloatingIp>::new();
    Effect::new(move |_| {
        if let Some(result) = disassociate.value().get() {
            messages.set(vec![match result {
                Ok(text) => Flash::success(text),
                Err(e) => Flash::error(format!("Unable to disassociate floating IP. {e}")),
            }]);
            reload();
        }
    });
    let release = ServerAction::<ReleaseFloatingIps>::new();
    Effect::new(move |_| {
        if let Some(result) = release.value().get() {
            let count = result.as_ref().map_or(0, |r| r.done.len());
            messages.set(batch_flashes(
                result,
                released_label(count),
                "Unable to release Floating IP",
            ));
            selected.set(vec![]);
            reload();
        }
    });

    // The selected rows as (id, address), from the table last shown.
    let selected_ips = move || {
        let ids = selected.get();
        page.get()
            .and_then(|r| r.ok())
            .map(|p| {
                p.rows
                    .into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.ip))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let on_row_confirm = Callback::new(move |_| match rows_ask.confirm.get_untracked() {
        Some(RowConfirm::Disassociate { id, ip }) => {
            disassociate.dispatch(DisassociateFloatingIp { ip_id: id, ip });
        }
        Some(RowConfirm::Release { id, ip }) => {
            release.dispatch(ReleaseFloatingIps {
                ips: vec![(id, ip)],
            });
        }
        None => {}
    });
    let row_confirm_title = move || match rows_ask.confirm.get() {
        Some(RowConfirm::Disassociate { .. }) => "Disassociate",
        _ => "Release Floating IP",
    };

    view! {
        <Title text="Floating IPs"/>
        <h1 class="mb-4 text-2xl font-semibold">"Floating IPs"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading floating IPs…"</p> }>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                if all_projects && !user.as_ref().is_some_and(|u| u.is_admin()) {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                let can_edit = user.as_ref().is_some_and(|u| !u.is_read_only());
                match page.await {
                    Ok(p) => {
                    let label = allocate_label(p.quota_left);
                    // As Horizon: nothing to allocate once the quota is used up.
                    let quota_used_up = p.quota_left == Some(0);
                    let targets = p.targets.clone();
                    view! {
                        {can_edit.then(|| view! {
                            <div class="table_actions mb-3 flex flex-wrap gap-2">
                                <button type="button" id="floating_ips__action_allocate"
                                        class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 disabled:opacity-40"
                                        disabled=quota_used_up
                                        on:click=move |_| allocate_open.set(true)>
                                    {label}
                                </button>
                                <div class="flex-1"></div>
                                <button type="button" id="floating_ips__action_release"
                                        class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                        disabled=move || selected.with(|s| s.is_empty())
                                        on:click=move |_| batch_confirm_open.set(true)>
                                    "Release Floating IPs"
                                </button>
                            </div>
                        })}
                        <FloatingIpsTable rows=p.rows.clone() selected=selected can_edit=can_edit all_projects=all_projects/>
                        <Show when=move || allocate_open.get()>
                            <AllocateDialog action=allocate page=p.clone() all_projects=all_projects
                                            on_close=Callback::new(move |_| allocate_open.set(false))/>
                        </Show>
                        {
                            move || rows_ask.associate_for.get().map(|(id, ip)| view! {
                                <AssociateDialog action=associate ip_id=id ip=ip targets=targets.clone()
                                                 on_close=Callback::new(move |_| rows_ask.associate_for.set(None))/>
                            })
                        }
                    }.into_any()
                    }
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <ConfirmDialog open=batch_confirm_open title="Confirm Release Floating IPs"
                       body=Signal::derive(move || {
                           let ips: Vec<String> = selected_ips().into_iter().map(|(_, ip)| ip).collect();
                           format!("You have selected: {}.", ips.join(", "))
                       })
                       confirm_label="Release Floating IPs"
                       on_confirm=Callback::new(move |_| {
                           let ips = selected_ips();
                           if !ips.is_empty() { release.dispatch(ReleaseFloatingIps { ips }); }
                       })/>
        {move || {
            let title = format!("Confirm {}", row_confirm_title());
            view! {
                <ConfirmDialog open=rows_ask.confirm_open title=title
                               body=Signal::derive(move || match rows_ask.confirm.get() {
                                   Some(RowConfirm::Disassociate { ip, .. } | RowConfirm::Release { ip, .. }) =>
                                       format!("You have selected: {ip}."),
                                   None => String::new(),
                               })
                               confirm_label=row_confirm_title()
                               on_confirm=on_row_confirm/>
            }
        }}
    }
}

/// Horizon's table action label, which says when the quota is used up.
fn allocate_label(quota_left: Option<i64>) -> &'static str {
    if quota_left == Some(0) {
        "Allocate IP To Project (Quota exceeded)"
    } else {
        "Allocate IP To Project"
    }
}

#[component]
fn FloatingIpsTable(
    rows: Vec<FloatingIpRow>,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    all_projects: bool,
) -> impl IntoView {
    let count = rows.len();
    let columns = 5 + u32::from(can_edit) * 2 + u32::from(all_projects);
    let all_ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let body = if rows.is_empty() {
        view! { <EmptyRow colspan=columns/> }.into_any()
    } else {
        rows.into_iter()
            .map(|r| view! { <FloatingIpRowView row=r selected=selected can_edit=can_edit all_projects=all_projects/> })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="floating_ips" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    {can_edit.then(|| view! { <th class="w-8 px-3 py-2"><SelectAll all=all_ids selected=selected/></th> })}
                    {all_projects.then(|| view! { <th class=TH>"Project"</th> })}
                    <th class=TH>"IP Address"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Mapped Fixed IP Address"</th>
                    <th class=TH>"Pool"</th>
                    <th class=TH>"Status"</th>
                    {can_edit.then(|| view! { <th class=TH>"Actions"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=columns count=count/>
        </table>
    }
}

#[component]
fn FloatingIpRowView(
    row: FloatingIpRow,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    all_projects: bool,
) -> impl IntoView {
    let ask = expect_context::<RowActions>();
    let mapped = row.mapped.clone().map(|m| match m.instance.clone() {
        Some((id, _)) => view! {
            <a class="text-sky-700 hover:underline" href=format!("/project/instances/{id}/")>{m.label()}</a>
        }
        .into_any(),
        None => m.label().into_any(),
    });
    let status = match row.status.as_str() {
        "ACTIVE" => "Active",
        "DOWN" => "Down",
        "ERROR" => "Error",
        other => other,
    }
    .to_string();
    let (id, ip) = (row.id.clone(), row.ip.clone());
    let associated = row.mapped.is_some();
    // Associating from Admin › Floating IPs would offer the admin's own ports: not offered.
    let actions = can_edit.then(|| {
        let (id2, ip2, id3, ip3) = (id.clone(), ip.clone(), id.clone(), ip.clone());
        view! {
            <td class="actions_column whitespace-nowrap px-3 py-2 text-right">
                {(!associated && !all_projects).then(|| {
                    let (id, ip) = (id2.clone(), ip2.clone());
                    view! {
                        <button type="button" class="btn-associate mr-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
                                on:click=move |_| ask.associate_for.set(Some((id.clone(), ip.clone())))>"Associate"</button>
                    }
                })}
                {associated.then(|| {
                    let (id, ip) = (id2.clone(), ip2.clone());
                    view! {
                        <button type="button" class="btn-disassociate mr-1 rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                on:click=move |_| ask.ask(RowConfirm::Disassociate { id: id.clone(), ip: ip.clone() })>"Disassociate"</button>
                    }
                })}
                <button type="button" class="btn-release rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                        on:click=move |_| ask.ask(RowConfirm::Release { id: id3.clone(), ip: ip3.clone() })>"Release Floating IP"</button>
            </td>
        }
    });
    view! {
        <tr data-display=row.ip.clone() data-id=row.id.clone() class=ROW>
            {can_edit.then(|| view! { <td class=TD><SelectRow id=id.clone() label=ip.clone() selected=selected/></td> })}
            {all_projects.then(|| view! { <td class=format!("{TD} project")>{row.project.clone().unwrap_or_default()}</td> })}
            <td class=format!("{TD} ip font-medium")>{row.ip.clone()}</td>
            <td class=format!("{TD} description")>{if row.description.is_empty() { "-".to_string() } else { row.description.clone() }}</td>
            <td class=format!("{TD} fixed_ip")>{mapped.unwrap_or_else(|| "-".into_any())}</td>
            <td class=format!("{TD} pool")>{row.pool.clone()}</td>
            <td class=format!("{TD} status")>{status}</td>
            {actions}
        </tr>
    }
}

#[component]
fn AllocateDialog(
    action: ServerAction<AllocateFloatingIp>,
    page: FloatingIpsPage,
    all_projects: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Allocate Floating IP" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                {all_projects.then(|| view! {
                    <label for="id_project_id" class="mb-1 block text-sm font-medium">"Project"</label>
                    <select id="id_project_id" name="project_id" class=INPUT>
                        <option value="">"Select a project"</option>
                        {page.projects.iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                    </select>
                    <FieldError error=error field="project_id"/>
                })}
                <label for="id_pool" class=if all_projects { LABEL } else { "mb-1 block text-sm font-medium" }>"Pool"</label>
                <select id="id_pool" name="pool" class=INPUT>
                    {page.pools.iter().map(|p| view! { <option value=p.id.clone()>{p.label.clone()}</option> }).collect_view()}
                </select>
                <FieldError error=error field="pool"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <input id="id_description" name="description" maxlength="255" class=INPUT/>
                <FieldError error=error field="description"/>
                <p class="mt-3 text-sm text-slate-600">"Allocate a floating IP from a given floating IP pool."</p>
                {(!all_projects).then(|| view! {
                    <p class="quota-left mt-1 text-sm text-slate-600">
                        "Project Quotas: Floating IP: "
                        <strong>{match page.quota_left {
                            Some(n) => format!("{n} available"),
                            None => "no limit".to_string(),
                        }}</strong>
                    </p>
                })}
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Allocate IP"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// Horizon's "Manage Floating IP Associations" for one floating IP.
#[component]
fn AssociateDialog(
    action: ServerAction<AssociateFloatingIp>,
    ip_id: String,
    ip: String,
    targets: Vec<crate::model::Choice>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let empty = targets.is_empty();
    view! {
        <Modal title="Manage Floating IP Associations" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <p class="mb-3 text-sm text-slate-600">"Select the IP address you wish to associate with the selected instance or port."</p>
                <input type="hidden" name="ip" value=ip.clone()/>
                <label for="id_ip_id" class="mb-1 block text-sm font-medium">"IP Address"</label>
                <select id="id_ip_id" name="ip_id" class=INPUT>
                    <option value=ip_id selected>{ip}</option>
                </select>
                <label for="id_port_id" class=LABEL>"Port to be associated"</label>
                <select id="id_port_id" name="port_id" class=INPUT>
                    <option value="">{if empty { "No ports available" } else { "Select a port" }}</option>
                    {targets.into_iter().map(|t| view! { <option value=t.id>{t.label}</option> }).collect_view()}
                </select>
                <FieldError error=error field="port_id"/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Associate"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
