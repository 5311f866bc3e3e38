//! The panel hook: what every panel page owns besides its table — its messages, the version its
//! list resource is keyed on, its one open dialog, its pending confirmation, the table's
//! selection and live refresh. A panel declares what its actions mean; this does the rest
//! (close the dialog, say what happened, refresh the list), as Horizon's tables do.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::error::AppError;
use crate::model::batch::{batch_flashes, BatchResult};
use crate::model::Flash;

/// How often a list with something in transition asks for itself again.
const LIVE_REFRESH_MS: u64 = 2000;
/// Refreshes after an action even when no row looks busy (10 s at the pace above): some
/// changes show no task state while the cloud works on them.
const AFTER_ACTION_REFRESHES: u8 = 5;

/// An action's wording, singular and plural, as Horizon's `action_present` / `action_past`:
/// "Delete Instance" / "Delete Instances", "Deleted Instance" / "Deleted Instances".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    pub one: &'static str,
    pub many: &'static str,
    pub done_one: &'static str,
    pub done_many: &'static str,
    /// The error line's lead for one refused item: "Unable to delete Instance".
    pub failed: &'static str,
}

impl Wording {
    /// The action's name for `count` items (the button, the dialog's title).
    pub fn present(&self, count: usize) -> &'static str {
        if count == 1 {
            self.one
        } else {
            self.many
        }
    }

    /// What was done, for `count` items (the success message's lead).
    pub fn past(&self, count: usize) -> &'static str {
        if count == 1 {
            self.done_one
        } else {
            self.done_many
        }
    }

    /// The messages for a batch result in this wording.
    pub fn flashes(&self, result: Result<BatchResult, AppError>) -> Vec<Flash> {
        let done = result.as_ref().map_or(0, |r| r.done.len());
        batch_flashes(result, self.past(done), self.failed)
    }
}

/// A question before a destructive action: "Confirm Delete Instance", what is selected, and
/// the action to run when the user agrees.
#[derive(Clone)]
pub struct Confirm {
    /// The action's words: the dialog's title is "Confirm <action>", its button "<action>".
    pub action: String,
    /// The names of what the action touches ("You have selected: a, b.").
    pub names: Vec<String>,
    pub on_confirm: Callback<()>,
}

/// One panel's state. `D` is the panel's own enum of dialogs (Create, Edit(row), ...): one
/// dialog is open at a time, and it lives here, not in a row, so a refresh of the table
/// never closes it.
pub struct Panel<D: Send + Sync + 'static> {
    pub messages: RwSignal<Vec<Flash>>,
    /// Bumped after every change: the panel's list resource is keyed on it.
    pub version: RwSignal<u32>,
    pub dialog: RwSignal<Option<D>>,
    pub confirm: RwSignal<Option<Confirm>>,
    /// The table's selected rows: (id, name).
    pub selected: RwSignal<Vec<(String, String)>>,
    after_action: RwSignal<u8>,
}

impl<D: Send + Sync + 'static> Clone for Panel<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: Send + Sync + 'static> Copy for Panel<D> {}

impl<D: Send + Sync + 'static> Default for Panel<D> {
    fn default() -> Self {
        Self::new()
    }
}

impl<D: Send + Sync + 'static> Panel<D> {
    pub fn new() -> Self {
        Panel {
            messages: RwSignal::new(vec![]),
            version: RwSignal::new(0),
            dialog: RwSignal::new(None),
            confirm: RwSignal::new(None),
            selected: RwSignal::new(vec![]),
            after_action: RwSignal::new(0),
        }
    }

    /// Asks for the list again.
    pub fn refresh(self) {
        self.version.update(|n| *n += 1);
    }

    pub fn say(self, messages: Vec<Flash>) {
        self.messages.set(messages);
    }

    pub fn open(self, dialog: D) {
        self.dialog.set(Some(dialog));
    }

    pub fn close(self) {
        self.dialog.set(None);
    }

    /// A callback that closes the open dialog (for its × and Cancel).
    pub fn closer(self) -> Callback<()> {
        Callback::new(move |_| self.close())
    }

    /// Asks "Confirm <action>" about `names`, then runs `on_confirm`.
    pub fn ask(
        self,
        action: impl Into<String>,
        names: Vec<String>,
        on_confirm: impl Fn() + Send + Sync + 'static,
    ) {
        self.confirm.set(Some(Confirm {
            action: action.into(),
            names,
            on_confirm: Callback::new(move |_| on_confirm()),
        }));
    }

    /// Asks to run a batch action on the selected rows, worded for how many they are;
    /// `run` gets the selection as (id, name).
    pub fn ask_selected(
        self,
        wording: Wording,
        run: impl Fn(Vec<(String, String)>) + Send + Sync + 'static,
    ) {
        let items = self.selected.get_untracked();
        if items.is_empty() {
            return;
        }
        let names = items.iter().map(|(_, n)| n.clone()).collect();
        self.ask(wording.present(items.len()), names, move || {
            run(items.clone())
        });
    }

    /// After each run of a batch action: its messages in `wording`, the selection cleared,
    /// the list refreshed.
    pub fn on_batch<S>(self, action: ServerAction<S>, wording: Wording)
    where
        S: ServerFn<Output = BatchResult, Error = AppError> + Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if let Some(result) = action.value().get() {
                self.say(wording.flashes(result));
                self.selected.set(vec![]);
                self.after_change();
            }
        });
    }

    /// After a form's success: the dialog closes, `message` says what was done, the list is
    /// refreshed. A failure stays in the open form, next to its field or in its banner.
    pub fn on_done<S>(
        self,
        action: ServerAction<S>,
        message: impl Fn(&S::Output) -> Flash + Send + Sync + 'static,
    ) where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if let Some(Ok(out)) = action.value().get() {
                self.say(vec![message(&out)]);
                self.close();
                self.after_change();
            }
        });
    }

    /// After each run of an action with no form (a row's Start, say): success or the cloud's
    /// refusal as the message, and the list refreshed either way.
    pub fn on_result<S>(
        self,
        action: ServerAction<S>,
        message: impl Fn(&S::Output) -> Flash + Send + Sync + 'static,
    ) where
        S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
        S::Output: Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            if let Some(result) = action.value().get() {
                self.say(vec![match &result {
                    Ok(out) => message(out),
                    Err(e) => Flash::error(e.to_string()),
                }]);
                self.after_change();
            }
        });
    }

    /// After a change the panel made: the list now, and a few more times (some changes show
    /// no task state while the cloud works on them).
    pub fn after_change(self) {
        self.after_action.set(AFTER_ACTION_REFRESHES);
        self.refresh();
    }

    /// Refreshes the list every two seconds while `busy` says something in its last answer
    /// is changing, and a few times after each action; it stops by itself once all has
    /// settled. One request for the whole list each time, never one per row.
    pub fn live<T>(
        self,
        list: Resource<Result<T, AppError>>,
        busy: impl Fn(&T) -> bool + Send + Sync + 'static,
    ) where
        T: Clone + Send + Sync + 'static,
    {
        Effect::new(move |_| {
            let changing = list.get().and_then(|r| r.ok()).is_some_and(|t| busy(&t));
            let extra = self.after_action.get_untracked() > 0;
            if extra {
                self.after_action.update_untracked(|n| *n -= 1);
            }
            if changing || extra {
                set_timeout(
                    move || self.refresh(),
                    std::time::Duration::from_millis(LIVE_REFRESH_MS),
                );
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELETE: Wording = Wording {
        one: "Delete Instance",
        many: "Delete Instances",
        done_one: "Deleted Instance",
        done_many: "Deleted Instances",
        failed: "Unable to delete Instance",
    };

    #[test]
    fn one_item_is_worded_in_the_singular() {
        assert_eq!(DELETE.present(1), "Delete Instance");
        assert_eq!(DELETE.present(2), "Delete Instances");
        assert_eq!(DELETE.present(0), "Delete Instances");
        let one = BatchResult {
            done: vec!["a".into()],
            failed: vec![],
        };
        assert_eq!(
            DELETE.flashes(Ok(one)),
            vec![Flash::success("Deleted Instance: a")]
        );
        let two = BatchResult {
            done: vec!["a".into(), "b".into()],
            failed: vec![("c".into(), "locked".into())],
        };
        assert_eq!(
            DELETE.flashes(Ok(two)),
            vec![
                Flash::success("Deleted Instances: a, b"),
                Flash::error("Unable to delete Instance: c: locked")
            ]
        );
    }
}
