//! Identity › Users (`/identity/users/`, admins only): table `users` with a filter, Create
//! User, Edit, Change Password, Enable/Disable User, Delete Users. The logged-in user's own
//! row offers neither Disable nor Delete.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{matches_filter, yes_no};
use crate::api::identity_users::{
    list_identity_users, ChangeUserPassword, CreateUser, DeleteUsers, SetUserEnabled, UpdateUser,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::row_menu::{RowAction, RowMenu};
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::identity_admin::{Named, UserRow, UsersPage};
use crate::model::Flash;

#[derive(Clone, Copy)]
struct Dialogs {
    edit: RwSignal<Option<UserRow>>,
    password: RwSignal<Option<UserRow>>,
    delete: RwSignal<Vec<(String, String)>>,
    confirm_open: RwSignal<bool>,
    toggle: ServerAction<SetUserEnabled>,
}

#[component]
pub fn IdentityUsersPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || refresh.get(), |_| list_identity_users());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let create_open = RwSignal::new(false);
    let dialogs = Dialogs {
        edit: RwSignal::new(None),
        password: RwSignal::new(None),
        delete: RwSignal::new(vec![]),
        confirm_open: RwSignal::new(false),
        toggle: ServerAction::<SetUserEnabled>::new(),
    };
    provide_context(dialogs);

    let create = ServerAction::<CreateUser>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create.value().get() {
            messages.set(vec![Flash::success(format!(
                "User \"{name}\" was successfully created."
            ))]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let update = ServerAction::<UpdateUser>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = update.value().get() {
            messages.set(vec![Flash::success(format!(
                "User \"{name}\" has been updated successfully."
            ))]);
            dialogs.edit.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let password = ServerAction::<ChangeUserPassword>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = password.value().get() {
            messages.set(vec![Flash::success(
                "User password has been updated successfully.",
            )]);
            dialogs.password.set(None);
        }
    });
    let toggle = dialogs.toggle;
    Effect::new(move |_| {
        if let Some(result) = toggle.value().get() {
            messages.set(match result {
                Ok((name, true)) => vec![Flash::success(format!("Enabled User: {name}"))],
                Ok((name, false)) => vec![Flash::success(format!("Disabled User: {name}"))],
                Err(e) => vec![Flash::error(e.to_string())],
            });
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteUsers>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(r, "Deleted User", "Unable to delete User"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    view! {
        <Title text="Users"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = crate::components::layout::is_admin(&shell.await);
                if !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                view! {
                    <h1 class="mb-4 text-2xl font-semibold">"Users"</h1>
                    {move || view! { <Messages messages=messages.get()/> }}
                    <Transition fallback=|| view! { <p>"Loading users…"</p> }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(p) => {
                                    let rows = p.rows.clone();
                                    let (projects, roles) = (p.projects.clone(), p.roles.clone());
                                    view! {
                                        <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                                            <label for="users__filter__q" class="sr-only">"Filter"</label>
                                            <input id="users__filter__q" name="users__filter__q" type="search" placeholder="Filter"
                                                   class="w-64 rounded border border-slate-300 px-3 py-1.5 text-sm"
                                                   prop:value=move || filter.get()
                                                   on:input=move |ev| filter.set(event_target_value(&ev))/>
                                            <div class="flex-1"></div>
                                            <button type="button" id="users__action_create"
                                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                                    on:click=move |_| create_open.set(true)>"+ Create User"</button>
                                            <button type="button" id="users__action_delete"
                                                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                                    disabled=move || selected.with(|s| s.is_empty())
                                                    on:click=move |_| {
                                                        let ids = selected.get_untracked();
                                                        dialogs.delete.set(rows.iter().filter(|r| ids.contains(&r.id))
                                                            .map(|r| (r.id.clone(), r.name.clone())).collect());
                                                        dialogs.confirm_open.set(true);
                                                    }>"Delete Users"</button>
                                        </div>
                                        <UsersTable page=p selected=selected filter=filter/>
                                        <Show when=move || create_open.get()>
                                            <CreateUserDialog action=create projects=projects.clone() roles=roles.clone()
                                                              on_close=Callback::new(move |_| create_open.set(false))/>
                                        </Show>
                                    }.into_any()
                                }
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Transition>
                }.into_any()
            })}
        </Suspense>
        {move || dialogs.edit.get().map(|row| {
            let projects = page.get_untracked().and_then(|r| r.ok()).map(|p| p.projects).unwrap_or_default();
            view! { <EditUserDialog action=update row=row projects=projects on_close=Callback::new(move |_| dialogs.edit.set(None))/> }
        })}
        {move || dialogs.password.get().map(|row| view! {
            <ChangePasswordDialog action=password row=row on_close=Callback::new(move |_| dialogs.password.set(None))/>
        })}
        <ConfirmDialog open=dialogs.confirm_open
                       title=Signal::derive(move || if dialogs.delete.with(|d| d.len() == 1) { "Confirm Delete User".to_string() } else { "Confirm Delete Users".to_string() })
                       body=Signal::derive(move || format!(
                           "You have selected: {}.",
                           dialogs.delete.with(|d| d.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))
                       ))
                       confirm_label="Delete Users"
                       on_confirm=Callback::new(move |_| {
                           let (ids, names): (Vec<String>, Vec<String>) = dialogs.delete.get_untracked().into_iter().unzip();
                           if !ids.is_empty() { delete.dispatch(DeleteUsers { ids, names }); }
                       })/>
    }
}

#[component]
fn UsersTable(
    page: UsersPage,
    selected: RwSignal<Vec<String>>,
    filter: RwSignal<String>,
) -> impl IntoView {
    let dialogs = expect_context::<Dialogs>();
    let self_id = page.self_id.clone();
    let all: Vec<String> = page
        .rows
        .iter()
        .filter(|r| r.id != self_id)
        .map(|r| r.id.clone())
        .collect();
    let rows = page.rows.clone();
    let count = rows.len();
    let body = move || {
        let f = filter.get();
        let shown: Vec<UserRow> = rows
            .iter()
            .filter(|r| matches_filter(&f, &[&r.name, &r.id, &r.email]))
            .cloned()
            .collect();
        if shown.is_empty() {
            return view! { <EmptyRow colspan=8/> }.into_any();
        }
        shown
            .into_iter()
            .map(|r| {
                let is_self = r.id == self_id;
                let (a, b) = (r.clone(), r.clone());
                let mut actions = vec![
                    RowAction::new("Edit", "edit", move || dialogs.edit.set(Some(a.clone()))),
                    RowAction::new("Change Password", "change_password", move || {
                        dialogs.password.set(Some(b.clone()))
                    }),
                ];
                // Nobody is offered to lock themselves out.
                if !is_self {
                    let (id, enabled) = (r.id.clone(), r.enabled);
                    let label = if enabled { "Disable User" } else { "Enable User" };
                    actions.push(RowAction::new(label, "toggle", move || {
                        dialogs.toggle.dispatch(SetUserEnabled {
                            user_id: id.clone(),
                            enabled: !enabled,
                        });
                    }));
                    let (id, name) = (r.id.clone(), r.name.clone());
                    actions.push(
                        RowAction::new("Delete User", "delete", move || {
                            dialogs.delete.set(vec![(id.clone(), name.clone())]);
                            dialogs.confirm_open.set(true);
                        })
                        .danger(),
                    );
                }
                view! {
                    <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW>
                        <td class="w-8 px-3 py-2">
                            {(!is_self).then(|| view! { <SelectRow id=r.id.clone() label=r.name.clone() selected=selected/> })}
                        </td>
                        <td class=format!("{TD} name font-medium")>{r.name.clone()}</td>
                        <td class=format!("{TD} description")>{r.description.clone()}</td>
                        <td class=format!("{TD} email")>{r.email.clone()}</td>
                        <td class=format!("{TD} id font-mono text-xs")>{r.id.clone()}</td>
                        <td class=format!("{TD} enabled")>{yes_no(r.enabled)}</td>
                        <td class=format!("{TD} domain_name")>{r.domain_name.clone()}</td>
                        <td class="actions_column whitespace-nowrap px-3 py-2">
                            <RowMenu row_name=r.name.clone() actions=actions/>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="users" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th>
                    <th class=TH>"User Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Email"</th>
                    <th class=TH>"User ID"</th>
                    <th class=TH>"Enabled"</th>
                    <th class=TH>"Domain Name"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=8 count=count/>
        </table>
    }
}

fn options(list: &[Named], chosen: &str) -> impl IntoView {
    list.iter()
        .map(|n| {
            view! { <option value=n.id.clone() selected=n.id == chosen>{n.name.clone()}</option> }
        })
        .collect_view()
}

#[component]
fn CreateUserDialog(
    action: ServerAction<CreateUser>,
    projects: Vec<Named>,
    roles: Vec<Named>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    let member = roles
        .iter()
        .find(|r| r.name == "member")
        .map(|r| r.id.clone())
        .unwrap_or_default();
    view! {
        <Modal title="Create User" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <label for="id_name" class=LABEL>"User Name"</label>
                <input id="id_name" name="user[name]" maxlength="64" class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="user[description]" rows="2" class=INPUT></textarea>
                <label for="id_email" class=LABEL>"Email"</label>
                <input id="id_email" name="user[email]" type="email" class=INPUT/>
                <FieldError error=error field="email"/>
                <label for="id_password" class=LABEL>"Password"</label>
                <input id="id_password" name="user[password]" type="password" autocomplete="new-password" class=INPUT/>
                <FieldError error=error field="password"/>
                <label for="id_confirm_password" class=LABEL>"Confirm Password"</label>
                <input id="id_confirm_password" name="user[confirm_password]" type="password" autocomplete="new-password" class=INPUT/>
                <FieldError error=error field="confirm_password"/>
                <label for="id_project" class=LABEL>"Primary Project"</label>
                <select id="id_project" name="user[project]" class=INPUT>
                    <option value="">"Select a project"</option>
                    {options(&projects, "")}
                </select>
                <FieldError error=error field="project"/>
                <label for="id_role_id" class=LABEL>"Role"</label>
                <select id="id_role_id" name="user[role_id]" class=INPUT>
                    {options(&roles, &member)}
                </select>
                <FieldError error=error field="role_id"/>
                <div class="mt-3 flex items-center gap-2">
                    <input id="id_enabled" name="user[enabled]" type="checkbox" checked/>
                    <label for="id_enabled" class="text-sm font-medium">"Enabled"</label>
                </div>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create User"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn EditUserDialog(
    action: ServerAction<UpdateUser>,
    row: UserRow,
    projects: Vec<Named>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Update User" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="user_id" value=row.id.clone()/>
                <label for="id_name" class=LABEL>"User Name"</label>
                <input id="id_name" name="user[name]" maxlength="64" value=row.name.clone() class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="user[description]" rows="2" class=INPUT>{row.description.clone()}</textarea>
                <label for="id_email" class=LABEL>"Email"</label>
                <input id="id_email" name="user[email]" type="email" value=row.email.clone() class=INPUT/>
                <FieldError error=error field="email"/>
                <label for="id_project" class=LABEL>"Primary Project"</label>
                <select id="id_project" name="user[project]" class=INPUT>
                    <option value="">"Select a project"</option>
                    {options(&projects, &row.default_project_id)}
                </select>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Update User"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn ChangePasswordDialog(
    action: ServerAction<ChangeUserPassword>,
    row: UserRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Change Password" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="user_id" value=row.id.clone()/>
                <label for="id_name" class=LABEL>"User Name"</label>
                <input id="id_name" value=row.name.clone() readonly class=format!("{INPUT} bg-slate-50")/>
                <label for="id_password" class=LABEL>"Password"</label>
                <input id="id_password" name="password" type="password" autocomplete="new-password" class=INPUT/>
                <FieldError error=error field="password"/>
                <label for="id_confirm_password" class=LABEL>"Confirm Password"</label>
                <input id="id_confirm_password" name="confirm_password" type="password" autocomplete="new-password" class=INPUT/>
                <FieldError error=error field="confirm_password"/>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
