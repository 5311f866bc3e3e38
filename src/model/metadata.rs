//! Key/value metadata as the Update Metadata dialogs edit it: a flavor's extra specs, an
//! image's properties. The form lists what the resource has, each value editable and
//! removable, plus a key to add; `MetadataForm::changes` works out what to send.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One key and value of a resource's metadata: a flavor's extra spec, an image's property.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraSpec {
    pub key: String,
    pub value: String,
}

/// The Update Metadata form as submitted: the specs it listed (their values as edited, and
/// whether to remove them) and a key to add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadataForm {
    #[serde(default)]
    pub specs: Vec<SpecField>,
    /// A key to add (the form's `id_key`), with its value (`id_value`); both empty: none.
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub value: String,
}

/// A listed spec: `id_value_<n>` in the form, `n` its position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecField {
    pub key: String,
    #[serde(default)]
    pub value: String,
    /// The `Remove` checkbox: present when ticked.
    #[serde(default)]
    pub remove: Option<String>,
}

/// What a checked form asks of Nova: keys to create or update, keys to delete.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataChanges {
    pub set: BTreeMap<String, String>,
    pub remove: Vec<String>,
}

impl MetadataChanges {
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.remove.is_empty()
    }
}

/// Nova's longest key and value.
pub const SPEC_MAX_LEN: usize = 255;

/// Nova's rule for extra spec keys (`^[a-zA-Z0-9-_:. ]{1,255}$`), checked before asking
/// Nova. A `/` could not be addressed in Nova's URLs either.
pub fn validate_spec_key(key: &str) -> Result<(), &'static str> {
    if key.is_empty() {
        return Err("This field is required.");
    }
    if key.chars().count() > SPEC_MAX_LEN {
        return Err("Ensure this value has at most 255 characters.");
    }
    if key.contains('/') {
        return Err("Keys may not contain a slash (/).");
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | ' '))
    {
        return Err(
            "Keys may only contain letters, numbers, spaces, hyphens, underscores, colons and periods.",
        );
    }
    Ok(())
}

/// A value to store: 1 to 255 characters.
pub fn validate_spec_value(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Err("This field is required.");
    }
    if value.chars().count() > SPEC_MAX_LEN {
        return Err("Ensure this value has at most 255 characters.");
    }
    Ok(())
}

impl MetadataForm {
    /// Checks the form and works out what to change, given the flavor's specs in Nova now.
    /// Only what changes is checked: a value left as it was is not sent. The first problem
    /// is returned with its field (`key`, `value`, `value_<n>`), and then nothing is changed.
    pub fn changes(
        &self,
        current: &BTreeMap<String, String>,
    ) -> Result<MetadataChanges, (String, String)> {
        let mut out = MetadataChanges::default();
        let mut kept: Vec<&str> = vec![];
        for (n, spec) in self.specs.iter().enumerate() {
            if spec.remove.is_some() {
                if current.contains_key(&spec.key) {
                    out.remove.push(spec.key.clone());
                }
                continue;
            }
            if kept.contains(&spec.key.as_str()) {
                return Err((format!("value_{n}"), "This key is listed twice.".into()));
            }
            kept.push(&spec.key);
            if current.get(&spec.key) == Some(&spec.value) {
                continue;
            }
            // A key Nova does not have yet (added in the dialog) is checked as a new one.
            if !current.contains_key(&spec.key) {
                validate_spec_key(&spec.key).map_err(|m| (format!("value_{n}"), m.into()))?;
            }
            validate_spec_value(&spec.value).map_err(|m| (format!("value_{n}"), m.into()))?;
            out.set.insert(spec.key.clone(), spec.value.clone());
        }
        let key = self.key.trim();
        if !key.is_empty() || !self.value.is_empty() {
            validate_spec_key(key).map_err(|m| ("key".to_string(), m.to_string()))?;
            if kept.contains(&key) {
                return Err((
                    "key".into(),
                    "This key is already listed: change its value there.".into(),
                ));
            }
            validate_spec_value(&self.value).map_err(|m| ("value".to_string(), m.to_string()))?;
            out.set.insert(key.to_string(), self.value.clone());
        }
        // A key removed and then added again stays.
        out.remove
            .retain(|k| !kept.contains(&k.as_str()) && !out.set.contains_key(k));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn current() -> BTreeMap<String, String> {
        [
            ("hw:cpu_policy", "dedicated"),
            ("quota:disk_read_iops_sec", "100"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn listed() -> MetadataForm {
        MetadataForm {
            specs: current()
                .into_iter()
                .map(|(key, value)| SpecField {
                    key,
                    value,
                    remove: None,
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn unchanged_form_changes_nothing() {
        assert!(listed().changes(&current()).unwrap().is_empty());
        assert!(MetadataForm::default()
            .changes(&BTreeMap::new())
            .unwrap()
            .is_empty());
    }

    #[test]
    fn add_change_and_remove() {
        let mut f = listed();
        f.specs[0].value = "shared".into();
        f.specs[1].remove = Some("on".into());
        f.key = "  trait:CUSTOM_GPU ".into();
        f.value = "required".into();
        let c = f.changes(&current()).unwrap();
        assert_eq!(
            c.set.into_iter().collect::<Vec<_>>(),
            vec![
                ("hw:cpu_policy".to_string(), "shared".to_string()),
                ("trait:CUSTOM_GPU".to_string(), "required".to_string()),
            ]
        );
        assert_eq!(c.remove, vec!["quota:disk_read_iops_sec".to_string()]);
    }

    #[test]
    fn keys_added_in_the_dialog_are_checked() {
        let mut f = listed();
        f.specs.push(SpecField {
            key: "new one".into(),
            value: "1".into(),
            remove: None,
        });
        assert_eq!(f.changes(&current()).unwrap().set.len(), 1);
        f.specs[2].key = "a/b".into();
        assert_eq!(f.changes(&current()).unwrap_err().0, "value_2");
        // Removed before it reached Nova: nothing to do.
        f.specs[2].remove = Some("on".into());
        assert!(f.changes(&current()).unwrap().is_empty());
    }

    #[test]
    fn removing_a_key_nova_no_longer_has_is_no_call() {
        let mut f = listed();
        f.specs[0].remove = Some("on".into());
        let mut now = current();
        now.remove("hw:cpu_policy");
        assert!(f.changes(&now).unwrap().is_empty());
    }

    #[test]
    fn re_adding_a_removed_key_sets_it() {
        let mut f = listed();
        f.specs[0].remove = Some("on".into());
        f.key = "hw:cpu_policy".into();
        f.value = "shared".into();
        let c = f.changes(&current()).unwrap();
        assert!(c.remove.is_empty());
        assert_eq!(c.set["hw:cpu_policy"], "shared");
    }

    #[test]
    fn a_removed_key_listed_again_stays() {
        let mut f = listed();
        f.specs[0].remove = Some("on".into());
        f.specs.push(SpecField {
            key: "hw:cpu_policy".into(),
            value: "dedicated".into(),
            remove: None,
        });
        assert!(f.changes(&current()).unwrap().is_empty());
    }

    #[test]
    fn key_rules() {
        assert!(validate_spec_key("hw:cpu_policy").is_ok());
        assert!(validate_spec_key("a-b_c.d e").is_ok());
        assert!(validate_spec_key(&"k".repeat(255)).is_ok());
        assert_eq!(validate_spec_key(""), Err("This field is required."));
        assert_eq!(
            validate_spec_key(&"k".repeat(256)),
            Err("Ensure this value has at most 255 characters.")
        );
        assert_eq!(
            validate_spec_key("bad/key"),
            Err("Keys may not contain a slash (/).")
        );
        assert!(validate_spec_key("a@b").is_err());
        assert!(validate_spec_key("clé").is_err());
    }

    #[test]
    fn value_rules() {
        assert!(validate_spec_value("x").is_ok());
        assert!(validate_spec_value(&"é".repeat(255)).is_ok());
        assert!(validate_spec_value("").is_err());
        assert!(validate_spec_value(&"v".repeat(256)).is_err());
    }

    #[test]
    fn field_errors_name_the_field() {
        let mut f = listed();
        f.key = "bad/key".into();
        f.value = "x".into();
        assert_eq!(
            f.changes(&current()).unwrap_err(),
            ("key".into(), "Keys may not contain a slash (/).".into())
        );
        f.key = "fine".into();
        f.value = "v".repeat(256);
        assert_eq!(f.changes(&current()).unwrap_err().0, "value");
        // A value without a key.
        f.key = " ".into();
        f.value = "x".into();
        assert_eq!(f.changes(&current()).unwrap_err().0, "key");
        // A key without a value.
        f.key = "k".into();
        f.value = "".into();
        assert_eq!(f.changes(&current()).unwrap_err().0, "value");
        // A key that is already listed.
        f.key = "hw:cpu_policy".into();
        f.value = "x".into();
        assert_eq!(f.changes(&current()).unwrap_err().0, "key");
        // A listed value made too long, or emptied.
        let mut f = listed();
        f.specs[1].value = "v".repeat(256);
        assert_eq!(f.changes(&current()).unwrap_err().0, "value_1");
        f.specs[1].value = String::new();
        assert_eq!(f.changes(&current()).unwrap_err().0, "value_1");
    }
}
