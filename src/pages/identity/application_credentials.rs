//! Identity › Application Credentials (`/identity/application_credentials/`): the user's
//! own credentials for scripts and tools. The secret is shown once, after creation, with
//! the RC file and clouds.yaml made from it.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::app_credentials::{
    list_app_credentials, CreateAppCredential, DeleteAppCredentials,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{
    action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY,
};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal::Modal;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::api_access::{AppCredentialRow, CreatedAppCredential};
use crate::model::batch::batch_flashes;
use crate::model::Flash;
use crate::nav::encode_query_value;

#[component]
pub fn AppCredentialsPage() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let list = Resource::new(move || refresh.get(), |_| list_app_credentials());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let create_open = RwSignal::new(false);
    let confirm_open = RwSignal::new(false);
    // The one deletion a row asked for, or None for the selected rows.
    let row_delete = RwSignal::new(None::<(String, String)>);
    let created = RwSignal::new(None::<CreatedAppCredential>);

    let create = ServerAction::<CreateAppCredential>::new();
    Effect::new(move |_| {
        if let Some(Ok(made)) = create.value().get() {
            create_open.set(false);
            created.set(Some(made));
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteAppCredentials>::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Deleted application credential",
                "Unable to delete application credential",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let to_delete = move || -> Vec<(String, String)> {
        if let Some(one) = row_delete.get() {
            return vec![one];
        }
        let ids = selected.get();
        list.get()
            .and_then(|r| r.ok())
            .map(|(rows, _)| {
                rows.into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.name))
                    .collect()
            })
            .unwrap_or_default()
    };
    provide_context((row_delete, confirm_open));

    view! {
        <Title text="Application Credentials"/>
        <h1 class="mb-4 text-2xl font-semibold">"Application Credentials"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <div class="table_actions mb-3 flex flex-wrap justify-end gap-2">
            <button type="button" id="application_credentials__action_create"
                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                    on:click=move |_| create_open.set(true)>"Create Application Credential"</button>
            <button type="button" id="application_credentials__action_delete"
                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                    disabled=move || selected.with(|s| s.is_empty())
                    on:click=move |_| { row_delete.set(None); confirm_open.set(true); }>"Delete Application Credentials"</button>
        </div>
        <Transition fallback=|| view! { <p>"Loading application credentials…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok((rows, roles)) => view! {
                        <CredentialsTable rows=rows selected=selected/>
                        <Show when=move || create_open.get()>
                            <CreateDialog action=create roles=roles.clone()
                                          on_close=Callback::new(move |_| create_open.set(false))/>
                        </Show>
                    }.into_any(),
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Transition>
        {move || created.get().map(|made| view! {
            <SecretDialog made=made on_close=Callback::new(move |_| created.set(None))/>
        })}
        <ConfirmDialog open=confirm_open
                       title=Signal::derive(move || if row_delete.with(Option::is_some) {
                           "Confirm Delete Application Credential".to_string()
                       } else {
                           "Confirm Delete Application Credentials".to_string()
                       })
                       body=Signal::derive(move || {
                           let names: Vec<String> = to_delete().into_iter().map(|(_, n)| n).collect();
                           format!("You have selected: {}. Scripts using them stop working.", names.join(", "))
                       })
                       confirm_label="Delete"
                       on_confirm=Callback::new(move |_| {
                           let credentials = to_delete();
                           if !credentials.is_empty() {
                               delete.dispatch(DeleteAppCredentials { credentials });
                           }
                       })/>
    }
}

#[component]
fn CredentialsTable(rows: Vec<AppCredentialRow>, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let (row_delete, confirm_open) =
        expect_context::<(RwSignal<Option<(String, String)>>, RwSignal<bool>)>();
    let count = rows.len();
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let body = if rows.is_empty() {
        view! { <EmptyRow colspan=7/> }.into_any()
    } else {
        rows.into_iter()
            .map(|r| {
                let (id, name) = (r.id.clone(), r.name.clone());
                view! {
                    <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW>
                        <td class=TD><SelectRow id=r.id.clone() label=r.name.clone() selected=selected/></td>
                        <td class=format!("{TD} name font-medium")>{r.name.clone()}</td>
                        <td class=format!("{TD} project_id font-mono text-xs")>{r.project_id.clone()}</td>
                        <td class=format!("{TD} description")>{if r.description.is_empty() { "-".to_string() } else { r.description.clone() }}</td>
                        <td class=format!("{TD} expires_at")>{r.expires.clone()}</td>
                        <td class=format!("{TD} roles")>{format!("{}{}", r.roles.join(", "), if r.unrestricted { " (unrestricted)" } else { "" })}</td>
                        <td class="actions_column px-3 py-2 text-right">
                            <button type="button" class="btn-delete rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                    on:click=move |_| { row_delete.set(Some((id.clone(), name.clone()))); confirm_open.set(true); }>
                                "Delete Application Credential"
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <table id="application_credentials" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th>
                    <th class=TH>"Name"</th>
                    <th class=TH>"Project ID"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Expiration"</th>
                    <th class=TH>"Roles"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=7 count=count/>
        </table>
    }
}

#[component]
fn CreateDialog(
    action: ServerAction<CreateAppCredential>,
    roles: Vec<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Create Application Credential" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Name"</label>
                <input id="id_name" name="name" maxlength="255" class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_description" class=LABEL>"Description"</label>
                <textarea id="id_description" name="description" rows="2" class=INPUT></textarea>
                <label for="id_secret" class=LABEL>"Secret"</label>
                <input id="id_secret" name="secret" type="password" autocomplete="new-password" class=INPUT/>
                <p class="mt-1 text-xs text-slate-500">"Leave empty and Keystone makes one."</p>
                <div class="grid grid-cols-2 gap-3">
                    <div>
                        <label for="id_expiration_date" class=LABEL>"Expiration Date"</label>
                        <input id="id_expiration_date" name="expiration_date" type="date" class=INPUT/>
                        <FieldError error=error field="expiration_date"/>
                    </div>
                    <div>
                        <label for="id_expiration_time" class=LABEL>"Expiration Time (UTC)"</label>
                        <input id="id_expiration_time" name="expiration_time" type="time" class=INPUT/>
                        <FieldError error=error field="expiration_time"/>
                    </div>
                </div>
                <fieldset class="mt-3">
                    <legend class="text-sm font-medium">"Roles"</legend>
                    <p class="text-xs text-slate-500">"None chosen: all of yours in this project."</p>
                    {roles.into_iter().enumerate().map(|(n, r)| view! {
                        <label class="mr-4 inline-flex items-center gap-1 text-sm">
                            <input type="checkbox" id=format!("id_roles_{n}") name=format!("roles[{n}]") value=r.clone()/>
                            {r.clone()}
                        </label>
                    }).collect_view()}
                    <FieldError error=error field="roles"/>
                </fieldset>
                <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                    <input id="id_unrestricted" name="unrestricted" type="checkbox"/>
                    "Unrestricted (dangerous)"
                </label>
                <p class="mt-1 text-xs text-slate-500">"An unrestricted credential may create and delete other application credentials and trusts."</p>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Application Credential"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// The secret, once, with the two files made from it (as data: links: nothing is kept on
/// the server to fetch them from later).
#[component]
fn SecretDialog(made: CreatedAppCredential, on_close: Callback<()>) -> impl IntoView {
    let rc = format!(
        "data:text/x-shellscript;charset=utf-8,{}",
        encode_query_value(&made.openrc)
    );
    let yaml = format!(
        "data:application/x-yaml;charset=utf-8,{}",
        encode_query_value(&made.clouds_yaml)
    );
    let link = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
    view! {
        <Modal title="Your Application Credential" on_close=on_close>
            <p class="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                "This is the only time the secret is shown. Save it, or download a file with it, now."
            </p>
            <dl class="grid grid-cols-[6rem_1fr] gap-x-4 gap-y-2 text-sm">
                <dt class="font-medium text-slate-500">"Name"</dt><dd>{made.name.clone()}</dd>
                <dt class="font-medium text-slate-500">"ID"</dt><dd id="app_credential_id" class="break-all font-mono text-xs">{made.id.clone()}</dd>
                <dt class="font-medium text-slate-500">"Secret"</dt><dd id="app_credential_secret" class="break-all font-mono text-xs">{made.secret.clone()}</dd>
            </dl>
            <div class="modal-footer mt-4 flex flex-wrap justify-end gap-2">
                <a class=link href=rc download=format!("app-cred-{}-openrc.sh", made.name)>"Download openrc file"</a>
                <a class=link href=yaml download="clouds.yaml">"Download clouds.yaml"</a>
                <button type="button" class=PRIMARY on:click=move |_| on_close.run(())>"Close"</button>
            </div>
        </Modal>
    }
}
