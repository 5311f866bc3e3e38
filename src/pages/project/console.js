// The console page's glue to noVNC (MPL-2.0; its ES modules are copied to /novnc/ by
// scripts/setup). The hydrated page calls these functions through wasm-bindgen; noVNC itself
// is loaded only when a console is opened, so other pages never fetch it.

let rfb = null;

function say(onStatus, state, text) {
  try { onStatus(state, text); } catch (_) { /* the page is gone */ }
}

/** Opens the console in `screen` over Meridian's WebSocket at `wsPath` (same site). */
export function consoleConnect(screen, wsPath, onStatus) {
  consoleDisconnect();
  const url = new URL(wsPath, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  say(onStatus, 'connecting', 'Connecting…');
  import('/novnc/core/rfb.js').then(({ default: RFB }) => {
    // Our own socket, handed to noVNC, so the close reason Meridian sends can be shown.
    const ws = new WebSocket(url.href, ['binary']);
    let opened = false;
    let why = null;
    ws.addEventListener('open', () => { opened = true; });
    ws.addEventListener('close', (ev) => {
      if (ev.reason) why = ev.reason;
      else if (!opened) why = 'The server refused the console connection (logged out, or too many consoles open).';
    });
    const r = new RFB(screen, ws, { shared: true });
    r.scaleViewport = true;
    r.background = '#000';
    r.addEventListener('connect', () => { r.focus(); say(onStatus, 'connected', 'Connected'); });
    r.addEventListener('disconnect', (e) => {
      if (rfb === r) rfb = null;
      // The socket's close event runs first, so `why` is known here.
      setTimeout(() => say(onStatus, 'disconnected',
        why || (e.detail.clean ? 'Disconnected.' : 'The connection was lost.')), 0);
    });
    r.addEventListener('securityfailure', (e) => {
      why = `The VNC server refused access: ${e.detail.reason || 'security failure'}.`;
    });
    rfb = r;
  }).catch((e) => say(onStatus, 'disconnected', `The console could not start: ${e.message}`));
}

export function consoleDisconnect() {
  if (rfb) { const r = rfb; rfb = null; r.disconnect(); }
}

export function consoleCtrlAltDel() {
  if (rfb) { rfb.sendCtrlAltDel(); rfb.focus(); }
}

export function consoleFullscreen(screen) {
  if (screen && screen.requestFullscreen) screen.requestFullscreen().catch(() => {});
}

export function consoleScale(on) {
  if (rfb) rfb.scaleViewport = on;
}

/** Sends `text` to the remote clipboard (VNC ClientCutText). */
export function consolePaste(text) {
  if (rfb && text) { rfb.clipboardPasteFrom(text); rfb.focus(); }
}
