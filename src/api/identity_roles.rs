//! Identity › Roles: list, Create Role, Edit Role, Delete Roles (admins only).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::identity_admin::Named;

/// Keystone's 409 for a role name in use, said next to the name field.
#[cfg(feature = "ssr")]
fn name_taken(e: crate::openstack::OsError) -> AppError {
    match AppError::from(e) {
        AppError::Conflict(m) => AppError::bad_input("name", m),
        other => other,
    }
}

#[server(endpoint = "identity_roles")]
pub async fn list_identity_roles() -> Result<Vec<Named>, AppError> {
    use crate::openstack::identity::{roles, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        let mut list: Vec<Named> = roles::list(&ks)
            .await?
            .into_iter()
            .map(|r| Named {
                id: r.id,
                name: r.name,
            })
            .collect();
        list.sort_by_key(|r| r.name.to_lowercase());
        Ok(list)
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_create_role")]
pub async fn create_role(name: String) -> Result<String, AppError> {
    use crate::openstack::identity::{roles, Keystone};
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::bad_input("name", "This field is required."));
    }
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        roles::create(&ks, &name).await.map_err(name_taken)?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

/// Edit Role: a new name (everyone who holds the role keeps it).
#[server(endpoint = "identity_update_role")]
pub async fn update_role(role_id: String, name: String) -> Result<String, AppError> {
    use crate::openstack::identity::{roles, Keystone};
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(AppError::bad_input("name", "This field is required."));
    }
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let work = async {
        roles::rename(&ks, &role_id, &name)
            .await
            .map_err(name_taken)?;
        Ok(name.clone())
    };
    super::ssr::confirmed(&state, &session, &auth, work).await
}

#[server(endpoint = "identity_delete_roles")]
pub async fn delete_roles(
    ids: Vec<String>,
    names: Vec<String>,
) -> Result<crate::model::batch::BatchResult, AppError> {
    use crate::openstack::identity::{roles, Keystone};
    let (state, session, auth) = super::ssr::require_identity_admin().await?;
    let ks = Keystone::new(&state.cloud, &auth.token);
    let items: Vec<(String, String)> = ids.into_iter().zip(names).collect();
    let work = super::ssr::batch(&items, |id| roles::delete(&ks, id));
    super::ssr::confirmed(&state, &session, &auth, work).await
}
