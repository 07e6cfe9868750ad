//! Finding a search query in block text, case-insensitively.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input};

/// A compiled search query. ASCII queries (nearly all) are searched with a
/// vectorised Aho-Corasick prefilter, case-insensitively for ASCII: on a
/// 100 MB document the search runs at memory speed instead of char by char.
/// An ASCII byte never occurs inside a multi-byte UTF-8 sequence, so every
/// match lies on char boundaries. Other queries fall back to comparing
/// lower-cased chars.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// Lowercased.
    query: String,
    ascii: Option<AhoCorasick>,
}

impl Finder {
    /// `query` is lowercased by the caller.
    pub fn new(query: &str) -> Finder {
        let ascii = (query.is_ascii() && !query.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .build([query])
                    .ok()
            })
            .flatten();
        Finder {
            query: query.to_owned(),
            ascii,
        }
    }

    /// The lowercased query; empty before the first search.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The first match starting at or after byte `at`.
    pub fn first_from(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        if at > text.len() {
            return None;
        }
        match &self.ascii {
            Some(ac) => ac
                .find(Input::new(text).span(at..text.len()))
                .map(|m| (m.start(), m.end())),
            None => self.slow_matches(text).into_iter().find(|(s, _)| *s >= at),
        }
    }

    /// The last match starting before byte `at`.
    pub fn last_before(&self, text: &str, at: usize) -> Option<(usize, usize)> {
        match &self.ascii {
            Some(_) => {
                let mut last = None;
                let mut from = 0;
                // Step one byte past each match so overlapping matches count.
                while let Some(m) = self.first_from(text, from) {
                    if m.0 >= at {
                        break;
                    }
                    last = Some(m);
                    from = m.0 + 1;
                }
                last
            }
            None => self
                .slow_matches(text)
                .into_iter()
                .rev()
                .find(|(s, _)| *s < at),
        }
    }

    /// How many matches in `text` start before byte `at`, and how many
    /// there are, counted as `n` steps through them (overlapping ones too).
    pub fn count(&self, text: &str, at: usize) -> (usize, usize) {
        let (mut before, mut total) = (0, 0);
        let mut tally = |start: usize| {
            before += usize::from(start < at);
            total += 1;
        };
        match &self.ascii {
            Some(_) => {
                let mut from = 0;
                while let Some((start, _)) = self.first_from(text, from) {
                    tally(start);
                    from = start + 1;
                }
            }
            None => self
                .slow_matches(text)
                .into_iter()
                .for_each(|(s, _)| tally(s)),
        }
        (before, total)
    }

    /// Every match in `text`, as byte ranges, in order (for highlighting).
    pub fn all(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.ascii {
            Some(ac) => ac.find_iter(text).map(|m| (m.start(), m.end())).collect(),
            None => self.slow_matches(text),
        }
    }

    fn slow_matches(&self, text: &str) -> Vec<(usize, usize)> {
        let query = self.query.as_str();
        if query.is_empty() {
            return Vec::new();
        }
        // Lowercasing can change lengths; match char by char on the original.
        let mut out = Vec::new();
        for (start, _) in text.char_indices() {
            let mut end = start;
            let mut rest = text[start..].chars().flat_map(char::to_lowercase);
            let mut ok = true;
            for q in query.chars() {
                match rest.next() {
                    Some(c) if c == q => {}
                    _ => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                // Find the end: the shortest prefix whose lowercase equals the query.
                let mut lowered = String::new();
                for (i, c) in text[start..].char_indices() {
                    lowered.extend(c.to_lowercase());
                    if lowered.len() >= query.len() {
                        end = start + i + c.len_utf8();
                        break;
                    }
                }
                if end > start {
                    out.push((start, end));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_queries_ignore_case_and_skip_non_ascii_text() {
        let f = Finder::new("tide");
        let text = "“Tide” tables: the TIDE turned";
        let all = f.all(text);
        assert_eq!(all.len(), 2);
        assert_eq!(&text[all[0].0..all[0].1], "Tide");
        assert_eq!(&text[all[1].0..all[1].1], "TIDE");
        assert_eq!(f.first_from(text, all[0].0 + 1), Some(all[1]));
        assert_eq!(f.last_before(text, all[1].0), Some(all[0]));
        assert_eq!(f.last_before(text, all[0].0), None);
    }

    /// Counted as `n` steps: every start, overlapping ones too, in both
    /// the fast and the char-by-char search.
    #[test]
    fn counts_agree_with_stepping_through_the_matches() {
        for (query, text) in [("aa", "AAaa a"), ("éé", "ÉÉé x éé")] {
            let f = Finder::new(query);
            let mut starts = Vec::new();
            let mut from = 0;
            while let Some((start, _)) = f.first_from(text, from) {
                starts.push(start);
                from = start + 1;
            }
            assert_eq!(f.count(text, usize::MAX), (starts.len(), starts.len()));
            assert_eq!(f.count(text, starts[1]), (1, starts.len()), "{query}");
            assert_eq!(f.count(text, 0), (0, starts.len()));
        }
        assert_eq!(Finder::new("aa").count("AAaa a", usize::MAX).1, 3);
    }

    #[test]
    fn non_ascii_queries_compare_lowercased_chars() {
        let f = Finder::new("müller");
        let text = "Herr MÜLLER und Frau Müller";
        let all = f.all(text);
        assert_eq!(all.len(), 2);
        assert_eq!(&text[all[0].0..all[0].1], "MÜLLER");
    }

    proptest::proptest! {
        #[test]
        fn finds_what_a_naive_scan_finds(
            text in "[aAbB’é ]{0,40}",
            query in "[ab]{1,3}",
            at in 0usize..50,
        ) {
            let f = Finder::new(&query);
            let lower = text.to_ascii_lowercase();
            let naive: Vec<usize> = (0..lower.len())
                .filter(|&i| lower.is_char_boundary(i) && lower[i..].starts_with(&query))
                .collect();
            let first = f.first_from(&text, at).map(|m| m.0);
            proptest::prop_assert_eq!(first, naive.iter().copied().find(|&s| s >= at));
            let last = f.last_before(&text, at).map(|m| m.0);
            proptest::prop_assert_eq!(last, naive.iter().copied().rev().find(|&s| s < at));
        }
    }
}
