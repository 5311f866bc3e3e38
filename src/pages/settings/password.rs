//! Settings › Change Password (`/settings/password/`): for oneself. Success ends the
//! session (Keystone revokes the user's tokens) and the login page says so.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::settings::ChangeOwnPassword;
use crate::components::form::{action_error, FieldError, FormBanner, INPUT, LABEL, PRIMARY};

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangeOwnPassword>::new();
    let error = action_error(change);
    view! {
        <Title text="Change Password"/>
        <h1 class="mb-4 text-2xl font-semibold">"Settings"</h1>
        <super::SettingsTabs/>
        <FormBanner error=error/>
        <ActionForm action=change attr:class="max-w-md rounded-lg border border-slate-200 bg-white p-4">
            <label for="id_current_password" class="mb-1 block text-sm font-medium">"Current password"</label>
            <input id="id_current_password" name="current_password" type="password" autocomplete="current-password" class=INPUT/>
            <FieldError error=error field="current_password"/>
            <label for="id_new_password" class=LABEL>"New password"</label>
            <input id="id_new_password" name="new_password" type="password" autocomplete="new-password" class=INPUT/>
            <FieldError error=error field="new_password"/>
            <label for="id_confirm_password" class=LABEL>"Confirm new password"</label>
            <input id="id_confirm_password" name="confirm_password" type="password" autocomplete="new-password" class=INPUT/>
            <FieldError error=error field="confirm_password"/>
            <p class="mt-3 text-xs text-slate-500">"After the change you log in again with the new password."</p>
            <div class="mt-4 flex justify-end">
                <button type="submit" class=PRIMARY disabled=move || change.pending().get()>"Change"</button>
            </div>
        </ActionForm>
    }
}
