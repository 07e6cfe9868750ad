//! Layout: wrapping an article into display rows, with a map from block
//! positions to rows.
//!
//! Wrapping happens here, in the core, with textwrap's first-fit algorithm over
//! fragments measured the way the terminal draws them (grapheme widths), so
//! no row is ever wider than its width. Items are laid out lazily and cached
//! per width: the cost of a frame grows with the viewport, not the document.
//! Positions are `usize` throughout.

use crate::core::model::{Article, BlockKind};
use crate::core::timeline::dates::describe_published;
use std::cell::RefCell;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of `text` as a terminal draws it, grapheme by grapheme.
/// The text is the sanitizer's, which has made every line end a `\n`: with
/// no carriage return, ASCII is one column a byte ("\r\n" would be one
/// grapheme of two bytes).
pub fn str_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    // Prose's few other characters (’, —, é) are one column and a grapheme
    // each: counted without segmenting, which was a tenth of laying out.
    let mut columns = 0;
    for c in text.chars() {
        if !is_lone_narrow(c) {
            return graphemes_width(text);
        }
        columns += 1;
    }
    columns
}

fn graphemes_width(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Characters one column wide that form a grapheme of their own whatever
/// surrounds them (none extends or joins another): printable ASCII, Latin-1
/// and Latin Extended letters and signs (not the soft hyphen), and the
/// dashes, quotation marks and ellipsis of General Punctuation.
fn is_lone_narrow(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{24f}' | '\u{2010}'..='\u{2027}')
}

/// A wrapped line: a byte range of the text it came from, trailing spaces excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    space_width: usize,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps `text` to `width` columns (at least 1). Line breaks in the text are
/// kept; words wider than the line are split between graphemes.
pub fn wrap(text: &str, width: usize) -> Vec<LineRange> {
    let width = width.max(1);
    let mut out = Vec::new();
    // One buffer for every line's pieces, kept by the thread from block to
    // block: a buffer sized for each block was allocated and freed per
    // paragraph, a sixth of dumping the text of a large document.
    thread_local! {
        static PIECES: RefCell<Vec<Piece>> = const { RefCell::new(Vec::new()) };
    }
    PIECES.with_borrow_mut(|pieces| {
        let mut line_start = 0;
        for line in text.split('\n') {
            wrap_line(line_start, line, width, pieces, &mut out);
            line_start += line.len() + 1;
        }
        // A very long line's room is not kept.
        if pieces.capacity() > MAX_KEPT_PIECES {
            *pieces = Vec::new();
        }
    });
    out
}

/// Pieces of a line the wrapping buffer keeps room for between blocks
/// (a paragraph of 4,096 words; 128 KB).
const MAX_KEPT_PIECES: usize = 4096;

fn wrap_line(
    offset: usize,
    line: &str,
    width: usize,
    pieces: &mut Vec<Piece>,
    out: &mut Vec<LineRange>,
) {
    if line.trim_end().is_empty() {
        out.push(LineRange {
            start: offset as u32,
            end: offset as u32,
        });
        return;
    }
    pieces.clear();
    push_pieces(line, offset, width, pieces);
    for fitted in textwrap::wrap_algorithms::wrap_first_fit(pieces, &[width as f64]) {
        let (Some(first), Some(last)) = (fitted.first(), fitted.last()) else {
            continue;
        };
        // A skipped glyph wider than the line (a wide glyph at width 1, or a
        // cluster of three or more columns) leaves a gap between two pieces;
        // a line must not span it, so each run of adjacent pieces gets its own.
        let mut run_start = first.start;
        for pair in fitted.windows(2) {
            let (p, q) = (&pair[0], &pair[1]);
            if p.end + p.space_width != q.start {
                out.push(LineRange {
                    start: run_start as u32,
                    end: p.end as u32,
                });
                run_start = q.start;
            }
        }
        out.push(LineRange {
            start: run_start as u32,
            end: last.end as u32,
        });
    }
}

/// Adds a line's words to `pieces`, each with its following spaces; leading spaces stay
/// with the first word so indentation survives.
fn push_pieces(line: &str, offset: usize, width: usize, pieces: &mut Vec<Piece>) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let word_start = i;
        if i == 0 {
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
        }
        while i < bytes.len() && bytes[i] != b' ' {
            i += 1;
        }
        let word_end = i;
        while i < bytes.len() && bytes[i] == b' ' {
            i += 1;
        }
        let word = &line[word_start..word_end];
        let word_width = str_width(word);
        if word_width <= width {
            pieces.push(Piece {
                start: offset + word_start,
                end: offset + word_end,
                width: word_width,
                space_width: i - word_end,
            });
        } else {
            split_long_word(word, offset + word_start, width, i - word_end, pieces);
        }
    }
}

/// Splits a word wider than the line into pieces that fit, between graphemes.
/// A grapheme wider than the whole line (a wide glyph at width 1) cannot be
/// shown and is skipped, so no line is ever wider than its width.
fn split_long_word(
    word: &str,
    offset: usize,
    width: usize,
    space_width: usize,
    pieces: &mut Vec<Piece>,
) {
    let mut start = 0;
    let mut current = 0;
    for (at, grapheme) in word.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(grapheme);
        if w > width {
            if at > start {
                pieces.push(Piece {
                    start: offset + start,
                    end: offset + at,
                    width: current,
                    space_width: 0,
                });
            }
            start = at + grapheme.len();
            current = 0;
            continue;
        }
        if current + w > width && at > start {
            pieces.push(Piece {
                start: offset + start,
                end: offset + at,
                width: current,
                space_width: 0,
            });
            start = at;
            current = 0;
        }
        current += w;
    }
    if start < word.len() {
        pieces.push(Piece {
            start: offset + start,
            end: offset + word.len(),
            width: current,
            space_width,
        });
    }
}

/// What one display item is: a part of the article header, a block, or the
/// paywall notice at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Header(usize),
    Block(usize),
    Trailer(usize),
}

/// The kind of header or trailer line, for styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extra {
    Title,
    Subtitle,
    Byline,
    Notice,
    Paywall,
}

/// A laid-out line of an item: which text it shows and the byte range of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub part: Part,
    pub range: LineRange,
    /// First line of its part (list bullets and labels go there).
    pub first: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The block's (or header line's) text.
    Text,
    /// A caption's photo credit.
    Credit,
    /// A caption's licence.
    License,
}

/// One display row: a line of an item, or the blank row after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub item: usize,
    /// Index into the item's lines; `None` for the blank spacing row.
    pub line: Option<usize>,
}

/// Where the top of the view is: an item and a row within it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    pub item: usize,
    pub row: usize,
}

/// List nesting is indented up to this depth; deeper items line up with
/// it. Thirty levels of indent left no room for the text, whose lines then
/// ran past the right edge.
const MAX_LIST_INDENT: u8 = 6;

fn list_indent(depth: u8) -> usize {
    usize::from(depth.min(MAX_LIST_INDENT)) * 2
}

/// Columns of decoration before a block's text (bars, bullets, indents).
pub fn prefix_width(kind: &BlockKind) -> usize {
    match kind {
        BlockKind::Note | BlockKind::Quote => 2,
        BlockKind::Caption(_) => 2,
        BlockKind::ListItem { depth, number } => {
            list_indent(*depth) + number.map_or(2, |n| n.to_string().len() + 2)
        }
        BlockKind::Code => 2,
        BlockKind::Heading { .. } | BlockKind::Paragraph => 0,
    }
}

/// The decoration drawn before a line of a block: bars for notes and quotes,
/// bullets or numbers for list items, a mark for captions and a dash before
/// photo credits. Its width is [`prefix_width`] (credit lines excepted, whose
/// lead is taken out of their own wrap width).
pub fn prefix(kind: &BlockKind, line: &Line) -> String {
    let lead = |first: &str| {
        if line.first {
            first.to_owned()
        } else {
            " ".repeat(first.chars().count())
        }
    };
    match (kind, line.part) {
        (BlockKind::Caption(_), Part::Credit) => lead("— "),
        (BlockKind::Caption(_), Part::License) => "  ".to_owned(),
        (BlockKind::Caption(_), Part::Text) => lead("▣ "),
        (BlockKind::Note, _) => "┃ ".to_owned(),
        (BlockKind::Quote, _) => "│ ".to_owned(),
        (BlockKind::Code, _) => "  ".to_owned(),
        (BlockKind::ListItem { number, depth }, _) => {
            let marker = match number {
                Some(n) => format!("{n}. "),
                None => "• ".to_owned(),
            };
            format!("{}{}", " ".repeat(list_indent(*depth)), lead(&marker))
        }
        (BlockKind::Heading { .. } | BlockKind::Paragraph, _) => String::new(),
    }
}

/// Extra spaces for a justified line: the gap between its width and the
/// measure, shared out over its spaces (the leftmost get one more).
pub struct Justify {
    /// Byte offsets (in the block text) of the line's spaces.
    spaces: Vec<usize>,
    extra_each: usize,
    extra_first: usize,
}

impl Justify {
    /// For the line `line`, which starts at byte `offset` of its block's
    /// text, to fill `width` columns.
    pub fn new(line: &str, offset: usize, width: usize) -> Justify {
        let spaces: Vec<usize> = line.match_indices(' ').map(|(i, _)| offset + i).collect();
        let gap = width.saturating_sub(str_width(line));
        let (extra_each, extra_first) = match spaces.len() {
            0 => (0, 0),
            n => (gap / n, gap % n),
        };
        Justify {
            spaces,
            extra_each,
            extra_first,
        }
    }

    /// Columns the character at byte `at` takes beyond its own: none but
    /// for the line's spaces.
    fn extra_at(&self, at: usize) -> usize {
        match self.spaces.binary_search(&at) {
            Ok(n) => self.extra_each + usize::from(n < self.extra_first),
            Err(_) => 0,
        }
    }

    /// `text[a..b]` with its spaces widened.
    pub fn widen(&self, text: &str, a: usize, b: usize) -> String {
        let mut out = String::with_capacity(b - a + 8);
        let mut at = a;
        for &space in self.spaces.iter().filter(|s| (a..b).contains(*s)) {
            out.push_str(&text[at..space]);
            out.extend(std::iter::repeat_n(' ', 1 + self.extra_at(space)));
            at = space + 1;
        }
        out.push_str(&text[at..b]);
        out
    }
}

/// The byte (into `text`) where the grapheme drawn at `column` of the line
/// `text[line]` starts, its spaces widened by `justify`; None past the
/// line's end. What a click on the line points at.
pub fn offset_at_column(
    text: &str,
    line: std::ops::Range<usize>,
    column: usize,
    justify: Option<&Justify>,
) -> Option<usize> {
    let mut used = 0;
    for (i, grapheme) in text[line.clone()].grapheme_indices(true) {
        let at = line.start + i;
        used += UnicodeWidthStr::width(grapheme) + justify.map_or(0, |j| j.extra_at(at));
        if column < used {
            return Some(at);
        }
    }
    None
}

/// The wrapped layout of one article at one width, filled lazily.
#[derive(Debug, Clone)]
pub struct Layout {
    width: usize,
    header: Vec<(Extra, String)>,
    trailer: Vec<(Extra, String)>,
    block_count: usize,
    cache: Vec<Option<Box<[Line]>>>,
}

impl Layout {
    pub fn new(article: &Article, width: usize) -> Layout {
        let (header, trailer) = extras(article);
        let count = header.len() + article.blocks.len() + trailer.len();
        Layout {
            width: width.max(1),
            header,
            trailer,
            block_count: article.blocks.len(),
            cache: vec![None; count],
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    /// Changes the width; the cache is dropped and refilled lazily.
    pub fn set_width(&mut self, width: usize) {
        let width = width.max(1);
        if width != self.width {
            self.width = width;
            self.cache.iter_mut().for_each(|c| *c = None);
        }
    }

    pub fn item_count(&self) -> usize {
        self.cache.len()
    }

    pub fn item(&self, index: usize) -> Item {
        let h = self.header.len();
        if index < h {
            Item::Header(index)
        } else if index < h + self.block_count {
            Item::Block(index - h)
        } else {
            Item::Trailer(index - h - self.block_count)
        }
    }

    pub fn item_of_block(&self, block: usize) -> usize {
        self.header.len() + block
    }

    pub fn extra(&self, item: Item) -> Option<&(Extra, String)> {
        match item {
            Item::Header(i) => self.header.get(i),
            Item::Trailer(i) => self.trailer.get(i),
            Item::Block(_) => None,
        }
    }

    /// The text a line of `item` refers to.
    pub fn text<'a>(&'a self, article: &'a Article, item: usize, part: Part) -> &'a str {
        match (self.item(item), part) {
            (Item::Block(b), Part::Text) => &article.blocks[b].text,
            (Item::Block(b), part) => match (&article.blocks[b].kind, part) {
                (BlockKind::Caption(a), Part::Credit) => a.credit.as_deref().unwrap_or(""),
                (BlockKind::Caption(a), Part::License) => a.license.as_deref().unwrap_or(""),
                _ => "",
            },
            (other, _) => self.extra(other).map_or("", |(_, s)| s.as_str()),
        }
    }

    /// Lines of an item, laying it out if needed.
    pub fn lines(&mut self, article: &Article, item: usize) -> &[Line] {
        if self.cache[item].is_none() {
            let lines = self.compute(article, item);
            self.cache[item] = Some(lines.into_boxed_slice());
        }
        self.cache[item].as_deref().unwrap_or(&[])
    }

    /// Lines of an item if already laid out (for drawing from `&self`).
    pub fn cached_lines(&self, item: usize) -> Option<&[Line]> {
        self.cache.get(item)?.as_deref()
    }

    /// Lays out an item without touching the cache.
    pub fn compute(&self, article: &Article, item: usize) -> Vec<Line> {
        let (text, indent, credit, license) = match self.item(item) {
            Item::Block(b) => {
                let block = &article.blocks[b];
                let attribution = block.kind.attribution();
                let credit = attribution.and_then(|a| a.credit.as_deref());
                let license = attribution.and_then(|a| a.license.as_deref());
                (
                    block.text.as_str(),
                    prefix_width(&block.kind),
                    credit,
                    license,
                )
            }
            other => (
                self.extra(other).map_or("", |(_, s)| s.as_str()),
                0,
                None,
                None,
            ),
        };
        let width = self.width.saturating_sub(indent).max(1);
        let mut lines: Vec<Line> = wrap(text, width)
            .into_iter()
            .enumerate()
            .map(|(i, range)| Line {
                part: Part::Text,
                range,
                first: i == 0,
            })
            .collect();
        // Credit and licence each get lines of their own under the caption,
        // after a two-column lead ("— ").
        for (part, extra) in [(Part::Credit, credit), (Part::License, license)] {
            if let Some(extra) = extra {
                let lead_width = width.saturating_sub(2).max(1);
                lines.extend(
                    wrap(extra, lead_width)
                        .into_iter()
                        .enumerate()
                        .map(|(i, range)| Line {
                            part,
                            range,
                            first: i == 0,
                        }),
                );
            }
        }
        lines
    }

    /// Rows an item takes: its lines plus a blank row after it, except between
    /// consecutive list items.
    pub fn rows(&mut self, article: &Article, item: usize) -> usize {
        let lines = self.lines(article, item).len();
        lines + usize::from(self.blank_after(article, item))
    }

    /// A blank row follows the item (not between items of one list).
    pub fn blank_after(&self, article: &Article, item: usize) -> bool {
        let is_list = |i: usize| matches!(self.item(i), Item::Block(b) if matches!(article.blocks[b].kind, BlockKind::ListItem { .. }));
        match self.item(item) {
            Item::Header(i) => i + 1 == self.header.len(),
            Item::Trailer(_) => false,
            Item::Block(_) => !(is_list(item) && item + 1 < self.item_count() && is_list(item + 1)),
        }
    }

    /// The rows of the view starting at `anchor`, at most `height` of them.
    pub fn visible(&mut self, article: &Article, anchor: Anchor, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut item = anchor.item;
        let mut row = anchor.row;
        while rows.len() < height && item < self.item_count() {
            let lines = self.lines(article, item).len();
            let total = self.rows(article, item);
            while row < total && rows.len() < height {
                rows.push(Row {
                    item,
                    line: (row < lines).then_some(row),
                });
                row += 1;
            }
            item += 1;
            row = 0;
        }
        rows
    }

    /// Moves `anchor` down by `n` rows, stopping where the last row is at the
    /// bottom of a view of `height` rows.
    pub fn scroll_down(
        &mut self,
        article: &Article,
        anchor: Anchor,
        n: usize,
        height: usize,
    ) -> Anchor {
        let limit = self.last_anchor(article, height);
        let mut a = anchor;
        let mut left = n;
        while left > 0 && a < limit {
            let total = self.rows(article, a.item);
            let step = (total - a.row.min(total)).min(left);
            if a.row + step >= total {
                if a.item + 1 >= self.item_count() {
                    break;
                }
                left -= total - a.row;
                a = Anchor {
                    item: a.item + 1,
                    row: 0,
                };
            } else {
                a.row += step;
                left -= step;
            }
        }
        a.min(limit)
    }

    pub fn scroll_up(&mut self, article: &Article, anchor: Anchor, n: usize) -> Anchor {
        let mut a = anchor;
        let mut left = n;
        while left > 0 {
            if a.row >= left {
                a.row -= left;
                break;
            }
            left -= a.row;
            if a.item == 0 {
                a.row = 0;
                break;
            }
            a.item -= 1;
            a.row = self.rows(article, a.item);
        }
        a
    }

    /// The anchor that shows the end of the document at the bottom of the view.
    pub fn last_anchor(&mut self, article: &Article, height: usize) -> Anchor {
        let count = self.item_count();
        if count == 0 {
            return Anchor::default();
        }
        let last = count - 1;
        let end = Anchor {
            item: last,
            row: self.rows(article, last),
        };
        let a = self.scroll_up(article, end, height.max(1));
        // Normalise "past the end of an item" to the next item's top.
        self.normalise(article, a)
    }

    fn normalise(&mut self, article: &Article, a: Anchor) -> Anchor {
        if a.item + 1 < self.item_count() && a.row >= self.rows(article, a.item) {
            Anchor {
                item: a.item + 1,
                row: 0,
            }
        } else {
            a
        }
    }

    /// The row within `item` that shows byte offset `byte` of its text.
    pub fn row_of_byte(&mut self, article: &Article, item: usize, byte: usize) -> usize {
        let lines = self.lines(article, item);
        lines
            .iter()
            .rposition(|l| l.part == Part::Text && (l.range.start as usize) <= byte)
            .unwrap_or(0)
    }
}

/// The header (title, subtitle, byline, notices) and trailer (paywall notice)
/// lines shown around the blocks.
type ExtraLines = Vec<(Extra, String)>;

fn extras(article: &Article) -> (ExtraLines, ExtraLines) {
    let meta = &article.meta;
    let mut header = Vec::new();
    if let Some(title) = &meta.title {
        header.push((Extra::Title, title.clone()));
    }
    if let Some(subtitle) = &meta.subtitle {
        header.push((Extra::Subtitle, subtitle.clone()));
    }
    let mut byline: Vec<String> = Vec::new();
    if let Some(author) = &meta.author {
        byline.push(format!("By {author}"));
    }
    if let Some(publication) = meta
        .publication
        .as_ref()
        .filter(|p| Some(*p) != meta.author.as_ref())
    {
        byline.push(publication.clone());
    }
    if let Some(published) = &meta.published {
        byline.push(describe_published(published));
    }
    if meta.paid {
        byline.push("paid post".to_owned());
    }
    if !byline.is_empty() {
        header.push((Extra::Byline, byline.join(" · ")));
    }
    for notice in &meta.notices {
        header.push((Extra::Notice, format!("Note from gloss: {notice}")));
    }
    // Where the text stops short: an excerpt's rest is on its site, a
    // paywalled post's behind the wall.
    let cut_off = if meta.excerpt {
        let rest = meta
            .url
            .as_deref()
            .map_or_else(|| "on its site".to_owned(), |url| format!("at {url}"));
        Some(format!(
            "The feed gives only the start of this post; the rest is {rest}."
        ))
    } else if meta.truncated {
        let whose = meta
            .publication
            .as_deref()
            .map_or_else(|| "the publication’s".to_owned(), |p| format!("{p}’s"));
        Some(format!(
            "The rest of this post is behind {whose} paywall. gloss shows only what was copied."
        ))
    } else {
        None
    };
    let trailer = cut_off
        .map(|text| (Extra::Paywall, text))
        .into_iter()
        .collect();
    (header, trailer)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each column of a line is the grapheme drawn there: both columns of a
    /// wide glyph, every column of a widened space, nothing past the end.
    #[test]
    fn a_column_finds_the_grapheme_drawn_there() {
        let text = "xx 日本 is é";
        let line = 3..text.len();
        let at = |column, justify: Option<&Justify>| {
            offset_at_column(text, line.clone(), column, justify).map(|i| &text[i..])
        };
        let starts: Vec<_> = (0..9).map(|c| at(c, None)).collect();
        assert_eq!(starts[0], Some("日本 is é"));
        assert_eq!(starts[1], Some("日本 is é"));
        assert_eq!(starts[2], Some("本 is é"));
        assert_eq!(starts[3], Some("本 is é"));
        assert_eq!(starts[4], Some(" is é"));
        assert_eq!(starts[7], Some(" é"));
        assert_eq!(starts[8], Some("é"));
        assert_eq!(at(9, None), None);

        // Justified to 12 columns: the line's 9 take 3 more, the first of
        // its two spaces two of them.
        let justify = Justify::new(&text[line.clone()], line.start, 12);
        assert_eq!(justify.widen(text, line.start, line.end), "日本   is  é");
        let widened: Vec<_> = (0..12).map(|c| at(c, Some(&justify))).collect();
        for (c, found) in widened.iter().enumerate().take(7).skip(4) {
            assert_eq!(*found, Some(" is é"), "column {c}");
        }
        assert_eq!(widened[7], Some("is é"));
        assert_eq!(widened[9], Some(" é"));
        assert_eq!(widened[10], Some(" é"));
        assert_eq!(widened[11], Some("é"));
        assert_eq!(at(12, Some(&justify)), None);
    }

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width)
            .into_iter()
            .map(|r| &text[r.start as usize..r.end as usize])
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        assert_eq!(
            lines("Japan sent drones and tents", 11),
            vec!["Japan sent", "drones and", "tents"]
        );
    }

    #[test]
    fn long_words_are_split() {
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_never_overflow() {
        for width in 1..8 {
            for line in lines("日本の支援 👨‍👩‍👧 ok", width) {
                assert!(str_width(line) <= width, "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn explicit_line_breaks_are_kept() {
        assert_eq!(lines("a b\n\nc", 10), vec!["a b", "", "c"]);
    }

    #[test]
    fn lone_narrow_characters_are_one_column_and_one_grapheme() {
        let lone: Vec<char> = ('\0'..='\u{3000}').filter(|&c| is_lone_narrow(c)).collect();
        assert!(lone.contains(&'’') && lone.contains(&'é') && !lone.contains(&'\u{ad}'));
        for c in lone {
            let text = c.to_string();
            assert_eq!(UnicodeWidthStr::width(text.as_str()), 1, "{c:?}");
            assert_eq!(text.graphemes(true).count(), 1, "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn widths_counted_by_character_are_widths_by_grapheme(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', ' ', '~', '’', '“', '—', 'é', 'ß', 'ǿ', '\u{a0}', '\u{ad}',
                    '\u{301}', '\u{200d}', '\u{fe0f}', '\u{1f1ef}', '\u{1f1f5}', '👨',
                    // No '\r': the sanitizer turns every line end into '\n'.
                    '日', '\n', '\u{1100}', '\u{1161}', '\u{2028}', '\u{2030}',
                ]),
                0..12,
            ),
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(str_width(&text), graphemes_width(&text));
        }
    }
}
