//! Small text utilities shared by the extractors: sentences, words, offsets.

use std::ops::Range;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr",
    "gov", "sen", "rep", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc", "no", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "u.n", "e.g", "i.e", "approx", "fig", "vol", "pp", "ft", "mt",
];

/// Byte ranges of the sentences in `text` (a paragraph), trimmed.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Jump from one candidate end to the next (memchr's SIMD search) rather
    // than walk every byte: 2 % of a whole `dump`'s instructions.
    while let Some(at) = memchr::memchr3(b'.', b'?', b'!', &bytes[i..]) {
        i += at;
        let b = bytes[i];
        // Include closing quotes and brackets in the sentence, and the
        // citation marks after it ("abroad.[1][2] Governments").
        let mut end = i + 1;
        while end < bytes.len() {
            if matches!(bytes[end], b'"' | b')' | b'\'') {
                end += 1;
            } else if text[end..].starts_with('”') || text[end..].starts_with('’') {
                end += '”'.len_utf8();
            } else if let Some(mark) = citation_mark(&text[end..]) {
                end += mark;
            } else {
                break;
            }
        }
        let next_is_space = bytes.get(end) == Some(&b' ');
        let next_starts_sentence = || {
            text[end..].trim_start().chars().next().is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '(')
            })
        };
        let abbreviation =
            || b == b'.' && is_abbreviation(text, i) && !ends_at_starter(text, i, end);
        if next_is_space && next_starts_sentence() && !abbreviation() {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The length of a citation mark opening `rest`: "[1]", "[a]", "[note 2]",
/// "[citation needed]".
pub(crate) fn citation_mark(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.bytes().take(20).position(|b| b == b']')?;
    let mark = &inner[..close];
    let number = |n: &str| (1..=3).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit());
    let is_mark = number(mark)
        || (mark.len() == 1 && mark.bytes().all(|b| b.is_ascii_lowercase()))
        || mark.strip_prefix("note ").is_some_and(number)
        || mark == "citation needed";
    is_mark.then_some(close + 2)
}

/// `text` without the citation marks that close it ("cuisine.[5][6]" →
/// "cuisine."): a gloss or a label shows the sentence, not its sources.
pub fn without_closing_citations(text: &str) -> &str {
    let mut text = text.trim_end();
    while let Some(open) = text.strip_suffix(']').and_then(|t| t.rfind('[')) {
        if citation_mark(&text[open..]) != Some(text.len() - open) {
            break;
        }
        text = text[..open].trim_end();
    }
    text
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if range.start + lead < range.end - trail {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Abbreviations that can close a sentence ("… in the U.S. The …"), unlike
/// titles and initials, which always come before a name.
const SENTENCE_FINAL_ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "etc", "inc", "ltd", "corp", "co", "jr", "sr",
];

/// Words that start sentences and never continue a name after "U.S." or
/// "Inc.": "The", "It", "But".
#[rustfmt::skip]
const SENTENCE_STARTERS: &[&str] = &[
    "the", "a", "an", "it", "its", "he", "she", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "his", "her", "their", "our", "but", "and", "or", "so", "yet", "if", "when",
    "while", "after", "before", "since", "however", "meanwhile", "still", "then", "some", "many",
    "most", "both", "what", "why", "how", "who", "where",
];

/// Whether the period at `dot` closes one of the abbreviations that can end
/// a sentence and the word after `end` starts the next one.
fn ends_at_starter(text: &str, dot: usize, end: usize) -> bool {
    let abbreviation = word_before_dot(text, dot);
    let next = text[end..].trim_start();
    let next = &next[..next
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(next.len())];
    SENTENCE_FINAL_ABBREVIATIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(abbreviation))
        && SENTENCE_STARTERS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(next))
}

/// The word that the period at `dot` ends ("U.S" in "(U.S.").
#[inline]
fn word_before_dot(text: &str, dot: usize) -> &str {
    let word_start = text[..dot]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    &text[word_start..dot]
}

/// Is the period at byte `dot` the end of an abbreviation or an initial ("J. Smith")?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let word = word_before_dot(text, dot);
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // The list is ASCII, so an ASCII word is compared in place: lowercasing
    // a copy at every full stop was a tenth of splitting sentences. Other
    // words are lowercased as before (the Kelvin sign lowercases to "k").
    if word.is_ascii() {
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// The sentence of `text` that contains byte offset `at`.
pub fn sentence_at(text: &str, at: usize) -> Range<usize> {
    sentences(text)
        .into_iter()
        .find(|r| r.start <= at && at < r.end.max(r.start + 1))
        .unwrap_or(0..text.len())
}

/// Whether every round and square bracket in `s` is closed after it opens
/// (each kind counted on its own): "derive(Serialize" and "library)" are
/// not.
pub fn balanced_brackets(s: &str) -> bool {
    let mut round = 0i32;
    let mut square = 0i32;
    for c in s.chars() {
        match c {
            '(' => round += 1,
            ')' => round -= 1,
            '[' => square += 1,
            ']' => square -= 1,
            _ => {}
        }
        if round < 0 || square < 0 {
            return false;
        }
    }
    round == 0 && square == 0
}

/// "8:41", "10:15am", "7:02AM": a clock time as one word.
pub fn is_clock_time(word: &str) -> bool {
    let clock = word.trim_end_matches(['a', 'p', 'm', 'A', 'P', 'M', '.']);
    clock.split_once(':').is_some_and(|(h, m)| {
        (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    })
}

/// Is `c` part of a word for boundary checks?
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Converts a byte offset in `text` to a character offset.
///
/// Both conversions look only at the text before the offset: checking the
/// whole text made them linear in its length, so converting every event
/// or term of one long paragraph was quadratic (a 2.5 MB one-paragraph
/// file took 12 s to dump).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let before = &text.as_bytes()[..byte];
    if before.is_ascii() {
        byte
    } else {
        before.iter().filter(|&&b| is_char_start(b)).count()
    }
}

/// Converts a character offset in `text` to a byte offset (clamped to the end).
pub fn byte_offset(text: &str, chars: usize) -> usize {
    let bytes = text.as_bytes();
    let ascii = chars.min(bytes.len());
    if bytes[..ascii].is_ascii() {
        return ascii;
    }
    // Character starts counted a block at a time (the count vectorizes),
    // then the last stretch walked character by character.
    const BLOCK: usize = 64;
    let (mut byte, mut seen) = (0, 0);
    while byte + BLOCK <= bytes.len() {
        let starts = bytes[byte..byte + BLOCK]
            .iter()
            .filter(|&&b| is_char_start(b))
            .count();
        if seen + starts > chars {
            break;
        }
        seen += starts;
        byte += BLOCK;
    }
    if !text.is_char_boundary(byte) {
        // Inside a character whose start was counted: back to that start.
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        seen -= 1;
    }
    text[byte..]
        .char_indices()
        .nth(chars - seen)
        .map_or(text.len(), |(i, _)| byte + i)
}

/// Whether a UTF-8 byte starts a character (is not a continuation byte).
pub(crate) fn is_char_start(b: u8) -> bool {
    (b as i8) >= -0x40
}

/// Converts increasing byte offsets of one text to char offsets in a single
/// pass overall (a 10 MB paragraph with thousands of events stays linear).
pub struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The char offset of byte `at`; `at` must not go backwards.
    pub fn at(&mut self, at: usize) -> usize {
        if at < self.byte {
            return char_offset(self.text, at);
        }
        self.chars += self.text[self.byte..at].chars().count();
        self.byte = at;
        self.chars
    }
}

/// Words searched for as prose writes them: as given ("refers"), capitalised
/// ("Refers") and in capitals ("REFERS"), not in any other mix of cases.
/// That restriction lets a vectorised searcher (Teddy) look for them, eight
/// times faster than an ASCII case-insensitive automaton, which must step
/// through every byte (0.15 s on 100 MB). Cues must not overlap one another
/// in text, as no match is found inside another.
pub struct CaseVariants {
    /// Searchers for up to [`PACKED_PATTERNS`] patterns each, and the cue
    /// each pattern is a form of.
    groups: Vec<(VariantSearcher, Vec<usize>)>,
}

enum VariantSearcher {
    Packed(aho_corasick::packed::Searcher),
    /// Where the CPU has no vector unit the packed searcher needs.
    Automaton(aho_corasick::AhoCorasick),
}

/// The most patterns one packed searcher is built for.
const PACKED_PATTERNS: usize = 64;

impl CaseVariants {
    pub fn new(cues: &[&str]) -> CaseVariants {
        CaseVariants::build(cues, true)
    }

    /// With `vectorised` false, an automaton takes the place of the packed
    /// searcher, as on a CPU without one.
    fn build(cues: &[&str], vectorised: bool) -> CaseVariants {
        let mut forms: Vec<(String, usize)> = Vec::new();
        for (i, cue) in cues.iter().enumerate() {
            let mut chars = cue.chars();
            let capitalised: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for form in [cue.to_string(), capitalised, cue.to_uppercase()] {
                if !forms.iter().any(|(f, _)| *f == form) {
                    forms.push((form, i));
                }
            }
        }
        let groups = forms
            .chunks(PACKED_PATTERNS)
            .map(|group| {
                let patterns = group.iter().map(|(form, _)| form);
                let searcher = vectorised
                    .then(|| {
                        aho_corasick::packed::Config::new()
                            .builder()
                            .extend(patterns.clone())
                            .build()
                    })
                    .flatten()
                    .map(VariantSearcher::Packed)
                    .unwrap_or_else(|| {
                        VariantSearcher::Automaton(
                            aho_corasick::AhoCorasick::builder()
                                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                                .build(patterns)
                                .expect("cues are plain strings"),
                        )
                    });
                (searcher, group.iter().map(|(_, cue)| *cue).collect())
            })
            .collect();
        CaseVariants { groups }
    }

    /// Calls `found` with each match (the cue's index, the match's range),
    /// a group of forms at a time, until it returns true; returns whether
    /// it did.
    pub fn any(&self, text: &str, mut found: impl FnMut(usize, Range<usize>) -> bool) -> bool {
        self.groups.iter().any(|(searcher, cue)| match searcher {
            VariantSearcher::Packed(s) => s
                .find_iter(text)
                .any(|m| found(cue[m.pattern().as_usize()], m.range())),
            VariantSearcher::Automaton(a) => a
                .find_iter(text)
                .any(|m| found(cue[m.pattern().as_usize()], m.range())),
        })
    }

    /// Every match, as (cue's index, range), in order of start.
    pub fn find_all(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut all = Vec::new();
        self.any(text, |cue, range| {
            all.push((cue, range));
            false
        });
        if self.groups.len() > 1 {
            all.sort_unstable_by_key(|(_, range)| range.start);
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_sentence_ends_only() {
        assert_eq!(
            split("Gen. Reed visited Tokyo. He met the U.S. envoy. Then “we left.” Done"),
            vec![
                "Gen. Reed visited Tokyo.",
                "He met the U.S. envoy.",
                "Then “we left.”",
                "Done"
            ]
        );
    }

    #[test]
    fn citation_marks_close_their_sentence() {
        assert_eq!(
            split("It is food.[1] Cooks train.[2][3] Thai food[a] spread.[citation needed] Done."),
            vec![
                "It is food.[1]",
                "Cooks train.[2][3]",
                "Thai food[a] spread.[citation needed]",
                "Done."
            ]
        );
        assert_eq!(
            without_closing_citations("its cuisine.[5][6] "),
            "its cuisine."
        );
        assert_eq!(without_closing_citations("a list [x, y]"), "a list [x, y]");
        assert_eq!(without_closing_citations("[1]"), "");
        // A mark left open is none.
        assert_eq!(
            split("It ended.[1 Then it went."),
            vec!["It ended.[1 Then it went."]
        );
    }

    #[test]
    fn an_abbreviation_can_end_a_sentence() {
        assert_eq!(
            split("Sales fell in the U.S. The rest of Acme Inc. It grew. Ask Acme Inc. Tokyo."),
            vec![
                "Sales fell in the U.S.",
                "The rest of Acme Inc.",
                "It grew.",
                "Ask Acme Inc. Tokyo."
            ]
        );
        // Titles and initials always lead into a name.
        assert_eq!(split("Dr. The Smith"), vec!["Dr. The Smith"]);
    }

    #[test]
    fn case_variants_find_the_forms_prose_writes() {
        let text = "It refers to X. Refers to Y. REFERS to Z. ReFeRs not; the term, Terms, \
                    TERM; preferred.";
        let found = |cues: &CaseVariants| -> Vec<(usize, &str)> {
            cues.find_all(text)
                .into_iter()
                .map(|(cue, range)| (cue, &text[range]))
                .collect()
        };
        for vectorised in [true, false] {
            let cues = CaseVariants::build(&["refer", "term"], vectorised);
            assert_eq!(
                found(&cues),
                [
                    (0, "refer"),
                    (0, "Refer"),
                    (0, "REFER"),
                    (1, "term"),
                    (1, "Term"),
                    (1, "TERM"),
                    (0, "refer")
                ],
                "vectorised: {vectorised}"
            );
            assert!(cues.any(text, |cue, _| cue == 1));
            assert!(!cues.any("nothing here", |_, _| true));
            // Shorter than the vector searcher reads at once.
            assert_eq!(cues.find_all("TERM"), [(1, 0..4)]);
            assert_eq!(cues.find_all("a Refer"), [(0, 2..7)]);
        }
        // More forms than one packed searcher holds: the groups' matches
        // come back in the text's order.
        let words: Vec<String> = (0..40).map(|i| format!("w{i:02}x")).collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let text = "W39X w00x W20X w39x";
        for vectorised in [true, false] {
            let cues = CaseVariants::build(&words, vectorised);
            let found: Vec<usize> = cues.find_all(text).into_iter().map(|(c, _)| c).collect();
            assert_eq!(found, [39, 0, 20, 39], "vectorised: {vectorised}");
        }
    }

    #[test]
    fn offsets_convert_both_ways() {
        let text = "Japan’s aid";
        let byte = text.find("aid").unwrap();
        assert_eq!(char_offset(text, byte), 8);
        assert_eq!(byte_offset(text, 8), byte);
    }

    #[test]
    fn offsets_across_the_counting_blocks() {
        // Three-byte characters straddle every 64-byte block boundary.
        for text in ["’".repeat(100), format!("ab{}", "日本".repeat(60))] {
            for at in 0..=text.chars().count() + 1 {
                let expected = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
                assert_eq!(byte_offset(&text, at), expected, "{at}");
                assert_eq!(char_offset(&text, expected), at.min(text.chars().count()));
            }
        }
    }

    use proptest::prelude::Strategy as _;

    proptest::proptest! {
        /// Against the plain definitions, on text long enough for the
        /// block counting, with multi-byte characters anywhere.
        #[test]
        fn offsets_match_the_definitions(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("a".to_owned()),
                    proptest::strategy::Just("word ".repeat(9)),
                    proptest::prelude::any::<char>().prop_map(String::from),
                ],
                0..80,
            ),
            at in 0usize..400,
        ) {
            let text = pieces.concat();
            let expected = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(byte_offset(&text, at), expected);
            proptest::prop_assert_eq!(char_offset(&text, expected), text[..expected].chars().count());
        }
    }
}
