//! Several articles read together: their glossaries and timelines merged,
//! the same entry or event shown once with every source it came from.

use crate::core::model::{Article, Block, EventClass, GlossaryEntry, Span, TimelineEvent};
use crate::core::timeline::event_label;
use compact_str::CompactString;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

/// A source of a merged entry or event: the article and where in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub article: usize,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergedEntry {
    /// The entry as the first article that has it gives it.
    pub entry: GlossaryEntry,
    /// Every occurrence in every article, in library order.
    pub sources: Vec<Source>,
    /// How many articles use the term.
    pub articles: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MergedEvent {
    pub event: TimelineEvent,
    /// The sentence in each article that reports the event.
    pub sources: Vec<Source>,
}

/// Glossary entries of all articles, merged by term (case-insensitively).
pub fn merge_glossaries(articles: &[Article]) -> Vec<MergedEntry> {
    let mut merged: Vec<MergedEntry> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        for entry in &article.glossary {
            let key = entry.term.to_lowercase();
            let i = *index.entry(key).or_insert_with(|| {
                merged.push(MergedEntry {
                    entry: entry.clone(),
                    sources: Vec::new(),
                    articles: 0,
                });
                merged.len() - 1
            });
            let m = &mut merged[i];
            m.articles += 1;
            m.sources.extend(
                entry
                    .occurrences
                    .iter()
                    .map(|&span| Source { article: a, span }),
            );
        }
    }
    merged
}

/// Timeline events of all articles, sorted by date; an event reported by two
/// articles (same date and class, mostly the same words or items) is shown once.
pub fn merge_timelines(articles: &[Article]) -> Vec<MergedEvent> {
    let mut merged: Vec<MergedEvent> = Vec::new();
    // What events are compared by, made once per event (labels only when
    // first needed: they are made from the text).
    let mut merged_keys: Vec<Likeness> = Vec::new();
    let mut by_date: HashMap<(CompactString, EventClass), Vec<usize>> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        for event in &article.timeline {
            let source = Source {
                article: a,
                span: event.source,
            };
            // Only dated events of the same date and class can be the same.
            let key = Likeness::new(event, &article.blocks);
            let candidates = by_date
                .entry((event.value().into(), event.class))
                .or_default();
            let found = event.sort_key.as_ref().and_then(|_| {
                candidates
                    .iter()
                    .copied()
                    .find(|&i| merged_keys[i].is_like(&key))
            });
            match found {
                Some(i) if !merged[i].sources.iter().any(|s| s.article == a) => {
                    merged[i].sources.push(source)
                }
                // A second event of the same article stays its own.
                Some(_) | None => {
                    candidates.push(merged.len());
                    merged.push(MergedEvent {
                        event: event.clone(),
                        sources: vec![source],
                    });
                    merged_keys.push(key);
                }
            }
        }
    }
    merged.sort_by(|x, y| {
        let key = |e: &TimelineEvent| (e.sort_key.is_none(), e.sort_key, e.inferred);
        key(&x.event).cmp(&key(&y.event))
    });
    merged
}

/// What two events of the same date and class are compared by: mostly the
/// same items, or else mostly the same words in their labels.
struct Likeness<'a> {
    event: &'a TimelineEvent,
    /// The blocks of the event's article, for its label.
    blocks: &'a [Block],
    items: BTreeSet<String>,
    words: OnceCell<BTreeSet<String>>,
}

impl<'a> Likeness<'a> {
    fn new(event: &'a TimelineEvent, blocks: &'a [Block]) -> Likeness<'a> {
        Likeness {
            event,
            blocks,
            items: event
                .items()
                .iter()
                .map(|i| i.as_str().to_lowercase())
                .collect(),
            words: OnceCell::new(),
        }
    }

    fn words(&self) -> &BTreeSet<String> {
        self.words
            .get_or_init(|| words(&event_label(self.event, self.blocks)))
    }

    fn is_like(&self, other: &Likeness) -> bool {
        if !self.items.is_empty() && !other.items.is_empty() {
            return overlap(&self.items, &other.items) >= 0.5;
        }
        overlap(self.words(), other.words()) >= 0.5
    }
}

fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// Share of the smaller set that the other also has.
fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::load::load_bytes;

    fn article(text: &str) -> Article {
        load_bytes(
            text.as_bytes(),
            "t",
            &[crate::core::glossary::lexicon::bundled()],
        )
        .unwrap()
        .remove(0)
    }

    #[test]
    fn same_event_from_two_articles_is_shown_once() {
        let a = article(
            "One\n\nJapan signed a ten-year security pact with Ukraine in 2023, covering non-lethal aid and reconstruction.\n",
        );
        let b = article(
            "Two\n\nIn 2023 Tokyo and Kyiv signed a pact covering non-lethal aid and reconstruction.\n\nIn 2019 nothing happened.\n",
        );
        let merged = merge_timelines(&[a, b]);
        let pacts: Vec<_> = merged
            .iter()
            .filter(|m| m.event.value() == "2023")
            .collect();
        assert_eq!(pacts.len(), 1, "{merged:#?}");
        assert_eq!(pacts[0].sources.len(), 2);
        assert_eq!(pacts[0].sources[1].article, 1);
    }

    /// Without items, events are matched by the words of their labels; two
    /// events of one article are never merged with each other.
    #[test]
    fn events_without_items_merge_by_their_words() {
        let a = article(
            "One\n\nOn 3 May 2024 the foreign minister said the harbour talks would resume.\n\n\
             On 3 May 2024 the foreign minister said the harbour talks would resume soon.\n",
        );
        let b = article(
            "Two\n\nThe foreign minister said on 3 May 2024 that harbour talks would resume.\n\n\
             On 3 May 2024 a storm closed the northern ferry crossings.\n",
        );
        let merged = merge_timelines(&[a, b]);
        let may: Vec<_> = merged
            .iter()
            .filter(|m| m.event.value() == "2024-05-03")
            .collect();
        let sources: Vec<Vec<usize>> = may
            .iter()
            .map(|m| m.sources.iter().map(|s| s.article).collect())
            .collect();
        assert_eq!(sources, [vec![0, 1], vec![0], vec![1]], "{merged:#?}");
    }

    #[test]
    fn glossaries_merge_by_term() {
        let a = article("One\n\nNATO allies met.\n");
        let b = article("Two\n\nThe NATO summit ended. NATO again.\n");
        let merged = merge_glossaries(&[a, b]);
        let sar = merged
            .iter()
            .find(|m| m.entry.term == "NATO")
            .expect("NATO");
        assert_eq!(sar.articles, 2);
        assert!(
            sar.sources.iter().any(|s| s.article == 0)
                && sar.sources.iter().any(|s| s.article == 1)
        );
    }
}
