//! Project › Images (`/project/images/`) and Admin › Images (`/admin/images/`): Glance's
//! images with their filter and pages, Create Image (its dialog and streamed upload are in
//! `image_create`), Edit Image, Update Metadata, Deactivate / Activate and Delete. The table refreshes itself
//! while Glance is still working on an image.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::images::{
    image_properties, list_images, DeleteImages, ImageFilter, SetImageActive, UpdateImage,
    UpdateImageMetadata,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::filter::PageSizeChoice;
use crate::components::form::{FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::image::{in_transition, size_label, ImageRow, ImagesPage, DISK_FORMATS};
use crate::model::Flash;
use crate::nav::encode_query_value;

/// How often a page with an image in transition asks for the table again.
const LIVE_REFRESH_MS: u64 = 2000;

/// The filter fields Glance can filter on, as Horizon offers them.
const FILTER_FIELDS: &[(&str, &str)] = &[
    ("name", "Image Name ="),
    ("status", "Status ="),
    ("visibility", "Visibility ="),
    ("disk_format", "Format ="),
];

#[component]
pub fn ImagesPage() -> impl IntoView {
    view! { <ImagesPanel all_projects=false/> }
}

/// A row action waiting for its confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum RowConfirm {
    Delete { id: String, name: String },
    Deactivate { id: String, name: String },
}

/// What the rows may ask of the panel: the dialogs live in the panel, so a live refresh of
/// the table cannot dispose an open one.
#[derive(Clone, Copy)]
struct RowActions {
    edit_for: RwSignal<Option<ImageRow>>,
    /// The image the Launch Instance wizard is open for.
    launch_for: RwSignal<Option<String>>,
    /// The image whose Update Metadata dialog is open: (id, name).
    metadata_for: RwSignal<Option<(String, String)>>,
    confirm: RwSignal<Option<RowConfirm>>,
    confirm_open: RwSignal<bool>,
    activate: ServerAction<SetImageActive>,
}

impl RowActions {
    fn ask(self, what: RowConfirm) {
        self.confirm.set(Some(what));
        self.confirm_open.set(true);
    }
}

/// The panel, for one project or (`all_projects`, admins) for every project's images.
#[component]
pub fn ImagesPanel(all_projects: bool) -> impl IntoView {
    let shell = use_shell();
    let query = use_query_map();
    let filter = Memo::new(move |_| {
        query.with(|q| {
            let field = q.get("field").unwrap_or_else(|| "name".into());
            let text = q.get("q").filter(|t| !t.trim().is_empty());
            let pick = |f: &str| (field == f).then(|| text.clone()).flatten();
            ImageFilter {
                name: pick("name"),
                status: pick("status"),
                visibility: pick("visibility"),
                disk_format: pick("disk_format"),
                marker: q.get("marker"),
                prev: q.get("prev").as_deref() == Some("1"),
                page_size: q.get("page_size").and_then(|s| s.parse().ok()).unwrap_or(0),
            }
        })
    });
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(
        move || (filter.get(), refresh.get()),
        move |(f, _)| list_images(f, all_projects),
    );
    let reload = move || refresh.update(|n| *n += 1);
    // Refreshes while Glance works on an image (saving, importing...), then stops.
    Effect::new(move |_| {
        let busy = page
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|p| p.rows.iter().any(|r| in_transition(&r.status)));
        if busy {
            set_timeout(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(LIVE_REFRESH_MS),
            );
        }
    });

    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let batch_confirm_open = RwSignal::new(false);
    let create_open = RwSignal::new(false);
    let rows_ask = RowActions {
        edit_for: RwSignal::new(None),
        launch_for: RwSignal::new(None),
        metadata_for: RwSignal::new(None),
        confirm: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
        activate: ServerAction::<SetImageActive>::new(),
    };
    provide_context(rows_ask);

    let delete = ServerAction::<DeleteImages>::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Deleted Image",
                "Unable to delete Image",
            ));
            selected.set(vec![]);
            reload();
        }
    });
    let edit = ServerAction::<UpdateImage>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = edit.value().get() {
            messages.set(vec![Flash::success(text)]);
            rows_ask.edit_for.set(None);
            reload();
        }
    });
    let update_metadata = ServerAction::<UpdateImageMetadata>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = update_metadata.value().get() {
            messages.set(vec![Flash::success(text)]);
            rows_ask.metadata_for.set(None);
            reload();
        }
    });
    Effect::new(move |_| {
        if let Some(result) = rows_ask.activate.value().get() {
            messages.set(vec![match result {
                Ok(text) => Flash::success(text),
                Err(e) => Flash::error(e.to_string()),
            }]);
            reload();
        }
    });
    let launch = ServerAction::<crate::api::launch::LaunchInstance>::new();
    Effect::new(move |_| {
        if let Some(Ok(n)) = launch.value().get() {
            messages.set(vec![Flash::info(format!(
                "Scheduled creation of {n} instance(s)."
            ))]);
            rows_ask.launch_for.set(None);
        }
    });
    let is_admin = Signal::derive(move || {
        shell
            .get()
            .and_then(|r| r.ok())
            .and_then(|d| d.user)
            .is_some_and(|u| u.is_admin())
    });
    let on_created = Callback::new(move |flash: Flash| {
        messages.set(vec![flash]);
        reload();
    });

    // The selected rows as (id, name), from the table last shown.
    let selected_images = move || {
        let ids = selected.get();
        page.get()
            .and_then(|r| r.ok())
            .map(|p| {
                p.rows
                    .into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.name))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let on_row_confirm = Callback::new(move |_| match rows_ask.confirm.get_untracked() {
        Some(RowConfirm::Delete { id, name }) => {
            delete.dispatch(DeleteImages {
                images: vec![(id, name)],
            });
        }
        Some(RowConfirm::Deactivate { id, name }) => {
            rows_ask.activate.dispatch(SetImageActive {
                image_id: id,
                name,
                active: false,
            });
        }
        None => {}
    });
    let row_confirm_label = move || match rows_ask.confirm.get() {
        Some(RowConfirm::Deactivate { .. }) => "Deactivate Image",
        _ => "Delete Image",
    };

    view! {
        <Title text="Images"/>
        <h1 class="mb-4 text-2xl font-semibold">"Images"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading images…"</p> }>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                let is_admin = user.as_ref().is_some_and(|u| u.is_admin());
                if all_projects && !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                let can_edit = user.as_ref().is_some_and(|u| !u.is_read_only());
                let table = match page.await {
                    Ok(p) => view! {
                        <ImagesTable page=p selected=selected can_edit=can_edit is_admin=is_admin all_projects=all_projects/>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                };
                view! {
                    <div class="table_actions mb-3 flex flex-wrap items-end gap-2">
                        <crate::components::filter::FilterForm fields=FILTER_FIELDS/>
                        <div class="flex-1"></div>
                        {can_edit.then(|| view! {
                            <button type="button" id="images__action_create"
                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                    on:click=move |_| create_open.set(true)>"Create Image"</button>
                            <button type="button" id="images__action_delete"
                                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                    disabled=move || selected.with(|s| s.is_empty())
                                    on:click=move |_| batch_confirm_open.set(true)>"Delete Images"</button>
                        })}
                    </div>
                    {table}
                }.into_any()
            })}
        </Transition>
        // The dialogs live outside the table's Transition: a live refresh (while an image
        // is queued or saving) must not dispose an open dialog, nor an upload in progress.
        <Show when=move || create_open.get()>
            <super::image_create::CreateImageDialog is_admin=is_admin.get_untracked() on_created=on_created
                               on_close=Callback::new(move |_| create_open.set(false))/>
        </Show>
        {move || rows_ask.launch_for.get().map(|id| view! {
            <crate::pages::project::launch::LaunchWizard action=launch
                on_close=Callback::new(move |_| rows_ask.launch_for.set(None))
                preset=(crate::model::launch::SourceType::Image, id)/>
        })}
        {move || rows_ask.metadata_for.get().map(|(id, name)| view! {
            <ImageMetadataDialog action=update_metadata image_id=id image_name=name
                                 on_close=Callback::new(move |_| rows_ask.metadata_for.set(None))/>
        })}
        {move || rows_ask.edit_for.get().map(|row| view! {
            <EditImageDialog action=edit row=row is_admin=is_admin.get_untracked()
                             on_close=Callback::new(move |_| rows_ask.edit_for.set(None))/>
        })}
        <ConfirmDialog open=batch_confirm_open title="Confirm Delete Images"
                       body=Signal::derive(move || {
                           let names: Vec<String> = selected_images().into_iter().map(|(_, n)| n).collect();
                           format!("You have selected: {}.", names.join(", "))
                       })
                       confirm_label="Delete Images"
                       on_confirm=Callback::new(move |_| {
                           let images = selected_images();
                           if !images.is_empty() { delete.dispatch(DeleteImages { images }); }
                       })/>
        <ConfirmDialog open=rows_ask.confirm_open
                       title=Signal::derive(move || format!("Confirm {}", row_confirm_label()))
                       body=Signal::derive(move || match rows_ask.confirm.get() {
                           Some(RowConfirm::Delete { name, .. } | RowConfirm::Deactivate { name, .. }) =>
                               format!("You have selected: {name}."),
                           None => String::new(),
                       })
                       confirm_label="Confirm"
                       on_confirm=on_row_confirm/>
    }
}

#[component]
fn ImagesTable(
    page: ImagesPage,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    is_admin: bool,
    all_projects: bool,
) -> impl IntoView {
    let query = use_query_map();
    // Links to the next and previous pages keep the filter.
    let link = move |marker: &str, prev: bool| {
        let mut parts: Vec<String> = query.with_untracked(|q| {
            ["field", "q", "page_size"]
                .iter()
                .filter_map(|k| q.get(k).map(|v| format!("{k}={}", encode_query_value(&v))))
                .collect()
        });
        parts.push(format!("marker={}", encode_query_value(marker)));
        if prev {
            parts.push("prev=1".into());
        }
        format!("?{}", parts.join("&"))
    };
    let count = page.rows.len();
    let columns = 8 + u32::from(can_edit) * 2 + u32::from(all_projects);
    // Only the images this user may delete can be selected.
    let all_ids: Vec<String> = page
        .rows
        .iter()
        .filter(|r| r.mine || is_admin)
        .map(|r| r.id.clone())
        .collect();
    let body = if page.rows.is_empty() {
        view! { <EmptyRow colspan=columns/> }.into_any()
    } else {
        page.rows
            .into_iter()
            .map(|r| view! { <ImageRowView row=r selected=selected can_edit=can_edit is_admin=is_admin all_projects=all_projects/> })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="images" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    {can_edit.then(|| view! { <th class="w-8 px-3 py-2"><SelectAll all=all_ids selected=selected/></th> })}
                    {all_projects.then(|| view! { <th class=TH>"Owner"</th> })}
                    <th class=TH>"Name"</th>
                    <th class=TH>"Type"</th>
                    <th class=TH>"Status"</th>
                    <th class=TH>"Visibility"</th>
                    <th class=TH>"Protected"</th>
                    <th class=TH>"Disk Format"</th>
                    <th class=TH>"Size"</th>
                    <th class=TH>"Owner ID"</th>
                    {can_edit.then(|| view! { <th class=TH>"Actions"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <tfoot>
                <tr>
                    <td colspan=columns.to_string() class="border-t border-slate-200 px-3 py-2 text-slate-600">
                        <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
                        <PageSizeChoice/>
                        <span class="float-right space-x-4">
                            {page.prev_marker.map(|m| view! { <a class="prev text-sky-700 hover:underline" href=link(&m, true)>"« Prev"</a> })}
                            {page.next_marker.map(|m| view! { <a class="next text-sky-700 hover:underline" href=link(&m, false)>"Next »"</a> })}
                        </span>
                    </td>
                </tr>
            </tfoot>
        </table>
    }
}

/// Glance's status in Horizon's words.
fn status_label(status: &str) -> String {
    match status {
        "active" => "Active".into(),
        "queued" => "Queued".into(),
        "saving" => "Saving".into(),
        "importing" => "Importing".into(),
        "uploading" => "Uploading".into(),
        "deactivated" => "Deactivated".into(),
        "killed" => "Killed".into(),
        "deleted" | "pending_delete" => "Deleted".into(),
        other => other.to_string(),
    }
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[component]
fn ImageRowView(
    row: ImageRow,
    selected: RwSignal<Vec<String>>,
    can_edit: bool,
    is_admin: bool,
    all_projects: bool,
) -> impl IntoView {
    let owns = row.mine || is_admin;
    let busy = in_transition(&row.status);
    let tone = match row.status.as_str() {
        "active" => "bg-emerald-100 text-emerald-800",
        "killed" => "bg-red-100 text-red-800",
        "deactivated" => "bg-slate-200 text-slate-700",
        _ if busy => "bg-amber-100 text-amber-800",
        _ => "bg-slate-100 text-slate-700",
    };
    let detail = if all_projects {
        format!("/admin/images/{}/", row.id)
    } else {
        format!("/project/images/{}/", row.id)
    };
    let actions = can_edit.then(|| {
        view! {
            <td class="actions_column whitespace-nowrap px-3 py-2 text-right">
                <ImageRowActions row=row.clone() owns=owns all_projects=all_projects/>
            </td>
        }
    });
    view! {
        <tr data-display=row.name.clone() data-object-id=row.id.clone() class=ROW class:status_unknown=busy>
            {can_edit.then(|| view! {
                <td class=TD>{owns.then(|| view! { <SelectRow id=row.id.clone() label=row.name.clone() selected=selected/> })}</td>
            })}
            {all_projects.then(|| view! { <td class=format!("{TD} owner")>{row.owner_name.clone().unwrap_or_else(|| "-".into())}</td> })}
            <td class=format!("{TD} name whitespace-nowrap font-medium")>
                <a class="text-sky-700 hover:underline" href=detail>{row.name.clone()}</a>
            </td>
            <td class=format!("{TD} image_type")>{row.kind.clone()}</td>
            <td class=format!("{TD} status")>
                <span class=format!("rounded px-2 py-0.5 text-xs font-medium {tone}")>{status_label(&row.status)}</span>
            </td>
            <td class=format!("{TD} visibility")>{capitalized(&row.visibility)}</td>
            <td class=format!("{TD} protected")>{if row.protected { "Yes" } else { "No" }}</td>
            <td class=format!("{TD} disk_format")>{row.disk_format.to_uppercase()}</td>
            <td class=format!("{TD} size whitespace-nowrap")>{size_label(row.size)}</td>
            <td class=format!("{TD} owner_id font-mono text-xs text-slate-500") title=row.owner.clone()>{row.owner.chars().take(8).collect::<String>()}</td>
            {actions}
        </tr>
    }
    .into_any()
}

/// One entry of an image row's actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ImageAction {
    Launch,
    CreateVolume,
    Edit,
    UpdateMetadata,
    Deactivate,
    Activate,
    Delete,
}

impl ImageAction {
    fn label(self) -> &'static str {
        match self {
            ImageAction::Launch => "Launch",
            ImageAction::CreateVolume => "Create Volume",
            ImageAction::Edit => "Edit Image",
            ImageAction::UpdateMetadata => "Update Metadata",
            ImageAction::Deactivate => "Deactivate Image",
            ImageAction::Activate => "Activate Image",
            ImageAction::Delete => "Delete Image",
        }
    }

    /// The button's class, for automation: `btn-edit`, `btn-delete`...
    fn class(self) -> &'static str {
        match self {
            ImageAction::Launch => "btn-launch",
            ImageAction::CreateVolume => "btn-create-volume",
            ImageAction::Edit => "btn-edit",
            ImageAction::UpdateMetadata => "btn-update-metadata",
            ImageAction::Deactivate => "btn-deactivate",
            ImageAction::Activate => "btn-activate",
            ImageAction::Delete => "btn-delete",
        }
    }

    /// What a row offers: the owner (or an admin) manages the image; anyone may use it.
    fn for_row(row: &ImageRow, owns: bool, all_projects: bool) -> Vec<ImageAction> {
        let mut out = vec![];
        if row.status == "active" && !all_projects {
            out.push(ImageAction::Launch);
            out.push(ImageAction::CreateVolume);
        }
        if owns {
            out.push(ImageAction::Edit);
            out.push(ImageAction::UpdateMetadata);
            match row.status.as_str() {
                "active" => out.push(ImageAction::Deactivate),
                "deactivated" => out.push(ImageAction::Activate),
                _ => {}
            }
            out.push(ImageAction::Delete);
        }
        out
    }
}

/// The row's first action as a button, the rest in an "Actions" menu (as Horizon's rows).
#[component]
fn ImageRowActions(row: ImageRow, owns: bool, all_projects: bool) -> impl IntoView {
    let ask = expect_context::<RowActions>();
    let menu = NodeRef::<html::Details>::new();
    let actions = ImageAction::for_row(&row, owns, all_projects);
    let navigate = leptos_router::hooks::use_navigate();
    let choose = {
        let row = row.clone();
        move |action: ImageAction| {
            if let Some(details) = menu.try_get_untracked().flatten() {
                let _ = details.remove_attribute("open");
            }
            let (id, name) = (row.id.clone(), row.name.clone());
            match action {
                ImageAction::Launch => ask.launch_for.set(Some(id)),
                ImageAction::CreateVolume => navigate(
                    &format!("/project/volumes/?create_from_image={id}"),
                    Default::default(),
                ),
                ImageAction::Edit => ask.edit_for.set(Some(row.clone())),
                ImageAction::UpdateMetadata => ask.metadata_for.set(Some((id, name))),
                ImageAction::Deactivate => ask.ask(RowConfirm::Deactivate { id, name }),
                ImageAction::Activate => {
                    ask.activate.dispatch(SetImageActive {
                        image_id: id,
                        name,
                        active: true,
                    });
                }
                ImageAction::Delete => ask.ask(RowConfirm::Delete { id, name }),
            }
        }
    };
    let mut rest = actions.into_iter();
    let primary = rest.next().map(|action| {
        let choose = choose.clone();
        view! {
            <button type="button" class=format!("{} primary-action whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50", action.class())
                    on:click=move |_| choose(action)>{action.label()}</button>
        }
    });
    let items: Vec<ImageAction> = rest.collect();
    let menu_view = (!items.is_empty()).then(|| {
        let entries = items
            .into_iter()
            .map(|action| {
                let choose = choose.clone();
                view! {
                    <li>
                        <button type="button" class=format!("{} block w-full px-3 py-1.5 text-left hover:bg-slate-100", action.class())
                                class:text-red-800=action == ImageAction::Delete
                                on:click=move |_| choose(action)>{action.label()}</button>
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

/// Edit Image: name, description, format, minimums, visibility, protection.
#[component]
fn EditImageDialog(
    action: ServerAction<UpdateImage>,
    row: ImageRow,
    is_admin: bool,
    on_close: Callback<()>,
) -> impl IntoView {
    let detail = Resource::new(
        {
            let id = row.id.clone();
            move || id.clone()
        },
        crate::api::images::image_detail,
    );
    let error = crate::components::form::action_error(action);
    view! {
        <Modal title="Edit Image" on_close=on_close>
            <FormBanner error=error/>
            <Suspense fallback=|| view! { <p class="text-sm">"Loading the image…"</p> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        Ok(d) => {
                            let may_publish = is_admin || d.row.visibility == "public";
                            let vis = d.row.visibility.clone();
                            let fmt = d.row.disk_format.clone();
                            view! {
                                <leptos::form::ActionForm action=action>
                                    <input type="hidden" name="image_id" value=d.row.id.clone()/>
                                    <label for="id_name" class="mb-1 block text-sm font-medium">"Image Name"</label>
                                    <input id="id_name" name="name" class=INPUT value=d.row.name.clone()/>
                                    <FieldError error=error field="name"/>
                                    <label for="id_description" class=LABEL>"Image Description"</label>
                                    <textarea id="id_description" name="description" rows="2" class=INPUT>{d.description.clone()}</textarea>
                                    <label for="id_disk_format" class=LABEL>"Format"</label>
                                    <select id="id_disk_format" name="disk_format" class=INPUT>
                                        {DISK_FORMATS.iter().map(|(value, label)| view! {
                                            <option value=*value selected=fmt == *value>{*label}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldError error=error field="disk_format"/>
                                    <div class="grid grid-cols-2 gap-3">
                                        <div>
                                            <label for="id_min_disk" class=LABEL>"Minimum Disk (GB)"</label>
                                            <input id="id_min_disk" name="min_disk" type="number" class=INPUT value=d.min_disk.to_string()/>
                                            <FieldError error=error field="min_disk"/>
                                        </div>
                                        <div>
                                            <label for="id_min_ram" class=LABEL>"Minimum RAM (MB)"</label>
                                            <input id="id_min_ram" name="min_ram" type="number" class=INPUT value=d.min_ram.to_string()/>
                                            <FieldError error=error field="min_ram"/>
                                        </div>
                                    </div>
                                    <label for="id_visibility" class=LABEL>"Visibility"</label>
                                    <select id="id_visibility" name="visibility" class=INPUT>
                                        {["private", "shared", "community"].into_iter().chain(may_publish.then_some("public")).map(|v| view! {
                                            <option value=v selected=vis == v>{capitalized(v)}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldError error=error field="visibility"/>
                                    <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                                        <input id="id_protected" name="protected" type="checkbox" checked=d.row.protected/>
                                        "Protected"
                                    </label>
                                    <div class="modal-footer mt-4 flex justify-end gap-2">
                                        <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                                        <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Update Image"</button>
                                    </div>
                                </leptos::form::ActionForm>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </Modal>
    }
}

/// Update Metadata: the image's own properties (`hw_disk_bus`, `os_distro`...), read when
/// the dialog opens, saved in one go.
#[component]
fn ImageMetadataDialog(
    action: ServerAction<UpdateImageMetadata>,
    image_id: String,
    image_name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    use crate::components::metadata::MetadataFields;
    let properties = Resource::new(
        {
            let id = image_id.clone();
            move || id.clone()
        },
        image_properties,
    );
    let error = crate::components::form::action_error(action);
    view! {
        <Modal title="Update Image Metadata" on_close=on_close wide=true>
            <p class="mb-3 text-sm text-slate-600">"Image: "<span class="font-medium text-slate-800">{image_name}</span></p>
            <FormBanner error=error/>
            <Suspense fallback=|| view! { <p class="text-sm">"Loading metadata…"</p> }>
                {move || {
                    let id = image_id.clone();
                    Suspend::new(async move {
                        match properties.await {
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            Ok(list) => view! {
                                <leptos::form::ActionForm action=action>
                                    <input type="hidden" name="image_id" value=id/>
                                    <MetadataFields specs=list error=error
                                                    on_add=Callback::new(move |_| action.clear())
                                                    empty_text="This image has no custom properties yet."
                                                    key_placeholder="e.g. hw_disk_bus"/>
                                    <div class="modal-footer mt-4 flex justify-end gap-2">
                                        <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                                        <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save"</button>
                                    </div>
                                </leptos::form::ActionForm>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Modal>
    }
}
