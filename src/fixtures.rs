//! For unit tests: the JSON responses recorded from the test cloud
//! (`end2end/testcloud/record-fixtures`), read by the call's name.

use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The text of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use serde::Deserialize;

    use super::{fixture, fixtures_dir};

    /// The recorded files: everything in `tests/fixtures` but its README and index.
    fn recorded_files() -> BTreeSet<String> {
        std::fs::read_dir(fixtures_dir())
            .expect("tests/fixtures")
            .map(|e| {
                e.expect("a directory entry")
                    .file_name()
                    .into_string()
                    .unwrap()
            })
            .filter(|name| name != "README.md" && name != "index.json")
            .collect()
    }

    /// Every name passed as a string literal to `fixture(...)` in `source`, comment lines
    /// left out.
    fn names_read_in(source: &str) -> Vec<String> {
        let code: Vec<&str> = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect();
        let code = code.join("\n");
        let mut names = vec![];
        let mut rest = code.as_str();
        while let Some(at) = rest.find("fixture(") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "fixture(".len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            if let Some(literal) = rest.trim_start().strip_prefix('"') {
                if let Some(end) = literal.find('"') {
                    names.push(literal[..end].to_string());
                }
            }
        }
        names
    }

    /// The fixtures read anywhere in `src/` (the text of every `.rs` file under it).
    fn names_read_in_src() -> BTreeSet<String> {
        fn walk(dir: &Path, names: &mut BTreeSet<String>) {
            for entry in std::fs::read_dir(dir).expect("a source directory") {
                let path = entry.expect("a directory entry").path();
                if path.is_dir() {
                    walk(&path, names);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).expect("a source file");
                    names.extend(names_read_in(&source));
                }
            }
        }
        let mut names = BTreeSet::new();
        walk(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut names,
        );
        names
    }

    #[derive(Deserialize)]
    struct IndexEntry {
        file: String,
        #[serde(default)]
        microversion: Option<String>,
    }

    fn index() -> BTreeMap<String, IndexEntry> {
        serde_json::from_str(&fixture("index.json")).expect("index.json")
    }

    #[test]
    fn fixture_calls_are_found_in_source_text() {
        let source = "let a = fixture(\"a.json\");\n\
                      // fixture(\"commented.json\")\n\
                      let b = f(&fixture(\n    \"b.txt\",\n)); let c = my_fixture(\"c.json\");\n\
                      let d = (fixture(\"d.json\"), fixture(\"e.json\"));";
        assert_eq!(
            names_read_in(source),
            ["a.json", "b.txt", "d.json", "e.json"]
        );
    }

    /// A recording no test reads checks nothing: each answer must be read by a test of the
    /// code that parses it. (A `.meta` goes with its `.txt`.)
    #[test]
    fn every_fixture_is_read_by_a_unit_test() {
        let read = names_read_in_src();
        let unread: Vec<String> = recorded_files()
            .into_iter()
            .filter(|f| {
                let read_as = match f.strip_suffix(".meta") {
                    Some(stem) => format!("{stem}.txt"),
                    None => f.clone(),
                };
                !read.contains(&read_as)
            })
            .collect();
        assert!(
            unread.is_empty(),
            "fixtures no `fixture(\"...\")` in src/ reads: {unread:?}"
        );
    }

    /// Every file was written by the recorder (so the index says how it was asked for), and
    /// every call in the index left its file.
    #[test]
    fn every_fixture_is_in_the_index() {
        let index = index();
        let indexed: BTreeSet<&str> = index.values().map(|e| e.file.as_str()).collect();
        let files = recorded_files();
        let missing: Vec<&String> = files
            .iter()
            .filter(|f| match f.strip_suffix(".meta") {
                Some(stem) => !indexed.contains(format!("{stem}.txt").as_str()),
                None => !indexed.contains(f.as_str()),
            })
            .collect();
        assert!(missing.is_empty(), "no index.json entry for {missing:?}");
        let gone: Vec<&&str> = indexed.iter().filter(|f| !files.contains(**f)).collect();
        assert!(gone.is_empty(), "index.json names missing files {gone:?}");
        for (name, entry) in &index {
            assert!(
                entry.file.starts_with(&format!("{name}.")),
                "{name} is recorded in {}",
                entry.file
            );
        }
    }

    /// Nova's and Cinder's answers depend on the microversion asked for: the recordings
    /// must be what Meridian, asking at its own, gets. The other services have none.
    #[cfg(feature = "ssr")]
    #[test]
    fn nova_and_cinder_were_recorded_at_meridians_microversions() {
        use crate::openstack::client::{COMPUTE_MICROVERSION, VOLUME_MICROVERSION};
        let compute = format!("compute {COMPUTE_MICROVERSION}");
        let volume = format!("volume {VOLUME_MICROVERSION}");
        let wrong: Vec<String> = index()
            .into_iter()
            .filter_map(|(name, entry)| {
                let expected = if name.starts_with("nova_") {
                    Some(compute.as_str())
                } else if name.starts_with("cinder_") {
                    Some(volume.as_str())
                } else {
                    None
                };
                (entry.microversion.as_deref() != expected)
                    .then(|| format!("{name}: {:?}, not {expected:?}", entry.microversion))
            })
            .collect();
        assert!(
            wrong.is_empty(),
            "recorded at other microversions: {wrong:#?}"
        );
    }
}
