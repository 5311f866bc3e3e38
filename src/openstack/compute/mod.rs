//! Nova.

use serde::Deserialize;

use super::catalog::ServiceType;
use super::client::Scoped;
use super::error::OsError;
use crate::model::QuotaItem;

#[derive(Debug, Deserialize)]
pub struct LimitsBody {
    pub limits: Limits,
}

#[derive(Debug, Deserialize)]
pub struct Limits {
    pub absolute: AbsoluteLimits,
}

/// `GET /limits` → `limits.absolute`. Missing numbers (older or newer microversions drop
/// some) read as unlimited / unused.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AbsoluteLimits {
    #[serde(default = "unlimited")]
    pub max_total_instances: i64,
    #[serde(default)]
    pub total_instances_used: i64,
    #[serde(default = "unlimited")]
    pub max_total_cores: i64,
    #[serde(default)]
    pub total_cores_used: i64,
    #[serde(rename = "maxTotalRAMSize", default = "unlimited")]
    pub max_total_ram_size: i64,
    #[serde(rename = "totalRAMUsed", default)]
    pub total_ram_used: i64,
    #[serde(default = "unlimited")]
    pub max_server_groups: i64,
    #[serde(default)]
    pub total_server_groups_used: i64,
}

fn unlimited() -> i64 {
    -1
}

impl AbsoluteLimits {
    pub fn quota_items(&self) -> Vec<QuotaItem> {
        vec![
            QuotaItem::new(
                "Instances",
                self.total_instances_used,
                self.max_total_instances,
                "",
            ),
            QuotaItem::new("VCPUs", self.total_cores_used, self.max_total_cores, ""),
            QuotaItem::new("RAM", self.total_ram_used, self.max_total_ram_size, "MB"),
            QuotaItem::new(
                "Server Groups",
                self.total_server_groups_used,
                self.max_server_groups,
                "",
            ),
        ]
    }
}

/// The project's compute limits and what it uses of them.
pub async fn limits(os: &Scoped<'_>) -> Result<AbsoluteLimits, OsError> {
    let body: LimitsBody = os.get_json(ServiceType::Compute, "/limits").await?;
    Ok(body.limits.absolute)
}

pub mod server_groups;

#[cfg(test)]
mod tests;

/// A server as `GET /servers/detail` returns it (the fields Meridian shows).
#[derive(Debug, Clone, Deserialize)]
pub struct Server {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub status: String,
    #[serde(default)]
    pub tenant_id: String,
    pub created: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub key_name: Option<String>,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub addresses: std::collections::BTreeMap<String, Vec<Address>>,
    /// Since 2.47 the flavor is embedded (no flavor lookups per row).
    pub flavor: EmbeddedFlavor,
    /// `{"id": ...}`, or an empty string for a server booted from a volume.
    #[serde(default)]
    pub image: serde_json::Value,
    #[serde(rename = "OS-EXT-STS:task_state", default)]
    pub task_state: Option<String>,
    #[serde(rename = "OS-EXT-STS:power_state", default)]
    pub power_state: i64,
    #[serde(rename = "OS-EXT-AZ:availability_zone", default)]
    pub availability_zone: String,
    #[serde(rename = "OS-EXT-SRV-ATTR:host", default)]
    pub host: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub metadata: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub security_groups: Vec<NamedGroup>,
    #[serde(rename = "os-extended-volumes:volumes_attached", default)]
    pub volumes_attached: Vec<AttachedVolume>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NamedGroup {
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttachedVolume {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Address {
    pub addr: String,
    #[serde(rename = "OS-EXT-IPS:type", default)]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EmbeddedFlavor {
    #[serde(default)]
    pub original_name: String,
}

impl Server {
    pub fn image_id(&self) -> Option<&str> {
        self.image.get("id").and_then(|v| v.as_str())
    }
}

#[derive(Debug, Deserialize)]
pub struct ServersBody {
    pub servers: Vec<Server>,
}

/// Filters Nova applies itself (its query parameters), and the page to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerQuery {
    pub name: Option<String>,
    pub status: Option<String>,
    pub image: Option<String>,
    pub flavor: Option<String>,
    pub ip: Option<String>,
    pub all_projects: bool,
    pub limit: u32,
    pub marker: Option<String>,
    /// Walk backwards from `marker` (for `« Prev`).
    pub reverse: bool,
}

impl ServerQuery {
    /// Nova's query string. Newest first, as Horizon lists them; `reverse` flips the order
    /// so the page before `marker` can be fetched, then flipped back by the caller.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        // `uuid` breaks ties between servers created in the same second, so that a marker
        // walks the same order both ways.
        let dir = if self.reverse { "asc" } else { "desc" }.to_string();
        let mut p = vec![
            ("limit", self.limit.to_string()),
            ("sort_key", "created_at".to_string()),
            ("sort_dir", dir.clone()),
            ("sort_key", "uuid".to_string()),
            ("sort_dir", dir),
        ];
        if let Some(m) = &self.marker {
            p.push(("marker", m.clone()));
        }
        for (key, value) in [
            ("name", &self.name),
            ("status", &self.status),
            ("image", &self.image),
            ("flavor", &self.flavor),
            ("ip", &self.ip),
        ] {
            if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
                p.push((key, v.clone()));
            }
        }
        if self.all_projects {
            p.push(("all_tenants", "1".to_string()));
        }
        p
    }
}

/// `GET /servers/detail` with Nova's own filtering, sorting and pagination.
pub async fn list_servers(os: &Scoped<'_>, query: &ServerQuery) -> Result<Vec<Server>, OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::GET,
            "/servers/detail",
        )?
        .query(&query.to_params());
    let body: ServersBody = super::client::json_response(
        ServiceType::Compute,
        super::client::send(ServiceType::Compute, req).await?,
    )
    .await?;
    Ok(body.servers)
}

/// `DELETE /servers/{id}`: Nova deletes in the background (the server shows task `deleting`).
pub async fn delete_server(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!("/servers/{id}"),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

#[derive(Debug, Clone, Deserialize)]
pub struct Keypair {
    pub name: String,
    #[serde(default)]
    pub public_key: String,
    #[serde(default)]
    pub fingerprint: String,
    #[serde(rename = "type", default)]
    pub key_type: String,
    /// Only in the answer to a create without a public key; never stored by Meridian.
    #[serde(default)]
    pub private_key: Option<String>,
    /// Only in the answer for one key pair, as is `created_at`.
    #[serde(default)]
    pub user_id: Option<String>,
    /// Nova writes it without a zone (`2024-05-07T12:06:13.000000`); it is UTC.
    #[serde(default)]
    pub created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct KeypairsBody {
    pub keypairs: Vec<KeypairWrapper>,
}

#[derive(Debug, Deserialize)]
pub struct KeypairWrapper {
    pub keypair: Keypair,
}

pub async fn list_keypairs(os: &Scoped<'_>) -> Result<Vec<Keypair>, OsError> {
    let body: KeypairsBody = os.get_json(ServiceType::Compute, "/os-keypairs").await?;
    Ok(body.keypairs.into_iter().map(|k| k.keypair).collect())
}

/// `GET /os-keypairs/{name}`: one of the user's key pairs, with its owner and creation time.
pub async fn get_keypair(os: &Scoped<'_>, name: &str) -> Result<Keypair, OsError> {
    let body: KeypairWrapper = os
        .get_json(
            ServiceType::Compute,
            &format!("/os-keypairs/{}", path_segment(name)),
        )
        .await?;
    Ok(body.keypair)
}

/// Creates a key pair. Without `public_key` Nova generates one and returns the private key
/// once, in this answer.
pub async fn create_keypair(
    os: &Scoped<'_>,
    name: &str,
    public_key: Option<&str>,
) -> Result<Keypair, OsError> {
    let mut keypair = serde_json::json!({ "name": name, "type": "ssh" });
    if let Some(pk) = public_key {
        keypair["public_key"] = serde_json::Value::String(pk.to_string());
    }
    let req = os
        .request(ServiceType::Compute, reqwest::Method::POST, "/os-keypairs")?
        .json(&serde_json::json!({ "keypair": keypair }));
    let body: KeypairWrapper = super::client::json_response(
        ServiceType::Compute,
        super::client::send(ServiceType::Compute, req).await?,
    )
    .await?;
    Ok(body.keypair)
}

pub async fn delete_keypair(os: &Scoped<'_>, name: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!("/os-keypairs/{}", path_segment(name)),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// A name as one URL path segment (key pair names may hold spaces).
fn path_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[derive(Debug, Clone, Deserialize)]
pub struct Flavor {
    pub id: String,
    pub name: String,
    pub vcpus: i64,
    pub ram: i64,
    pub disk: i64,
    /// Nova says `""` for no swap in some releases, a number in others.
    #[serde(default, deserialize_with = "swap_mb")]
    pub swap: i64,
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral", default)]
    pub ephemeral: i64,
    #[serde(default = "one")]
    pub rxtx_factor: f64,
    #[serde(rename = "os-flavor-access:is_public", default = "yes")]
    pub is_public: bool,
}

fn one() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

fn swap_mb<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_i64().unwrap_or(0),
        _ => 0,
    })
}

#[derive(Debug, Deserialize)]
pub struct FlavorsBody {
    pub flavors: Vec<Flavor>,
}

#[derive(Debug, Deserialize)]
pub struct FlavorBody {
    pub flavor: Flavor,
}

/// Every flavor, public and private (`is_public=None` is how an admin asks for both).
pub async fn list_all_flavors(os: &Scoped<'_>) -> Result<Vec<Flavor>, OsError> {
    let body: FlavorsBody = os
        .get_json(ServiceType::Compute, "/flavors/detail?is_public=None")
        .await?;
    Ok(body.flavors)
}

/// What the Create Flavor form sends.
#[derive(Debug, Clone)]
pub struct NewFlavor {
    pub name: String,
    /// `None`: Nova picks a UUID.
    pub id: Option<String>,
    pub vcpus: i64,
    pub ram_mb: i64,
    pub disk_gb: i64,
    pub ephemeral_gb: i64,
    pub swap_mb: i64,
    pub rxtx_factor: f64,
    pub is_public: bool,
}

pub async fn create_flavor(os: &Scoped<'_>, f: &NewFlavor) -> Result<Flavor, OsError> {
    let body = serde_json::json!({"flavor": {
        "name": f.name,
        "id": f.id,
        "vcpus": f.vcpus,
        "ram": f.ram_mb,
        "disk": f.disk_gb,
        "OS-FLV-EXT-DATA:ephemeral": f.ephemeral_gb,
        "swap": f.swap_mb,
        "rxtx_factor": f.rxtx_factor,
        "os-flavor-access:is_public": f.is_public,
    }});
    let req = os
        .request(ServiceType::Compute, reqwest::Method::POST, "/flavors")?
        .json(&body);
    let body: FlavorBody = super::client::json_response(
        ServiceType::Compute,
        super::client::send(ServiceType::Compute, req).await?,
    )
    .await?;
    Ok(body.flavor)
}

/// Lets `project_id` use a private flavor.
pub async fn add_flavor_access(
    os: &Scoped<'_>,
    flavor_id: &str,
    project_id: &str,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/flavors/{}/action", path_segment(flavor_id)),
        )?
        .json(&serde_json::json!({"addTenantAccess": {"tenant": project_id}}));
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

pub async fn delete_flavor(os: &Scoped<'_>, id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!("/flavors/{}", path_segment(id)),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct ExtraSpecsBody {
    pub extra_specs: std::collections::BTreeMap<String, String>,
}

/// `GET /flavors/{id}/os-extra_specs`: the flavor's extra specs (Nova always answers strings).
pub async fn flavor_extra_specs(
    os: &Scoped<'_>,
    flavor_id: &str,
) -> Result<std::collections::BTreeMap<String, String>, OsError> {
    let body: ExtraSpecsBody = os
        .get_json(
            ServiceType::Compute,
            &format!("/flavors/{}/os-extra_specs", path_segment(flavor_id)),
        )
        .await?;
    Ok(body.extra_specs)
}

/// `POST /flavors/{id}/os-extra_specs`: creates the keys that are new and updates the others,
/// in one request. Nova checks them together, so a refusal changes nothing.
pub async fn set_flavor_extra_specs(
    os: &Scoped<'_>,
    flavor_id: &str,
    specs: &std::collections::BTreeMap<String, String>,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/flavors/{}/os-extra_specs", path_segment(flavor_id)),
        )?
        .json(&serde_json::json!({ "extra_specs": specs }));
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// `DELETE /flavors/{id}/os-extra_specs/{key}`.
pub async fn delete_flavor_extra_spec(
    os: &Scoped<'_>,
    flavor_id: &str,
    key: &str,
) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!(
            "/flavors/{}/os-extra_specs/{}",
            path_segment(flavor_id),
            path_segment(key)
        ),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// `GET /os-hypervisors/detail` at 2.79 (usage figures are still in the answer there).
#[derive(Debug, Clone, Deserialize)]
pub struct Hypervisor {
    pub hypervisor_hostname: String,
    #[serde(default)]
    pub hypervisor_type: String,
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub vcpus: i64,
    #[serde(default)]
    pub vcpus_used: i64,
    #[serde(default)]
    pub memory_mb: i64,
    #[serde(default)]
    pub memory_mb_used: i64,
    #[serde(default)]
    pub local_gb: i64,
    #[serde(default)]
    pub local_gb_used: i64,
    #[serde(default)]
    pub running_vms: i64,
}

#[derive(Debug, Deserialize)]
pub struct HypervisorsBody {
    pub hypervisors: Vec<Hypervisor>,
}

pub async fn list_hypervisors(os: &Scoped<'_>) -> Result<Vec<Hypervisor>, OsError> {
    let body: HypervisorsBody = os
        .get_json(ServiceType::Compute, "/os-hypervisors/detail")
        .await?;
    Ok(body.hypervisors)
}

#[derive(Debug, Clone, Deserialize)]
pub struct ComputeService {
    pub binary: String,
    pub host: String,
    #[serde(default)]
    pub zone: String,
    pub status: String,
    pub state: String,
    #[serde(default)]
    pub updated_at: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ServicesBody {
    pub services: Vec<ComputeService>,
}

pub async fn list_services(os: &Scoped<'_>) -> Result<Vec<ComputeService>, OsError> {
    let body: ServicesBody = os.get_json(ServiceType::Compute, "/os-services").await?;
    Ok(body.services)
}

/// `POST /servers/{id}/action` with one of the everyday actions.
pub async fn server_action(
    os: &Scoped<'_>,
    id: &str,
    action: crate::model::compute::InstanceAction,
) -> Result<(), OsError> {
    use crate::model::compute::InstanceAction as A;
    let body = match action {
        A::Start => serde_json::json!({"os-start": null}),
        A::ShutOff => serde_json::json!({"os-stop": null}),
        A::SoftReboot => serde_json::json!({"reboot": {"type": "SOFT"}}),
        A::HardReboot => serde_json::json!({"reboot": {"type": "HARD"}}),
        A::Pause => serde_json::json!({"pause": null}),
        A::Unpause => serde_json::json!({"unpause": null}),
        A::Suspend => serde_json::json!({"suspend": null}),
        A::Resume => serde_json::json!({"resume": null}),
        A::Shelve => serde_json::json!({"shelve": null}),
        A::Unshelve => serde_json::json!({"unshelve": null}),
        A::Lock => serde_json::json!({"lock": null}),
        A::Unlock => serde_json::json!({"unlock": null}),
        A::ConfirmResize => serde_json::json!({"confirmResize": null}),
        A::RevertResize => serde_json::json!({"revertResize": null}),
        A::Unrescue => serde_json::json!({"unrescue": null}),
    };
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/servers/{id}/action"),
        )?
        .json(&body);
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// The flavors this project may use (public ones and those given to it).
pub async fn list_flavors(os: &Scoped<'_>) -> Result<Vec<Flavor>, OsError> {
    let body: FlavorsBody = os.get_json(ServiceType::Compute, "/flavors/detail").await?;
    Ok(body.flavors)
}

#[derive(Debug, Deserialize)]
pub struct ZonesBody {
    #[serde(rename = "availabilityZoneInfo")]
    pub zones: Vec<Zone>,
}

#[derive(Debug, Deserialize)]
pub struct Zone {
    #[serde(rename = "zoneName")]
    pub name: String,
    #[serde(rename = "zoneState")]
    pub state: ZoneState,
}

#[derive(Debug, Deserialize)]
pub struct ZoneState {
    pub available: bool,
}

pub async fn availability_zones(os: &Scoped<'_>) -> Result<Vec<String>, OsError> {
    let body: ZonesBody = os
        .get_json(ServiceType::Compute, "/os-availability-zone")
        .await?;
    Ok(body
        .zones
        .into_iter()
        .filter(|z| z.state.available)
        .map(|z| z.name)
        .collect())
}

/// `POST /servers` for a checked launch; Nova schedules `count` servers.
pub async fn create_servers(
    os: &Scoped<'_>,
    l: &crate::model::launch::ValidLaunch,
) -> Result<(), OsError> {
    use base64::Engine;
    let mut server = serde_json::json!({
        "name": l.name,
        "flavorRef": l.flavor.id,
        "min_count": l.count,
        "max_count": l.count,
        "networks": if l.networks.is_empty() {
            serde_json::json!("none")
        } else {
            serde_json::Value::Array(l.networks.iter().map(|n| serde_json::json!({"uuid": n})).collect())
        },
        "config_drive": l.config_drive,
    });
    let obj = server.as_object_mut().expect("a JSON object");
    use crate::model::launch::BootSource;
    // A volume root disk is described by one block device mapping at boot index 0.
    let root_volume = |source_type: &str, uuid: &str, size: Option<i64>| {
        let mut bdm = serde_json::json!({
            "boot_index": 0,
            "uuid": uuid,
            "source_type": source_type,
            "destination_type": "volume",
            "delete_on_termination": l.delete_volume_on_terminate,
        });
        if let Some(size) = size {
            bdm["volume_size"] = size.into();
        }
        serde_json::json!([bdm])
    };
    match &l.source {
        BootSource::Image {
            image,
            new_volume_gb: Some(size),
        } => {
            obj.insert(
                "block_device_mapping_v2".into(),
                root_volume("image", &image.id, Some(*size)),
            );
        }
        BootSource::Image { image, .. } => {
            obj.insert("imageRef".into(), image.id.clone().into());
        }
        BootSource::Volume(v) => {
            obj.insert(
                "block_device_mapping_v2".into(),
                root_volume("volume", &v.id, None),
            );
        }
        BootSource::VolumeSnapshot(s) => {
            obj.insert(
                "block_device_mapping_v2".into(),
                root_volume("snapshot", &s.id, Some(s.size_gb)),
            );
        }
    }
    if let Some(d) = &l.description {
        obj.insert("description".into(), d.clone().into());
    }
    if let Some(z) = &l.availability_zone {
        obj.insert("availability_zone".into(), z.clone().into());
    }
    if let Some(k) = &l.key_name {
        obj.insert("key_name".into(), k.clone().into());
    }
    if !l.security_groups.is_empty() {
        obj.insert(
            "security_groups".into(),
            l.security_groups
                .iter()
                .map(|g| serde_json::json!({"name": g}))
                .collect(),
        );
    }
    if let Some(u) = &l.user_data {
        obj.insert(
            "user_data".into(),
            base64::engine::general_purpose::STANDARD.encode(u).into(),
        );
    }
    let mut body = serde_json::json!({ "server": server });
    if let Some(g) = &l.server_group {
        // Beside `server`, not inside it: Nova reads its scheduler hints there.
        body["os:scheduler_hints"] = serde_json::json!({ "group": g });
    }
    let req = os
        .request(ServiceType::Compute, reqwest::Method::POST, "/servers")?
        .json(&body);
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

#[derive(Debug, Deserialize)]
pub struct ServerBody {
    pub server: Server,
}

pub async fn get_server(os: &Scoped<'_>, id: &str) -> Result<Server, OsError> {
    let body: ServerBody = os
        .get_json(
            ServiceType::Compute,
            &format!("/servers/{}", path_segment(id)),
        )
        .await?;
    Ok(body.server)
}

/// The last `lines` lines of the instance's console log.
pub async fn console_output(os: &Scoped<'_>, id: &str, lines: u32) -> Result<String, OsError> {
    #[derive(Deserialize)]
    struct Output {
        output: String,
    }
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/servers/{}/action", path_segment(id)),
        )?
        .json(&serde_json::json!({"os-getConsoleOutput": {"length": lines}}));
    let body: Output = super::client::json_response(
        ServiceType::Compute,
        super::client::send(ServiceType::Compute, req).await?,
    )
    .await?;
    Ok(body.output)
}

#[derive(Debug, Clone, Deserialize)]
pub struct InstanceActionRecord {
    pub action: String,
    pub request_id: String,
    #[serde(default)]
    pub start_time: String,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

pub async fn instance_actions(
    os: &Scoped<'_>,
    id: &str,
) -> Result<Vec<InstanceActionRecord>, OsError> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "instanceActions")]
        actions: Vec<InstanceActionRecord>,
    }
    let body: Body = os
        .get_json(
            ServiceType::Compute,
            &format!("/servers/{}/os-instance-actions", path_segment(id)),
        )
        .await?;
    Ok(body.actions)
}

// --- Changes to one instance (the row menu's forms) -----------------------------------

/// `POST /servers/{id}/action` with one action body.
pub async fn post_server_action(
    os: &Scoped<'_>,
    id: &str,
    body: serde_json::Value,
) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/servers/{}/action", path_segment(id)),
        )?
        .json(&body);
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// Renames the server and sets its description (`PUT /servers/{id}`, 2.19+).
pub async fn update_server(
    os: &Scoped<'_>,
    id: &str,
    name: &str,
    description: &str,
) -> Result<(), OsError> {
    let description = if description.is_empty() {
        serde_json::Value::Null
    } else {
        description.into()
    };
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::PUT,
            &format!("/servers/{}", path_segment(id)),
        )?
        .json(&serde_json::json!({"server": {"name": name, "description": description}}));
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// Plugs a new port on `network_id` into the server, with `fixed_ip` when given.
pub async fn attach_interface(
    os: &Scoped<'_>,
    id: &str,
    network_id: &str,
    fixed_ip: Option<&str>,
) -> Result<(), OsError> {
    let mut attachment = serde_json::json!({ "net_id": network_id });
    if let Some(ip) = fixed_ip {
        attachment["fixed_ips"] = serde_json::json!([{ "ip_address": ip }]);
    }
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/servers/{}/os-interface", path_segment(id)),
        )?
        .json(&serde_json::json!({ "interfaceAttachment": attachment }));
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

pub async fn detach_interface(os: &Scoped<'_>, id: &str, port_id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!(
            "/servers/{}/os-interface/{}",
            path_segment(id),
            path_segment(port_id)
        ),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

/// Attaches a volume; Nova picks the device name.
pub async fn attach_volume(os: &Scoped<'_>, id: &str, volume_id: &str) -> Result<(), OsError> {
    let req = os
        .request(
            ServiceType::Compute,
            reqwest::Method::POST,
            &format!("/servers/{}/os-volume_attachments", path_segment(id)),
        )?
        .json(&serde_json::json!({ "volumeAttachment": { "volumeId": volume_id } }));
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}

pub async fn detach_volume(os: &Scoped<'_>, id: &str, volume_id: &str) -> Result<(), OsError> {
    let req = os.request(
        ServiceType::Compute,
        reqwest::Method::DELETE,
        &format!(
            "/servers/{}/os-volume_attachments/{}",
            path_segment(id),
            path_segment(volume_id)
        ),
    )?;
    super::client::send(ServiceType::Compute, req).await?;
    Ok(())
}
