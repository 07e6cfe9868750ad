//! Terms an article explains itself: "I feel compelled to explain “X” … This
//! refers to …", "X refers to …", "X means …", "so-called X", "what is called X",
//! "X, known as Y", "a practice known as Y".

use crate::core::text::sentences;
use std::ops::Range;

/// A definition found in one block's text. Ranges are byte offsets into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDefinition {
    pub term: String,
    /// The explanation, as a sentence of its own.
    pub definition: String,
    pub aliases: Vec<String>,
    /// Where the term is named in the text.
    pub term_at: Range<usize>,
}

/// Words that introduce a term the writer is about to explain.
const EXPLAIN_CUES: &[&str] = &[
    "explain",
    "define",
    "the term",
    "the phrase",
    "the expression",
    "the word",
    "coined",
];
/// Openings of a sentence that explains the term named just before.
const FOLLOW_UP_OPENINGS: &[&str] = &[
    "this refers to ",
    "it refers to ",
    "the term refers to ",
    "the phrase refers to ",
    "this means ",
    "it means ",
    "that is, ",
    "this describes ",
    "it describes ",
];
const KNOWN_AS: &[&str] = &["also known as ", "known as ", "also called ", "dubbed "];

pub fn find(text: &str) -> Vec<FoundDefinition> {
    let sentence_ranges = sentences(text);
    let mut found: Vec<FoundDefinition> = Vec::new();
    let mut pending_term: Option<(String, Range<usize>)> = None;
    for range in sentence_ranges {
        let sentence = &text[range.clone()];
        let lower = sentence.to_lowercase();

        // "This refers to …" right after a sentence that named a quoted term.
        if let Some((term, at)) = pending_term.take()
            && let Some(opening) = FOLLOW_UP_OPENINGS.iter().find(|o| lower.starts_with(*o))
        {
            let body = &sentence[opening.len()..];
            found.push(definition(term, body, at, sentence));
            continue;
        }

        // "… explain “X” …": remember X for the next sentence; or "“X” refers to …".
        if let Some((term, at)) = first_quoted(sentence) {
            let at = range.start + at.start..range.start + at.end;
            let after = sentence[at.end - range.start..]
                .trim_start_matches(['”', '"', '’', '\''])
                .trim_start();
            let after_lower = after.to_lowercase();
            if let Some(verb) = ["refers to ", "means ", "describes ", "is shorthand for "]
                .iter()
                .find(|v| after_lower.starts_with(*v))
            {
                found.push(definition(term, &after[verb.len()..], at, sentence));
                continue;
            }
            let title_case = term
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            if title_case || EXPLAIN_CUES.iter().any(|c| lower.contains(c)) {
                pending_term = Some((term, at));
                continue;
            }
        }

        // "Gastrodiplomacy refers to …" with the term as the sentence's subject.
        for verb in [" refers to ", " means "] {
            if let Some(pos) = lower.find(verb)
                && let Some(term) = subject_term(&sentence[..pos])
            {
                let term_start = range.start + pos - term.len();
                found.push(definition(
                    term.to_owned(),
                    &sentence[pos + verb.len()..],
                    term_start..range.start + pos,
                    sentence,
                ));
                break;
            }
        }

        // "so-called X", "what is called X".
        for cue in [
            "so-called ",
            "what is called ",
            "what is known as ",
            "what are called ",
            "what are known as ",
        ] {
            if let Some(pos) = lower.find(cue) {
                let start = pos + cue.len();
                if let Some(term) = named_phrase(&sentence[start..]) {
                    let at = range.start + start..range.start + start + term.len();
                    let term = term.trim_matches(|c| matches!(c, '“' | '”' | '"'));
                    if !found.iter().any(|d| d.term.eq_ignore_ascii_case(term)) {
                        found.push(FoundDefinition {
                            term: term.to_owned(),
                            definition: sentence.to_owned(),
                            aliases: Vec::new(),
                            term_at: at,
                        });
                    }
                }
            }
        }
    }
    found
}

fn definition(term: String, body: &str, term_at: Range<usize>, sentence: &str) -> FoundDefinition {
    let mut aliases = Vec::new();
    let lower = sentence.to_lowercase();
    for cue in KNOWN_AS {
        if let Some(pos) = lower.find(cue) {
            let start = pos + cue.len();
            if let Some(alias) = named_phrase(&sentence[start..]) {
                let alias = alias.trim_matches(|c| matches!(c, '“' | '”' | '"'));
                if !alias.eq_ignore_ascii_case(&term) {
                    aliases.push(alias.to_owned());
                }
            }
            break;
        }
    }
    FoundDefinition {
        term,
        definition: capitalise(body.trim()),
        aliases,
        term_at,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first “quoted” short phrase (1–5 words) and its byte range, quotes excluded.
fn first_quoted(sentence: &str) -> Option<(String, Range<usize>)> {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let Some(start) = sentence.find(open) else {
            continue;
        };
        let inner_start = start + open.len_utf8();
        let Some(len) = sentence[inner_start..].find(close) else {
            continue;
        };
        let inner = &sentence[inner_start..inner_start + len];
        let words = inner.split_whitespace().count();
        let trimmed = inner.trim_end_matches([',', '.']);
        if (1..=5).contains(&words)
            && !trimmed.is_empty()
            && trimmed.chars().next().is_some_and(char::is_alphanumeric)
        {
            return Some((trimmed.to_owned(), inner_start..inner_start + trimmed.len()));
        }
    }
    None
}

/// The subject of a defining sentence, if it is a short noun phrase and not a
/// pronoun: "Gastrodiplomacy", "The term grey zone" → "grey zone".
fn subject_term(subject: &str) -> Option<&str> {
    let subject = subject.trim();
    let lower = subject.to_lowercase();
    let subject = ["the term ", "the phrase ", "the expression ", "the word "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(subject, |p| &subject[p.len()..]);
    let subject = subject.trim_matches(|c| matches!(c, '“' | '”' | '"'));
    let words: Vec<&str> = subject.split_whitespace().collect();
    let first = words.first()?.to_lowercase();
    let pronoun = [
        "this", "that", "it", "he", "she", "they", "we", "which", "what", "who", "there", "these",
        "those", "his", "her", "its", "their", "our", "a", "an", "the",
    ]
    .contains(&first.as_str());
    ((1..=4).contains(&words.len()) && !pronoun && !subject.contains([',', ';', ':']))
        .then_some(subject)
}

/// A phrase naming a term: a quoted phrase, or up to four words before
/// punctuation or a function word.
fn named_phrase(text: &str) -> Option<&str> {
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix('“') {
        return rest.find('”').map(|end| &text[..end + '“'.len_utf8() * 2]);
    }
    let stop_words = [
        "of", "that", "which", "who", "to", "in", "and", "or", "for", "is", "are", "was", "were",
        "by", "with",
    ];
    let mut end = 0;
    for (count, word) in text.split(' ').enumerate() {
        let bare = word.trim_end_matches(['.', ',', ';', ':', ')', '”', '"', '!', '?']);
        if count >= 4 || bare.is_empty() || stop_words.contains(&bare.to_lowercase().as_str()) {
            break;
        }
        let word_start = text[end..].find(word).map_or(end, |i| end + i);
        end = word_start + bare.len();
        if bare.len() != word.len() {
            break;
        }
    }
    let phrase = text[..end].trim();
    let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
    (!phrase.is_empty()).then_some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explained_quoted_term_with_follow_up_and_alias() {
        let text = "Note: a word on “Ramen Diplomacy” in the headline. This refers to using noodles \
                    to win friends abroad, a practice known as culinary diplomacy.";
        let defs = find(text);
        assert_eq!(defs.len(), 1);
        assert_eq!(defs[0].term, "Ramen Diplomacy");
        assert!(defs[0].definition.starts_with("Using noodles"));
        assert_eq!(defs[0].aliases, vec!["culinary diplomacy"]);
        assert_eq!(&text[defs[0].term_at.clone()], "Ramen Diplomacy");
    }

    #[test]
    fn subject_refers_to() {
        let defs = find("Gastrodiplomacy refers to the use of cuisine in diplomacy.");
        assert_eq!(defs[0].term, "Gastrodiplomacy");
        assert_eq!(defs[0].definition, "The use of cuisine in diplomacy.");
    }

    #[test]
    fn pronoun_subjects_are_not_terms() {
        assert!(find("This refers to the plan. It means war.").is_empty());
    }

    #[test]
    fn so_called_names_a_term() {
        let defs = find("Ships of the so-called shadow fleet of old tankers carry oil.");
        assert_eq!(defs[0].term, "shadow fleet");
    }
}
