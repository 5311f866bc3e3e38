//! Project › Volumes (`/project/volumes/`) and Admin › Volumes: Cinder's volumes with Create
//! Volume (empty, or from an image, a snapshot or a volume), Edit, Extend, Manage
//! Attachments, Create Snapshot, Change Volume Type, Upload to Image, Launch as Instance and
//! Delete. The table refreshes itself while Cinder works on a volume.
//! `?create_from_image=<id>` (or `create_from_snapshot`) opens Create Volume with that
//! source: the Images and Snapshots panels' row actions link here.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::volumes::{
    list_volumes, AttachVolume, CreateVolume, CreateVolumeSnapshot, DeleteVolumes, DetachVolume,
    ExtendVolume, RetypeVolume, UpdateVolume, UploadVolumeToImage,
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
use crate::error::AppError;
use crate::model::batch::batch_flashes;
use crate::model::launch::{Choice, SourceType};
use crate::model::volume::{in_transition, status_label, VolumeRow, VolumesPage};
use crate::model::Flash;

/// How often a table with a volume in transition asks again.
const LIVE_REFRESH_MS: u64 = 2000;
/// Refreshes after an action even before the row shows a busy status.
const AFTER_ACTION_REFRESHES: u8 = 3;

#[component]
pub fn VolumesPage() -> impl IntoView {
    view! { <VolumesPanel all_projects=false/> }
}

/// The dialog open on the panel (the rows ask for it; it lives here, so a live refresh of
/// the table cannot close it).
#[derive(Debug, Clone, PartialEq)]
enum Dialog {
    Create,
    Edit(VolumeRow),
    Extend(VolumeRow),
    Attachments(VolumeRow),
    Snapshot(VolumeRow),
    Retype(VolumeRow),
    Upload(VolumeRow),
    Launch(VolumeRow),
}

#[derive(Clone, Copy)]
struct Panel {
    dialog: RwSignal<Option<Dialog>>,
    delete_one: RwSignal<Option<(String, String)>>,
    confirm_open: RwSignal<bool>,
}

#[component]
pub fn VolumesPanel(all_projects: bool) -> impl IntoView {
    let shell = use_shell();
    let query = use_query_map();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || refresh.get(), move |_| list_volumes(all_projects));
    let after_action = RwSignal::new(0u8);
    let reload = move || {
        after_action.set(AFTER_ACTION_REFRESHES);
        refresh.update(|n| *n += 1);
    };
    Effect::new(move |_| {
        let busy = page
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|p| p.rows.iter().any(|r| in_transition(&r.status)));
        let extra = after_action.get_untracked() > 0;
        if extra {
            after_action.update_untracked(|n| *n -= 1);
        }
        if busy || extra {
            set_timeout(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(LIVE_REFRESH_MS),
            );
        }
    });
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let panel = Panel {
        dialog: RwSignal::new(create_preset(query).map(|_| Dialog::Create)),
        delete_one: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
    };
    provide_context(panel);
    // What the dialogs offer (instances, images, types...): the table's last answer, kept
    // still while a dialog is open so that a refresh does not rebuild it under the user.
    let choices = RwSignal::new(None::<VolumesPage>);
    Effect::new(move |_| {
        if let Some(Ok(p)) = page.get() {
            if panel.dialog.with_untracked(Option::is_none)
                || choices.with_untracked(Option::is_none)
            {
                choices.set(Some(p));
            }
        }
    });
    let done = Callback::new(move |text: String| {
        messages.set(vec![Flash::info(text)]);
        panel.dialog.set(None);
        reload();
    });

    let delete = ServerAction::<DeleteVolumes>::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Scheduled deletion of Volume",
                "Unable to delete Volume",
            ));
            selected.set(vec![]);
            reload();
        }
    });
    let to_delete = move || -> Vec<(String, String)> {
        if let Some(one) = panel.delete_one.get() {
            return vec![one];
        }
        let ids = selected.get();
        page.get()
            .and_then(|r| r.ok())
            .map(|p| {
                p.rows
                    .into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.name))
                    .collect()
            })
            .unwrap_or_default()
    };
    let launch = ServerAction::<crate::api::launch::LaunchInstance>::new();
    Effect::new(move |_| {
        if let Some(Ok(n)) = launch.value().get() {
            messages.set(vec![Flash::info(format!(
                "Scheduled creation of {n} instance(s)."
            ))]);
            panel.dialog.set(None);
            reload();
        }
    });

    view! {
        <Title text="Volumes"/>
        <h1 class="mb-4 text-2xl font-semibold">"Volumes"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading volumes…"</p> }>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                if all_projects && !user.as_ref().is_some_and(|u| u.is_admin()) {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                let can_edit = user.as_ref().is_some_and(|u| !u.is_read_only());
                match page.await {
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    Ok(p) => {
                        view! {
                            {can_edit.then(|| view! {
                                <div class="table_actions mb-3 flex flex-wrap justify-end gap-2">
                                    {(!all_projects).then(|| view! {
                                        <button type="button" id="volumes__action_create"
                                                class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                                on:click=move |_| panel.dialog.set(Some(Dialog::Create))>"Create Volume"</button>
                                    })}
                                    <button type="button" id="volumes__action_delete"
                                            class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                            disabled=move || selected.with(|s| s.is_empty())
                                            on:click=move |_| { panel.delete_one.set(None); panel.confirm_open.set(true); }>"Delete Volumes"</button>
                                </div>
                            })}
                            <VolumesTable rows=p.rows selected=selected can_edit=can_edit all_projects=all_projects/>
                        }.into_any()
                    }
                }
            })}
        </Transition>
        // The dialogs live outside the table's Transition: a live refresh re-renders the
        // table, and must not dispose an open dialog (or the request it has in flight).
        {move || panel.dialog.get().map(|d| {
            let close = Callback::new(move |_| panel.dialog.set(None));
            // Until the first answer is in, the form waits: typing into it before would be
            // lost when it is drawn again with its choices.
            let Some(c) = choices.get() else {
                return view! {
                    <Modal title="Loading…" on_close=close><p class="text-sm">"Loading the choices…"</p></Modal>
                }.into_any();
            };
            match d {
                Dialog::Create => {
                    view! { <CreateVolumeDialog page=c preset=create_preset(query) on_done=done on_close=close/> }.into_any()
                }
                Dialog::Edit(r) => view! { <EditDialog row=r on_done=done on_close=close/> }.into_any(),
                Dialog::Extend(r) => view! { <ExtendDialog row=r on_done=done on_close=close/> }.into_any(),
                Dialog::Attachments(r) => view! { <AttachmentsDialog row=r instances=c.instances on_done=done on_close=close/> }.into_any(),
                Dialog::Snapshot(r) => view! { <SnapshotDialog row=r on_done=done on_close=close/> }.into_any(),
                Dialog::Retype(r) => view! { <RetypeDialog row=r types=c.types on_done=done on_close=close/> }.into_any(),
                Dialog::Upload(r) => view! { <UploadDialog row=r on_done=done on_close=close/> }.into_any(),
                Dialog::Launch(r) => view! {
                    <crate::pages::project::launch::LaunchWizard action=launch on_close=close
                        preset=(SourceType::Volume, r.id)/>
                }.into_any(),
            }
        })}
        <ConfirmDialog open=panel.confirm_open
                       title=Signal::derive(move || if panel.delete_one.with(Option::is_some) { "Confirm Delete Volume".to_string() } else { "Confirm Delete Volumes".to_string() })
                       body=Signal::derive(move || {
                           let names: Vec<String> = to_delete().into_iter().map(|(_, n)| n).collect();
                           format!("You have selected: {}.", names.join(", "))
                       })
                       confirm_label="Delete Volumes"
                       on_confirm=Callback::new(move |_| {
                           let volumes = to_delete();
                           if !volumes.is_empty() { delete.dispatch(DeleteVolumes { volumes }); }
                       })/>
    }
}

#[component]
fn VolumesTable(
    rows: Vec<VolumeRow>,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    all_projects: bool,
) -> impl IntoView {
    let count = rows.len();
    let columns = 9 + u32::from(can_edit) * 2 + u32::from(all_projects);
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let body = if rows.is_empty() {
        view! { <EmptyRow colspan=columns/> }.into_any()
    } else {
        rows.into_iter()
            .map(|r| view! { <VolumeRowView row=r selected=selected can_edit=can_edit all_projects=all_projects/> })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="volumes" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    {can_edit.then(|| view! { <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th> })}
                    {all_projects.then(|| view! { <th class=TH>"Project"</th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Size"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"Type"</th>
                    <th class=TH>"Attached To"</th>
                    <th class=TH>"Availability Zone"</th>
                    <th class=TH>"Bootable"</th>
                    <th class=TH>"Encrypted"</th>
                    {can_edit.then(|| view! { <th class=TH>"Actions"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=columns count=count/>
        </table>
    }
}

#[component]
fn VolumeRowView(
    row: VolumeRow,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    all_projects: bool,
) -> impl IntoView {
    let busy = in_transition(&row.status);
    let tone = match row.status.as_str() {
        "available" => "bg-emerald-100 text-emerald-800",
        "in-use" => "bg-sky-100 text-sky-800",
        s if s.starts_with("error") => "bg-red-100 text-red-800",
        _ if busy => "bg-amber-100 text-amber-800",
        _ => "bg-slate-100 text-slate-700",
    };
    let attached = row
        .attachments
        .iter()
        .map(|a| {
            view! {
                <li>
                    <a class="text-sky-700 hover:underline" href=format!("/project/instances/{}/", a.server_id)>{a.server_name.clone()}</a>
                    {(!a.device.is_empty()).then(|| format!(" on {}", a.device))}
                </li>
            }
        })
        .collect_view();
    let actions = can_edit.then(|| {
        view! {
            <td class="actions_column whitespace-nowrap px-3 py-2 text-right">
                <VolumeRowActions row=row.clone() all_projects=all_projects/>
            </td>
        }
    });
    view! {
        <tr data-display=row.name.clone() data-object-id=row.id.clone() class=ROW class:status_unknown=busy>
            {can_edit.then(|| view! { <td class=TD><SelectRow id=row.id.clone() label=row.name.clone() selected=selected/></td> })}
            {all_projects.then(|| view! { <td class=format!("{TD} project")>{row.project.clone().unwrap_or_default()}</td> })}
            <td class=format!("{TD} name whitespace-nowrap font-medium")>{row.name.clone()}</td>
            <td class=format!("{TD} description")>{if row.description.is_empty() { "-".to_string() } else { row.description.clone() }}</td>
            <td class=format!("{TD} size whitespace-nowrap")>{format!("{}GiB", row.size_gb)}</td>
            <td class=format!("{TD} status")><span class=format!("rounded px-2 py-0.5 text-xs font-medium {tone}")>{status_label(&row.status)}</span></td>
            <td class=format!("{TD} volume_type")>{row.volume_type.clone()}</td>
            <td class=format!("{TD} attachments")><ul>{attached}</ul></td>
            <td class=format!("{TD} availability_zone")>{row.availability_zone.clone()}</td>
            <td class=format!("{TD} bootable")>{if row.bootable { "Yes" } else { "No" }}</td>
            <td class=format!("{TD} encrypted")>{if row.encrypted { "Yes" } else { "No" }}</td>
            {actions}
        </tr>
    }
    .into_any()
}

/// One entry of a volume row's actions: a dialog to open, or the deletion.
#[derive(Debug, Clone, PartialEq)]
enum RowAction {
    Open(Box<Dialog>),
    Delete,
}

impl RowAction {
    fn label(&self) -> &'static str {
        match self {
            RowAction::Open(d) => match d.as_ref() {
                Dialog::Edit(_) => "Edit Volume",
                Dialog::Extend(_) => "Extend Volume",
                Dialog::Attachments(_) => "Manage Attachments",
                Dialog::Snapshot(_) => "Create Snapshot",
                Dialog::Retype(_) => "Change Volume Type",
                Dialog::Upload(_) => "Upload to Image",
                Dialog::Launch(_) => "Launch as Instance",
                Dialog::Create => "Create Volume",
            },
            RowAction::Delete => "Delete Volume",
        }
    }

    /// The button's class, for automation (`btn-extend`...).
    fn class(&self) -> &'static str {
        match self {
            RowAction::Open(d) => match d.as_ref() {
                Dialog::Edit(_) => "btn-edit",
                Dialog::Extend(_) => "btn-extend",
                Dialog::Attachments(_) => "btn-attachments",
                Dialog::Snapshot(_) => "btn-snapshot",
                Dialog::Retype(_) => "btn-retype",
                Dialog::Upload(_) => "btn-upload",
                Dialog::Launch(_) => "btn-launch",
                Dialog::Create => "btn-create",
            },
            RowAction::Delete => "btn-delete",
        }
    }

    /// What Cinder allows in the row's status, as Horizon offers it.
    fn for_row(r: &VolumeRow, all_projects: bool) -> Vec<RowAction> {
        let available = r.status == "available";
        let in_use = r.status == "in-use";
        let settled = available || in_use;
        let mut out = vec![RowAction::Open(Box::new(Dialog::Edit(r.clone())))];
        if !all_projects && settled {
            out.push(RowAction::Open(Box::new(Dialog::Extend(r.clone()))));
            out.push(RowAction::Open(Box::new(Dialog::Attachments(r.clone()))));
            out.push(RowAction::Open(Box::new(Dialog::Snapshot(r.clone()))));
            if available {
                out.push(RowAction::Open(Box::new(Dialog::Retype(r.clone()))));
            }
            out.push(RowAction::Open(Box::new(Dialog::Upload(r.clone()))));
            if available && r.bootable {
                out.push(RowAction::Open(Box::new(Dialog::Launch(r.clone()))));
            }
        }
        // An attached volume is detached first; one Cinder is busy with waits.
        if !in_use && !in_transition(&r.status) {
            out.push(RowAction::Delete);
        }
        out
    }
}

/// The row's first action as a button, the rest in an "Actions" menu.
#[component]
fn VolumeRowActions(row: VolumeRow, all_projects: bool) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let menu = NodeRef::<leptos::html::Details>::new();
    let (id, name) = (row.id.clone(), row.name.clone());
    let choose = move |a: RowAction| {
        if let Some(details) = menu.try_get_untracked().flatten() {
            let _ = details.remove_attribute("open");
        }
        match a {
            RowAction::Open(d) => panel.dialog.set(Some(*d)),
            RowAction::Delete => {
                panel.delete_one.set(Some((id.clone(), name.clone())));
                panel.confirm_open.set(true);
            }
        }
    };
    let mut actions = RowAction::for_row(&row, all_projects).into_iter();
    let primary = actions.next().map(|a| {
        let choose = choose.clone();
        let (label, class) = (a.label(), a.class());
        view! {
            <button type="button" class=format!("{class} primary-action whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50")
                    on:click=move |_| choose(a.clone())>{label}</button>
        }
    });
    let rest: Vec<RowAction> = actions.collect();
    let menu_view = (!rest.is_empty()).then(|| {
        let entries = rest
            .into_iter()
            .map(|a| {
                let choose = choose.clone();
                let (label, class) = (a.label(), a.class());
                let danger = a == RowAction::Delete;
                view! {
                    <li>
                        <button type="button" class=format!("{class} block w-full px-3 py-1.5 text-left hover:bg-slate-100")
                                class:text-red-800=danger on:click=move |_| choose(a.clone())>{label}</button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="row-actions relative" node_ref=menu>
                <summary class="cursor-pointer list-none rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                         aria-label=format!("Actions for {}", row.name)>"Actions ▾"</summary>
                <ul class="absolute right-0 z-20 mt-1 w-48 rounded border border-slate-200 bg-white py-1 text-left text-xs shadow-lg">
                    {entries}
                </ul>
            </details>
        }
    });
    view! { <div class="flex items-start justify-end gap-1">{primary}{menu_view}</div> }
}

/// The Create Volume source named in the page's query: (source type, id).
fn create_preset(query: Memo<leptos_router::params::ParamsMap>) -> Option<(&'static str, String)> {
    query.with_untracked(|q| {
        q.get("create_from_image")
            .map(|id| ("image_source", id))
            .or_else(|| {
                q.get("create_from_snapshot")
                    .map(|id| ("snapshot_source", id))
            })
    })
}

/// Runs `on_done` with the action's message when it succeeds.
fn when_done<S>(action: ServerAction<S>, on_done: Callback<String>)
where
    S: leptos::server_fn::ServerFn<Output = String, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(text)) = action.value().get() {
            on_done.run(text);
        }
    });
}

fn choice_options(list: &[Choice], chosen: &str) -> impl IntoView {
    list.iter()
        .map(|c| view! { <option value=c.id.clone() selected=c.id == chosen>{c.label.clone()}</option> })
        .collect_view()
}

/// Create Volume: no source, an image, a snapshot or another volume.
#[component]
fn CreateVolumeDialog(
    page: VolumesPage,
    preset: Option<(&'static str, String)>,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<CreateVolume>::new();
    when_done(action, on_done);
    let error = action_error(action);
    let (start, chosen) = preset.unwrap_or(("no_source_type", String::new()));
    let source = RwSignal::new(start.to_string());
    let hide = move |s: &'static str| move || source.get() != s;
    view! {
        <Modal title="Create Volume" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Volume Name"</label>
                <input id="id_name" name="name" maxlength="255" class=INPUT/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" class=INPUT></textarea>
                <label for="id_volume_source_type" class=LABEL>"Volume Source"</label>
                <select id="id_volume_source_type" name="source_type" class=INPUT on:change=move |ev| source.set(event_target_value(&ev))>
                    {[("no_source_type", "No source, empty volume"), ("image_source", "Image"), ("snapshot_source", "Snapshot"), ("volume_source", "Volume")]
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v selected=move || source.get() == v>{l}</option> })
                        .collect_view()}
                </select>
                <FieldError error=error field="source_type"/>
                <div class:hidden=hide("image_source")>
                    <label for="id_image_source" class=LABEL>"Use image as a source"</label>
                    <select id="id_image_source" name="image_id" class=INPUT>
                        <option value="">"Choose an image"</option>
                        {choice_options(&page.images, &chosen)}
                    </select>
                    <FieldError error=error field="image_id"/>
                </div>
                <div class:hidden=hide("snapshot_source")>
                    <label for="id_snapshot_source" class=LABEL>"Use snapshot as a source"</label>
                    <select id="id_snapshot_source" name="snapshot_id" class=INPUT>
                        <option value="">"Choose a snapshot"</option>
                        {choice_options(&page.snapshots, &chosen)}
                    </select>
                    <FieldError error=error field="snapshot_id"/>
                </div>
                <div class:hidden=hide("volume_source")>
                    <label for="id_volume_source" class=LABEL>"Use a volume as source"</label>
                    <select id="id_volume_source" name="volume_id" class=INPUT>
                        <option value="">"Choose a volume"</option>
                        {choice_options(&page.volumes, "")}
                    </select>
                    <FieldError error=error field="volume_id"/>
                </div>
                <label for="id_type" class=LABEL>"Type"</label>
                <select id="id_type" name="volume_type" class=INPUT>
                    <option value="">"No volume type (the default)"</option>
                    {page.types.iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select>
                <label for="id_size" class=LABEL>"Size (GiB)"</label>
                <input id="id_size" name="size" type="number" value="1" class=INPUT/>
                <FieldError error=error field="size"/>
                <label for="id_availability_zone" class=LABEL>"Availability Zone"</label>
                <select id="id_availability_zone" name="availability_zone" class=INPUT>
                    <option value="">"Any Availability Zone"</option>
                    {page.zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}
                </select>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Volume"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn EditDialog(row: VolumeRow, on_done: Callback<String>, on_close: Callback<()>) -> impl IntoView {
    let action = ServerAction::<UpdateVolume>::new();
    when_done(action, on_done);
    let error = action_error(action);
    view! {
        <Modal title="Edit Volume" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="volume_id" value=row.id.clone()/>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Volume Name"</label>
                <input id="id_name" name="name" value=row.name.clone() class=INPUT/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" class=INPUT>{row.description.clone()}</textarea>
                <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                    <input id="id_bootable" name="bootable" type="checkbox" checked=row.bootable/>"Bootable"
                </label>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Submit"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn ExtendDialog(
    row: VolumeRow,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<ExtendVolume>::new();
    when_done(action, on_done);
    let error = action_error(action);
    view! {
        <Modal title="Extend Volume" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="volume_id" value=row.id.clone()/>
                <input type="hidden" name="name" value=row.name.clone()/>
                <label for="id_orig_size" class="mb-1 block text-sm font-medium">"Current Size (GiB)"</label>
                <input id="id_orig_size" value=row.size_gb.to_string() readonly class=format!("{INPUT} bg-slate-50")/>
                <label for="id_new_size" class=LABEL>"New Size (GiB)"</label>
                <input id="id_new_size" name="new_size" type="number" class=INPUT/>
                <FieldError error=error field="new_size"/>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Extend Volume"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// Manage Attachments: the volume's attachments with Detach, and Attach to an instance.
#[component]
fn AttachmentsDialog(
    row: VolumeRow,
    instances: Vec<Choice>,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let attach = ServerAction::<AttachVolume>::new();
    when_done(attach, on_done);
    let detach = ServerAction::<DetachVolume>::new();
    when_done(detach, on_done);
    let error = action_error(attach);
    let detach_error = action_error(detach);
    let attached = !row.attachments.is_empty();
    view! {
        <Modal title="Manage Volume Attachments" on_close=on_close>
            <FormBanner error=error/>
            <FormBanner error=detach_error/>
            <table id="attachments" class="mb-4 w-full text-sm">
                <thead class="text-left"><tr><th class="py-1">"Instance"</th><th class="py-1">"Device"</th><th></th></tr></thead>
                <tbody>
                    {if row.attachments.is_empty() {
                        view! { <tr class="empty"><td colspan="3" class="py-2 text-slate-500">"No items to display."</td></tr> }.into_any()
                    } else {
                        row.attachments.iter().map(|a| {
                            let (vid, name, sid) = (row.id.clone(), row.name.clone(), a.server_id.clone());
                            view! {
                                <tr data-display=a.server_name.clone()>
                                    <td class="py-1">{a.server_name.clone()}</td>
                                    <td class="py-1">{a.device.clone()}</td>
                                    <td class="py-1 text-right">
                                        <button type="button" class="btn-detach rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                                on:click=move |_| { detach.dispatch(DetachVolume { volume_id: vid.clone(), name: name.clone(), instance_id: sid.clone() }); }>
                                            "Detach Volume"
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
            {(!attached).then(|| view! {
                <ActionForm action=attach>
                    <input type="hidden" name="volume_id" value=row.id.clone()/>
                    <input type="hidden" name="name" value=row.name.clone()/>
                    <label for="id_instance" class="mb-1 block text-sm font-medium">"Attach to Instance"</label>
                    <select id="id_instance" name="instance_id" class=INPUT>
                        <option value="">{if instances.is_empty() { "No instances available" } else { "Select an instance" }}</option>
                        {choice_options(&instances, "")}
                    </select>
                    <FieldError error=error field="instance_id"/>
                    <div class="modal-footer mt-4 flex justify-end gap-2">
                        <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="submit" class=PRIMARY disabled=move || attach.pending().get()>"Attach Volume"</button>
                    </div>
                </ActionForm>
            })}
        </Modal>
    }
}

#[component]
fn SnapshotDialog(
    row: VolumeRow,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<CreateVolumeSnapshot>::new();
    when_done(action, on_done);
    let error = action_error(action);
    let attached = !row.attachments.is_empty();
    view! {
        <Modal title="Create Volume Snapshot" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="volume_id" value=row.id.clone()/>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Snapshot Name"</label>
                <input id="id_name" name="name" class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" class=INPUT></textarea>
                {attached.then(|| view! {
                    <p class="mt-2 text-xs text-amber-800">"The volume is attached to an instance: the snapshot is taken anyway, as the data stands on disk."</p>
                })}
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Volume Snapshot"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn RetypeDialog(
    row: VolumeRow,
    types: Vec<String>,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<RetypeVolume>::new();
    when_done(action, on_done);
    let error = action_error(action);
    let current = row.volume_type.clone();
    view! {
        <Modal title="Change Volume Type" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="volume_id" value=row.id.clone()/>
                <input type="hidden" name="name" value=row.name.clone()/>
                <label for="id_volume_type" class="mb-1 block text-sm font-medium">"Type"</label>
                <select id="id_volume_type" name="volume_type" class=INPUT>
                    <option value="">"Select a new volume type"</option>
                    {types.into_iter().filter(|t| *t != current).map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                </select>
                <FieldError error=error field="volume_type"/>
                <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                    <input id="id_migration_policy" name="migrate" type="checkbox"/>"Migrate the data if the new type needs another backend (On Demand)"
                </label>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Change Volume Type"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn UploadDialog(
    row: VolumeRow,
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let action = ServerAction::<UploadVolumeToImage>::new();
    when_done(action, on_done);
    let error = action_error(action);
    view! {
        <Modal title="Upload Volume to Image" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <input type="hidden" name="volume_id" value=row.id.clone()/>
                <label for="id_image_name" class="mb-1 block text-sm font-medium">"Image Name"</label>
                <input id="id_image_name" name="image_name" class=INPUT/>
                <FieldError error=error field="image_name"/>
                <label for="id_disk_format" class=LABEL>"Disk Format"</label>
                <select id="id_disk_format" name="disk_format" class=INPUT>
                    {["raw", "qcow2", "vmdk", "vdi", "vhd", "vhdx"].into_iter().map(|f| view! { <option value=f>{f.to_uppercase()}</option> }).collect_view()}
                </select>
                <FieldError error=error field="disk_format"/>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Upload"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}
