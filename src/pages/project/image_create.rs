//! Create Image (Project › Images): the form, then for a file the upload, with a progress
//! bar (bytes sent, time left) and Cancel. The image record is made first by a server
//! function; the file's bytes then go from the browser to Meridian's upload route, which
//! streams them to Glance (`server::image_upload`). Cancel, or a refusal from Glance, leaves
//! no half image behind.

use leptos::html;
use leptos::prelude::*;

use crate::api::images::create_image;
use crate::components::form::{FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY};
use crate::components::modal::Modal;
use crate::error::AppError;
use crate::model::image::{size_label, time_left, DISK_FORMATS};
use crate::model::Flash;

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

/// The size of the file chosen in `input`, if any (only the browser knows).
fn chosen_file_size(input: NodeRef<html::Input>) -> Option<u64> {
    #[cfg(feature = "hydrate")]
    {
        input
            .get_untracked()
            .map(|i| glue::file_size(&i))
            .filter(|n| *n >= 0.0)
            .map(|n| n as u64)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = input;
        None
    }
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
pub fn CreateImageDialog(
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
        let file_size = chosen_file_size(file_input);
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
