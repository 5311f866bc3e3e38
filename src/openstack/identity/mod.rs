//! Keystone's admin API (Identity › Projects, Users, Groups, Roles): a file per resource. Tokens and
//! scoping stay in `openstack::auth`.

pub mod groups;
pub mod projects;
pub mod roles;
pub mod users;

use reqwest::Method;
use serde::de::DeserializeOwned;

use super::catalog::ServiceType;
use super::client::{json_response, send, Cloud};
use super::error::OsError;

const SERVICE: ServiceType = ServiceType::Identity;

/// Keystone, called with one user's token. Requests go to the configured Keystone URL (the
/// one users log in at), not the catalog's, which may name an internal address.
#[derive(Clone, Copy)]
pub struct Keystone<'a> {
    cloud: &'a Cloud,
    token: &'a str,
}

impl<'a> Keystone<'a> {
    pub fn new(cloud: &'a Cloud, token: &'a str) -> Self {
        Keystone { cloud, token }
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.cloud
            .http()
            .request(method, format!("{}{path}", self.cloud.auth_url))
            .header("X-Auth-Token", self.token)
            .header("Accept", "application/json")
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, OsError> {
        json_response(
            SERVICE,
            send(SERVICE, self.request(Method::GET, path)).await?,
        )
        .await
    }

    /// `method` a JSON body and read the answer (Keystone returns the object it made).
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, OsError> {
        let req = self.request(method, path).json(body);
        json_response(SERVICE, send(SERVICE, req).await?).await
    }

    /// A call whose answer (204) has no body: role grants, deletes.
    pub async fn send_empty(&self, method: Method, path: &str) -> Result<(), OsError> {
        send(SERVICE, self.request(method, path)).await?;
        Ok(())
    }
}

/// A path segment as Keystone ids are used in URLs (ids are hex, but names from a form are not).
fn seg(s: &str) -> String {
    crate::nav::encode_path_segment(s)
}
