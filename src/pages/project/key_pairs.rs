//! Project › Key Pairs (`/project/key_pairs/`): list, create (the private key downloads
//! once), import a public key, delete; and a key pair's detail page
//! (`/project/key_pairs/<name>/`).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::keypairs::{keypair_detail, list_keypairs, DeleteKeypairs, ImportKeypair};
use crate::components::confirm::ConfirmPending;
use crate::components::data_table::{Column, DataTable, RowActions, TableAction, TableRow, Tone};
use crate::components::form::{action_error, FieldError, INPUT, LABEL, PRIMARY};
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::modal_form::ModalForm;
use crate::components::notice::NotFoundNotice;
use crate::components::panel::{Panel, Wording};
use crate::components::row_menu::RowAction;
use crate::error::AppError;
use crate::model::keypair::{KeypairDetail, KeypairRow};
use crate::model::Flash;
use crate::nav::encode_path_segment;

const DELETE: Wording = Wording {
    one: "Delete Key Pair",
    many: "Delete Key Pairs",
    done_one: "Deleted Key Pair",
    done_many: "Deleted Key Pairs",
    failed: "Unable to delete Key Pair",
};

/// A key pair's name is its id.
impl TableRow for KeypairRow {
    fn id(&self) -> String {
        self.name.clone()
    }
    fn display(&self) -> String {
        self.name.clone()
    }
}

#[derive(Clone, Copy)]
enum Dialog {
    Create,
    Import,
}

#[component]
pub fn KeyPairsPage() -> impl IntoView {
    let shell = use_shell();
    let panel = Panel::<Dialog>::new();
    let keypairs = Resource::new(move || panel.version.get(), |_| list_keypairs());
    let rows = Signal::derive(move || keypairs.get().and_then(Result::ok).unwrap_or_default());

    let delete = ServerAction::<DeleteKeypairs>::new();
    panel.on_batch(delete, DELETE);
    let delete_rows = move |items: Vec<(String, String)>| {
        delete.dispatch(DeleteKeypairs {
            names: items.into_iter().map(|(name, _)| name).collect(),
        });
    };
    let import = ServerAction::<ImportKeypair>::new();
    panel.on_done(import, |name| {
        Flash::success(format!("Successfully imported public key: {name}"))
    });

    let columns = vec![
        Column::view("name", "Name", |k: &KeypairRow| {
            view! {
                <a class="font-medium text-sky-700 hover:underline"
                   href=format!("/project/key_pairs/{}/", encode_path_segment(&k.name))>{k.name.clone()}</a>
                <details class="mt-0.5">
                    <summary class="cursor-pointer text-xs text-slate-500">"Public key"</summary>
                    <pre class="public-key mt-2 max-w-xl whitespace-pre-wrap break-all rounded bg-slate-50 p-2 font-mono text-xs">{k.public_key.clone()}</pre>
                </details>
            }
            .into_any()
        }),
        Column::text("type", "Type", |k: &KeypairRow| k.key_type.clone()),
        Column::view("fingerprint", "Fingerprint", |k: &KeypairRow| {
            view! { <span class="font-mono text-xs">{k.fingerprint.clone()}</span> }.into_any()
        }),
    ];

    view! {
        <Title text="Key Pairs"/>
        <h1 class="mb-4 text-2xl font-semibold">"Key Pairs"</h1>
        {move || view! { <Messages messages=panel.messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading key pairs…"</p> }>
            {move || keypairs.get().and_then(Result::err).map(|e| view! { <ErrorBanner error=e/> })}
            {move || {
                let columns = columns.clone();
                Suspend::new(async move {
                    // A reader is offered nothing that changes anything (the server refuses it too).
                    let can_change = can_change(shell).await;
                    let actions = can_change.then(|| {
                        Arc::new(move |k: &KeypairRow| {
                            let name = k.name.clone();
                            vec![RowAction::new(DELETE.one, "delete", move || {
                                let name = name.clone();
                                panel.ask(DELETE.one, vec![name.clone()], move || {
                                    delete_rows(vec![(name.clone(), name.clone())])
                                });
                            })
                            .danger()]
                        }) as RowActions<KeypairRow>
                    });
                    view! {
                        {can_change.then(|| view! {
                            <div class="table_actions mb-3 flex flex-wrap gap-2">
                                <TableAction table="keypairs" name="create" label="+ Create Key Pair" tone=Tone::Primary
                                             on_click=Callback::new(move |_| panel.open(Dialog::Create))/>
                                <TableAction table="keypairs" name="import" label="Import Public Key" tone=Tone::Default
                                             on_click=Callback::new(move |_| panel.open(Dialog::Import))/>
                                <div class="flex-1"></div>
                                <TableAction table="keypairs" name="delete" tone=Tone::Danger
                                             label=Signal::derive(move || DELETE.many.to_string())
                                             disabled=Signal::derive(move || panel.selected.with(Vec::is_empty))
                                             on_click=Callback::new(move |_| panel.ask_selected(DELETE, delete_rows))/>
                            </div>
                        })}
                        <DataTable name="keypairs" rows=rows columns=columns
                                   selection=can_change.then_some(panel.selected)
                                   actions=actions/>
                    }
                })
            }}
        </Transition>
        {move || panel.dialog.get().map(|d| match d {
            Dialog::Create => view! { <CreateDialog panel=panel/> }.into_any(),
            Dialog::Import => view! { <ImportDialog action=import on_close=panel.closer()/> }.into_any(),
        })}
        <ConfirmPending confirm=panel.confirm/>
    }
}

/// Create Key Pair is a plain form that posts to `/project/key_pairs/create/`: the answer is
/// the private key as a download, so Meridian never holds it.
#[component]
fn CreateDialog(panel: Panel<Dialog>) -> impl IntoView {
    // The download happens in the browser; the list is asked for again once Nova has it.
    let on_submit = move |_| {
        // Closing the dialog removes the form: not before the browser has sent it.
        set_timeout(move || panel.close(), std::time::Duration::from_millis(300));
        for delay in [800u64, 2500] {
            set_timeout(
                move || panel.refresh(),
                std::time::Duration::from_millis(delay),
            );
        }
    };
    view! {
        <Modal title="Create Key Pair" on_close=panel.closer()>
            <form method="post" action="/project/key_pairs/create/" on:submit=on_submit>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Key Pair Name"</label>
                <input id="id_name" name="name" required maxlength="255" class=INPUT/>
                <p class="mt-2 text-xs text-slate-500">
                    "The private key downloads once, as <name>.pem. Meridian keeps no copy: store it safely."
                </p>
                <div class="modal-footer mt-4 flex justify-end">
                    <button type="submit" class=format!("btn btn-primary {PRIMARY}") value="Create Key Pair">"Create Key Pair"</button>
                </div>
            </form>
        </Modal>
    }
}

#[component]
fn ImportDialog(action: ServerAction<ImportKeypair>, on_close: Callback<()>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <ModalForm title="Import Public Key" action=action submit="Import Public Key" on_close=on_close>
            <label for="id_name" class="mb-1 block text-sm font-medium">"Key Pair Name"</label>
            <input id="id_name" name="name" required maxlength="255" class=INPUT/>
            <FieldError error=error field="name"/>
            <label for="id_public_key" class=LABEL>"Public Key"</label>
            <textarea id="id_public_key" name="public_key" rows="5" required
                      class=format!("{INPUT} font-mono text-xs")></textarea>
            <FieldError error=error field="public_key"/>
            <label for="id_public_key_file" class=LABEL>"Or load it from a file"</label>
            <input id="id_public_key_file" type="file" accept=".pub,text/plain" class="text-sm"
                   on:change=load_key_file/>
        </ModalForm>
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
