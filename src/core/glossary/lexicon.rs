//! Glossaries that come from files: the bundled one in `assets/glossary/` and the
//! reader's own notes. Both share the TOML schema documented in
//! `assets/glossary/README.md`.

use crate::core::model::EntrySource;
use crate::core::sanitize::{sanitize, sanitize_inline};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

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

#[derive(Debug, Default, Deserialize, Serialize)]
struct LexiconFile {
    #[serde(default)]
    entry: Vec<LexiconEntry>,
}

#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<LexiconEntry>,
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
        Ok(Lexicon { entries })
    }

    pub fn to_toml(&self) -> String {
        let file = LexiconFile {
            entry: self.entries.clone(),
        };
        toml::to_string_pretty(&file).unwrap_or_default()
    }

    pub fn extend(&mut self, other: Lexicon) {
        self.entries.extend(other.entries);
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
