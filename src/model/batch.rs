//! The outcome of an action on several items at once (a batch delete, say), and the page's
//! messages for it: Horizon's "Deleted Flavor: a, b" plus one error line per refusal.

use serde::{Deserialize, Serialize};

use super::Flash;
use crate::error::AppError;

/// The outcome of a batch action, worded for the page's messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchResult {
    pub done: Vec<String>,
    /// (name, the cloud's reason) for each one that failed.
    pub failed: Vec<(String, String)>,
}

/// The messages for a batch action: one success line naming what was done (`done`, e.g.
/// "Deleted Flavor"), one error line per item the cloud refused (`failed`, e.g. "Unable to
/// delete Flavor"), with the cloud's reason.
pub fn batch_flashes(
    result: Result<BatchResult, AppError>,
    done: &str,
    failed: &str,
) -> Vec<Flash> {
    match result {
        Ok(r) => {
            let mut out = vec![];
            if !r.done.is_empty() {
                out.push(Flash::success(format!("{done}: {}", r.done.join(", "))));
            }
            for (name, why) in r.failed {
                out.push(Flash::error(format!("{failed}: {name}: {why}")));
            }
            out
        }
        Err(e) => vec![Flash::error(e.to_string())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_for_what_was_done_and_one_per_refusal() {
        let r = BatchResult {
            done: vec!["a".into(), "b".into()],
            failed: vec![("c".into(), "in use".into())],
        };
        let out = batch_flashes(Ok(r), "Deleted Flavor", "Unable to delete Flavor");
        assert_eq!(
            out,
            vec![
                Flash::success("Deleted Flavor: a, b"),
                Flash::error("Unable to delete Flavor: c: in use")
            ]
        );
        let none = BatchResult {
            done: vec![],
            failed: vec![],
        };
        assert!(batch_flashes(Ok(none), "x", "y").is_empty());
    }
}
