//! Pieces every form uses: the error of a field under it, errors of no field in a banner.
//!
//! Server functions answer bad input with `AppError::BadInput { field, .. }`; the form shows
//! the message next to that field and keeps what was typed.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;
use crate::model::Flash;

/// The error of an action's last run (`None` while it has not failed).
pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// The message for `field`, under its input (`p.field-error`, as Horizon's `.help-block`).
#[component]
pub fn FieldError(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|e| {
                view! {
                    <p class="field-error mt-1 text-sm text-red-700" data-field=field>{e.to_string()}</p>
                }
            })
    }
}

/// An error that belongs to no field, as a banner at the top of the form.
#[component]
pub fn FormBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().filter(|e| e.field().is_none()).map(|e| {
            view! {
                <div class="messages mb-3">
                    <super::messages::Alert flash=Flash::error(e.to_string())/>
                </div>
            }
        })
    }
}

/// Tailwind classes shared by the forms' inputs, labels and buttons.
pub const INPUT: &str = "w-full rounded border border-slate-300 px-3 py-2";
pub const LABEL: &str = "mb-1 mt-3 block text-sm font-medium";
pub const PRIMARY: &str =
    "rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-50";
pub const SECONDARY: &str =
    "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
pub const DANGER: &str = "rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40";
