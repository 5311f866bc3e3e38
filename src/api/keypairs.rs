//! Project › Key Pairs. Creating a key pair with a generated private key is a plain HTTP
//! download (`POST /project/key_pairs/create/`, in `server::handlers`), so the key goes
//! straight to the browser as `<name>.pem` and is never kept by Meridian.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::keypair::{KeypairDetail, KeypairRow};

#[server(endpoint = "list_keypairs")]
pub async fn list_keypairs() -> Result<Vec<KeypairRow>, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let mut rows: Vec<KeypairRow> = compute::list_keypairs(&os)
            .await?
            .into_iter()
            .map(|k| KeypairRow {
                name: k.name,
                fingerprint: k.fingerprint,
                key_type: k.key_type,
                public_key: k.public_key,
            })
            .collect();
        rows.sort_by_key(|r| r.name.to_lowercase());
        Ok(rows)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Has Nova generate a key pair and returns its private key to the browser, which saves it
/// as `<name>.pem` (the Launch Instance wizard's "+ Create Key Pair"). As with the download
/// route, this answer is the only copy: Meridian keeps nothing.
#[server(name = GenerateKeypair, endpoint = "generate_keypair")]
pub async fn generate_keypair(name: String) -> Result<(String, String), AppError> {
    use crate::model::keypair::validate_keypair_name;
    use crate::openstack::compute;
    let name = name.trim().to_string();
    validate_keypair_name(&name).map_err(|m| AppError::bad_input("name", m))?;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        compute::create_keypair(&os, &name, None)
            .await
            .map_err(|e| match AppError::from(e) {
                // Nova's 409: the name is taken.
                AppError::Conflict(message) => AppError::bad_input("name", message),
                other => other,
            })
    };
    let kp = super::ssr::confirmed(&state, &session, &auth, work).await?;
    let private_key = kp.private_key.ok_or_else(|| {
        AppError::Internal("The cloud created the key pair but returned no private key.".into())
    })?;
    Ok((kp.name, private_key))
}

/// One key pair, for its detail page. A name Nova does not know is `NotFound`.
#[server(name = GetKeypairDetail, endpoint = "keypair_detail")]
pub async fn keypair_detail(name: String) -> Result<KeypairDetail, AppError> {
    use crate::model::keypair::parse_nova_time;
    use crate::openstack::compute;
    let (state, session, auth) = super::ssr::require_auth().await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        let k = compute::get_keypair(&os, &name).await?;
        let user_id = k.user_id.unwrap_or_default();
        let created = k.created_at.as_deref().and_then(parse_nova_time);
        Ok(KeypairDetail {
            user_name: (user_id == auth.user_id).then(|| auth.user_name.clone()),
            name: k.name,
            fingerprint: k.fingerprint,
            key_type: k.key_type,
            public_key: k.public_key,
            created,
            created_shown: created.map(super::ssr::local_time),
            user_id,
        })
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Imports a public key (pasted, or read from a file by the browser).
#[server(endpoint = "import_keypair")]
pub async fn import_keypair(name: String, public_key: String) -> Result<String, AppError> {
    use crate::model::keypair::validate_keypair_name;
    use crate::openstack::compute;
    let name = name.trim().to_string();
    validate_keypair_name(&name).map_err(|m| AppError::bad_input("name", m))?;
    let public_key = public_key.trim();
    if public_key.is_empty() {
        return Err(AppError::bad_input("public_key", "This field is required."));
    }
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    let work = async {
        compute::create_keypair(&os, &name, Some(public_key))
            .await
            .map_err(|e| match AppError::from(e) {
                // Nova's 400 here is about the key itself.
                AppError::BadInput { message, .. } => AppError::bad_input("public_key", message),
                other => other,
            })
    };
    let kp = super::ssr::confirmed(&state, &session, &auth, work).await?;
    Ok(kp.name)
}

#[server(endpoint = "delete_keypairs")]
pub async fn delete_keypairs(
    names: Vec<String>,
) -> Result<crate::model::batch::BatchResult, AppError> {
    use crate::openstack::compute;
    let (state, session, auth) =
        super::ssr::require(crate::model::policy::Action::ChangeProject).await?;
    let os = auth.scoped(&state.cloud);
    // A key pair's name is its id.
    let items: Vec<(String, String)> = names.iter().map(|n| (n.clone(), n.clone())).collect();
    let work = super::ssr::batch(&items, |name| compute::delete_keypair(&os, name));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
