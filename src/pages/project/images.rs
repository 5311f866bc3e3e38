//! Project › Images (`/project/images/`) and Admin › Images (`/admin/images/`): Glance's
//! images with their filter and pages, Create Image with a streamed upload (progress, time
//! left, cancel), Edit Image, Deactivate / Activate and Delete. The table refreshes itself
//! while Glance is still working on an image.

use leptos::html;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::images::{
    create_image, list_images, DeleteImages, ImageFilter, SetImageActive, UpdateImage,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY};
use crate::components::layout::use_shell;
use crate::components::messages::{batch_flashes, ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, ROW, TABLE, TD, TH};
use crate::error::AppError;
use crate::model::image::{
    in_transition, size_label, time_left, ImageRow, ImagesPage, DISK_FORMATS,
};
use crate::model::Flash;
use crate::nav::encode_query_value;
use crate::pages::project::instances::PageSizeChoice;

/// How often a page with an image in transition asks for the table again.
const LIVE_REFRESH_MS: u64 = 2000;

/// The filter fields Glance can filter on, as Horizon offers them.
const FILTER_FIELDS: &[(&str, &str)] = &[
    ("name", "Image Name ="),
    ("status", "Status ="),
    ("visibility", "Visibility ="),
    ("disk_format", "Format ="),
];

#[cfg(feature = "hydrate")]
mod glue {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/pages/project/image_upload.js")]
    extern "C" {
        #[wasm_bindgen(js_name = imageFileSize)]
        pub fn file_size(input: &web_sys::HtmlInputElement) -> f64;
        #[wasm_bindgen(js_name = imageFileName)]
        pub fn file_name(input: &web_sys::HtmlInputElement) -> String;
        #[wasm_bindgen(js_name = imageUploadStart)]
        pub fn start(
            input: &web_sys::HtmlInputElement,
            url: &str,
            on_progress: &js_sys::Function,
            on_done: &js_sys::Function,
        );
        #[wasm_bindgen(js_name = imageUploadCancel)]
        pub fn cancel();
    }
}

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
    Effect::new(move |_| {
        if let Some(result) = rows_ask.activate.value().get() {
            messages.set(vec![match result {
                Ok(text) => Flash::success(text),
                Err(e) => Flash::error(e.to_string()),
            }]);
            reload();
        }
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
                        <FilterForm/>
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
                    <Show when=move || create_open.get()>
                        <CreateImageDialog is_admin=is_admin on_created=on_created
                                           on_close=Callback::new(move |_| create_open.set(false))/>
                    </Show>
                    {move || rows_ask.edit_for.get().map(|row| view! {
                        <EditImageDialog action=edit row=row is_admin=is_admin
                                         on_close=Callback::new(move |_| rows_ask.edit_for.set(None))/>
                    })}
                }.into_any()
            })}
        </Transition>
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
fn FilterForm() -> impl IntoView {
    let query = use_query_map();
    let current_field = move || {
        query
            .with(|q| q.get("field"))
            .unwrap_or_else(|| "name".into())
    };
    let current_text = move || query.with(|q| q.get("q")).unwrap_or_default();
    view! {
        <form method="get" class="table_search flex items-end gap-2" role="search">
            <div>
                <label for="id_filter_field" class="block text-xs text-slate-500">"Filter by"</label>
                <select id="id_filter_field" name="field" class="rounded border border-slate-300 px-2 py-1.5 text-sm">
                    {FILTER_FIELDS.iter().map(|(value, label)| view! {
                        <option value=*value selected=move || current_field() == *value>{*label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="id_filter_q" class="block text-xs text-slate-500">"Filter"</label>
                <input id="id_filter_q" name="q" type="search" value=current_text
                       class="w-56 rounded border border-slate-300 px-2 py-1.5 text-sm"/>
            </div>
            <button type="submit" class=SECONDARY>"Filter"</button>
        </form>
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
                <ImageRowActions row=row.clone() owns=owns/>
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
    Edit,
    Deactivate,
    Activate,
    Delete,
}

impl ImageAction {
    fn label(self) -> &'static str {
        match self {
            ImageAction::Edit => "Edit Image",
            ImageAction::Deactivate => "Deactivate Image",
            ImageAction::Activate => "Activate Image",
            ImageAction::Delete => "Delete Image",
        }
    }

    /// The button's class, for automation: `btn-edit`, `btn-delete`...
    fn class(self) -> &'static str {
        match self {
            ImageAction::Edit => "btn-edit",
            ImageAction::Deactivate => "btn-deactivate",
            ImageAction::Activate => "btn-activate",
            ImageAction::Delete => "btn-delete",
        }
    }

    /// What a row offers: the owner (or an admin) manages the image; anyone may use it.
    fn for_row(row: &ImageRow, owns: bool) -> Vec<ImageAction> {
        let mut out = vec![];
        if owns {
            out.push(ImageAction::Edit);
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
fn ImageRowActions(row: ImageRow, owns: bool) -> impl IntoView {
    let ask = expect_context::<RowActions>();
    let menu = NodeRef::<html::Details>::new();
    let actions = ImageAction::for_row(&row, owns);
    let choose = {
        let row = row.clone();
        move |action: ImageAction| {
            if let Some(details) = menu.try_get_untracked().flatten() {
                let _ = details.remove_attribute("open");
            }
            let (id, name) = (row.id.clone(), row.name.clone());
            match action {
                ImageAction::Edit => ask.edit_for.set(Some(row.clone())),
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

/// Where an upload stands, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Progress {
    sent: f64,
    total: f64,
    started_ms: f64,
    now_ms: f64,
}

fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        0.0
    }
}

/// Create Image: the form, then (for a file) the upload with its progress bar. The image
/// record is made first; the file's bytes then go to Meridian, which streams them to Glance.
/// Cancel stops the transfer and deletes the record, so no half image stays behind.
#[component]
fn CreateImageDialog(
    is_admin: bool,
    on_created: Callback<Flash>,
    on_close: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let source_type = RwSignal::new("file".to_string());
    let image_url = RwSignal::new(String::new());
    let disk_format = RwSignal::new("qcow2".to_string());
    let architecture = RwSignal::new(String::new());
    let min_disk = RwSignal::new(String::new());
    let min_ram = RwSignal::new(String::new());
    let visibility = RwSignal::new("private".to_string());
    let protected = RwSignal::new(false);
    let file_input = NodeRef::<html::Input>::new();
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let progress = RwSignal::new(None::<Progress>);
    let uploading_id = RwSignal::new(None::<String>);

    let on_file = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(input) = file_input.get_untracked() {
            let file = glue::file_name(&input);
            if name.get_untracked().trim().is_empty() {
                name.set(file.clone());
            }
            if let Some(f) = crate::model::image::format_from_file_name(&file) {
                disk_format.set(f.to_string());
            }
        }
    };

    let finish = move |flash: Flash| {
        busy.set(false);
        progress.set(None);
        uploading_id.set(None);
        on_created.run(flash);
        on_close.run(());
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        let use_file = source_type.get_untracked() == "file";
        #[cfg(feature = "hydrate")]
        let file_size = file_input
            .get_untracked()
            .map(|i| glue::file_size(&i))
            .filter(|n| *n >= 0.0)
            .map(|n| n as u64);
        #[cfg(not(feature = "hydrate"))]
        let file_size: Option<u64> = None;
        busy.set(true);
        let image_name = name.get_untracked().trim().to_string();
        let call = create_image(
            image_name.clone(),
            description.get_untracked(),
            source_type.get_untracked(),
            image_url.get_untracked(),
            if use_file { file_size } else { None },
            disk_format.get_untracked(),
            architecture.get_untracked(),
            min_disk.get_untracked(),
            min_ram.get_untracked(),
            visibility.get_untracked(),
            protected.get_untracked().then(|| "on".to_string()),
        );
        leptos::task::spawn_local(async move {
            match call.await {
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e));
                }
                Ok(_) if !use_file => finish(Flash::info(format!(
                    "Your image {image_name} has been queued for creation."
                ))),
                Ok(id) => {
                    uploading_id.set(Some(id.clone()));
                    let started = now_ms();
                    progress.set(Some(Progress {
                        sent: 0.0,
                        total: file_size.unwrap_or(0) as f64,
                        started_ms: started,
                        now_ms: started,
                    }));
                    start_upload(
                        file_input,
                        id,
                        image_name,
                        progress,
                        error,
                        busy,
                        uploading_id,
                        finish,
                    );
                }
            }
        });
    };

    let cancel_upload = move |_| {
        #[cfg(feature = "hydrate")]
        glue::cancel();
    };

    let bar = move || {
        progress.get().map(|p| {
            let pct = if p.total > 0.0 { (p.sent / p.total * 100.0).min(100.0) } else { 0.0 };
            let left = time_left(p.sent as u64, p.total as u64, p.now_ms - p.started_ms)
                .map(|t| format!(", about {t} left"))
                .unwrap_or_default();
            let text = format!(
                "{} of {} sent ({pct:.0}%){left}",
                size_label(Some(p.sent as i64)),
                size_label(Some(p.total as i64)),
            );
            view! {
                <div class="upload-progress mt-4">
                    <div class="h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar"
                         aria-label="Upload progress" aria-valuemin="0" aria-valuemax="100"
                         aria-valuenow=format!("{pct:.0}") aria-valuetext=text.clone()>
                        <div class="h-3 bg-sky-600 transition-all" style=format!("width: {pct:.1}%")></div>
                    </div>
                    <p class="upload-status mt-1 text-sm text-slate-600" data-sent=format!("{}", p.sent as u64)>{text}</p>
                </div>
            }
        })
    };

    let close = Callback::new(move |_| {
        // Closing mid-upload cancels it (and so deletes the half image).
        if uploading_id.get_untracked().is_some() {
            #[cfg(feature = "hydrate")]
            glue::cancel();
        } else {
            on_close.run(());
        }
    });
    let err = Signal::derive(move || error.get());
    let text_input = move |id: &'static str,
                           label: &'static str,
                           value: RwSignal<String>,
                           kind: &'static str| {
        view! {
            <label for=format!("id_{id}") class=LABEL>{label}</label>
            <input id=format!("id_{id}") name=id type=kind class=INPUT
                   prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <FieldError error=err field=id/>
        }
    };
    view! {
        <Modal title="Create Image" on_close=close>
            <FormBanner error=err/>
            <form on:submit=submit novalidate>
                <fieldset disabled=move || progress.with(Option::is_some)>
                    {text_input("name", "Image Name", name, "text")}
                    <label for="id_description" class=LABEL>"Image Description"</label>
                    <textarea id="id_description" name="description" rows="2" class=INPUT
                              prop:value=move || description.get()
                              on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                    <label for="id_source_type" class=LABEL>"Image Source"</label>
                    <select id="id_source_type" name="source_type" class=INPUT
                            on:change=move |ev| source_type.set(event_target_value(&ev))>
                        <option value="file" selected=move || source_type.get() == "file">"File"</option>
                        <option value="url" selected=move || source_type.get() == "url">"URL"</option>
                    </select>
                    <div class:hidden=move || source_type.get() != "file">
                        <label for="id_image_file" class=LABEL>"Image File"</label>
                        <input id="id_image_file" name="image_file" type="file" node_ref=file_input
                               class="block w-full text-sm" on:change=on_file/>
                        <p class="mt-1 text-xs text-slate-500">"A local image to upload. It is streamed to the image service as it is sent."</p>
                        <FieldError error=err field="image_file"/>
                    </div>
                    <div class:hidden=move || source_type.get() != "url">
                        {text_input("image_url", "Image Location", image_url, "url")}
                        <p class="mt-1 text-xs text-slate-500">"An external (HTTP/HTTPS) URL the image service downloads the image from."</p>
                    </div>
                    <label for="id_disk_format" class=LABEL>"Format"</label>
                    <select id="id_disk_format" name="disk_format" class=INPUT
                            on:change=move |ev| disk_format.set(event_target_value(&ev))>
                        {DISK_FORMATS.iter().map(|(value, label)| view! {
                            <option value=*value selected=move || disk_format.get() == *value>{*label}</option>
                        }).collect_view()}
                    </select>
                    <FieldError error=err field="disk_format"/>
                    {text_input("architecture", "Architecture", architecture, "text")}
                    <div class="grid grid-cols-2 gap-3">
                        <div>{text_input("min_disk", "Minimum Disk (GB)", min_disk, "number")}</div>
                        <div>{text_input("min_ram", "Minimum RAM (MB)", min_ram, "number")}</div>
                    </div>
                    <label for="id_visibility" class=LABEL>"Visibility"</label>
                    <select id="id_visibility" name="visibility" class=INPUT
                            on:change=move |ev| visibility.set(event_target_value(&ev))>
                        <option value="private" selected=move || visibility.get() == "private">"Private"</option>
                        <option value="shared" selected=move || visibility.get() == "shared">"Shared"</option>
                        <option value="community" selected=move || visibility.get() == "community">"Community"</option>
                        {is_admin.then(|| view! {
                            <option value="public" selected=move || visibility.get() == "public">"Public"</option>
                        })}
                    </select>
                    <FieldError error=err field="visibility"/>
                    <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                        <input id="id_protected" name="protected" type="checkbox"
                               prop:checked=move || protected.get()
                               on:change=move |ev| protected.set(event_target_checked(&ev))/>
                        "Protected"
                    </label>
                </fieldset>
                {bar}
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <Show when=move || progress.with(Option::is_some)
                          fallback=move || view! {
                              <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                              <button type="submit" class=PRIMARY disabled=move || busy.get()>"Create Image"</button>
                          }>
                        <button type="button" id="cancel_upload" class=SECONDARY on:click=cancel_upload>"Cancel Upload"</button>
                    </Show>
                </div>
            </form>
        </Modal>
    }
}

/// Starts the browser's upload of the chosen file into image `id`, and wires its progress
/// and its end to the dialog.
#[allow(clippy::too_many_arguments)]
fn start_upload(
    file_input: NodeRef<html::Input>,
    id: String,
    image_name: String,
    progress: RwSignal<Option<Progress>>,
    error: RwSignal<Option<AppError>>,
    busy: RwSignal<bool>,
    uploading_id: RwSignal<Option<String>>,
    finish: impl Fn(Flash) + Copy + 'static,
) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::prelude::*;
        let Some(input) = file_input.get_untracked() else {
            return;
        };
        let on_progress = Closure::<dyn FnMut(f64, f64)>::new(move |sent: f64, total: f64| {
            progress.try_update(|p| {
                if let Some(p) = p {
                    p.sent = sent;
                    p.total = total;
                    p.now_ms = now_ms();
                }
            });
        });
        let keep = std::rc::Rc::new(std::cell::RefCell::new(Some(on_progress)));
        let progress_fn: js_sys::Function = keep
            .borrow()
            .as_ref()
            .map(|c| c.as_ref().unchecked_ref::<js_sys::Function>().clone())
            .expect("just made");
        let image_id = id.clone();
        let on_done = Closure::once_into_js(move |status: f64, text: String| {
            // The progress callback is not needed any more.
            keep.borrow_mut().take();
            let status = status as i32;
            if (200..300).contains(&status) {
                finish(Flash::success(format!(
                    "Your image {image_name} has been uploaded."
                )));
                return;
            }
            // Cancelled or failed: make sure the half image is gone, then say so.
            leptos::task::spawn_local(async move {
                let _ = crate::api::images::discard_image(image_id).await;
                if status == -1 {
                    finish(Flash::info(format!(
                        "Upload of image {image_name} cancelled; the image was not kept."
                    )));
                } else {
                    let _ = progress.try_set(None);
                    let _ = uploading_id.try_set(None);
                    let _ = busy.try_set(false);
                    let _ = error.try_set(Some(AppError::Internal(if text.trim().is_empty() {
                        format!("Unable to upload the image data (HTTP {status}). The image was not kept.")
                    } else {
                        text
                    })));
                }
            });
        });
        glue::start(
            &input,
            &format!("/project/images/{id}/upload/"),
            &progress_fn,
            on_done.unchecked_ref(),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (
            file_input,
            id,
            image_name,
            progress,
            error,
            busy,
            uploading_id,
            finish,
        );
    }
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
