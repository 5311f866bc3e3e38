//! The Identity dashboard: Projects, Users, Groups, Roles and Application Credentials. Everything
//! here but a member's read-only list of their own projects and their own application
//! credentials needs the `admin` role.

pub mod application_credentials;
pub mod groups;
pub mod projects;
pub mod roles;
pub mod users;

use leptos::html;
use leptos::prelude::*;

/// One row action: its label, the class Horizon's automation finds it by, what it does.
#[derive(Clone)]
pub struct RowAction {
    pub label: String,
    pub class: &'static str,
    pub danger: bool,
    pub run: Callback<()>,
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
            run: Callback::new(move |_| run()),
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

/// A row's first action as a button, the rest in an "Actions" menu, as Horizon's rows.
#[component]
pub fn RowMenu(#[prop(into)] row_name: String, actions: Vec<RowAction>) -> impl IntoView {
    let menu = NodeRef::<html::Details>::new();
    let close = move || {
        if let Some(details) = menu.try_get_untracked().flatten() {
            let _ = details.remove_attribute("open");
        }
    };
    let mut rest = actions.into_iter();
    let primary = rest.next().map(|a| {
        view! {
            <button type="button" class=format!("{} primary-action whitespace-nowrap rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50", a.class)
                    on:click=move |_| a.run.run(())>{a.label.clone()}</button>
        }
    });
    let items: Vec<RowAction> = rest.collect();
    let menu_view = (!items.is_empty()).then(|| {
        let entries = items
            .into_iter()
            .map(|a| {
                view! {
                    <li>
                        <button type="button" class=format!("{} block w-full px-3 py-1.5 text-left hover:bg-slate-100", a.class)
                                class:text-red-800=a.danger
                                on:click=move |_| { close(); a.run.run(()) }>{a.label.clone()}</button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="row-actions relative" node_ref=menu>
                <summary class="cursor-pointer list-none whitespace-nowrap rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
                         aria-label=format!("Actions for {row_name}")>"Actions ▾"</summary>
                <ul class="absolute right-0 z-20 mt-1 w-52 rounded border border-slate-200 bg-white py-1 text-left text-xs shadow-lg">
                    {entries}
                </ul>
            </details>
        }
    });
    view! { <div class="flex items-start justify-end gap-1">{primary}{menu_view}</div> }
}

/// "Yes" / "No", as Horizon shows booleans.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// Does a row match the filter box (any of its texts contains it, ignoring case)?
pub fn matches_filter(filter: &str, texts: &[&str]) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(&f))
}
