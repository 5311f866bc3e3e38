//! Identity › Groups (`/identity/groups/`, admins only): table `groups`, Create Group, Edit
//! Group, Delete Groups; and a group's Manage Members page
//! (`/identity/groups/<id>/manage_members/`): table `group_members` with Remove Users, and
//! Add Users offering everyone else in table `group_non_members`.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{matches_filter, yes_no};
use crate::api::identity_groups::{
    group_members, list_identity_groups, AddGroupUsers, CreateGroup, DeleteGroups,
    RemoveGroupUsers, UpdateGroup,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};
use crate::components::layout::{is_admin, use_shell};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::row_menu::{RowAction, RowMenu};
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::identity_admin::{GroupRow, GroupUser};
use crate::model::Flash;

/// The page's content only for an admin; anyone else gets Horizon's 403 wording.
#[component]
fn AdminsOnly(children: ChildrenFn) -> impl IntoView {
    let shell = use_shell();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    if is_admin(&shell.await) {
                        children().into_any()
                    } else {
                        view! { <Forbidden message="You are not authorized to access this page."/> }.into_any()
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn IdentityGroupsPage() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let groups = Resource::new(move || refresh.get(), |_| list_identity_groups());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let filter = RwSignal::new(String::new());
    let create_open = RwSignal::new(false);
    let editing = RwSignal::new(None::<GroupRow>);
    let confirm_open = RwSignal::new(false);
    let to_delete = RwSignal::new(Vec::<(String, String)>::new());

    let create = ServerAction::<CreateGroup>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create.value().get() {
            messages.set(vec![Flash::success(format!(
                "Group \"{name}\" was successfully created."
            ))]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let update = ServerAction::<UpdateGroup>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = update.value().get() {
            messages.set(vec![Flash::success("Group has been updated successfully.")]);
            editing.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteGroups>::new();
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(r, "Deleted Group", "Unable to delete Group"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let ask_delete = move |rows: Vec<(String, String)>| {
        to_delete.set(rows);
        confirm_open.set(true);
    };

    view! {
        <Title text="Groups"/>
        <AdminsOnly>
            <h1 class="mb-4 text-2xl font-semibold">"Groups"</h1>
            {move || view! { <Messages messages=messages.get()/> }}
            <Transition fallback=|| view! { <p>"Loading groups…"</p> }>
                {move || Suspend::new(async move {
                    match groups.await {
                        Ok(list) => {
                            let all = list.clone();
                            view! {
                                <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                                    <label for="groups__filter__q" class="sr-only">"Filter"</label>
                                    <input id="groups__filter__q" type="search" placeholder="Filter"
                                           class="w-64 rounded border border-slate-300 px-3 py-1.5 text-sm"
                                           prop:value=move || filter.get()
                                           on:input=move |ev| filter.set(event_target_value(&ev))/>
                                    <div class="flex-1"></div>
                                    <button type="button" id="groups__action_create"
                                            class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                            on:click=move |_| create_open.set(true)>"+ Create Group"</button>
                                    <button type="button" id="groups__action_delete"
                                            class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                            disabled=move || selected.with(|s| s.is_empty())
                                            on:click=move |_| {
                                                let ids = selected.get_untracked();
                                                ask_delete(all.iter().filter(|g| ids.contains(&g.id))
                                                    .map(|g| (g.id.clone(), g.name.clone())).collect());
                                            }>"Delete Groups"</button>
                                </div>
                                <GroupsTable groups=list selected=selected filter=filter
                                             on_edit=Callback::new(move |g| editing.set(Some(g)))
                                             on_delete=Callback::new(ask_delete)/>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </AdminsOnly>
        <Show when=move || create_open.get()>
            <GroupDialog title="Create Group" submit="Create Group" row=None
                         action=GroupAction::Create(create)
                         on_close=Callback::new(move |_| create_open.set(false))/>
        </Show>
        {move || editing.get().map(|row| view! {
            <GroupDialog title="Edit Group" submit="Save" row=Some(row)
                         action=GroupAction::Update(update)
                         on_close=Callback::new(move |_| editing.set(None))/>
        })}
        <ConfirmDialog open=confirm_open
                       title=Signal::derive(move || if to_delete.with(|d| d.len() == 1) { "Confirm Delete Group".to_string() } else { "Confirm Delete Groups".to_string() })
                       body=Signal::derive(move || format!(
                           "You have selected: {}. Their members lose the roles the groups gave them.",
                           to_delete.with(|d| d.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))
                       ))
                       confirm_label="Delete Groups"
                       on_confirm=Callback::new(move |_| {
                           let (ids, names): (Vec<String>, Vec<String>) = to_delete.get_untracked().into_iter().unzip();
                           if !ids.is_empty() { delete.dispatch(DeleteGroups { ids, names }); }
                       })/>
    }
}

#[component]
fn GroupsTable(
    groups: Vec<GroupRow>,
    selected: RwSignal<Vec<String>>,
    filter: RwSignal<String>,
    on_edit: Callback<GroupRow>,
    on_delete: Callback<Vec<(String, String)>>,
) -> impl IntoView {
    let count = groups.len();
    let all: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
    let body = move || {
        let f = filter.get();
        let shown: Vec<GroupRow> = groups
            .iter()
            .filter(|g| matches_filter(&f, &[&g.name, &g.description, &g.id]))
            .cloned()
            .collect();
        if shown.is_empty() {
            return view! { <EmptyRow colspan=5/> }.into_any();
        }
        shown
            .into_iter()
            .map(|g| {
                let href = format!("/identity/groups/{}/manage_members/", g.id);
                let (edit, del) = (g.clone(), (g.id.clone(), g.name.clone()));
                let actions = vec![
                    RowAction::new("Edit Group", "edit", move || on_edit.run(edit.clone())),
                    RowAction::new("Delete Group", "delete", move || on_delete.run(vec![del.clone()])).danger(),
                ];
                view! {
                    <tr data-display=g.name.clone() data-object-id=g.id.clone() class=ROW>
                        <td class="w-8 px-3 py-2"><SelectRow id=g.id.clone() label=g.name.clone() selected=selected/></td>
                        <td class=format!("{TD} name font-medium")>{g.name.clone()}</td>
                        <td class=format!("{TD} description")>{g.description.clone()}</td>
                        <td class=format!("{TD} id font-mono text-xs")>{g.id.clone()}</td>
                        <td class="actions_column whitespace-nowrap px-3 py-2">
                            <div class="flex items-start justify-end gap-1">
                                <a class="users whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
                                   href=href>"Manage Members"</a>
                                <RowMenu row_name=g.name.clone() actions=actions/>
                            </div>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="groups" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th>
                    <th class=TH>"Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Group ID"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=5 count=count/>
        </table>
    }
}

/// Which server function the group form posts to.
#[derive(Clone, Copy)]
enum GroupAction {
    Create(ServerAction<CreateGroup>),
    Update(ServerAction<UpdateGroup>),
}

/// Create Group and Edit Group: name and description.
#[component]
fn GroupDialog(
    title: &'static str,
    submit: &'static str,
    row: Option<GroupRow>,
    action: GroupAction,
    on_close: Callback<()>,
) -> impl IntoView {
    let (id, name, description) = row
        .map(|r| (r.id, r.name, r.description))
        .unwrap_or_default();
    let fields = move |error: Signal<Option<AppError>>, pending: Signal<bool>| {
        view! {
            <label for="id_name" class=LABEL>"Name"</label>
            <input id="id_name" name="name" maxlength="64" value=name.clone() class=INPUT/>
            <FieldError error=error field="name"/>
            <label for="id_description" class=LABEL>"Description"</label>
            <textarea id="id_description" name="description" rows="3" class=INPUT>{description.clone()}</textarea>
            <div class="mt-4 flex justify-end">
                <button type="submit" class=PRIMARY disabled=move || pending.get()>{submit}</button>
            </div>
        }
    };
    let form = match action {
        GroupAction::Create(a) => {
            let error = action_error(a);
            view! {
                <FormBanner error=error/>
                <ActionForm action=a>{fields(error, a.pending().into())}</ActionForm>
            }
            .into_any()
        }
        GroupAction::Update(a) => {
            let error = action_error(a);
            view! {
                <FormBanner error=error/>
                <ActionForm action=a>
                    <input type="hidden" name="group_id" value=id.clone()/>
                    {fields(error, a.pending().into())}
                </ActionForm>
            }
            .into_any()
        }
    };
    view! { <Modal title=title on_close=on_close>{form}</Modal> }
}

/// `/identity/groups/<id>/manage_members/`: who is in the group, Add Users, Remove Users.
#[component]
pub fn GroupMembersPage() -> impl IntoView {
    let params = use_params_map();
    let group_id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(
        move || (group_id.get(), refresh.get()),
        |(id, _)| group_members(id),
    );
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let adding = RwSignal::new(false);
    let to_add = RwSignal::new(Vec::<String>::new());
    let confirm_open = RwSignal::new(false);
    let to_remove = RwSignal::new(Vec::<(String, String)>::new());

    let add = ServerAction::<AddGroupUsers>::new();
    Effect::new(move |_| {
        if let Some(r) = add.value().get() {
            messages.set(batch_flashes(r, "Added User", "Unable to add User"));
            to_add.set(vec![]);
            adding.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let remove = ServerAction::<RemoveGroupUsers>::new();
    Effect::new(move |_| {
        if let Some(r) = remove.value().get() {
            messages.set(batch_flashes(r, "Removed User", "Unable to remove User"));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    view! {
        <Title text="Group Management"/>
        <AdminsOnly>
            <Transition fallback=|| view! { <p>"Loading members…"</p> }>
                {move || Suspend::new(async move {
                    match page.await {
                        Ok(p) => {
                            let members = p.members.clone();
                            // Copy, so the dialog can be drawn again each time it opens.
                            let candidates = StoredValue::new(p.non_members.clone());
                            let chosen = p.non_members.clone();
                            let add_chosen = Callback::new(move |_: ()| {
                                let ids = to_add.get_untracked();
                                let (ids, names): (Vec<String>, Vec<String>) = chosen.iter()
                                    .filter(|u| ids.contains(&u.id))
                                    .map(|u| (u.id.clone(), u.name.clone())).unzip();
                                add.dispatch(AddGroupUsers { group_id: group_id.get_untracked(), ids, names });
                            });
                            view! {
                                <nav class="mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
                                    <a href="/identity/groups/" class="hover:underline">"Groups"</a>" › "{p.group.name.clone()}
                                </nav>
                                <h1 class="mb-4 text-2xl font-semibold">{format!("Group Management: {}", p.group.name)}</h1>
                                {move || view! { <Messages messages=messages.get()/> }}
                                <div class="table_actions mb-3 flex flex-wrap items-center gap-2">
                                    <div class="flex-1"></div>
                                    <button type="button" id="group_members__action_add_user_link"
                                            class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                            on:click=move |_| adding.set(true)>"+ Add Users"</button>
                                    <button type="button" id="group_members__action_removeGroupMember"
                                            class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                            disabled=move || selected.with(|s| s.is_empty())
                                            on:click=move |_| {
                                                let ids = selected.get_untracked();
                                                to_remove.set(members.iter().filter(|u| ids.contains(&u.id))
                                                    .map(|u| (u.id.clone(), u.name.clone())).collect());
                                                confirm_open.set(true);
                                            }>"Remove Users"</button>
                                </div>
                                <UsersTable id="group_members" users=p.members selected=selected
                                            empty="This group has no users. Add Users puts some in it."/>
                                <Show when=move || adding.get()>
                                    <Modal title="Add Group Members" on_close=Callback::new(move |_| adding.set(false)) wide=true>
                                        <UsersTable id="group_non_members" users=candidates.get_value() selected=to_add
                                                    empty="Every user is in this group already."/>
                                        <div class="mt-4 flex justify-end">
                                            <button type="button" id="group_non_members__action_addMember" class=PRIMARY
                                                    disabled=move || to_add.with(|s| s.is_empty()) || add.pending().get()
                                                    on:click=move |_| add_chosen.run(())>"Add Users"</button>
                                        </div>
                                    </Modal>
                                </Show>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    }
                })}
            </Transition>
        </AdminsOnly>
        <ConfirmDialog open=confirm_open
                       title="Confirm Remove Users"
                       body=Signal::derive(move || format!(
                           "You have selected: {}. They lose the roles this group gives them.",
                           to_remove.with(|d| d.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join(", "))
                       ))
                       confirm_label="Remove Users"
                       on_confirm=Callback::new(move |_| {
                           let (ids, names): (Vec<String>, Vec<String>) = to_remove.get_untracked().into_iter().unzip();
                           if !ids.is_empty() { remove.dispatch(RemoveGroupUsers { group_id: group_id.get_untracked(), ids, names }); }
                       })/>
    }
}

/// Users with a selection box each: the group's members, or the users Add Users offers.
#[component]
fn UsersTable(
    id: &'static str,
    users: Vec<GroupUser>,
    selected: RwSignal<Vec<String>>,
    empty: &'static str,
) -> impl IntoView {
    let count = users.len();
    let all: Vec<String> = users.iter().map(|u| u.id.clone()).collect();
    let rows = if users.is_empty() {
        view! { <EmptyRow colspan=5 text=empty/> }.into_any()
    } else {
        users
            .into_iter()
            .map(|u| view! {
                <tr data-display=u.name.clone() data-object-id=u.id.clone() class=ROW>
                    <td class="w-8 px-3 py-2"><SelectRow id=u.id.clone() label=u.name.clone() selected=selected/></td>
                    <td class=format!("{TD} name font-medium")>{u.name.clone()}</td>
                    <td class=format!("{TD} email")>{u.email.clone()}</td>
                    <td class=format!("{TD} id font-mono text-xs")>{u.id.clone()}</td>
                    <td class=format!("{TD} enabled")>{yes_no(u.enabled)}</td>
                </tr>
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id=id class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th>
                    <th class=TH>"User Name"</th>
                    <th class=TH>"Email"</th>
                    <th class=TH>"User ID"</th>
                    <th class=TH>"Enabled"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <TableFooter colspan=5 count=count/>
        </table>
    }
}
