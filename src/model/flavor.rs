use serde::{Deserialize, Serialize};

use crate::model::ProjectRef;

// The metadata editor's types, shared with images; flavors were their first user.
pub use super::metadata::{
    validate_spec_key, validate_spec_value, ExtraSpec, MetadataChanges, MetadataForm, SpecField,
};

/// A row of Admin › Flavors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorRow {
    pub id: String,
    pub name: String,
    pub vcpus: i64,
    pub ram_mb: i64,
    pub disk_gb: i64,
    pub ephemeral_gb: i64,
    pub swap_mb: i64,
    pub rxtx_factor: f64,
    pub is_public: bool,
}

/// The flavors and the projects a private flavor can be given to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorsPage {
    pub flavors: Vec<FlavorRow>,
    pub projects: Vec<ProjectRef>,
}

/// The Create Flavor form as typed (numbers still text), so it can be checked field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlavorForm {
    pub name: String,
    pub flavor_id: String,
    pub vcpus: String,
    pub memory_mb: String,
    pub disk_gb: String,
    pub eph_gb: String,
    pub swap_mb: String,
    pub rxtx_factor: String,
    pub is_public: Option<String>,
    /// Comma-separated project ids that get access to a private flavor.
    pub projects: String,
}

/// A checked form: numbers parsed, with the first field in error (id, message) otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidFlavor {
    pub name: String,
    pub id: Option<String>,
    pub vcpus: i64,
    pub ram_mb: i64,
    pub disk_gb: i64,
    pub ephemeral_gb: i64,
    pub swap_mb: i64,
    pub rxtx_factor: f64,
    pub is_public: bool,
    pub projects: Vec<String>,
}

impl FlavorForm {
    pub fn validate(&self) -> Result<ValidFlavor, (&'static str, String)> {
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
        let id = self.flavor_id.trim();
        let id = (!id.is_empty() && id != "auto").then(|| id.to_string());
        if let Some(id) = &id {
            if !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            {
                return Err((
                    "flavor_id",
                    "Flavor ID may only contain letters, numbers, underscores, periods and hyphens.".into(),
                ));
            }
        }
        let int = |field: &'static str, text: &str, min: i64, default: Option<i64>| {
            let text = text.trim();
            if text.is_empty() {
                return default.ok_or((field, "This field is required.".to_string()));
            }
            match text.parse::<i64>() {
                Ok(n) if n >= min => Ok(n),
                Ok(_) => Err((
                    field,
                    format!("Ensure this value is greater than or equal to {min}."),
                )),
                Err(_) => Err((field, "Enter a whole number.".to_string())),
            }
        };
        let rxtx = match self.rxtx_factor.trim() {
            "" => 1.0,
            t => match t.parse::<f64>() {
                Ok(f) if f > 0.0 => f,
                _ => return Err(("rxtx_factor", "Enter a number greater than 0.".into())),
            },
        };
        let is_public = self.is_public.is_some();
        let projects: Vec<String> = self
            .projects
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        Ok(ValidFlavor {
            name: name.to_string(),
            id,
            vcpus: int("vcpus", &self.vcpus, 1, None)?,
            ram_mb: int("memory_mb", &self.memory_mb, 1, None)?,
            disk_gb: int("disk_gb", &self.disk_gb, 0, None)?,
            ephemeral_gb: int("eph_gb", &self.eph_gb, 0, Some(0))?,
            swap_mb: int("swap_mb", &self.swap_mb, 0, Some(0))?,
            rxtx_factor: rxtx,
            // A flavor given to projects is private by definition.
            is_public: is_public && projects.is_empty(),
            projects,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FlavorForm {
        FlavorForm {
            name: "m1.test".into(),
            flavor_id: "auto".into(),
            vcpus: "2".into(),
            memory_mb: "1024".into(),
            disk_gb: "10".into(),
            swap_mb: "512".into(),
            is_public: Some("on".into()),
            ..Default::default()
        }
    }

    #[test]
    fn valid_form() {
        let v = form().validate().unwrap();
        assert_eq!(
            (v.vcpus, v.ram_mb, v.disk_gb, v.ephemeral_gb, v.swap_mb),
            (2, 1024, 10, 0, 512)
        );
        assert_eq!(v.id, None);
        assert!(v.is_public);
        assert_eq!(v.rxtx_factor, 1.0);
    }

    #[test]
    fn field_errors() {
        let mut f = form();
        f.name = " ".into();
        assert_eq!(f.validate().unwrap_err().0, "name");
        let mut f = form();
        f.vcpus = "0".into();
        assert_eq!(f.validate().unwrap_err().0, "vcpus");
        let mut f = form();
        f.memory_mb = "lots".into();
        assert_eq!(f.validate().unwrap_err().0, "memory_mb");
        let mut f = form();
        f.swap_mb = "-1".into();
        assert_eq!(f.validate().unwrap_err().0, "swap_mb");
        let mut f = form();
        f.flavor_id = "a b".into();
        assert_eq!(f.validate().unwrap_err().0, "flavor_id");
    }

    #[test]
    fn projects_make_it_private() {
        let mut f = form();
        f.projects = "p1, p2".into();
        let v = f.validate().unwrap();
        assert!(!v.is_public);
        assert_eq!(v.projects, vec!["p1", "p2"]);
    }
}
