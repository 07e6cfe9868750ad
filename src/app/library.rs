//! The library: several open articles, which one is read, where each was
//! left, and the merged glossary and timeline of all of them.

use crate::core::layout::Anchor;
use crate::core::library::{MergedEntry, MergedEvent, merge_glossaries, merge_timelines};
use crate::core::model::Article;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// As opened (feeds keep their own order).
    #[default]
    Opened,
    /// Newest first.
    Date,
    Title,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Opened => SortBy::Date,
            SortBy::Date => SortBy::Title,
            SortBy::Title => SortBy::Opened,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortBy::Opened => "as opened",
            SortBy::Date => "newest first",
            SortBy::Title => "by title",
        }
    }
}

/// Whether the side panes show the current article or the whole library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    #[default]
    Article,
    Library,
}

#[derive(Debug, Clone, Default)]
pub struct Library {
    /// The library list fills the screen instead of the reader.
    pub shown: bool,
    pub sort: SortBy,
    /// Index into `order()` of the selected row.
    pub selected: usize,
    /// Where each article was left, to come back to it.
    pub anchors: Vec<Anchor>,
    pub progress: Vec<u8>,
    /// The end of the article has been on screen.
    pub read: Vec<bool>,
    pub scope: Scope,
    /// Merged views, built when the scope first turns to the library.
    pub merged_glossary: Vec<MergedEntry>,
    pub merged_timeline: Vec<MergedEvent>,
    /// Indices of the merged aid events, for the aid-only filter.
    pub merged_aid: Vec<u32>,
    /// Next source to visit per merged glossary entry (`Enter` cycles).
    pub merged_cursor: Vec<usize>,
    merged_built: bool,
    /// The display order, and the sort and article count it was made for.
    order_cache: Vec<usize>,
    order_made_for: Option<(SortBy, usize)>,
}

impl Library {
    pub fn new(count: usize) -> Library {
        Library {
            shown: count > 1,
            anchors: vec![Anchor::default(); count],
            progress: vec![0; count],
            read: vec![false; count],
            ..Library::default()
        }
    }

    /// Article indices in display order: the one kept by
    /// [`Library::refresh_order`] while the sort and the articles are the
    /// same, else made now.
    pub fn order(&self, articles: &[Article]) -> Cow<'_, [usize]> {
        if self.order_made_for == Some((self.sort, articles.len())) {
            Cow::Borrowed(&self.order_cache)
        } else {
            Cow::Owned(self.sorted(articles))
        }
    }

    /// Keeps the display order for the keys and frames that follow: sorting
    /// the std docs' 2,475 pages by title for every frame made a key in the
    /// list take twice as long.
    pub fn refresh_order(&mut self, articles: &[Article]) {
        let made_for = Some((self.sort, articles.len()));
        if self.order_made_for != made_for {
            self.order_cache = self.sorted(articles);
            self.order_made_for = made_for;
        }
    }

    fn sorted(&self, articles: &[Article]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..articles.len()).collect();
        match self.sort {
            SortBy::Opened => {}
            SortBy::Date => {
                order.sort_by(|&a, &b| articles[b].meta.published.cmp(&articles[a].meta.published))
            }
            // Each title lowered once, not once per comparison; by the
            // title the row shows (a file's name until it is read).
            SortBy::Title => {
                order.sort_by_cached_key(|&a| articles[a].meta.display_title().to_lowercase())
            }
        }
        order
    }

    pub fn ensure_merged(&mut self, articles: &[Article]) {
        if !self.merged_built {
            self.merged_glossary = merge_glossaries(articles);
            self.merged_timeline = merge_timelines(articles);
            self.merged_aid =
                crate::app::state::aid_indices(self.merged_timeline.iter().map(|m| &m.event));
            self.merged_cursor = vec![0; self.merged_glossary.len()];
            self.merged_built = true;
        }
    }

    /// The merged views match the articles (else they show an earlier state).
    pub fn is_merged(&self) -> bool {
        self.merged_built
    }

    /// Articles changed (loaded, annotated): merged views are rebuilt on demand.
    pub fn invalidate(&mut self, count: usize) {
        self.merged_built = false;
        self.order_made_for = None;
        self.anchors.resize(count, Anchor::default());
        self.progress.resize(count, 0);
        self.read.resize(count, false);
    }
}
