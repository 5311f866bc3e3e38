//! Project › Instances › Console (`/project/instances/{id}/console/`): the instance's VNC
//! screen in noVNC, relayed by Meridian (`src/console/`). It needs the hydrated page: before
//! that it says so.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::console::open_console;
use crate::components::messages::ErrorBanner;
use crate::error::AppError;

const SCREEN_ID: &str = "console-screen";

#[cfg(feature = "hydrate")]
mod glue {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(module = "/src/pages/project/console.js")]
    extern "C" {
        #[wasm_bindgen(js_name = consoleConnect)]
        pub fn connect(screen: &web_sys::Element, ws_path: &str, on_status: &js_sys::Function);
        #[wasm_bindgen(js_name = consoleDisconnect)]
        pub fn disconnect();
        #[wasm_bindgen(js_name = consoleCtrlAltDel)]
        pub fn ctrl_alt_del();
        #[wasm_bindgen(js_name = consoleFullscreen)]
        pub fn fullscreen(screen: &web_sys::Element);
        #[wasm_bindgen(js_name = consoleScale)]
        pub fn scale(on: bool);
        #[wasm_bindgen(js_name = consolePaste)]
        pub fn paste(text: &str);
    }

    pub fn screen() -> Option<web_sys::Element> {
        web_sys::window()?
            .document()?
            .get_element_by_id(super::SCREEN_ID)
    }
}

/// The server build renders the page; only the browser drives noVNC.
#[cfg(not(feature = "hydrate"))]
mod glue {
    pub fn disconnect() {}
    pub fn ctrl_alt_del() {}
    pub fn scale(_on: bool) {}
    pub fn paste(_text: &str) {}
}

#[component]
pub fn InstanceConsole() -> impl IntoView {
    let params = use_params_map();
    let instance_id = move || {
        params
            .read_untracked()
            .get("instance_id")
            .unwrap_or_default()
    };
    let hydrated = RwSignal::new(false);
    let status = RwSignal::new((
        "connecting".to_string(),
        "The console needs JavaScript.".to_string(),
    ));
    let name = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<AppError>);
    let scale = RwSignal::new(true);
    let paste_text = RwSignal::new(String::new());

    // Asks the server for a console (a new one each time: reconnect after expiry works),
    // then hands noVNC the WebSocket path. Nova's token never comes to the browser.
    let connect = move || {
        let id = instance_id();
        status.set(("connecting".into(), "Asking Nova for a console…".into()));
        leptos::task::spawn_local(async move {
            match open_console(id).await {
                Ok(ticket) => {
                    error.set(None);
                    name.set(Some(ticket.instance_name.clone()));
                    #[cfg(feature = "hydrate")]
                    {
                        use wasm_bindgen::prelude::*;
                        let on_status = Closure::<dyn Fn(String, String)>::new(
                            move |state: String, text: String| {
                                let _ = status.try_set((state, text));
                            },
                        );
                        if let Some(screen) = glue::screen() {
                            glue::connect(
                                &screen,
                                &ticket.ws_path,
                                on_status.as_ref().unchecked_ref(),
                            );
                        }
                        // It lives as long as the page's console may call it.
                        on_status.forget();
                    }
                }
                Err(e) => {
                    status.set(("disconnected".into(), e.to_string()));
                    error.set(Some(e));
                }
            }
        });
    };
    Effect::new(move |_| {
        hydrated.set(true);
        connect();
    });
    on_cleanup(glue::disconnect);

    view! {
        <Title text="Instance Console"/>
        <h1 class="mb-4 text-2xl font-semibold">
            "Console"
            {move || name.get().map(|n| view! { <span class="ml-2 font-normal text-slate-500">{n}</span> })}
        </h1>
        {move || error.get().map(|e| view! { <ErrorBanner error=e/> })}
        <Show
            when=move || hydrated.get()
            fallback=|| view! {
                <p id="console-needs-js" class="mb-4 rounded border border-amber-300 bg-amber-50 p-3">
                    "The console needs JavaScript: it starts when the page has finished loading."
                </p>
            }
        >
            <div class="mb-2 flex flex-wrap items-center gap-2" role="toolbar" aria-label="Console controls">
                <button type="button" class="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                    on:click=move |_| glue::ctrl_alt_del()>"Send Ctrl-Alt-Del"</button>
                <button type="button" class="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                    on:click=move |_| {
                        #[cfg(feature = "hydrate")]
                        if let Some(screen) = glue::screen() { glue::fullscreen(&screen); }
                    }>"Full Screen"</button>
                <label class="flex items-center gap-1 text-sm">
                    <input type="checkbox" id="console-scale"
                        prop:checked=move || scale.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            scale.set(on);
                            glue::scale(on);
                        }/>
                    "Scale to window"
                </label>
                <button type="button" class="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                    on:click=move |_| connect()>"Reconnect"</button>
                <p id="console-status" role="status" aria-live="polite" class="ml-2 text-sm"
                    data-state=move || status.get().0>
                    {move || {
                        let (state, text) = status.get();
                        match state.as_str() {
                            "connected" => "Connected".to_string(),
                            "connecting" => format!("Connecting: {text}"),
                            _ => format!("Disconnected: {text}"),
                        }
                    }}
                </p>
            </div>
            <div class="mb-2 flex items-start gap-2">
                <label for="console-paste" class="text-sm">"Clipboard"</label>
                <textarea id="console-paste" rows="1" class="min-w-64 rounded border border-slate-300 px-2 py-1 text-sm"
                    prop:value=move || paste_text.get()
                    on:input=move |ev| paste_text.set(event_target_value(&ev))></textarea>
                <button type="button" class="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-50"
                    on:click=move |_| glue::paste(&paste_text.get_untracked())>"Paste to console"</button>
            </div>
        </Show>
        <div id=SCREEN_ID class="h-[70vh] w-full overflow-hidden rounded bg-black"></div>
    }
}
