//! The consoles open right now: caps per user and per instance, and closing a session's
//! consoles when it logs out.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use super::relay::{CloseReason, Stats};

#[derive(Default)]
pub struct Registry {
    live: Mutex<HashMap<u64, Live>>,
    next_id: AtomicU64,
    stats: Arc<Stats>,
}

struct Live {
    user_id: String,
    instance_id: String,
    session_id: String,
    stop: watch::Sender<Option<CloseReason>>,
}

/// One open console's place in the registry; dropping it frees the place.
pub struct Lease {
    id: u64,
    instance_id: String,
    registry: Arc<Registry>,
    stop: watch::Receiver<Option<CloseReason>>,
}

impl Lease {
    pub fn stopped(&self) -> watch::Receiver<Option<CloseReason>> {
        self.stop.clone()
    }

    pub fn instance_id(&self) -> &str {
        &self.instance_id
    }

    pub fn stats(&self) -> Arc<Stats> {
        self.registry.stats.clone()
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Ok(mut live) = self.registry.live.lock() {
            live.remove(&self.id);
        }
    }
}

impl Registry {
    /// Takes a place for a new console, or says which cap is reached.
    pub fn try_open(
        self: &Arc<Self>,
        user_id: &str,
        instance_id: &str,
        session_id: &str,
        max_per_user: usize,
        max_per_instance: usize,
    ) -> Result<Lease, &'static str> {
        let mut live = self
            .live
            .lock()
            .map_err(|_| "Console registry unavailable.")?;
        if live.values().filter(|l| l.user_id == user_id).count() >= max_per_user {
            return Err("Too many consoles open for this user.");
        }
        if live
            .values()
            .filter(|l| l.instance_id == instance_id)
            .count()
            >= max_per_instance
        {
            return Err("Too many consoles open for this instance.");
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (tx, rx) = watch::channel(None);
        live.insert(
            id,
            Live {
                user_id: user_id.to_string(),
                instance_id: instance_id.to_string(),
                session_id: session_id.to_string(),
                stop: tx,
            },
        );
        Ok(Lease {
            id,
            instance_id: instance_id.to_string(),
            registry: self.clone(),
            stop: rx,
        })
    }

    /// Closes every console of a session (at logout).
    pub fn close_session(&self, session_id: &str, reason: CloseReason) -> usize {
        let Ok(live) = self.live.lock() else { return 0 };
        let mut n = 0;
        for l in live.values().filter(|l| l.session_id == session_id) {
            let _ = l.stop.send(Some(reason));
            n += 1;
        }
        n
    }

    pub fn open_count(&self) -> usize {
        self.live.lock().map(|l| l.len()).unwrap_or(0)
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_per_user_and_instance() {
        let r = Arc::new(Registry::default());
        let a: Vec<_> = (0..4)
            .map(|_| r.try_open("u1", "i1", "s1", 4, 4).unwrap())
            .collect();
        assert_eq!(
            r.try_open("u1", "i2", "s1", 4, 4).err(),
            Some("Too many consoles open for this user.")
        );
        assert_eq!(
            r.try_open("u2", "i1", "s2", 4, 4).err(),
            Some("Too many consoles open for this instance.")
        );
        drop(a);
        assert_eq!(r.open_count(), 0);
        assert!(r.try_open("u1", "i1", "s1", 4, 4).is_ok());
    }

    #[test]
    fn logout_stops_the_sessions_consoles() {
        let r = Arc::new(Registry::default());
        let mine = r.try_open("u1", "i1", "s1", 4, 4).unwrap();
        let other = r.try_open("u1", "i1", "s2", 4, 4).unwrap();
        assert_eq!(r.close_session("s1", CloseReason::LoggedOut), 1);
        assert_eq!(*mine.stopped().borrow(), Some(CloseReason::LoggedOut));
        assert_eq!(*other.stopped().borrow(), None);
    }
}
