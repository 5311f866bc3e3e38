//! Pieces of a Horizon-style table (`table#<name>`, rows `tr[data-display=<name>]`): the
//! selection checkboxes for batch actions, the empty row and the item count.

use leptos::prelude::*;

/// The checkbox that puts one row (by id) in the batch selection.
#[component]
pub fn SelectRow(
    id: String,
    #[prop(into)] label: String,
    selected: RwSignal<Vec<String>>,
) -> impl IntoView {
    let id2 = id.clone();
    view! {
        <input type="checkbox" class="select-row" aria-label=format!("Select {label}")
               prop:checked=move || selected.with(|s| s.contains(&id))
               on:change=move |ev| {
                   let id = id2.clone();
                   if event_target_checked(&ev) {
                       selected.update(|s| if !s.contains(&id) { s.push(id) });
                   } else {
                       selected.update(|s| s.retain(|x| *x != id));
                   }
               }/>
    }
}

/// The header checkbox: selects every row shown (`all`), or none.
#[component]
pub fn SelectAll(all: Vec<String>, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let count = all.len();
    view! {
        <input type="checkbox" class="select-all" aria-label="Select all"
               prop:checked=move || { count != 0 && selected.with(|s| s.len() == count) }
               on:change=move |ev| {
                   if event_target_checked(&ev) { selected.set(all.clone()) } else { selected.set(vec![]) }
               }/>
    }
}

/// The row a table shows when it has nothing to list.
#[component]
pub fn EmptyRow(colspan: u32, #[prop(optional, into)] text: Option<String>) -> impl IntoView {
    view! {
        <tr class="empty">
            <td colspan=colspan class="px-3 py-6 text-center text-slate-500">
                {text.unwrap_or_else(|| "No items to display.".into())}
            </td>
        </tr>
    }
}

/// `Displaying N items`, in the table's footer.
#[component]
pub fn TableFooter(colspan: u32, count: usize) -> impl IntoView {
    view! {
        <tfoot>
            <tr><td colspan=colspan class="border-t border-slate-200 px-3 py-2 text-slate-600">
                <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
            </td></tr>
        </tfoot>
    }
}

/// Classes for the table and its cells, so every panel looks alike.
pub const TABLE: &str =
    "w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm";
pub const TH: &str = "px-3 py-2";
pub const TD: &str = "px-3 py-2";
pub const ROW: &str = "border-t border-slate-100 hover:bg-slate-50";
