//! The instance row's forms as modals: each loads what it offers for this instance, keeps
//! what was typed when the server refuses it, and shows the refusal at its field.

use leptos::prelude::*;

use crate::api::instance_forms::{instance_form_options, ChangeInstance};
use crate::components::messages::{Alert, ErrorBanner};
use crate::components::modal::Modal;
use crate::error::AppError;
use crate::model::instance_forms::{FormOptions, InstanceChange, InstanceForm};
use crate::model::Choice;
use crate::model::Flash;

/// Which form is open, for which instance (id, name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenForm {
    pub id: String,
    pub name: String,
    pub form: InstanceForm,
}

const INPUT: &str = "w-full rounded border border-slate-300 px-3 py-1.5";
const LABEL: &str = "mb-1 mt-3 block text-sm font-medium";

#[component]
pub fn InstanceFormModal(
    open: OpenForm,
    /// Called with the success message.
    on_done: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let OpenForm { id, name, form } = open;
    // Its own action, so an error from another form never shows here.
    let action = ServerAction::<ChangeInstance>::new();
    Effect::new(move |_| {
        if let Some(Ok(message)) = action.value().get() {
            on_done.run(message);
        }
    });
    let options = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        move |id| instance_form_options(id, form),
    );
    let last_error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let banner = move || {
        last_error
            .get()
            .filter(|e| e.field().is_none())
            .map(|e| view! { <div class="messages mb-3"><Alert flash=Flash::error(e.to_string())/></div> })
    };
    view! {
        <Modal title=form.label() on_close=on_close>
            {banner}
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || {
                    let (id, name) = (id.clone(), name.clone());
                    Suspend::new(async move {
                        match options.await {
                            Err(e) => view! { <ErrorBanner error=e/> }.into_any(),
                            Ok(o) => view! {
                                <FormBody form=form o=o id=id name=name action=action last_error=last_error on_close=on_close/>
                            }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </Modal>
    }
}

/// The message for `field` when the last answer was about it.
fn field_error(last_error: Signal<Option<AppError>>, field: &'static str) -> impl IntoView {
    move || {
        last_error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|e| view! { <p class="field-error mt-1 text-sm text-red-700" id=format!("{field}-error")>{e.to_string()}</p> })
    }
}

fn select(
    id: &'static str,
    label: &'static str,
    prompt: &'static str,
    choices: &[Choice],
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label for=id class=LABEL>{label}</label>
        <select id=id class=INPUT on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
            <option value="">{prompt}</option>
            {choices.iter().map(|c| view! { <option value=c.id.clone()>{c.label.clone()}</option> }).collect_view()}
        </select>
    }
}

fn text(id: &'static str, label: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <label for=id class=LABEL>{label}</label>
        <input id=id class=INPUT prop:value=move || value.get()
               on:input=move |ev| value.set(event_target_value(&ev))/>
    }
}

#[component]
fn FormBody(
    form: InstanceForm,
    o: FormOptions,
    id: String,
    name: String,
    action: ServerAction<ChangeInstance>,
    last_error: Signal<Option<AppError>>,
    on_close: Callback<()>,
) -> impl IntoView {
    use InstanceForm as F;
    // Each field's value; a form uses only its own. Defaults are what Horizon preselects.
    let first = |list: &[Choice]| {
        if list.len() == 1 {
            list[0].id.clone()
        } else {
            String::new()
        }
    };
    let a = RwSignal::new(match form {
        F::Edit => o.name.clone(),
        F::Snapshot => format!("{}-snapshot", o.name),
        F::AttachInterface => first(&o.networks),
        F::DetachInterface => first(&o.ports),
        F::Rebuild | F::Rescue => String::new(),
        F::AssociateFloatingIp | F::DisassociateFloatingIp => first(&o.floating_ips),
        F::AttachVolume | F::DetachVolume => first(&o.volumes),
        F::Resize => first(&o.flavors),
        F::EditSecurityGroups => String::new(),
    });
    let b = RwSignal::new(match form {
        F::Edit => o.description.clone(),
        F::AssociateFloatingIp => first(&o.ports),
        _ => String::new(),
    });
    let groups = RwSignal::new(o.current_security_groups.clone());
    let change = move || match form {
        F::Edit => InstanceChange::Edit {
            name: a.get_untracked(),
            description: b.get_untracked(),
        },
        F::EditSecurityGroups => InstanceChange::EditSecurityGroups {
            ids: groups.get_untracked(),
        },
        F::Snapshot => InstanceChange::Snapshot {
            name: a.get_untracked(),
        },
        F::Resize => InstanceChange::Resize {
            flavor_id: a.get_untracked(),
        },
        F::Rebuild => InstanceChange::Rebuild {
            image_id: a.get_untracked(),
        },
        F::Rescue => InstanceChange::Rescue {
            image_id: a.get_untracked(),
        },
        F::AttachInterface => InstanceChange::AttachInterface {
            network_id: a.get_untracked(),
            fixed_ip: b.get_untracked(),
        },
        F::DetachInterface => InstanceChange::DetachInterface {
            port_id: a.get_untracked(),
        },
        F::AssociateFloatingIp => InstanceChange::AssociateFloatingIp {
            floating_ip_id: a.get_untracked(),
            port_id: b.get_untracked(),
        },
        F::DisassociateFloatingIp => InstanceChange::DisassociateFloatingIp {
            floating_ip_id: a.get_untracked(),
        },
        F::AttachVolume => InstanceChange::AttachVolume {
            volume_id: a.get_untracked(),
        },
        F::DetachVolume => InstanceChange::DetachVolume {
            volume_id: a.get_untracked(),
        },
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        action.dispatch(ChangeInstance {
            id: id.clone(),
            name: name.clone(),
            change: change(),
        });
    };
    let fields = match form {
        F::Edit => view! {
            {text("id_name", "Name", a)}
            {field_error(last_error, "name")}
            {text("id_description", "Description", b)}
            {field_error(last_error, "description")}
        }
        .into_any(),
        F::Snapshot => view! {
            {text("id_name", "Snapshot Name", a)}
            {field_error(last_error, "name")}
            <p class="mt-2 text-xs text-slate-500">"A snapshot is an image that keeps the instance's disk as it is now."</p>
        }
        .into_any(),
        F::Resize => view! {
            <p class="text-sm">"Old Flavor: " <span class="font-medium">{o.name.clone()}</span></p>
            {select("id_flavor", "New Flavor", "Select a new flavor", &o.flavors, a)}
            {field_error(last_error, "flavor")}
            <p class="mt-2 text-xs text-slate-500">"After the resize, confirm it (or revert it) from the instance's menu."</p>
        }
        .into_any(),
        F::Rebuild => view! {
            {select("id_image", "Select Image", "Select an image", &o.images, a)}
            {field_error(last_error, "image")}
            <p class="mt-2 text-xs text-slate-500">"Rebuilding replaces the instance's disk with the image: data on it is lost."</p>
        }
        .into_any(),
        F::Rescue => view! {
            {select("id_image", "Image", "The instance's own image", &o.images, a)}
            {field_error(last_error, "image")}
        }
        .into_any(),
        F::EditSecurityGroups => view! {
            <fieldset>
                <legend class="mb-1 text-sm font-medium">"Instance Security Groups"</legend>
                {o.security_groups.iter().enumerate().map(|(i, g)| {
                    let gid = g.id.clone();
                    let checked = { let gid = gid.clone(); move || groups.with(|s| s.contains(&gid)) };
                    view! {
                        <div class="flex items-center gap-2">
                            <input type="checkbox" id=format!("id_security_groups_{i}") prop:checked=checked
                                   on:change=move |ev| {
                                       let on = event_target_checked(&ev);
                                       groups.update(|s| {
                                           s.retain(|x| *x != gid);
                                           if on { s.push(gid.clone()) }
                                       });
                                   }/>
                            <label for=format!("id_security_groups_{i}") class="text-sm">{g.label.clone()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {field_error(last_error, "security_groups")}
        }
        .into_any(),
        F::AttachInterface => view! {
            {select("id_network", "Network", "Select network", &o.networks, a)}
            {field_error(last_error, "network")}
            {text("id_fixed_ip", "Fixed IP Address (optional)", b)}
            {field_error(last_error, "fixed_ip")}
        }
        .into_any(),
        F::DetachInterface => view! {
            {select("id_port", "Port", "Select port", &o.ports, a)}
            {field_error(last_error, "port")}
        }
        .into_any(),
        F::AssociateFloatingIp => view! {
            {select("id_ip_id", "IP Address", "Select an IP address", &o.floating_ips, a)}
            {field_error(last_error, "ip_id")}
            {o.floating_ips.is_empty().then(|| view! {
                <p class="mt-1 text-xs text-amber-700">"No floating IP is free: allocate one in Project › Floating IPs first."</p>
            })}
            {select("id_port_id", "Port to be associated", "Select a port", &o.ports, b)}
            {field_error(last_error, "port_id")}
        }
        .into_any(),
        F::DisassociateFloatingIp => view! {
            {select("id_floating_ip_id", "Floating IP", "Select a floating IP", &o.floating_ips, a)}
            {field_error(last_error, "floating_ip_id")}
        }
        .into_any(),
        F::AttachVolume => view! {
            {select("id_volume", "Volume ID", "Choose a volume", &o.volumes, a)}
            {field_error(last_error, "volume")}
            {o.volumes.is_empty().then(|| view! {
                <p class="mt-1 text-xs text-amber-700">"No volume is available to attach."</p>
            })}
        }
        .into_any(),
        F::DetachVolume => view! {
            {select("id_volume", "Volume", "Choose a volume", &o.volumes, a)}
            {field_error(last_error, "volume")}
        }
        .into_any(),
    };
    view! {
        <form on:submit=submit class="instance-form" novalidate>
            {fields}
            <div class="mt-5 flex justify-end gap-2">
                <button type="button" class="rounded border border-slate-300 px-3 py-1.5"
                        on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="submit" class="rounded bg-sky-700 px-4 py-1.5 font-medium text-white hover:bg-sky-800"
                        disabled=move || action.pending().get()>{form.label()}</button>
            </div>
        </form>
    }
}
