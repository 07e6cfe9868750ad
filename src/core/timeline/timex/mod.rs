//! TIMEX3 time expression tagger.
//!
//! Finds dates, times, durations and sets in English news text and
//! normalises them to TimeML TIMEX3 values. The text is tokenized once with a
//! byte-class table; every word is checked against a small lexicon while
//! tokenizing, and rules only run on tokens that can start an expression
//! (numbers and lexicon words), which keeps the tagger well above 50 MB/s.
//! Punctuation may be spaced or not ("March 01 , 2008" = "March 1, 2008").
//!
//! Conventions (TimeML, as in TempEval-3 data):
//! - Extents leave out prepositions and articles ("in \[2023\]", "on
//!   \[Tuesday\]", "the \[1990s\]") but keep modifiers that change the period
//!   ("[early 2023]", "[mid-2024]", "[the end of last year]", "[almost two
//!   years]") and "the" in "[the first quarter of 2024]", "[the past five
//!   years]".
//! - A bare four-digit number is a year only in 1900–2099 (earlier years
//!   need a preposition such as "in"), and not after labels ("page",
//!   "Route", "Windows"), money signs or other numbers (phone numbers), nor
//!   before measures or, without a determiner, before a plural noun ("2000
//!   troops"), nor in quotation marks (a value or a title: "1984").
//! - Without a year, a month or quarter resolves to the latest one up to the
//!   anchor unless a future cue ("will", "scheduled", "until") is near; a
//!   month-day to the nearest occurrence, but one more than 60 days ahead
//!   needs a future cue. Bare weekdays follow the same past/future rule.
//! - "that year", "the same year" and "March of that year" take the year
//!   of the latest date that named one, in this text or (through
//!   [`Discourse`]) an earlier block of it; with none, "that year" is not
//!   tagged.
//! - Without an anchor, relative values keep placeholders (`XXXX-XX-XX`,
//!   `XXXX-WXX`, `XXXX-WXX-2`, `XXXX-08`) and are never resolved against
//!   today's date.
//! - Decades are `199`, centuries `19`, vague amounts `PXY`/`PXDE`, and
//!   "now"/"recently"/"the future" the `PRESENT_REF`/`PAST_REF`/`FUTURE_REF`
//!   references.

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
    tag_in(text, anchor, &mut Discourse::default())
}

/// What earlier text has said that later expressions refer back to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Discourse {
    /// The year of the latest date that names its year: "that year" and
    /// "March of that year" mean it, not the publication year.
    pub(crate) last_year: Option<i32>,
}

/// [`tag`] for one block of a longer text: `discourse` carries what the
/// blocks before it said ("In 2022 …" then, a paragraph later, "that year").
pub fn tag_in(
    text: &str,
    anchor: Option<jiff::civil::Date>,
    discourse: &mut Discourse,
) -> Vec<Timex> {
    // One token buffer per thread, kept between calls: grown afresh for
    // each paragraph, it was a tenth of the tagger's time.
    thread_local! {
        static TOKENS: std::cell::RefCell<Vec<tokens::Tok>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    TOKENS.with_borrow_mut(|toks| tag_with(text, anchor, discourse, toks))
}

fn tag_with(
    text: &str,
    anchor: Option<jiff::civil::Date>,
    discourse: &mut Discourse,
    toks: &mut Vec<tokens::Tok>,
) -> Vec<Timex> {
    let anchor = anchor.map(calendar::Ymd::from_date);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        let mut end = (pos + CHUNK_BYTES).min(bytes.len());
        while end < bytes.len() && bytes[end] != b'\n' {
            end += 1;
        }
        toks.clear();
        tokens::tokenize(text, pos, end, toks);
        // Expressions never cross a line break, so each line is scanned on its own.
        let mut line_start = 0;
        for i in 1..=toks.len() {
            if i == toks.len() || toks[i].newline_before {
                rules::Scanner::new(text, &toks[line_start..i], anchor, discourse).run(&mut out);
                line_start = i;
            }
        }
        pos = end;
    }
    out
}
