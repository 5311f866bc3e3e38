//! Admin › Volume Types (`/admin/volume_types/`): create, delete (batch), and each type's
//! extra specs in the Update Metadata dialog shared with flavors and images.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::volume_types::{
    list_volume_types, volume_type_extra_specs, CreateVolumeType, DeleteVolumeTypes,
    UpdateVolumeTypeExtraSpecs, VolumeTypeRow,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::{
    action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY, SECONDARY,
};
use crate::components::layout::use_shell;
use crate::components::messages::{ErrorBanner, Messages};
use crate::components::metadata::MetadataFields;
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::components::table::{EmptyRow, SelectAll, SelectRow, TableFooter, ROW, TABLE, TD, TH};
use crate::model::batch::batch_flashes;
use crate::model::Flash;

#[derive(Clone, Copy)]
struct Panel {
    specs_for: RwSignal<Option<(String, String)>>,
    delete_one: RwSignal<Option<(String, String)>>,
    confirm_open: RwSignal<bool>,
}

#[component]
pub fn VolumeTypesPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let list = Resource::new(move || refresh.get(), |_| list_volume_types());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let selected = RwSignal::new(Vec::<String>::new());
    let create_open = RwSignal::new(false);
    let panel = Panel {
        specs_for: RwSignal::new(None),
        delete_one: RwSignal::new(None),
        confirm_open: RwSignal::new(false),
    };
    provide_context(panel);
    let create = ServerAction::<CreateVolumeType>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = create.value().get() {
            messages.set(vec![Flash::success(text)]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let specs = ServerAction::<UpdateVolumeTypeExtraSpecs>::new();
    Effect::new(move |_| {
        if let Some(Ok(text)) = specs.value().get() {
            messages.set(vec![Flash::success(text)]);
            panel.specs_for.set(None);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteVolumeTypes>::new();
    Effect::new(move |_| {
        if let Some(result) = delete.value().get() {
            messages.set(batch_flashes(
                result,
                "Deleted Volume Type",
                "Unable to delete Volume Type",
            ));
            selected.set(vec![]);
            refresh.update(|n| *n += 1);
        }
    });
    let to_delete = move || -> Vec<(String, String)> {
        if let Some(one) = panel.delete_one.get() {
            return vec![one];
        }
        let ids = selected.get();
        list.get()
            .and_then(|r| r.ok())
            .map(|rows| {
                rows.into_iter()
                    .filter(|r| ids.contains(&r.id))
                    .map(|r| (r.id, r.name))
                    .collect()
            })
            .unwrap_or_default()
    };
    view! {
        <Title text="Volume Types"/>
        <h1 class="mb-4 text-2xl font-semibold">"Volume Types"</h1>
        {move || view! { <Messages messages=messages.get()/> }}
        <Transition fallback=|| view! { <p>"Loading volume types…"</p> }>
            {move || Suspend::new(async move {
                let user = shell.await.ok().and_then(|d| d.user);
                if !user.as_ref().is_some_and(|u| u.is_admin()) {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                match list.await {
                    Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                    Ok(rows) => view! {
                        <div class="table_actions mb-3 flex justify-end gap-2">
                            <button type="button" id="volume_types__action_create"
                                    class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                    on:click=move |_| create_open.set(true)>"Create Volume Type"</button>
                            <button type="button" id="volume_types__action_delete"
                                    class="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-40"
                                    disabled=move || selected.with(|s| s.is_empty())
                                    on:click=move |_| { panel.delete_one.set(None); panel.confirm_open.set(true); }>"Delete Volume Types"</button>
                        </div>
                        <TypesTable rows=rows selected=selected/>
                    }.into_any(),
                }
            })}
        </Transition>
        <Show when=move || create_open.get()>
            <CreateTypeDialog action=create on_close=Callback::new(move |_| create_open.set(false))/>
        </Show>
        {move || panel.specs_for.get().map(|(id, name)| view! {
            <ExtraSpecsDialog action=specs type_id=id type_name=name on_close=Callback::new(move |_| panel.specs_for.set(None))/>
        })}
        <ConfirmDialog open=panel.confirm_open title="Confirm Delete Volume Types"
                       body=Signal::derive(move || {
                           let names: Vec<String> = to_delete().into_iter().map(|(_, n)| n).collect();
                           format!("You have selected: {}.", names.join(", "))
                       })
                       confirm_label="Delete Volume Types"
                       on_confirm=Callback::new(move |_| {
                           let types = to_delete();
                           if !types.is_empty() { delete.dispatch(DeleteVolumeTypes { types }); }
                       })/>
    }
}

#[component]
fn TypesTable(rows: Vec<VolumeTypeRow>, selected: RwSignal<Vec<String>>) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let count = rows.len();
    let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let body = if rows.is_empty() {
        view! { <EmptyRow colspan=6/> }.into_any()
    } else {
        rows.into_iter().map(|r| {
            let (id, name) = (r.id.clone(), r.name.clone());
            let (id2, name2) = (r.id.clone(), r.name.clone());
            view! {
                <tr data-display=r.name.clone() data-object-id=r.id.clone() class=ROW>
                    <td class=TD><SelectRow id=r.id.clone() label=r.name.clone() selected=selected/></td>
                    <td class=format!("{TD} name font-medium")>{r.name.clone()}</td>
                    <td class=format!("{TD} description")>{if r.description.is_empty() { "-".to_string() } else { r.description.clone() }}</td>
                    <td class=format!("{TD} extra_specs font-mono text-xs")>{r.extra_specs.join(", ")}</td>
                    <td class=format!("{TD} public")>{if r.public { "Yes" } else { "No" }}</td>
                    <td class="actions_column whitespace-nowrap px-3 py-2 text-right">
                        <button type="button" class="btn-extra-specs mr-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
                                on:click=move |_| panel.specs_for.set(Some((id.clone(), name.clone())))>"View Extra Specs"</button>
                        <button type="button" class="btn-delete rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                on:click=move |_| { panel.delete_one.set(Some((id2.clone(), name2.clone()))); panel.confirm_open.set(true); }>"Delete Volume Type"</button>
                    </td>
                </tr>
            }
        }).collect_view().into_any()
    };
    view! {
        <table id="volume_types" class=TABLE>
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="w-8 px-3 py-2"><SelectAll all=all selected=selected/></th>
                    <th class=TH>"Name"</th>
                    <th class=TH>"Description"</th>
                    <th class=TH>"Extra Specs"</th>
                    <th class=TH>"Public"</th>
                    <th class=TH>"Actions"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <TableFooter colspan=6 count=count/>
        </table>
    }
}

#[component]
fn CreateTypeDialog(
    action: ServerAction<CreateVolumeType>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = action_error(action);
    view! {
        <Modal title="Create Volume Type" on_close=on_close>
            <FormBanner error=error/>
            <ActionForm action=action>
                <label for="id_name" class="mb-1 block text-sm font-medium">"Name"</label>
                <input id="id_name" name="name" maxlength="255" class=INPUT/>
                <FieldError error=error field="name"/>
                <label for="id_vol_type_description" class=LABEL>"Description"</label>
                <textarea id="id_vol_type_description" name="vol_type_description" rows="2" class=INPUT></textarea>
                <label class="mt-3 flex items-center gap-2 text-sm font-medium">
                    <input id="id_is_public" name="is_public" type="checkbox" checked/>"Public"
                </label>
                <div class="modal-footer mt-4 flex justify-end gap-2">
                    <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Create Volume Type"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

#[component]
fn ExtraSpecsDialog(
    action: ServerAction<UpdateVolumeTypeExtraSpecs>,
    type_id: String,
    type_name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let specs = Resource::new(
        {
            let id = type_id.clone();
            move || id.clone()
        },
        volume_type_extra_specs,
    );
    let error = action_error(action);
    view! {
        <Modal title="Volume Type Extra Specs" on_close=on_close wide=true>
            <p class="mb-3 text-sm text-slate-600">"Volume Type: "<span class="font-medium text-slate-800">{type_name}</span></p>
            <FormBanner error=error/>
            <Suspense fallback=|| view! { <p class="text-sm">"Loading extra specs…"</p> }>
                {move || {
                    let id = type_id.clone();
                    Suspend::new(async move {
                        match specs.await {
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            Ok(list) => view! {
                                <ActionForm action=action>
                                    <input type="hidden" name="type_id" value=id/>
                                    <MetadataFields specs=list error=error on_add=Callback::new(move |_| action.clear())
                                                    empty_text="This volume type has no extra specs yet."
                                                    key_placeholder="e.g. volume_backend_name"/>
                                    <div class="modal-footer mt-4 flex justify-end gap-2">
                                        <button type="button" class=SECONDARY on:click=move |_| on_close.run(())>"Cancel"</button>
                                        <button type="submit" class=PRIMARY disabled=move || action.pending().get()>"Save"</button>
                                    </div>
                                </ActionForm>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Modal>
    }
}
