//! Glance images as the Images panels show them, and the checks on the image forms.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Disk formats Glance knows, with Horizon's labels.
pub const DISK_FORMATS: &[(&str, &str)] = &[
    ("aki", "AKI - Amazon Kernel Image"),
    ("ami", "AMI - Amazon Machine Image"),
    ("ari", "ARI - Amazon Ramdisk Image"),
    ("docker", "Docker"),
    ("iso", "ISO - Optical Disk Image"),
    ("ova", "OVA - Open Virtual Appliance"),
    ("ploop", "PLOOP - Virtuozzo/Parallels Loopback Disk"),
    ("qcow2", "QCOW2 - QEMU Emulator"),
    ("raw", "Raw"),
    ("vdi", "VDI - Virtual Disk Image"),
    ("vhd", "VHD - Virtual Hard Disk"),
    ("vhdx", "VHDX - Large Virtual Hard Disk"),
    ("vmdk", "VMDK - Virtual Machine Disk"),
];

/// Container formats Glance knows.
pub const CONTAINER_FORMATS: &[&str] = &["bare", "ami", "aki", "ari", "docker", "ova", "ovf"];

/// The container format that goes with a disk format, as Horizon chooses it: Glance does
/// nothing with it, but the Amazon and Docker formats need their own.
pub fn container_format_for(disk_format: &str) -> &'static str {
    match disk_format {
        "ami" => "ami",
        "aki" => "aki",
        "ari" => "ari",
        "docker" => "docker",
        "ova" => "ova",
        _ => "bare",
    }
}

/// The disk format a file's name suggests, as Horizon's form guesses it.
pub fn format_from_file_name(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    DISK_FORMATS
        .iter()
        .map(|(f, _)| *f)
        .find(|f| *f == ext)
        .or(match ext.as_str() {
            "img" => Some("qcow2"),
            _ => None,
        })
}

/// Statuses in which Glance is still working on an image: the table refreshes itself.
pub fn in_transition(status: &str) -> bool {
    matches!(
        status,
        "queued" | "saving" | "uploading" | "importing" | "pending_delete"
    )
}

/// One row of the Images table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageRow {
    pub id: String,
    pub name: String,
    /// `Image` or `Snapshot` (made from an instance).
    pub kind: String,
    pub status: String,
    pub visibility: String,
    pub protected: bool,
    pub disk_format: String,
    pub size: Option<i64>,
    pub owner: String,
    /// The owner's project name, when known (Admin › Images).
    pub owner_name: Option<String>,
    /// Whether the current project owns it: only then may it edit or delete it (or an admin).
    pub mine: bool,
}

/// One page of the Images table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ImagesPage {
    pub rows: Vec<ImageRow>,
    pub next_marker: Option<String>,
    pub prev_marker: Option<String>,
}

/// An image's detail page, and the Edit Image / Update Metadata forms' starting values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageDetail {
    pub row: ImageRow,
    pub description: String,
    pub architecture: String,
    pub container_format: String,
    pub min_disk: i64,
    pub min_ram: i64,
    pub virtual_size: Option<i64>,
    pub checksum: String,
    pub os_hash_algo: String,
    pub os_hash_value: String,
    pub created_at: String,
    pub updated_at: String,
    /// The image's own properties (not Glance's fields), by key.
    pub properties: BTreeMap<String, String>,
}

/// Bytes in Horizon's words: `12.5 MB`, `1.2 GB` (binary multiples, as Horizon's filesize).
pub fn size_label(bytes: Option<i64>) -> String {
    match bytes {
        Some(b) => size_with_places(b, 1),
        None => "-".into(),
    }
}

/// Bytes with `places` decimals in the largest unit under 1024 of it: the launch wizard's
/// `192.50 KB`, as Horizon's wizard writes sizes.
pub fn size_with_places(bytes: i64, places: usize) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.places$} {}", UNITS[unit])
    }
}

/// How long the rest of an upload will take at the rate so far, in words (`"1 min 5 s"`).
pub fn time_left(sent: u64, total: u64, elapsed_ms: f64) -> Option<String> {
    if sent == 0 || elapsed_ms <= 0.0 || sent > total {
        return None;
    }
    let rate = sent as f64 / elapsed_ms; // bytes per millisecond
    let secs = ((total - sent) as f64 / rate / 1000.0).ceil() as u64;
    Some(if secs >= 60 {
        format!("{} min {} s", secs / 60, secs % 60)
    } else {
        format!("{secs} s")
    })
}

/// The Create Image form's choices, checked before Glance is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImagePlan {
    pub name: String,
    pub disk_format: String,
    pub container_format: String,
    pub min_disk: i64,
    pub min_ram: i64,
    pub visibility: String,
}

/// Checks the fields every image form has; each error names its field.
pub fn check_image_fields(
    name: &str,
    disk_format: &str,
    min_disk: &str,
    min_ram: &str,
    visibility: &str,
    is_admin: bool,
) -> Result<ImagePlan, (&'static str, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Err(("name", "This field is required.".into()));
    }
    if name.chars().count() > 255 {
        return Err((
            "name",
            "Image name too long (at most 255 characters).".into(),
        ));
    }
    if !DISK_FORMATS.iter().any(|(f, _)| *f == disk_format) {
        return Err(("disk_format", "Select a valid format.".into()));
    }
    let number = |field: &'static str, text: &str| -> Result<i64, (&'static str, String)> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(0);
        }
        match text.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(n),
            _ => Err((field, "Enter a whole number, 0 or more.".into())),
        }
    };
    let min_disk = number("min_disk", min_disk)?;
    let min_ram = number("min_ram", min_ram)?;
    match visibility {
        "private" | "shared" | "community" => {}
        "public" if is_admin => {}
        "public" => {
            return Err((
                "visibility",
                "Only an administrator may make an image public.".into(),
            ))
        }
        _ => return Err(("visibility", "Select a valid visibility.".into())),
    }
    Ok(ImagePlan {
        name: name.to_string(),
        container_format: container_format_for(disk_format).to_string(),
        disk_format: disk_format.to_string(),
        min_disk,
        min_ram,
        visibility: visibility.to_string(),
    })
}

/// An image location for Glance to download from: http or https only, as Glance's
/// `web-download` import accepts.
pub fn check_image_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    if url.is_empty() {
        return Err("An image file or an external location must be specified.".into());
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| "Enter an http:// or https:// URL.".to_string())?;
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err("Enter a valid URL.".into());
    }
    Ok(url.to_string())
}

/// A property key Glance accepts and that is not one of Glance's own fields.
pub fn check_property_key(key: &str, core_fields: &[&str]) -> Result<(), String> {
    if key.is_empty() {
        return Err("A key is required.".into());
    }
    if key.len() > 255 {
        return Err("A key is at most 255 characters.".into());
    }
    if key.contains(char::is_whitespace) || key.contains('/') {
        return Err(format!("\"{key}\": no spaces or slashes in a key."));
    }
    if core_fields.contains(&key) || key.starts_with("os_glance") {
        return Err(format!("\"{key}\" is one of Glance's own fields."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn container_format_follows_disk_format() {
        assert_eq!(container_format_for("qcow2"), "bare");
        assert_eq!(container_format_for("ami"), "ami");
        assert_eq!(container_format_for("ova"), "ova");
    }

    #[test]
    fn formats_from_file_names() {
        assert_eq!(format_from_file_name("cirros-0.6.2.qcow2"), Some("qcow2"));
        assert_eq!(format_from_file_name("disk.RAW"), Some("raw"));
        assert_eq!(format_from_file_name("ubuntu.img"), Some("qcow2"));
        assert_eq!(format_from_file_name("notes.txt"), None);
        assert_eq!(format_from_file_name("noext"), None);
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(size_label(None), "-");
        assert_eq!(size_label(Some(512)), "512 bytes");
        assert_eq!(size_label(Some(12 * 1024 * 1024 + 512 * 1024)), "12.5 MB");
        assert_eq!(size_label(Some(3 * 1024 * 1024 * 1024)), "3.0 GB");
        // An image under 1 MB in the launch wizard, as Horizon shows it (not "0 MB").
        assert_eq!(size_with_places(197_120, 2), "192.50 KB");
        assert_eq!(size_with_places(64 << 20, 2), "64.00 MB");
    }

    #[test]
    fn time_left_from_the_rate_so_far() {
        // 10 MB of 100 MB in 1 s: 9 s to go.
        assert_eq!(time_left(10, 100, 1000.0).as_deref(), Some("9 s"));
        assert_eq!(time_left(1, 100, 1000.0).as_deref(), Some("1 min 39 s"));
        assert_eq!(time_left(0, 100, 1000.0), None);
    }

    #[test]
    fn image_fields_are_checked_field_by_field() {
        let ok = check_image_fields(" cirros ", "qcow2", "1", "", "private", false).unwrap();
        assert_eq!(ok.name, "cirros");
        assert_eq!(ok.container_format, "bare");
        assert_eq!((ok.min_disk, ok.min_ram), (1, 0));
        assert_eq!(
            check_image_fields("", "qcow2", "", "", "private", false)
                .unwrap_err()
                .0,
            "name"
        );
        assert_eq!(
            check_image_fields("a", "exe", "", "", "private", false)
                .unwrap_err()
                .0,
            "disk_format"
        );
        assert_eq!(
            check_image_fields("a", "raw", "-1", "", "private", false)
                .unwrap_err()
                .0,
            "min_disk"
        );
        assert_eq!(
            check_image_fields("a", "raw", "", "lots", "private", false)
                .unwrap_err()
                .0,
            "min_ram"
        );
        // Public is an admin's choice.
        assert_eq!(
            check_image_fields("a", "raw", "", "", "public", false)
                .unwrap_err()
                .0,
            "visibility"
        );
        assert!(check_image_fields("a", "raw", "", "", "public", true).is_ok());
    }

    #[test]
    fn image_urls() {
        assert!(check_image_url("https://example.org/cirros.img").is_ok());
        assert!(check_image_url("ftp://example.org/x").is_err());
        assert!(check_image_url("http://").is_err());
        assert!(check_image_url("").is_err());
    }

    #[test]
    fn property_keys() {
        assert!(check_property_key("hw_disk_bus", &["name"]).is_ok());
        assert!(check_property_key("name", &["name"]).is_err());
        assert!(check_property_key("a b", &[]).is_err());
        assert!(check_property_key("os_glance_x", &[]).is_err());
    }
}
