//! Project › Snapshots (`/project/snapshots/`) and Admin › Snapshots: volume snapshots with
//! Edit, Delete and Create Volume (Create Volume on the Volumes panel, this snapshot chosen).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::volume_snapshots::{
    list_volume_snapshots, DeleteVolumeSnapshots, UpdateVolumeSnapshot,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{
    action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY,
};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::volume::{in_transition, status_label, SnapshotRow};
use crate::model::Flash;

#[component]
pub fn VolumeSnapshotsPage() -> impl IntoView {
    view! { <SnapshotsPanel all_projects=false/> }
}

#[derive(Clone, Copy)]
struct Panel {
    edit_for: RwSignal<Option<SnapshotRow>>,
    delete_one: RwSignal<Option<(String, String)>>,
    confirm_open: RwSignal<bool>,
}

#[component]
pub fn SnapshotsPanel(all_projects: bool) -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let list = Resource::new(
        move || refresh.get(),
        move |_| list_volume_snapshots(all_projects),
    );
    Effect::new(move |_| {
        let busy = list
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|rows| rows.iter().any(|r| in_transition(&r.status)));
        if busy {
            set_timeout(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(2000),
            );
        }
    });
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let panel = Panel {
        edit_for: RwSignal::new(None),
        delete_one: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
    };
    provide_context(panel);
    let edit = ServerAction::<UpdateVolumeSnapshot>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = edit.value().get() {
            messages.set(vec![Flash::info(text)]);
            panel.edit_for.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteVolumeSnapshots>::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Scheduled deletion of Volume Snapshot",
                "Unable to delete Volume Snapshot",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let to_delete = move || -> Vec<(String, String)> {
        if let Some(one) = panel.delete_one.get() {
            return vec![one];
        }
        let ids = selected.get();
        list.get()
            .and_then(|r| r.ok())
            .map(|rows| {
                rows.into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.name))
                    .collect()
            })
            .unwrap_or_default()
    };
    view! {
        <Title text="Volume Snapshots"/>
        <h1 class="mb-4 text-2xl font-semibold">"Volume Snapshots"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading snapshots…"</p> }>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                if all_projects && !user.as_ref().is_some_and(|u| u.is_admin()) {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                let can_edit = user.as_ref().is_some_and(|u| !u.is_read_only());
                match list.await {
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    Ok(rows) => view! {
                        {can_edit.then(|| view! {
                            <div class="table_actions mb-3 flex justify-end">
                                <button type="button" id="volume_snapshots__action_delete"
                                        class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                        disabled=move || selected.with(|s| s.is_empty())
                                        on:click=move |_| { panel.delete_one.set(None); panel.confirm_open.set(true); }>"Delete Volume Snapshots"</button>
                            </div>
                        })}
                        <SnapshotsTable rows=rows selected=selected can_edit=can_edit all_projects=all_projects/>
                    }.into_any(),
                }
            })}
        </Transition>
        {move || panel.edit_for.get().map(|row| view! {
            <EditSnapshotDialog action=edit row=row on_close=Callback::new(move |_| panel.edit_for.set(None))/>
        })}
        <ConfirmDialog open=panel.confirm_open
                       title="Confirm Delete Volume Snapshots"
                       body=Signal::derive(move || {
                           let names: Vec<String> = to_delete().into_iter().map(|(_, n)| n).collect();
                           format!("You have selected: {}.", names.join(", "))
                       })
                       confirm_label="Delete Volume Snapshots"
                       on_confirm=Callback::new(move |_| {
                           let snapshots = to_delete();
                           if !snapshots.is_empty() { delete.dispatch(DeleteVolumeSnapshots { snapshots }); }
                       })/>
    }
}

#[component]
fn SnapshotsTable(
    rows: Vec<SnapshotRow>,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    all_projects: bool,
) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let count = rows.len();
    let columns = 5 + u32::from(can_edit) * 2 + u32::from(all_projects);
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let body = if rows.is_empty() {
        view! { <EmptyRow colspan=columns/> }.into_any()
    } else {
        rows.into_iter().map(|r| {
            let available = r.status == "available";
            let actions = can_edit.then(|| {
                let (row, id, name) = (r.clone(), r.id.clone(), r.name.clone());
                let button = "mr-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50";
                view! {
                    <td class="actions_column whitespace-nowrap px-3 py-2 text-right">
                        {(available && !all_projects).then(|| view! {
                            <a class=format!("btn-create-volume {button}") href=format!("/project/volumes/?create_from_snapshot={}", r.id)>"Create Volume"</a>
                        })}
                        <button type="button" class=format!("btn-edit {button}") on:click=move |_| panel.edit_for.set(Some(row.clone()))>"Edit Snapshot"</button>
                        <button type="button" class="btn-delete rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                on:click=move |_| { panel.delete_one.set(Some((id.clone(), name.clone()))); panel.confirm_open.set(true); }>"Delete Volume Snapshot"</button>
                    </td>
                }
            });
            view! {
                <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW class:status_unknown=in_transition(&r.status)>
                    {can_edit.then(|| view! { <td class=TD><SelectRow id=r.id.clone() label=r.name.clone() selected=selected/></td> })}
                    {all_projects.then(|| view! { <td class=format!("{TD} project")>{r.project.clone().unwrap_or_default()}</td> })}
                    <td class=format!("{TD} name font-medium")>{r.name.clone()}</td>
                    <td class=format!("{TD} description")>{if r.description.is_empty() { "-".to_string() } else { r.description.clone() }}</td>
                    <td class=format!("{TD} size")>{format!("{}GiB", r.size_gb)}</td>
                    <td class=format!("{TD} status")>{status_label(&r.status)}</td>
                    <td class=format!("{TD} volume_name")>{r.volume_name.clone()}</td>
                    {actions}
                </tr>
            }
        }).collect_view().into_any()
    };
    view! {
        <table id="volume_snapshots" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    {can_edit.then(|| view! { <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th> })}
                    {all_projects.then(|| view! { <th class=TH>"Project"</th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Size"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"Volume Name"</th>
                    {can_edit.then(|| view! { <th class=TH>"Actions"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=columns count=count/>
        </table>
    }
}

#[component]
fn EditSnapshotDialog(
    action: ServerAction<UpdateVolumeSnapshot>,
    row: SnapshotRow,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Edit Snapshot" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="snapshot_id" value=row.id.clone()/>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Snapshot Name"</label>
                <input id="id_name" name="name" value=row.name.clone() class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" class=INPUT>{row.description.clone()}</textarea>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Submit"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
