//! Settings: the user's own preferences (kept in the browser's cookies, as Horizon keeps
//! them) and its password.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::timezone::ZoneChoice;

/// The Timezone select's choices and the user's zone now.
#[server(endpoint = "timezone_choices")]
pub async fn timezone_choices() -> Result<(String, Vec<ZoneChoice>), AppError> {
    use crate::model::policy::Action;
    super::ssr::require(Action::ManageOwnAccount).await?;
    let current = super::ssr::user_zone().name().to_string();
    Ok((
        current,
        crate::model::timezone::zone_choices(chrono::Utc::now()),
    ))
}

/// User Settings: items per page for the tables (the `meridian_pagesize` cookie that the
/// tables' own "Items per page" choice sets too) and the time zone times are shown in.
#[server(endpoint = "save_user_settings")]
pub async fn save_user_settings(
    pagesize: String,
    #[server(default)] timezone: Option<String>,
) -> Result<String, AppError> {
    use crate::model::paging::{MAX_PAGE_SIZE, PAGE_SIZE_COOKIE};
    use crate::model::policy::Action;
    use crate::model::timezone::{parse_zone, TIMEZONE_COOKIE};
    super::ssr::require(Action::ManageOwnAccount).await?;
    let size: u32 = pagesize
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
        .ok_or_else(|| {
            AppError::bad_input(
                "pagesize",
                format!("Enter a whole number from 1 to {MAX_PAGE_SIZE}."),
            )
        })?;
    let zone = match timezone.as_deref().map(str::trim).filter(|z| !z.is_empty()) {
        Some(name) => Some(
            parse_zone(name)
                .ok_or_else(|| AppError::bad_input("timezone", "Select a valid time zone."))?,
        ),
        None => None,
    };
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        let mut cookies = vec![format!(
            "{PAGE_SIZE_COOKIE}={size}; Path=/; Max-Age=31536000; SameSite=Lax"
        )];
        if let Some(zone) = zone {
            cookies.push(format!(
                "{TIMEZONE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                zone.name()
            ));
        }
        for cookie in cookies {
            if let Ok(value) = http::HeaderValue::from_str(&cookie) {
                res.append_header(http::header::SET_COOKIE, value);
            }
        }
    }
    Ok("Settings saved.".into())
}

/// Change Password, for oneself. Keystone then revokes every token of the user, so the
/// session ends here and the user logs in again with the new password.
#[server(endpoint = "change_own_password")]
pub async fn change_own_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::model::policy::Action;
    use crate::openstack::account;
    let (state, session, auth) = super::ssr::require(Action::ManageOwnAccount).await?;
    if current_password.is_empty() {
        return Err(AppError::bad_input(
            "current_password",
            "This field is required.",
        ));
    }
    if new_password.is_empty() {
        return Err(AppError::bad_input(
            "new_password",
            "This field is required.",
        ));
    }
    if new_password != confirm_password {
        return Err(AppError::bad_input(
            "confirm_password",
            "Passwords do not match.",
        ));
    }
    if new_password == current_password {
        return Err(AppError::bad_input(
            "new_password",
            "The new password must differ from the current one.",
        ));
    }
    match account::change_own_password(
        &state.cloud,
        &auth.token,
        &auth.user_id,
        &current_password,
        &new_password,
    )
    .await
    {
        Ok(()) => {}
        // Keystone answers 401 for a wrong original password.
        Err(crate::openstack::OsError::Unauthorized { .. }) => {
            return Err(AppError::bad_input(
                "current_password",
                "The current password is not correct.",
            ))
        }
        Err(e) => return Err(e.into()),
    }
    // Keystone has revoked the tokens already: the session, and its consoles, end.
    if let Some(id) = session.id() {
        state.consoles.close_session(
            &id.to_string(),
            crate::console::relay::CloseReason::LoggedOut,
        );
    }
    crate::session::clear(&session).await;
    leptos_axum::redirect("/auth/login/?status=password_changed");
    Ok(())
}
