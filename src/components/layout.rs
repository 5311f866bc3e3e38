//! The page frame of every dashboard page: header (project switcher, user menu), sidebar
//! (Project / Admin / Identity, by role), flash messages, then the panel.

use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;

use super::messages::{ErrorBanner, Messages};
use crate::api::auth::{shell_data, FrameData};
use crate::error::AppError;
use crate::model::policy::page_needs;
use crate::model::UserInfo;
use crate::nav::encode_query_value;

/// The frame's data, shared with the panels (they read the user from it).
pub type ShellResource = Resource<Result<FrameData, AppError>>;

/// The logged-in user, for panels that render inside the frame.
pub fn use_shell() -> ShellResource {
    expect_context::<ShellResource>()
}

/// Does the frame's data name a user with the `admin` role?
pub fn is_admin(frame: &Result<FrameData, AppError>) -> bool {
    matches!(frame, Ok(d) if d.user.as_ref().is_some_and(|u| u.is_admin()))
}

/// May the logged-in user change the current project's resources (not a reader)? The
/// panels show their create, edit and delete controls only then.
pub async fn can_change(shell: ShellResource) -> bool {
    matches!(shell.await, Ok(d) if d.user.as_ref().is_some_and(|u| !u.is_read_only()))
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let shell: ShellResource = Resource::new_blocking(|| (), |_| shell_data());
    provide_context(shell);
    // The panel (<Outlet/>) stays outside the frame's Suspense boundaries: a component
    // inside one is run again while the server renders, and a panel's own resources (its
    // OpenStack calls) would then be made more than once per page.
    let frame = move |part: FramePart| {
        view! {
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match (shell.await, part) {
                        (Ok(FrameData { user: Some(user), .. }), FramePart::Header) => view! { <Header user=user/> }.into_any(),
                        (Ok(FrameData { user: Some(user), .. }), FramePart::Sidebar) => view! { <Sidebar user=user/> }.into_any(),
                        (Ok(FrameData { user: Some(_), messages }), FramePart::Messages) => view! { <Messages messages=messages/> }.into_any(),
                        (Ok(FrameData { user: None, .. }), FramePart::Messages) => view! {
                            <p>"You are not logged in. "
                               <a class="text-sky-700 underline" href="/auth/login/" rel="external">"Log in"</a></p>
                        }.into_any(),
                        (Err(e), FramePart::Messages) => view! { <ErrorBanner error=e/> }.into_any(),
                        _ => ().into_any(),
                    }
                })}
            </Suspense>
        }
    };
    view! {
        {frame(FramePart::Header)}
        <div class="flex min-h-[calc(100vh-3.5rem)]">
            {frame(FramePart::Sidebar)}
            <main id="content" class="min-w-0 flex-1 p-6">
                {frame(FramePart::Messages)}
                <Outlet/>
            </main>
        </div>
    }
}

/// The parts of the frame drawn from the shell's data.
#[derive(Clone, Copy)]
enum FramePart {
    Header,
    Sidebar,
    Messages,
}

#[component]
fn Header(user: UserInfo) -> impl IntoView {
    let location = use_location();
    let here = location.pathname.get_untracked();
    let current = user.project.clone();
    let switch_links = user
        .projects
        .iter()
        .map(|p| {
            let href = format!("/auth/switch/{}/?next={}", p.id, encode_query_value(&here));
            let is_current = p.id == current.id;
            view! {
                <li>
                    <a href=href rel="external"
                       class="block px-4 py-2 hover:bg-slate-100"
                       class:font-semibold=is_current
                       aria-current=is_current.then_some("true")>
                        {p.name.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="flex h-14 items-center gap-4 bg-slate-900 px-4 text-white shadow">
            <a href="/project/" class="text-lg font-semibold tracking-wide">"Meridian"</a>
            <details id="project-switcher" class="relative">
                <summary class="cursor-pointer list-none rounded bg-slate-800 px-3 py-1.5 text-sm hover:bg-slate-700"
                         aria-label="Switch project">
                    <span class="text-slate-400">"Project: "</span>
                    <span class="current-project context-project font-medium">{current.name.clone()}</span>
                    " ▾"
                </summary>
                <ul class="dropdown-menu absolute left-0 z-20 mt-1 min-w-48 rounded border border-slate-200 bg-white py-1 text-slate-800 shadow-lg">
                    {switch_links}
                </ul>
            </details>
            <div class="flex-1"></div>
            <details id="user-menu" class="relative">
                <summary class="cursor-pointer list-none rounded px-3 py-1.5 text-sm hover:bg-slate-800"
                         aria-label="User menu">
                    <span class="user-name">{user.user_name.clone()}</span>" ▾"
                </summary>
                <div class="absolute right-0 z-20 mt-1 w-48 rounded border border-slate-200 bg-white py-1 text-slate-800 shadow-lg">
                    <p class="px-4 py-2 text-xs text-slate-500">
                        {format!("{} · {}", user.domain_name, user.roles.join(", "))}
                    </p>
                    <a href="/settings/" class="block px-4 py-2 hover:bg-slate-100">"Settings"</a>
                    <a href="/settings/password/" class="block px-4 py-2 hover:bg-slate-100">"Change Password"</a>
                    <form method="post" action="/auth/logout/">
                        <button type="submit" class="block w-full px-4 py-2 text-left hover:bg-slate-100">
                            "Sign Out"
                        </button>
                    </form>
                </div>
            </details>
        </header>
    }
}

struct Panel {
    name: &'static str,
    href: &'static str,
}

struct Group {
    name: &'static str,
    panels: &'static [Panel],
}

const PROJECT: &[Group] = &[
    Group {
        name: "",
        panels: &[Panel {
            name: "API Access",
            href: "/project/api_access/",
        }],
    },
    Group {
        name: "Compute",
        panels: &[
            Panel {
                name: "Overview",
                href: "/project/",
            },
            Panel {
                name: "Instances",
                href: "/project/instances/",
            },
            Panel {
                name: "Images",
                href: "/project/images/",
            },
            Panel {
                name: "Key Pairs",
                href: "/project/key_pairs/",
            },
            Panel {
                name: "Server Groups",
                href: "/project/server_groups/",
            },
        ],
    },
    Group {
        name: "Volumes",
        panels: &[
            Panel {
                name: "Volumes",
                href: "/project/volumes/",
            },
            Panel {
                name: "Snapshots",
                href: "/project/snapshots/",
            },
        ],
    },
    Group {
        name: "Network",
        panels: &[
            Panel {
                name: "Network Topology",
                href: "/project/network_topology/",
            },
            Panel {
                name: "Networks",
                href: "/project/networks/",
            },
            Panel {
                name: "Routers",
                href: "/project/routers/",
            },
            Panel {
                name: "Security Groups",
                href: "/project/security_groups/",
            },
            Panel {
                name: "Floating IPs",
                href: "/project/floating_ips/",
            },
        ],
    },
];

const ADMIN: &[Group] = &[
    Group {
        name: "Overview",
        panels: &[Panel {
            name: "Overview",
            href: "/admin/",
        }],
    },
    Group {
        name: "Compute",
        panels: &[
            Panel {
                name: "Hypervisors",
                href: "/admin/hypervisors/",
            },
            Panel {
                name: "Instances",
                href: "/admin/instances/",
            },
            Panel {
                name: "Flavors",
                href: "/admin/flavors/",
            },
            Panel {
                name: "Images",
                href: "/admin/images/",
            },
        ],
    },
    Group {
        name: "Network",
        panels: &[
            Panel {
                name: "Networks",
                href: "/admin/networks/",
            },
            Panel {
                name: "Routers",
                href: "/admin/routers/",
            },
            Panel {
                name: "Floating IPs",
                href: "/admin/floating_ips/",
            },
        ],
    },
    Group {
        name: "Volume",
        panels: &[
            Panel {
                name: "Volumes",
                href: "/admin/volumes/",
            },
            Panel {
                name: "Snapshots",
                href: "/admin/snapshots/",
            },
            Panel {
                name: "Volume Types",
                href: "/admin/volume_types/",
            },
        ],
    },
];

const IDENTITY: &[Group] = &[Group {
    name: "",
    panels: &[
        Panel {
            name: "Projects",
            href: "/identity/projects/",
        },
        Panel {
            name: "Users",
            href: "/identity/users/",
        },
        Panel {
            name: "Groups",
            href: "/identity/groups/",
        },
        Panel {
            name: "Roles",
            href: "/identity/roles/",
        },
        Panel {
            name: "Application Credentials",
            href: "/identity/application_credentials/",
        },
    ],
}];

#[component]
fn Sidebar(user: UserInfo) -> impl IntoView {
    // Only the panels the user's role may open (`model::policy`), and no empty group.
    let visible = |groups: &'static [Group]| -> Vec<(&'static str, Vec<&'static Panel>)> {
        groups
            .iter()
            .map(|g| {
                let panels: Vec<&'static Panel> = g
                    .panels
                    .iter()
                    .filter(|p| user.may(page_needs(p.href)))
                    .collect();
                (g.name, panels)
            })
            .filter(|(_, panels)| !panels.is_empty())
            .collect()
    };
    let dashboards: Vec<_> = [
        ("Project", "dashboard-project", PROJECT),
        ("Admin", "dashboard-admin", ADMIN),
        ("Identity", "dashboard-identity", IDENTITY),
    ]
    .into_iter()
    .map(|(title, id, groups)| (title, id, visible(groups)))
    .filter(|(_, _, groups)| !groups.is_empty())
    .collect();
    let location = use_location();
    view! {
        <nav id="sidebar" aria-label="Dashboards" class="w-56 shrink-0 border-r border-slate-200 bg-white py-4 text-sm">
            {dashboards.into_iter().map(|(title, id, groups)| view! {
                <section id=id class="mb-4">
                    <h2 class="px-4 pb-1 text-xs font-bold uppercase tracking-wider text-slate-500">{title}</h2>
                    {groups.into_iter().map(|(group_name, panels)| view! {
                        <div class="mb-2">
                            {(!group_name.is_empty()).then(|| view! {
                                <h3 class="px-4 pt-1 text-xs font-semibold text-slate-400">{group_name}</h3>
                            })}
                            <ul>
                                {panels.into_iter().map(|p| {
                                    let href = p.href;
                                    let active = move || location.pathname.get() == href;
                                    view! {
                                        <li>
                                            <a href=href
                                               class="block border-l-4 px-4 py-1.5 hover:bg-slate-50"
                                               class=("border-sky-600", active)
                                               class=("bg-sky-50", active)
                                               class=("border-transparent", move || !active())
                                               aria-current=move || active().then_some("page")>
                                                {p.name}
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    }).collect_view()}
                </section>
            }).collect_view()}
        </nav>
    }
}
