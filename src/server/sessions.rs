//! The session layer and its store: memory (default), SQLite or Redis, chosen by config.

use tower_sessions::cookie::SameSite;
use tower_sessions::{MemoryStore, SessionManagerLayer, SessionStore};

use crate::config::{Config, SessionStoreKind};

/// Horizon's cookie name, so tools written for Horizon find the session.
pub const COOKIE_NAME: &str = "sessionid";

/// The configured store behind one type, so the router has one layer type.
#[derive(Debug, Clone)]
pub enum Store {
    Memory(MemoryStore),
    Sqlite(tower_sessions_sqlx_store::SqliteStore),
    Redis(tower_sessions_redis_store::RedisStore<tower_sessions_redis_store::fred::prelude::Pool>),
}

#[async_trait::async_trait]
impl SessionStore for Store {
    async fn create(
        &self,
        record: &mut tower_sessions::session::Record,
    ) -> tower_sessions::session_store::Result<()> {
        match self {
            Store::Memory(s) => s.create(record).await,
            Store::Sqlite(s) => s.create(record).await,
            Store::Redis(s) => s.create(record).await,
        }
    }

    async fn save(
        &self,
        record: &tower_sessions::session::Record,
    ) -> tower_sessions::session_store::Result<()> {
        match self {
            Store::Memory(s) => s.save(record).await,
            Store::Sqlite(s) => s.save(record).await,
            Store::Redis(s) => s.save(record).await,
        }
    }

    async fn load(
        &self,
        id: &tower_sessions::session::Id,
    ) -> tower_sessions::session_store::Result<Option<tower_sessions::session::Record>> {
        match self {
            Store::Memory(s) => s.load(id).await,
            Store::Sqlite(s) => s.load(id).await,
            Store::Redis(s) => s.load(id).await,
        }
    }

    async fn delete(
        &self,
        id: &tower_sessions::session::Id,
    ) -> tower_sessions::session_store::Result<()> {
        match self {
            Store::Memory(s) => s.delete(id).await,
            Store::Sqlite(s) => s.delete(id).await,
            Store::Redis(s) => s.delete(id).await,
        }
    }
}

pub async fn layer(config: &Config) -> Result<SessionManagerLayer<Store>, String> {
    let store = match &config.session_store {
        SessionStoreKind::Memory => Store::Memory(MemoryStore::default()),
        SessionStoreKind::Sqlite(url) => {
            use tower_sessions_sqlx_store::sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
            let options: SqliteConnectOptions = url
                .parse::<SqliteConnectOptions>()
                .map_err(|e| format!("session store {url}: {e}"))?
                .create_if_missing(true);
            let pool = SqlitePool::connect_with(options)
                .await
                .map_err(|e| format!("session store {url}: {e}"))?;
            let store = tower_sessions_sqlx_store::SqliteStore::new(pool);
            store
                .migrate()
                .await
                .map_err(|e| format!("session store {url}: {e}"))?;
            Store::Sqlite(store)
        }
        SessionStoreKind::Redis(url) => {
            use tower_sessions_redis_store::fred::prelude::{
                ClientLike, Config as RedisConfig, Pool,
            };
            let redis_config =
                RedisConfig::from_url(url).map_err(|e| format!("session store: {e}"))?;
            let pool = Pool::new(redis_config, None, None, None, 2)
                .map_err(|e| format!("session store: {e}"))?;
            pool.init()
                .await
                .map_err(|e| format!("session store: {e}"))?;
            Store::Redis(tower_sessions_redis_store::RedisStore::new(pool))
        }
    };
    Ok(SessionManagerLayer::new(store)
        .with_name(COOKIE_NAME)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies())
        .with_path("/"))
}
