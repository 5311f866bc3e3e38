//! The Update Metadata dialog's fields, shared by flavors (extra specs) and images
//! (properties): the keys the resource has, each value editable and removable, and keys to
//! add, checked in the browser as they are added and again by the server on save.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::metadata::{validate_spec_key, validate_spec_value, ExtraSpec};

/// A row of the metadata dialog: a key the resource has, or one added in the dialog.
#[derive(Debug, Clone, PartialEq)]
struct SpecRow {
    key: String,
    value: String,
    added: bool,
}

/// The Update Metadata fields, inside the caller's form: the resource's keys (each value
/// editable, each removable) as `form[specs][n][...]`, and a key to add as `form[key]` /
/// `form[value]` (a `MetadataForm` argument named `form`). `error` is the last save's error;
/// `on_add` runs when a key is added (to clear it).
#[component]
pub fn MetadataFields(
    specs: Vec<ExtraSpec>,
    #[prop(into)] error: Signal<Option<AppError>>,
    on_add: Callback<()>,
    #[prop(into)] empty_text: String,
    #[prop(into)] key_placeholder: String,
) -> impl IntoView {
    let rows = RwSignal::new(
        specs
            .into_iter()
            .map(|s| SpecRow {
                key: s.key,
                value: s.value,
                added: false,
            })
            .collect::<Vec<_>>(),
    );
    let new_key = RwSignal::new(String::new());
    let new_value = RwSignal::new(String::new());
    // The Add button's own check, in the browser; the server checks everything again.
    let add_error = RwSignal::new(None::<(String, String)>);
    let saved_error = error;
    let error = move |field: String| {
        move || {
            add_error
                .get()
                .filter(|(f, _)| *f == field)
                .map(|(_, m)| m)
                .or_else(|| {
                    saved_error
                        .get()
                        .filter(|e| e.field() == Some(field.as_str()))
                        .map(|e| e.to_string())
                })
                .map(|m| view! { <p class="field-error mt-1 text-sm text-red-700">{m}</p> })
        }
    };
    let add = move || {
        let key = new_key.get_untracked().trim().to_string();
        let value = new_value.get_untracked();
        let checked = validate_spec_key(&key)
            .map_err(|m| ("key", m.to_string()))
            .and_then(|()| {
                if rows.with_untracked(|r| r.iter().any(|r| r.key == key)) {
                    Err((
                        "key",
                        "This key is already listed: change its value there.".to_string(),
                    ))
                } else {
                    Ok(())
                }
            })
            .and_then(|()| validate_spec_value(&value).map_err(|m| ("value", m.to_string())));
        match checked {
            Err((field, message)) => add_error.set(Some((field.to_string(), message))),
            Ok(()) => {
                rows.update(|r| {
                    r.push(SpecRow {
                        key,
                        value,
                        added: true,
                    })
                });
                new_key.set(String::new());
                new_value.set(String::new());
                add_error.set(None);
                on_add.run(());
            }
        }
    };
    let input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";
    view! {
        <div class="max-h-[50vh] overflow-y-auto rounded border border-slate-200">
                <table id="extra_specs" class="w-full text-sm">
                    <thead class="sticky top-0 bg-slate-50 text-left">
                        <tr>
                            <th class="px-3 py-2">"Key"</th>
                            <th class="px-3 py-2">"Value"</th>
                            <th class="w-20 px-3 py-2 text-center">"Remove"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <Show when=move || rows.with(|r| r.is_empty())>
                            <tr class="empty"><td colspan="3" class="px-3 py-4 text-center text-slate-500">{empty_text.clone()}</td></tr>
                        </Show>
                        <For each={move || rows.get().into_iter().enumerate().collect::<Vec<_>>()}
                             key={|(n, r)| (*n, r.key.clone())}
                             children={move |(n, r): (usize, SpecRow)| {
                                 let removed = RwSignal::new(false);
                                 let value_id = format!("id_value_{n}");
                                 view! {
                                     <tr data-display=r.key.clone() class="border-t border-slate-100"
                                         class=("bg-red-50", move || removed.get())>
                                         <td class="px-3 py-1.5 align-top">
                                             <label for=value_id.clone() class="block break-all pt-[7px] font-mono text-xs leading-4"
                                                    class=("line-through", move || removed.get())>{r.key.clone()}</label>
                                             {r.added.then(|| view! { <span class="text-xs text-emerald-700">"new"</span> })}
                                             <input type="hidden" name=format!("form[specs][{n}][key]") value=r.key.clone()/>
                                         </td>
                                         <td class="px-3 py-1.5 align-top">
                                             <input id=value_id name=format!("form[specs][{n}][value]") value=r.value.clone()
                                                    maxlength="255" class=input class=("opacity-50", move || removed.get())/>
                                             {error(format!("value_{n}"))}
                                         </td>
                                         <td class="px-3 py-1.5 text-center align-top">
                                             <input type="checkbox" id=format!("id_remove_{n}") name=format!("form[specs][{n}][remove]")
                                                    class="mt-2" aria-label=format!("Remove {}", r.key)
                                                    on:change=move |ev| removed.set(event_target_checked(&ev))/>
                                         </td>
                                     </tr>
                                 }
                             }}/>
                    </tbody>
                </table>
            </div>
            <fieldset class="mt-4 rounded border border-slate-200 px-3 pb-3">
                <legend class="px-1 text-sm font-medium">"Add a key"</legend>
                <div class="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
                    <div>
                        <label for="id_key" class="mb-1 block text-sm">"Key"</label>
                        <input id="id_key" name="form[key]" maxlength="255" class=input placeholder=key_placeholder
                               prop:value=move || new_key.get()
                               on:input=move |ev| new_key.set(event_target_value(&ev))
                               on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                        {error("key".to_string())}
                    </div>
                    <div>
                        <label for="id_value" class="mb-1 block text-sm">"Value"</label>
                        <input id="id_value" name="form[value]" maxlength="255" class=input
                               prop:value=move || new_value.get()
                               on:input=move |ev| new_value.set(event_target_value(&ev))
                               on:keydown=move |ev| if ev.key() == "Enter" { ev.prevent_default(); add(); }/>
                        {error("value".to_string())}
                    </div>
                    <button type="button" class="mt-6 rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
                            on:click=move |_| add()>"Add"</button>
                </div>
            </fieldset>
    }
}
