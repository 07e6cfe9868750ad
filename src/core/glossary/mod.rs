//! Glossary: the terms an article defines, its acronyms, and entries from the
//! bundled and user glossaries that the article uses, each with every place it
//! occurs.

pub mod acronym;
pub mod definitions;
pub mod lexicon;
pub mod matcher;

use crate::core::model::{
    Block, BlockKind, EntryKind, EntrySource, GlossaryEntry, OtherDefinition, Span,
};
use crate::core::text::{CharCounter, byte_offset, char_offset};
use definitions::Strength;
use lexicon::Lexicon;
use matcher::{Layers, TermMatcher};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// How the reader names an entry: by its term, unless the text first
/// writes it another way, as where a bundled entry or a note was found by
/// an alias ("Ministry of Defense" for "MoD"): then by the words as written,
/// the term after them in brackets. An entry the article defines is named
/// as it defines it.
pub fn label<'a>(entry: &'a GlossaryEntry, blocks: &[Block]) -> Cow<'a, str> {
    let first = entry.occurrences.first();
    label_as_written(entry, first.and_then(|first| written_at(blocks, first)))
}

/// [`label`], given how the text first writes the entry.
pub fn label_as_written<'a>(entry: &'a GlossaryEntry, written: Option<&str>) -> Cow<'a, str> {
    let term = entry.term.as_str();
    let Some(written) = written.filter(|_| entry.source != EntrySource::Article) else {
        return Cow::Borrowed(term);
    };
    // "drones", "Japan’s", "Public diplomacy", "body armour", "flags of
    // convenience" are the term as written.
    let (written_lower, term_lower) = (written.to_lowercase(), term.to_lowercase());
    if written_lower.starts_with(&term_lower)
        || term_lower.starts_with(&written_lower)
        || spelt_alike(&written_lower, &term_lower)
    {
        Cow::Borrowed(term)
    } else {
        Cow::Owned(format!("{written} ({term})"))
    }
}

/// Whether two names of four letters or more differ by at most two edits
/// (a spelling's variant, a plural inside the name), not two names.
fn spelt_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 4 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    // Edit distance, a row at a time.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()] <= 2
}

/// The text at `span` of `blocks`, if they hold its block.
pub fn written_at<'b>(blocks: &'b [Block], span: &Span) -> Option<&'b str> {
    let id = span.block;
    let block = blocks
        .get(id as usize)
        .filter(|b| b.id == id)
        .or_else(|| blocks.iter().find(|b| b.id == id))?;
    let text = block.text.as_str();
    let start = byte_offset(text, span.start as usize);
    let len = span.end.saturating_sub(span.start) as usize;
    let end = start + byte_offset(&text[start..], len);
    Some(&text[start..end])
}

/// Builds the article's glossary: its own definitions first, then entries from
/// `lexicons` (bundled, user) that occur in the text. An article definition wins
/// over a file entry for the same term, which stays visible under `see_also`.
pub fn build(blocks: &[Block], lexicons: &[&Lexicon]) -> Vec<GlossaryEntry> {
    build_with(blocks, lexicons, Vec::new())
}

/// [`build`], with entries of the article's own found elsewhere: those the
/// parsed document defines ([`article_entries`]) when `blocks` are its raw
/// text. A given term the blocks define themselves is left out.
pub fn build_with(
    blocks: &[Block],
    lexicons: &[&Lexicon],
    given: Vec<GlossaryEntry>,
) -> Vec<GlossaryEntry> {
    let (mut entries, mut named_only) = ranked_article_entries(blocks);
    for entry in given {
        let key = entry.term.to_lowercase();
        if !entries.iter().any(|e| e.term.to_lowercase() == key) {
            entries.push(GlossaryEntry {
                defined_at: None,
                occurrences: Vec::new(),
                ..entry
            });
            named_only.push(false);
        }
    }
    let own = entries.len();
    let compiled: Vec<_> = lexicons.iter().map(|l| l.compiled()).collect();
    let (entry_of_item, mut pending) =
        merge_lexicons(&mut entries, &mut named_only, lexicons, &compiled);
    // "The shadow fleet is …; the so-called dark fleet has grown": a term
    // only named, which a lexicon gave another entry as an alias, is that
    // entry's; its own entry finds no use and is dropped.
    let mut folded = vec![false; own];
    if named_only[..own].contains(&true) {
        let mut alias_of: FxHashMap<String, usize> = FxHashMap::default();
        for (i, entry) in entries[..own].iter().enumerate() {
            for alias in &entry.aliases {
                alias_of.entry(alias.to_lowercase()).or_insert(i);
            }
        }
        for (j, fold) in folded.iter_mut().enumerate() {
            *fold = named_only[j]
                && alias_of
                    .get(&entries[j].term.to_lowercase())
                    .is_some_and(|&i| i != j);
        }
    }
    for (entry, _) in entries.iter_mut().zip(&folded).filter(|(_, f)| **f) {
        entry.defined_at = None;
    }
    // The article's own terms (with the aliases lexicons added to them) are
    // compiled here; each lexicon's terms were compiled once, for every article.
    let own_matcher = TermMatcher::new(
        entries[..own]
            .iter()
            .enumerate()
            .filter(|&(i, _)| !folded[i])
            .flat_map(|(i, e)| e.names().map(move |t| (i, t))),
    );
    let mut layers = Layers::new();
    layers.push(&own_matcher, None);
    for (lexicon, keys) in compiled.iter().zip(&entry_of_item) {
        layers.push(&lexicon.matcher, Some(keys));
    }
    attach_occurrences(&mut entries, blocks, &layers);
    for (entry, origin) in entries.iter_mut().zip(&mut pending) {
        if !entry.occurrences.is_empty() {
            fill_in(entry, origin, lexicons);
        }
    }
    entries.retain(|e| !e.occurrences.is_empty());
    // Kept as long as the article, and sized for every bundled entry until
    // now: a feed of 2,758 items held 135 MB of empty room.
    entries.shrink_to_fit();
    entries.sort_by_key(|e| e.occurrences.first().map(|s| (s.block, s.start)));
    entries
}

/// The entries an article defines itself, before they are matched. Also
/// what `gloss terms` is given from the parsed document, whose structure (a
/// glossary list, a page's `<dl>`) and inline markup (a link around
/// "(MSRV)") the raw input does not show.
pub fn article_entries(blocks: &[Block]) -> Vec<GlossaryEntry> {
    ranked_article_entries(blocks).0
}

/// [`article_entries`], and for each whether the text only names the term
/// ("the so-called dark fleet has grown") rather than defining it. A later,
/// plainer definition in another paragraph replaces a description.
fn ranked_article_entries(blocks: &[Block]) -> (Vec<GlossaryEntry>, Vec<bool>) {
    let mut entries: Vec<GlossaryEntry> = Vec::new();
    let mut strengths: Vec<Strength> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let glossary_list_items = glossary_list_items(blocks);
    // Terms that start a list item, capitalised only by their place there.
    let mut listed: Vec<usize> = Vec::new();
    // Code is not prose: "textwrap::wrap(text)" defines nothing.
    for block in blocks.iter().filter(|b| b.kind != BlockKind::Code) {
        let text = &block.text;
        for found in definitions::find(text) {
            let key = found.term.to_lowercase();
            if let Some(&existing) = index.get(&key) {
                let entry = &mut entries[existing];
                if found.strength > strengths[existing] {
                    entry.definition = found.definition;
                    entry.defined_at = Some(span(block, text, found.term_at));
                    strengths[existing] = found.strength;
                }
                for alias in found.aliases {
                    if !entry.names().any(|n| n.eq_ignore_ascii_case(&alias)) {
                        entry.aliases.push(alias);
                    }
                }
                continue;
            }
            index.insert(key, entries.len());
            strengths.push(found.strength);
            entries.push(GlossaryEntry {
                term: found.term,
                definition: found.definition,
                aliases: found.aliases,
                expansion: None,
                source: EntrySource::Article,
                kind: EntryKind::Definition,
                category: None,
                defined_at: Some(span(block, text, found.term_at)),
                see_also: Vec::new(),
                occurrences: Vec::new(),
            });
        }
        if let Some((term_at, definition)) = glossary_list_items
            .contains(&block.id)
            .then(|| definitions::list_item_definition(text))
            .flatten()
        {
            let term = &text[term_at.clone()];
            if let std::collections::hash_map::Entry::Vacant(slot) =
                index.entry(term.to_lowercase())
            {
                slot.insert(entries.len());
                listed.push(entries.len());
                strengths.push(Strength::Defined);
                entries.push(GlossaryEntry {
                    term: term.to_owned(),
                    definition: definition.to_owned(),
                    aliases: Vec::new(),
                    expansion: None,
                    source: EntrySource::Article,
                    kind: EntryKind::Definition,
                    category: None,
                    defined_at: Some(span(block, text, term_at)),
                    see_also: Vec::new(),
                    occurrences: Vec::new(),
                });
            }
        }
        for acronym in acronym::find_definitions(text) {
            let short = &text[acronym.short.clone()];
            let long = &text[acronym.long.clone()];
            let key = short.to_lowercase();
            if let Some(&existing) = index.get(&key) {
                let entry = &mut entries[existing];
                if entry.kind == EntryKind::Acronym
                    || entry.aliases.iter().any(|a| a.eq_ignore_ascii_case(long))
                {
                    continue;
                }
            }
            index.insert(key, entries.len());
            strengths.push(Strength::Defined);
            entries.push(GlossaryEntry {
                term: short.to_owned(),
                definition: long.to_owned(),
                aliases: vec![long.to_owned()],
                expansion: Some(long.to_owned()),
                source: EntrySource::Article,
                kind: EntryKind::Acronym,
                category: None,
                defined_at: Some(span(block, text, acronym.short.clone())),
                see_also: Vec::new(),
                occurrences: Vec::new(),
            });
        }
    }
    lowercase_positional_capitals(&mut entries, &listed, blocks);
    let named_only = strengths
        .iter()
        .map(|&s| s == Strength::Described)
        .collect();
    (entries, named_only)
}

/// "Draught: the depth of water a ship needs": a term that starts a list
/// item is capitalised by its place, and a capitalised term is matched only
/// with its capital ("Diet", the parliament). When the text also writes the
/// term in lower case ("the draught limits", "two slack waters"), it is a
/// common noun and is lowercased, so every use is found; a name ("Ishiba:
/// …") never is.
fn lowercase_positional_capitals(
    entries: &mut [GlossaryEntry],
    listed: &[usize],
    blocks: &[Block],
) {
    let lowered: Vec<(usize, String)> = listed
        .iter()
        .filter_map(|&i| {
            let term = &entries[i].term;
            let mut chars = term.chars();
            let initial_only =
                chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase);
            initial_only.then(|| (i, term.to_lowercase()))
        })
        .collect();
    // A glossary page has tens of terms; an automaton scan of a large
    // document for thousands is not worth it.
    if lowered.is_empty() || lowered.len() > 500 {
        return;
    }
    let Ok(searcher) = aho_corasick::AhoCorasick::new(lowered.iter().map(|(_, t)| t)) else {
        return;
    };
    let mut seen = vec![false; lowered.len()];
    for block in blocks.iter().filter(|b| b.kind != BlockKind::Code) {
        let text = block.text.as_str();
        for m in searcher.find_overlapping_iter(text) {
            // The term itself, or its plural or possessive ("two slack
            // waters"), which the matcher finds as well; not for a term of
            // a letter or two, whose "plural" is another word ("U", "us").
            let after = &text[m.end()..];
            let ends_word = |rest: &str| !rest.chars().next().is_some_and(char::is_alphanumeric);
            let inflected = || {
                m.len() >= 3
                    && ["s", "es", "'s", "\u{2019}s"]
                        .iter()
                        .any(|s| after.strip_prefix(s).is_some_and(ends_word))
            };
            let whole_word = !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && (ends_word(after) || inflected());
            if whole_word {
                seen[m.pattern().as_usize()] = true;
            }
        }
    }
    for ((i, term), seen) in lowered.into_iter().zip(seen) {
        if seen {
            entries[i].term = term;
        }
    }
}

/// Adds the lexicons' entries, merging those that name an entry already
/// there; returns, per lexicon, the entry each of its items went to, and
/// per entry the lexicon item it still has to be filled in from (see
/// [`fill_in`]).
fn merge_lexicons(
    entries: &mut Vec<GlossaryEntry>,
    named_only: &mut [bool],
    lexicons: &[&Lexicon],
    compiled: &[Arc<lexicon::Compiled>],
) -> (Vec<Vec<usize>>, Vec<Option<ItemRef>>) {
    let mut pending = vec![None; entries.len()];
    let mut entry_of_item = Vec::with_capacity(lexicons.len());
    // Every name seen so far, lowercased, with the entry it belongs to: the
    // article's own first, then those of each entry made for a lexicon item.
    // The lexicons' names were lowercased once, with their matchers; only
    // the article's are lowercased here, and the keys are borrowed.
    let own_names: Vec<(String, usize)> = entries
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.names().map(move |name| (name.to_lowercase(), i)))
        .collect();
    let names = own_names.len()
        + compiled
            .iter()
            .map(|c| c.lower_names.iter().map(|n| n.len()).sum::<usize>())
            .sum::<usize>();
    let mut by_name: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(names, Default::default());
    for (name, i) in &own_names {
        by_name.entry(name).or_insert(*i);
    }
    for (l, lexicon) in lexicons.iter().enumerate() {
        let lower_names = &compiled[l].lower_names;
        let mut went_to = Vec::with_capacity(lexicon.entries.len());
        for (n, item) in lexicon.entries.iter().enumerate() {
            let source = item.source.unwrap_or(EntrySource::Bundled);
            let existing = lower_names[n]
                .iter()
                .find_map(|name| by_name.get(name.as_str()).copied());
            went_to.push(existing.unwrap_or(entries.len()));
            match existing {
                Some(i) => {
                    let entry = &mut entries[i];
                    fill_in(entry, &mut pending[i], lexicons);
                    if named_only.get(i).copied().unwrap_or(false) {
                        // Only named by the article ("the so-called dark
                        // fleet"): the lexicon's explanation leads, and the
                        // article's sentence stays beside it.
                        named_only[i] = false;
                        let sentence =
                            std::mem::replace(&mut entry.definition, item.definition.clone());
                        entry.see_also.push(OtherDefinition {
                            source: EntrySource::Article,
                            definition: sentence,
                        });
                        entry.source = source;
                        entry.kind = EntryKind::Reference;
                        entry.defined_at = None;
                    } else {
                        entry.see_also.push(OtherDefinition {
                            source,
                            definition: item.definition.clone(),
                        });
                    }
                    for alias in item.names() {
                        let known = entry.names().any(|n| n.eq_ignore_ascii_case(alias));
                        if !known {
                            entry.aliases.push(alias.to_owned());
                        }
                    }
                    if entry.category.is_none() {
                        entry.category = item.category.clone();
                    }
                }
                None => {
                    let i = entries.len();
                    for name in lower_names[n].iter() {
                        by_name.entry(name).or_insert(i);
                    }
                    // Most of a lexicon never occurs in one article: its
                    // strings are copied only for the entries that do.
                    entries.push(GlossaryEntry {
                        term: String::new(),
                        definition: String::new(),
                        aliases: Vec::new(),
                        expansion: None,
                        source,
                        kind: EntryKind::Reference,
                        category: None,
                        defined_at: None,
                        see_also: Vec::new(),
                        occurrences: Vec::new(),
                    });
                    pending.push(Some((l, n)));
                }
            }
        }
        entry_of_item.push(went_to);
    }
    (entry_of_item, pending)
}

/// A lexicon item: the lexicon's index, then the item's.
type ItemRef = (usize, usize);

/// Copies a lexicon item's strings into the entry made for it, once.
fn fill_in(entry: &mut GlossaryEntry, origin: &mut Option<ItemRef>, lexicons: &[&Lexicon]) {
    if let Some((l, n)) = origin.take() {
        let item = &lexicons[l].entries[n];
        entry.term = item.term.clone();
        entry.definition = item.definition.clone();
        entry.aliases = item.aliases.clone();
        entry.category = item.category.clone();
    }
}

fn attach_occurrences(entries: &mut [GlossaryEntry], blocks: &[Block], matcher: &Layers) {
    if matcher.is_empty() {
        return;
    }
    // Code is not prose: a JSON sample's "10 Downing Street" uses no term.
    for block in blocks.iter().filter(|b| b.kind != BlockKind::Code) {
        // Matches come in text order, so char offsets are counted incrementally.
        let text = block.text.as_str();
        let mut chars = CharCounter::new(text);
        for (i, range) in matcher.find_iter(text) {
            let start = chars.at(range.start) as u32;
            let end = chars.at(range.end) as u32;
            entries[i].occurrences.push(Span {
                block: block.id,
                start,
                end,
            });
        }
    }
    // A definition site counts as an occurrence even when worded differently.
    for entry in entries.iter_mut() {
        if let Some(at) = entry.defined_at
            && !entry.occurrences.iter().any(|o| {
                o.block == at.block && o.start <= at.start && at.start < o.end.max(o.start + 1)
            })
        {
            let pos = entry
                .occurrences
                .partition_point(|o| (o.block, o.start) < (at.block, at.start));
            entry.occurrences.insert(pos, at);
        }
    }
}

/// The list items of a glossary written as a list, "ABI: Application
/// Binary Interface - …": runs of three or more items in a row that each
/// read as "term: explanation", no term twice (a changelog's "ci: …",
/// "ci: …" names parts, not terms).
fn glossary_list_items(blocks: &[Block]) -> std::collections::HashSet<u32> {
    let mut found = std::collections::HashSet::new();
    let mut run: Vec<(u32, String)> = Vec::new();
    let mut close = |run: &mut Vec<(u32, String)>| {
        let mut terms: Vec<&str> = run.iter().map(|(_, t)| t.as_str()).collect();
        terms.sort_unstable();
        terms.dedup();
        if run.len() >= 3 && terms.len() == run.len() {
            found.extend(run.iter().map(|(id, _)| *id));
        }
        run.clear();
    };
    for block in blocks {
        let term = matches!(block.kind, BlockKind::ListItem { .. })
            .then(|| definitions::list_item_definition(&block.text))
            .flatten()
            .map(|(at, _)| block.text[at].to_lowercase());
        match term {
            Some(term) => run.push((block.id, term)),
            None => close(&mut run),
        }
    }
    close(&mut run);
    found
}

fn span(block: &Block, text: &str, range: std::ops::Range<usize>) -> Span {
    Span {
        block: block.id,
        start: char_offset(text, range.start) as u32,
        end: char_offset(text, range.end) as u32,
    }
}
