//! A modal form dialog in Horizon's markup (`.modal-dialog`), closed by its × button.

use leptos::prelude::*;

/// `wide` makes room for a table (Update Metadata).
#[component]
pub fn Modal(
    #[prop(into)] title: String,
    on_close: Callback<()>,
    #[prop(optional)] wide: bool,
    children: Children,
) -> impl IntoView {
    let width = if wide { "max-w-2xl" } else { "max-w-lg" };
    view! {
        <div class="modal fixed inset-0 z-40 flex items-center justify-center bg-slate-900/50 p-4">
            <div class=format!("modal-dialog max-h-[calc(100vh-2rem)] w-full {width} overflow-y-auto rounded-lg bg-white shadow-xl") role="dialog" aria-modal="true" aria-label=title.clone()>
                <div class="modal-content">
                <div class="modal-header flex items-center border-b border-slate-200 px-5 py-3">
                    <h2 class="flex-1 text-lg font-semibold">{title.clone()}</h2>
                    <button type="button" aria-label="Close" class="text-xl text-slate-500 hover:text-slate-800"
                            on:click=move |_| on_close.run(())>"×"</button>
                </div>
                <div class="modal-body px-5 py-4">{children()}</div>
                </div>
            </div>
        </div>
    }
}
