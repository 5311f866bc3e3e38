//! Identity › Application Credentials: the user's own, for the current project.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::api_access::{AppCredentialRow, CreatedAppCredential};
use crate::model::batch::BatchResult;

/// The user's application credentials, and the roles a new one may carry (the user's own in
/// the current project).
#[server(endpoint = "list_app_credentials")]
pub async fn list_app_credentials() -> Result<(Vec<AppCredentialRow>, Vec<String>), AppError> {
    use crate::model::policy::Action;
    use crate::openstack::account;
    let (state, session, auth) = super::ssr::require(Action::ManageOwnAccount).await?;
    let work = async {
        let list = account::list(&state.cloud, &auth.token, &auth.user_id).await?;
        let mut rows: Vec<AppCredentialRow> = list
            .into_iter()
            .map(|c| AppCredentialRow {
                id: c.id,
                name: c.name,
                description: c.description.unwrap_or_default(),
                project_id: c.project_id.unwrap_or_default(),
                expires: c
                    .expires_at
                    .as_deref()
                    .map(super::ssr::local_cloud_time)
                    .unwrap_or_else(|| "Never".into()),
                roles: c.roles.into_iter().map(|r| r.name).collect(),
                unrestricted: c.unrestricted,
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Ok((rows, auth.roles.clone()))
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Create Application Credential. The answer carries the secret and the two files made with
/// it: the only time Meridian (or anyone) sees the secret.
#[server(endpoint = "create_app_credential")]
pub async fn create_app_credential(
    name: String,
    description: String,
    secret: String,
    expiration_date: String,
    expiration_time: String,
    #[server(default)] roles: Vec<String>,
    unrestricted: Option<String>,
) -> Result<CreatedAppCredential, AppError> {
    use crate::model::api_access::{
        app_credential_clouds_yaml, app_credential_openrc, check_app_credential,
    };
    use crate::model::policy::Action;
    use crate::openstack::account::{self, NewAppCredential};
    let (state, session, auth) = super::ssr::require(Action::ManageOwnAccount).await?;
    let expires_at = check_app_credential(
        &name,
        &expiration_date,
        &expiration_time,
        &roles,
        &auth.roles,
        chrono::Utc::now(),
    )
    .map_err(|(field, message)| AppError::bad_input(field, message))?;
    let new = NewAppCredential {
        name: name.trim().to_string(),
        description: description.trim().to_string(),
        secret: (!secret.is_empty()).then_some(secret),
        expires_at,
        // None chosen: all of the user's roles in the project, as Keystone does.
        roles: if roles.is_empty() {
            auth.roles.clone()
        } else {
            roles
        },
        unrestricted: unrestricted.is_some(),
    };
    let work = async {
        let made = account::create(&state.cloud, &auth.token, &auth.user_id, &new).await?;
        let secret = made.secret.clone().unwrap_or_default();
        let ctx = super::api_access::ssr::context(&state, &auth);
        Ok(CreatedAppCredential {
            openrc: app_credential_openrc(&ctx, &made.id, &secret),
            clouds_yaml: app_credential_clouds_yaml(&ctx, &made.id, &secret),
            id: made.id,
            name: made.name,
            secret,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "delete_app_credentials")]
pub async fn delete_app_credentials(
    credentials: Vec<(String, String)>,
) -> Result<BatchResult, AppError> {
    use crate::model::policy::Action;
    use crate::openstack::account;
    let (state, session, auth) = super::ssr::require(Action::ManageOwnAccount).await?;
    let work = super::ssr::batch(&credentials, |id| {
        account::delete(&state.cloud, &auth.token, &auth.user_id, id)
    });
    super::ssr::confirmed(&state, &session, &auth, work).await
}
