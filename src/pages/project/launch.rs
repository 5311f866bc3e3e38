//! The Launch Instance wizard: one form in steps (Details, Source, Flavor, Networks,
//! Security Groups, Key Pair, Configuration, Server Groups), so moving between steps keeps
//! what was typed.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::api::launch::{launch_options, LaunchInstance};
use crate::components::messages::{Alert, ErrorBanner};
use crate::components::modal::Modal;
use crate::model::launch::{LaunchOptions, SourceType};
use crate::model::Flash;

const STEPS: [&str; 8] = [
    "Details",
    "Source",
    "Flavor",
    "Networks",
    "Security Groups",
    "Key Pair",
    "Configuration",
    "Server Groups",
];

/// The step each field lives on, to show the step that has an error.
fn step_of(field: &str) -> usize {
    match field {
        "name" | "count" | "description" | "availability_zone" => 0,
        "source_type"
        | "image_id"
        | "instance_snapshot_id"
        | "volume_id"
        | "volume_snapshot_id"
        | "volume_size" => 1,
        "flavor_id" => 2,
        "networks" => 3,
        "security_groups" => 4,
        "key_name" => 5,
        "server_group" => 7,
        _ => 6,
    }
}

/// `preset`: the boot source to start from (Launch on an image or a volume row).
#[component]
pub fn LaunchWizard(
    action: ServerAction<LaunchInstance>,
    on_close: Callback<()>,
    #[prop(optional)] preset: Option<(SourceType, String)>,
) -> impl IntoView {
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
                {move || {
                    let preset = preset.clone();
                    Suspend::new(async move {
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
                                <Steps o=o step=step input=input error=error preset=preset.clone()/>
                                <div class="modal-footer mt-4 flex justify-between">
                                    <button type="button" class="btn btn-default button-previous rounded border border-slate-300 px-3 py-1.5"
                                            disabled=move || step.get() == 0
                                            on:click=move |_| step.update(|s| *s = s.saturating_sub(1))>"« Back"</button>
                                    <div class="flex gap-2">
                                        <button type="button" class="btn btn-primary button-next rounded border border-slate-300 px-3 py-1.5"
                                                disabled=move || step.get() + 1 == STEPS.len()
                                                on:click=move |_| step.update(|s| *s = (*s + 1).min(STEPS.len() - 1))>"Next »"</button>
                                        <button type="submit" id="launch-submit" value="Launch Instance"
                                                class="btn btn-primary button-final rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800"
                                                disabled=move || action.pending().get()>"Launch Instance"</button>
                                    </div>
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

#[component]
fn Steps<E, EV>(
    o: LaunchOptions,
    step: RwSignal<usize>,
    input: &'static str,
    error: E,
    preset: Option<(SourceType, String)>,
) -> impl IntoView
where
    E: Fn(&'static str) -> EV + Copy + Send + Sync + 'static,
    EV: IntoView + 'static,
{
    let shown = move |i: usize| move || step.get() != i;
    let source = RwSignal::new(preset.as_ref().map_or(SourceType::Image, |(t, _)| *t));
    let chosen = preset.map(|(_, id)| id).unwrap_or_default();
    // What one instance of the chosen flavor would take from what the project has left.
    let flavor = RwSignal::new(String::new());
    let headroom = o.headroom.clone();
    let fits = {
        let h = headroom.clone();
        move |vcpus: i64, ram: i64| {
            h.instances.is_none_or(|n| n >= 1)
                && h.cores.is_none_or(|c| c >= vcpus)
                && h.ram_mb.is_none_or(|r| r >= ram)
        }
    };
    let flavor_use = {
        let flavors = o.flavors.clone();
        move || {
            let id = flavor.get();
            flavors.iter().find(|f| f.id == id).map(|f| {
                let left = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_else(|| "unlimited".into());
                format!(
                    "One instance uses {} VCPU and {} MB of RAM; the project has {} VCPUs and {} MB left.",
                    f.vcpus,
                    f.ram_mb,
                    left(headroom.cores),
                    left(headroom.ram_mb)
                )
            })
        }
    };
    let net_order = RwSignal::new(Vec::<String>::new());
    let keypairs = RwSignal::new(o.keypairs.clone());
    let chosen_key = RwSignal::new(if o.keypairs.len() == 1 {
        o.keypairs[0].clone()
    } else {
        String::new()
    });
    let hide_unless = move |t: SourceType| move || source.get() != t;
    let image_options = |list: &[crate::model::launch::ImageChoice], chosen: &str| {
        list.iter()
            .map(|i| {
                let needs = if i.min_disk_gb > 0 {
                    format!(", needs {} GB", i.min_disk_gb)
                } else {
                    String::new()
                };
                view! { <option value=i.id.clone() selected=i.id == chosen>{format!("{} ({}{needs})", i.name, crate::model::image::size_with_places(i.size_bytes, 2))}</option> }
            })
            .collect_view()
    };
    let volume_options = |list: &[crate::model::launch::VolumeChoice], chosen: &str| {
        list.iter()
            .map(|v| view! { <option value=v.id.clone() selected=v.id == chosen>{format!("{} ({} GB)", v.name, v.size_gb)}</option> })
            .collect_view()
    };
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
            <label for="id_source_type" class="mb-1 block text-sm font-medium">"Select Boot Source"</label>
            <select id="id_source_type" name="form[source_type]" class=input
                    on:change=move |ev| source.set(SourceType::from_value(&event_target_value(&ev)).unwrap_or(SourceType::Image))>
                {SourceType::ALL.iter().map(|t| view! { <option value=t.value() selected=*t == source.get_untracked()>{t.label()}</option> }).collect_view()}
            </select>
            {error("source_type")}
            <div class:hidden=hide_unless(SourceType::Image)>
                <label for="id_image_id" class="mb-1 mt-3 block text-sm font-medium">"Image"</label>
                <select id="id_image_id" name="form[image_id]" class=input>
                    <option value="">"Select an image"</option>
                    {image_options(&o.images, &chosen)}
                </select>
                {error("image_id")}
            </div>
            <div class:hidden=hide_unless(SourceType::InstanceSnapshot)>
                <label for="id_instance_snapshot_id" class="mb-1 mt-3 block text-sm font-medium">"Instance Snapshot"</label>
                <select id="id_instance_snapshot_id" name="form[instance_snapshot_id]" class=input>
                    <option value="">{if o.instance_snapshots.is_empty() { "No instance snapshots available" } else { "Select a snapshot" }}</option>
                    {image_options(&o.instance_snapshots, &chosen)}
                </select>
                {error("instance_snapshot_id")}
            </div>
            <div class:hidden=hide_unless(SourceType::Volume)>
                <label for="id_volume_id" class="mb-1 mt-3 block text-sm font-medium">"Volume"</label>
                <select id="id_volume_id" name="form[volume_id]" class=input>
                    <option value="">{if o.volumes.is_empty() { "No bootable volumes available" } else { "Select a volume" }}</option>
                    {volume_options(&o.volumes, &chosen)}
                </select>
                {error("volume_id")}
            </div>
            <div class:hidden=hide_unless(SourceType::VolumeSnapshot)>
                <label for="id_volume_snapshot_id" class="mb-1 mt-3 block text-sm font-medium">"Volume Snapshot"</label>
                <select id="id_volume_snapshot_id" name="form[volume_snapshot_id]" class=input>
                    <option value="">{if o.volume_snapshots.is_empty() { "No volume snapshots available" } else { "Select a volume snapshot" }}</option>
                    {volume_options(&o.volume_snapshots, &chosen)}
                </select>
                {error("volume_snapshot_id")}
            </div>
            // A new volume only for image sources; the volume sources are volumes already.
            <div class:hidden=move || !matches!(source.get(), SourceType::Image | SourceType::InstanceSnapshot)>
                <div class="mt-3 flex items-center gap-2">
                    <input id="id_create_volume" name="form[create_volume]" type="checkbox"/>
                    <label for="id_create_volume" class="text-sm font-medium">"Create New Volume"</label>
                </div>
                <label for="id_volume_size" class="mb-1 mt-3 block text-sm font-medium">"Volume Size (GB)"</label>
                <input id="id_volume_size" name="form[volume_size]" type="number" min="1" class=input/>
                {error("volume_size")}
            </div>
            <div class="mt-3 flex items-center gap-2">
                <input id="id_delete_volume_on_terminate" name="form[delete_volume_on_terminate]" type="checkbox"/>
                <label for="id_delete_volume_on_terminate" class="text-sm font-medium">"Delete Volume on Instance Delete"</label>
            </div>
        </section>
        <section class:hidden=shown(2) aria-label="Flavor">
            <label for="id_flavor_id" class="mb-1 block text-sm font-medium">"Flavor"</label>
            <select id="id_flavor_id" name="form[flavor_id]" class=input
                    on:change=move |ev| flavor.set(event_target_value(&ev))>
                <option value="">"Select a flavor"</option>
                {o.flavors.iter().map(|f| {
                    let over = if fits(f.vcpus, f.ram_mb) { "" } else { " (exceeds the quota left)" };
                    view! {
                        <option value=f.id.clone()>{format!("{} — {} VCPU, {} MB RAM, {} GB disk{over}", f.name, f.vcpus, f.ram_mb, f.disk_gb)}</option>
                    }
                }).collect_view()}
            </select>
            {error("flavor_id")}
            <p class="flavor-quota mt-2 text-xs text-slate-500">{flavor_use}</p>
        </section>
        <section class:hidden=shown(3) aria-label="Networks">
            <fieldset>
                <legend class="mb-1 text-sm font-medium">"Networks (the first ticked is the first interface)"</legend>
                {o.networks.iter().enumerate().map(|(i, n)| {
                    let id = format!("id_networks_{i}");
                    let net = n.id.clone();
                    let position = {
                        let net = net.clone();
                        move || net_order.with(|o| o.iter().position(|x| *x == net)).map(|p| format!("#{}", p + 1))
                    };
                    view! {
                        <div class="flex items-center gap-2">
                            <input id=id.clone() type="checkbox"
                                   on:change=move |ev| {
                                       let on = event_target_checked(&ev);
                                       net_order.update(|o| {
                                           o.retain(|x| *x != net);
                                           if on { o.push(net.clone()) }
                                       });
                                   }/>
                            <label for=id class="text-sm">{n.label.clone()}</label>
                            <span class="network-position text-xs text-slate-500">{position}</span>
                        </div>
                    }
                }).collect_view()}
                // What is sent: the ticked networks in the order they were ticked.
                {move || net_order.get().into_iter().enumerate().map(|(k, id)| view! {
                    <input type="hidden" name=format!("form[networks][{k}]") value=id/>
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
            <select id="id_key_name" name="form[key_name]" class=input
                    prop:value=move || chosen_key.get()
                    on:change=move |ev| chosen_key.set(event_target_value(&ev))>
                <option value="">"No key pair"</option>
                {move || keypairs.get().into_iter().map(|k| {
                    let is_chosen = { let k = k.clone(); move || chosen_key.get() == k };
                    view! { <option value=k.clone() selected=is_chosen>{k.clone()}</option> }
                }).collect_view()}
            </select>
            {error("key_name")}
            <InlineKeypair keypairs=keypairs chosen=chosen_key input=input/>
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
        <section class:hidden=shown(7) aria-label="Server Groups">
            <label for="id_server_group" class="mb-1 block text-sm font-medium">"Server Group"</label>
            <select id="id_server_group" name="form[server_group]" class=input>
                <option value="">"No server group"</option>
                {o.server_groups.iter().map(|g| view! { <option value=g.id.clone()>{g.label.clone()}</option> }).collect_view()}
            </select>
            <p class="mt-2 text-xs text-slate-500">"The group's policy decides which hosts the instance may run on."</p>
            {error("server_group")}
        </section>
    }
}

/// "+ Create Key Pair" and "Import Key Pair" inside the wizard, as in Horizon: the new key
/// pair joins the list and is chosen. A created key's private half is saved by the browser
/// as `<name>.pem` at once; Meridian keeps no copy. (No nested form: these are buttons that
/// call the server, so the launch form around them is not submitted.)
#[component]
fn InlineKeypair(
    keypairs: RwSignal<Vec<String>>,
    chosen: RwSignal<String>,
    input: &'static str,
) -> impl IntoView {
    use crate::api::keypairs::{GenerateKeypair, ImportKeypair};
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Closed,
        Create,
        Import,
    }
    let mode = RwSignal::new(Mode::Closed);
    let name = RwSignal::new(String::new());
    let public_key = RwSignal::new(String::new());
    let generate = ServerAction::<GenerateKeypair>::new();
    let import = ServerAction::<ImportKeypair>::new();
    let added = move |n: String| {
        keypairs.update(|k| {
            if !k.contains(&n) {
                k.push(n.clone())
            }
        });
        chosen.set(n);
        mode.set(Mode::Closed);
        name.set(String::new());
        public_key.set(String::new());
    };
    Effect::new(move |_| {
        if let Some(Ok((n, private_key))) = generate.value().get() {
            save_pem(&n, &private_key);
            added(n);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(n)) = import.value().get() {
            added(n);
        }
    });
    let failure = move || {
        let e = match mode.get() {
            Mode::Create => generate.value().get().and_then(|r| r.err()),
            Mode::Import => import.value().get().and_then(|r| r.err()),
            Mode::Closed => None,
        };
        e.map(|e| view! { <p class="field-error mt-1 text-sm text-red-700" id="new_keypair-error">{e.to_string()}</p> })
    };
    let button = "rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50";
    view! {
        <div class="mt-3 flex gap-2">
            <button type="button" class=button on:click=move |_| mode.set(Mode::Create)>"+ Create Key Pair"</button>
            <button type="button" class=button on:click=move |_| mode.set(Mode::Import)>"Import Key Pair"</button>
        </div>
        <div class="mt-3 rounded border border-slate-200 bg-slate-50 p-3" class:hidden=move || mode.get() == Mode::Closed>
            <label for="id_new_keypair_name" class="mb-1 block text-sm font-medium">"Key Pair Name"</label>
            <input id="id_new_keypair_name" class=input prop:value=move || name.get()
                   on:input=move |ev| name.set(event_target_value(&ev))/>
            <div class:hidden=move || mode.get() != Mode::Import>
                <label for="id_new_public_key" class="mb-1 mt-2 block text-sm font-medium">"Public Key"</label>
                <textarea id="id_new_public_key" rows="3" class=format!("{input} font-mono text-xs")
                          prop:value=move || public_key.get()
                          on:input=move |ev| public_key.set(event_target_value(&ev))></textarea>
            </div>
            {failure}
            <div class="mt-2 flex gap-2">
                <button type="button" class="rounded bg-sky-700 px-3 py-1 text-xs font-medium text-white hover:bg-sky-800"
                        on:click=move |_| match mode.get_untracked() {
                            Mode::Create => { generate.dispatch(GenerateKeypair { name: name.get_untracked() }); }
                            Mode::Import => { import.dispatch(ImportKeypair { name: name.get_untracked(), public_key: public_key.get_untracked() }); }
                            Mode::Closed => {}
                        }>
                    {move || if mode.get() == Mode::Import { "Import Key Pair" } else { "Create Key Pair" }}
                </button>
                <button type="button" class=button on:click=move |_| mode.set(Mode::Closed)>"Cancel"</button>
            </div>
        </div>
    }
}

/// Hands the private key to the browser as a `<name>.pem` download.
fn save_pem(name: &str, private_key: &str) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let save = || -> Option<()> {
            let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(private_key));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("application/x-pem-file");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
            let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
            let document = web_sys::window()?.document()?;
            let a: web_sys::HtmlAnchorElement =
                document.create_element("a").ok()?.dyn_into().ok()?;
            a.set_href(&url);
            a.set_download(&format!("{name}.pem"));
            document.body()?.append_child(&a).ok()?;
            a.click();
            a.remove();
            web_sys::Url::revoke_object_url(&url).ok()
        };
        save();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (name, private_key);
}
