use serde::{Deserialize, Serialize};

/// A message banner, worded as Horizon words them: the text starts with the level's label
/// (`Success: ...`), so automation written for Horizon keeps matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    Success,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Success => "Success",
            Level::Info => "Info",
            Level::Warning => "Warning",
            Level::Error => "Error",
        }
    }

    /// Bootstrap's class names, which Horizon's templates (and their tests) use.
    pub fn css_class(self) -> &'static str {
        match self {
            Level::Success => "alert-success",
            Level::Info => "alert-info",
            Level::Warning => "alert-warning",
            Level::Error => "alert-danger",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub level: Level,
    pub text: String,
}

impl Flash {
    pub fn success(text: impl Into<String>) -> Self {
        Flash {
            level: Level::Success,
            text: text.into(),
        }
    }
    pub fn info(text: impl Into<String>) -> Self {
        Flash {
            level: Level::Info,
            text: text.into(),
        }
    }
    pub fn warning(text: impl Into<String>) -> Self {
        Flash {
            level: Level::Warning,
            text: text.into(),
        }
    }
    pub fn error(text: impl Into<String>) -> Self {
        Flash {
            level: Level::Error,
            text: text.into(),
        }
    }
}
