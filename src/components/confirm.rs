//! A confirmation dialog for destructive actions, in Horizon's markup (`.modal-dialog`, the
//! confirming button `.btn-danger`).

use leptos::prelude::*;

use super::panel::Confirm;

/// Shown while `open` is true. `on_confirm` runs when the user confirms; either button
/// closes the dialog.
#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            {dialog(
                title,
                body,
                confirm_label.clone(),
                Callback::new(move |_| open.set(false)),
                Callback::new(move |_| {
                    // Confirm first: closing may dispose the dialog's owner.
                    on_confirm.run(());
                    open.set(false);
                }),
            )}
        </Show>
    }
}

/// The panel's one confirmation dialog (`Panel::ask`): shown while a question is pending,
/// titled "Confirm <action>", its button the action's own words.
#[component]
pub fn ConfirmPending(confirm: RwSignal<Option<Confirm>>) -> impl IntoView {
    move || {
        confirm.get().map(|c| {
            let body = format!("You have selected: {}.", c.names.join(", "));
            let run = c.on_confirm;
            dialog(
                Signal::stored(format!("Confirm {}", c.action)),
                Signal::stored(body),
                c.action.clone(),
                Callback::new(move |_| confirm.set(None)),
                Callback::new(move |_| {
                    run.run(());
                    confirm.set(None);
                }),
            )
        })
    }
}

fn dialog(
    title: Signal<String>,
    body: Signal<String>,
    confirm_label: String,
    on_cancel: Callback<()>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let title_id = "confirm-dialog-title";
    view! {
        <div class="modal fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4">
            <div class="modal-dialog w-full max-w-md rounded-lg bg-white shadow-xl"
                 role="dialog" aria-modal="true" aria-labelledby=title_id>
                <div class="modal-content">
                    <div class="modal-header border-b border-slate-200 px-5 py-3">
                        <h2 id=title_id class="text-lg font-semibold">{move || title.get()}</h2>
                    </div>
                    <div class="modal-body px-5 py-4 text-sm">
                        <p>{move || body.get()}</p>
                        <p class="mt-2 text-slate-500">"Please confirm your selection. This action cannot be undone."</p>
                    </div>
                    <div class="modal-footer flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
                        <button type="button" class="btn btn-default rounded border border-slate-300 px-4 py-1.5 hover:bg-slate-50"
                                on:click=move |_| on_cancel.run(())>"Cancel"</button>
                        <button type="button" class="btn btn-danger rounded bg-red-700 px-4 py-1.5 font-medium text-white hover:bg-red-800"
                                on:click=move |_| on_confirm.run(())>
                            {confirm_label}
                        </button>
                    </div>
                </div>
            </div>
        </div>
    }
}
