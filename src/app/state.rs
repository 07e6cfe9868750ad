//! The reader's state: the open articles and how each pane is looking at them.

use super::keymap::Keymap;
use super::library::{Library, Scope};
use super::panes::{Focus, Panes, text_area};
use crate::core::glossary::lexicon::Lexicon;
use crate::core::layout::{Anchor, Item, Layout, Part, Row};
use crate::core::model::{
    Article, Block, BlockKind, GlossaryEntry, Meta, Span, TimelineEvent, text_len,
};
use crate::core::text::{byte_offset, char_offset};
use ratatui::style::Color;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Up to this much text, the current article's glossary is rebuilt at once
/// when a note changes (a few milliseconds); a larger one is rebuilt off the
/// UI thread, like every other article's.
const QUICK_GLOSSARY_TEXT: usize = 256 * 1024;

/// User-facing settings (from the config file).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Widest text measure in columns.
    pub max_width: usize,
    /// Mark glossary terms with an underline (else with colour only).
    pub underline_terms: bool,
    /// Terminal colours are off (`NO_COLOR`).
    pub no_color: bool,
    /// Justify paragraphs (config `reader.justify`; not drawn yet).
    pub justify: bool,
    /// Side panes shown beside the text on wide terminals (config
    /// `reader.panes`); a hidden pane still shows while it has the focus.
    pub panes: Vec<Focus>,
    /// Colours for the main roles (config `[theme]`).
    pub palette: Palette,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            max_width: 80,
            underline_terms: true,
            no_color: false,
            justify: false,
            panes: vec![Focus::Glossary, Focus::Timeline],
            palette: Palette::default(),
        }
    }
}

/// Colours of the roles a config file can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Body text (`Reset`: the terminal's own).
    pub text: Color,
    pub heading: Color,
    /// Glossary terms in the text.
    pub term: Color,
    /// Background of the text highlighted after a jump.
    pub highlight: Color,
    /// Titles and what is on screen in the side panes.
    pub accent: Color,
    /// Background of search matches.
    pub search: Color,
    /// Background of the match `n` and `N` went to.
    pub current_match: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            text: Color::Reset,
            heading: Color::LightCyan,
            term: Color::Cyan,
            highlight: Color::Rgb(70, 60, 20),
            accent: Color::LightYellow,
            search: Color::LightYellow,
            current_match: Color::LightMagenta,
        }
    }
}

/// A glossary term's place in a block, as byte offsets into the block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Mark {
    pub block: u32,
    pub start: u32,
    pub end: u32,
    pub entry: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The key list, scrolled to start at this binding.
    Help(usize),
    /// The outline: headings, with the selected one.
    Outline(usize),
    /// The article's links, with the selected one.
    Links(usize),
    /// The note of a glossary entry.
    Note(usize),
    /// The article's bookmarks; `Reader::bookmark_selected` is the cursor.
    Bookmarks,
}

/// A place in an article that survives rewrapping: a block and a character
/// offset into its text (characters, like `Span`, so it means the same in JSON).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub block: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub block: usize,
    pub offset: usize,
    pub label: String,
}

impl Bookmark {
    pub fn position(&self) -> Position {
        Position {
            block: self.block,
            offset: self.offset,
        }
    }
}

/// A found search match: block and byte range in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    /// The lowercased query, compiled for searching.
    pub finder: super::search::Finder,
    /// The query as typed, for the status line.
    pub typed: String,
    pub current: Option<Match>,
}

/// How one article is being read.
#[derive(Debug, Clone)]
pub struct Reader {
    pub layout: Layout,
    pub anchor: Anchor,
    /// Rows on screen, refreshed after every update.
    pub visible: Vec<Row>,
    /// Text highlighted after a jump (a sentence or a term occurrence).
    pub highlight: Option<Span>,
    /// Indices of the article's aid events, for the aid-only filter: made
    /// once per timeline, not once per frame.
    pub aid_events: Vec<u32>,
    /// The term selected with `t`/`T`.
    pub current_mark: Option<Mark>,
    /// Block ids of headings, for `]` and `[`.
    pub headings: Vec<usize>,
    /// Where blocks start in the whole text, for progress.
    pub block_offsets: BlockOffsets,
    pub glossary_selected: usize,
    /// Next occurrence to visit per glossary entry (`Enter` cycles).
    pub glossary_cursor: Vec<usize>,
    pub timeline_selected: usize,
    /// Bookmarks in text order.
    pub bookmarks: Vec<Bookmark>,
    pub bookmark_selected: usize,
    /// The end of the article has been on screen (it counts as read).
    pub seen_end: bool,
}

impl Reader {
    pub fn new(article: &Article, width: usize) -> Reader {
        Reader {
            layout: Layout::new(article, width),
            anchor: Anchor::default(),
            visible: Vec::new(),
            highlight: None,
            aid_events: aid_indices(&article.timeline),
            current_mark: None,
            headings: article
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind.is_heading())
                .map(|(i, _)| i)
                .collect(),
            block_offsets: BlockOffsets::new(&article.blocks),
            glossary_selected: 0,
            glossary_cursor: vec![0; article.glossary.len()],
            timeline_selected: 0,
            bookmarks: Vec::new(),
            bookmark_selected: 0,
            seen_end: false,
        }
    }

    /// What the reader made of this article (bookmarks, having read to the
    /// end), for a reader rebuilt on the same article: more of it loaded,
    /// or its header changed.
    pub fn user_marks(&mut self) -> (Vec<Bookmark>, bool) {
        (std::mem::take(&mut self.bookmarks), self.seen_end)
    }

    pub fn restore_user_marks(&mut self, (bookmarks, seen_end): (Vec<Bookmark>, bool)) {
        self.bookmarks = bookmarks;
        self.seen_end |= seen_end;
    }
}

/// Where blocks start in the whole text, in bytes (each block counted with
/// one separator). Kept for every 64th block and summed from there on
/// demand: one offset per block is 3 MB on a large document, and progress
/// needs one offset per frame.
#[derive(Debug, Clone, Default)]
pub struct BlockOffsets {
    every_64th: Vec<u64>,
    total: u64,
}

impl BlockOffsets {
    const STRIDE: usize = 64;

    pub fn new(blocks: &[Block]) -> BlockOffsets {
        let mut every_64th = Vec::with_capacity(blocks.len().div_ceil(Self::STRIDE));
        let mut total = 0;
        for (i, block) in blocks.iter().enumerate() {
            if i % Self::STRIDE == 0 {
                every_64th.push(total);
            }
            total += Self::size(block);
        }
        BlockOffsets { every_64th, total }
    }

    fn size(block: &Block) -> u64 {
        block.text.len() as u64 + 1
    }

    /// Where block `b` starts; the total past the last block.
    pub fn start(&self, blocks: &[Block], b: usize) -> u64 {
        match (self.every_64th.get(b / Self::STRIDE), blocks.get(..b)) {
            (Some(&base), Some(before)) if b < blocks.len() => {
                let from = b / Self::STRIDE * Self::STRIDE;
                base + before[from..].iter().map(Self::size).sum::<u64>()
            }
            _ => self.total,
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }
}

/// Which events of a timeline are aid (by index).
pub fn aid_indices<'a>(events: impl IntoIterator<Item = &'a TimelineEvent>) -> Vec<u32> {
    events
        .into_iter()
        .enumerate()
        .filter(|(_, e)| e.class.is_aid())
        .map(|(i, _)| i as u32)
        .collect()
}

/// The glossary marks of blocks `blocks`, in text order. Made from the
/// entries' occurrences when needed (a frame's visible blocks, a `t`
/// press) rather than kept for the whole document: 6 MB at 100 MB. Where
/// terms overlap at one start, the shortest, then the first entry, wins.
pub fn marks_in(article: &Article, blocks: std::ops::Range<usize>) -> Vec<Mark> {
    let block_id = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
    let (from, to) = (block_id(blocks.start), block_id(blocks.end));
    let mut spans: Vec<(Span, u32)> = Vec::new();
    for (i, e) in article.glossary.iter().enumerate() {
        let first = e.occurrences.partition_point(|o| o.block < from);
        spans.extend(
            e.occurrences[first..]
                .iter()
                .take_while(|o| o.block < to)
                .map(|o| (*o, i as u32)),
        );
    }
    to_marks(article, spans)
}

/// A place in the text for [`mark_beside`]: a block and a character offset
/// in it, as one number (so "just before block 0" is -1).
pub fn text_place(block: u32, chars: u32) -> i64 {
    (i64::from(block) << 32) | i64::from(chars)
}

/// The mark nearest to `place`, strictly after it or strictly before it:
/// the next or previous term for `t`/`T`. Each entry's occurrences are
/// searched, not the whole document's marks.
pub fn mark_beside(article: &Article, place: i64, forward: bool) -> Option<Mark> {
    let at = |o: &Span| text_place(o.block, o.start);
    let mut best: Option<(Span, u32)> = None;
    for (i, e) in article.glossary.iter().enumerate() {
        let split = e.occurrences.partition_point(|o| {
            if forward {
                at(o) <= place
            } else {
                at(o) < place
            }
        });
        let candidate = if forward {
            e.occurrences.get(split)
        } else {
            split.checked_sub(1).and_then(|n| e.occurrences.get(n))
        };
        let Some(&o) = candidate else { continue };
        let better = best.is_none_or(|(b, entry)| {
            if at(&o) == at(&b) {
                (o.end, i as u32) < (b.end, entry)
            } else {
                (at(&o) < at(&b)) == forward
            }
        });
        if better {
            best = Some((o, i as u32));
        }
    }
    best.and_then(|found| to_marks(article, vec![found]).pop())
}

/// Occurrences (character offsets) as marks (byte offsets), sorted, one per
/// start.
fn to_marks(article: &Article, mut spans: Vec<(Span, u32)>) -> Vec<Mark> {
    spans.sort_unstable();
    spans.dedup_by_key(|(s, _)| (s.block, s.start));
    // In order, so each conversion goes on from the last one: linear in a
    // long paragraph with thousands of terms, not quadratic.
    let mut at = (u32::MAX, 0usize, 0usize); // block, chars, bytes
    spans
        .into_iter()
        .filter_map(|(s, entry)| {
            let text = article.blocks.get(s.block as usize)?.text.as_str();
            if at.0 != s.block {
                at = (s.block, 0, 0);
            }
            let (_, chars, bytes) = at;
            let start = bytes + byte_offset(&text[bytes..], s.start as usize - chars);
            let end = start + byte_offset(&text[start..], s.end.saturating_sub(s.start) as usize);
            at = (s.block, s.start as usize, start);
            Some(Mark {
                block: s.block,
                start: start as u32,
                end: end as u32,
                entry,
            })
        })
        .collect()
}

/// One note set (or removed, with empty `text`) by the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteChange {
    pub term: String,
    pub text: String,
}

/// How the notice of a large document shown from its beginning starts
/// ("loading the rest of this 96 MB document…").
pub const LOADING_THE_REST: &str = "loading the rest of this";

/// The notice of an article that stands in the library for a file still
/// being read (a directory's files after the first screenful).
pub const STILL_BEING_READ: &str = "still being read…";

/// How the status line counts the files of a directory still being read.
const FILES_LEFT: &str = " files left to read";

/// Whether `article` stands in for a file still being read.
pub fn is_placeholder(article: &Article) -> bool {
    article.meta.notices.iter().any(|n| n == STILL_BEING_READ)
}

#[derive(Debug, Clone)]
pub struct State {
    pub articles: Vec<Article>,
    pub current: usize,
    pub reader: Reader,
    pub focus: Focus,
    pub overlay: Option<Overlay>,
    /// The search prompt's text while it is open.
    pub prompt: Option<String>,
    pub search: Search,
    pub aid_only: bool,
    pub status: Option<String>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub settings: Settings,
    pub keymap: Keymap,
    pub library: Library,
    /// Articles whose glossary and timeline have arrived.
    pub annotated: usize,
    /// Large articles still being parsed whole in the background.
    pub loading: usize,
    /// Feed items left out as shown already from another copy of the feed,
    /// at the start and since.
    pub feed_items_merged: usize,
    /// `G` was pressed while the article was still loading: go to its real
    /// end when the whole of it arrives (cleared by any other key).
    pub end_when_loaded: bool,
    /// A link the user asked to open; the event loop hands it to the browser.
    pub open_url: Option<String>,
    /// The reader's own glossary notes (applied to every article).
    pub user_notes: Lexicon,
    /// The note being written: (term, text so far).
    pub note_editor: Option<(String, String)>,
    /// Note changes not saved yet, oldest first; the event loop writes them
    /// into the notes file as it is on disk then (another gloss may have
    /// added its own since this one read it).
    pub notes_unsaved: Vec<NoteChange>,
    /// Counts the changes to [`State::user_notes`]: a glossary built with an
    /// older count is out of date.
    pub notes_version: u64,
    /// Articles whose glossaries must be rebuilt with the current notes.
    /// The event loop takes them and builds them off the UI thread: on a
    /// large document that takes seconds.
    pub glossaries_due: Vec<usize>,
    pub should_quit: bool,
    /// Counts the articles opened (`open_article`): each open starts a
    /// fresh reader, whose saved position and bookmarks the caller's
    /// persistence puts back, even when the same article is opened again.
    pub opened: u64,
}

impl State {
    pub fn new(articles: Vec<Article>, settings: Settings, keymap: Keymap) -> State {
        State::with_size(articles, settings, keymap, (80, 24))
    }

    /// A state laid out for a screen of `(columns, rows)` from the start:
    /// the reader passes its terminal's size, so the first frame does not
    /// wrap the text twice, once for a default size and again for the real
    /// one.
    pub fn with_size(
        articles: Vec<Article>,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        let articles = if articles.is_empty() {
            vec![Article::default()]
        } else {
            articles
        };
        let reader = Reader::new(&articles[0], settings.max_width);
        let library = Library::new(articles.len());
        let mut state = State {
            articles,
            current: 0,
            reader,
            focus: Focus::Text,
            overlay: None,
            prompt: None,
            search: Search::default(),
            aid_only: false,
            status: None,
            size,
            settings,
            keymap,
            library,
            // Articles arrive annotated unless the caller says otherwise (the
            // reader builds them in the background and resets this to 0).
            annotated: usize::MAX,
            loading: 0,
            feed_items_merged: 0,
            end_when_loaded: false,
            open_url: None,
            user_notes: Lexicon::default(),
            note_editor: None,
            notes_unsaved: Vec::new(),
            notes_version: 0,
            glossaries_due: Vec::new(),
            should_quit: false,
            opened: 0,
        };
        state.refresh();
        state
    }

    pub fn article(&self) -> &Article {
        &self.articles[self.current]
    }

    pub fn panes(&self) -> Panes {
        self.panes_in(ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1))
    }

    /// The panes laid out in `area`: what a frame draws into, which can be
    /// smaller than [`State::size`] when the terminal shrank after the last
    /// resize event.
    pub fn panes_in(&self, area: ratatui::layout::Rect) -> Panes {
        Panes::compute(area, self.focus, &self.settings.panes)
    }

    /// Rows and columns the text is laid out in (in narrow mode, while another
    /// pane has the screen, as if the text were focused).
    pub fn text_viewport(&self) -> (usize, usize) {
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        let pane = Panes::compute(screen, self.focus, &self.settings.panes)
            .text
            .or_else(|| Panes::compute(screen, Focus::Text, &self.settings.panes).text);
        let area = text_area(pane.unwrap_or_default(), self.settings.max_width);
        (area.width.max(1) as usize, area.height.max(1) as usize)
    }

    /// Timeline events shown (of the article, or merged for the library),
    /// honouring the aid-only filter. Free either way: a keypress must not
    /// cost a pass over 100,000 events (the aid events are listed once per
    /// timeline).
    pub fn timeline_entries(&self) -> TimelineEntries<'_> {
        let len = match self.library.scope {
            Scope::Article => self.article().timeline.len(),
            Scope::Library => self.library.merged_timeline.len(),
        };
        if !self.aid_only {
            return TimelineEntries::All(len);
        }
        let listed = match self.library.scope {
            Scope::Article => &self.reader.aid_events,
            Scope::Library => &self.library.merged_aid,
        };
        // The lists are remade with their timelines (`set_annotations`,
        // `Reader::new`, `ensure_merged`); one that points past its timeline
        // was made for another and is not used.
        if listed.last().is_none_or(|&i| (i as usize) < len) {
            return TimelineEntries::Filtered(std::borrow::Cow::Borrowed(listed));
        }
        let events: Box<dyn Iterator<Item = &TimelineEvent>> = match self.library.scope {
            Scope::Article => Box::new(self.article().timeline.iter()),
            Scope::Library => Box::new(self.library.merged_timeline.iter().map(|m| &m.event)),
        };
        TimelineEntries::Filtered(std::borrow::Cow::Owned(aid_indices(events)))
    }

    pub fn selected_event(&self) -> Option<&TimelineEvent> {
        let i = self.timeline_entries().get(self.reader.timeline_selected)?;
        match self.library.scope {
            Scope::Article => self.article().timeline.get(i),
            Scope::Library => self.library.merged_timeline.get(i).map(|m| &m.event),
        }
    }

    /// Entries in the glossary pane for the current scope.
    pub fn glossary_len(&self) -> usize {
        match self.library.scope {
            Scope::Article => self.article().glossary.len(),
            Scope::Library => self.library.merged_glossary.len(),
        }
    }

    /// Reading progress from 0 to 100, by text position: the share of the
    /// text above the top row, and 100 only once the last row is on screen
    /// (a post pasted without blank lines is one long block, and "its last
    /// block is showing" was 100 % from the first screen).
    pub fn progress(&self) -> u8 {
        let r = &self.reader;
        let total = r.block_offsets.total();
        let line_count = |item: usize| r.layout.cached_lines(item).map_or(0, <[_]>::len);
        let at_end = r.visible.last().is_none_or(|row| {
            row.item + 1 >= r.layout.item_count()
                && row.line.is_none_or(|line| line + 1 >= line_count(row.item))
        });
        if at_end || total == 0 {
            return 100;
        }
        let Some(top) = r.visible.first() else {
            return 0;
        };
        let done = match r.layout.item(top.item) {
            Item::Header(_) => 0,
            Item::Block(b) => {
                // Within the block, the text before the top row's line.
                let within = top
                    .line
                    .and_then(|line| r.layout.cached_lines(top.item)?.get(line))
                    .filter(|line| line.part == Part::Text)
                    .map_or(0, |line| u64::from(line.range.start));
                r.block_offsets.start(&self.article().blocks, b) + within
            }
            Item::Trailer(_) => total,
        };
        ((done * 100) / total).min(99) as u8
    }

    /// The width line `index` of block `block`'s `lines` is justified to,
    /// if it is: every full line of a paragraph but its last, when the
    /// settings ask for it.
    pub fn justify_width(
        &self,
        block: usize,
        lines: &[crate::core::layout::Line],
        index: usize,
    ) -> Option<usize> {
        let next_is_text = lines.get(index + 1).is_some_and(|l| l.part == Part::Text);
        let paragraph = self
            .article()
            .blocks
            .get(block)
            .is_some_and(|b| b.kind == BlockKind::Paragraph);
        (self.settings.justify && next_is_text && paragraph).then(|| self.reader.layout.width())
    }

    /// Blocks with at least one row on screen.
    pub fn visible_blocks(&self) -> std::ops::RangeInclusive<usize> {
        let block = |row: Option<&Row>| {
            row.and_then(|r| match self.reader.layout.item(r.item) {
                Item::Block(b) => Some(b),
                Item::Header(_) => Some(0),
                Item::Trailer(_) => self.article().blocks.len().checked_sub(1),
            })
        };
        let first = block(self.reader.visible.first()).unwrap_or(0);
        let last = block(self.reader.visible.last()).unwrap_or(0);
        first..=last
    }

    /// Re-lays out what the screen needs after a change. Called by `update`.
    pub fn refresh(&mut self) {
        let (width, height) = self.text_viewport();
        let article = &self.articles[self.current];
        let reader = &mut self.reader;
        reader.layout.set_width(width);
        let limit = reader.layout.last_anchor(article, height);
        if reader.anchor > limit {
            reader.anchor = limit;
        }
        reader.visible = reader.layout.visible(article, reader.anchor, height);
        // Behind the library list the article is laid out but not seen: it
        // is neither read nor started by being there.
        if !self.library.shown {
            let progress = self.progress();
            // The last row has been on screen: the article counts as read.
            self.reader.seen_end |= progress == 100;
            if let Some(p) = self.library.progress.get_mut(self.current) {
                *p = progress;
            }
        }
        let library = &mut self.library;
        // Also when an earlier session saw the end (restored, not scrolled to).
        if self.reader.seen_end
            && let Some(read) = library.read.get_mut(self.current)
        {
            *read = true;
        }
    }

    /// Shows in the library what an earlier session saved about article
    /// `index`: read, and how far. The article being read, or one already
    /// visited in this session, keeps what this session knows.
    pub fn restore_library_marks(&mut self, index: usize, read: bool, progress: u8) {
        let library = &mut self.library;
        // The open article's marks are the reader's, unless it sits unopened
        // behind the library list.
        let reading = index == self.current && !library.shown;
        if reading || library.anchors.get(index) != Some(&Anchor::default()) {
            return;
        }
        if let Some(r) = library.read.get_mut(index) {
            *r |= read;
        }
        if let Some(p) = library.progress.get_mut(index) {
            *p = progress.min(100);
        }
    }

    /// Installs an article's glossary and timeline once they are built (they
    /// are computed off the UI thread). Marks and selections are reindexed; the
    /// reading position stays.
    pub fn set_annotations(
        &mut self,
        index: usize,
        glossary: Vec<GlossaryEntry>,
        timeline: Vec<TimelineEvent>,
    ) {
        let Some(article) = self.articles.get_mut(index) else {
            return;
        };
        article.glossary = glossary;
        article.timeline = timeline;
        self.glossary_changed(index);
        if index == self.current {
            self.reader.aid_events = aid_indices(&self.articles[index].timeline);
            self.reader.timeline_selected = 0;
        }
        // Built with the notes the reader started with: a note written since
        // is missing from this glossary.
        if self.notes_version > 0 && !self.glossaries_due.contains(&index) {
            self.glossaries_due.push(index);
        }
        self.annotated = self.annotated.saturating_add(1).min(self.articles.len());
        // Feeds still being read add articles without holding a place.
        if self.annotated == self.articles.len()
            && self.loading == 0
            && self
                .status
                .as_deref()
                .is_none_or(|s| s.starts_with("Building glossary"))
        {
            self.status = Some(format!("Glossary and timeline ready{}", self.found_again()));
        }
    }

    /// Whether the status line only says how loading goes, so the count of
    /// files left may take its place (a message of the reader's own stays).
    fn status_counts_files(&self) -> bool {
        self.status
            .as_deref()
            .is_none_or(|s| s.starts_with("Building glossary") || s.contains(FILES_LEFT))
    }

    /// What the status line adds while feed items found again in another
    /// copy of the feed have been left out since the start.
    fn found_again(&self) -> String {
        match self.feed_items_merged {
            0 => String::new(),
            n => format!(" ({n} feed item(s) found again in another copy of the feed, shown once)"),
        }
    }

    /// Installs a glossary rebuilt off the UI thread after a note changed,
    /// unless it is already out of date: built with older notes, or for
    /// blocks the article no longer has (its whole text arrived since).
    pub fn set_glossary(
        &mut self,
        index: usize,
        notes_version: u64,
        built_for: &Arc<Vec<Block>>,
        glossary: Vec<GlossaryEntry>,
    ) {
        let Some(article) = self.articles.get_mut(index) else {
            return;
        };
        if notes_version != self.notes_version || !Arc::ptr_eq(&article.blocks, built_for) {
            return;
        }
        article.glossary = glossary;
        self.glossary_changed(index);
    }

    /// After article `index`'s glossary was replaced: marks and selections
    /// are reindexed, the reading position stays.
    fn glossary_changed(&mut self, index: usize) {
        // The merged views are rebuilt by the loop, not once per article:
        // on a library of thousands that would take minutes.
        self.library.invalidate(self.articles.len());
        if index == self.current {
            let article = &self.articles[index];
            let entries = article.glossary.len();
            // Entry numbers change with the glossary: the term under the
            // focus stays the one at the same place in the text, if any
            // (a note just written on it is then edited again with `e`).
            self.reader.current_mark = self.reader.current_mark.and_then(|mark| {
                let text = &article.blocks.get(mark.block as usize)?.text;
                let start = char_offset(text, mark.start as usize) as u32;
                let entry = article.glossary.iter().position(|e| {
                    e.occurrences
                        .iter()
                        .any(|o| o.block == mark.block && o.start == start)
                })?;
                Some(Mark {
                    entry: entry as u32,
                    ..mark
                })
            });
            self.reader.glossary_cursor = vec![0; entries];
            self.reader.glossary_selected =
                self.reader.glossary_selected.min(entries.saturating_sub(1));
        }
    }

    /// The rest of article `index` could not be loaded: its beginning stays,
    /// and its header and the status line say why.
    pub fn loading_failed(&mut self, index: usize, reason: &str) {
        self.loading = self.loading.saturating_sub(1);
        self.end_when_loaded = false;
        let reason = crate::core::sanitize::sanitize_inline(reason);
        let placeholder = self.articles.get(index).is_some_and(is_placeholder);
        let message = if placeholder {
            let name = self.articles[index].meta.display_title();
            format!("{name} could not be read: {reason}")
        } else {
            format!("only the beginning could be loaded: {reason}")
        };
        if let Some(article) = self.articles.get_mut(index) {
            article
                .meta
                .notices
                .retain(|n| !n.starts_with(LOADING_THE_REST) && n != STILL_BEING_READ);
            article.meta.notices.push(message.clone());
            if index == self.current {
                let (width, _) = self.text_viewport();
                let anchor = self.reader.anchor;
                let kept = self.reader.user_marks();
                self.reader = Reader::new(&self.articles[index], width);
                self.reader.anchor = anchor;
                self.reader.restore_user_marks(kept);
                self.refresh();
            }
        }
        self.status = Some(message);
    }

    /// One of a directory's feeds, read after the first frame: its items
    /// not shown already are added after every article, or the status line
    /// says why it could not be read.
    pub fn feed_appended(&mut self, name: &str, read: Result<(Vec<Article>, usize), String>) {
        self.loading = self.loading.saturating_sub(1);
        let (articles, merged) = match read {
            Ok(read) => read,
            Err(reason) => {
                let name = crate::core::sanitize::sanitize_inline(name);
                let reason = crate::core::sanitize::sanitize_inline(&reason);
                self.status = Some(format!("{name} could not be read: {reason}"));
                return;
            }
        };
        if !articles.is_empty() {
            self.articles.extend(articles);
            self.library.invalidate(self.articles.len());
        }
        self.feed_items_merged += merged;
        let found_again = self.found_again();
        // Worded like the stand-ins' count, which it takes over.
        if self.loading == 0 && self.annotated == self.articles.len() {
            self.status = Some(format!("Glossary and timeline ready{found_again}"));
        } else if self.loading == 0 {
            self.status = Some(format!(
                "Building glossary and timeline (every file read){found_again}…"
            ));
        } else if self.status_counts_files() {
            self.status = Some(format!("{}{FILES_LEFT}{found_again}…", self.loading));
        }
    }

    /// Adds the rest of a large feed's items after every open article (the
    /// first ones were shown while it loaded).
    pub fn append_articles(&mut self, articles: Vec<Article>) {
        self.loading = self.loading.saturating_sub(1);
        let added = articles.len();
        self.articles.extend(articles);
        self.library.invalidate(self.articles.len());
        // Worded like the start's status, which the last annotation replaces.
        self.status = Some(if self.loading == 0 {
            format!("Building glossary and timeline ({added} more feed items loaded)…")
        } else {
            format!("{added} more feed items loaded")
        });
    }

    /// A large feed has been read whole: the items shown first get the
    /// metadata the whole feed gives them, the others are added after them.
    pub fn feed_loaded(&mut self, shown_from: usize, shown_meta: Vec<Meta>, more: Vec<Article>) {
        self.update_meta(shown_from, shown_meta);
        self.append_articles(more);
    }

    /// Replaces the metadata of articles `from..` (feed items shown before
    /// the whole feed was read) with what the whole feed gives, keeping the
    /// reading position. An item whose title differs is left alone: it is
    /// not the same item.
    pub fn update_meta(&mut self, from: usize, metas: Vec<Meta>) {
        let mut current_changed = false;
        for (offset, meta) in metas.into_iter().enumerate() {
            let index = from + offset;
            let Some(article) = self.articles.get_mut(index) else {
                break;
            };
            if article.meta.title != meta.title || article.meta == meta {
                continue;
            }
            article.meta = meta;
            current_changed |= index == self.current;
        }
        self.library.invalidate(self.articles.len());
        if current_changed {
            // The header is laid out from the metadata.
            let (width, _) = self.text_viewport();
            let anchor = self.reader.anchor;
            let kept = self.reader.user_marks();
            self.reader = Reader::new(&self.articles[self.current], width);
            self.reader.anchor = anchor;
            self.reader.restore_user_marks(kept);
            self.refresh();
        }
    }

    /// Replaces an article shown from its beginning by the whole of it,
    /// keeping the reading position (blocks of the beginning keep their ids).
    pub fn replace_article(&mut self, index: usize, article: Article) {
        let Some(slot) = self.articles.get_mut(index) else {
            return;
        };
        let was_placeholder = is_placeholder(slot);
        *slot = article;
        self.loading = self.loading.saturating_sub(1);
        self.library.invalidate(self.articles.len());
        if index == self.current {
            // Same block, same row: the header may have lost its "loading" line.
            let old = self.reader.anchor;
            let block = match self.reader.layout.item(old.item) {
                Item::Block(b) => Some(b),
                _ => None,
            };
            let (width, _) = self.text_viewport();
            let kept = self.reader.user_marks();
            self.reader = Reader::new(&self.articles[index], width);
            self.reader.restore_user_marks(kept);
            self.reader.anchor = match block {
                Some(b) => Anchor {
                    item: self.reader.layout.item_of_block(b),
                    row: old.row,
                },
                None => Anchor::default(),
            };
            if std::mem::take(&mut self.end_when_loaded) {
                let (_, height) = self.text_viewport();
                self.reader.anchor = self
                    .reader
                    .layout
                    .last_anchor(&self.articles[index], height);
            }
            self.refresh();
        }
        if self.loading == 0 {
            self.status = Some(if was_placeholder {
                "Building glossary and timeline (every file read)…".to_owned()
            } else {
                "Building glossary and timeline (whole document loaded)…".to_owned()
            });
        } else if was_placeholder && self.status_counts_files() {
            self.status = Some(format!("{}{FILES_LEFT}…", self.loading));
        }
    }

    /// One of a directory's files read in the background: its article takes
    /// the place of the stand-in, and any more it holds go after every
    /// article.
    pub fn fill_in(&mut self, index: usize, article: Article, more: Vec<Article>) {
        self.replace_article(index, article);
        if !more.is_empty() {
            self.articles.extend(more);
            self.library.invalidate(self.articles.len());
        }
    }

    /// Whether article `index` is not whole yet: a large document shown
    /// from its beginning, or a file of a directory still being read.
    pub fn is_loading(&self, index: usize) -> bool {
        self.articles.get(index).is_some_and(|a| {
            a.meta
                .notices
                .iter()
                .any(|n| n.starts_with(LOADING_THE_REST) || n == STILL_BEING_READ)
        })
    }

    /// Sets or removes (with empty text) the reader's note on `term`. The
    /// current article's glossary is rebuilt at once when that is quick;
    /// every other one (and a large current one) is left to the event loop,
    /// which rebuilds them off the UI thread (see [`State::glossaries_due`]).
    pub fn set_user_note(&mut self, term: &str, text: &str) {
        if !self.user_notes.set_note(term, text) {
            return;
        }
        self.notes_unsaved.push(NoteChange {
            term: term.to_owned(),
            text: text.to_owned(),
        });
        self.notes_version += 1;
        let current = self.current;
        self.glossaries_due.clear();
        if text_len(&self.articles[current].blocks) <= QUICK_GLOSSARY_TEXT {
            let lexicons = [crate::core::glossary::lexicon::bundled(), &self.user_notes];
            let article = &mut self.articles[current];
            article.glossary = crate::core::glossary::build(&article.blocks, &lexicons);
            self.glossary_changed(current);
        } else {
            self.glossaries_due.push(current);
        }
        self.glossaries_due
            .extend((0..self.articles.len()).filter(|&i| i != current));
    }

    /// Takes the notes file as saved, when it holds more than this reader's
    /// notes (another gloss wrote to it): every glossary is rebuilt with it.
    pub fn adopt_saved_notes(&mut self, saved: Lexicon) {
        if saved.entries == self.user_notes.entries {
            return;
        }
        self.user_notes = saved;
        self.notes_version += 1;
        self.glossaries_due = (0..self.articles.len()).collect();
    }

    /// Switches to article `index`, remembering where the current one was left.
    pub fn open_article(&mut self, index: usize) {
        if index >= self.articles.len() {
            return;
        }
        if let Some(anchor) = self.library.anchors.get_mut(self.current) {
            *anchor = self.reader.anchor;
        }
        self.current = index;
        self.opened += 1;
        let (width, _) = self.text_viewport();
        let selected = (self.reader.glossary_selected, self.reader.timeline_selected);
        self.reader = Reader::new(&self.articles[index], width);
        // The library's merged lists stay the same across articles: Enter on
        // one of their entries may open another article, and the next Enter
        // goes on from the same entry.
        if self.library.scope == Scope::Library {
            (self.reader.glossary_selected, self.reader.timeline_selected) = selected;
        }
        self.reader.anchor = self.library.anchors.get(index).copied().unwrap_or_default();
        self.search.current = None;
        self.library.shown = false;
        self.refresh();
    }

    /// The text position at the top of the view (what is saved between runs).
    pub fn position(&self) -> Position {
        let r = &self.reader;
        let blocks = &self.article().blocks;
        match r.layout.item(r.anchor.item) {
            Item::Header(_) => Position::default(),
            Item::Trailer(_) => blocks.last().map_or_else(Position::default, |b| Position {
                block: blocks.len() - 1,
                offset: b.text.chars().count(),
            }),
            Item::Block(b) => {
                let text = &blocks[b].text;
                // `refresh` laid out the anchor's item, so its lines are cached.
                let byte = r.layout.cached_lines(r.anchor.item).map_or(0, |lines| {
                    lines
                        .iter()
                        .take(r.anchor.row + 1)
                        .rfind(|l| l.part == Part::Text)
                        .map_or(0, |l| l.range.start as usize)
                });
                Position {
                    block: b,
                    offset: char_offset(text, byte),
                }
            }
        }
    }

    /// Scrolls so that `position` is at the top of the view; out-of-range
    /// positions (a stale state file) are clamped.
    pub fn go_to(&mut self, position: Position) {
        let article = &self.articles[self.current];
        let reader = &mut self.reader;
        if position == Position::default() || article.blocks.is_empty() {
            // The very start shows the title too.
            reader.anchor = Anchor::default();
        } else {
            let block = position.block.min(article.blocks.len() - 1);
            let text = &article.blocks[block].text;
            let byte = text.byte_offset(position.offset);
            let item = reader.layout.item_of_block(block);
            let row = reader.layout.row_of_byte(article, item, byte);
            reader.anchor = Anchor { item, row };
        }
        self.refresh();
    }

    /// Applies what was saved about the current article in an earlier run.
    pub fn restore(&mut self, position: Position, bookmarks: Vec<Bookmark>, read: bool) {
        let blocks = self.article().blocks.len();
        let mut bookmarks: Vec<Bookmark> = bookmarks
            .into_iter()
            .filter(|b| b.block < blocks.max(1))
            .collect();
        bookmarks.sort_by_key(Bookmark::position);
        bookmarks.dedup_by_key(|b| b.position());
        self.reader.bookmarks = bookmarks;
        self.reader.bookmark_selected = 0;
        self.reader.seen_end |= read;
        self.go_to(position);
    }

    /// The text of the line at the top of the view, if it shows a block.
    pub fn top_line_text(&self) -> Option<&str> {
        let r = &self.reader;
        let Item::Block(b) = r.layout.item(r.anchor.item) else {
            return None;
        };
        let text = &self.article().blocks[b].text;
        let lines = r.layout.cached_lines(r.anchor.item)?;
        let line = lines
            .iter()
            .take(r.anchor.row + 1)
            .rfind(|l| l.part == Part::Text)?;
        text.get(line.range.start as usize..line.range.end as usize)
    }

    /// The kind of the block an item shows, if it is a block.
    pub fn block_kind(&self, item: usize) -> Option<&BlockKind> {
        match self.reader.layout.item(item) {
            Item::Block(b) => Some(&self.article().blocks[b].kind),
            _ => None,
        }
    }
}

/// The timeline events a pane shows, as indices into the article's (or the
/// library's merged) timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineEntries<'a> {
    /// Every event, in order: entry n is event n.
    All(usize),
    /// The aid-only filter's events.
    Filtered(std::borrow::Cow<'a, [u32]>),
}

impl TimelineEntries<'_> {
    pub fn len(&self) -> usize {
        match self {
            TimelineEntries::All(len) => *len,
            TimelineEntries::Filtered(indices) => indices.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The event index of entry `n`.
    pub fn get(&self, n: usize) -> Option<usize> {
        match self {
            TimelineEntries::All(len) => (n < *len).then_some(n),
            TimelineEntries::Filtered(indices) => indices.get(n).map(|&i| i as usize),
        }
    }
}

#[cfg(test)]
mod block_offset_tests {
    use super::BlockOffsets;
    use crate::core::model::{Block, BlockKind};

    #[test]
    fn block_starts_are_the_sums_of_the_blocks_before() {
        for count in [0, 1, 63, 64, 65, 200] {
            let blocks: Vec<Block> = (0..count)
                .map(|i| Block {
                    id: i as u32,
                    kind: BlockKind::Paragraph,
                    text: "é".repeat(i % 7).into(),
                })
                .collect();
            let offsets = BlockOffsets::new(&blocks);
            let mut expected = 0;
            for b in 0..count {
                assert_eq!(offsets.start(&blocks, b), expected, "block {b} of {count}");
                expected += blocks[b].text.len() as u64 + 1;
            }
            assert_eq!(offsets.total(), expected);
            assert_eq!(offsets.start(&blocks, count), expected);
            assert_eq!(offsets.start(&blocks, count + 100), expected);
        }
    }
}

#[cfg(test)]
mod mark_tests {
    use super::{mark_beside, marks_in, text_place};
    use crate::core::model::{
        Article, Block, BlockKind, EntryKind, EntrySource, GlossaryEntry, Span,
    };
    use std::sync::Arc;

    fn entry(term: &str, occurrences: &[(u32, u32, u32)]) -> GlossaryEntry {
        GlossaryEntry {
            term: term.to_owned(),
            definition: String::new(),
            aliases: Vec::new(),
            expansion: None,
            source: EntrySource::Bundled,
            kind: EntryKind::Reference,
            category: None,
            defined_at: None,
            see_also: Vec::new(),
            occurrences: occurrences
                .iter()
                .map(|&(block, start, end)| Span { block, start, end })
                .collect(),
        }
    }

    #[test]
    fn terms_sharing_a_start_give_one_mark_the_same_both_ways() {
        let text = "Why security guarantees — and “security” — matter.";
        let blocks = (0..3)
            .map(|id| Block {
                id,
                kind: BlockKind::Paragraph,
                text: text.into(),
            })
            .collect();
        let article = Article {
            blocks: Arc::new(blocks),
            glossary: vec![
                entry("security guarantees", &[(1, 4, 23)]),
                entry("security", &[(1, 4, 12), (1, 31, 39)]),
                entry("matter", &[(0, 43, 49), (2, 43, 49)]),
            ],
            ..Article::default()
        };
        let marks = marks_in(&article, 0..3);
        let found: Vec<_> = marks.iter().map(|m| (m.block, m.entry)).collect();
        // At the shared start the shorter term wins, as in `t`/`T`.
        assert_eq!(found, [(0, 2), (1, 1), (1, 1), (2, 2)]);
        // Byte offsets: “ is three bytes, — three.
        assert_eq!((marks[2].start, marks[2].end), (35, 43));
        assert_eq!(marks_in(&article, 1..2), marks[1..3]);

        let mut walked = vec![mark_beside(&article, -1, true).unwrap()];
        while let Some(next) = {
            let last = walked.last().unwrap();
            let chars = text[..last.start as usize].chars().count() as u32;
            mark_beside(&article, text_place(last.block, chars), true)
        } {
            walked.push(next);
        }
        assert_eq!(walked, marks);
        let before_end = text_place(3, 0);
        assert_eq!(
            mark_beside(&article, before_end, false),
            marks.last().copied()
        );
        assert_eq!(
            mark_beside(&article, text_place(1, 4), false),
            Some(marks[0])
        );
        assert_eq!(
            mark_beside(&article, text_place(1, 5), false),
            Some(marks[1])
        );
        assert_eq!(mark_beside(&article, text_place(0, 43), false), None);
    }
}
