//! Finds every glossary term and alias in one pass over a text.
//!
//! Terms only start where a word starts, so instead of an unanchored
//! Aho-Corasick search over every byte, the terms are walked from each word
//! start, byte by byte, and the walk stops as soon as no term can continue:
//! most words are turned away by a three-byte filter, and bytes inside words
//! are never looked at.
//!
//! Two structures serve the walk. Every matcher starts with its patterns
//! sorted: the terms that agree with the text so far are one range of the
//! list, and each byte narrows it (about 70 KB for the bundled glossary).
//! Once a matcher has searched a megabyte, it also builds an Aho-Corasick
//! trie (250 KB, and 360 KB more while it is built), walked the same way
//! and about 15% faster: a 3 KB article never pays for it, a book does
//! after its first pages.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    sorted: SortedPatterns,
    /// The terms as a trie, once [`TRIE_AFTER_BYTES`] have been searched;
    /// walked anchored, so failure links are never followed and a DFA (ten
    /// times the memory here) is no faster.
    trie: OnceLock<NFA>,
    searched: AtomicUsize,
    prefixes: PrefixFilter,
    all_start_with_word_chars: bool,
    patterns: Vec<(usize, CaseRule, String)>,
}

/// Which three-byte beginnings (ASCII-lowercased, folded to 15 bits) some
/// pattern has. Checking it costs one L1 read, while the trie's rows for long
/// prefixes are spread over megabytes: most words are turned away here.
struct PrefixFilter {
    bits: Vec<u64>,
}

impl PrefixFilter {
    const SLOTS: usize = 1 << 15;

    fn slot(b0: u8, b1: u8, b2: u8) -> usize {
        let fold = |b: u8| (b.to_ascii_lowercase() & 31) as usize;
        fold(b0) << 10 | fold(b1) << 5 | fold(b2)
    }

    /// The sorted patterns' buckets, and every slot a two-byte pattern may
    /// start, whatever follows it.
    fn new(sorted: &SortedPatterns) -> PrefixFilter {
        let mut bits = sorted.slots.clone();
        for &(pair, _) in &sorted.pairs {
            let [b0, b1] = pair.to_be_bytes();
            for b2 in 0..=31u8 {
                let slot = Self::slot(b0, b1, b2);
                bits[slot / 64] |= 1 << (slot % 64);
            }
        }
        PrefixFilter { bits }
    }

    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let byte = |i: usize| bytes.get(at + i).copied().unwrap_or(0);
        let slot = Self::slot(byte(0), byte(1), byte(2));
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// The patterns, ASCII-lowercased, in buckets by their first three bytes
/// (folded as [`PrefixFilter`] folds them) and sorted within each bucket,
/// so that the patterns which agree with a text on its first k bytes are
/// one range of a bucket, shorter before longer. Two-byte patterns ("EU")
/// are kept apart.
struct SortedPatterns {
    /// The lowercased patterns of three bytes or more back to back.
    bytes: Vec<u8>,
    /// Per pattern of three bytes or more, by bucket then bytes: its start
    /// and end in `bytes`, and its index in [`TermMatcher::patterns`].
    entries: Vec<(u32, u32, u32)>,
    /// Which three-byte slots hold a bucket, and the number of buckets
    /// before each word of that bit set: a bucket's rank is its place in
    /// `bucket_starts`.
    slots: Vec<u64>,
    ranks: Vec<u32>,
    /// `entries[bucket_starts[r]..bucket_starts[r + 1]]` is bucket r.
    bucket_starts: Vec<u32>,
    /// The two-byte patterns, lowercased and sorted, with their index.
    pairs: Vec<(u16, u32)>,
}

impl SortedPatterns {
    fn new(patterns: &[(usize, CaseRule, String)]) -> SortedPatterns {
        let offset = |n: usize| u32::try_from(n).expect("the terms fit in 4 GB");
        let mut pairs = Vec::new();
        let mut order = Vec::new();
        for (index, (_, _, pattern)) in patterns.iter().enumerate() {
            let lower = pattern.as_bytes().to_ascii_lowercase();
            if lower.len() == 2 {
                pairs.push((u16::from_be_bytes([lower[0], lower[1]]), offset(index)));
            } else if lower.len() >= 3 {
                // Single bytes never come: terms have two characters.
                let slot = PrefixFilter::slot(lower[0], lower[1], lower[2]);
                order.push((slot, lower, index));
            }
        }
        pairs.sort_unstable();
        order.sort_unstable();
        let mut bytes = Vec::with_capacity(order.iter().map(|(_, p, _)| p.len()).sum());
        let mut entries = Vec::with_capacity(order.len());
        let mut slots = vec![0u64; PrefixFilter::SLOTS / 64];
        let mut bucket_starts = Vec::new();
        for (slot, pattern, index) in order {
            if slots[slot / 64] & (1 << (slot % 64)) == 0 {
                slots[slot / 64] |= 1 << (slot % 64);
                bucket_starts.push(offset(entries.len()));
            }
            let start = offset(bytes.len());
            bytes.extend_from_slice(&pattern);
            entries.push((start, offset(bytes.len()), offset(index)));
        }
        bucket_starts.push(offset(entries.len()));
        let ranks = slots
            .iter()
            .scan(0, |before, word| {
                let rank = *before;
                *before += word.count_ones();
                Some(rank)
            })
            .collect();
        SortedPatterns {
            bytes,
            entries,
            slots,
            ranks,
            bucket_starts,
            pairs,
        }
    }

    /// Calls `found(index, end)` for each pattern that `text` holds at
    /// `start` (ASCII case aside), shortest first.
    fn walk(&self, text: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let byte = |i: usize| text.get(start + i).map_or(0, u8::to_ascii_lowercase);
        // A two-byte term needs a word's end after it: most words go on.
        if !self.pairs.is_empty()
            && start + 2 <= text.len()
            && !byte(2).is_ascii_alphanumeric()
            && let Ok(at) = self
                .pairs
                .binary_search_by_key(&u16::from_be_bytes([byte(0), byte(1)]), |p| p.0)
        {
            found(self.pairs[at].1 as usize, start + 2);
        }
        let slot = PrefixFilter::slot(byte(0), byte(1), byte(2));
        let (word, bit) = (slot / 64, 1u64 << (slot % 64));
        if self.slots[word] & bit == 0 {
            return;
        }
        let rank = (self.ranks[word] + (self.slots[word] & (bit - 1)).count_ones()) as usize;
        let (mut lo, mut hi) = (
            self.bucket_starts[rank] as usize,
            self.bucket_starts[rank + 1] as usize,
        );
        let mut k = 0;
        while lo < hi {
            // Every pattern in lo..hi agrees with text[start..start + k];
            // patterns are unique, so at most one of them ends here, and
            // it sorts first.
            let (from, to, index) = self.entries[lo];
            if (to - from) as usize == k {
                found(index as usize, start + k);
                lo += 1;
                continue;
            }
            let Some(&c) = text.get(start + k) else {
                return;
            };
            let c = c.to_ascii_lowercase();
            let byte_at = |&(from, _, _): &(u32, u32, u32)| self.bytes[from as usize + k];
            let (low, high) = (byte_at(&self.entries[lo]), byte_at(&self.entries[hi - 1]));
            if low == high {
                // The whole range goes on with one byte, as along a
                // branchless stretch of a trie: no search.
                if c != low {
                    return;
                }
            } else {
                let range = &self.entries[lo..hi];
                hi = lo + range.partition_point(|e| byte_at(e) <= c);
                lo += range.partition_point(|e| byte_at(e) < c);
            }
            k += 1;
        }
    }
}

impl TermMatcher {
    /// `terms` yields (key, term) pairs; plural and possessive forms are added.
    pub fn new<'a>(terms: impl IntoIterator<Item = (usize, &'a str)>) -> TermMatcher {
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
        let sorted = SortedPatterns::new(&patterns);
        let prefixes = PrefixFilter::new(&sorted);
        let all_start_with_word_chars = patterns
            .iter()
            .all(|(_, _, p)| p.chars().next().is_some_and(is_word_char));
        TermMatcher {
            sorted,
            trie: OnceLock::new(),
            searched: AtomicUsize::new(0),
            prefixes,
            all_start_with_word_chars,
            patterns,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Matches in `text` as (key, byte range), on word boundaries, longest
    /// first, never overlapping.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> Box<dyn Iterator<Item = (usize, Range<usize>)> + 't> {
        self.note_search(text.len());
        if self.all_start_with_word_chars {
            Box::new(find_at_word_starts(self, text))
        } else {
            Box::new(find_at_every_boundary(self, text))
        }
    }

    #[cfg(test)]
    fn find_at_word_starts<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
        find_at_word_starts(self, text)
    }

    #[cfg(test)]
    fn find_at_every_boundary<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
        find_at_every_boundary(self, text)
    }

    /// The longest term starting at `start` that ends on a word boundary and
    /// agrees in case: (key, end). Every pattern on the walk is checked, so
    /// a shorter one still counts when a longer one fails the checks.
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        if let Some(trie) = self.trie.get() {
            return self.longest_on_trie(trie, text, start);
        }
        let mut best = None;
        self.sorted.walk(text.as_bytes(), start, |index, end| {
            let (key, rule, pattern) = &self.patterns[index];
            if text.is_char_boundary(end)
                && !text[end..].chars().next().is_some_and(is_word_char)
                && rule.accepts(pattern, &text[start..end])
            {
                best = Some((*key, end));
            }
        });
        best
    }

    /// [`TermMatcher::longest_at`] on the trie.
    fn longest_on_trie(&self, trie: &NFA, text: &str, start: usize) -> Option<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut sid = trie.start_state(Anchored::Yes).ok()?;
        let mut best = None;
        for (at, &byte) in bytes.iter().enumerate().skip(start) {
            sid = trie.next_state(Anchored::Yes, sid, byte);
            if !trie.is_special(sid) {
                continue;
            }
            if trie.is_dead(sid) {
                break;
            }
            let end = at + 1;
            for index in 0..trie.match_len(sid) {
                let pid = trie.match_pattern(sid, index);
                // Match states also carry the matches of their failure
                // states, which start later than `start`.
                if end - trie.pattern_len(pid) != start || !text.is_char_boundary(end) {
                    continue;
                }
                let (key, rule, pattern) = &self.patterns[pid.as_usize()];
                let bounded = !text[end..].chars().next().is_some_and(is_word_char);
                if bounded && rule.accepts(pattern, &text[start..end]) {
                    best = Some((*key, end));
                }
            }
        }
        best
    }

    /// Counts the text about to be searched, and builds the trie once the
    /// count reaches [`TRIE_AFTER_BYTES`].
    fn note_search(&self, len: usize) {
        if self.trie.get().is_some() {
            return;
        }
        let searched = self.searched.fetch_add(len, Ordering::Relaxed) + len;
        if searched >= TRIE_AFTER_BYTES {
            self.build_trie();
        }
    }

    fn build_trie(&self) -> &NFA {
        self.trie.get_or_init(|| {
            // Standard semantics: every pattern ending on the walk is
            // reported, so the longest one that also passes the boundary
            // and case checks wins.
            aho_corasick::nfa::contiguous::Builder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(self.patterns.iter().map(|(_, _, p)| p.as_str()))
                .expect("term patterns are plain strings")
        })
    }
}

/// How much text a matcher searches before it builds its trie.
const TRIE_AFTER_BYTES: usize = 1 << 20;

/// What a scan needs from a set of terms: whether a match may start at a
/// position (a cheap filter), and the longest match there as (key, end).
trait Longest {
    fn may_start(&self, bytes: &[u8], at: usize) -> bool;
    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)>;
}

impl Longest for TermMatcher {
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        self.prefixes.may_start(bytes, at)
    }

    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        TermMatcher::longest_at(self, text, start)
    }
}

/// Several matchers searched as one, as if their terms had been compiled
/// together: at each position the longest match of any layer wins, and on
/// equal length the earlier layer. Each layer's keys go through its own
/// table, so a matcher compiled once for a shared glossary serves every
/// article (a feed's thousands of items used to compile it thousands of times).
pub struct Layers<'m> {
    layers: Vec<(&'m TermMatcher, Option<&'m [usize]>)>,
}

impl<'m> Layers<'m> {
    pub fn new() -> Layers<'m> {
        Layers { layers: Vec::new() }
    }

    /// Adds a layer; with `keys`, its key k is reported as `keys[k]`.
    pub fn push(&mut self, matcher: &'m TermMatcher, keys: Option<&'m [usize]>) {
        if !matcher.is_empty() {
            self.layers.push((matcher, keys));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }

    /// Matches as [`TermMatcher::find_iter`] gives them.
    pub fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> Box<dyn Iterator<Item = (usize, Range<usize>)> + 't> {
        for (matcher, _) in &self.layers {
            matcher.note_search(text.len());
        }
        if self.layers.iter().all(|(m, _)| m.all_start_with_word_chars) {
            Box::new(find_at_word_starts(self, text))
        } else {
            Box::new(find_at_every_boundary(self, text))
        }
    }
}

impl Default for Layers<'_> {
    fn default() -> Self {
        Layers::new()
    }
}

impl Longest for Layers<'_> {
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        self.layers.iter().any(|(m, _)| m.may_start(bytes, at))
    }

    fn longest_at(&self, text: &str, start: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        for (matcher, keys) in &self.layers {
            if !matcher.may_start(text.as_bytes(), start) {
                continue;
            }
            if let Some((key, end)) = matcher.longest_at(text, start)
                && best.is_none_or(|(_, b)| end > b)
            {
                best = Some((keys.map_or(key, |k| k[key]), end));
            }
        }
        best
    }
}

/// The fast path, when every pattern starts with a letter or digit: word
/// starts are found 64 bytes at a time as a bit mask, and only those
/// positions are tried.
fn find_at_word_starts<'t, L: Longest>(
    terms: &'t L,
    text: &'t str,
) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
    let bytes = text.as_bytes();
    let (mut block, mut next_block) = (0, 0);
    let mut starts = 0u64;
    let mut resume = 0;
    let mut last_was_word = false;
    std::iter::from_fn(move || {
        loop {
            while starts != 0 {
                let at = block + starts.trailing_zeros() as usize;
                starts &= starts - 1;
                if at < resume || !terms.may_start(bytes, at) {
                    continue;
                }
                if let Some((key, end)) = terms.longest_at(text, at) {
                    resume = end;
                    return Some((key, at..end));
                }
            }
            if next_block >= bytes.len() {
                return None;
            }
            let word = word_mask(text, next_block, last_was_word);
            starts = word & !((word << 1) | u64::from(last_was_word));
            last_was_word = word >> 63 == 1;
            block = next_block;
            next_block += 64;
        }
    })
}

/// The exact path for patterns that start with punctuation ("#MeToo"):
/// every position after a non-word character is tried.
fn find_at_every_boundary<'t, L: Longest>(
    terms: &'t L,
    text: &'t str,
) -> impl Iterator<Item = (usize, Range<usize>)> + 't {
    let mut at = 0;
    let mut after_word = false;
    std::iter::from_fn(move || {
        let bytes = text.as_bytes();
        while at < bytes.len() {
            let byte = bytes[at];
            let (is_word, width) = if byte.is_ascii() {
                (byte.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[at..].chars().next().expect("at is a char boundary");
                (c.is_alphanumeric(), c.len_utf8())
            };
            if !after_word
                && terms.may_start(bytes, at)
                && let Some((key, end)) = terms.longest_at(text, at)
            {
                let start = at;
                at = end;
                after_word = text[..end].chars().next_back().is_some_and(is_word_char);
                return Some((key, start..end));
            }
            after_word = is_word;
            at += width;
        }
        None
    })
}

/// Bit i is set when byte `block + i` belongs to a word character (a letter
/// or digit, ASCII or not). `last_was_word` says whether the character
/// ending the previous block was one, for continuation bytes at the start.
fn word_mask(text: &str, block: usize, last_was_word: bool) -> u64 {
    let bytes = &text.as_bytes()[block..(block + 64).min(text.len())];
    let mut word = 0u64;
    let mut high = 0u64;
    let mut lanes = bytes.chunks_exact(8);
    for (n, lane) in lanes.by_ref().enumerate() {
        let (alnum, non_ascii) = swar_classify(u64::from_le_bytes(
            lane.try_into().expect("chunks of eight"),
        ));
        word |= alnum << (8 * n);
        high |= non_ascii << (8 * n);
    }
    let tail = lanes.remainder();
    for (i, &b) in tail.iter().enumerate() {
        let i = bytes.len() - tail.len() + i;
        let alnum = (b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10;
        word |= u64::from(alnum) << i;
        high |= u64::from(b >= 0x80) << i;
    }
    if high != 0 {
        let mut char_is_word = last_was_word;
        let mut rest = high;
        while rest != 0 {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if bytes[i] & 0xC0 != 0x80 {
                char_is_word = text[block + i..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            }
            word |= u64::from(char_is_word) << i;
        }
    }
    word
}

/// For eight bytes at once (SWAR): which are ASCII letters or digits, and
/// which are not ASCII, each as eight bits (bit i for byte i).
fn swar_classify(x: u64) -> (u64, u64) {
    const fn splat(b: u8) -> u64 {
        b as u64 * 0x0101_0101_0101_0101
    }
    const HIGH: u64 = splat(0x80);
    // Clearing the high bit keeps every lane below 0x80, so the additions
    // below never carry into the next lane.
    let ascii = x & !HIGH;
    let at_least = |v: u64, lo: u8| v + splat(0x80 - lo);
    let above = |v: u64, hi: u8| v + splat(0x7F - hi);
    let folded = ascii | splat(0x20);
    let letter = at_least(folded, b'a') & !above(folded, b'z');
    let digit = at_least(ascii, b'0') & !above(ascii, b'9');
    let alnum = (letter | digit) & !x & HIGH;
    // Gathers the top bit of each lane into the low byte.
    let gather = |v: u64| (v >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
    (gather(alnum), gather(x & HIGH))
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
    fn both_search_paths_find_the_same_matches() {
        let terms = [
            "NATO",
            "security guarantee",
            "aid",
            "non-lethal aid",
            "Diet",
        ];
        let text =
            "NATO’s security guarantees and non-lethal aid; the Diet met, a diet of aid said";
        let m = TermMatcher::new(terms.iter().copied().enumerate());
        let fast: Vec<_> = m.find_at_word_starts(text).collect();
        assert_eq!(fast, m.find_at_every_boundary(text).collect::<Vec<_>>());
        assert_eq!(fast.len(), 5);
    }

    #[test]
    fn the_trie_is_built_once_a_megabyte_is_searched() {
        let m = TermMatcher::new([(0, "sanctions"), (1, "security guarantee")]);
        let page = "Sanctions, security guarantees and more sanctions. ".repeat(1000);
        assert_eq!(m.find_iter(&page).count(), 3000);
        assert!(m.trie.get().is_none(), "a page walks the sorted patterns");
        let book = page.repeat(25);
        assert!(book.len() >= TRIE_AFTER_BYTES);
        assert_eq!(m.find_iter(&book).count(), 75_000);
        assert!(m.trie.get().is_some(), "a book walks the trie");
    }

    #[test]
    fn capitalised_terms_need_a_capital() {
        assert_eq!(found(&["Diet"], "a diet of rice; the Diet voted").len(), 1);
    }

    /// The definition of a match, checked naively at every position.
    fn reference(terms: &[&str], text: &str) -> Vec<(usize, Range<usize>)> {
        let m = TermMatcher::new(terms.iter().copied().enumerate());
        let mut out = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let after_word = text[..at].chars().next_back().is_some_and(is_word_char);
            let best = (!after_word)
                .then(|| {
                    m.patterns
                        .iter()
                        .filter(|(_, rule, p)| {
                            let end = at + p.len();
                            text.get(at..end).is_some_and(|found| {
                                found.eq_ignore_ascii_case(p)
                                    && !text[end..].chars().next().is_some_and(is_word_char)
                                    && rule.accepts(p, found)
                            })
                        })
                        .max_by_key(|(_, _, p)| p.len())
                })
                .flatten();
            match best {
                Some((key, _, p)) => {
                    out.push((*key, at..at + p.len()));
                    at += p.len();
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }

    #[test]
    fn layers_map_keys_and_prefer_the_longer_match() {
        let own = TermMatcher::new([(0, "security guarantees")]);
        let shared = TermMatcher::new([(0, "security"), (1, "NATO")]);
        let keys = [7, 8];
        let mut layers = Layers::new();
        layers.push(&own, None);
        layers.push(&shared, Some(&keys));
        let text = "NATO security guarantees and security";
        let found: Vec<_> = layers.find_iter(text).map(|(k, r)| (k, &text[r])).collect();
        assert_eq!(
            found,
            [(8, "NATO"), (0, "security guarantees"), (7, "security")]
        );
        // The same form in two layers: the earlier layer's entry (the article's
        // own definition) wins, as the first of duplicates does in one matcher.
        let mut layers = Layers::new();
        let own = TermMatcher::new([(0, "nato")]);
        layers.push(&own, None);
        layers.push(&shared, Some(&keys));
        assert_eq!(layers.find_iter("NATO").next(), Some((0, 0..4)));
    }

    proptest::proptest! {
        /// Terms split over two layers match as if compiled together, as long
        /// as no form is in both (then the earlier layer's wins, see `Layers`).
        #[test]
        fn layers_match_as_one_matcher(
            terms in proptest::collection::vec("[aAbé’ -]{1,6}", 2..7),
            split in 1usize..6,
            text in "[aAbBé’ß .s'-]{0,200}",
        ) {
            let split = split.min(terms.len() - 1);
            let forms_of = |ts: &[String]| -> std::collections::HashSet<String> {
                ts.iter().flat_map(|t| forms(t.trim())).map(|f| f.to_lowercase()).collect()
            };
            let (first, second) = terms.split_at(split);
            proptest::prop_assume!(forms_of(first).is_disjoint(&forms_of(second)));
            let whole = TermMatcher::new(terms.iter().map(String::as_str).enumerate());
            let a = TermMatcher::new(first.iter().map(String::as_str).enumerate());
            let b = TermMatcher::new(second.iter().map(String::as_str).enumerate());
            let keys: Vec<usize> = (split..terms.len()).collect();
            let mut layers = Layers::new();
            layers.push(&a, None);
            layers.push(&b, Some(&keys));
            proptest::prop_assert_eq!(
                layers.find_iter(&text).collect::<Vec<_>>(),
                whole.find_iter(&text).collect::<Vec<_>>()
            );
        }

        #[test]
        fn both_search_paths_agree_with_the_definition(
            terms in proptest::collection::vec("[aAbé’ -]{1,6}", 1..6),
            text in "[aAbBé’ß .s'-]{0,200}",
        ) {
            let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
            let expected = reference(&terms, &text);
            // On the sorted patterns, then on the trie.
            let m = TermMatcher::new(terms.iter().copied().enumerate());
            for trie in [false, true] {
                if trie {
                    m.build_trie();
                }
                proptest::prop_assert_eq!(m.trie.get().is_some(), trie);
                proptest::prop_assert_eq!(m.find_at_every_boundary(&text).collect::<Vec<_>>(), expected.clone());
                if m.all_start_with_word_chars {
                    proptest::prop_assert_eq!(m.find_at_word_starts(&text).collect::<Vec<_>>(), expected.clone());
                }
            }
        }
    }
}
