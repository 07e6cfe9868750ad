//! Glossaries that come from files: the bundled one in `assets/glossary/` and the
//! reader's own notes. Both share the TOML schema documented in
//! `assets/glossary/README.md`.

use super::matcher::TermMatcher;
use crate::core::model::EntrySource;
use crate::core::sanitize::{sanitize, sanitize_inline};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// The bundled glossary files, embedded so gloss works from any directory.
const BUNDLED_FILES: &[(&str, &str)] = &[
    (
        "aid.toml",
        include_str!("../../../assets/glossary/aid.toml"),
    ),
    (
        "defence.toml",
        include_str!("../../../assets/glossary/defence.toml"),
    ),
    (
        "diplomacy.toml",
        include_str!("../../../assets/glossary/diplomacy.toml"),
    ),
    (
        "economics.toml",
        include_str!("../../../assets/glossary/economics.toml"),
    ),
    (
        "institutions.toml",
        include_str!("../../../assets/glossary/institutions.toml"),
    ),
    (
        "politics.toml",
        include_str!("../../../assets/glossary/politics.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LexiconEntry {
    pub term: String,
    pub definition: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(skip)]
    pub source: Option<EntrySource>,
}

impl LexiconEntry {
    /// The term, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Default, Deserialize, Serialize)]
struct LexiconFile {
    #[serde(default)]
    entry: Vec<LexiconEntry>,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<LexiconEntry>,
    compiled: CompiledTerms,
}

/// The lexicon's terms compiled once, for every article that is matched
/// against them; rebuilt when the terms and aliases change (the reader's
/// notes are edited in place). Clones share it: the fingerprint tells them apart.
#[derive(Clone, Default)]
struct CompiledTerms(Arc<Mutex<Option<Fingerprinted>>>);

/// A matcher and the fingerprint of the terms it was built from.
type Fingerprinted = (u64, Arc<Compiled>);

/// What every article needs of a lexicon, made once per lexicon (and again
/// only when its terms change).
pub struct Compiled {
    pub matcher: Arc<TermMatcher>,
    /// Each item's names, lowercased: its term, then its aliases. Merging
    /// an article's entries with the lexicon compares these; lowercasing
    /// them per article was a tenth of a 2,758-item feed's dump.
    pub lower_names: Vec<Box<[String]>>,
}

impl std::fmt::Debug for CompiledTerms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CompiledTerms")
    }
}

impl Lexicon {
    /// Parses one glossary file; every string is sanitized on the way in.
    pub fn parse(toml_text: &str, source: EntrySource) -> Result<Lexicon, toml::de::Error> {
        let file: LexiconFile = toml::from_str(toml_text)?;
        let entries = file
            .entry
            .into_iter()
            .map(|e| LexiconEntry {
                term: sanitize_inline(&e.term),
                definition: sanitize(&e.definition).trim().to_owned(),
                aliases: e
                    .aliases
                    .iter()
                    .map(|a| sanitize_inline(a))
                    .filter(|a| !a.is_empty())
                    .collect(),
                category: e.category.as_deref().map(sanitize_inline),
                source: Some(source),
            })
            .filter(|e| !e.term.is_empty())
            .collect();
        Ok(Lexicon {
            entries,
            compiled: CompiledTerms::default(),
        })
    }

    /// Applies the reader's note changes (term, text; an empty text removes
    /// the note) to a notes file's text, as [`Lexicon::set_note`] would, but
    /// in place: comments, order and every other key stay as written, so a
    /// file edited by hand keeps its shape. Errors when the text is not TOML
    /// or keeps its entries in another shape than `[[entry]]` tables.
    pub fn edit_notes_file(toml_text: &str, changes: &[(&str, &str)]) -> Result<String, String> {
        use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};
        let mut doc: DocumentMut = toml_text.parse().map_err(|e| format!("{e}"))?;
        // Comments before a removed table that a blank line parts from it
        // (the file's own header) stay, on the next table or at the end.
        let mut left_over = String::new();
        let entries = doc
            .entry("entry")
            .or_insert(Item::ArrayOfTables(ArrayOfTables::new()))
            .as_array_of_tables_mut()
            .ok_or("`entry` is not a list of [[entry]] tables")?;
        for &(term, text) in changes {
            let found = entries.iter().position(|t| {
                t.get("term")
                    .and_then(Item::as_str)
                    .is_some_and(|s| sanitize_inline(s).eq_ignore_ascii_case(term))
            });
            match (found, text.is_empty()) {
                (Some(i), true) => {
                    let removed = entries.remove(i);
                    let prefix = removed.decor().prefix().and_then(|p| p.as_str());
                    let kept = prefix.map_or("", paragraphs_before_last_blank_line);
                    match entries.get_mut(i) {
                        Some(next) => {
                            let own = next.decor().prefix().and_then(|p| p.as_str());
                            let own = own.unwrap_or("").trim_start_matches('\n');
                            // One blank line between what is kept and the next table.
                            let joined = match kept.trim_end() {
                                "" => format!("\n{own}"),
                                comments => format!("{comments}\n\n{own}"),
                            };
                            next.decor_mut().set_prefix(joined);
                        }
                        None => left_over.push_str(kept),
                    }
                }
                (Some(i), false) => {
                    if let Some(entry) = entries.get_mut(i) {
                        entry["definition"] = value(text);
                    }
                }
                (None, false) => {
                    let mut entry = Table::new();
                    entry["term"] = value(term);
                    entry["definition"] = value(text);
                    entries.push(entry);
                }
                (None, true) => {}
            }
        }
        if !left_over.is_empty() {
            let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(format!("{left_over}{trailing}"));
        }
        Ok(doc.to_string())
    }

    pub fn to_toml(&self) -> String {
        let file = LexiconFile {
            entry: self.entries.clone(),
        };
        toml::to_string_pretty(&file).unwrap_or_default()
    }

    /// Sets the reader's note on `term` (matched without regard to case),
    /// or removes it when `text` is empty. False when nothing changed.
    pub fn set_note(&mut self, term: &str, text: &str) -> bool {
        let existing = self
            .entries
            .iter()
            .position(|e| e.term.eq_ignore_ascii_case(term));
        match (existing, text.is_empty()) {
            (Some(i), true) => {
                self.entries.remove(i);
            }
            (Some(i), false) if self.entries[i].definition == text => return false,
            (Some(i), false) => self.entries[i].definition = text.to_owned(),
            (None, false) => self.entries.push(LexiconEntry {
                term: term.to_owned(),
                definition: text.to_owned(),
                aliases: Vec::new(),
                category: None,
                source: Some(EntrySource::User),
            }),
            (None, true) => return false,
        }
        true
    }

    pub fn extend(&mut self, other: Lexicon) {
        self.entries.extend(other.entries);
    }

    /// Every entry's term and aliases as one matcher, keyed by entry index.
    pub fn matcher(&self) -> Arc<TermMatcher> {
        Arc::clone(&self.compiled().matcher)
    }

    /// The lexicon's matcher and lowercased names, made at the first call
    /// and kept while its terms and aliases stay the same.
    pub fn compiled(&self) -> Arc<Compiled> {
        let fingerprint = self.fingerprint();
        let mut cache = self
            .compiled
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((f, compiled)) = cache.as_ref()
            && *f == fingerprint
        {
            return Arc::clone(compiled);
        }
        let matcher = Arc::new(TermMatcher::new(
            self.entries
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.names().map(move |t| (i, t))),
        ));
        let lower_names = self
            .entries
            .iter()
            .map(|e| e.names().map(str::to_lowercase).collect())
            .collect();
        let compiled = Arc::new(Compiled {
            matcher,
            lower_names,
        });
        *cache = Some((fingerprint, Arc::clone(&compiled)));
        compiled
    }

    /// A hash of what the matcher is built from: the terms and aliases, in order.
    fn fingerprint(&self) -> u64 {
        // Taken for every article: a fast hash (SipHash here was 3 % of a
        // feed's dump). A collision would need two versions of one lexicon.
        let mut h = rustc_hash::FxHasher::default();
        for e in &self.entries {
            e.term.hash(&mut h);
            e.aliases.hash(&mut h);
        }
        h.finish()
    }
}

/// The bundled glossary, parsed once.
pub fn bundled() -> &'static Lexicon {
    static BUNDLED: OnceLock<Lexicon> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        let mut all = Lexicon::default();
        for (name, text) in BUNDLED_FILES {
            let lexicon = Lexicon::parse(text, EntrySource::Bundled).unwrap_or_else(|e| {
                panic!("bundled glossary {name} is invalid (checked by tests): {e}")
            });
            all.extend(lexicon);
        }
        all
    })
}

/// The lines of `text` up to and including its last blank line.
fn paragraphs_before_last_blank_line(text: &str) -> &str {
    let mut end = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if line.trim().is_empty() {
            end = at;
        }
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_files_parse() {
        for (name, text) in BUNDLED_FILES {
            Lexicon::parse(text, EntrySource::Bundled).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn the_compiled_matcher_is_reused_until_the_terms_change() {
        let mut lex = Lexicon::parse(
            "[[entry]]\nterm = \"drone\"\ndefinition = \"d\"\n",
            EntrySource::User,
        )
        .unwrap();
        let first = lex.matcher();
        assert!(Arc::ptr_eq(&first, &lex.matcher()));
        let count = |lex: &Lexicon| lex.matcher().find_iter("drones and radar").count();
        assert_eq!(count(&lex), 1);
        // A changed definition needs no new matcher; a new term does.
        lex.entries[0].definition = "changed".to_owned();
        assert!(Arc::ptr_eq(&first, &lex.matcher()));
        lex.entries.push(LexiconEntry {
            term: "radar".to_owned(),
            definition: "r".to_owned(),
            aliases: Vec::new(),
            category: None,
            source: Some(EntrySource::User),
        });
        assert_eq!(count(&lex), 2);
    }

    #[test]
    fn parse_sanitizes_fields() {
        let lex = Lexicon::parse(
            "[[entry]]\nterm = \"X\\u001b]0;t\\u0007\"\ndefinition = \"d\\u202e\"\naliases = [\"y\"]\n",
            EntrySource::User,
        )
        .unwrap();
        assert_eq!(lex.entries[0].term, "X");
        assert_eq!(lex.entries[0].definition, "d");
    }
}
