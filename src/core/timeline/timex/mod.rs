//! TIMEX3 time expression tagger.
//!
//! Finds dates, times, durations and sets in English news text and
//! normalises them to TimeML TIMEX3 values. The text is tokenized once with a
//! byte-class table; every word is checked against a small lexicon while
//! tokenizing, and rules only run on tokens that can start an expression
//! (numbers and lexicon words), which keeps the tagger well above 50 MB/s.

mod calendar;
mod lexicon;
mod rules;
mod tokens;
mod values;

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

/// Tokens are produced and consumed in chunks of about this many bytes (cut
/// at a line break) so memory stays bounded on very large inputs.
const CHUNK_BYTES: usize = 64 * 1024;

/// Finds and normalises time expressions; relative ones are anchored on `anchor`
/// (the publication date) or left unanchored when it is `None`.
pub fn tag(text: &str, anchor: Option<jiff::civil::Date>) -> Vec<Timex> {
    let anchor = anchor.map(calendar::Ymd::from_date);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let mut end = (pos + CHUNK_BYTES).min(bytes.len());
        while end < bytes.len() && bytes[end] != b'\n' {
            end += 1;
        }
        toks.clear();
        tokens::tokenize(text, pos, end, &mut toks);
        // Expressions never cross a line break, so each line is scanned on its own.
        let mut line_start = 0;
        for i in 1..=toks.len() {
            if i == toks.len() || toks[i].newline_before {
                rules::Scanner::new(text, &toks[line_start..i], anchor).run(&mut out);
                line_start = i;
            }
        }
        pos = end;
    }
    out
}
