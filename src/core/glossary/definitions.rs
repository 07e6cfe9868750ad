//! Terms an article explains itself: "I feel compelled to explain “X” … This
//! refers to …", "X refers to …", "X means …", "X is a … that …", "so-called X",
//! "what is called X", "X, known as Y" and "…, a practice known as Y".
//!
//! Precision matters more than recall: a false entry clutters every later
//! mention of a common word, so each pattern insists on a nameable term and
//! rejects pronoun subjects, proper names used as subjects, speech and questions.

use crate::core::text::{CaseVariants, sentences, without_closing_citations};
use aho_corasick::{AhoCorasick, MatchKind};
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

/// A definition found in one block's text. Ranges are byte offsets into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDefinition {
    pub term: String,
    /// The explanation, as a sentence of its own.
    pub definition: String,
    pub aliases: Vec<String>,
    /// Where the term is named in the text.
    pub term_at: Range<usize>,
    /// How directly the text defines it.
    pub strength: Strength,
}

/// Longer "definitions" are narrative sentences, not glosses.
const MAX_DEFINITION_WORDS: usize = 60;
const MAX_TERM_WORDS: usize = 6;

/// A paragraph without any of these cannot hold a definition (ASCII, any
/// case). Each cue names the patterns that need it: every cue of those
/// patterns contains it, so a sentence without it is spared their search.
const CUES: &[(&str, u8)] = &[
    ("refer", SINGULAR),
    ("mean", SINGULAR),
    ("known as", NAMING | ALIAS),
    ("called", NAMING | ALIAS),
    ("dubbed", ALIAS),
    (" is a", SINGULAR),
    (" is the", SINGULAR),
    ("explain", 0),
    ("define", SINGULAR),
    ("term", NAMING),
    ("phrase", 0),
    ("word", 0),
    ("expression", 0),
    ("describes", SINGULAR),
    ("shorthand", SINGULAR),
    (" are ", PLURAL),
];
/// "X refers to / means / is a …" (the singular verbs).
const SINGULAR: u8 = 1;
/// "Xs are Ys that …".
const PLURAL: u8 = 2;
/// "so-called X", "what is known as X" ([`NAMING_CUES`]).
const NAMING: u8 = 4;
/// "X, known as Y" ([`ALIAS_CUES`]).
const ALIAS: u8 = 8;

/// Words that say the writer is about to explain a quoted term.
const EXPLAIN_CUES: &[&str] = &[
    "explain",
    "define",
    "the term",
    "the phrase",
    "the word ",
    "the expression",
    "a word on",
    "a note on",
    "coined",
];

/// Openings of a sentence that explains the term named just before.
const FOLLOW_UPS: &[&str] = &[
    "this refers to ",
    "it refers to ",
    "the term refers to ",
    "the phrase refers to ",
    "the expression refers to ",
    "the name refers to ",
    "this term refers to ",
    "this is a reference to ",
    "this means ",
    "it means ",
    "this describes ",
    "it describes ",
    "that is, ",
    "in other words, ",
];
/// The follow-ups trusted after a quoted title-case phrase with no explain cue.
const WEAK_FOLLOW_UPS: usize = 8;

/// Cues naming a term outright; the sentence is its context.
const NAMING_CUES: &[&str] = &[
    "so-called ",
    "what is called ",
    "what are called ",
    "what is known as ",
    "what are known as ",
    "what is termed ",
    "what’s called ",
    "what's called ",
    "what’s known as ",
    "what's known as ",
];

/// Cues giving another name: "X, known as Y", "a practice known as Y".
const ALIAS_CUES: &[&str] = &[
    " known as ",
    " dubbed ",
    ", called ",
    " also called ",
    " often called ",
    " sometimes called ",
    " commonly called ",
    " is called ",
    " are called ",
];

/// Function words: never the first word of a term, and the end of a named phrase.
const STOP: &[&str] = &[
    "of", "that", "which", "who", "whom", "whose", "to", "in", "on", "at", "into", "for", "from",
    "and", "or", "but", "nor", "is", "are", "was", "were", "be", "been", "being", "has", "have",
    "had", "will", "would", "can", "could", "may", "might", "should", "must", "shall", "do",
    "does", "did", "by", "with", "as", "than", "then", "if", "because", "while", "when", "where",
    "a", "an", "up", "out", "off", "upon", "over", "under", "after", "before", "about", "not",
    "no", "so", "also", "such", "since", "across", "through", "between", "against", "without",
    "within", "amid", "via", "here", "there", "more", "less", "once", "twice", "again", "only",
    "just", "very", "too",
];

/// Subjects that point back at something instead of naming a term.
const PRONOUNS: &[&str] = &[
    "this",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "which",
    "what",
    "who",
    "there",
    "these",
    "those",
    "here",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "one",
    "such",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "both",
    "another",
    "other",
    "none",
    "any",
    "no",
    "everything",
    "nothing",
    "something",
    "anything",
    "someone",
    "everyone",
    "it’s",
    "it's",
    "that’s",
    "that's",
];

/// Endings of common nouns, which let a capitalised one-word sentence subject
/// ("Gastrodiplomacy refers to …") through while names ("Japan is a …") are not.
const NOUN_SUFFIXES: &[&str] = &[
    "acy", "ncy", "ism", "tion", "sion", "ment", "ity", "ness", "ship", "ence", "ance", "logy",
    "ics", "ing", "hood", "dom", "age", "ure",
];

/// Words that single out the thing at hand after "the" ("the new plan",
/// "the last round"), where a compound names a kind ("the shadow fleet").
const QUALIFIERS: &[&str] = &[
    "new", "old", "latest", "current", "first", "second", "third", "last", "next", "final", "main",
    "whole", "same", "other", "only", "previous", "proposed", "original", "real", "key", "big",
    "biggest", "largest", "recent", "present", "former", "entire", "initial", "official", "actual",
    "full", "one", "two", "three",
];

const QUOTES: &[char] = &['“', '”', '"', '‘', '’', '\''];
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', '”', '"', '’', '\'', '…', '—',
];

pub fn find(text: &str) -> Vec<FoundDefinition> {
    // Every cue in the text, found in one pass: (start, end, the patterns
    // it allows), in order of end.
    let cues: Vec<(usize, usize, u8)> = cue_matcher()
        .find_all(text)
        .into_iter()
        .map(|(cue, range)| (range.start, range.end, CUES[cue].1))
        .collect();
    // Without a cue only a quoted coinage with its gloss can define.
    if cues.is_empty() && !text.contains(['“', '"']) {
        return Vec::new();
    }
    let mut next_cue = 0;
    let mut found = Found::default();
    // A term named in the previous sentence that the next one may explain.
    let mut pending: Option<Pending> = None;
    for range in sentences(text) {
        let sentence = &text[range.clone()];
        // Every pattern below needs a cue word in the sentence, a quoted
        // phrase, or a term named by the previous sentence; most sentences
        // have none, and skipping them spares the lowering and the cascade.
        while cues
            .get(next_cue)
            .is_some_and(|&(_, end, _)| end <= range.start)
        {
            next_cue += 1;
        }
        let mut has_cue = false;
        let mut patterns = 0;
        for &(start, end, groups) in &cues[next_cue..] {
            if end > range.end {
                break;
            }
            if start >= range.start {
                has_cue = true;
                patterns |= groups;
            }
        }
        // Two searches for one character each are vectorised; one for
        // either character went a character at a time.
        if pending.is_none() && !has_cue && !sentence.contains('"') && !sentence.contains('“') {
            continue;
        }
        let base = range.start;
        // ASCII lowering keeps byte offsets valid in `sentence`.
        let lower = sentence.to_ascii_lowercase();
        let previous = pending.take();
        if is_question(sentence) {
            continue;
        }
        let body = body_start(&lower);

        if let Some(p) = previous
            && let Some(explanation) = follow_up(sentence, &lower, p.strong)
            && let Some(definition) = clean_definition(explanation)
        {
            let aliases = aliases_in(sentence, &lower, &p.term);
            found.put(p.term, definition, aliases, p.at, Strength::Explained);
            continue;
        }

        if let Some((term, at, definition, aliases)) =
            subject_definition(sentence, &lower, body, patterns)
        {
            found.put(
                term,
                definition,
                aliases,
                shift(at, base),
                Strength::Defined,
            );
            continue;
        }

        if let Some((term, at)) = (patterns & NAMING != 0)
            .then(|| named_term(sentence, &lower))
            .flatten()
        {
            if let Some(definition) = clean_definition(sentence) {
                let aliases = aliases_in(sentence, &lower, &term);
                // "the so-called shadow fleet, the elderly tankers that …":
                // an appositive after the name defines it.
                let appositive = [", the ", ", a ", ", an "]
                    .iter()
                    .any(|a| lower[at.end..].starts_with(a));
                let strength = if appositive {
                    Strength::Defined
                } else {
                    Strength::Described
                };
                found.put(
                    term.clone(),
                    definition,
                    aliases,
                    shift(at.clone(), base),
                    strength,
                );
            }
            pending = Some(Pending {
                term,
                at: shift(at, base),
                strong: true,
            });
            continue;
        }

        if let Some((term, at, definition, aliases)) = (patterns & ALIAS != 0)
            .then(|| known_as(sentence, &lower, body))
            .flatten()
        {
            found.put(
                term,
                definition,
                aliases,
                shift(at, base),
                Strength::Described,
            );
            continue;
        }

        if let Some((at, definition)) = quoted_gloss(sentence) {
            let term = sentence[at.clone()].to_owned();
            found.put(
                term,
                definition,
                Vec::new(),
                shift(at, base),
                Strength::Defined,
            );
            continue;
        }

        if let Some(at) = quoted_phrase(sentence) {
            let term = sentence[at.clone()].to_owned();
            let strong = body > 0 || EXPLAIN_CUES.iter().any(|c| lower.contains(c));
            let title_case = term
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if strong || title_case {
                pending = Some(Pending {
                    term,
                    at: shift(at, base),
                    strong,
                });
            }
        }
    }
    found.entries
}

struct Pending {
    term: String,
    at: Range<usize>,
    /// Explicitly introduced ("explain", "Note:"), so any follow-up counts.
    strong: bool,
}

/// How directly a sentence defines its term, so that a later, plainer
/// definition can replace an earlier description.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A sentence that names the term or describes one case of it: "the
    /// so-called shadow fleet grew", "Lima courts its neighbours with
    /// ceviche, a practice known as gastrodiplomacy".
    Described,
    /// "X refers to …", "X is a … that …", "X means …".
    Defined,
    /// The sentence after an explicit introduction ("I feel compelled to
    /// explain X. This refers to …"): what the writer meant as the definition.
    Explained,
}

#[derive(Default)]
struct Found {
    entries: Vec<FoundDefinition>,
}

impl Found {
    /// Adds a definition; a term already found keeps its first one unless
    /// this one is stronger, or an explanation (which always wins: it
    /// follows the naming it explains).
    fn put(
        &mut self,
        term: String,
        definition: String,
        aliases: Vec<String>,
        at: Range<usize>,
        strength: Strength,
    ) {
        if let Some(existing) = self
            .entries
            .iter_mut()
            .find(|e| e.term.eq_ignore_ascii_case(&term))
        {
            if strength > existing.strength || strength == Strength::Explained {
                existing.definition = definition;
                existing.term_at = at;
                existing.strength = strength;
            }
            for alias in aliases {
                if !existing
                    .aliases
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(&alias))
                {
                    existing.aliases.push(alias);
                }
            }
            return;
        }
        self.entries.push(FoundDefinition {
            term,
            definition,
            aliases,
            term_at: at,
            strength,
        });
    }
}

static NAMING_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(NAMING_CUES));
static ALIAS_SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| searcher(ALIAS_CUES));

fn searcher(cues: &[&str]) -> AhoCorasick {
    AhoCorasick::new(cues).expect("cues are plain strings")
}

/// The cues as prose writes them: a sentence that spells one in a mix of
/// cases ("Known As") is not looked at.
fn cue_matcher() -> &'static CaseVariants {
    static CUE_MATCHER: OnceLock<CaseVariants> = OnceLock::new();
    CUE_MATCHER.get_or_init(|| {
        let cues: Vec<&str> = CUES.iter().map(|(cue, _)| *cue).collect();
        CaseVariants::new(&cues)
    })
}

#[cfg(test)]
fn has_cue(text: &str) -> bool {
    cue_matcher().any(text, |_, _| true)
}

fn shift(range: Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

fn is_question(sentence: &str) -> bool {
    sentence.trim_end_matches(QUOTES).trim_end().ends_with('?')
}

/// Skips an editorial label ("Note: ") at the start of a sentence.
fn body_start(lower: &str) -> usize {
    for label in ["note: ", "nb: ", "editor’s note: ", "editor's note: "] {
        if lower.starts_with(label) {
            return label.len();
        }
    }
    0
}

/// The explanation in a sentence that follows a named term: "This refers to …".
fn follow_up<'a>(sentence: &'a str, lower: &str, strong: bool) -> Option<&'a str> {
    let openings = if strong {
        FOLLOW_UPS
    } else {
        &FOLLOW_UPS[..WEAK_FOLLOW_UPS]
    };
    let opening = openings.iter().find(|o| lower.starts_with(*o))?;
    Some(&sentence[opening.len()..])
}

/// A clean explanation: capitalised, ends like a sentence, short enough to be a gloss.
fn clean_definition(text: &str) -> Option<String> {
    let text = without_closing_citations(text.trim());
    let text = text.trim_end_matches([',', ';', ':']).trim_end();
    let words = text.split_whitespace().count();
    if !(2..=MAX_DEFINITION_WORDS).contains(&words) {
        return None;
    }
    // "… is a compilation target that:" and a list: the sentence goes on
    // past what was read, so this is no definition by itself.
    let last = text.rsplit(' ').next().unwrap_or("");
    if [
        "that", "which", "who", "where", "whereby", "of", "to", "the", "a", "an", "and", "or",
    ]
    .contains(&last)
    {
        return None;
    }
    let mut out = capitalise(text);
    if !out.trim_end_matches(QUOTES).ends_with(['.', '!', '…']) {
        out.push('.');
    }
    Some(out)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Words of `text` with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// `range` of `text` without surrounding spaces, quotes, a leading "the",
/// a possessive or trailing punctuation.
fn clean_range(text: &str, range: Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end);
    loop {
        let before = (start, end);
        let s = &text[start..end];
        if let Some(c) = s.chars().next()
            && (c.is_whitespace() || QUOTES.contains(&c) || c == '(')
        {
            start += c.len_utf8();
        } else if let Some(c) = s.chars().next_back()
            && (c.is_whitespace() || TRAILING.contains(&c))
        {
            end -= c.len_utf8();
        } else if let Some(suffix) = ["’s", "'s"].iter().find(|p| s.ends_with(*p)) {
            end -= suffix.len();
        } else if let Some(article) = ["the ", "The ", "THE "].iter().find(|a| s.starts_with(*a)) {
            start += article.len();
        }
        if (start, end) == before || start >= end {
            return start..end.max(start);
        }
    }
}

/// Could `term` name something: a short phrase starting with a letter or digit,
/// not a lone pronoun or function word.
fn nameable(term: &str) -> bool {
    let count = term.split_whitespace().count();
    let lower = term.to_ascii_lowercase();
    (1..=MAX_TERM_WORDS).contains(&count)
        && term.len() <= 80
        && term.chars().next().is_some_and(char::is_alphanumeric)
        && term.chars().any(char::is_alphabetic)
        && !(count == 1 && (STOP.contains(&lower.as_str()) || PRONOUNS.contains(&lower.as_str())))
}

/// A phrase naming a term at the start of `text`: a quoted phrase, or up to
/// four words before punctuation or a function word. Relative to `text`.
fn named_phrase(text: &str) -> Option<Range<usize>> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    if let Some(open) = rest.chars().next().filter(|c| matches!(c, '“' | '"' | '‘')) {
        let close = match open {
            '“' => '”',
            '‘' => '’',
            _ => '"',
        };
        let inner = lead + open.len_utf8();
        let end = inner + text[inner..].find(close)?;
        let range = clean_range(text, inner..end);
        return nameable(&text[range.clone()]).then_some(range);
    }
    let (mut start, mut end, mut count) = (None, 0, 0);
    let all: Vec<(usize, &str)> = words(rest).take(10).collect();
    for (i, &(offset, word)) in all.iter().enumerate() {
        let bare = word.trim_end_matches(TRAILING);
        let lower = bare.to_ascii_lowercase();
        if count == 0 && lower == "the" {
            continue;
        }
        if count > 0
            && lower == "of"
            && let Some(tail) = of_the_tail(&all[i + 1..])
        {
            end = lead + tail;
            break;
        }
        if bare.is_empty()
            || word.starts_with(['(', '“', '"'])
            || STOP.contains(&lower.as_str())
            || count >= 4
            || (count > 0 && VERBS_AFTER_A_NAME.contains(&lower.as_str()))
        {
            break;
        }
        start.get_or_insert(lead + offset);
        end = lead + offset + bare.len();
        count += 1;
        if bare.len() != word.len() {
            break;
        }
    }
    let range = clean_range(text, start?..end);
    nameable(&text[range.clone()]).then_some(range)
}

/// Verbs that follow a name in subject position ("what is called anchor
/// dragging happens when …", "the so-called dark fleet grew"), and are no
/// nouns of a name; "works", "ends" or "makes" can be.
const VERBS_AFTER_A_NAME: &[&str] = &[
    "happens",
    "happened",
    "occurs",
    "occurred",
    "grew",
    "grows",
    "remains",
    "remained",
    "began",
    "begins",
    "became",
    "becomes",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "says",
    "said",
    "emerged",
    "emerges",
    "continues",
    "continued",
    "took",
    "helps",
    "helped",
];

/// "coalition | of the willing about …": after "of", a name goes on through
/// "the" and one more word when that word ends the phrase (punctuation, a
/// function word or the end follows). "shadow fleet | of old tankers" stops.
/// The end of that word in the text, if so.
fn of_the_tail(next: &[(usize, &str)]) -> Option<usize> {
    let [(_, the), (offset, word), rest @ ..] = next else {
        return None;
    };
    let bare = word.trim_end_matches(TRAILING);
    let lower = bare.to_ascii_lowercase();
    let ends_here = bare.len() != word.len()
        || rest.first().is_none_or(|(_, w)| {
            STOP.contains(&w.trim_end_matches(TRAILING).to_ascii_lowercase().as_str())
        });
    (the.eq_ignore_ascii_case("the")
        && !bare.is_empty()
        && bare.chars().all(char::is_alphabetic)
        && !STOP.contains(&lower.as_str())
        && ends_here)
        .then_some(offset + bare.len())
}

/// Aliases that a defining sentence gives: "…, a practice known as Y".
fn aliases_in(sentence: &str, lower: &str, term: &str) -> Vec<String> {
    let mut aliases: Vec<String> = Vec::new();
    // Most definitions give no second name: one search says so, where a
    // search per cue built a searcher each.
    if !ALIAS_SEARCH.is_match(lower) {
        return aliases;
    }
    for cue in ALIAS_CUES {
        for (pos, _) in lower.match_indices(cue) {
            if after_what(lower, pos) {
                continue;
            }
            let after = pos + cue.len();
            if let Some(r) = named_phrase(&sentence[after..]) {
                let alias = &sentence[after + r.start..after + r.end];
                if !alias.eq_ignore_ascii_case(term)
                    && !aliases.iter().any(|a| a.eq_ignore_ascii_case(alias))
                {
                    aliases.push(alias.to_owned());
                }
            }
        }
    }
    aliases
}

/// "what is known as" names a term; it does not give a second name.
fn after_what(lower: &str, pos: usize) -> bool {
    let before = lower[..pos].trim_end();
    ["what is", "what are", "what’s", "what's"]
        .iter()
        .any(|w| before.ends_with(w))
}

/// Second names set off inside a definition's subject: "X, also known as
/// Y, means …".
const APPOSITIVE_CUES: [&str; 7] = [
    ", also known as ",
    ", known as ",
    " (also known as ",
    " (known as ",
    ", also called ",
    " (also called ",
    ", or ",
];

/// A defining sentence whose subject is the term: "Gastrodiplomacy refers to …",
/// "A drawdown is a transfer that …", "The term “grey zone” means …".
#[allow(clippy::type_complexity)]
fn subject_definition(
    sentence: &str,
    lower: &str,
    body: usize,
    patterns: u8,
) -> Option<(String, Range<usize>, String, Vec<String>)> {
    (patterns & SINGULAR != 0)
        .then(|| singular_definition(sentence, lower, body))
        .flatten()
        .or_else(|| {
            (patterns & PLURAL != 0)
                .then(|| plural_definition(sentence, lower, body))
                .flatten()
        })
}

/// "Loitering munitions are drones that circle …": a plural term, "are",
/// a plural noun (after at most two modifiers) and a relative pronoun right
/// after it. Tried only when no singular pattern applies, and held to that
/// tight shape because "are" is in most sentences.
fn plural_definition(
    sentence: &str,
    lower: &str,
    body: usize,
) -> Option<(String, Range<usize>, String, Vec<String>)> {
    const DETERMINERS: &[&str] = &[
        "both", "many", "some", "most", "these", "those", "all", "few", "several", "other", "such",
        "their", "our", "its", "his", "her", "your", "my", "two", "three", "four",
    ];
    let pos = body + lower[body..].find(" are ")?;
    let subject = lower[body..pos].trim();
    let first = subject.split_whitespace().next()?;
    if !subject.ends_with('s') || subject.ends_with("ss") || DETERMINERS.contains(&first) {
        return None;
    }
    let explanation_at = pos + " are ".len();
    let rest: Vec<&str> = lower[explanation_at..].split_whitespace().take(4).collect();
    let plural_then_relative = (0..rest.len().saturating_sub(1)).take(3).any(|k| {
        let noun = rest[k];
        noun.len() > 3
            && noun.ends_with('s')
            && !noun.ends_with("ss")
            && matches!(rest[k + 1], "that" | "which" | "who")
    });
    if !plural_then_relative {
        return None;
    }
    let (at, aliases) = subject_term(sentence, lower, body..pos, false)?;
    let definition = clean_definition(&sentence[explanation_at..])?;
    let term = sentence[at.clone()].to_owned();
    Some((term, at, definition, aliases))
}

#[derive(Clone, Copy, PartialEq)]
enum Verb {
    Refers,
    Means,
    Plain,
    IsA,
}

/// The verbs of "X refers to / means / is a …"; each contains a cue of
/// [`SINGULAR`] (a test checks it).
const VERBS: &[(&str, Verb)] = &[
    (" refers to ", Verb::Refers),
    (" means ", Verb::Means),
    (" describes ", Verb::Plain),
    (" is defined as ", Verb::Plain),
    (" is shorthand for ", Verb::Plain),
    (" is a term for ", Verb::Plain),
    (" is the term for ", Verb::Plain),
    (" is a ", Verb::IsA),
    (" is an ", Verb::IsA),
    (" is the ", Verb::IsA),
];

fn singular_definition(
    sentence: &str,
    lower: &str,
    body: usize,
) -> Option<(String, Range<usize>, String, Vec<String>)> {
    // The earliest verb; on a tie, the longer (more specific) cue. One
    // search for all of them: a search per cue was a tenth of `gloss dump`.
    static SEARCH: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(VERBS.iter().map(|(cue, _)| cue))
            .expect("the verbs are plain strings")
    });
    let found = SEARCH.find(&lower[body..])?;
    let (cue, verb) = VERBS[found.pattern().as_usize()];
    let pos = body + found.start();
    let explanation_at = if verb == Verb::IsA {
        pos + " is ".len()
    } else {
        pos + cue.len()
    };
    let explanation = &sentence[explanation_at..];
    let rest = &lower[explanation_at..];
    match verb {
        // "X refers to the deal as a milestone" reports a wording.
        Verb::Refers => {
            let first_clause = rest.split(',').next().unwrap_or("");
            if first_clause.split_whitespace().take(6).any(|w| w == "as") {
                return None;
            }
        }
        // "means of transport", "by no means".
        Verb::Means => {
            let before = lower[..pos].split_whitespace().next_back().unwrap_or("");
            if rest.starts_with("of ")
                || matches!(before, "no" | "a" | "by" | "any" | "all")
                || rest.split_whitespace().count() < 3
            {
                return None;
            }
        }
        Verb::IsA => {
            if !defining_predicate(rest) {
                return None;
            }
        }
        Verb::Plain => {}
    }
    // "The shadow fleet refers to …" names a kind; "The annual report
    // describes …" reports on one.
    let the_kind = cue != " describes ";
    let (at, aliases) = subject_term(sentence, lower, body..pos, the_kind)?;
    let definition = clean_definition(explanation)?;
    let term = sentence[at.clone()].to_owned();
    let mut aliases = aliases;
    for alias in aliases_in(sentence, lower, &term) {
        if !aliases.iter().any(|a| a.eq_ignore_ascii_case(&alias)) {
            aliases.push(alias);
        }
    }
    Some((term, at, definition, aliases))
}

/// "How to use bzip2", "Programming with libbzip2": a chapter a table of
/// contents describes ("… describes how to …"), not a term. A question word,
/// or a verb in -ing followed by a preposition, opens a title; a term's
/// gerund stands alone or with its noun ("burden sharing"). A connective
/// ("However this …") opens a clause.
fn opens_title_or_clause(first_lower: &str, rest: &[(usize, &str)]) -> bool {
    const QUESTION_WORDS: &[&str] = &["how", "what", "why", "which", "whose", "whom"];
    const PREPOSITIONS: &[&str] = &["with", "to", "for", "from", "into", "about", "in", "on"];
    // "However this is …": a connective opens a clause, not a term.
    const CONNECTIVES: &[&str] = &[
        "however",
        "therefore",
        "thus",
        "hence",
        "meanwhile",
        "moreover",
        "furthermore",
        "instead",
        "still",
        "yet",
        "then",
        "now",
        "here",
        "there",
        "today",
    ];
    QUESTION_WORDS.contains(&first_lower)
        || CONNECTIVES.contains(&first_lower)
        || (first_lower.len() > 5
            && first_lower.ends_with("ing")
            && rest.iter().any(|(_, w)| PREPOSITIONS.contains(w)))
}

/// "a tool that …", "the practice of …": a predicate that classifies and
/// restricts, as a definition does, rather than describing.
fn defining_predicate(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().take(30).collect();
    if words.len() < 3 {
        return false;
    }
    let head = words[1].trim_end_matches(TRAILING);
    let of_or_for = matches!(words[2], "of" | "for");
    let named_kind = match words[0] {
        "the" => matches!(
            head,
            "practice"
                | "use"
                | "act"
                | "art"
                | "process"
                | "policy"
                | "strategy"
                | "idea"
                | "name"
                | "term"
                | "doctrine"
                | "principle"
        ),
        "a" | "an" => {
            // "is a bit special": a degree, not a kind.
            if matches!(head, "bit" | "little" | "lot") {
                return false;
            }
            matches!(
                head,
                "term" | "word" | "name" | "label" | "nickname" | "shorthand" | "euphemism"
            )
        }
        _ => return false,
    };
    (named_kind && of_or_for)
        || words[1..].iter().any(|w| {
            matches!(
                w.trim_end_matches(TRAILING),
                "that" | "which" | "who" | "whereby" | "where"
            )
        })
}

/// The term a defining sentence's subject names (byte range in `sentence`),
/// with an appositive alias ("X, also known as Y,"). Rejects pronouns, "the"
/// with a common noun (a specific thing) and proper names (a description,
/// not a term); with `the_kind`, "the" and a compound of plain words name a
/// kind.
fn subject_term(
    sentence: &str,
    lower: &str,
    subject: Range<usize>,
    the_kind: bool,
) -> Option<(Range<usize>, Vec<String>)> {
    let mut subject = clean_whitespace(sentence, subject);
    let mut aliases = Vec::new();
    let sub_lower = &lower[subject.clone()];
    // Every appositive cue holds a comma or a bracket (tested).
    let cues: &[&str] = if sub_lower.contains([',', '(']) {
        &APPOSITIVE_CUES
    } else {
        &[]
    };
    for cue in cues {
        if let Some(p) = sub_lower.find(cue) {
            let after = subject.start + p + cue.len();
            let alias = named_phrase(&sentence[after..subject.end])?;
            // The appositive must close the subject: "X, or Y, means …".
            let tail = &sentence[after + alias.end..subject.end];
            if !tail
                .trim_matches(|c: char| c.is_whitespace() || TRAILING.contains(&c))
                .is_empty()
            {
                return None;
            }
            aliases.push(sentence[after + alias.start..after + alias.end].to_owned());
            subject = clean_whitespace(sentence, subject.start..subject.start + p);
            break;
        }
    }
    let text = &sentence[subject.clone()];
    let text_lower = &lower[subject.clone()];
    if text.contains([',', ';', ':', '(', ')']) {
        return None;
    }
    // "The term “grey zone”", "“Sushi diplomacy”": introduced or quoted, any case.
    for intro in [
        "the term ",
        "the phrase ",
        "the word ",
        "the expression ",
        "the concept of ",
    ] {
        if let Some(rest) = text_lower.strip_prefix(intro) {
            let at = clean_range(sentence, subject.end - rest.len()..subject.end);
            return nameable(&sentence[at.clone()]).then_some((at, aliases));
        }
    }
    if text.starts_with(['“', '"', '‘']) && text.ends_with(['”', '"', '’']) {
        let at = clean_range(sentence, subject);
        return nameable(&sentence[at.clone()]).then_some((at, aliases));
    }
    // A bare noun phrase: "Gastrodiplomacy", "A drawdown", "Sushi diplomacy".
    let mut list: Vec<(usize, &str)> = words(text).collect();
    if matches!(list.first(), Some((_, w)) if matches!(w.to_ascii_lowercase().as_str(), "a" | "an"))
    {
        list.remove(0);
    }
    // "The shadow fleet is a group of tankers that …": a compound of plain
    // words after "the" names a kind of thing; one word after it ("The deal
    // is a gamble that …"), a qualifier ("The new plan …") or a name ("The
    // Kremlin line …") is the one at hand.
    if the_kind
        && matches!(list.first(), Some((_, w)) if w.eq_ignore_ascii_case("the"))
        && (3..=4).contains(&list.len())
        && list[1].1.starts_with(|c: char| c.is_lowercase())
        && !QUALIFIERS.contains(&list[1].1)
    {
        list.remove(0);
    }
    let (&(first_at, first), rest) = list.split_first()?;
    let first_lower = first.to_ascii_lowercase();
    if list.len() > 4
        || PRONOUNS.contains(&first_lower.as_str())
        || STOP.contains(&first_lower.as_str())
        || first_lower == "the"
        || opens_title_or_clause(&first_lower, rest)
        || text.contains(['’', '\'', '“', '”', '"'])
    {
        return None;
    }
    let common_word = |w: &str| {
        w == "of"
            || (w.chars().all(|c| c.is_alphanumeric() || c == '-')
                && !w.chars().next().is_some_and(char::is_uppercase))
    };
    if !rest.iter().all(|(_, w)| common_word(w)) || rest.last().is_some_and(|(_, w)| *w == "of") {
        return None;
    }
    // "Note that this function is …": a clause before the verb, no term
    // ("search and rescue", "rule of law" are).
    let clause_word = |w: &str| {
        let w = w.to_ascii_lowercase();
        PRONOUNS.contains(&w.as_str())
            || ["that", "which", "who", "whom", "whose"].contains(&w.as_str())
    };
    if rest.iter().any(|(_, w)| clause_word(w)) {
        return None;
    }
    if !first.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    if first.chars().next().is_some_and(char::is_uppercase) {
        let upper = first.chars().filter(|c| c.is_uppercase()).count();
        // Acronyms and names: "NATO is an alliance that …", "Japan is a country that …".
        if upper > 1 {
            return None;
        }
        if rest.is_empty() {
            let common = first_lower.len() >= 7
                && NOUN_SUFFIXES.iter().any(|s| first_lower.ends_with(s))
                && !first_lower.ends_with("jing");
            if !common {
                return None;
            }
        } else if ["an", "ese", "ish", "ian"]
            .iter()
            .any(|s| first_lower.ends_with(s))
        {
            // "Russian aggression is a threat that …": a nationality, not a term.
            return None;
        }
    }
    let start = subject.start + first_at;
    let end = subject.start + text.trim_end().len();
    let at = clean_range(sentence, start..end);
    nameable(&sentence[at.clone()]).then_some((at, aliases))
}

fn clean_whitespace(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    range.start + lead..range.start + lead + s.trim().len()
}

/// "so-called X", "what is called X": the term and where it is named.
fn named_term(sentence: &str, lower: &str) -> Option<(String, Range<usize>)> {
    // Most sentences name nothing: one search turns them away.
    if !NAMING_SEARCH.is_match(lower) {
        return None;
    }
    NAMING_CUES.iter().find_map(|cue| {
        let pos = lower.find(cue)?;
        if lower[..pos]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        let after = pos + cue.len();
        let r = named_phrase(&sentence[after..])?;
        let at = after + r.start..after + r.end;
        Some((sentence[at.clone()].to_owned(), at))
    })
}

/// "X, known as Y" names X; "a fleet of old tankers, known as the shadow fleet"
/// and "…, a practice known as Y" explain Y.
#[allow(clippy::type_complexity)]
fn known_as(
    sentence: &str,
    lower: &str,
    body: usize,
) -> Option<(String, Range<usize>, String, Vec<String>)> {
    // One pass for the family before the per-cue search that needs each
    // cue's own position.
    if !ALIAS_SEARCH.is_match(&lower[body..]) {
        return None;
    }
    let (pos, cue) = ALIAS_CUES
        .iter()
        .filter_map(|cue| lower[body..].find(cue).map(|p| (body + p, *cue)))
        .filter(|&(pos, _)| !after_what(lower, pos))
        .min_by_key(|&(pos, _)| pos)?;
    let after = pos + cue.len();
    let alias = named_phrase(&sentence[after..]).map(|r| shift(r, after))?;
    let alias_text = sentence[alias.clone()].to_owned();

    // What precedes the cue, without hedges ("also", "often") and the comma or bracket.
    let mut pre = &sentence[body..pos + cue.len() - cue.trim_start().len()];
    let mut appositive = cue.starts_with(',');
    loop {
        let trimmed = pre.trim_end();
        let word_start = trimmed.rfind(' ').map_or(0, |i| i + 1);
        let last = trimmed[word_start..].to_ascii_lowercase();
        let hedge = matches!(
            last.trim_start_matches('('),
            "also"
                | "often"
                | "sometimes"
                | "commonly"
                | "widely"
                | "popularly"
                | "better"
                | "now"
                | "simply"
                | "locally"
                | "informally"
                | "usually"
        );
        if hedge {
            appositive |= last.starts_with('(');
            pre = &trimmed[..word_start];
        } else if let Some(p) = trimmed.strip_suffix([',', '(']) {
            appositive = true;
            pre = p;
        } else {
            pre = trimmed;
            break;
        }
    }
    let pre_start = body;
    let pre_lower = pre.to_ascii_lowercase();
    let last_word = pre_lower.rsplit(' ').next().unwrap_or("");

    // "Gastrodiplomacy is also known as culinary diplomacy."
    if matches!(
        last_word,
        "is" | "are" | "was" | "were" | "be" | "been" | "became"
    ) {
        let verb_at = pre_start + pre.len() - last_word.len();
        let (at, mut aliases) = subject_term(sentence, lower, pre_start..verb_at, false)?;
        let term = sentence[at.clone()].to_owned();
        if term.eq_ignore_ascii_case(&alias_text) {
            return None;
        }
        aliases.push(alias_text);
        return Some((term, at, clean_definition(sentence)?, aliases));
    }

    // The clause the cue ends, and a generic "a/an …" head in it.
    let clause_start = pre
        .rfind([',', ';', ':', '—', '('])
        .map_or(0, |i| i + pre[i..].chars().next().map_or(1, char::len_utf8));
    let clause = &pre_lower[clause_start..];
    let article = if clause.trim_start().starts_with("a ") || clause.trim_start().starts_with("an ")
    {
        Some(clause_start + clause.len() - clause.trim_start().len())
    } else {
        [" a ", " an "]
            .iter()
            .filter_map(|a| clause.rfind(a).map(|i| clause_start + i + 1))
            .max()
    };
    if let Some(article) = article {
        // "…, a practice known as Y": the clause before the comma describes Y.
        let head = &pre[article..];
        let described = if head.split_whitespace().count() <= 3 && clause_start > 0 {
            &pre[..clause_start - 1]
        } else {
            head
        };
        let definition = clean_definition(described)?;
        return Some((alias_text, alias, definition, Vec::new()));
    }
    if !appositive {
        return None;
    }
    // "The Black Sea Grain Initiative, known as the grain deal, …": X named, Y an alias.
    let at = appositive_name(pre).map(|r| shift(r, pre_start))?;
    let term = sentence[at.clone()].to_owned();
    if term.eq_ignore_ascii_case(&alias_text) {
        return None;
    }
    // "the issue, dubbed “Antennagate” by the media": one plain word is the
    // thing at hand, and the name it was given is the term.
    if !term.contains(' ') && !term.starts_with(char::is_uppercase) {
        return Some((alias_text, alias, clean_definition(sentence)?, Vec::new()));
    }
    Some((term, at, clean_definition(sentence)?, vec![alias_text]))
}

/// The noun phrase ending `pre`: a run of capitalised words (with "of", "for",
/// "and" inside), or "the" and up to three lower-case words.
fn appositive_name(pre: &str) -> Option<Range<usize>> {
    let list: Vec<(usize, &str)> = words(pre).collect();
    let (_, last) = *list.last()?;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut start = None;
    if capital(last) {
        for &(at, w) in list.iter().rev() {
            if capital(w) {
                start = Some(at);
            } else if !matches!(w, "of" | "for" | "and" | "on") {
                break;
            }
        }
    } else {
        for (i, &(at, w)) in list.iter().rev().enumerate() {
            if w.eq_ignore_ascii_case("the") {
                start = Some(at);
                break;
            }
            if i >= 3 || STOP.contains(&w.to_ascii_lowercase().as_str()) {
                return None;
            }
        }
    }
    let range = clean_range(pre, start?..pre.len());
    let text = &pre[range.clone()];
    let first = text.split_whitespace().next()?.to_ascii_lowercase();
    (nameable(text) && !PRONOUNS.contains(&first.as_str()) && !STOP.contains(&first.as_str()))
        .then_some(range)
}

/// The first “quoted” phrase (1–5 words) that is not quoted speech.
fn quoted_phrase(sentence: &str) -> Option<Range<usize>> {
    let (open, close) = [('“', '”'), ('"', '"')]
        .into_iter()
        .find(|(open, _)| sentence.contains(*open))?;
    let start = sentence.find(open)? + open.len_utf8();
    let end = start + sentence[start..].find(close)?;
    let inner = &sentence[start..end];
    // “We’re in,” she said.
    if inner.trim_end().ends_with([',', '?', '!']) {
        return None;
    }
    let next = sentence[end + close.len_utf8()..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let speech = [
        "said", "says", "told", "asked", "added", "wrote", "replied", "insisted", "warned",
        "declared", "stated", "noted",
    ];
    if speech.contains(&next.trim_end_matches(TRAILING)) {
        return None;
    }
    if !(1..=5).contains(&inner.split_whitespace().count()) {
        return None;
    }
    let range = clean_range(sentence, start..end);
    nameable(&sentence[range.clone()]).then_some(range)
}

/// A quoted coinage glossed right after its closing quote: "speak of
/// “salami slicing,” a strategy of small steps that …", "“kitchen
/// statecraft” — the use of food as a tool of policy — to …", "“gray
/// hulling”: using coast guard ships to …". The gloss must classify as a
/// definition does (an article and a kind with "of" or "that/which/who"
/// after it), be a gerund phrase after a colon, or be announced ("meaning
/// …", "which means …"); quoted speech ("“We’re in,” a senior official
/// said") is not. The term's range and the gloss.
fn quoted_gloss(sentence: &str) -> Option<(Range<usize>, String)> {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "told",
        "asked",
        "added",
        "wrote",
        "replied",
        "insisted",
        "warned",
        "declared",
        "stated",
        "noted",
        "explained",
        "argued",
        "claimed",
    ];
    let (open, close) = [('“', '”'), ('"', '"')]
        .into_iter()
        .find(|(open, _)| sentence.contains(*open))?;
    let start = sentence.find(open)? + open.len_utf8();
    let end = start + sentence[start..].find(close)?;
    let quoted = sentence[start..end].trim_end();
    // “salami slicing,”: a comma inside the quotes, as American style puts it.
    let comma_inside = quoted.ends_with(',');
    let inner = quoted.trim_end_matches(',');
    let words = inner.split_whitespace().count();
    // “a mess”: a phrase with its article is a quoted description.
    let article = inner
        .split_whitespace()
        .next()
        .is_some_and(|w| ["a", "an", "the"].contains(&w.to_ascii_lowercase().as_str()));
    if !(1..=4).contains(&words)
        || article
        || inner.contains(['’', '\'', '?', '!', '.'])
        || inner
            .split_whitespace()
            .any(|w| PRONOUNS.contains(&w.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    let at = clean_range(sentence, start..start + inner.len());
    if !nameable(&sentence[at.clone()]) {
        return None;
    }
    let after = &sentence[end + close.len_utf8()..];
    let trimmed = after.trim_start();
    let dashed = trimmed
        .strip_prefix('—')
        .or_else(|| trimmed.strip_prefix('–'));
    let (gloss, after_colon) = if comma_inside {
        (after, false)
    } else if let Some(rest) = after.strip_prefix(',') {
        (rest, false)
    } else if let Some(rest) = dashed {
        // Up to the dash that closes the aside.
        (&rest[..rest.find(['—', '–']).unwrap_or(rest.len())], false)
    } else if let Some(rest) = after.strip_prefix(':') {
        (rest, true)
    } else {
        return None;
    };
    let mut gloss = gloss.trim();
    // "“burden sharing,” meaning that allies split the cost": the words that
    // announce the gloss are not part of it.
    let mut announced = false;
    for intro in [
        "which means that ",
        "which means ",
        "meaning that ",
        "meaning ",
        "which refers to ",
        "that is, ",
        "i.e. ",
    ] {
        if gloss.len() > intro.len()
            && gloss.is_char_boundary(intro.len())
            && gloss[..intro.len()].eq_ignore_ascii_case(intro)
        {
            gloss = &gloss[intro.len()..];
            announced = true;
            break;
        }
    }
    let lower = gloss.to_ascii_lowercase();
    let first_words: Vec<&str> = lower.split_whitespace().take(5).collect();
    if first_words
        .iter()
        .any(|w| SPEECH.contains(&w.trim_end_matches(TRAILING)))
    {
        return None;
    }
    let gerund = first_words
        .first()
        .is_some_and(|w| w.len() >= 5 && w.ends_with("ing"));
    if !(defining_predicate(&lower)
        || (after_colon && gerund && first_words.len() >= 4)
        || (announced && first_words.len() >= 3))
    {
        return None;
    }
    Some((at, clean_definition(gloss)?))
}

/// Words that open a list item as a label, not a term: "Note: …",
/// "Step 2: …", "Pros: …".
const LIST_LABELS: &[&str] = &[
    "note", "notes", "warning", "tip", "step", "update", "source", "sources", "date", "time",
    "location", "where", "when", "who", "what", "why", "how", "pros", "cons", "example", "q", "a",
    "question", "answer", "see", "read", "watch", "listen", "price", "cost", "status", "result",
    "results", "phase", "stage", "part", "chapter", "day", "week", "round",
];

/// Labels of a function's parts in an API reference: "Returns: `<Promise>`
/// Fulfills …", "Default: false".
const API_LABELS: &[&str] = &[
    "returns",
    "return",
    "default",
    "type",
    "since",
    "deprecated",
    "throws",
    "raises",
    "yields",
    "usage",
    "params",
    "parameters",
    "arguments",
];

/// The term and the explanation of a glossary-style list item, "ABI:
/// Application Binary Interface - defines …": a short name, a colon, and
/// at least three words.
pub fn list_item_definition(text: &str) -> Option<(Range<usize>, &str)> {
    let colon = text.find(": ")?;
    let term = text[..colon].trim();
    let rest = text[colon + 2..].trim();
    let words = term.split_whitespace().count();
    let first = term.split_whitespace().next()?.to_lowercase();
    let ok = (1..=4).contains(&words)
        && term.len() <= 40
        && term.starts_with(|c: char| c.is_alphanumeric())
        && !term.contains(['.', ',', ';', '!', '?', '(', '"', '“'])
        && !LIST_LABELS.contains(&first.as_str())
        && !API_LABELS.contains(&first.as_str())
        // "in: is the signed certificate" (a command's option): a function
        // word alone is no term, and would mark every "in" in the text.
        && !(words == 1 && STOP.contains(&first.as_str()))
        && rest.split_whitespace().count() >= 3;
    ok.then_some((0..colon, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A subject without a comma or a bracket is not searched for them.
    #[test]
    fn every_appositive_cue_holds_a_comma_or_a_bracket() {
        assert!(APPOSITIVE_CUES.iter().all(|cue| cue.contains([',', '('])));
    }

    /// A sentence is spared a pattern's search when it holds no cue flagged
    /// for that pattern, so every cue of the pattern must contain one.
    #[test]
    fn every_pattern_cue_contains_a_gating_cue() {
        let families: [(u8, Vec<&str>); 4] = [
            (SINGULAR, VERBS.iter().map(|(v, _)| *v).collect()),
            (PLURAL, vec![" are "]),
            (NAMING, NAMING_CUES.to_vec()),
            (ALIAS, ALIAS_CUES.to_vec()),
        ];
        for (group, cues) in families {
            for cue in cues {
                assert!(
                    CUES.iter()
                        .any(|(gate, groups)| groups & group != 0 && cue.contains(gate)),
                    "{cue:?} holds no cue flagged {group}"
                );
            }
        }
    }

    #[test]
    fn clean_range_drops_quotes_article_possessive_and_punctuation() {
        let text = "“the shadow fleet’s,”";
        assert_eq!(&text[clean_range(text, 0..text.len())], "shadow fleet");
    }

    #[test]
    fn named_phrase_stops_at_function_words_and_punctuation() {
        let text = " shadow fleet of old tankers";
        assert_eq!(&text[named_phrase(text).unwrap()], "shadow fleet");
        let text = " anchor dragging happens when a ship moves";
        assert_eq!(&text[named_phrase(text).unwrap()], "anchor dragging");
        let text = " dark fleet grew last year";
        assert_eq!(&text[named_phrase(text).unwrap()], "dark fleet");
        let text = " the Ukrainian corridor) for exports";
        assert_eq!(&text[named_phrase(text).unwrap()], "Ukrainian corridor");
        let text = " coalition of the willing about a reassurance force";
        assert_eq!(
            &text[named_phrase(text).unwrap()],
            "coalition of the willing"
        );
        let text = " axis of the Americas, which";
        assert_eq!(&text[named_phrase(text).unwrap()], "axis of the Americas");
        let text = " fleet of the navy ships";
        assert_eq!(&text[named_phrase(text).unwrap()], "fleet");
        assert_eq!(named_phrase(" for restraint"), None);
    }

    #[test]
    fn prefilter_skips_paragraphs_without_cues() {
        assert!(!has_cue("Tokyo shipped drones and helmets."));
        assert!(has_cue("It REFERS to that."));
    }
}
