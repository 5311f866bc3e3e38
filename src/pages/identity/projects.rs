//! Identity › Projects (`/identity/projects/`): table `tenants` with a filter; for an admin
//! Create Project (Project Information, Project Members and Quotas tabs in one form), Edit
//! Project, Manage Members, Modify Groups, Modify Quotas, Delete Projects; for everyone Set as
//! Active Project.
//! A member sees only their own projects, read-only.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{matches_filter, yes_no};
use crate::api::identity_projects::{
    list_identity_projects, project_groups, project_members, project_quotas, CreateProject,
    DeleteProjects, SetProjectGroups, SetProjectMembers, UpdateProject, UpdateProjectQuotas,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::row_menu::{RowAction, RowMenu};
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::identity_admin::{
    member_key, MembersGrid, ProjectRow, ProjectsPage, QuotaService, QuotaValues, QUOTA_FIELDS,
};
use crate::model::Flash;
use crate::nav::encode_query_value;

/// The panel's dialogs, open for one project at a time.
#[derive(Clone, Copy)]
struct Dialogs {
    edit: RwSignal<Option<ProjectRow>>,
    members: RwSignal<Option<ProjectRow>>,
    groups: RwSignal<Option<ProjectRow>>,
    quotas: RwSignal<Option<ProjectRow>>,
    delete: RwSignal<Vec<(String, String)>>,
    confirm_open: RwSignal<bool>,
}

const DELETE_WARNING: &str = "Keystone deletes a project even if it still has instances, networks or volumes: they are left behind, owned by a project that no longer exists.";

#[component]
pub fn IdentityProjectsPage() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || refresh.get(), |_| list_identity_projects());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let create_open = RwSignal::new(false);
    let dialogs = Dialogs {
        edit: RwSignal::new(None),
        members: RwSignal::new(None),
        groups: RwSignal::new(None),
        quotas: RwSignal::new(None),
        delete: RwSignal::new(vec![]),
        confirm_open: RwSignal::new(false),
    };
    provide_context(dialogs);

    let create = ServerAction::<CreateProject>::new();
    Effect::new(move |_| {
        if let Some(result) = create.value().get() {
            match result {
                Ok(name) => {
                    messages.set(vec![Flash::success(format!(
                        "Created new project \"{name}\"."
                    ))]);
                    create_open.set(false);
                    refresh.update(|n| *n += 1);
                }
                // The project was made but not all of it: the dialog closes on the message.
                Err(AppError::Upstream { message, .. }) => {
                    messages.set(vec![Flash::error(message)]);
                    create_open.set(false);
                    refresh.update(|n| *n += 1);
                }
                Err(_) => {}
            }
        }
    });
    let update = ServerAction::<UpdateProject>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update.value().get() {
            messages.set(vec![Flash::success(format!(
                "Modified project \"{name}\"."
            ))]);
            dialogs.edit.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let members = ServerAction::<SetProjectMembers>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = members.value().get() {
            let name = dialogs
                .members
                .get_untracked()
                .map(|p| p.name)
                .unwrap_or_default();
            messages.set(vec![Flash::success(format!(
                "Modified project \"{name}\"."
            ))]);
            dialogs.members.set(None);
        }
    });
    let groups = ServerAction::<SetProjectGroups>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = groups.value().get() {
            let name = dialogs
                .groups
                .get_untracked()
                .map(|p| p.name)
                .unwrap_or_default();
            messages.set(vec![Flash::success(format!(
                "Modified project \"{name}\"."
            ))]);
            dialogs.groups.set(None);
        }
    });
    let quotas = ServerAction::<UpdateProjectQuotas>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = quotas.value().get() {
            let name = dialogs
                .quotas
                .get_untracked()
                .map(|p| p.name)
                .unwrap_or_default();
            messages.set(vec![Flash::success(format!(
                "Modified quotas of project \"{name}\"."
            ))]);
            dialogs.quotas.set(None);
        }
    });
    let delete = ServerAction::<DeleteProjects>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(
                r,
                "Deleted Project",
                "Unable to delete Project",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    let ask_delete = move |rows: Vec<(String, String)>| {
        dialogs.delete.set(rows);
        dialogs.confirm_open.set(true);
    };

    view! {
        <Title text="Projects"/>
        <h1 class="mb-4 text-2xl font-semibold">"Projects"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading projects…"</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => {
                        let can_manage = p.can_manage;
                        let rows = p.rows.clone();
                        view! {
                            <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                                <label for="tenants__filter__q" class="sr-only">"Filter"</label>
                                <input id="tenants__filter__q" name="tenants__filter__q" type="search" placeholder="Filter"
                                       class="w-64 rounded border border-slate-300 px-3 py-1.5 text-sm"
                                       prop:value=move || filter.get()
                                       on:input=move |ev| filter.set(event_target_value(&ev))/>
                                <div class="flex-1"></div>
                                {can_manage.then(|| view! {
                                    <button type="button" id="tenants__action_create"
                                            class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                            on:click=move |_| create_open.set(true)>"+ Create Project"</button>
                                    <button type="button" id="tenants__action_delete"
                                            class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                            disabled=move || selected.with(|s| s.is_empty())
                                            on:click=move |_| {
                                                let ids = selected.get_untracked();
                                                let chosen = rows.iter().filter(|r| ids.contains(&r.id))
                                                    .map(|r| (r.id.clone(), r.name.clone())).collect();
                                                ask_delete(chosen);
                                            }>"Delete Projects"</button>
                                })}
                            </div>
                            <ProjectsTable page=p selected=selected filter=filter/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || create_open.get()>
            <CreateProjectDialog action=create on_close=Callback::new(move |_| create_open.set(false))/>
        </Show>
        {move || dialogs.edit.get().map(|row| view! {
            <EditProjectDialog action=update row=row on_close=Callback::new(move |_| dialogs.edit.set(None))/>
        })}
        {move || dialogs.members.get().map(|row| view! {
            <ManageMembersDialog action=members row=row on_close=Callback::new(move |_| dialogs.members.set(None))/>
        })}
        {move || dialogs.groups.get().map(|row| view! {
            <ModifyGroupsDialog action=groups row=row on_close=Callback::new(move |_| dialogs.groups.set(None))/>
        })}
        {move || dialogs.quotas.get().map(|row| view! {
            <ModifyQuotasDialog action=quotas row=row on_close=Callback::new(move |_| dialogs.quotas.set(None))/>
        })}
        <ConfirmDialog open=dialogs.confirm_open
                       title=Signal::derive(move || if dialogs.delete.with(|d| d.len() == 1) { "Confirm Delete Project".to_string() } else { "Confirm Delete Projects".to_string() })
                       body=Signal::derive(move || format!(
                           "You have selected: {}. {DELETE_WARNING}",
                           dialogs.delete.with(|d| d.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))
                       ))
                       confirm_label="Delete Projects"
                       on_confirm=Callback::new(move |_| {
                           let (ids, names): (Vec<String>, Vec<String>) = dialogs.delete.get_untracked().into_iter().unzip();
                           if !ids.is_empty() { delete.dispatch(DeleteProjects { ids, names }); }
                       })/>
    }
}

#[component]
fn ProjectsTable(
    page: ProjectsPage,
    selected: RwSignal<Vec<String>>,
    filter: RwSignal<String>,
) -> impl IntoView {
    let dialogs = expect_context::<Dialogs>();
    let can_manage = page.can_manage;
    let colspan = if can_manage { 7 } else { 6 };
    let all: Vec<String> = page
        .rows
        .iter()
        .filter(|r| r.id != page.current_project_id)
        .map(|r| r.id.clone())
        .collect();
    let rows = page.rows.clone();
    let count = rows.len();
    let body = move || {
        let f = filter.get();
        let shown: Vec<ProjectRow> = rows
            .iter()
            .filter(|r| matches_filter(&f, &[&r.name, &r.id]))
            .cloned()
            .collect();
        if shown.is_empty() {
            return view! { <EmptyRow colspan=colspan/> }.into_any();
        }
        shown
            .into_iter()
            .map(|r| {
                let current = r.id == page.current_project_id;
                let mut actions = vec![];
                if can_manage {
                    let (a, b, c, d) = (r.clone(), r.clone(), r.clone(), r.clone());
                    actions.push(RowAction::new("Manage Members", "users", move || dialogs.members.set(Some(a.clone()))));
                    actions.push(RowAction::new("Modify Groups", "groups", move || dialogs.groups.set(Some(d.clone()))));
                    actions.push(RowAction::new("Edit Project", "update", move || dialogs.edit.set(Some(b.clone()))));
                    actions.push(RowAction::new("Modify Quotas", "quotas", move || dialogs.quotas.set(Some(c.clone()))));
                }
                let active_link = (page.member_of.contains(&r.id) && !current).then(|| {
                    format!(
                        "/auth/switch/{}/?next={}",
                        r.id,
                        encode_query_value("/identity/projects/")
                    )
                });
                if can_manage && !current {
                    let (id, name) = (r.id.clone(), r.name.clone());
                    actions.push(
                        RowAction::new("Delete Project", "delete", move || {
                            dialogs.delete.set(vec![(id.clone(), name.clone())]);
                            dialogs.confirm_open.set(true);
                        })
                        .danger(),
                    );
                }
                view! {
                    <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW>
                        {can_manage.then(|| view! {
                            <td class="w-8 px-3 py-2">
                                {(!current).then(|| view! { <SelectRow id=r.id.clone() label=r.name.clone() selected=selected/> })}
                            </td>
                        })}
                        <td class=format!("{TD} name font-medium")>
                            {r.name.clone()}
                            {current.then(|| view! { <span class="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-800">"active"</span> })}
                        </td>
                        <td class=format!("{TD} description")>{r.description.clone()}</td>
                        <td class=format!("{TD} id font-mono text-xs")>{r.id.clone()}</td>
                        <td class=format!("{TD} domain_name")>{r.domain_name.clone()}</td>
                        <td class=format!("{TD} enabled")>{yes_no(r.enabled)}</td>
                        <td class="actions_column whitespace-nowrap px-3 py-2">
                            <div class="flex items-start justify-end gap-1">
                                {active_link.map(|href| view! {
                                    <a class="rescope whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
                                       rel="external" href=href>"Set as Active Project"</a>
                                })}
                                {(!actions.is_empty()).then(|| view! { <RowMenu row_name=r.name.clone() actions=actions/> })}
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="tenants" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    {can_manage.then(|| view! { <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Project ID"</th>
                    <th class=TH>"Domain Name"</th>
                    <th class=TH>"Enabled"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=colspan count=count/>
        </table>
    }
}

/// Project Information: name, description, enabled (`project[...]` in the form).
#[component]
fn ProjectInfoFields(
    error: Signal<Option<AppError>>,
    #[prop(optional)] row: Option<ProjectRow>,
) -> impl IntoView {
    let (name, description, enabled) = row.map(|r| (r.name, r.description, r.enabled)).unwrap_or((
        String::new(),
        String::new(),
        true,
    ));
    view! {
        <label for="id_name" class=LABEL>"Name"</label>
        <input id="id_name" name="project[name]" maxlength="64" value=name class=INPUT/>
        <FieldError error=error field="name"/>
        <label for="id_description" class=LABEL>"Description"</label>
        <textarea id="id_description" name="project[description]" rows="3" class=INPUT>{description}</textarea>
        <div class="mt-3 flex items-center gap-2">
            <input id="id_enabled" name="project[enabled]" type="checkbox" checked=enabled/>
            <label for="id_enabled" class="text-sm font-medium">"Enabled"</label>
        </div>
        <FieldError error=error field="enabled"/>
    }
}

/// Users (or groups) × roles, a checkbox each (`members[<holder>:<role>]`), in table
/// `project_members` (or `project_groups`).
#[component]
fn MembersFields(
    grid: MembersGrid,
    #[prop(default = "project_members")] table_id: &'static str,
    #[prop(default = "User")] holder: &'static str,
    #[prop(default = "There are no users yet.")] empty: &'static str,
) -> impl IntoView {
    let roles = grid.roles.clone();
    if grid.holders.is_empty() {
        return view! { <p id=table_id class="text-sm text-slate-600">{empty}</p> }.into_any();
    }
    view! {
        <div class="max-h-80 overflow-y-auto rounded border border-slate-200">
            <table id=table_id class="w-full text-sm">
                <thead class="sticky top-0 bg-slate-50 text-left">
                    <tr>
                        <th class=TH>{holder}</th>
                        {roles.iter().map(|r| view! { <th class=format!("{TH} text-center")>{r.name.clone()}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {grid.holders.iter().map(|u| view! {
                        <tr data-display=u.name.clone() class="border-t border-slate-100">
                            <td class=TD>{u.name.clone()}</td>
                            {grid.roles.iter().map(|r| {
                                let key = member_key(&u.id, &r.id);
                                let checked = grid.assigned.contains(&key);
                                view! {
                                    <td class="px-3 py-1 text-center">
                                        <input type="checkbox" name=format!("members[{key}]")
                                               id=format!("id_member_{}_{}", u.name, r.name)
                                               aria-label=format!("{} as {}", u.name, r.name) checked=checked/>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The quota fields, grouped by service (`quotas[<key>]`, ids `id_<key>`).
#[component]
fn QuotaFields(values: QuotaValues, error: Signal<Option<AppError>>) -> impl IntoView {
    [QuotaService::Compute, QuotaService::Network, QuotaService::Volume]
        .into_iter()
        .map(|service| {
            let fields = QUOTA_FIELDS
                .iter()
                .filter(|(s, _, _)| *s == service)
                .map(|(_, key, label)| {
                    let value = values.get(*key).map(|v| v.to_string()).unwrap_or_default();
                    view! {
                        <div>
                            <label for=format!("id_{key}") class="mb-1 block text-xs font-medium">{*label}</label>
                            <input id=format!("id_{key}") name=format!("quotas[{key}]") type="number" min="-1" step="1"
                                   value=value class="w-full rounded border border-slate-300 px-2 py-1 text-sm"/>
                            <FieldError error=error field=key/>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="mb-3">
                    <legend class="mb-1 text-sm font-semibold">{service.label()}</legend>
                    <div class="grid grid-cols-3 gap-2">{fields}</div>
                </fieldset>
            }
        })
        .collect_view()
}

const TABS: [&str; 3] = ["Project Information", "Project Members", "Quotas"];

#[component]
fn CreateProjectDialog(
    action: ServerAction<CreateProject>,
    on_close: Callback<()>,
) -> impl IntoView {
    let grid = Resource::new(|| (), |_| project_members(None));
    let defaults = Resource::new(|| (), |_| project_quotas(None));
    let error = action_error(action);
    let tab = RwSignal::new(0usize);
    // An error in another tab's field brings that tab forward.
    Effect::new(move |_| {
        if let Some(field) = error.get().and_then(|e| e.field().map(str::to_string)) {
            let wanted = if field == "name" || field == "enabled" {
                0
            } else {
                2
            };
            if tab.get_untracked() != wanted {
                tab.set(wanted);
            }
        }
    });
    view! {
        <Modal title="Create Project" on_close=on_close wide=true>
            <FormBanner error=error/>
            <nav class="nav-tabs mb-3 flex gap-1 border-b border-slate-200" role="tablist">
                {TABS.iter().enumerate().map(|(i, label)| view! {
                    <button type="button" role="tab" aria-selected=move || (tab.get() == i).to_string()
                            class="-mb-px rounded-t border px-3 py-1.5 text-sm"
                            class:border-slate-200=move || tab.get() == i
                            class:bg-white=move || tab.get() == i
                            class:font-semibold=move || tab.get() == i
                            class:border-transparent=move || tab.get() != i
                            on:click=move |_| tab.set(i)>{*label}</button>
                }).collect_view()}
            </nav>
            <ActionForm action=action>
                <div class:hidden=move || tab.get() != 0>
                    <p class="text-sm text-slate-600">"Create a project to organize users."</p>
                    <ProjectInfoFields error=error/>
                </div>
                <div class:hidden=move || tab.get() != 1>
                    <Suspense fallback=|| view! { <p>"Loading users…"</p> }>
                        {move || Suspend::new(async move {
                            match grid.await {
                                Ok(g) => view! { <MembersFields grid=g/> }.into_any(),
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
                <div class:hidden=move || tab.get() != 2>
                    <p class="mb-2 text-sm text-slate-600">"Set maximum quotas for the project. -1 means unlimited."</p>
                    <Suspense fallback=|| view! { <p>"Loading quotas…"</p> }>
                        {move || Suspend::new(async move {
                            match defaults.await {
                                Ok(v) => view! { <QuotaFields values=v error=error/> }.into_any(),
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Suspense>
                </div>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Project"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn EditProjectDialog(
    action: ServerAction<UpdateProject>,
    row: ProjectRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Edit Project" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="project_id" value=row.id.clone()/>
                <ProjectInfoFields error=error row=row/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// Save, shown only with the form's grid or fields: a Save before they load would post an
/// empty grid (taking every role away) or no quotas.
#[component]
fn SaveButton(pending: Signal<bool>) -> impl IntoView {
    view! {
        <div class="mt-4 flex justify-end">
            <button type="submit" class=PRIMARY disabled=move || pending.get()>"Save"</button>
        </div>
    }
}

#[component]
fn ManageMembersDialog(
    action: ServerAction<SetProjectMembers>,
    row: ProjectRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let id = row.id.clone();
    let grid = Resource::new(move || id.clone(), |id| project_members(Some(id)));
    let error = action_error(action);
    let pending: Signal<bool> = action.pending().into();
    view! {
        <Modal title=format!("Manage Members: {}", row.name) on_close=on_close wide=true>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="project_id" value=row.id.clone()/>
                <Suspense fallback=|| view! { <p>"Loading members…"</p> }>
                    {move || Suspend::new(async move {
                        match grid.await {
                            Ok(g) => view! { <MembersFields grid=g/><SaveButton pending=pending/> }.into_any(),
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </ActionForm>
        </Modal>
    }
}

/// Modify Groups: which roles each group holds in the project.
#[component]
fn ModifyGroupsDialog(
    action: ServerAction<SetProjectGroups>,
    row: ProjectRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let id = row.id.clone();
    let grid = Resource::new(move || id.clone(), project_groups);
    let error = action_error(action);
    let pending: Signal<bool> = action.pending().into();
    view! {
        <Modal title=format!("Modify Groups: {}", row.name) on_close=on_close wide=true>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="project_id" value=row.id.clone()/>
                <Suspense fallback=|| view! { <p>"Loading groups…"</p> }>
                    {move || Suspend::new(async move {
                        match grid.await {
                            Ok(g) => {
                                let any = !g.holders.is_empty();
                                view! {
                                    <MembersFields grid=g table_id="project_groups" holder="Group"
                                                   empty="There are no groups yet: create them in Identity › Groups."/>
                                    {any.then(|| view! { <SaveButton pending=pending/> })}
                                }.into_any()
                            }
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn ModifyQuotasDialog(
    action: ServerAction<UpdateProjectQuotas>,
    row: ProjectRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let id = row.id.clone();
    let values = Resource::new(move || id.clone(), |id| project_quotas(Some(id)));
    let error = action_error(action);
    let pending: Signal<bool> = action.pending().into();
    view! {
        <Modal title=format!("Edit Quotas: {}", row.name) on_close=on_close wide=true>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="project_id" value=row.id.clone()/>
                <Suspense fallback=|| view! { <p>"Loading quotas…"</p> }>
                    {move || Suspend::new(async move {
                        match values.await {
                            Ok(v) => view! { <QuotaFields values=v error=error/><SaveButton pending=pending/> }.into_any(),
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </ActionForm>
        </Modal>
    }
}
