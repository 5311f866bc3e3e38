//! Project › Compute › Server Groups (`/project/server_groups/`): list, create with a policy,
//! delete (one or a batch), and a group's page with its instances. Built on the panel kit:
//! columns, actions and one form.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::server_groups::{
    list_server_groups, server_group_detail, CreateServerGroup, DeleteServerGroups,
};
use crate::components::confirm::ConfirmPending;
use crate::components::data_table::{Column, DataTable, TableAction, TableRow, Tone};
use crate::components::form::{FieldError, INPUT, LABEL};
use crate::components::layout::{can_change, use_shell};
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::modal_form::ModalForm;
use crate::components::notice::NotFoundNotice;
use crate::components::panel::{Panel, Wording};
use crate::components::row_menu::RowAction;
use crate::error::AppError;
use crate::model::server_group::{policy_label, ServerGroupDetail, ServerGroupRow, POLICIES};
use crate::model::Flash;

const DELETE: Wording = Wording {
    one: "Delete Server Group",
    many: "Delete Server Groups",
    done_one: "Deleted Server Group",
    done_many: "Deleted Server Groups",
    failed: "Unable to delete Server Group",
};

impl TableRow for ServerGroupRow {
    fn id(&self) -> String {
        self.id.clone()
    }
    fn display(&self) -> String {
        self.name.clone()
    }
}

/// The panel's dialogs.
#[derive(Clone)]
enum Dialog {
    Create,
}

#[component]
pub fn ServerGroupsPage() -> impl IntoView {
    let shell = use_shell();
    let panel = Panel::<Dialog>::new();
    let groups = Resource::new(move || panel.version.get(), |_| list_server_groups());
    let rows = Signal::derive(move || groups.get().and_then(Result::ok).unwrap_or_default());

    let create = ServerAction::<CreateServerGroup>::new();
    panel.on_done(create, |name| {
        Flash::success(format!("Successfully created server group: {name}"))
    });
    let delete = ServerAction::<DeleteServerGroups>::new();
    panel.on_batch(delete, DELETE);
    let delete_rows = move |groups| {
        delete.dispatch(DeleteServerGroups { groups });
    };

    let columns = vec![
        Column::link("name", "Name", |g: &ServerGroupRow| {
            format!("/project/server_groups/{}/", g.id)
        }),
        Column::text("policy", "Policy", |g: &ServerGroupRow| {
            policy_label(&g.policy)
        }),
        Column::text("members", "Members", |g: &ServerGroupRow| {
            g.members.to_string()
        }),
    ];

    view! {
        <Title text="Server Groups"/>
        <h1 class="mb-4 text-2xl font-semibold">"Server Groups"</h1>
        {move || view! { <Messages messages=panel.messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading server groups…"</p> }>
            {move || groups.get().and_then(Result::err).map(|e| view! { <ErrorBanner error=e/> })}
            {move || {
                let columns = columns.clone();
                Suspend::new(async move {
                    // A reader is offered nothing that changes the project.
                    let can_change = can_change(shell).await;
                    let actions = can_change.then(|| {
                        Arc::new(move |g: &ServerGroupRow| {
                            let item = (g.id.clone(), g.name.clone());
                            vec![RowAction::new(DELETE.one, "delete", move || {
                                let item = item.clone();
                                panel.ask(DELETE.one, vec![item.1.clone()], move || delete_rows(vec![item.clone()]));
                            })
                            .danger()]
                        }) as Arc<dyn Fn(&ServerGroupRow) -> Vec<RowAction> + Send + Sync>
                    });
                    view! {
                        {can_change.then(|| view! {
                            <div class="table_actions mb-3 flex flex-wrap gap-2">
                                <TableAction table="server_groups" name="create" label="Create Server Group" tone=Tone::Primary
                                             on_click=Callback::new(move |_| panel.open(Dialog::Create))/>
                                <div class="flex-1"></div>
                                <TableAction table="server_groups" name="delete" tone=Tone::Danger
                                             label=Signal::derive(move || DELETE.many.to_string())
                                             disabled=Signal::derive(move || panel.selected.with(Vec::is_empty))
                                             on_click=Callback::new(move |_| panel.ask_selected(DELETE, delete_rows))/>
                            </div>
                        })}
                        <DataTable name="server_groups" rows=rows columns=columns
                                   selection=can_change.then_some(panel.selected)
                                   actions=actions/>
                    }
                })
            }}
        </Transition>
        {move || panel.dialog.get().map(|d| match d {
            Dialog::Create => view! { <CreateDialog action=create on_close=panel.closer()/> },
        })}
        <ConfirmPending confirm=panel.confirm/>
    }
}

#[component]
fn CreateDialog(action: ServerAction<CreateServerGroup>, on_close: Callback<()>) -> impl IntoView {
    let error = crate::components::form::action_error(action);
    view! {
        <ModalForm title="Create Server Group" action=action submit="Create Server Group" on_close=on_close>
            <label for="id_name" class="mb-1 block text-sm font-medium">"Name"</label>
            <input id="id_name" name="name" required maxlength="255" class=INPUT/>
            <FieldError error=error field="name"/>
            <label for="id_policy" class=LABEL>"Policy"</label>
            <select id="id_policy" name="policy" class=INPUT>
                {POLICIES.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
            </select>
            <FieldError error=error field="policy"/>
            <p class="mt-3 text-sm text-slate-600">
                "Instances launched into the group are placed by its policy: on the same host (affinity) or on different hosts (anti-affinity); the soft forms place them so when they can."
            </p>
        </ModalForm>
    }
}

/// `/project/server_groups/<id>/`: the group and its instances.
#[component]
pub fn ServerGroupDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let detail = Resource::new(move || id.get(), server_group_detail);
    view! {
        <Suspense fallback=|| view! { <p>"Loading server group…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(g) => view! { <DetailView g=g/> }.into_any(),
                    Err(AppError::NotFound(_)) => view! { <NotFoundNotice/> }.into_any(),
                    Err(e) => view! { <Title text="Server Group Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailView(g: ServerGroupDetail) -> impl IntoView {
    let members = if g.members.is_empty() {
        view! { <p class="text-slate-500">"No instances."</p> }.into_any()
    } else {
        view! {
            <ul class="members list-inside list-disc">
                {g.members.into_iter().map(|m| view! {
                    <li>
                        <a class="text-sky-700 hover:underline" href=format!("/project/instances/{}/", m.id)>
                            {m.name.unwrap_or_else(|| m.id.clone())}
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <Title text=format!("Server Group Details: {}", g.name)/>
        <nav class="breadcrumb mb-2 text-sm text-slate-500" aria-label="Breadcrumb">
            <a class="text-sky-700 hover:underline" href="/project/server_groups/">"Server Groups"</a>
            " / "{g.name.clone()}
        </nav>
        <h1 class="mb-4 text-2xl font-semibold">{g.name.clone()}</h1>
        <section id="server_group_detail" class="detail max-w-3xl rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <dl class="grid grid-cols-[9rem_minmax(0,1fr)] gap-x-4 gap-y-2">
                <dt class="font-medium text-slate-500">"Name"</dt><dd class="name">{g.name.clone()}</dd>
                <dt class="font-medium text-slate-500">"ID"</dt><dd class="id font-mono text-xs leading-5">{g.id.clone()}</dd>
                <dt class="font-medium text-slate-500">"Policy"</dt><dd class="policy">{policy_label(&g.policy)}</dd>
                <dt class="font-medium text-slate-500">"Members"</dt><dd>{members}</dd>
            </dl>
        </section>
    }
}
