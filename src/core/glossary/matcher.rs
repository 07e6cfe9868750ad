//! Finds every glossary term and alias in one pass over a text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Texts at least this large are searched with a DFA (its build time pays off).
const DFA_TEXT_SIZE: usize = 1024 * 1024;
use std::ops::Range;

/// How the case of a match must agree with the term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// "sanctions" matches "Sanctions" and "SANCTIONS".
    Any,
    /// "Diet" (a parliament) needs a capital D: "diet" is a meal plan.
    InitialUpper,
    /// "SAR", "EU": acronyms match only as written.
    Exact,
}

impl CaseRule {
    fn of(term: &str) -> CaseRule {
        let upper = term.chars().filter(|c| c.is_uppercase()).count();
        if upper >= 2 || (upper == 1 && term.chars().count() <= 2) {
            CaseRule::Exact
        } else if term.chars().next().is_some_and(char::is_uppercase) {
            CaseRule::InitialUpper
        } else {
            CaseRule::Any
        }
    }

    fn accepts(self, pattern: &str, found: &str) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::InitialUpper => found.chars().next().is_some_and(char::is_uppercase),
            CaseRule::Exact => {
                // Compare the term part; the generated suffix ("s", "’s") may differ in case.
                pattern
                    .chars()
                    .zip(found.chars())
                    .all(|(p, f)| p == f || !p.is_alphabetic())
            }
        }
    }
}

/// A compiled set of terms, each identified by the caller's key.
pub struct TermMatcher {
    automaton: AhoCorasick,
    patterns: Vec<(usize, CaseRule, String)>,
}

impl TermMatcher {
    /// `terms` yields (key, term) pairs; plural and possessive forms are added.
    pub fn new<'a>(terms: impl IntoIterator<Item = (usize, &'a str)>) -> TermMatcher {
        Self::for_text_size(terms, 0)
    }

    /// Like [`TermMatcher::new`], for searching about `text_len` bytes: large
    /// texts get a DFA, which costs more to build and searches several times
    /// faster.
    pub fn for_text_size<'a>(
        terms: impl IntoIterator<Item = (usize, &'a str)>,
        text_len: usize,
    ) -> TermMatcher {
        let mut patterns = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (key, term) in terms {
            let term = term.trim();
            if term.chars().count() < 2 {
                continue;
            }
            let rule = CaseRule::of(term);
            for form in forms(term) {
                if seen.insert(form.to_lowercase()) {
                    patterns.push((key, rule, form));
                }
            }
        }
        let kind = (text_len >= DFA_TEXT_SIZE).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .kind(kind)
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(_, _, p)| p.as_str()))
            .expect("term patterns are plain strings");
        TermMatcher {
            automaton,
            patterns,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Matches in `text` as (key, byte range), on word boundaries, longest first.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
        self.automaton.find_iter(text).filter_map(move |m| {
            let (key, rule, pattern) = &self.patterns[m.pattern().as_usize()];
            let found = &text[m.range()];
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let bounded = !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char);
            (bounded && rule.accepts(pattern, found)).then(|| (*key, m.range()))
        })
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The term plus its simple plural and possessive forms.
fn forms(term: &str) -> Vec<String> {
    let mut out = vec![term.to_owned()];
    let last = term.chars().last().unwrap_or(' ');
    if last.is_alphanumeric() {
        let lower = term.to_lowercase();
        if lower.ends_with('s')
            || lower.ends_with('x')
            || lower.ends_with("ch")
            || lower.ends_with("sh")
        {
            out.push(format!("{term}es"));
        } else if lower.ends_with('y')
            && !lower.ends_with("ay")
            && !lower.ends_with("ey")
            && !lower.ends_with("oy")
        {
            out.push(format!("{}ies", &term[..term.len() - 1]));
            out.push(format!("{term}s"));
        } else {
            out.push(format!("{term}s"));
        }
        for apostrophe in ['\'', '’'] {
            out.push(format!("{term}{apostrophe}s"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(terms: &[&str], text: &str) -> Vec<(usize, String)> {
        let m = TermMatcher::new(terms.iter().copied().enumerate());
        m.find_iter(text)
            .map(|(k, r)| (k, text[r].to_owned()))
            .collect()
    }

    #[test]
    fn plural_possessive_and_case() {
        assert_eq!(
            found(
                &["security guarantee"],
                "Security guarantees matter; the guarantee’s terms"
            ),
            vec![(0, "Security guarantees".to_owned())]
        );
        assert_eq!(
            found(&["NATO"], "NATO’s ally, not nato"),
            vec![(0, "NATO’s".to_owned())]
        );
    }

    #[test]
    fn never_inside_a_word() {
        assert!(found(&["SAR"], "SARS and CAESAR").is_empty());
        assert!(found(&["aid"], "said, maiden").is_empty());
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            found(&["aid", "non-lethal aid"], "non-lethal aid"),
            vec![(1, "non-lethal aid".to_owned())]
        );
    }

    #[test]
    fn dfa_for_large_texts_finds_the_same_matches() {
        let terms = [
            "NATO",
            "security guarantee",
            "aid",
            "non-lethal aid",
            "Diet",
        ];
        let text =
            "NATO’s security guarantees and non-lethal aid; the Diet met, a diet of aid said";
        let small = TermMatcher::new(terms.iter().copied().enumerate());
        let large = TermMatcher::for_text_size(terms.iter().copied().enumerate(), usize::MAX);
        let found = |m: &TermMatcher| m.find_iter(text).collect::<Vec<_>>();
        assert_eq!(found(&small), found(&large));
        assert_eq!(found(&small).len(), 5);
    }

    #[test]
    fn capitalised_terms_need_a_capital() {
        assert_eq!(found(&["Diet"], "a diet of rice; the Diet voted").len(), 1);
    }
}
