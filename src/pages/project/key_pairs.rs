//! Project › Key Pairs (`/project/key_pairs/`): list, create (the private key downloads
//! once), import a public key, delete; and a key pair's detail page
//! (`/project/key_pairs/<name>/`).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::keypairs::{keypair_detail, list_keypairs, DeleteKeypairs, ImportKeypair};
use crate::components::confirm::ConfirmDialog;
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::{batch_flashes, ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::notice::NotFoundNotice;
use crate::error::AppError;
use crate::model::keypair::{KeypairDetail, KeypairRow};
use crate::model::Flash;
use crate::nav::encode_path_segment;

#[component]
pub fn KeyPairsPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let keypairs = Resource::new(move || refresh.get(), |_| list_keypairs());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let confirm_open = RwSignal::new(false);
    let create_open = RwSignal::new(false);
    let import_open = RwSignal::new(false);

    let delete = ServerAction::<DeleteKeypairs>::new();
    provide_context(delete);
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(
                r,
                "Deleted Key Pair",
                "Unable to delete Key Pair",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });

    let import = ServerAction::<ImportKeypair>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = import.value().get() {
            messages.set(vec![Flash::success(format!(
                "Successfully imported public key: {name}"
            ))]);
            import_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let import_error = move |field: &'static str| {
        move || {
            import
                .value()
                .get()
                .and_then(|r| r.err())
                .filter(|e| e.field() == Some(field))
                .map(|e| {
                    view! { <p class="field-error mt-1 text-sm text-red-700">{e.to_string()}</p> }
                })
        }
    };
    let import_banner = move || {
        import.value().get().and_then(|r| r.err()).filter(|e| e.field().is_none()).map(|e| {
            view! { <div class="messages mb-3"><crate::components::messages::Alert flash=Flash::error(e.to_string())/></div> }
        })
    };

    // The download happens in the browser; the list is asked for again once Nova has it.
    let on_create_submit = move |_| {
        // Closing the dialog removes the form: not before the browser has sent it.
        set_timeout(
            move || create_open.set(false),
            std::time::Duration::from_millis(300),
        );
        for delay in [800u64, 2500] {
            set_timeout(
                move || refresh.update(|n| *n += 1),
                std::time::Duration::from_millis(delay),
            );
        }
    };

    view! {
        <Title text="Key Pairs"/>
        <h1 class="mb-4 text-2xl font-semibold">"Key Pairs"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        // A reader is offered nothing that changes anything (the server refuses it too).
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                can_change(shell).await.then(|| view! {
                    <div class="table_actions mb-3 flex flex-wrap gap-2">
                        <button type="button" id="keypairs__action_create" class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                on:click=move |_| create_open.set(true)>"+ Create Key Pair"</button>
                        <button type="button" id="keypairs__action_import" class="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50"
                                on:click=move |_| import_open.set(true)>"Import Public Key"</button>
                        <div class="flex-1"></div>
                        <button type="button" id="keypairs__action_delete" class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                disabled=move || selected.with(|s| s.is_empty())
                                on:click=move |_| confirm_open.set(true)>"Delete Key Pairs"</button>
                    </div>
                })
            })}
        </Suspense>
        <Transition fallback=|| view! { <p>"Loading key pairs…"</p> }>
            {move || Suspend::new(async move {
                let can_change = can_change(shell).await;
                match keypairs.await {
                    Ok(rows) => view! { <KeypairsTable rows=rows selected=selected can_change=can_change/> }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>

        <Show when=move || create_open.get()>
            <Modal title="Create Key Pair" on_close=Callback::new(move |_| create_open.set(false))>
                <form method="post" action="/project/key_pairs/create/" on:submit=on_create_submit>
                    <label for="id_name" class="mb-1 block text-sm font-medium">"Key Pair Name"</label>
                    <input id="id_name" name="name" required maxlength="255"
                           class="w-full rounded border border-slate-300 px-3 py-2"/>
                    <p class="mt-2 text-xs text-slate-500">
                        "The private key downloads once, as <name>.pem. Meridian keeps no copy: store it safely."
                    </p>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800">"Create Key Pair"</button>
                    </div>
                </form>
            </Modal>
        </Show>

        <Show when=move || import_open.get()>
            <Modal title="Import Public Key" on_close=Callback::new(move |_| import_open.set(false))>
                {import_banner}
                <ActionForm action=import>
                    <label for="id_name" class="mb-1 block text-sm font-medium">"Key Pair Name"</label>
                    <input id="id_name" name="name" required maxlength="255"
                           class="w-full rounded border border-slate-300 px-3 py-2"/>
                    {import_error("name")}
                    <label for="id_public_key" class="mb-1 mt-3 block text-sm font-medium">"Public Key"</label>
                    <textarea id="id_public_key" name="public_key" rows="5" required
                              class="w-full rounded border border-slate-300 px-3 py-2 font-mono text-xs"></textarea>
                    {import_error("public_key")}
                    <label for="id_public_key_file" class="mb-1 mt-3 block text-sm font-medium">"Or load it from a file"</label>
                    <input id="id_public_key_file" type="file" accept=".pub,text/plain" class="text-sm"
                           on:change=load_key_file/>
                    <div class="mt-4 flex justify-end">
                        <button type="submit" class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800"
                                disabled=move || import.pending().get()>"Import Public Key"</button>
                    </div>
                </ActionForm>
            </Modal>
        </Show>

        <ConfirmDialog open=confirm_open title="Confirm Delete Key Pairs"
                       body=Signal::derive(move || format!("You have selected: {}.", selected.get().join(", ")))
                       confirm_label="Delete Key Pairs"
                       on_confirm=Callback::new(move |_| {
                           let names = selected.get_untracked();
                           if !names.is_empty() { delete.dispatch(DeleteKeypairs { names }); }
                       })/>
    }
}

/// Reads the chosen file into the public key field (in the browser; nothing is uploaded).
fn load_key_file(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let promise = file.text();
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(promise).await {
                if let (Some(text), Some(doc)) = (
                    text.as_string(),
                    web_sys::window().and_then(|w| w.document()),
                ) {
                    if let Some(area) = doc
                        .get_element_by_id("id_public_key")
                        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    {
                        area.set_value(text.trim());
                    }
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

#[component]
fn KeypairsTable(
    rows: Vec<KeypairRow>,
    selected: RwSignal<Vec<String>>,
    can_change: bool,
) -> impl IntoView {
    let count = rows.len();
    let delete = expect_context::<ServerAction<DeleteKeypairs>>();
    view! {
        <table id="keypairs" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"></th>
                    <th class="px-3 py-2">"Name"</th>
                    <th class="px-3 py-2">"Type"</th>
                    <th class="px-3 py-2">"Fingerprint"</th>
                    <th class="px-3 py-2">"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if rows.is_empty() {
                    view! { <tr class="empty"><td colspan="5" class="px-3 py-6 text-center text-slate-500">"No items to display."</td></tr> }.into_any()
                } else {
                    rows.into_iter().map(|k| {
                        let name = k.name.clone();
                        let n2 = name.clone();
                        let n3 = name.clone();
                        let confirm_open = RwSignal::new(false);
                        view! {
                            <tr data-display=k.name.clone() class="border-t border-slate-100 hover:bg-slate-50">
                                <td class="px-3 py-2">
                                    {can_change.then(|| view! {
                                        <input type="checkbox" aria-label=format!("Select {}", k.name)
                                               prop:checked=move || selected.with(|s| s.contains(&n2))
                                               on:change=move |ev| {
                                                   let n = n3.clone();
                                                   if event_target_checked(&ev) { selected.update(|s| if !s.contains(&n) { s.push(n) }) }
                                                   else { selected.update(|s| s.retain(|x| *x != n)) }
                                               }/>
                                    })}
                                </td>
                                <td class="px-3 py-2">
                                    <a class="font-medium text-sky-700 hover:underline"
                                       href=format!("/project/key_pairs/{}/", encode_path_segment(&k.name))>{k.name.clone()}</a>
                                    <details class="mt-0.5">
                                        <summary class="cursor-pointer text-xs text-slate-500">"Public key"</summary>
                                        <pre class="public-key mt-2 max-w-xl whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{k.public_key.clone()}</pre>
                                    </details>
                                </td>
                                <td class="px-3 py-2">{k.key_type.clone()}</td>
                                <td class="px-3 py-2 font-mono text-xs">{k.fingerprint.clone()}</td>
                                <td class="actions_column whitespace-nowrap px-3 py-2">
                                    {can_change.then(|| view! {
                                        <button type="button" class="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                                on:click=move |_| confirm_open.set(true)>"Delete Key Pair"</button>
                                        <ConfirmDialog open=confirm_open title="Confirm Delete Key Pair"
                                                       body=Signal::derive({ let n = name.clone(); move || format!("You have selected: {n}.") })
                                                       confirm_label="Delete Key Pair"
                                                       on_confirm=Callback::new(move |_| { delete.dispatch(DeleteKeypairs { names: vec![name.clone()] }); })/>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <tfoot>
                <tr><td colspan="5" class="border-t border-slate-200 px-3 py-2 text-slate-600">
                    <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
                </td></tr>
            </tfoot>
        </table>
    }
}

/// A key pair's details, as Horizon shows them (`/project/key_pairs/<name>/`). A name the
/// user has no key pair by is the not-found page (404).
#[component]
pub fn KeyPairDetailPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let detail = Resource::new(move || name.get(), keypair_detail);
    view! {
        <Suspense fallback=|| view! { <p>"Loading key pair…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(k) => view! { <KeypairDetailView k=k/> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFoundNotice/> }.into_any(),
                    Err(e) => view! { <Title text="Key Pair Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn KeypairDetailView(k: KeypairDetail) -> impl IntoView {
    let row = |label: &'static str, class: &'static str, value: AnyView| {
        view! {
            <dt class="font-medium text-slate-500">{label}</dt>
            <dd class=class>{value}</dd>
        }
    };
    let created = match (k.created, k.created_shown) {
        (Some(t), Some(shown)) => view! {
            <time datetime=t.to_rfc3339()>{shown}</time>
        }
        .into_any(),
        _ => "-".into_any(),
    };
    view! {
        <Title text=format!("Key Pair Details: {}", k.name)/>
        <nav class="breadcrumb mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
            <a class="text-sky-700 hover:underline" href="/project/key_pairs/">"Key Pairs"</a>
            " / "{k.name.clone()}
        </nav>
        <h1 class="mb-4 text-2xl font-semibold">{k.name.clone()}</h1>
        <section id="keypair_detail" class="detail max-w-3xl rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <h2 class="mb-3 font-semibold">"Key Pair Details"</h2>
            <dl class="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                {row("Name", "name", k.name.clone().into_any())}
                {row("Fingerprint", "fingerprint font-mono text-xs leading-5", k.fingerprint.clone().into_any())}
                {row("Type", "type", k.key_type.clone().into_any())}
                {row("Created", "created", created)}
                {k.user_name.clone().map(|u| row("User", "user", u.into_any()))}
                {row("User ID", "user-id font-mono text-xs leading-5", k.user_id.clone().into_any())}
                <dt class="font-medium text-slate-500">"Public Key"</dt>
                <dd>
                    <pre class="public-key select-all whitespace-pre-wrap break-all rounded border border-slate-200 bg-slate-50 p-3 font-mono text-xs"
                         aria-label="Public Key">{k.public_key.clone()}</pre>
                </dd>
            </dl>
        </section>
    }
}
