//! Meridian's service credential: a project-scoped token kept for console token checks
//! (`GET /os-console-auth-tokens/{token}` is admin-only in Nova's default policy), and for
//! telling a refused login whether the account is disabled (Keystone answers a disabled
//! account exactly as a wrong password).

use chrono::Utc;
use tokio::sync::Mutex;

use crate::config::ServiceCredential;
use crate::openstack::console::{resolve_token, ConsoleTarget};
use crate::openstack::identity::{users, Keystone};
use crate::openstack::{auth, Cloud, OsError};

pub struct ServiceAuth {
    credential: ServiceCredential,
    token: Mutex<Option<auth::Token>>,
}

impl ServiceAuth {
    pub fn new(credential: ServiceCredential) -> Self {
        ServiceAuth {
            credential,
            token: Mutex::new(None),
        }
    }

    /// A token valid for at least another minute, from the cache or Keystone.
    async fn token(&self, cloud: &Cloud, renew: bool) -> Result<auth::Token, OsError> {
        let mut cached = self.token.lock().await;
        if let Some(t) = cached.as_ref() {
            if !renew && t.expires_at > Utc::now() + chrono::Duration::seconds(60) {
                return Ok(t.clone());
            }
        }
        let c = &self.credential;
        let t = auth::password_scoped(
            cloud,
            &c.username,
            &c.user_domain_name,
            &c.password,
            &c.project_name,
            &c.project_domain_name,
        )
        .await?;
        *cached = Some(t.clone());
        Ok(t)
    }

    /// Where a console token leads; `None` when Nova does not know it (expired).
    pub async fn resolve(
        &self,
        cloud: &Cloud,
        console_token: &str,
        region: Option<&str>,
    ) -> Result<Option<ConsoleTarget>, OsError> {
        let t = self.token(cloud, false).await?;
        match resolve_token(&cloud.scoped(&t.id, &t.catalog, region), console_token).await {
            // Revoked or expired behind our back: once more with a new token.
            Err(OsError::Unauthorized { .. }) => {
                let t = self.token(cloud, true).await?;
                resolve_token(&cloud.scoped(&t.id, &t.catalog, region), console_token).await
            }
            other => other,
        }
    }

    /// Is there an account `user_name` in the domain named `domain_name`, and is it
    /// disabled? Asked only after Keystone refused a login.
    pub async fn user_disabled(
        &self,
        cloud: &Cloud,
        user_name: &str,
        domain_name: &str,
    ) -> Result<bool, OsError> {
        let t = self.token(cloud, false).await?;
        match users::disabled_by_name(&Keystone::new(cloud, &t.id), user_name, domain_name).await {
            Err(OsError::Unauthorized { .. }) => {
                let t = self.token(cloud, true).await?;
                users::disabled_by_name(&Keystone::new(cloud, &t.id), user_name, domain_name).await
            }
            other => other,
        }
    }
}
