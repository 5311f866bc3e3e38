//! Instance detail (`/project/instances/{id}/`): Overview, Interfaces, Log and Action Log,
//! as tabs chosen by `?tab=`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::instance_detail::instance_detail;
use crate::components::messages::{Alert, ErrorBanner};
use crate::model::compute::InstanceDetail;
use crate::model::Flash;

const TABS: [(&str, &str); 4] = [
    ("overview", "Overview"),
    ("interfaces", "Interfaces"),
    ("log", "Log"),
    ("audit", "Action Log"),
];

/// Horizon's default number of console log lines.
const DEFAULT_LOG_LINES: u32 = 35;

#[component]
pub fn InstanceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).unwrap_or_default());
    let tab = Memo::new(move |_| {
        query
            .with(|q| q.get("tab"))
            .unwrap_or_else(|| "overview".into())
    });
    let lines = Memo::new(move |_| {
        query
            .with(|q| q.get("length"))
            .and_then(|l| l.parse().ok())
            .unwrap_or(DEFAULT_LOG_LINES)
    });
    let detail = Resource::new(
        move || (id.get(), lines.get()),
        |(id, n)| instance_detail(id, n),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading instance…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <Detail d=d tab=tab lines=lines/> }.into_any(),
                    Err(e) => view! { <Title text="Instance Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(d: InstanceDetail, tab: Memo<String>, lines: Memo<u32>) -> impl IntoView {
    let r = d.row.clone();
    let base = format!("/project/instances/{}/", r.id);
    let dl = |k: &'static str, v: String| {
        view! { <dt class="font-medium text-slate-500">{k}</dt><dd class="mb-2">{v}</dd> }
    };
    view! {
        <Title text=format!("Instance Details: {}", r.name)/>
        <nav class="mb-2 text-sm text-slate-500"><a class="text-sky-700 hover:underline" href="/project/instances/">"Instances"</a>" / "{r.name.clone()}</nav>
        <h1 class="mb-4 text-2xl font-semibold">{r.name.clone()}</h1>
        <ul class="nav nav-tabs mb-4 flex gap-1 border-b border-slate-200 text-sm" role="tablist">
            {TABS.iter().map(|(key, label)| {
                let href = format!("{base}?tab={key}");
                let active = move || tab.get() == *key;
                view! {
                    <li role="presentation">
                        <a href=href role="tab" aria-selected=move || active().to_string()
                           class="-mb-px block border-b-2 px-3 py-2"
                           class=("border-sky-600", active) class=("border-transparent", move || !active())>{*label}</a>
                    </li>
                }
            }).collect_view()}
            <li><a class="-mb-px block border-b-2 border-transparent px-3 py-2" href=format!("{base}console/")>"Console"</a></li>
        </ul>
        <Show when=move || tab.get() == "overview">
            <section id="overview" class="grid max-w-3xl grid-cols-2 gap-x-6 rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <dl>
                    <h2 class="mb-2 font-semibold">"Overview"</h2>
                    {dl("Name", r.name.clone())}
                    {dl("ID", r.id.clone())}
                    {dl("Description", d.description.clone().unwrap_or_else(|| "-".into()))}
                    {dl("Status", r.status_label())}
                    {dl("Locked", if r.locked { "True".into() } else { "False".into() })}
                    {dl("Availability Zone", r.availability_zone.clone())}
                    {dl("Created", d.created_shown.clone())}
                    <h2 class="mb-2 mt-4 font-semibold">"Specs"</h2>
                    {dl("Flavor Name", r.flavor_name.clone())}
                    {dl("Image Name", r.image_name.clone().unwrap_or_else(|| "(booted from volume)".into()))}
                    {dl("Key Name", r.key_name.clone().unwrap_or_else(|| "None".into()))}
                </dl>
                <dl>
                    <h2 class="mb-2 font-semibold">"IP Addresses"</h2>
                    {r.addresses.iter().map(|a| dl("Address", format!("{} ({}{})", a.addr, a.network, if a.floating { ", floating" } else { "" }))).collect_view()}
                    <h2 class="mb-2 mt-4 font-semibold">"Security Groups"</h2>
                    <dd class="mb-2 security-groups">{d.security_groups.join(", ")}</dd>
                    {d.security_group_rules.iter().map(|g| view! {
                        <dt class="font-medium text-slate-500">{g.name.clone()}</dt>
                        <dd class="mb-2">
                            <ul class="security-group-rules list-disc pl-5 text-xs">
                                {g.rules.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                            </ul>
                        </dd>
                    }).collect_view()}
                    <h2 class="mb-2 mt-4 font-semibold">"Metadata"</h2>
                    {if d.metadata.is_empty() { view! { <dd>"None"</dd> }.into_any() } else {
                        d.metadata.iter().map(|(k, v)| view! { <dt class="font-medium text-slate-500">{k.clone()}</dt><dd class="mb-2">{v.clone()}</dd> }).collect_view().into_any()
                    }}
                    <h2 class="mb-2 mt-4 font-semibold">"Volumes Attached"</h2>
                    {if d.volumes.is_empty() { view! { <dd>"No volumes attached."</dd> }.into_any() } else {
                        d.volumes.iter().map(|v| view! { <dd class="mb-1 font-mono text-xs">{v.clone()}</dd> }).collect_view().into_any()
                    }}
                </dl>
            </section>
        </Show>
        <Show when=move || tab.get() == "interfaces">
            {match d.interfaces.clone() {
                Ok(ifaces) => view! {
                    <table id="interfaces" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
                        <thead class="bg-slate-50 text-left"><tr>
                            <th class="px-3 py-2">"Name"</th><th class="px-3 py-2">"Network"</th><th class="px-3 py-2">"Fixed IPs"</th>
                            <th class="px-3 py-2">"MAC Address"</th><th class="px-3 py-2">"Status"</th>
                        </tr></thead>
                        <tbody>
                            {ifaces.into_iter().map(|i| view! {
                                <tr data-display=if i.name.is_empty() { format!("({})", &i.id[..8.min(i.id.len())]) } else { i.name.clone() } class="border-t border-slate-100">
                                    <td class="px-3 py-2">{if i.name.is_empty() { format!("({})", &i.id[..8.min(i.id.len())]) } else { i.name.clone() }}</td>
                                    <td class="px-3 py-2 font-mono text-xs">{i.network_id.clone()}</td>
                                    <td class="px-3 py-2">{i.fixed_ips.join(", ")}</td>
                                    <td class="px-3 py-2 font-mono text-xs">{i.mac_address.clone()}</td>
                                    <td class="px-3 py-2">{i.status.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(m) => view! { <div class="messages"><Alert flash=Flash::error(m)/></div> }.into_any(),
            }}
        </Show>
        <Show when=move || tab.get() == "log">
            <form method="get" class="mb-3 flex items-end gap-2 text-sm">
                <input type="hidden" name="tab" value="log"/>
                <div>
                    <label for="id_log_length" class="block text-xs text-slate-500">"Log Length"</label>
                    <input id="id_log_length" name="length" type="number" min="1" value=move || lines.get().to_string()
                           class="w-24 rounded border border-slate-300 px-2 py-1"/>
                </div>
                <button type="submit" class="rounded border border-slate-300 bg-white px-3 py-1 hover:bg-slate-50">"Go"</button>
            </form>
            {match d.log.clone() {
                Ok(text) => view! {
                    <pre id="console-log" class="max-h-[60vh] overflow-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{text}</pre>
                }.into_any(),
                Err(m) => view! { <div class="messages"><Alert flash=Flash::error(format!("Unable to get log for instance: {m}"))/></div> }.into_any(),
            }}
        </Show>
        <Show when=move || tab.get() == "audit">
            {match d.actions.clone() {
                Ok(actions) => view! {
                    <table id="audit" class="w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
                        <thead class="bg-slate-50 text-left"><tr>
                            <th class="px-3 py-2">"Request ID"</th><th class="px-3 py-2">"Action"</th>
                            <th class="px-3 py-2">"Start Time"</th><th class="px-3 py-2">"User ID"</th><th class="px-3 py-2">"Message"</th>
                        </tr></thead>
                        <tbody>
                            {actions.into_iter().map(|a| view! {
                                <tr data-display=a.action.clone() class="border-t border-slate-100">
                                    <td class="px-3 py-2 font-mono text-xs">{a.request_id.clone()}</td>
                                    <td class="px-3 py-2">{a.action.clone()}</td>
                                    <td class="px-3 py-2">{a.start_time.clone()}</td>
                                    <td class="px-3 py-2 font-mono text-xs">{a.user_id.clone()}</td>
                                    <td class="px-3 py-2">{a.message.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
                Err(m) => view! { <div class="messages"><Alert flash=Flash::error(m)/></div> }.into_any(),
            }}
        </Show>
    }
}
