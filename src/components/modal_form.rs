//! A form in a dialog, in Horizon's markup: `.modal-dialog` › `.modal-content` › `form` with
//! `.modal-header`, `.modal-body` and `.modal-footer`; the submit is `.btn-primary` whose
//! `value` is its action word. The form is a real `ActionForm`: it posts before hydration too.
//! An error of a field shows under it (`FieldError`), any other in the form's banner.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;

use super::form::{action_error, FormBanner, PRIMARY, SECONDARY};
use crate::error::AppError;

#[component]
pub fn ModalForm<S, P>(
    #[prop(into)] title: String,
    action: ServerAction<S>,
    /// The submit button's words ("Create Server Group").
    submit: &'static str,
    on_close: Callback<()>,
    /// Room for a table (Manage Members).
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView
where
    S: DeserializeOwned
        + ServerFn<Protocol = Http<PostUrl, P>, Error = AppError>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Client: Client<AppError>,
    <<S::Client as Client<AppError>>::Request as ClientReq<AppError>>::FormData: From<FormData>,
    S::Output: Clone + Send + Sync + 'static,
    P: 'static,
{
    let error = action_error(action);
    let width = if wide { "max-w-2xl" } else { "max-w-lg" };
    let title_id = format!("modal-title-{}", title.to_lowercase().replace(' ', "-"));
    let heading_id = title_id.clone();
    view! {
        <div class="modal fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4">
            <div class=format!("modal-dialog max-h-[calc(100vh-2rem)] w-full {width} overflow-y-auto rounded-lg bg-white shadow-xl")
                 role="dialog" aria-modal="true" aria-labelledby=title_id>
                <div class="modal-content">
                    <ActionForm action=action>
                        <div class="modal-header flex items-center border-b border-slate-200 px-5 py-3">
                            <h2 id=heading_id class="flex-1 text-lg font-semibold">{title.clone()}</h2>
                            <button type="button" aria-label="Close" class="close text-xl text-slate-500 hover:text-slate-800"
                                    on:click=move |_| on_close.run(())>"×"</button>
                        </div>
                        <div class="modal-body px-5 py-4">
                            <FormBanner error=error/>
                            {children()}
                        </div>
                        <div class="modal-footer flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
                            <button type="button" class=format!("btn btn-default cancel {SECONDARY}")
                                    on:click=move |_| on_close.run(())>"Cancel"</button>
                            <button type="submit" class=format!("btn btn-primary {PRIMARY}") value=submit
                                    disabled=move || action.pending().get()>{submit}</button>
                        </div>
                    </ActionForm>
                </div>
            </div>
        </div>
    }
}
