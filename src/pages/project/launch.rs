//! The Launch Instance wizard: one form in steps (Details, Source, Flavor, Networks,
//! Security Groups, Key Pair, Configuration), so moving between steps keeps what was typed.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::launch::{launch_options, LaunchInstance};
use crate::components::messages::{Alert, ErrorBanner};
use crate::components::modal::Modal;
use crate::model::launch::LaunchOptions;
use crate::model::Flash;

const STEPS: [&str; 7] = [
    "Details",
    "Source",
    "Flavor",
    "Networks",
    "Security Groups",
    "Key Pair",
    "Configuration",
];

/// The step each field lives on, to show the step that has an error.
fn step_of(field: &str) -> usize {
    match field {
        "name" | "count" | "description" | "availability_zone" => 0,
        "image_id" | "volume_size" => 1,
        "flavor_id" => 2,
        "networks" => 3,
        "security_groups" => 4,
        "key_name" => 5,
        _ => 6,
    }
}

#[component]
pub fn LaunchWizard(action: ServerAction<LaunchInstance>, on_close: Callback<()>) -> impl IntoView {
    let options = Resource::new(|| (), |_| launch_options());
    let step = RwSignal::new(0usize);
    // An error moves the wizard to the step of the field it is about.
    Effect::new(move |_| {
        if let Some(Err(e)) = action.value().get() {
            if let Some(f) = e.field() {
                step.set(step_of(f));
            }
        }
    });
    let error = move |field: &'static str| {
        move || {
            action.value().get().and_then(|r| r.err()).filter(|e| e.field() == Some(field)).map(|e| {
                view! { <p class="field-error mt-1 text-sm text-red-700" id=format!("{field}-error")>{e.to_string()}</p> }
            })
        }
    };
    let banner = move || {
        action.value().get().and_then(|r| r.err()).map(|e| {
            view! { <div class="messages mb-3"><Alert flash=Flash::error(e.to_string())/></div> }
        })
    };
    let input = "w-full rounded border border-slate-300 px-3 py-1.5";
    view! {
        <Modal title="Launch Instance" on_close=on_close>
            {banner}
            <Suspense fallback=|| view! { <p>"Loading what this project can launch…"</p> }>
                {move || Suspend::new(async move {
                    match options.await {
                        Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                        Ok(o) => view! {
                            <nav class="mb-4 flex flex-wrap gap-1 text-xs" aria-label="Launch Instance steps">
                                {STEPS.iter().enumerate().map(|(i, name)| view! {
                                    <button type="button" class="rounded px-2 py-1"
                                            class=("bg-sky-700", move || step.get() == i)
                                            class=("text-white", move || step.get() == i)
                                            class=("bg-slate-100", move || step.get() != i)
                                            aria-current=move || (step.get() == i).then_some("step")
                                            on:click=move |_| step.set(i)>{*name}</button>
                                }).collect_view()}
                            </nav>
                            <ActionForm action=action>
                                <Steps o=o step=step input=input error=error/>
                                <div class="mt-4 flex justify-between">
                                    <button type="button" class="rounded border border-slate-300 px-3 py-1.5"
                                            disabled=move || step.get() == 0
                                            on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>"« Back"</button>
                                    <div class="flex gap-2">
                                        <button type="button" class="rounded border border-slate-300 px-3 py-1.5"
                                                disabled=move || step.get() + 1 == STEPS.len()
                                                on:click=move |_| step.update(|s| *s = (*s + 1).min(STEPS.len() - 1))>"Next »"</button>
                                        <button type="submit" id="launch-submit"
                                                class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800"
                                                disabled=move || action.pending().get()>"Launch Instance"</button>
                                    </div>
                                </div>
                            </ActionForm>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Modal>
    }
}

#[component]
fn Steps<E, EV>(
    o: LaunchOptions,
    step: RwSignal<usize>,
    input: &'static str,
    error: E,
) -> impl IntoView
where
    E: Fn(&'static str) -> EV + Copy + Send + Sync + 'static,
    EV: IntoView + 'static,
{
    let shown = move |i: usize| move || step.get() != i;
    let left = |v: Option<i64>| {
        v.map(|n| n.to_string())
            .unwrap_or_else(|| "unlimited".into())
    };
    view! {
        <section class:hidden=shown(0) aria-label="Details">
            <label for="id_name" class="mb-1 block text-sm font-medium">"Instance Name"</label>
            <input id="id_name" name="form[name]" class=input required/>
            {error("name")}
            <label for="id_description" class="mb-1 mt-3 block text-sm font-medium">"Description"</label>
            <input id="id_description" name="form[description]" class=input/>
            <label for="id_availability_zone" class="mb-1 mt-3 block text-sm font-medium">"Availability Zone"</label>
            <select id="id_availability_zone" name="form[availability_zone]" class=input>
                <option value="">"Any Availability Zone"</option>
                {o.availability_zones.iter().map(|z| view! { <option value=z.clone()>{z.clone()}</option> }).collect_view()}
            </select>
            <label for="id_count" class="mb-1 mt-3 block text-sm font-medium">"Count"</label>
            <input id="id_count" name="form[count]" type="number" min="1" value="1" class=input/>
            {error("count")}
            <p class="mt-2 text-xs text-slate-500">
                {format!("This project can still launch {} instance(s), {} VCPUs, {} MB of RAM.",
                    left(o.headroom.instances), left(o.headroom.cores), left(o.headroom.ram_mb))}
            </p>
        </section>
        <section class:hidden=shown(1) aria-label="Source">
            <label for="id_image_id" class="mb-1 block text-sm font-medium">"Image"</label>
            <select id="id_image_id" name="form[image_id]" class=input>
                <option value="">"Select an image"</option>
                {o.images.iter().map(|i| view! {
                    <option value=i.id.clone()>{format!("{} ({} MB{})", i.name, i.size_bytes >> 20,
                        if i.min_disk_gb > 0 { format!(", needs {} GB", i.min_disk_gb) } else { String::new() })}</option>
                }).collect_view()}
            </select>
            {error("image_id")}
            <div class="mt-3 flex items-center gap-2">
                <input id="id_create_volume" name="form[create_volume]" type="checkbox"/>
                <label for="id_create_volume" class="text-sm font-medium">"Create New Volume"</label>
            </div>
            <label for="id_volume_size" class="mb-1 mt-3 block text-sm font-medium">"Volume Size (GB)"</label>
            <input id="id_volume_size" name="form[volume_size]" type="number" min="1" class=input/>
            {error("volume_size")}
            <div class="mt-3 flex items-center gap-2">
                <input id="id_delete_volume_on_terminate" name="form[delete_volume_on_terminate]" type="checkbox"/>
                <label for="id_delete_volume_on_terminate" class="text-sm font-medium">"Delete Volume on Instance Delete"</label>
            </div>
        </section>
        <section class:hidden=shown(2) aria-label="Flavor">
            <label for="id_flavor_id" class="mb-1 block text-sm font-medium">"Flavor"</label>
            <select id="id_flavor_id" name="form[flavor_id]" class=input>
                <option value="">"Select a flavor"</option>
                {o.flavors.iter().map(|f| view! {
                    <option value=f.id.clone()>{format!("{} — {} VCPU, {} MB RAM, {} GB disk", f.name, f.vcpus, f.ram_mb, f.disk_gb)}</option>
                }).collect_view()}
            </select>
            {error("flavor_id")}
        </section>
        <section class:hidden=shown(3) aria-label="Networks">
            <fieldset>
                <legend class="mb-1 text-sm font-medium">"Networks (in the order ticked)"</legend>
                {o.networks.iter().enumerate().map(|(i, n)| {
                    let id = format!("id_networks_{i}");
                    view! {
                        <div class="flex items-center gap-2">
                            <input id=id.clone() name=format!("form[networks][{i}]") value=n.id.clone() type="checkbox"/>
                            <label for=id class="text-sm">{n.label.clone()}</label>
                        </div>
                    }
                }).collect_view()}
                {o.networks.is_empty().then(|| view! { <p class="text-sm text-slate-500">"No networks: the instance will have no network interface."</p> })}
            </fieldset>
            {error("networks")}
        </section>
        <section class:hidden=shown(4) aria-label="Security Groups">
            <fieldset>
                <legend class="mb-1 text-sm font-medium">"Security Groups"</legend>
                {o.security_groups.iter().enumerate().map(|(i, g)| {
                    let id = format!("id_security_groups_{i}");
                    view! {
                        <div class="flex items-center gap-2">
                            <input id=id.clone() name=format!("form[security_groups][{i}]") value=g.id.clone()
                                   type="checkbox" checked=g.label == "default"/>
                            <label for=id class="text-sm">{g.label.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </section>
        <section class:hidden=shown(5) aria-label="Key Pair">
            <label for="id_key_name" class="mb-1 block text-sm font-medium">"Key Pair"</label>
            <select id="id_key_name" name="form[key_name]" class=input>
                <option value="">"No key pair"</option>
                {o.keypairs.iter().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view()}
            </select>
            {error("key_name")}
            <p class="mt-2 text-xs text-slate-500">"New key pairs are made in Project › Key Pairs."</p>
        </section>
        <section class:hidden=shown(6) aria-label="Configuration">
            <label for="id_user_data" class="mb-1 block text-sm font-medium">"Customization Script"</label>
            <textarea id="id_user_data" name="form[user_data]" rows="6" class=format!("{input} font-mono text-xs")></textarea>
            {error("user_data")}
            <div class="mt-3 flex items-center gap-2">
                <input id="id_config_drive" name="form[config_drive]" type="checkbox"/>
                <label for="id_config_drive" class="text-sm font-medium">"Configuration Drive"</label>
            </div>
        </section>
    }
}
