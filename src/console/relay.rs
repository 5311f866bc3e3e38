//! The relay itself: WebSocket binary frames <-> the VNC server's TCP bytes (or, without a
//! service credential, <-> nova-novncproxy's WebSocket). A hot path: one buffer per
//! direction, frames handed on without copying, no logging per frame. Each direction
//! waits for its write before reading more, so a slow reader slows its sender down
//! (backpressure) instead of filling memory.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use bytes::{Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::{self, client::IntoClientRequest};

use crate::openstack::console::ConsoleTarget;

/// Read size: one TCP read becomes one WebSocket frame.
const BUF: usize = 64 * 1024;
/// Below this much free room the buffer is renewed (the old one travels on in the frame).
const MIN_FREE: usize = 8 * 1024;
/// Keep-alive pings towards the browser; its pongs count as activity.
const PING_EVERY: Duration = Duration::from_secs(20);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Why a console closed, as the page is told (WebSocket close code and reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// The browser went away.
    ClientClosed,
    /// The VNC server (or nova-novncproxy) closed the connection.
    VncClosed,
    LoggedOut,
    TokenExpired,
    Idle,
    /// The compute node's VNC server (or nova-novncproxy) cannot be reached.
    Unreachable,
    /// Nova could not say where the console is.
    Unavailable,
}

impl CloseReason {
    pub fn code(self) -> u16 {
        match self {
            CloseReason::ClientClosed | CloseReason::VncClosed => 1000,
            CloseReason::LoggedOut => 4001,
            CloseReason::TokenExpired => 4002,
            CloseReason::Idle => 4003,
            CloseReason::Unreachable => 4004,
            CloseReason::Unavailable => 4005,
        }
    }

    /// Words for the page's status line (a close reason must fit in 123 bytes).
    pub fn text(self) -> &'static str {
        match self {
            CloseReason::ClientClosed => "Closed by the browser.",
            CloseReason::VncClosed => {
                "The console was closed by the compute node (is the instance still running?)."
            }
            CloseReason::LoggedOut => "You logged out.",
            CloseReason::TokenExpired => "The console token has expired: reconnect for a new one.",
            CloseReason::Idle => "Closed after a period of inactivity.",
            CloseReason::Unreachable => "The compute node's console is unreachable.",
            CloseReason::Unavailable => "The console is not available: Nova could not locate it.",
        }
    }
}

/// Totals over every console since start (updated when a console closes, not per frame).
#[derive(Default)]
pub struct Stats {
    pub opened: AtomicU64,
    pub closed: AtomicU64,
    pub bytes_to_vnc: AtomicU64,
    pub bytes_to_browser: AtomicU64,
}

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Close after this long without a frame from the browser.
    pub idle: Duration,
    /// Close when the console token expires.
    pub until_expiry: Duration,
}

/// Connects to the compute node's VNC server; when Nova names an internal access path (a
/// proxy in front of the VNC server), asks for it with `CONNECT` first, as nova-novncproxy does.
pub async fn connect_vnc(target: &ConsoleTarget) -> std::io::Result<TcpStream> {
    let addr = (target.host.as_str(), target.port);
    let mut tcp = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect(addr))
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "connect timed out"))??;
    tcp.set_nodelay(true)?;
    if let Some(path) = target
        .internal_access_path
        .as_deref()
        .filter(|p| !p.is_empty())
    {
        tcp.write_all(format!("CONNECT {path} HTTP/1.1\r\n\r\n").as_bytes())
            .await?;
        let head = read_http_head(&mut tcp).await?;
        if !head.starts_with(b"HTTP/1.1 200") && !head.starts_with(b"HTTP/1.0 200") {
            return Err(std::io::Error::other("the console proxy refused CONNECT"));
        }
    }
    Ok(tcp)
}

/// Reads an HTTP response head byte by byte (so no RFB byte after it is consumed).
async fn read_http_head<S: AsyncRead + Unpin>(s: &mut S) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(256);
    let read = async {
        while !head.ends_with(b"\r\n\r\n") {
            if head.len() > 4096 {
                return Err(std::io::Error::other("response head too long"));
            }
            head.push(s.read_u8().await?);
        }
        Ok(())
    };
    tokio::time::timeout(CONNECT_TIMEOUT, read)
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "no answer to CONNECT"))??;
    Ok(head)
}

pub type Upstream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

/// Opens nova-novncproxy's WebSocket (the URL carries the console token), with the
/// `binary` subprotocol and the proxy's own origin, which its origin check expects.
pub async fn connect_novncproxy(url: &str) -> Result<Upstream, String> {
    let mut req = url.into_client_request().map_err(|e| e.to_string())?;
    let parsed = url::Url::parse(url).map_err(|e| e.to_string())?;
    let scheme = if parsed.scheme() == "wss" {
        "https"
    } else {
        "http"
    };
    let host = parsed.host_str().unwrap_or_default();
    let origin = match parsed.port() {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    };
    let h = req.headers_mut();
    h.insert(
        "Origin",
        origin.parse().map_err(|_| "bad origin".to_string())?,
    );
    h.insert(
        "Sec-WebSocket-Protocol",
        "binary".parse().expect("static header"),
    );
    let (ws, _) = tokio::time::timeout(
        CONNECT_TIMEOUT,
        tokio_tungstenite::connect_async_with_config(req, None, true),
    )
    .await
    .map_err(|_| "timed out".to_string())?
    // The error's text can carry the URL, and so the token: say only what kind it is.
    .map_err(|e| match e {
        tungstenite::Error::Http(r) => format!("HTTP {}", r.status()),
        tungstenite::Error::Io(e) => e.kind().to_string(),
        _ => "handshake failed".to_string(),
    })?;
    if let tokio_tungstenite::MaybeTlsStream::Plain(tcp) = ws.get_ref() {
        let _ = tcp.set_nodelay(true);
    }
    Ok(ws)
}

/// Resolves when the registry asks this console to stop (logout).
async fn stop_requested(stop: &mut watch::Receiver<Option<CloseReason>>) -> CloseReason {
    loop {
        if let Some(r) = *stop.borrow_and_update() {
            return r;
        }
        if stop.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// Says why, then closes.
pub async fn close(mut ws: WebSocket, reason: CloseReason) {
    let _ = ws
        .send(Message::Close(Some(CloseFrame {
            code: reason.code(),
            reason: reason.text().into(),
        })))
        .await;
}

/// Ends the browser's socket: with our reason, or (when the browser closed first) with the
/// reply to its close frame, which the socket has queued and `close` sends.
async fn finish(ws_tx: &mut futures::stream::SplitSink<WebSocket, Message>, reason: CloseReason) {
    if reason != CloseReason::ClientClosed {
        let _ = ws_tx
            .send(Message::Close(Some(CloseFrame {
                code: reason.code(),
                reason: reason.text().into(),
            })))
            .await;
    }
    let _ = ws_tx.close().await;
}

/// Browser WebSocket <-> VNC server TCP (or any byte stream).
pub async fn relay_tcp<S>(
    ws: WebSocket,
    vnc: S,
    limits: Limits,
    mut stop: watch::Receiver<Option<CloseReason>>,
    stats: Arc<Stats>,
) -> CloseReason
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    stats.opened.fetch_add(1, Ordering::Relaxed);
    let (mut vnc_r, mut vnc_w) = tokio::io::split(vnc);
    let (mut ws_tx, mut ws_rx) = ws.split();
    let (mut up, mut down) = (0u64, 0u64);
    let reason = {
        let to_vnc = async {
            loop {
                match tokio::time::timeout(limits.idle, ws_rx.next()).await {
                    Err(_) => return CloseReason::Idle,
                    Ok(Some(Ok(Message::Binary(b)))) => {
                        up += b.len() as u64;
                        if vnc_w.write_all(&b).await.is_err() {
                            return CloseReason::VncClosed;
                        }
                    }
                    Ok(Some(Ok(Message::Close(_)))) | Ok(Some(Err(_))) | Ok(None) => {
                        return CloseReason::ClientClosed
                    }
                    // Pings are answered by axum; pongs and text only show the browser is there.
                    Ok(Some(Ok(_))) => {}
                }
            }
        };
        let to_browser = async {
            let mut buf = BytesMut::with_capacity(BUF);
            let mut ping = tokio::time::interval(PING_EVERY);
            ping.tick().await;
            loop {
                tokio::select! {
                    r = vnc_r.read_buf(&mut buf) => match r {
                        Ok(0) | Err(_) => return CloseReason::VncClosed,
                        Ok(n) => {
                            down += n as u64;
                            if ws_tx.send(Message::Binary(buf.split().freeze())).await.is_err() {
                                return CloseReason::ClientClosed;
                            }
                            if buf.capacity() < MIN_FREE {
                                buf.reserve(BUF);
                            }
                        }
                    },
                    _ = ping.tick() => {
                        if ws_tx.send(Message::Ping(Bytes::new())).await.is_err() {
                            return CloseReason::ClientClosed;
                        }
                    }
                }
            }
        };
        tokio::select! {
            r = to_vnc => r,
            r = to_browser => r,
            _ = tokio::time::sleep(limits.until_expiry) => CloseReason::TokenExpired,
            r = stop_requested(&mut stop) => r,
        }
    };
    let _ = vnc_w.shutdown().await;
    finish(&mut ws_tx, reason).await;
    stats.bytes_to_vnc.fetch_add(up, Ordering::Relaxed);
    stats.bytes_to_browser.fetch_add(down, Ordering::Relaxed);
    stats.closed.fetch_add(1, Ordering::Relaxed);
    reason
}

/// Browser WebSocket <-> nova-novncproxy WebSocket: binary frames handed across as they are.
pub async fn relay_ws(
    ws: WebSocket,
    upstream: Upstream,
    limits: Limits,
    mut stop: watch::Receiver<Option<CloseReason>>,
    stats: Arc<Stats>,
) -> CloseReason {
    use tungstenite::Message as Up;
    stats.opened.fetch_add(1, Ordering::Relaxed);
    let (mut up_tx, mut up_rx) = upstream.split();
    let (mut ws_tx, mut ws_rx) = ws.split();
    let (mut up, mut down) = (0u64, 0u64);
    let reason = {
        let to_vnc = async {
            loop {
                match tokio::time::timeout(limits.idle, ws_rx.next()).await {
                    Err(_) => return CloseReason::Idle,
                    Ok(Some(Ok(Message::Binary(b)))) => {
                        up += b.len() as u64;
                        if up_tx.send(Up::Binary(b)).await.is_err() {
                            return CloseReason::VncClosed;
                        }
                    }
                    Ok(Some(Ok(Message::Close(_)))) | Ok(Some(Err(_))) | Ok(None) => {
                        return CloseReason::ClientClosed
                    }
                    Ok(Some(Ok(_))) => {}
                }
            }
        };
        let to_browser = async {
            let mut ping = tokio::time::interval(PING_EVERY);
            ping.tick().await;
            loop {
                tokio::select! {
                    m = up_rx.next() => match m {
                        Some(Ok(Up::Binary(b))) => {
                            down += b.len() as u64;
                            if ws_tx.send(Message::Binary(b)).await.is_err() {
                                return CloseReason::ClientClosed;
                            }
                        }
                        Some(Ok(Up::Close(_))) | Some(Err(_)) | None => return CloseReason::VncClosed,
                        Some(Ok(_)) => {}
                    },
                    _ = ping.tick() => {
                        if ws_tx.send(Message::Ping(Bytes::new())).await.is_err() {
                            return CloseReason::ClientClosed;
                        }
                    }
                }
            }
        };
        tokio::select! {
            r = to_vnc => r,
            r = to_browser => r,
            _ = tokio::time::sleep(limits.until_expiry) => CloseReason::TokenExpired,
            r = stop_requested(&mut stop) => r,
        }
    };
    let _ = up_tx.close().await;
    finish(&mut ws_tx, reason).await;
    stats.bytes_to_vnc.fetch_add(up, Ordering::Relaxed);
    stats.bytes_to_browser.fetch_add(down, Ordering::Relaxed);
    stats.closed.fetch_add(1, Ordering::Relaxed);
    reason
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_reasons_fit_a_close_frame() {
        for r in [
            CloseReason::ClientClosed,
            CloseReason::VncClosed,
            CloseReason::LoggedOut,
            CloseReason::TokenExpired,
            CloseReason::Idle,
            CloseReason::Unreachable,
            CloseReason::Unavailable,
        ] {
            assert!(r.text().len() <= 123, "{r:?}");
        }
    }

    #[tokio::test]
    async fn connect_sends_the_internal_access_path_first() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let head = read_http_head(&mut s).await.unwrap();
            s.write_all(b"HTTP/1.1 200 OK\r\n\r\nRFB 003.008\n")
                .await
                .unwrap();
            head
        });
        let mut tcp = connect_vnc(&ConsoleTarget {
            instance_uuid: "i".into(),
            host: "127.0.0.1".into(),
            port,
            internal_access_path: Some("/vnc?x=1".into()),
        })
        .await
        .unwrap();
        let mut greeting = [0u8; 12];
        tcp.read_exact(&mut greeting).await.unwrap();
        assert_eq!(&greeting, b"RFB 003.008\n");
        assert_eq!(server.await.unwrap(), b"CONNECT /vnc?x=1 HTTP/1.1\r\n\r\n");
    }
}
