//! The console relay benchmark's pieces (run by `scripts/bench-console`, not a test):
//!
//! - `source <addr> <bytes>`: a TCP server that streams `bytes` of framebuffer-like data
//!   to each connection in 64 KiB writes, then closes (the bulk stream's VNC source);
//! - `relay <addr> <target>`: Meridian's relay (`console::relay::relay_tcp`, the code the
//!   console route runs once its checks pass) from WebSocket `binary` to `target`;
//! - `bulk <ws-url> <conns> <bytes>`: `conns` WebSockets at once, each reading `bytes`;
//!   prints MB/s (all connections together);
//! - `latency <ws-url|tcp:addr> <conns> <iters>`: RFB 3.8 handshakes with QEMU's VNC
//!   server, then `iters` small request/answer round trips per connection (see
//!   `round_trip`); prints the round trip's p50 and p99 in microseconds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::WebSocketUpgrade;
use axum::routing::get;
use bytes::{Buf, BytesMut};
use futures::{SinkExt, StreamExt};
use meridian::console::relay::{relay_tcp, Limits, Stats};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_tungstenite::tungstenite::{client::IntoClientRequest, Message};

type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[tokio::main]
async fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(0).as_str() {
        "source" => source(&arg(1), arg(2).parse()?).await,
        "relay" => relay(&arg(1), arg(2)).await,
        "bulk" => bulk(&arg(1), arg(2).parse()?, arg(3).parse()?).await,
        "latency" => latency(&arg(1), arg(2).parse()?, arg(3).parse()?).await,
        _ => {
            eprintln!("usage: console_bench source|relay|bulk|latency ... (see the source)");
            std::process::exit(2)
        }
    }
}

async fn source(addr: &str, bytes: usize) -> Res<()> {
    let listener = TcpListener::bind(addr).await?;
    // A framebuffer-ish pattern (not zeros, in case anything on the way compresses).
    let chunk: Arc<Vec<u8>> = Arc::new((0..64 * 1024).map(|i| (i * 7 % 251) as u8).collect());
    loop {
        let (mut s, _) = listener.accept().await?;
        let _ = s.set_nodelay(true);
        let chunk = chunk.clone();
        tokio::spawn(async move {
            let mut left = bytes;
            while left > 0 {
                let n = left.min(chunk.len());
                if s.write_all(&chunk[..n]).await.is_err() {
                    return;
                }
                left -= n;
            }
            let _ = s.shutdown().await;
        });
    }
}

async fn relay(addr: &str, target: String) -> Res<()> {
    let stats = Arc::new(Stats::default());
    let app = axum::Router::new().route(
        "/",
        get(move |ws: WebSocketUpgrade| {
            let (target, stats) = (target.clone(), stats.clone());
            async move {
                ws.protocols(["binary"]).on_upgrade(move |ws| async move {
                    let Ok(tcp) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let _ = tcp.set_nodelay(true);
                    let (_stop_tx, stop) = tokio::sync::watch::channel(None);
                    let limits = Limits {
                        idle: Duration::from_secs(120),
                        until_expiry: Duration::from_secs(3600),
                    };
                    relay_tcp(ws, tcp, limits, stop, stats).await;
                })
            }
        }),
    );
    let listener = TcpListener::bind(addr).await?;
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    axum::serve(listener, app).await?;
    Ok(())
}

type Ws = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<TcpStream>>;

async fn ws_connect(url: &str) -> Res<Ws> {
    let mut req = url.into_client_request()?;
    req.headers_mut()
        .insert("Sec-WebSocket-Protocol", "binary".parse()?);
    let (ws, _) = tokio_tungstenite::connect_async(req).await?;
    if let tokio_tungstenite::MaybeTlsStream::Plain(s) = ws.get_ref() {
        let _ = s.set_nodelay(true);
    }
    Ok(ws)
}

async fn bulk(url: &str, conns: usize, bytes: usize) -> Res<()> {
    let started = Instant::now();
    let tasks: Vec<_> = (0..conns)
        .map(|_| {
            let url = url.to_string();
            tokio::spawn(async move {
                let mut ws = ws_connect(&url).await?;
                let mut got = 0usize;
                while got < bytes {
                    match ws.next().await {
                        Some(Ok(Message::Binary(b))) => got += b.len(),
                        Some(Ok(Message::Close(_))) | None => break,
                        Some(Ok(_)) => {}
                        Some(Err(e)) => {
                            return Err(Box::new(e) as Box<dyn std::error::Error + Send + Sync>)
                        }
                    }
                }
                Ok(got)
            })
        })
        .collect();
    let mut total = 0usize;
    for t in tasks {
        total += t.await??;
    }
    let secs = started.elapsed().as_secs_f64();
    if total < conns * bytes {
        return Err(format!("short read: {total} of {} bytes", conns * bytes).into());
    }
    println!("{:.1}", total as f64 / secs / 1e6);
    Ok(())
}

/// A byte stream over either a WebSocket (through a relay) or TCP (straight to the server).
enum Chan {
    Ws(Box<Ws>, BytesMut),
    Tcp(TcpStream),
}

impl Chan {
    async fn open(target: &str) -> Res<Chan> {
        Ok(match target.strip_prefix("tcp:") {
            Some(addr) => {
                let s = TcpStream::connect(addr).await?;
                s.set_nodelay(true)?;
                Chan::Tcp(s)
            }
            None => Chan::Ws(Box::new(ws_connect(target).await?), BytesMut::new()),
        })
    }

    async fn send(&mut self, data: &[u8]) -> Res<()> {
        match self {
            Chan::Ws(ws, _) => ws.send(Message::Binary(data.to_vec().into())).await?,
            Chan::Tcp(s) => s.write_all(data).await?,
        }
        Ok(())
    }

    async fn read(&mut self, n: usize) -> Res<Vec<u8>> {
        match self {
            Chan::Tcp(s) => {
                let mut v = vec![0; n];
                s.read_exact(&mut v).await?;
                Ok(v)
            }
            Chan::Ws(ws, buf) => {
                while buf.len() < n {
                    match ws.next().await {
                        Some(Ok(Message::Binary(b))) => buf.extend_from_slice(&b),
                        Some(Ok(_)) => {}
                        _ => return Err("socket closed".into()),
                    }
                }
                let v = buf[..n].to_vec();
                buf.advance(n);
                Ok(v)
            }
        }
    }
}

fn be16(b: &[u8]) -> usize {
    u16::from_be_bytes([b[0], b[1]]) as usize
}

/// RFB 3.8 up to ServerInit, security type None, shared. Returns bytes per pixel.
async fn rfb_handshake(c: &mut Chan) -> Res<usize> {
    let version = c.read(12).await?;
    if &version[..4] != b"RFB " {
        return Err("not an RFB server".into());
    }
    c.send(b"RFB 003.008\n").await?;
    let n = c.read(1).await?[0] as usize;
    let types = c.read(n).await?;
    if !types.contains(&1) {
        return Err("the VNC server wants authentication".into());
    }
    c.send(&[1]).await?;
    c.read(4).await?; // SecurityResult
    c.send(&[1]).await?; // ClientInit: shared
    let init = c.read(24).await?;
    let name_len = u32::from_be_bytes([init[20], init[21], init[22], init[23]]) as usize;
    c.read(name_len).await?;
    Ok((init[4] as usize) / 8)
}

/// A small RFB round trip the server answers at once: SetEncodings with QEMU's extended key
/// event pseudo-encoding (-258), which QEMU acknowledges straight away with a one-rectangle
/// FramebufferUpdate. (A FramebufferUpdateRequest would wait for QEMU's display refresh
/// timer, tens to hundreds of ms, and measure that instead of the relay.)
async fn round_trip(c: &mut Chan, bpp: usize) -> Res<Duration> {
    let t = Instant::now();
    let enc = (-258i32).to_be_bytes();
    c.send(&[2, 0, 0, 1, enc[0], enc[1], enc[2], enc[3]])
        .await?;
    let head = c.read(4).await?;
    if head[0] != 0 {
        return Err(format!("unexpected message {}", head[0]).into());
    }
    for _ in 0..be16(&head[2..4]) {
        let r = c.read(12).await?;
        let (w, h) = (be16(&r[4..6]), be16(&r[6..8]));
        match i32::from_be_bytes([r[8], r[9], r[10], r[11]]) {
            0 => {
                c.read(w * h * bpp).await?;
            }
            -258 => {}
            other => return Err(format!("unexpected encoding {other}").into()),
        }
    }
    Ok(t.elapsed())
}

async fn latency(target: &str, conns: usize, iters: usize) -> Res<()> {
    // Connections are opened one after the other: QEMU listens with a backlog of 1.
    let mut chans = Vec::with_capacity(conns);
    for _ in 0..conns {
        let mut c = Chan::open(target).await?;
        let bpp = rfb_handshake(&mut c).await?;
        chans.push((c, bpp));
    }
    let tasks: Vec<_> = chans
        .into_iter()
        .map(|(mut c, bpp)| {
            tokio::spawn(async move {
                // Warm-up, not counted.
                for _ in 0..5 {
                    round_trip(&mut c, bpp).await?;
                }
                let mut times = Vec::with_capacity(iters);
                for _ in 0..iters {
                    times.push(round_trip(&mut c, bpp).await?);
                }
                Ok::<_, Box<dyn std::error::Error + Send + Sync>>(times)
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)].as_micros();
    println!("{} {}", pct(0.50), pct(0.99));
    Ok(())
}
