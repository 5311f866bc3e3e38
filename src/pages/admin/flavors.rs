//! Admin › Flavors (`/admin/flavors/`): list, create (public or given to projects), delete,
//! and Update Metadata (the flavor's extra specs).

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::flavors::{
    flavor_extra_specs, list_flavors, CreateFlavor, DeleteFlavors, UpdateFlavorMetadata,
};
use crate::components::confirm::ConfirmDialog;
use crate::components::form::action_error;
use crate::components::layout::use_shell;
use crate::components::messages::{Alert, ErrorBanner, Messages};
use crate::components::metadata::MetadataFields;
use crate::components::modal::Modal;
use crate::components::notice::Forbidden;
use crate::model::batch::batch_flashes;
use crate::model::flavor::{ExtraSpec, FlavorsPage};
use crate::model::{Flash, ProjectRef};

/// The flavor whose metadata dialog is open: (id, name).
#[derive(Clone, Copy)]
struct MetadataTarget(RwSignal<Option<(String, String)>>);

#[component]
pub fn FlavorsAdminPage() -> impl IntoView {
    let shell = use_shell();
    let refresh = RwSignal::new(0u32);
    let page = Resource::new(move || refresh.get(), |_| list_flavors());
    let messages = RwSignal::new(Vec::<Flash>::new());
    let create_open = RwSignal::new(false);

    let create = ServerAction::<CreateFlavor>::new();
    Effect::new(move |_| {
        if let Some(Ok(name)) = create.value().get() {
            messages.set(vec![Flash::success(format!(
                "Created new flavor \"{name}\"."
            ))]);
            create_open.set(false);
            refresh.update(|n| *n += 1);
        }
    });
    let delete = ServerAction::<DeleteFlavors>::new();
    provide_context(delete);
    Effect::new(move |_| {
        if let Some(r) = delete.value().get() {
            messages.set(batch_flashes(
                r,
                "Deleted Flavor",
                "Unable to delete Flavor",
            ));
            refresh.update(|n| *n += 1);
        }
    });

    let metadata = ServerAction::<UpdateFlavorMetadata>::new();
    provide_context(metadata);
    let metadata_for = MetadataTarget(RwSignal::new(None));
    provide_context(metadata_for);
    Effect::new(move |_| {
        if let Some(Ok(())) = metadata.value().get() {
            // Horizon's words.
            messages.set(vec![Flash::success("Metadata was successfully updated.")]);
            metadata_for.0.set(None);
        }
    });

    view! {
        <Title text="Flavors"/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let is_admin = crate::components::layout::is_admin(&shell.await);
                if !is_admin {
                    return view! { <Forbidden message="You are not authorized to access this page."/> }.into_any();
                }
                view! {
                    <h1 class="mb-4 text-2xl font-semibold">"Flavors"</h1>
                    {move || view! { <Messages messages=messages.get()/> }}
                    <div class="table_actions mb-3 flex gap-2">
                        <button type="button" id="flavors__action_create"
                                class="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800"
                                on:click=move |_| create_open.set(true)>"+ Create Flavor"</button>
                    </div>
                    <Transition fallback=|| view! { <p>"Loading flavors…"</p> }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(p) => view! {
                                    <FlavorsTable page=p.clone()/>
                                    <Show when=move || create_open.get()>
                                        <CreateFlavorDialog action=create projects=p.projects.clone()
                                                            on_close=Callback::new(move |_| create_open.set(false))/>
                                    </Show>
                                }.into_any(),
                                Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            }
                        })}
                    </Transition>
                    {move || metadata_for.0.get().map(|(id, name)| view! {
                        <UpdateMetadataDialog action=metadata flavor_id=id flavor_name=name
                                              on_close=Callback::new(move |_| metadata_for.0.set(None))/>
                    })}
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn CreateFlavorDialog(
    action: ServerAction<CreateFlavor>,
    projects: Vec<ProjectRef>,
    on_close: Callback<()>,
) -> impl IntoView {
    let error = move |field: &'static str| {
        move || {
            action
                .value()
                .get()
                .and_then(|r| r.err())
                .filter(|e| e.field() == Some(field))
                .map(|e| {
                    view! { <p class="field-error mt-1 text-sm text-red-700">{e.to_string()}</p> }
                })
        }
    };
    let banner = move || {
        action.value().get().and_then(|r| r.err()).filter(|e| e.field().is_none()).map(|e| {
            view! { <div class="messages mb-3"><Alert flash=Flash::error(e.to_string())/></div> }
        })
    };
    let input = "w-full rounded border border-slate-300 px-3 py-1.5";
    let number = move |id: &'static str,
                       name: &'static str,
                       label: &'static str,
                       value: &'static str,
                       min: &'static str| {
        view! {
            <div>
                <label for=id class="mb-1 block text-sm font-medium">{label}</label>
                <input id=id name=name type="number" min=min value=value class=input/>
                {error(&name[5..name.len() - 1])}
            </div>
        }
    };
    view! {
        <Modal title="Create Flavor" on_close=on_close>
            {banner}
            <ActionForm action=action>
                <div class="grid grid-cols-2 gap-3">
                    <div class="col-span-2">
                        <label for="id_name" class="mb-1 block text-sm font-medium">"Name"</label>
                        <input id="id_name" name="form[name]" required maxlength="255" class=input/>
                        {error("name")}
                    </div>
                    <div class="col-span-2">
                        <label for="id_flavor_id" class="mb-1 block text-sm font-medium">"ID"</label>
                        <input id="id_flavor_id" name="form[flavor_id]" value="auto" class=input/>
                        {error("flavor_id")}
                    </div>
                    {number("id_vcpus", "form[vcpus]", "VCPUs", "1", "1")}
                    {number("id_memory_mb", "form[memory_mb]", "RAM (MB)", "512", "1")}
                    {number("id_disk_gb", "form[disk_gb]", "Root Disk (GB)", "1", "0")}
                    {number("id_eph_gb", "form[eph_gb]", "Ephemeral Disk (GB)", "0", "0")}
                    {number("id_swap_mb", "form[swap_mb]", "Swap Disk (MB)", "0", "0")}
                    <div>
                        <label for="id_rxtx_factor" class="mb-1 block text-sm font-medium">"RX/TX Factor"</label>
                        <input id="id_rxtx_factor" name="form[rxtx_factor]" type="number" step="any" min="0" value="1" class=input/>
                        {error("rxtx_factor")}
                    </div>
                    <div class="col-span-2 flex items-center gap-2">
                        <input id="id_is_public" name="form[is_public]" type="checkbox" checked/>
                        <label for="id_is_public" class="text-sm font-medium">"Public"</label>
                    </div>
                    <div class="col-span-2">
                        <label for="id_projects" class="mb-1 block text-sm font-medium">"Flavor Access (makes the flavor private)"</label>
                        <select id="id_projects" name="form[projects]" class=input>
                            <option value="">"— all projects (public) —"</option>
                            {projects.into_iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="mt-4 flex justify-end">
                    <button type="submit" class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800"
                            disabled=move || action.pending().get()>"Create Flavor"</button>
                </div>
            </ActionForm>
        </Modal>
    }
}

/// Update Flavor Metadata: the flavor's extra specs, read when the dialog opens, each value
/// editable and removable, and keys to add. Saved in one go; a field in error keeps what was
/// typed and changes nothing.
#[component]
fn UpdateMetadataDialog(
    action: ServerAction<UpdateFlavorMetadata>,
    flavor_id: String,
    flavor_name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let specs = Resource::new(
        {
            let id = flavor_id.clone();
            move || id.clone()
        },
        flavor_extra_specs,
    );
    let banner = move || {
        action.value().get().and_then(|r| r.err()).filter(|e| e.field().is_none()).map(|e| {
            view! { <div class="messages mb-3"><Alert flash=Flash::error(e.to_string())/></div> }
        })
    };
    view! {
        <Modal title="Update Flavor Metadata" on_close=on_close wide=true>
            <p class="mb-3 text-sm text-slate-600">"Flavor: "<span class="font-medium text-slate-800">{flavor_name}</span></p>
            {banner}
            <Suspense fallback=|| view! { <p class="text-sm">"Loading metadata…"</p> }>
                {move || {
                    let id = flavor_id.clone();
                    Suspend::new(async move {
                        match specs.await {
                            Ok(list) => view! { <MetadataEditor action=action flavor_id=id specs=list on_close=on_close/> }.into_any(),
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Modal>
    }
}

#[component]
fn MetadataEditor(
    action: ServerAction<UpdateFlavorMetadata>,
    flavor_id: String,
    specs: Vec<ExtraSpec>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <ActionForm action=action>
            <input type="hidden" name="flavor_id" value=flavor_id/>
            <MetadataFields specs=specs error=action_error(action)
                            on_add=Callback::new(move |_| action.clear())
                            empty_text="This flavor has no metadata yet." key_placeholder="e.g. hw:cpu_policy"/>
            <div class="modal-footer mt-4 flex justify-end gap-2">
                <button type="button" class="rounded border border-slate-300 px-4 py-1.5 hover:bg-slate-50"
                        on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="submit" class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800 disabled:opacity-50"
                        disabled=move || action.pending().get()>"Save"</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn FlavorsTable(page: FlavorsPage) -> impl IntoView {
    let delete = expect_context::<ServerAction<DeleteFlavors>>();
    let metadata = expect_context::<ServerAction<UpdateFlavorMetadata>>();
    let metadata_for = expect_context::<MetadataTarget>();
    let count = page.flavors.len();
    view! {
        <table id="flavors" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
            <thead class="bg-slate-50 text-left">
                <tr>
                    <th class="px-3 py-2">"Flavor Name"</th>
                    <th class="px-3 py-2">"VCPUs"</th>
                    <th class="px-3 py-2">"RAM"</th>
                    <th class="px-3 py-2">"Root Disk"</th>
                    <th class="px-3 py-2">"Ephemeral Disk"</th>
                    <th class="px-3 py-2">"Swap Disk"</th>
                    <th class="px-3 py-2">"RX/TX factor"</th>
                    <th class="px-3 py-2">"ID"</th>
                    <th class="px-3 py-2">"Public"</th>
                    <th class="px-3 py-2">"Actions"</th>
                </tr>
            </thead>
            <tbody>
                {if page.flavors.is_empty() {
                    view! { <tr class="empty"><td colspan="10" class="px-3 py-6 text-center text-slate-500">"No items to display."</td></tr> }.into_any()
                } else {
                    page.flavors.into_iter().map(|f| {
                        let confirm_open = RwSignal::new(false);
                        let item = (f.id.clone(), f.name.clone());
                        let target = (f.id.clone(), f.name.clone());
                        let name = f.name.clone();
                        view! {
                            <tr data-display=f.name.clone() class="border-t border-slate-100 hover:bg-slate-50">
                                <td class="px-3 py-2 font-medium">{f.name.clone()}</td>
                                <td class="px-3 py-2">{f.vcpus}</td>
                                <td class="px-3 py-2">{format!("{}MB", f.ram_mb)}</td>
                                <td class="px-3 py-2">{format!("{}GB", f.disk_gb)}</td>
                                <td class="px-3 py-2">{format!("{}GB", f.ephemeral_gb)}</td>
                                <td class="px-3 py-2 swap">{format!("{}MB", f.swap_mb)}</td>
                                <td class="px-3 py-2">{f.rxtx_factor}</td>
                                <td class="px-3 py-2 font-mono text-xs">{f.id.clone()}</td>
                                <td class="px-3 py-2 public">{if f.is_public { "Yes" } else { "No" }}</td>
                                <td class="actions_column whitespace-nowrap px-3 py-2">
                                    <button type="button" class="mr-1 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
                                            on:click=move |_| {
                                                // A dialog opened again starts without the last save's errors.
                                                metadata.clear();
                                                metadata_for.0.set(Some(target.clone()));
                                            }>"Update Metadata"</button>
                                    <button type="button" class="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50"
                                            on:click=move |_| confirm_open.set(true)>"Delete Flavor"</button>
                                    <ConfirmDialog open=confirm_open title="Confirm Delete Flavor"
                                                   body=Signal::derive(move || format!("You have selected: {name}."))
                                                   confirm_label="Delete Flavor"
                                                   on_confirm=Callback::new(move |_| { delete.dispatch(DeleteFlavors { flavors: vec![item.clone()] }); })/>
                                </td>
                            </tr>
                        }
                    }).collect_view().into_any()
                }}
            </tbody>
            <tfoot>
                <tr><td colspan="10" class="border-t border-slate-200 px-3 py-2 text-slate-600">
                    <span class="table_count">{format!("Displaying {count} item{}", if count == 1 { "" } else { "s" })}</span>
                </td></tr>
            </tfoot>
        </table>
    }
}
