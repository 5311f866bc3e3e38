//! Project › Security Groups (`/project/security_groups/`): list, create, edit, delete; and a
//! group's Manage Rules page (`/project/security_groups/<id>/`): its rules, Add Rule, delete.
//!
//! A reader sees the tables and no button that would change anything.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::security_groups::{
    list_security_groups, security_group_detail, AddRule, CreateSecurityGroup, DeleteRules,
    DeleteSecurityGroups, UpdateSecurityGroup,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::{use_shell, ShellResource};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::NotFoundNotice;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::batch::BatchResult;
use crate::model::security_group::{rule_menu_choices, RuleRow, SecurityGroupRow};
use crate::model::Flash;

const ROW_BUTTON: &str =
    "mr-1 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100";
const ROW_DANGER: &str =
    "rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50";
const CREATE_BUTTON: &str =
    "rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800";

/// Whether the logged-in user may only look (a reader); unknown counts as read-only.
async fn read_only(shell: ShellResource) -> bool {
    !matches!(shell.await, Ok(ref d) if d.user.as_ref().is_some_and(|u| !u.is_read_only()))
}

/// Horizon's batch messages: the action's name is singular or plural by how many were asked for.
fn delete_flashes(result: Result<BatchResult, AppError>, one: &str, many: &str) -> Vec<Flash> {
    let count = match &result {
        Ok(r) => r.done.len() + r.failed.len(),
        Err(_) => 1,
    };
    let what = if count == 1 { one } else { many };
    batch_flashes(
        result,
        &format!("Deleted {what}"),
        &format!("Unable to delete {what}"),
    )
}

/// The confirmation for deleting `items` (id, name): titled by how many there are.
#[component]
fn ConfirmDelete(
    open: RwSignal<bool>,
    items: RwSignal<Vec<(String, String)>>,
    one: &'static str,
    many: &'static str,
    on_confirm: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    move || {
        let chosen = items.get();
        let label = format!("Delete {}", if chosen.len() == 1 { one } else { many });
        let names: Vec<String> = chosen.iter().map(|(_, n)| n.clone()).collect();
        let body = format!("You have selected: {}.", names.join(", "));
        view! {
            <ConfirmDialog open=open title=format!("Confirm {label}") body=Signal::derive(move || body.clone())
                           confirm_label=label
                           on_confirm=Callback::new(move |_| on_confirm.run(chosen.clone()))/>
        }
    }
}

#[component]
pub fn SecurityGroupsPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let groups = Resource::new(move || refresh.get(), |_| list_security_groups());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let create_open = RwSignal::new(false);
    // The group the Edit dialog is for, kept here so a refresh of the table cannot dispose it.
    let editing = RwSignal::new(None::<SecurityGroupRow>);
    let confirm_open = RwSignal::new(false);
    let to_delete = RwSignal::new(Vec::<(String, String)>::new());

    let create = ServerAction::<CreateSecurityGroup>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create.value().get() {
            messages.set(vec![Flash::success(format!(
                "Successfully created security group: {name}"
            ))]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let update = ServerAction::<UpdateSecurityGroup>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update.value().get() {
            messages.set(vec![Flash::success(format!(
                "Successfully updated security group: {name}"
            ))]);
            editing.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteSecurityGroups>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(delete_flashes(r, "Security Group", "Security Groups"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let ask_delete = Callback::new(move |items: Vec<(String, String)>| {
        to_delete.set(items);
        confirm_open.set(true);
    });
    let delete_selected = move |_| {
        let ids = selected.get_untracked();
        let rows = groups
            .get_untracked()
            .and_then(Result::ok)
            .unwrap_or_default();
        ask_delete.run(
            rows.into_iter()
                .filter(|g| ids.contains(&g.id))
                .map(|g| (g.id, g.name))
                .collect(),
        );
    };

    view! {
        <Title text="Security Groups"/>
        <h1 class="mb-4 text-2xl font-semibold">"Security Groups"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                (!read_only(shell).await).then(|| view! {
                    <div class="table_actions mb-3 flex flex-wrap gap-2">
                        <button type="button" id="security_groups__action_create" class=CREATE_BUTTON
                                on:click=move |_| { create.clear(); create_open.set(true); }>"+ Create Security Group"</button>
                        <div class="flex-1"></div>
                        <button type="button" id="security_groups__action_delete" class=crate::components::form::DANGER
                                disabled=move || selected.with(|s| s.is_empty())
                                on:click=delete_selected>"Delete Security Groups"</button>
                    </div>
                })
            })}
        </Suspense>
        <Transition fallback=|| view! { <p>"Loading security groups…"</p> }>
            {move || Suspend::new(async move {
                let read_only = read_only(shell).await;
                match groups.await {
                    Ok(rows) => view! {
                        <GroupsTable rows=rows selected=selected read_only=read_only
                                     on_edit=Callback::new(move |g| { update.clear(); editing.set(Some(g)); })
                                     on_delete=ask_delete/>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || create_open.get()>
            <Modal title="Create Security Group" on_close=Callback::new(move |_| create_open.set(false))>
                <FormBanner error=action_error(create)/>
                <ActionForm action=create>
                    <GroupFields error=action_error(create) name=String::new() description=String::new()/>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class=PRIMARY disabled=move || create.pending().get()>"Create Security Group"</button>
                    </div>
                </ActionForm>
            </Modal>
        </Show>

        {move || editing.get().map(|g| view! {
            <Modal title="Edit Security Group" on_close=Callback::new(move |_| editing.set(None))>
                <FormBanner error=action_error(update)/>
                <ActionForm action=update>
                    <input type="hidden" name="id" value=g.id.clone()/>
                    <GroupFields error=action_error(update) name=g.name.clone() description=g.description.clone()/>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class=PRIMARY disabled=move || update.pending().get()>"Edit Security Group"</button>
                    </div>
                </ActionForm>
            </Modal>
        })}

        <ConfirmDelete open=confirm_open items=to_delete one="Security Group" many="Security Groups"
                       on_confirm=Callback::new(move |groups: Vec<(String, String)>| {
                           if !groups.is_empty() { delete.dispatch(DeleteSecurityGroups { groups }); }
                       })/>
    }
}

/// Name and Description, shared by the Create and Edit dialogs.
#[component]
fn GroupFields(
    error: Signal<Option<AppError>>,
    name: String,
    description: String,
) -> impl IntoView {
    view! {
        <label for="id_name" class=LABEL>"Name"</label>
        <input id="id_name" name="name" required maxlength="255" value=name class=INPUT/>
        <FieldError error=error field="name"/>
        <label for="id_description" class=LABEL>"Description"</label>
        <textarea id="id_description" name="description" rows="4" maxlength="255" class=INPUT>{description}</textarea>
        <FieldError error=error field="description"/>
    }
}

#[component]
fn GroupsTable(
    rows: Vec<SecurityGroupRow>,
    selected: RwSignal<Vec<String>>,
    read_only: bool,
    on_edit: Callback<SecurityGroupRow>,
    on_delete: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    let count = rows.len();
    // The default group can be neither edited nor deleted, so it cannot be selected either.
    let selectable: Vec<String> = rows
        .iter()
        .filter(|g| !g.is_default())
        .map(|g| g.id.clone())
        .collect();
    view! {
        <table id="security_groups" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=format!("w-8 {TH}")>
                        {(!read_only).then(|| view! { <SelectAll all=selectable selected=selected/> })}
                    </th>
                    <th class=TH>"Name"</th>
                    <th class=TH>"Security Group ID"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if rows.is_empty() {
                    view! { <EmptyRow colspan=5/> }.into_any()
                } else {
                    rows.into_iter().map(|g| {
                        let mutable = !read_only && !g.is_default();
                        let edit_target = g.clone();
                        let item = (g.id.clone(), g.name.clone());
                        view! {
                            <tr data-display=g.name.clone() class=ROW>
                                <td class=TD>
                                    {mutable.then(|| view! { <SelectRow id=g.id.clone() label=g.name.clone() selected=selected/> })}
                                </td>
                                <td class=format!("{TD} font-medium")>{g.name.clone()}</td>
                                <td class=format!("{TD} font-mono text-xs")>{g.id.clone()}</td>
                                <td class=TD>{if g.description.is_empty() { "-".to_string() } else { g.description.clone() }}</td>
                                <td class=format!("actions_column whitespace-nowrap {TD}")>
                                    <a class=ROW_BUTTON href=format!("/project/security_groups/{}/", g.id)>"Manage Rules"</a>
                                    {mutable.then(|| view! {
                                        <button type="button" class=ROW_BUTTON
                                                on:click=move |_| on_edit.run(edit_target.clone())>"Edit Security Group"</button>
                                        <button type="button" class=ROW_DANGER
                                                on:click=move |_| on_delete.run(vec![item.clone()])>"Delete Security Group"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <TableFooter colspan=5 count=count/>
        </table>
    }
}

#[component]
pub fn ManageRulesPage() -> impl IntoView {
    let shell = use_shell();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (id.get(), refresh.get()),
        |(id, _)| security_group_detail(id),
    );
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let add_open = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    let to_delete = RwSignal::new(Vec::<(String, String)>::new());

    let add = ServerAction::<AddRule>::new();
    Effect::new(move |_| {
        if let Some(Ok(rule)) = add.value().get() {
            messages.set(vec![Flash::success(format!(
                "Successfully added rule: {rule}"
            ))]);
            add_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteRules>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(delete_flashes(r, "Rule", "Rules"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let ask_delete = Callback::new(move |items: Vec<(String, String)>| {
        to_delete.set(items);
        confirm_open.set(true);
    });
    let delete_selected = move |_| {
        let ids = selected.get_untracked();
        let rules = detail
            .get_untracked()
            .and_then(Result::ok)
            .map(|d| d.rules)
            .unwrap_or_default();
        ask_delete.run(
            rules
                .into_iter()
                .filter(|r| ids.contains(&r.id))
                .map(|r| (r.id, r.display))
                .collect(),
        );
    };

    view! {
        <Transition fallback=|| view! { <p>"Loading security group…"</p> }>
            {move || Suspend::new(async move {
                let read_only = read_only(shell).await;
                match detail.await {
                    Ok(d) => view! {
                        <Title text=format!("Manage Security Group Rules: {} ({})", d.name, d.id)/>
                        <nav class="breadcrumb mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
                            <a class="text-sky-700 hover:underline" href="/project/security_groups/">"Security Groups"</a>
                            " / "{d.name.clone()}
                        </nav>
                        <h1 class="mb-4 text-2xl font-semibold">{format!("Manage Security Group Rules: {} ({})", d.name, d.id)}</h1>
                        {move || view! { <Messages messages=messages.get()/> }}
                        {(!read_only).then(|| view! {
                            <div class="table_actions mb-3 flex flex-wrap gap-2">
                                <button type="button" id="rules__action_add_rule" class=CREATE_BUTTON
                                        on:click=move |_| { add.clear(); add_open.set(true); }>"+ Add Rule"</button>
                                <div class="flex-1"></div>
                                <button type="button" id="rules__action_delete" class=crate::components::form::DANGER
                                        disabled=move || selected.with(|s| s.is_empty())
                                        on:click=delete_selected>"Delete Rules"</button>
                            </div>
                        })}
                        <RulesTable rules=d.rules selected=selected read_only=read_only on_delete=ask_delete/>
                    }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFoundNotice/> }.into_any(),
                    Err(e) => view! { <Title text="Manage Security Group Rules"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || add_open.get()>
            <AddRuleDialog action=add group_id=id.get_untracked() detail=detail
                           on_close=Callback::new(move |_| add_open.set(false))/>
        </Show>

        <ConfirmDelete open=confirm_open items=to_delete one="Rule" many="Rules"
                       on_confirm=Callback::new(move |rules: Vec<(String, String)>| {
                           if !rules.is_empty() { delete.dispatch(DeleteRules { rules }); }
                       })/>
    }
}

#[component]
fn RulesTable(
    rules: Vec<RuleRow>,
    selected: RwSignal<Vec<String>>,
    read_only: bool,
    on_delete: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    let count = rules.len();
    let all: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
    let dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    view! {
        <table id="rules" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class=format!("w-8 {TH}")>
                        {(!read_only).then(|| view! { <SelectAll all=all selected=selected/> })}
                    </th>
                    <th class=TH>"Direction"</th>
                    <th class=TH>"Ether Type"</th>
                    <th class=TH>"IP Protocol"</th>
                    <th class=TH>"Port Range"</th>
                    <th class=TH>"Remote IP Prefix"</th>
                    <th class=TH>"Remote Security Group"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if rules.is_empty() {
                    view! { <EmptyRow colspan=9/> }.into_any()
                } else {
                    rules.into_iter().map(|r| {
                        let item = (r.id.clone(), r.display.clone());
                        view! {
                            <tr data-display=r.display.clone() data-id=r.id.clone() class=ROW>
                                <td class=TD>
                                    {(!read_only).then(|| view! { <SelectRow id=r.id.clone() label=r.display.clone() selected=selected/> })}
                                </td>
                                <td class=TD>{r.direction.clone()}</td>
                                <td class=TD>{r.ethertype.clone()}</td>
                                <td class=TD>{r.protocol.clone()}</td>
                                <td class=TD>{r.port_range.clone()}</td>
                                <td class=TD>{dash(r.remote_ip_prefix.clone())}</td>
                                <td class=TD>{dash(r.remote_group.clone())}</td>
                                <td class=TD>{r.description.clone()}</td>
                                <td class=format!("actions_column whitespace-nowrap {TD}")>
                                    {(!read_only).then(|| view! {
                                        <button type="button" class=ROW_DANGER
                                                on:click=move |_| on_delete.run(vec![item.clone()])>"Delete Rule"</button>
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

/// Add Rule, with Horizon's fields. Which fields show depends on the Rule, Open Port and
/// Remote choices; hidden fields are still posted (and ignored by the server when they do not
/// apply), so the form means the same with or without the page's script.
#[component]
fn AddRuleDialog(
    action: ServerAction<AddRule>,
    group_id: String,
    detail: Resource<Result<crate::model::security_group::SecurityGroupDetail, AppError>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let rule_menu = RwSignal::new("tcp".to_string());
    let port_or_range = RwSignal::new("port".to_string());
    let remote = RwSignal::new("cidr".to_string());
    let menu_is =
        move |keys: &'static [&'static str]| move || rule_menu.with(|m| keys.contains(&m.as_str()));
    let tcp_udp = menu_is(&["tcp", "udp"]);
    let icmp = menu_is(&["icmp"]);
    let other_protocol = menu_is(&["custom"]);
    // Direction counts for the custom rules and All TCP/UDP/ICMP; the named presets are ingress.
    let shows_direction = menu_is(&[
        "tcp", "udp", "icmp", "custom", "all_tcp", "all_udp", "all_icmp",
    ]);
    let shows_port = move || tcp_udp() && port_or_range.with(|p| p == "port");
    let shows_range = move || tcp_udp() && port_or_range.with(|p| p == "range");
    // The remote group's choices name this group "(current)", as Horizon does.
    let current = StoredValue::new(group_id.clone());
    view! {
        <Modal title="Add Rule" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="id" value=group_id/>
                // The fields scroll inside the dialog, so its title and Add stay on screen.
                <div class="add-rule-fields -mt-3 max-h-[calc(100vh-13rem)] overflow-y-auto px-1 pb-1">
                <label for="id_rule_menu" class=LABEL>"Rule"</label>
                <select id="id_rule_menu" name="rule_menu" class=INPUT
                        on:change=move |ev| rule_menu.set(event_target_value(&ev))>
                    {rule_menu_choices().into_iter().map(|(value, label)| view! {
                        <option value=value selected=move || rule_menu.with(|m| m == value)>{label}</option>
                    }).collect_view()}
                </select>
                <FieldError error=error field="rule_menu"/>

                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" maxlength="255" class=INPUT></textarea>
                <FieldError error=error field="description"/>

                <div class=("hidden", move || !shows_direction())>
                    <label for="id_direction" class=LABEL>"Direction"</label>
                    <select id="id_direction" name="direction" class=INPUT>
                        <option value="ingress">"Ingress"</option>
                        <option value="egress">"Egress"</option>
                    </select>
                    <FieldError error=error field="direction"/>
                </div>

                <div class=("hidden", move || !other_protocol())>
                    <label for="id_ip_protocol" class=LABEL>"IP Protocol"</label>
                    <input id="id_ip_protocol" name="ip_protocol" inputmode="numeric" class=INPUT/>
                    <p class="mt-1 text-xs text-slate-500">"Enter an integer value between -1 and 255 (-1 means wild card)."</p>
                    <FieldError error=error field="ip_protocol"/>
                </div>

                <div class=("hidden", move || !tcp_udp())>
                    <label for="id_port_or_range" class=LABEL>"Open Port"</label>
                    <select id="id_port_or_range" name="port_or_range" class=INPUT
                            on:change=move |ev| port_or_range.set(event_target_value(&ev))>
                        <option value="port">"Port"</option>
                        <option value="range">"Port Range"</option>
                        <option value="all">"All ports"</option>
                    </select>
                    <FieldError error=error field="port_or_range"/>
                </div>
                <div class=("hidden", move || !shows_port())>
                    <label for="id_port" class=LABEL>"Port"</label>
                    <input id="id_port" name="port" inputmode="numeric" class=INPUT/>
                    <p class="mt-1 text-xs text-slate-500">"Enter an integer value between 1 and 65535."</p>
                    <FieldError error=error field="port"/>
                </div>
                <div class=("hidden", move || !shows_range())>
                    <label for="id_from_port" class=LABEL>"From Port"</label>
                    <input id="id_from_port" name="from_port" inputmode="numeric" class=INPUT/>
                    <FieldError error=error field="from_port"/>
                    <label for="id_to_port" class=LABEL>"To Port"</label>
                    <input id="id_to_port" name="to_port" inputmode="numeric" class=INPUT/>
                    <FieldError error=error field="to_port"/>
                </div>

                <div class=("hidden", move || !icmp())>
                    <label for="id_icmp_type" class=LABEL>"Type"</label>
                    <input id="id_icmp_type" name="icmp_type" inputmode="numeric" class=INPUT/>
                    <p class="mt-1 text-xs text-slate-500">"Enter a value for ICMP type in the range (-1: 255)."</p>
                    <FieldError error=error field="icmp_type"/>
                    <label for="id_icmp_code" class=LABEL>"Code"</label>
                    <input id="id_icmp_code" name="icmp_code" inputmode="numeric" class=INPUT/>
                    <p class="mt-1 text-xs text-slate-500">"Enter a value for ICMP code in the range (-1: 255)."</p>
                    <FieldError error=error field="icmp_code"/>
                </div>

                <label for="id_remote" class=LABEL>"Remote"</label>
                <select id="id_remote" name="remote" class=INPUT
                        on:change=move |ev| remote.set(event_target_value(&ev))>
                    <option value="cidr">"CIDR"</option>
                    <option value="sg">"Security Group"</option>
                </select>
                <FieldError error=error field="remote"/>
                <div class=("hidden", move || remote.with(|r| r != "cidr"))>
                    <label for="id_cidr" class=LABEL>"CIDR"</label>
                    <input id="id_cidr" name="cidr" value="0.0.0.0/0" class=INPUT/>
                    <p class="mt-1 text-xs text-slate-500">"Classless Inter-Domain Routing (e.g. 192.168.0.0/24, or 2001:db8::/128)"</p>
                    <FieldError error=error field="cidr"/>
                </div>
                <div class=("hidden", move || remote.with(|r| r != "sg"))>
                    <label for="id_security_group" class=LABEL>"Security Group"</label>
                    <select id="id_security_group" name="security_group" class=INPUT>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let groups = detail.await.map(|d| d.groups).unwrap_or_default();
                                if groups.is_empty() {
                                    return view! { <option value="">"No security groups available"</option> }.into_any();
                                }
                                groups.into_iter().map(|(id, name)| {
                                    let label = if current.with_value(|c| *c == id) { format!("{name} (current)") } else { name };
                                    view! { <option value=id>{label}</option> }
                                }).collect_view().into_any()
                            })}
                        </Suspense>
                    </select>
                    <FieldError error=error field="security_group"/>
                </div>
                <label for="id_ethertype" class=LABEL>"Ether Type"</label>
                <select id="id_ethertype" name="ethertype" class=INPUT>
                    <option value="IPv4">"IPv4"</option>
                    <option value="IPv6">"IPv6"</option>
                </select>
                <FieldError error=error field="ethertype"/>
                </div>

                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Add"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
