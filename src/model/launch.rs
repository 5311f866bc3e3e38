//! The Launch Instance wizard: what it offers and what it sends.

use serde::{Deserialize, Serialize};

pub use super::choice::Choice;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageChoice {
    pub id: String,
    pub name: String,
    pub min_disk_gb: i64,
    pub min_ram_mb: i64,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlavorChoice {
    pub id: String,
    pub name: String,
    pub vcpus: i64,
    pub ram_mb: i64,
    pub disk_gb: i64,
}

/// A bootable volume, or a volume snapshot, of the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolumeChoice {
    pub id: String,
    pub name: String,
    pub size_gb: i64,
}

/// Where the instance boots from, as Horizon's `source_type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SourceType {
    Image,
    InstanceSnapshot,
    Volume,
    VolumeSnapshot,
}

impl SourceType {
    pub const ALL: [SourceType; 4] = [
        SourceType::Image,
        SourceType::InstanceSnapshot,
        SourceType::Volume,
        SourceType::VolumeSnapshot,
    ];

    /// The value Horizon's form uses for it.
    pub fn value(self) -> &'static str {
        match self {
            SourceType::Image => "image_id",
            SourceType::InstanceSnapshot => "instance_snapshot_id",
            SourceType::Volume => "volume_id",
            SourceType::VolumeSnapshot => "volume_snapshot_id",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SourceType::Image => "Image",
            SourceType::InstanceSnapshot => "Instance Snapshot",
            SourceType::Volume => "Volume",
            SourceType::VolumeSnapshot => "Volume Snapshot",
        }
    }

    pub fn from_value(v: &str) -> Option<SourceType> {
        match v {
            "" => Some(SourceType::Image),
            _ => SourceType::ALL.into_iter().find(|s| s.value() == v),
        }
    }
}

/// What the instance boots from, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BootSource {
    /// An image or an instance snapshot, on the flavor's disk or (`new_volume_gb`) on a new volume.
    Image {
        image: ImageChoice,
        new_volume_gb: Option<i64>,
    },
    Volume(VolumeChoice),
    /// A new volume made from the snapshot, as big as the snapshot.
    VolumeSnapshot(VolumeChoice),
}

/// What the project may still use (`None`: no limit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Headroom {
    pub instances: Option<i64>,
    pub cores: Option<i64>,
    pub ram_mb: Option<i64>,
}

/// Everything the wizard offers, fetched at once when it opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchOptions {
    pub images: Vec<ImageChoice>,
    /// Images made from instances (Glance's `image_type=snapshot`).
    pub instance_snapshots: Vec<ImageChoice>,
    /// Available, bootable volumes.
    pub volumes: Vec<VolumeChoice>,
    pub volume_snapshots: Vec<VolumeChoice>,
    pub flavors: Vec<FlavorChoice>,
    pub networks: Vec<Choice>,
    pub security_groups: Vec<Choice>,
    pub keypairs: Vec<String>,
    pub availability_zones: Vec<String>,
    /// The project's server groups, labelled with their policy.
    #[serde(default)]
    pub server_groups: Vec<Choice>,
    pub headroom: Headroom,
}

/// The wizard's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LaunchForm {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub count: String,
    #[serde(default)]
    pub availability_zone: String,
    /// `image_id` (the default), `instance_snapshot_id`, `volume_id` or `volume_snapshot_id`.
    #[serde(default)]
    pub source_type: String,
    #[serde(default)]
    pub image_id: String,
    #[serde(default)]
    pub instance_snapshot_id: String,
    #[serde(default)]
    pub volume_id: String,
    #[serde(default)]
    pub volume_snapshot_id: String,
    /// "on" to boot from a new volume made from the image.
    #[serde(default)]
    pub create_volume: Option<String>,
    #[serde(default)]
    pub volume_size: String,
    #[serde(default)]
    pub delete_volume_on_terminate: Option<String>,
    #[serde(default)]
    pub flavor_id: String,
    #[serde(default)]
    pub networks: Vec<String>,
    #[serde(default)]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub key_name: String,
    #[serde(default)]
    pub user_data: String,
    #[serde(default)]
    pub config_drive: Option<String>,
    /// The server group the instances join (its policy places them), or empty for none.
    #[serde(default)]
    pub server_group: String,
}

/// A launch request that passed every check Meridian can make before asking Nova.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidLaunch {
    pub name: String,
    pub description: Option<String>,
    pub count: i64,
    pub availability_zone: Option<String>,
    pub source: BootSource,
    pub delete_volume_on_terminate: bool,
    pub flavor: FlavorChoice,
    pub networks: Vec<String>,
    pub security_groups: Vec<String>,
    pub key_name: Option<String>,
    pub user_data: Option<String>,
    pub config_drive: bool,
    /// Sent as the scheduler hint `group`.
    pub server_group: Option<String>,
}

/// Nova's limit on user data, after base64 (64 KiB).
pub const MAX_USER_DATA_BYTES: usize = 48 * 1024;

impl LaunchForm {
    /// Checks the form against what the cloud offers, field by field, so that a launch that
    /// cannot succeed is refused with a reason at its field and nothing is created.
    pub fn validate(&self, opts: &LaunchOptions) -> Result<ValidLaunch, (&'static str, String)> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(("name", "This field is required.".into()));
        }
        if name.chars().count() > 255 {
            return Err((
                "name",
                "Ensure this value has at most 255 characters.".into(),
            ));
        }
        let count = match self.count.trim() {
            "" => 1,
            t => t
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or(("count", "Enter a whole number of at least 1.".to_string()))?,
        };
        let source_type = SourceType::from_value(self.source_type.trim())
            .ok_or(("source_type", "Select a boot source.".to_string()))?;
        let find_image = |list: &[ImageChoice], id: &str, field: &'static str, what: &str| {
            list.iter()
                .find(|i| i.id == id)
                .cloned()
                .ok_or((field, format!("Select {what}.")))
        };
        let find_volume = |list: &[VolumeChoice], id: &str, field: &'static str, what: &str| {
            list.iter()
                .find(|v| v.id == id)
                .cloned()
                .ok_or((field, format!("Select {what}.")))
        };
        let image = match source_type {
            SourceType::Image => Some(find_image(
                &opts.images,
                &self.image_id,
                "image_id",
                "a source image",
            )?),
            SourceType::InstanceSnapshot => Some(find_image(
                &opts.instance_snapshots,
                &self.instance_snapshot_id,
                "instance_snapshot_id",
                "an instance snapshot",
            )?),
            _ => None,
        };
        let flavor = opts
            .flavors
            .iter()
            .find(|f| f.id == self.flavor_id)
            .cloned()
            .ok_or(("flavor_id", "Select a flavor.".to_string()))?;
        let source = match (source_type, image) {
            (SourceType::Volume, _) => BootSource::Volume(find_volume(
                &opts.volumes,
                &self.volume_id,
                "volume_id",
                "a bootable volume",
            )?),
            (SourceType::VolumeSnapshot, _) => BootSource::VolumeSnapshot(find_volume(
                &opts.volume_snapshots,
                &self.volume_snapshot_id,
                "volume_snapshot_id",
                "a volume snapshot",
            )?),
            (_, None) => unreachable!("image sources found their image above"),
            (_, Some(image)) => {
                let new_volume_gb = self.image_volume_size(&image, &flavor)?;
                if flavor.ram_mb < image.min_ram_mb {
                    return Err((
                        "flavor_id",
                        format!(
                            "The flavor \"{}\" has {} MB of RAM; the image \"{}\" needs at least {} MB.",
                            flavor.name, flavor.ram_mb, image.name, image.min_ram_mb
                        ),
                    ));
                }
                BootSource::Image {
                    image,
                    new_volume_gb,
                }
            }
        };
        let h = &opts.headroom;
        let over = |left: Option<i64>, per: i64| left.is_some_and(|l| per * count > l);
        if over(h.instances, 1) || over(h.cores, flavor.vcpus) || over(h.ram_mb, flavor.ram_mb) {
            return Err((
                "count",
                format!(
                    "This launch would exceed the project's quota: {count} × {} needs {} instance(s), {} VCPUs and {} MB of RAM; {} left.",
                    flavor.name,
                    count,
                    count * flavor.vcpus,
                    count * flavor.ram_mb,
                    describe(h)
                ),
            ));
        }
        let networks: Vec<String> = self
            .networks
            .iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect();
        if let Some(bad) = networks
            .iter()
            .find(|n| !opts.networks.iter().any(|o| &o.id == *n))
        {
            return Err(("networks", format!("Unknown network {bad}.")));
        }
        let security_groups: Vec<String> = self
            .security_groups
            .iter()
            .filter(|n| !n.is_empty())
            .cloned()
            .collect();
        let key_name = Some(self.key_name.trim().to_string()).filter(|k| !k.is_empty());
        if let Some(k) = &key_name {
            if !opts.keypairs.contains(k) {
                return Err(("key_name", format!("Unknown key pair {k}.")));
            }
        }
        let user_data = Some(self.user_data.clone()).filter(|u| !u.trim().is_empty());
        if user_data
            .as_ref()
            .is_some_and(|u| u.len() > MAX_USER_DATA_BYTES)
        {
            return Err((
                "user_data",
                "The customization script is too large (48 KiB at most).".into(),
            ));
        }
        let server_group = Some(self.server_group.trim().to_string()).filter(|g| !g.is_empty());
        if let Some(g) = &server_group {
            if !opts.server_groups.iter().any(|o| &o.id == g) {
                return Err(("server_group", format!("Unknown server group {g}.")));
            }
        }
        Ok(ValidLaunch {
            name: name.to_string(),
            description: Some(self.description.trim().to_string()).filter(|d| !d.is_empty()),
            count,
            availability_zone: Some(self.availability_zone.trim().to_string())
                .filter(|z| !z.is_empty()),
            source,
            delete_volume_on_terminate: self.delete_volume_on_terminate.is_some(),
            flavor,
            networks,
            security_groups,
            key_name,
            user_data,
            config_drive: self.config_drive.is_some(),
            server_group,
        })
    }
}

impl LaunchForm {
    /// For an image source: the new volume's size when "Create New Volume" is ticked (it
    /// must hold the image), or `None` to boot on the flavor's disk (which must hold it).
    fn image_volume_size(
        &self,
        image: &ImageChoice,
        flavor: &FlavorChoice,
    ) -> Result<Option<i64>, (&'static str, String)> {
        if self.create_volume.is_some() {
            let size = match self.volume_size.trim() {
                "" => image.min_disk_gb.max(1),
                t => t.parse::<i64>().ok().filter(|n| *n >= 1).ok_or((
                    "volume_size",
                    "Enter a volume size in GB (1 or more).".to_string(),
                ))?,
            };
            if size < image.min_disk_gb {
                return Err((
                    "volume_size",
                    format!(
                        "The image needs a volume of at least {} GB.",
                        image.min_disk_gb
                    ),
                ));
            }
            return Ok(Some(size));
        }
        let image_gb = (image.size_bytes + (1 << 30) - 1) >> 30;
        let needed = image.min_disk_gb.max(image_gb);
        if flavor.disk_gb > 0 && flavor.disk_gb < needed {
            return Err((
                "flavor_id",
                format!(
                    "The flavor \"{}\" has a {} GB root disk; the image \"{}\" needs at least {} GB.",
                    flavor.name, flavor.disk_gb, image.name, needed
                ),
            ));
        }
        Ok(None)
    }
}

fn describe(h: &Headroom) -> String {
    let part = |v: Option<i64>, unit: &str| match v {
        Some(n) => format!("{n} {unit}"),
        None => format!("unlimited {unit}"),
    };
    format!(
        "{}, {}, {}",
        part(h.instances, "instances"),
        part(h.cores, "VCPUs"),
        part(h.ram_mb, "MB of RAM")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> LaunchOptions {
        LaunchOptions {
            images: vec![ImageChoice {
                id: "img".into(),
                name: "big".into(),
                min_disk_gb: 10,
                min_ram_mb: 0,
                size_bytes: 1 << 20,
            }],
            instance_snapshots: vec![],
            server_groups: vec![Choice {
                id: "sg".into(),
                label: "web (Anti Affinity)".into(),
            }],
            volumes: vec![VolumeChoice {
                id: "vol".into(),
                name: "boot".into(),
                size_gb: 2,
            }],
            volume_snapshots: vec![VolumeChoice {
                id: "snap".into(),
                name: "boot-snap".into(),
                size_gb: 3,
            }],
            flavors: vec![
                FlavorChoice {
                    id: "tiny".into(),
                    name: "m1.tiny".into(),
                    vcpus: 1,
                    ram_mb: 512,
                    disk_gb: 1,
                },
                FlavorChoice {
                    id: "small".into(),
                    name: "m1.small".into(),
                    vcpus: 1,
                    ram_mb: 2048,
                    disk_gb: 20,
                },
            ],
            networks: vec![Choice {
                id: "net".into(),
                label: "net".into(),
            }],
            security_groups: vec![],
            keypairs: vec!["k".into()],
            availability_zones: vec![],
            headroom: Headroom {
                instances: Some(3),
                cores: Some(20),
                ram_mb: Some(51200),
            },
        }
    }

    fn form() -> LaunchForm {
        LaunchForm {
            name: "vm".into(),
            image_id: "img".into(),
            flavor_id: "small".into(),
            networks: vec!["net".into()],
            key_name: "k".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_server_group_must_be_one_of_the_project_s() {
        assert_eq!(form().validate(&opts()).unwrap().server_group, None);
        let chosen = LaunchForm {
            server_group: "sg".into(),
            ..form()
        };
        assert_eq!(
            chosen.validate(&opts()).unwrap().server_group.as_deref(),
            Some("sg")
        );
        let unknown = LaunchForm {
            server_group: "elsewhere".into(),
            ..form()
        };
        assert_eq!(unknown.validate(&opts()).unwrap_err().0, "server_group");
    }

    #[test]
    fn a_good_launch() {
        let v = form().validate(&opts()).unwrap();
        assert_eq!(v.count, 1);
        assert!(matches!(
            v.source,
            BootSource::Image {
                new_volume_gb: None,
                ..
            }
        ));
    }

    #[test]
    fn flavor_too_small_for_the_image() {
        let mut f = form();
        f.flavor_id = "tiny".into();
        let (field, msg) = f.validate(&opts()).unwrap_err();
        assert_eq!(field, "flavor_id");
        assert!(msg.contains("needs at least 10 GB"), "{msg}");
    }

    #[test]
    fn over_quota() {
        let mut f = form();
        f.count = "4".into();
        let (field, msg) = f.validate(&opts()).unwrap_err();
        assert_eq!(field, "count");
        assert!(msg.contains("exceed the project's quota"), "{msg}");
    }

    #[test]
    fn long_name() {
        let mut f = form();
        f.name = "x".repeat(300);
        assert_eq!(f.validate(&opts()).unwrap_err().0, "name");
    }

    #[test]
    fn boot_from_volume_needs_a_big_enough_volume() {
        let mut f = form();
        f.flavor_id = "tiny".into();
        f.create_volume = Some("on".into());
        f.volume_size = "5".into();
        assert_eq!(f.validate(&opts()).unwrap_err().0, "volume_size");
        f.volume_size = "10".into();
        assert!(matches!(
            f.validate(&opts()).unwrap().source,
            BootSource::Image {
                new_volume_gb: Some(10),
                ..
            }
        ));
    }

    #[test]
    fn boots_from_a_volume_or_a_volume_snapshot() {
        let mut f = form();
        // The flavor's small disk does not matter when the root disk is a volume.
        f.flavor_id = "tiny".into();
        f.source_type = "volume_id".into();
        assert_eq!(f.validate(&opts()).unwrap_err().0, "volume_id");
        f.volume_id = "vol".into();
        assert!(
            matches!(f.validate(&opts()).unwrap().source, BootSource::Volume(v) if v.id == "vol")
        );
        f.source_type = "volume_snapshot_id".into();
        f.volume_snapshot_id = "snap".into();
        assert!(matches!(
            f.validate(&opts()).unwrap().source,
            BootSource::VolumeSnapshot(v) if v.size_gb == 3
        ));
        f.source_type = "instance_snapshot_id".into();
        assert_eq!(
            f.validate(&opts()).unwrap_err(),
            (
                "instance_snapshot_id",
                "Select an instance snapshot.".into()
            )
        );
        f.source_type = "nonsense".into();
        assert_eq!(f.validate(&opts()).unwrap_err().0, "source_type");
    }
}
