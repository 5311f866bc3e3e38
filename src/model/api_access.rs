//! Project › API Access: the files that let the OpenStack command-line tools act as this
//! user in this project — an `openrc.sh` to source and a `clouds.yaml` entry — written as
//! Horizon writes them. No password or token goes in them: the RC file asks for it.

use serde::{Deserialize, Serialize};

/// What the files name: the cloud, the user and the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CliContext {
    pub auth_url: String,
    pub user_name: String,
    pub user_domain_name: String,
    pub project_id: String,
    pub project_name: String,
    pub region: Option<String>,
    pub interface: String,
}

/// One service's endpoint, for the page's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiEndpoint {
    pub service: String,
    pub url: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiAccess {
    pub context: CliContext,
    pub endpoints: Vec<ApiEndpoint>,
}

/// Text safe inside a double-quoted shell string (Horizon's `shellfilter`).
fn shell(s: &str) -> String {
    s.chars()
        .flat_map(|c| match c {
            '\\' | '"' | '$' | '`' => vec!['\\', c],
            '\n' | '\r' => vec![' '],
            c => vec![c],
        })
        .collect()
}

/// Text safe inside a double-quoted YAML string.
fn yaml(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `<project>-openrc.sh`.
pub fn openrc(c: &CliContext) -> String {
    format!(
        r#"#!/usr/bin/env bash
# OpenStack RC file for project "{project}" as user "{user}", from Meridian.
# Source it (". ./{file}") and the OpenStack command-line tools act as this user in this
# project. It asks for the password; it holds no secret.
export OS_AUTH_URL="{auth_url}"
export OS_PROJECT_ID="{project_id}"
export OS_PROJECT_NAME="{project}"
export OS_USER_DOMAIN_NAME="{user_domain}"
if [ -z "$OS_USER_DOMAIN_NAME" ]; then unset OS_USER_DOMAIN_NAME; fi

# unset v2.0 items in case set
unset OS_TENANT_ID
unset OS_TENANT_NAME

export OS_USERNAME="{user}"
echo "Please enter your OpenStack Password for project $OS_PROJECT_NAME as user $OS_USERNAME: "
read -sr OS_PASSWORD_INPUT
export OS_PASSWORD="$OS_PASSWORD_INPUT"

export OS_REGION_NAME="{region}"
if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi

export OS_INTERFACE="{interface}"
export OS_IDENTITY_API_VERSION="3"
"#,
        file = openrc_file_name(c),
        project = shell(&c.project_name),
        user = shell(&c.user_name),
        auth_url = shell(&c.auth_url),
        project_id = shell(&c.project_id),
        user_domain = shell(&c.user_domain_name),
        region = shell(c.region.as_deref().unwrap_or("")),
        interface = shell(&c.interface),
    )
}

/// The RC file's name, as Horizon names it.
pub fn openrc_file_name(c: &CliContext) -> String {
    let project: String = c
        .project_name
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "-_.".contains(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect();
    format!("{project}-openrc.sh")
}

/// The cloud's name in `clouds.yaml` (`OS_CLOUD=<name>`): Horizon's default, `openstack`.
pub const CLOUD_NAME: &str = "openstack";

/// `clouds.yaml`, with one cloud for this user and project (the password left out).
pub fn clouds_yaml(c: &CliContext) -> String {
    let region = c
        .region
        .as_deref()
        .map(|r| format!("    region_name: \"{}\"\n", yaml(r)))
        .unwrap_or_default();
    format!(
        "# clouds.yaml for project \"{project}\" as user \"{user}\", from Meridian. Put it in\n\
         # ~/.config/openstack/clouds.yaml and use OS_CLOUD={CLOUD_NAME} (or --os-cloud {CLOUD_NAME});\n\
         # add `password:` under auth, or let the tools ask for it.\n\
         clouds:\n  {CLOUD_NAME}:\n    auth:\n      auth_url: \"{auth_url}\"\n      username: \"{user}\"\n      \
         project_id: \"{project_id}\"\n      project_name: \"{project}\"\n      user_domain_name: \"{domain}\"\n\
         {region}    interface: \"{interface}\"\n    identity_api_version: 3\n",
        project = yaml(&c.project_name),
        user = yaml(&c.user_name),
        auth_url = yaml(&c.auth_url),
        project_id = yaml(&c.project_id),
        domain = yaml(&c.user_domain_name),
        interface = yaml(&c.interface),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> CliContext {
        CliContext {
            auth_url: "http://127.0.0.1:5000/v3".into(),
            user_name: "demo".into(),
            user_domain_name: "Default".into(),
            project_id: "4e4e5972".into(),
            project_name: "demo".into(),
            region: Some("RegionOne".into()),
            interface: "public".into(),
        }
    }

    #[test]
    fn rc_file_names_the_cloud_user_and_project() {
        let rc = openrc(&ctx());
        assert!(rc.starts_with("#!/usr/bin/env bash\n"));
        for line in [
            "export OS_AUTH_URL=\"http://127.0.0.1:5000/v3\"",
            "export OS_PROJECT_ID=\"4e4e5972\"",
            "export OS_USERNAME=\"demo\"",
            "export OS_REGION_NAME=\"RegionOne\"",
            "export OS_IDENTITY_API_VERSION=\"3\"",
        ] {
            assert!(rc.lines().any(|l| l == line), "missing {line}");
        }
        assert_eq!(openrc_file_name(&ctx()), "demo-openrc.sh");
    }

    #[test]
    fn names_cannot_break_out_of_the_shell_string() {
        let mut c = ctx();
        c.project_name = "x\"; rm -rf $HOME `id`".into();
        let rc = openrc(&c);
        assert!(rc.contains(r#"export OS_PROJECT_NAME="x\"; rm -rf \$HOME \`id\`""#));
        assert_eq!(openrc_file_name(&c), "x___rm_-rf__HOME__id_-openrc.sh");
    }

    #[test]
    fn clouds_yaml_entry() {
        let y = clouds_yaml(&ctx());
        assert!(y.contains(
            "clouds:\n  openstack:\n    auth:\n      auth_url: \"http://127.0.0.1:5000/v3\"\n"
        ));
        assert!(y.contains("      project_id: \"4e4e5972\"\n"));
        assert!(y.contains("    region_name: \"RegionOne\"\n    interface: \"public\"\n"));
        assert!(!y.contains("password:\n"));
    }
}

/// One application credential, as Identity › Application Credentials lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppCredentialRow {
    pub id: String,
    pub name: String,
    pub description: String,
    pub project_id: String,
    /// `Never`, or the time it stops working.
    pub expires: String,
    pub roles: Vec<String>,
    pub unrestricted: bool,
}

/// A new application credential, with its secret: shown once, then only Keystone's hash
/// remains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedAppCredential {
    pub id: String,
    pub name: String,
    pub secret: String,
    pub openrc: String,
    pub clouds_yaml: String,
}

/// The RC file for an application credential (no user name or password: the id and secret).
pub fn app_credential_openrc(c: &CliContext, id: &str, secret: &str) -> String {
    format!(
        r#"#!/usr/bin/env bash
# OpenStack RC file for application credential {id}, from Meridian. It holds the secret:
# keep it as safe as a password.
export OS_AUTH_TYPE="v3applicationcredential"
export OS_AUTH_URL="{auth_url}"
export OS_IDENTITY_API_VERSION="3"
export OS_REGION_NAME="{region}"
if [ -z "$OS_REGION_NAME" ]; then unset OS_REGION_NAME; fi
export OS_INTERFACE="{interface}"
export OS_APPLICATION_CREDENTIAL_ID="{id}"
export OS_APPLICATION_CREDENTIAL_SECRET="{secret}"
"#,
        id = shell(id),
        auth_url = shell(&c.auth_url),
        region = shell(c.region.as_deref().unwrap_or("")),
        interface = shell(&c.interface),
        secret = shell(secret),
    )
}

/// `clouds.yaml` for an application credential.
pub fn app_credential_clouds_yaml(c: &CliContext, id: &str, secret: &str) -> String {
    let region = c
        .region
        .as_deref()
        .map(|r| format!("    region_name: \"{}\"\n", yaml(r)))
        .unwrap_or_default();
    format!(
        "# clouds.yaml for application credential {id}, from Meridian. It holds the secret:\n\
         # keep it as safe as a password. Use it with OS_CLOUD={CLOUD_NAME}.\n\
         clouds:\n  {CLOUD_NAME}:\n    auth:\n      auth_url: \"{auth_url}\"\n      \
         application_credential_id: \"{id}\"\n      application_credential_secret: \"{secret}\"\n\
         {region}    interface: \"{interface}\"\n    identity_api_version: 3\n    \
         auth_type: \"v3applicationcredential\"\n",
        id = yaml(id),
        auth_url = yaml(&c.auth_url),
        secret = yaml(secret),
        interface = yaml(&c.interface),
    )
}

/// The Create Application Credential form, checked: the expiry (a date, and optionally a
/// time, UTC) must lie ahead; the roles must be the user's own in the project.
pub fn check_app_credential(
    name: &str,
    expiration_date: &str,
    expiration_time: &str,
    roles: &[String],
    user_roles: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<String>, (&'static str, String)> {
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    if name.trim().is_empty() {
        return Err(("name", "This field is required.".into()));
    }
    if name.chars().count() > 255 {
        return Err((
            "name",
            "Ensure this value has at most 255 characters.".into(),
        ));
    }
    if let Some(r) = roles.iter().find(|r| !user_roles.contains(r)) {
        return Err((
            "roles",
            format!("You do not hold the role \"{r}\" in this project."),
        ));
    }
    let date = expiration_date.trim();
    if date.is_empty() {
        if !expiration_time.trim().is_empty() {
            return Err(("expiration_date", "Give a date with the time.".into()));
        }
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| ("expiration_date", "Enter a date as YYYY-MM-DD.".to_string()))?;
    let time = match expiration_time.trim() {
        "" => NaiveTime::from_hms_opt(0, 0, 0).expect("midnight"),
        t => NaiveTime::parse_from_str(t, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
            .map_err(|_| ("expiration_time", "Enter a time as HH:MM.".to_string()))?,
    };
    let at = chrono::Utc.from_utc_datetime(&day.and_time(time));
    if at <= now {
        return Err((
            "expiration_date",
            "The expiration must be in the future.".into(),
        ));
    }
    Ok(Some(at.format("%Y-%m-%dT%H:%M:%S").to_string()))
}

#[cfg(test)]
mod app_credential_tests {
    use super::*;

    fn ctx() -> CliContext {
        CliContext {
            auth_url: "http://127.0.0.1:5000/v3".into(),
            user_name: "demo".into(),
            user_domain_name: "Default".into(),
            project_id: "p".into(),
            project_name: "demo".into(),
            region: None,
            interface: "public".into(),
        }
    }

    #[test]
    fn files_carry_the_id_and_secret() {
        let rc = app_credential_openrc(&ctx(), "abc", "s3cr$t");
        assert!(rc.contains("export OS_APPLICATION_CREDENTIAL_ID=\"abc\"\n"));
        assert!(rc.contains("export OS_APPLICATION_CREDENTIAL_SECRET=\"s3cr\\$t\"\n"));
        assert!(!rc.contains("OS_USERNAME"));
        let y = app_credential_clouds_yaml(&ctx(), "abc", "s3cr$t");
        assert!(y.contains("      application_credential_secret: \"s3cr$t\"\n"));
        assert!(y.contains("    auth_type: \"v3applicationcredential\"\n"));
    }

    #[test]
    fn form_checks() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mine = vec!["member".to_string(), "reader".to_string()];
        assert_eq!(
            check_app_credential("ci", "", "", &mine, &mine, now),
            Ok(None)
        );
        assert_eq!(
            check_app_credential("ci", "2026-12-01", "08:30", &mine, &mine, now),
            Ok(Some("2026-12-01T08:30:00".into()))
        );
        assert_eq!(
            check_app_credential(" ", "", "", &[], &mine, now)
                .unwrap_err()
                .0,
            "name"
        );
        assert_eq!(
            check_app_credential("ci", "2026-11-01", "", &[], &mine, now)
                .unwrap_err()
                .0,
            "expiration_date"
        );
        assert_eq!(
            check_app_credential("ci", "2026-12-01", "25:00", &[], &mine, now)
                .unwrap_err()
                .0,
            "expiration_time"
        );
        assert_eq!(
            check_app_credential("ci", "", "", &["admin".into()], &mine, now)
                .unwrap_err()
                .0,
            "roles"
        );
    }
}
