//! The HTML shell, the router and the dashboards' URL map (Horizon's URLs).

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::Dashboard;
use crate::components::notice::{NotFound, PanelNotBuilt};
use crate::pages::admin::flavors::FlavorsAdminPage;
use crate::pages::admin::floating_ips::AdminFloatingIpsPage;
use crate::pages::admin::hypervisors::HypervisorsAdminPage;
use crate::pages::admin::images::AdminImagesPage;
use crate::pages::admin::networks::AdminNetworksPage;
use crate::pages::admin::overview::AdminOverview;
use crate::pages::admin::routers::AdminRoutersPage;
use crate::pages::admin::volume_types::VolumeTypesPage;
use crate::pages::admin::volumes::{AdminSnapshotsPage, AdminVolumesPage};
use crate::pages::auth::login::LoginPage;
use crate::pages::identity::application_credentials::AppCredentialsPage;
use crate::pages::identity::groups::{GroupMembersPage, IdentityGroupsPage};
use crate::pages::identity::projects::IdentityProjectsPage;
use crate::pages::identity::roles::IdentityRolesPage;
use crate::pages::identity::users::IdentityUsersPage;
use crate::pages::project::api_access::ApiAccessPage;
use crate::pages::project::console::InstanceConsole;
use crate::pages::project::floating_ips::FloatingIpsPage;
use crate::pages::project::image_detail::ImageDetailPage;
use crate::pages::project::images::ImagesPage;
use crate::pages::project::instance_detail::InstanceDetailPage;
use crate::pages::project::instances::{AdminInstancesPage, InstancesPage};
use crate::pages::project::key_pairs::{KeyPairDetailPage, KeyPairsPage};
use crate::pages::project::network_detail::NetworkDetailPage;
use crate::pages::project::network_topology::NetworkTopologyPage;
use crate::pages::project::networks::NetworksPage;
use crate::pages::project::overview::ProjectOverview;
use crate::pages::project::routers::{RouterDetailPage, RoutersPage};
use crate::pages::project::security_groups::{ManageRulesPage, SecurityGroupsPage};
use crate::pages::project::server_groups::{ServerGroupDetailPage, ServerGroupsPage};
use crate::pages::project::volume_snapshots::VolumeSnapshotsPage;
use crate::pages::project::volumes::VolumesPage;
use crate::pages::settings::password::ChangePasswordPage;
use crate::pages::settings::user_settings::UserSettingsPage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="bg-slate-100 text-slate-800 antialiased">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    // Every page waits for its data before the first byte is sent (`Async`): a page that
    // finds the token revoked can still answer with a redirect to the login page.
    view! {
        <Stylesheet id="leptos" href="/pkg/meridian.css"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "Meridian".to_string() } else { format!("{title} - Meridian") }
        }/>
        <Router>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/auth/login/") view=LoginPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("") view=Dashboard ssr=SsrMode::Async>
                    <Route path=path!("/project/") view=ProjectOverview ssr=SsrMode::Async/>
                    <Route
                        path=path!("/project/instances/")
                        view=InstancesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/instances/:id/")
                        view=InstanceDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/key_pairs/")
                        view=KeyPairsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/key_pairs/:name/")
                        view=KeyPairDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/server_groups/")
                        view=ServerGroupsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/server_groups/:id/")
                        view=ServerGroupDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/project/images/") view=ImagesPage ssr=SsrMode::Async/>
                    <Route path=path!("/project/volumes/") view=VolumesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/project/snapshots/")
                        view=VolumeSnapshotsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/volumes/") view=AdminVolumesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/volume_types/")
                        view=VolumeTypesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/snapshots/")
                        view=AdminSnapshotsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/api_access/")
                        view=ApiAccessPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/images/:image_id/")
                        view=ImageDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/") view=AdminOverview ssr=SsrMode::Async/>
                    <Route path=path!("/admin/images/") view=AdminImagesPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/admin/images/:image_id/")
                        view=ImageDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/instances/")
                        view=AdminInstancesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/hypervisors/")
                        view=HypervisorsAdminPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/flavors/")
                        view=FlavorsAdminPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/networks/")
                        view=NetworksPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/networks/:id/")
                        view=NetworkDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/routers/")
                        view=RoutersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/routers/:id/")
                        view=RouterDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/security_groups/")
                        view=SecurityGroupsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/security_groups/:id/")
                        view=ManageRulesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/floating_ips/")
                        view=FloatingIpsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/network_topology/")
                        view=NetworkTopologyPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/networks/")
                        view=AdminNetworksPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/networks/:id/")
                        view=NetworkDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/routers/")
                        view=AdminRoutersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/routers/:id/")
                        view=RouterDetailPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/floating_ips/")
                        view=AdminFloatingIpsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/instances/:instance_id/console/")
                        view=InstanceConsole
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/project/:panel/")
                        view=PanelNotBuilt
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/:panel/") view=PanelNotBuilt ssr=SsrMode::Async/>
                    <Route
                        path=path!("/identity/application_credentials/")
                        view=AppCredentialsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/settings/") view=UserSettingsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/settings/password/")
                        view=ChangePasswordPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/identity/projects/")
                        view=IdentityProjectsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/identity/users/")
                        view=IdentityUsersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/identity/groups/")
                        view=IdentityGroupsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/identity/groups/:id/manage_members/")
                        view=GroupMembersPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/identity/roles/")
                        view=IdentityRolesPage
                        ssr=SsrMode::Async
                    />
                    // Horizon serves the dashboard's default panel, Projects, at `/identity/`.
                    <Route path=path!("/identity/") view=IdentityProjectsPage ssr=SsrMode::Async/>
                    <Route
                        path=path!("/identity/:panel/")
                        view=PanelNotBuilt
                        ssr=SsrMode::Async
                    />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
