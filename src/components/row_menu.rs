//! A table row's actions as Horizon lays them out: the first as a button, the rest in an
//! "Actions" menu (`.dropdown-toggle` and `ul.dropdown-menu li`, as Horizon's markup).

use leptos::html;
use leptos::prelude::*;

/// What a row action does: runs in the page, or (a link) opens another page, which works
/// even before the page has hydrated.
#[derive(Clone)]
pub enum Act {
    Run(Callback<()>),
    Link(String),
}

/// One row action: its label, the class Horizon's automation finds it by, what it does.
#[derive(Clone)]
pub struct RowAction {
    pub label: String,
    pub class: &'static str,
    pub danger: bool,
    pub act: Act,
}

impl RowAction {
    pub fn new(
        label: impl Into<String>,
        class: &'static str,
        run: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        RowAction {
            label: label.into(),
            class,
            danger: false,
            act: Act::Run(Callback::new(move |_| run())),
        }
    }

    /// An action that is a link to another page (Console, View Log).
    pub fn link(label: impl Into<String>, class: &'static str, href: impl Into<String>) -> Self {
        RowAction {
            label: label.into(),
            class,
            danger: false,
            act: Act::Link(href.into()),
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

/// A row's first action as a button, the rest in an "Actions" menu, as Horizon's rows. The
/// menu element stays while the actions change (a live refresh), so an open menu stays open.
#[component]
pub fn RowMenu(
    #[prop(into)] row_name: Signal<String>,
    #[prop(into)] actions: Signal<Vec<RowAction>>,
) -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    // A chosen entry closes the menu, so it does not stay open behind a dialog.
    let close = move || {
        if let Some(details) = menu.try_get_untracked().flatten() {
            let _ = details.remove_attribute("open");
        }
    };
    let primary = move || {
        actions.with(|all| all.first().cloned()).map(|a| {
            let class = format!("{} btn btn-default btn-sm primary-action whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50", a.class);
            match a.act {
                Act::Run(run) => view! {
                    <button type="button" class=class on:click=move |_| run.run(())>{a.label}</button>
                }
                .into_any(),
                Act::Link(href) => view! { <a class=class href=href>{a.label}</a> }.into_any(),
            }
        })
    };
    let entries = move || {
        actions
            .with(|all| all.iter().skip(1).cloned().collect::<Vec<_>>())
            .into_iter()
            .map(|a| {
                let class = format!(
                    "{} block w-full px-3 py-1.5 text-left hover:bg-slate-100",
                    a.class
                );
                let item = match a.act {
                    Act::Run(run) => view! {
                        <button type="button" class=class class:text-red-800=a.danger
                                on:click=move |_| { close(); run.run(()) }>{a.label}</button>
                    }
                    .into_any(),
                    Act::Link(href) => view! { <a class=class href=href>{a.label}</a> }.into_any(),
                };
                view! { <li>{item}</li> }
            })
            .collect_view()
    };
    let has_menu = move || actions.with(|a| a.len() > 1);
    view! {
        <div class="btn-group flex items-start justify-end gap-1">
            {primary}
            <details class="row-actions relative" class:hidden=move || !has_menu() node_ref=menu>
                <summary class="dropdown-toggle cursor-pointer list-none whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                         aria-label=move || format!("Actions for {}", row_name.get())>"Actions ▾"</summary>
                <ul class="dropdown-menu absolute right-0 z-20 mt-1 w-52 rounded border border-slate-200 bg-white py-1 text-left text-xs shadow-lg">
                    {entries}
                </ul>
            </details>
        </div>
    }
}
