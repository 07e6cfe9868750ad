//! TIMEX3 time expression tagger.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// One time expression: byte range into the tagged text, type and normalised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
}

/// Finds and normalises time expressions; relative ones are anchored on `anchor`
/// (the publication date) or left unanchored when it is `None`.
pub fn tag(_text: &str, _anchor: Option<jiff::civil::Date>) -> Vec<Timex> {
    Vec::new()
}
