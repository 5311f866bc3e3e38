//! The panel kit's table, in Horizon's markup: `table#<name>`, rows `tr[data-display=<name>]`
//! keyed by the cloud's id, a cell class per column, the selection checkboxes, the row actions
//! in `td.actions_column`, the empty row and `Displaying N items`.
//!
//! Columns are data. Rows are keyed: a refresh updates the cells of rows that changed and
//! leaves the others alone, so an open row menu survives it.

use std::sync::Arc;

use leptos::prelude::*;

use super::row_menu::{RowAction, RowMenu};

/// A row the table can show.
pub trait TableRow: Clone + PartialEq + Send + Sync + 'static {
    /// Stable across refreshes: the cloud's id.
    fn id(&self) -> String;
    /// The name Horizon's automation finds the row by (`tr[data-display]`).
    fn display(&self) -> String;
}

type Cell<R> = Arc<dyn Fn(&R) -> AnyView + Send + Sync>;
/// A row's actions, from the row (its state decides what is offered).
pub type RowActions<R> = Arc<dyn Fn(&R) -> Vec<RowAction> + Send + Sync>;

/// One column: its name (the cells' class, as Horizon's `<td class="<name>">`), its header
/// and how a row fills its cell.
#[derive(Clone)]
pub struct Column<R> {
    pub name: &'static str,
    pub header: &'static str,
    cell: Cell<R>,
}

impl<R: TableRow> Column<R> {
    /// A column of plain text; an empty text shows as "-", as Horizon's do.
    pub fn text(
        name: &'static str,
        header: &'static str,
        text: impl Fn(&R) -> String + Send + Sync + 'static,
    ) -> Self {
        Column {
            name,
            header,
            cell: Arc::new(move |r: &R| {
                let t = text(r);
                if t.is_empty() { "-".to_string() } else { t }.into_any()
            }),
        }
    }

    /// A column whose cell is any view (a link, a badge, a list).
    pub fn view(
        name: &'static str,
        header: &'static str,
        cell: impl Fn(&R) -> AnyView + Send + Sync + 'static,
    ) -> Self {
        Column {
            name,
            header,
            cell: Arc::new(cell),
        }
    }

    /// The row's name as a link to its detail page.
    pub fn link(
        name: &'static str,
        header: &'static str,
        href: impl Fn(&R) -> String + Send + Sync + 'static,
    ) -> Self {
        Self::view(name, header, move |r: &R| {
            view! { <a class="text-sky-700 hover:underline" href=href(r)>{r.display()}</a> }
                .into_any()
        })
    }
}

/// The table. `rows` is the list's last answer; `selection` (the panel's) turns on the
/// checkboxes for batch actions; `actions` gives each row its actions.
#[component]
pub fn DataTable<R: TableRow>(
    /// `table#<name>`, and the prefix of the selection checkboxes' labels.
    name: &'static str,
    #[prop(into)] rows: Signal<Vec<R>>,
    columns: Vec<Column<R>>,
    #[prop(optional_no_strip)] selection: Option<RwSignal<Vec<(String, String)>>>,
    #[prop(optional_no_strip)] actions: Option<RowActions<R>>,
    /// Shown instead of rows when there are none.
    #[prop(optional, into)]
    empty: Option<String>,
    /// Beside the count in the footer (a pager, the page size).
    #[prop(optional)]
    footer: Option<ChildrenFn>,
) -> impl IntoView {
    let span = columns.len() + usize::from(selection.is_some()) + usize::from(actions.is_some());
    let columns = Arc::new(columns);
    let ids = Memo::new(move |_| rows.with(|rs| rs.iter().map(R::id).collect::<Vec<_>>()));
    // A refresh drops from the selection the rows that are gone.
    if let Some(selected) = selection {
        Effect::new(move |_| {
            let present = ids.get();
            if selected.with_untracked(|s| s.iter().any(|(id, _)| !present.contains(id))) {
                selected.update(|s| s.retain(|(id, _)| present.contains(id)));
            }
        });
    }
    let headers = columns
        .iter()
        .map(|c| view! { <th class=format!("{} px-3 py-2", c.name)>{c.header}</th> })
        .collect_view();
    let row_columns = columns.clone();
    let row_actions = actions.clone();
    let empty_text = empty.unwrap_or_else(|| "No items to display.".into());
    view! {
        <table id=name class="table w-full rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    {selection.map(|selected| view! {
                        <th class="multi_select_column w-8 px-3 py-2">
                            <SelectAllRows rows=rows selected=selected/>
                        </th>
                    })}
                    {headers}
                    {actions.is_some().then(|| view! { <th class="actions_column px-3 py-2">"Actions"</th> })}
                </tr>
            </thead>
            <tbody>
                <Show when=move || ids.with(Vec::is_empty)>
                    <tr class="empty"><td colspan=span class="px-3 py-6 text-center text-slate-500">{empty_text.clone()}</td></tr>
                </Show>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <DataRow id=id rows=rows columns=row_columns.clone() selection=selection actions=row_actions.clone()/>
                </For>
            </tbody>
            <tfoot>
                <tr><td colspan=span class="border-t border-slate-200 px-3 py-2 text-slate-600">
                    <span class="table_count">{move || {
                        let n = ids.with(Vec::len);
                        format!("Displaying {n} item{}", if n == 1 { "" } else { "s" })
                    }}</span>
                    {footer.clone().map(|f| f())}
                </td></tr>
            </tfoot>
        </table>
    }
}

/// One row, following its own entry in `rows`: its cells change only when it does.
#[component]
fn DataRow<R: TableRow>(
    id: String,
    rows: Signal<Vec<R>>,
    columns: Arc<Vec<Column<R>>>,
    selection: Option<RwSignal<Vec<(String, String)>>>,
    actions: Option<RowActions<R>>,
) -> impl IntoView {
    let row = {
        let id = id.clone();
        Memo::new(move |_| rows.with(|rs| rs.iter().find(|r| r.id() == id).cloned()))
    };
    let display = move || row.with(|r| r.as_ref().map(R::display).unwrap_or_default());
    let cells = columns
        .iter()
        .map(|c| {
            let cell = c.cell.clone();
            view! {
                <td class=format!("{} px-3 py-2", c.name)>
                    {move || row.get().map(|r| cell(&r))}
                </td>
            }
        })
        .collect_view();
    let check = selection.map(|selected| {
        let id = id.clone();
        let on = id.clone();
        view! {
            <td class="multi_select_column px-3 py-2">
                <input type="checkbox" class="table-row-multi-select select-row" aria-label=move || format!("Select {}", display())
                       prop:checked=move || selected.with(|s| s.iter().any(|(i, _)| *i == id))
                       on:change=move |ev| {
                           let item = (on.clone(), display());
                           if event_target_checked(&ev) {
                               selected.update(|s| if !s.iter().any(|(i, _)| *i == item.0) { s.push(item) });
                           } else {
                               selected.update(|s| s.retain(|(i, _)| *i != item.0));
                           }
                       }/>
            </td>
        }
    });
    let menu = actions.map(|actions| {
        let list = Signal::derive(move || row.get().map(|r| actions(&r)).unwrap_or_default());
        view! {
            <td class="actions_column px-3 py-2">
                <RowMenu row_name=Signal::derive(display) actions=list/>
            </td>
        }
    });
    view! {
        <tr data-display=display data-object-id=id class="border-t border-slate-100 hover:bg-slate-50">
            {check}
            {cells}
            {menu}
        </tr>
    }
}

/// The header checkbox: selects every row shown, or none.
#[component]
fn SelectAllRows<R: TableRow>(
    rows: Signal<Vec<R>>,
    selected: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let count = move || rows.with(Vec::len);
    view! {
        <input type="checkbox" class="table-row-multi-select select-all" aria-label="Select all"
               prop:checked=move || { count() != 0 && selected.with(Vec::len) == count() }
               on:change=move |ev| {
                   if event_target_checked(&ev) {
                       selected.set(rows.with_untracked(|rs| rs.iter().map(|r| (r.id(), r.display())).collect()));
                   } else {
                       selected.set(vec![]);
                   }
               }/>
    }
}

/// How a table action looks: the usual one, the one most likely next (Create), or one that
/// destroys (Delete).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Default,
    Primary,
    Danger,
}

/// A button above a table, as Horizon's: `#<table>__action_<name>`, `.data-table-action`.
#[component]
pub fn TableAction(
    table: &'static str,
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    tone: Tone,
    /// A batch action is disabled while nothing is selected.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    on_click: Callback<()>,
) -> impl IntoView {
    let (kind, look) = match tone {
        Tone::Default => (
            "btn-default",
            "border border-slate-300 bg-white hover:bg-slate-50",
        ),
        Tone::Primary => (
            "btn-primary",
            "bg-sky-700 font-medium text-white hover:bg-sky-800",
        ),
        Tone::Danger => (
            "btn-danger",
            "bg-red-700 font-medium text-white hover:bg-red-800",
        ),
    };
    view! {
        <button type="button" id=format!("{table}__action_{name}")
                class=format!("btn data-table-action {kind} rounded px-3 py-1.5 text-sm disabled:opacity-40 {look}")
                disabled=move || disabled.get()
                on:click=move |_| on_click.run(())>
            {move || label.get()}
        </button>
    }
}
