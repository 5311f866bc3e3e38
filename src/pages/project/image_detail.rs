//! Image detail (`/project/images/{id}/`, and `/admin/images/{id}/`): Glance's fields, the
//! checksums, and the image's own properties.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

use crate::api::images::image_detail;
use crate::components::messages::ErrorBanner;
use crate::model::image::{size_label, ImageDetail};

#[component]
pub fn ImageDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("image_id")).unwrap_or_default());
    let admin = use_location()
        .pathname
        .get_untracked()
        .starts_with("/admin/");
    let detail = Resource::new(move || id.get(), image_detail);
    view! {
        <Suspense fallback=|| view! { <p>"Loading image…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <Detail d=d admin=admin/> }.into_any(),
                    Err(e) => view! { <Title text="Image Details"/><ErrorBanner error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Detail(d: ImageDetail, admin: bool) -> impl IntoView {
    let r = d.row.clone();
    let list = if admin {
        "/admin/images/"
    } else {
        "/project/images/"
    };
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let pairs: Vec<(&'static str, String)> = vec![
        ("Name", r.name.clone()),
        ("ID", r.id.clone()),
        ("Owner", r.owner.clone()),
        ("Status", r.status.clone()),
        ("Type", r.kind.clone()),
        ("Size", size_label(r.size)),
        ("Virtual Size", size_label(d.virtual_size)),
        ("Min. Disk", d.min_disk.to_string()),
        ("Min. RAM", d.min_ram.to_string()),
        ("Disk Format", r.disk_format.to_uppercase()),
        ("Container Format", d.container_format.to_uppercase()),
        ("Visibility", r.visibility.clone()),
        (
            "Protected",
            if r.protected { "Yes" } else { "No" }.to_string(),
        ),
        ("Checksum", dash(&d.checksum)),
        ("Hash Algorithm", dash(&d.os_hash_algo)),
        ("Hash Value", dash(&d.os_hash_value)),
        ("Created", dash(&d.created_at)),
        ("Updated", dash(&d.updated_at)),
        ("Description", dash(&d.description)),
        ("Architecture", dash(&d.architecture)),
    ];
    let props = d.properties.clone();
    view! {
        <Title text=format!("Image Details: {}", r.name)/>
        <nav class="mb-2 text-sm text-slate-500"><a class="text-sky-700 hover:underline" href=list>"Images"</a>" / "{r.name.clone()}</nav>
        <h1 class="mb-4 text-2xl font-semibold">{r.name.clone()}</h1>
        <section class="rounded-lg border border-slate-200 bg-white p-4">
            <h2 class="mb-3 text-lg font-semibold">"Image"</h2>
            <dl class="image-overview grid grid-cols-[12rem_1fr] gap-x-4 text-sm">
                {pairs.into_iter().map(|(k, v)| view! {
                    <dt class="font-medium text-slate-500">{k}</dt><dd class="mb-2 break-all">{v}</dd>
                }).collect_view()}
            </dl>
            <h2 class="mb-3 mt-4 text-lg font-semibold">"Custom Properties"</h2>
            {if props.is_empty() {
                view! { <p class="text-sm text-slate-500">"None"</p> }.into_any()
            } else {
                view! {
                    <dl class="image-properties grid grid-cols-[12rem_1fr] gap-x-4 text-sm">
                        {props.into_iter().map(|(k, v)| view! {
                            <dt class="font-mono text-xs text-slate-500">{k}</dt><dd class="mb-2 break-all">{v}</dd>
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>
    }
}
