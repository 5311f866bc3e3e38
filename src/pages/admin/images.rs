//! Admin › Images (`/admin/images/`): every project's images, with their owners; the same
//! panel as Project › Images.

use leptos::prelude::*;

use crate::pages::project::images::ImagesPanel;

#[component]
pub fn AdminImagesPage() -> impl IntoView {
    view! { <ImagesPanel all_projects=true/> }
}
