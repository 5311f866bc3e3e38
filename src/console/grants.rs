//! Console grants: Nova's console tokens, kept in the server-side session and bound to the
//! instance they were issued for. The browser never sees them; logging out deletes the
//! session and with it every grant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use tower_sessions::Session;

use crate::error::AppError;

const KEY: &str = "console_grants";

#[derive(Clone, Serialize, Deserialize)]
pub struct ConsoleGrant {
    /// Nova's console token.
    pub token: String,
    /// nova-novncproxy's WebSocket URL (with the token), for relaying without a service
    /// credential.
    pub websocket_url: String,
    pub expires_at: DateTime<Utc>,
}

impl std::fmt::Debug for ConsoleGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConsoleGrant")
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl ConsoleGrant {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }
}

type Grants = HashMap<String, ConsoleGrant>;

/// The live grant for `instance_id` in this session, if any.
pub async fn get(session: &Session, instance_id: &str) -> Option<ConsoleGrant> {
    let grants: Grants = session.get(KEY).await.ok().flatten()?;
    grants
        .get(instance_id)
        .filter(|g| !g.is_expired(Utc::now()))
        .cloned()
}

/// Keeps `grant` for `instance_id`, replacing an older one and dropping expired ones.
pub async fn put(
    session: &Session,
    instance_id: &str,
    grant: ConsoleGrant,
) -> Result<(), AppError> {
    let mut grants: Grants = session.get(KEY).await.ok().flatten().unwrap_or_default();
    let now = Utc::now();
    grants.retain(|_, g| !g.is_expired(now));
    grants.insert(instance_id.to_string(), grant);
    session
        .insert(KEY, grants)
        .await
        .map_err(|e| AppError::Internal(format!("session store: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tower_sessions::MemoryStore;

    fn grant(secs: i64) -> ConsoleGrant {
        ConsoleGrant {
            token: "console-secret".into(),
            websocket_url: "ws://p/?token=console-secret".into(),
            expires_at: Utc::now() + chrono::Duration::seconds(secs),
        }
    }

    #[tokio::test]
    async fn bound_to_the_instance_and_expiring() {
        let session = Session::new(None, Arc::new(MemoryStore::default()), None);
        put(&session, "a", grant(60)).await.unwrap();
        put(&session, "old", grant(-1)).await.unwrap();
        assert!(get(&session, "a").await.is_some());
        assert!(get(&session, "b").await.is_none());
        assert!(get(&session, "old").await.is_none());
        assert!(!format!("{:?}", grant(1)).contains("secret"));
    }
}
