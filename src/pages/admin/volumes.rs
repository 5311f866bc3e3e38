//! Admin › Volumes (`/admin/volumes/`) and Admin › Snapshots (`/admin/snapshots/`): every
//! project's, with the owner; the project panels with their admin flag.

use leptos::prelude::*;

use crate::pages::project::volume_snapshots::SnapshotsPanel;
use crate::pages::project::volumes::VolumesPanel;

#[component]
pub fn AdminVolumesPage() -> impl IntoView {
    view! { <VolumesPanel all_projects=true/> }
}

#[component]
pub fn AdminSnapshotsPage() -> impl IntoView {
    view! { <SnapshotsPanel all_projects=true/> }
}
