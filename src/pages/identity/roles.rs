//! Identity › Roles (`/identity/roles/`, admins only): table `roles`, Create Role, Edit Role,
//! Delete Roles.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::matches_filter;
use crate::api::identity_roles::{list_identity_roles, CreateRole, DeleteRoles, UpdateRole};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::row_menu::{RowAction, RowMenu};
use crate::components::table::{EmptyRow, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::identity_admin::Named;
use crate::model::Flash;

#[component]
pub fn IdentityRolesPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let roles = Resource::new(move || refresh.get(), |_| list_identity_roles());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let create_open = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    let to_delete = RwSignal::new(Vec::<(String, String)>::new());

    let create = ServerAction::<CreateRole>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = create.value().get() {
            messages.set(vec![Flash::success("Role created successfully.")]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let editing = RwSignal::new(None::<Named>);
    let update = ServerAction::<UpdateRole>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = update.value().get() {
            messages.set(vec![Flash::success("Role updated successfully.")]);
            editing.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let update_error = action_error(update);
    let delete = ServerAction::<DeleteRoles>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(r, "Deleted Role", "Unable to delete Role"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let error = action_error(create);

    view! {
        <Title text="Roles"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = crate::components::layout::is_admin(&shell.await);
                if !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                view! {
                    <h1 class="mb-4 text-2xl font-semibold">"Roles"</h1>
                    {move || view! { <Messages messages=messages.get()/> }}
                    <Transition fallback=|| view! { <p>"Loading roles…"</p> }>
                        {move || Suspend::new(async move {
                            match roles.await {
                                Ok(list) => {
                                    let all = list.clone();
                                    view! {
                                        <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                                            <label for="roles__filter__q" class="sr-only">"Filter"</label>
                                            <input id="roles__filter__q" type="search" placeholder="Filter"
                                                   class="w-64 rounded border border-slate-300 px-3 py-1.5 text-sm"
                                                   prop:value=move || filter.get()
                                                   on:input=move |ev| filter.set(event_target_value(&ev))/>
                                            <div class="flex-1"></div>
                                            <button type="button" id="roles__action_create"
                                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                                    on:click=move |_| create_open.set(true)>"+ Create Role"</button>
                                            <button type="button" id="roles__action_delete"
                                                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                                    disabled=move || selected.with(|s| s.is_empty())
                                                    on:click=move |_| {
                                                        let ids = selected.get_untracked();
                                                        to_delete.set(all.iter().filter(|r| ids.contains(&r.id))
                                                            .map(|r| (r.id.clone(), r.name.clone())).collect());
                                                        confirm_open.set(true);
                                                    }>"Delete Roles"</button>
                                        </div>
                                        <RolesTable roles=list selected=selected filter=filter
                                                    on_edit=Callback::new(move |r| editing.set(Some(r)))
                                                    on_delete=Callback::new(move |r: Named| {
                                                        to_delete.set(vec![(r.id, r.name)]);
                                                        confirm_open.set(true);
                                                    })/>
                                    }.into_any()
                                }
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Transition>
                }.into_any()
            })}
        </Suspense>
        <Show when=move || create_open.get()>
            <Modal title="Create Role" on_close=Callback::new(move |_| create_open.set(false))>
                <FormBanner error=error/>
                <ActionForm action=create>
                    <label for="id_name" class=LABEL>"Role Name"</label>
                    <input id="id_name" name="name" maxlength="255" class=INPUT/>
                    <FieldError error=error field="name"/>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class=PRIMARY disabled=move || create.pending().get()>"Create Role"</button>
                    </div>
                </ActionForm>
            </Modal>
        </Show>
        {move || editing.get().map(|role| view! {
            <Modal title="Edit Role" on_close=Callback::new(move |_| editing.set(None))>
                <FormBanner error=update_error/>
                <ActionForm action=update>
                    <input type="hidden" name="role_id" value=role.id.clone()/>
                    <label for="id_name" class=LABEL>"Role Name"</label>
                    <input id="id_name" name="name" maxlength="255" value=role.name.clone() class=INPUT/>
                    <FieldError error=update_error field="name"/>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class=PRIMARY disabled=move || update.pending().get()>"Update Role"</button>
                    </div>
                </ActionForm>
            </Modal>
        })}
        <ConfirmDialog open=confirm_open
                       title="Confirm Delete Roles"
                       body=Signal::derive(move || format!(
                           "You have selected: {}. Everyone who holds these roles loses them.",
                           to_delete.with(|d| d.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))
                       ))
                       confirm_label="Delete Roles"
                       on_confirm=Callback::new(move |_| {
                           let (ids, names): (Vec<String>, Vec<String>) = to_delete.get_untracked().into_iter().unzip();
                           if !ids.is_empty() { delete.dispatch(DeleteRoles { ids, names }); }
                       })/>
    }
}

#[component]
fn RolesTable(
    roles: Vec<Named>,
    selected: RwSignal<Vec<String>>,
    filter: RwSignal<String>,
    on_edit: Callback<Named>,
    on_delete: Callback<Named>,
) -> impl IntoView {
    let count = roles.len();
    let body = move || {
        let f = filter.get();
        let shown: Vec<Named> = roles
            .iter()
            .filter(|r| matches_filter(&f, &[&r.name, &r.id]))
            .cloned()
            .collect();
        if shown.is_empty() {
            return view! { <EmptyRow colspan=4/> }.into_any();
        }
        shown
            .into_iter()
            .map(|r| {
                let (e, d) = (r.clone(), r.clone());
                let actions = vec![
                    RowAction::new("Edit Role", "edit", move || on_edit.run(e.clone())),
                    RowAction::new("Delete Role", "delete", move || on_delete.run(d.clone())).danger(),
                ];
                view! {
                    <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW>
                        <td class="w-8 px-3 py-2"><SelectRow id=r.id.clone() label=r.name.clone() selected=selected/></td>
                        <td class=format!("{TD} name font-medium")>{r.name.clone()}</td>
                        <td class=format!("{TD} id font-mono text-xs")>{r.id.clone()}</td>
                        <td class="actions_column whitespace-nowrap px-3 py-2"><RowMenu row_name=r.name.clone() actions=actions/></td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="roles" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr><th class="w-8 px-3 py-2"></th><th class=TH>"Role Name"</th><th class=TH>"Role ID"</th><th class=TH>"Actions"</th></tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=4 count=count/>
        </table>
    }
}
