//! Data-driven clutter rules per platform (`assets/platforms.toml`).
//!
//! The build script transcribes the TOML file into `PLATFORMS`, each
//! pattern already lowercased and split at its `*`s: made at run time, the
//! first screen spent 25 µs on them.

#[derive(Debug)]
pub struct Platform {
    pub name: &'static str,
    pub signature: &'static [Pattern],
    pub header: &'static [Pattern],
    pub paid: &'static [Pattern],
    pub anywhere: &'static [Pattern],
    pub paywall: &'static [Pattern],
    pub footer: &'static [Pattern],
    pub end: &'static [Pattern],
    /// A box inside the story runs from a line matching one of these...
    pub aside_start: &'static [Pattern],
    /// ...to the next line matching one of these.
    pub aside_end: &'static [Pattern],
    /// A line heading a list of other stories inside the story.
    pub links: &'static [Pattern],
}

/// Every platform of `assets/platforms.toml`, in file order.
const PLATFORMS: &[Platform] = include!(concat!(env!("OUT_DIR"), "/platform_rules.rs"));

/// All known platforms.
pub fn platforms() -> &'static [Platform] {
    PLATFORMS
}

/// A whole-line pattern: case-insensitive, `*` matches any run of characters.
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    /// As written in the rules file.
    #[allow(dead_code)] // read by the tests, kept for `Debug`.
    source: &'static str,
    /// Lowercased literal pieces between the `*`s.
    pieces: &'static [&'static str],
    anchored_start: bool,
    anchored_end: bool,
}

impl Pattern {
    /// Words of literal text the pattern asks for ("Keep reading with a
    /// *-day free trial" has seven, "Read more" two).
    pub fn literal_words(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }

    pub fn matches(&self, line: &str) -> bool {
        self.matches_lower(&line.trim().to_lowercase())
    }

    /// Like [`Pattern::matches`] on a line already trimmed and lowercased, so
    /// one line is lowercased once for a whole rule set.
    pub fn matches_lower(&self, line: &str) -> bool {
        let mut rest = line;
        let last = self.pieces.len().saturating_sub(1);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i == 0 && self.anchored_start {
                match rest.strip_prefix(piece) {
                    Some(r) => rest = r,
                    None => return false,
                }
            } else if i == last && self.anchored_end {
                // The last piece must end the line, after at least what came before.
                return rest.ends_with(piece) && rest.len() >= piece.len();
            } else {
                match rest.find(piece) {
                    Some(at) => rest = &rest[at + piece.len()..],
                    None => return false,
                }
            }
        }
        !self.anchored_end || rest.is_empty() || self.pieces.is_empty()
    }
}

/// Which lines a set of patterns could match, told from a line's first and
/// last bytes without lowercasing it: a large plain text has hundreds of
/// thousands of short lines, each lowercased and tried against every
/// pattern of a set three times over (platform signatures, paywall,
/// footer), a quarter of its single-threaded parse.
///
/// Exact, never a false "no": a pattern anchored at the start matches only
/// a line whose lowercased first byte is its first piece's, and an ASCII
/// byte lowercases to an ASCII byte; likewise at the end. A line starting
/// or ending with a non-ASCII byte is always tried, as is every line when
/// some pattern is anchored at neither end.
#[derive(Debug, Clone)]
pub struct LineFilter {
    /// For each lowercased first byte, the longest line a pattern anchored
    /// there could match (0: none; `u16::MAX`: one with a `*`).
    first: [u16; 128],
    /// Likewise for last bytes.
    last: [u16; 128],
    /// Patterns without a `*` that start and end in ASCII, by lowercased
    /// first byte: the last bytes they end in (bit per byte) and the
    /// longest line they could match. Both ends must fit: "This article is
    /// part of …" alone sent every short line starting with a "T" to be
    /// lowercased (4 % of the dump of 100 MB).
    exact_last: [u128; 128],
    exact_longest: [u16; 128],
    any: bool,
}

impl LineFilter {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a Pattern>) -> LineFilter {
        let mut filter = LineFilter {
            first: [0; 128],
            last: [0; 128],
            exact_last: [0; 128],
            exact_longest: [0; 128],
            any: false,
        };
        for pattern in patterns {
            let first = pattern.pieces.first().and_then(|p| p.bytes().next());
            let last = pattern.pieces.last().and_then(|p| p.bytes().next_back());
            // "Read more" matches only a line of its length, or at most three
            // times as many bytes before lowercasing (the Kelvin sign, three
            // bytes, lowercases to "k"): prose that starts with an "R" is not
            // lowercased to be tried against it.
            let exact = pattern.anchored_start && pattern.anchored_end && pattern.pieces.len() == 1;
            let longest = if exact {
                u16::try_from(pattern.pieces[0].len() * 3).unwrap_or(u16::MAX)
            } else {
                u16::MAX
            };
            let note = |table: &mut [u16; 128], b: u8| {
                if let Some(seen) = table.get_mut(usize::from(b)) {
                    *seen = (*seen).max(longest);
                }
            };
            match (first, last) {
                (Some(f), Some(l)) if exact && f.is_ascii() && l.is_ascii() => {
                    let f = usize::from(f.to_ascii_lowercase());
                    filter.exact_last[f] |= 1 << l.to_ascii_lowercase();
                    filter.exact_longest[f] = filter.exact_longest[f].max(longest);
                }
                (Some(b), _) if pattern.anchored_start => note(&mut filter.first, b),
                (_, Some(b)) if pattern.anchored_end => note(&mut filter.last, b),
                _ => filter.any = true,
            }
        }
        filter
    }

    /// False when no pattern of the set can match the trimmed `line`.
    #[inline]
    pub fn may_match(&self, line: &str) -> bool {
        let (Some(&first), Some(&last)) = (line.as_bytes().first(), line.as_bytes().last()) else {
            return self.any;
        };
        let seen = |table: &[u16; 128], b: u8| {
            table
                .get(usize::from(b.to_ascii_lowercase()))
                .is_none_or(|&longest| line.len() <= usize::from(longest))
        };
        // Non-ASCII at either end may lowercase to anything.
        let exact = !first.is_ascii()
            || !last.is_ascii()
            || (self.exact_last[usize::from(first.to_ascii_lowercase())]
                >> last.to_ascii_lowercase()
                & 1
                == 1
                && line.len()
                    <= usize::from(self.exact_longest[usize::from(first.to_ascii_lowercase())]));
        self.any || seen(&self.first, first) || seen(&self.last, last) || exact
    }
}

/// "1,204 Likes 318 Retweets", "41 6 3 Share", "12 reposts · 40 likes": a
/// short line of counts and the `labels` they count (lowercase), at least
/// one label among them, as buttons and posts show their engagement.
pub(crate) fn only_counts_and(line: &str, labels: &[&str]) -> bool {
    const MAX_WORDS: usize = 12;
    if line.len() > 120 {
        return false;
    }
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == '·')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_count = |w: &str| {
        let digits = w.trim_end_matches(['k', 'm']);
        !digits.is_empty()
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    };
    words.len() <= MAX_WORDS
        && words.iter().any(|w| labels.contains(&w.as_str()))
        && words
            .iter()
            .all(|w| is_count(w) || labels.contains(&w.as_str()))
}

/// Clutter is always a short line; longer ones are text and never checked.
pub const MAX_CLUTTER_LINE: usize = 300;

pub fn any_matches(patterns: &[Pattern], line: &str) -> bool {
    if line.len() > MAX_CLUTTER_LINE {
        return false;
    }
    let lower = line.trim().to_lowercase();
    patterns.iter().any(|p| p.matches_lower(&lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the build script makes of a rule, made here the plain way.
    fn pat(source: &str) -> Pattern {
        let lower: &'static str = String::leak(source.to_lowercase());
        let pieces: Vec<&'static str> = lower.split('*').filter(|p| !p.is_empty()).collect();
        Pattern {
            source: String::leak(source.to_owned()),
            pieces: Vec::leak(pieces),
            anchored_start: !lower.starts_with('*'),
            anchored_end: !lower.ends_with('*'),
        }
    }

    /// Every rule of every kind.
    fn every_rule() -> Vec<&'static Pattern> {
        platforms()
            .iter()
            .flat_map(|p| {
                [
                    p.signature,
                    p.header,
                    p.paid,
                    p.anywhere,
                    p.paywall,
                    p.footer,
                    p.end,
                    p.aside_start,
                    p.aside_end,
                    p.links,
                ]
            })
            .flatten()
            .collect()
    }

    #[test]
    fn the_line_filter_turns_lines_away() {
        let filter = LineFilter::new([pat("Share"), pat("* min read")].iter());
        assert!(filter.may_match("SHARE"));
        assert!(filter.may_match("4 MIN READ"));
        assert!(!filter.may_match("Japan has sent drones."));
        // A rule without a `*` matches only lines about its length.
        assert!(!filter.may_match("Shelling resumed overnight in the east."));
        assert!(filter.may_match("Sauce"));
        // Nor one that ends otherwise.
        assert!(!filter.may_match("Shelling"));
        // Non-ASCII at either end: lowercasing could make it anything.
        assert!(filter.may_match("Ünterwegs"));
        assert!(filter.may_match("das Ü"));
        // A rule open at both ends lets every line through.
        assert!(LineFilter::new([pat("* © *")].iter()).may_match("Japan"));
    }

    proptest::proptest! {
        /// The filter never turns away a line that one of its rules
        /// matches: lines made from the rules themselves, their letters in
        /// any case, their `*`s filled, and text of any kind around them.
        #[test]
        fn the_line_filter_keeps_every_line_a_rule_matches(
            rule in proptest::sample::select(every_rule()),
            fill in proptest::sample::select(&["", "x", "Ünï", "İ", "K", "9", " a b "][..]),
            before in proptest::sample::select(&["", " ", "Ä", "s", "\u{212a}", "·"][..]),
            after in proptest::sample::select(&["", " ", "Ä", "d", "\u{130}", "."][..]),
            upper in proptest::collection::vec(proptest::bool::ANY, 0..64),
        ) {
            let line: String = format!("{before}{}{after}", rule.source.replace('*', fill))
                .chars()
                .zip(upper.iter().chain(std::iter::repeat(&false)))
                .flat_map(|(c, up)| {
                    let cased: Vec<char> = if *up { c.to_uppercase().collect() } else { vec![c] };
                    cased
                })
                .collect();
            let filter = LineFilter::new(every_rule());
            let line = line.trim();
            if every_rule().iter().any(|p| p.matches(line)) {
                proptest::prop_assert!(filter.may_match(line), "{:?} turned away", line);
            }
            // And one rule's own filter, open to fewer lines.
            if rule.matches(line) {
                proptest::prop_assert!(LineFilter::new([rule]).may_match(line), "{:?}", line);
            }
        }
    }

    #[test]
    fn the_build_script_makes_every_rule_as_written() {
        let mut count = 0;
        for built in every_rule() {
            let made = pat(built.source);
            assert_eq!(built.pieces, made.pieces, "{:?}", built.source);
            assert_eq!(
                built.anchored_start, made.anchored_start,
                "{:?}",
                built.source
            );
            assert_eq!(built.anchored_end, made.anchored_end, "{:?}", built.source);
            count += 1;
        }
        assert!(count > 50, "only {count} rules");
    }

    #[test]
    fn rules_file_parses_with_every_platform() {
        let names: Vec<_> = platforms().iter().map(|p| p.name).collect();
        assert!(names.contains(&"substack") && names.contains(&"medium"));
        // Each kind of rule made it through the build script.
        let substack = &platforms()[0];
        for (kind, rules) in [
            ("signature", &substack.signature),
            ("header", &substack.header),
            ("paid", &substack.paid),
            ("anywhere", &substack.anywhere),
            ("paywall", &substack.paywall),
            ("footer", &substack.footer),
            ("end", &substack.end),
        ] {
            assert!(!rules.is_empty(), "substack has no {kind} rules");
        }
        let generic = platforms().iter().find(|p| p.name == "generic").unwrap();
        let any_matches = |rules: &[Pattern], line: &str| rules.iter().any(|p| p.matches(line));
        assert!(any_matches(generic.aside_start, "Sign up to Asia Briefing"));
        assert!(any_matches(generic.aside_end, "after newsletter promotion"));
        assert!(any_matches(generic.links, "Most Read from Bloomberg"));
        assert!(any_matches(substack.signature, "Ann Lee’s avatar"));
        assert!(any_matches(
            substack.paywall,
            "This post is for paid subscribers"
        ));
    }

    #[test]
    fn literal_patterns_match_whole_lines_only() {
        assert!(pat("Share").matches("  share "));
        assert!(!pat("Share").matches("Share this"));
    }

    #[test]
    fn wildcards_match_inside_and_at_ends() {
        let p = pat("Subscribe to * to keep reading this post*");
        assert!(
            p.matches("Subscribe to The Ledger to keep reading this post and get 7 days free.")
        );
        assert!(!p.matches("Subscribe to The Ledger"));
        assert!(pat("*'s avatar").matches("Ann Lee's avatar"));
        assert!(pat("© * *").matches("© 2025 Ann Lee"));
        assert!(!pat("© * *").matches("©"));
        assert!(pat("* min read").matches("8 min read"));
    }
}
