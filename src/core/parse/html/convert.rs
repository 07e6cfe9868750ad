//! HTML elements to blocks: used for the main content readability extracts and,
//! directly, for feed item content (short fragments readability may drop).
//!
//! The walk is iterative (parent and sibling links, no recursion), so no input
//! can overflow the stack here; callers cap the nesting before parsing anyway.

use super::super::sink::{Sink, clean_credit};
use crate::core::layout::str_width;
use crate::core::model::BlockKind;
use crate::core::sanitize::sanitize_inline;
use dom_query::{Document, NodeRef};

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "footer", "aside",
    "form", "button", "input", "select", "textarea", "head", "title", "object", "embed", "canvas",
    "video", "audio",
];

/// Elements that end the running text and start a new block.
const BLOCK_BREAKS: &[&str] = &[
    "p", "div", "section", "article", "main", "header", "table", "tr", "dl", "dt", "dd", "center",
    "details", "summary", "address", "hr", "hgroup", "body",
];

/// Converts an HTML fragment (feed item content) to blocks in `sink`.
pub(crate) fn fragment_to_blocks(html: &str, sink: &mut Sink) {
    let doc = Document::fragment(html);
    convert(&doc.root(), sink);
}

/// A link to a footnote or back from one, its text the note's number:
/// `<a href="#footnote-1">1</a>`, `<a href="#fn1">1</a>`, and a book's
/// reference to a note in another file (EPUB's `epub:type="noteref"`,
/// DPUB-ARIA's `role="doc-noteref"`).
fn footnote_mark(node: &NodeRef<'_>) -> Option<String> {
    let href = node.attr("href")?;
    let declared = node.attr("role").is_some_and(|r| r.contains("doc-noteref"))
        || node
            .attr("epub:type")
            .is_some_and(|t| t.contains("noteref"));
    if !declared {
        let target = href.strip_prefix('#')?.to_ascii_lowercase();
        let class = node.attr("class").unwrap_or_default().to_ascii_lowercase();
        if !(target.contains("fn") || target.contains("footnote") || class.contains("footnote")) {
            return None;
        }
    }
    let text = node.text();
    let number = text.trim();
    ((1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()))
        .then(|| number.to_owned())
}

/// A note's link back to where it is referenced ("↩"), as books and
/// footnoted pages mark it (`epub:type="backlink"`, `role="doc-backlink"`):
/// a sign to click, not the note's words.
fn is_backlink(node: &NodeRef<'_>) -> bool {
    node.attr("epub:type")
        .is_some_and(|t| t.contains("backlink"))
        || node
            .attr("role")
            .is_some_and(|r| r.contains("doc-backlink"))
}

/// A note set aside from the text, as books mark it (`<aside
/// epub:type="footnote">`, `role="doc-endnote"`): text, unlike other asides.
fn is_note(node: &NodeRef<'_>) -> bool {
    let says = |v: &str| {
        ["footnote", "endnote", "rearnote"]
            .iter()
            .any(|n| v.contains(n))
    };
    node.attr("epub:type").is_some_and(|t| says(&t)) || node.attr("role").is_some_and(|r| says(&r))
}

/// A heading's own link to itself, "Abstract¶" (Sphinx, MkDocs, GitHub
/// pages): a sign to click, which would end the heading's text.
fn is_permalink(node: &NodeRef<'_>) -> bool {
    if !node.attr("href").is_some_and(|h| h.starts_with('#')) {
        return false;
    }
    let text = node.text();
    let text = text.trim();
    matches!(text, "¶" | "§" | "#" | "🔗" | "∞" | "⚓" | "")
}

/// Whether a `<dt>` is followed by a `<dd>` of running text only, so the
/// two read as one line "term: explanation". A `<dd>` holding paragraphs
/// or lists keeps its blocks, and its term stays a block of its own.
fn explained_inline(dt: &NodeRef<'_>) -> bool {
    let Some(dd) = dt.next_element_sibling() else {
        return false;
    };
    if dd.node_name().as_deref() != Some("dd") {
        return false;
    }
    let is_block = |n: &NodeRef<'_>| {
        n.node_name().is_some_and(|name| {
            BLOCK_BREAKS.contains(&&*name)
                || matches!(
                    &*name,
                    "ul" | "ol"
                        | "li"
                        | "blockquote"
                        | "pre"
                        | "figure"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                )
        })
    };
    if dd.descendants_it().any(|n| n.is_element() && is_block(&n))
        || dt.descendants_it().any(|n| n.is_element() && is_block(&n))
    {
        return false;
    }
    // A contents list or an index links its entries: no explanation.
    let len = |text: &str| text.split_whitespace().map(str::len).sum::<usize>();
    let linked: usize = dd
        .descendants_it()
        .filter(|n| n.node_name().as_deref() == Some("a"))
        .map(|a| len(&a.text()))
        .sum();
    linked * 2 < len(&dd.text())
}

/// Converts everything under `root` to blocks in `sink`.
pub(crate) fn convert(root: &NodeRef<'_>, sink: &mut Sink) {
    let mut conv = Converter {
        sink,
        text: String::new(),
        lists: Vec::new(),
        items: Vec::new(),
        quotes: 0,
        pre: 0,
        heading: None,
        links: Vec::new(),
        figure: None,
        listing: None,
        bold: 0,
        bold_text: false,
        plain_text: false,
        definition: false,
        note_mark: None,
    };
    let Some(mut node) = root.first_child() else {
        return;
    };
    'walk: loop {
        let descend = conv.enter(&node);
        if descend && let Some(child) = node.first_child() {
            node = child;
            continue;
        }
        if descend {
            conv.exit(&node);
        }
        // Climb until a sibling is found, closing the elements left behind.
        loop {
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'walk;
            }
            match node.parent() {
                Some(parent) if parent.id != root.id => {
                    conv.exit(&parent);
                    node = parent;
                }
                _ => break 'walk,
            }
        }
    }
    conv.flush();
}

/// A `<figure>` being read: its caption text goes to `Converter::text`.
struct Figure {
    alt: Option<String>,
    credit: Option<String>,
    /// Where an open `<cite>` starts in the text.
    cite_start: Option<usize>,
}

struct Converter<'s> {
    sink: &'s mut Sink,
    text: String,
    /// Open lists: the next item number for ordered ones.
    lists: Vec<Option<u64>>,
    items: Vec<BlockKind>,
    quotes: usize,
    pre: usize,
    heading: Option<u8>,
    /// Open links: where their text starts in `text`, and their target.
    links: Vec<(usize, String)>,
    figure: Option<Figure>,
    /// A figure whose `<pre>` is being read: a code listing is a block of
    /// code, and only the rest of the figure its caption.
    listing: Option<Figure>,
    /// Open `<strong>`/`<b>` elements, and whether the running block has
    /// text inside them and outside them: a paragraph that is all bold is a
    /// heading in all but name ("<p><strong>Paid plans</strong></p>").
    bold: usize,
    bold_text: bool,
    plain_text: bool,
    /// Inside a `<dt>` and the `<dd>` after it, read as one list item
    /// "term: explanation" (a glossary written as a definition list).
    definition: bool,
    /// A book's endnote's number ("[1] "), put before its first words.
    note_mark: Option<String>,
}

impl Converter<'_> {
    /// Handles an opening tag or a text node; false when its children are to be skipped.
    fn enter(&mut self, node: &NodeRef<'_>) -> bool {
        if node.is_text() {
            let t = node.text();
            if !t.trim().is_empty() {
                if self.bold > 0 {
                    self.bold_text = true;
                } else {
                    self.plain_text = true;
                }
            }
            if self.pre > 0 {
                self.text.push_str(&t);
            } else {
                push_spaced(&mut self.text, &t);
            }
            return false;
        }
        if !node.is_element() {
            return false;
        }
        let Some(name) = node.node_name() else {
            return false;
        };
        let name: &str = &name;
        if (SKIPPED.contains(&name) && !(name == "aside" && is_note(node))) || hidden(node) {
            return false;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.block_break();
                self.heading = Some(name.as_bytes()[1] - b'0');
            }
            "ul" | "ol" | "menu" => {
                self.block_break();
                let start = (name == "ol").then(|| {
                    node.attr("start")
                        .and_then(|s| s.trim().parse().ok())
                        .unwrap_or(1)
                });
                self.lists.push(start);
            }
            "li" => {
                self.block_break();
                let depth = self.lists.len().saturating_sub(1).min(u8::MAX as usize) as u8;
                let number = self.lists.last_mut().and_then(|n| {
                    let current = *n;
                    if let Some(next) = n {
                        *next += 1;
                    }
                    current
                });
                // Past u32::MAX an item is shown with a bullet.
                let number = number.and_then(|n| u32::try_from(n).ok());
                if is_note(node) {
                    // A book's endnote: a note "[1] …", as other formats'.
                    self.note_mark = number.map(|n| format!("[{n}] "));
                    self.items.push(BlockKind::Note);
                } else {
                    self.items.push(BlockKind::ListItem { number, depth });
                }
            }
            "aside" => {
                // Only a note's aside is read (see `SKIPPED`).
                self.block_break();
                self.items.push(BlockKind::Note);
            }
            "blockquote" => {
                self.block_break();
                self.quotes += 1;
            }
            "pre" => {
                if self.pre == 0
                    && let Some(mut figure) = self.figure.take()
                {
                    // What the figure says above its code (mdBook's
                    // "Filename: src/main.rs") stays above it, apart from
                    // the caption below.
                    let above = std::mem::take(&mut self.text);
                    let (caption, credit) = split_credit(above.trim());
                    if !caption.is_empty() {
                        let credit = figure.credit.take().or(credit);
                        self.sink.push(BlockKind::caption(credit, None), caption);
                    }
                    self.listing = Some(figure);
                }
                self.block_break();
                self.pre += 1;
            }
            // Code blocks side by side in one `<pre>` are versions of one
            // example that the page shows one at a time (Node.js's ES module
            // and CommonJS flavours): each its own block, not run together.
            "code"
                if self.pre > 0
                    && node
                        .prev_element_sibling()
                        .is_some_and(|prev| prev.node_name().is_some_and(|n| &*n == "code")) =>
            {
                self.block_break();
            }
            "figure" => {
                self.flush();
                self.figure = Some(Figure {
                    alt: None,
                    credit: None,
                    cite_start: None,
                });
            }
            "img" => {
                if let Some(fig) = &mut self.figure
                    && fig.alt.is_none()
                {
                    fig.alt = node.attr("alt").map(|a| a.to_string());
                }
                return false;
            }
            "cite" => {
                if let Some(fig) = &mut self.figure {
                    fig.cite_start = Some(self.text.len());
                }
            }
            "table" => {
                self.block_break();
                if let Some(table) = DataTable::read(node) {
                    table.push_to(self.sink);
                    return false;
                }
            }
            "dt" if self.figure.is_none() && explained_inline(node) => {
                self.block_break();
                let depth = self.lists.len().min(u8::MAX as usize) as u8;
                self.items.push(BlockKind::ListItem {
                    number: None,
                    depth,
                });
                self.definition = true;
            }
            "dd" if self.definition => {}
            "br" => self.text.push('\n'),
            "strong" | "b" => self.bold += 1,
            "td" | "th" => self.text.push(' '),
            "a" => {
                if is_permalink(node) || is_backlink(node) {
                    return false;
                }
                if let Some(number) = footnote_mark(node) {
                    // "weapons.1": the mark reads as a number glued to
                    // the word; bracketed, it reads as a note's.
                    self.plain_text = true;
                    push_spaced(&mut self.text, &format!("[{number}]"));
                    return false;
                }
                if let Some(href) = node.attr("href") {
                    self.links.push((self.text.len(), href.to_string()));
                } else {
                    self.links.push((usize::MAX, String::new()));
                }
            }
            _ if BLOCK_BREAKS.contains(&name) => self.break_block_or_line(),
            _ => {}
        }
        true
    }

    fn exit(&mut self, node: &NodeRef<'_>) {
        let Some(name) = node.node_name() else {
            return;
        };
        match &*name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.block_break();
                self.heading = None;
            }
            "ul" | "ol" | "menu" => {
                self.block_break();
                self.lists.pop();
            }
            "li" | "aside" => {
                self.block_break();
                self.items.pop();
                self.note_mark = None;
            }
            "blockquote" => {
                self.block_break();
                self.quotes = self.quotes.saturating_sub(1);
            }
            "pre" => {
                self.block_break();
                self.pre = self.pre.saturating_sub(1);
                if self.pre == 0
                    && let Some(figure) = self.listing.take()
                {
                    self.figure = Some(figure);
                }
            }
            "dt" if self.definition => {
                let term = self.text.trim_end().trim_end_matches(':').len();
                self.text.truncate(term);
                self.text.push_str(": ");
            }
            "dd" if self.definition => {
                self.block_break();
                self.items.pop();
                self.definition = false;
            }
            "figure" => self.end_figure(),
            "strong" | "b" => self.bold = self.bold.saturating_sub(1),
            "cite" => {
                if let Some(fig) = &mut self.figure
                    && let Some(start) = fig.cite_start.take()
                    && let Some(cite) = self.text.get(start..)
                {
                    fig.credit = clean_credit(cite);
                    self.text.truncate(start);
                }
            }
            "a" => {
                if let Some((start, url)) = self.links.pop()
                    && let Some(text) = self.text.get(start..)
                {
                    self.sink.link(text, &url);
                }
            }
            n if BLOCK_BREAKS.contains(&n) => self.break_block_or_line(),
            _ => {}
        }
    }

    /// A block element ends the running block, but inside a listing only
    /// its line: rustdoc sets a declaration's `where` clause in a `<div>`.
    fn break_block_or_line(&mut self) {
        if self.pre == 0 {
            self.block_break();
        } else if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Ends the running block, except inside a figure, whose parts all make one caption.
    fn block_break(&mut self) {
        if self.figure.is_some() {
            self.text.push(' ');
        } else {
            self.flush();
        }
    }

    fn kind(&self) -> BlockKind {
        if let Some(level) = self.heading {
            BlockKind::Heading { level }
        } else if self.pre > 0 {
            BlockKind::Code
        } else if let Some(item) = self.items.last() {
            item.clone()
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn flush(&mut self) {
        if !self.text.trim().is_empty() {
            let mut kind = self.kind();
            if kind == BlockKind::Paragraph && self.bold_text && !self.plain_text {
                kind = bold_heading(&self.text).unwrap_or(kind);
            }
            match self.note_mark.take() {
                Some(mark) => self
                    .sink
                    .push(kind, &format!("{mark}{}", self.text.trim_start())),
                None => self.sink.push(kind, &self.text),
            }
        }
        self.bold_text = false;
        self.plain_text = false;
        self.text.clear();
        // A link spanning blocks keeps only its text in the last one.
        for (start, _) in &mut self.links {
            if *start != usize::MAX {
                *start = 0;
            }
        }
    }

    fn end_figure(&mut self) {
        let Some(fig) = self.figure.take() else {
            return;
        };
        let text = std::mem::take(&mut self.text);
        let (caption, credit) = split_credit(text.trim());
        let caption = if caption.is_empty() {
            fig.alt.unwrap_or_default()
        } else {
            caption.to_owned()
        };
        self.sink
            .push(BlockKind::caption(fig.credit.or(credit), None), &caption);
    }
}

/// The heading a paragraph of bold text stands for: short, one line, and
/// not a sentence, a lead-in ("<b>Note:</b>" ends in a colon), a byline
/// ("<b>By Ann Lee</b>") or a signature ("<b>— Ann</b>").
fn bold_heading(text: &str) -> Option<BlockKind> {
    const MAX_WORDS: usize = 12;
    let text = text.trim();
    let short = text.split_whitespace().count() <= MAX_WORDS && !text.contains('\n');
    let sentence = text.ends_with(['.', ':', ';', ',', '!']);
    let signed = text.starts_with(['—', '–', '-'])
        || text
            .get(..3)
            .is_some_and(|by| by.eq_ignore_ascii_case("by "));
    (short && !sentence && !signed).then_some(BlockKind::Heading { level: 3 })
}

/// A table of short cells (figures, names, dates), shown with its columns
/// aligned; tables that lay out a page, or hold paragraphs, are read as text.
pub(crate) struct DataTable {
    caption: Option<String>,
    /// The first row names the columns.
    header: bool,
    rows: Vec<Vec<String>>,
    /// How the author aligned each column, where they said.
    align: Vec<Option<ColumnAlign>>,
}

/// A column's alignment as the page or the Markdown table sets it; columns
/// without one are aligned by what they hold (figures to the right).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnAlign {
    Left,
    Center,
    Right,
}

impl DataTable {
    /// Longest cell, in characters, of a table read as data; a cell of
    /// more than one sentence is prose at any length. (At 60, a changelog's
    /// "The data argument supports AsyncIterable, Iterable, and Stream."
    /// made its table a run of loose cells.)
    const MAX_CELL: usize = 200;
    /// Widest aligned table, in columns; wider ones become one line per row,
    /// which wraps where an aligned row would break its columns. The default
    /// reading measure is 80 columns, less the block's two of indent.
    const MAX_WIDTH: usize = 78;
    const GAP: &str = "  ";

    fn read(table: &NodeRef<'_>) -> Option<DataTable> {
        let mut rows = Vec::new();
        let mut header = false;
        let mut caption = None;
        let mut align: Vec<Option<ColumnAlign>> = Vec::new();
        for node in table.descendants_it().filter(NodeRef::is_element) {
            let Some(name) = node.node_name() else {
                continue;
            };
            match &*name {
                // Nested tables are layout, not data.
                "table" => return None,
                "caption" => caption = Some(cell_text(&node)),
                "tr" => {
                    let cells: Vec<NodeRef<'_>> = node
                        .element_children()
                        .into_iter()
                        .filter(|c| c.node_name().is_some_and(|n| &*n == "td" || &*n == "th"))
                        .collect();
                    let texts: Vec<String> = cells.iter().map(cell_text).collect();
                    if texts.iter().all(String::is_empty) {
                        continue;
                    }
                    // A column is aligned as its first cell that says how.
                    align.resize(align.len().max(cells.len()), None);
                    for (column, cell) in align.iter_mut().zip(&cells) {
                        if column.is_none() {
                            *column = cell_align(cell);
                        }
                    }
                    if rows.is_empty() {
                        let in_head = node
                            .parent()
                            .and_then(|p| p.node_name())
                            .is_some_and(|n| &*n == "thead");
                        let all_th = cells
                            .iter()
                            .all(|c| c.node_name().is_some_and(|n| &*n == "th"));
                        header = in_head || all_th;
                    }
                    rows.push(texts);
                }
                _ => {}
            }
        }
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let short = rows.iter().flatten().all(|c| {
            c.chars().count() <= Self::MAX_CELL && crate::core::text::sentences(c).len() <= 1
        });
        (rows.len() >= 2 && columns >= 2 && short).then_some(DataTable {
            caption: caption.filter(|c| !c.is_empty()),
            header,
            rows,
            align,
        })
    }

    /// A table given as rows of cell text, the first row naming the columns
    /// when `header` (a Markdown table's always does), with the alignment
    /// set for each column, if any.
    pub(crate) fn from_rows(
        rows: Vec<Vec<String>>,
        header: bool,
        align: Vec<Option<ColumnAlign>>,
    ) -> DataTable {
        DataTable {
            caption: None,
            header,
            rows,
            align,
        }
    }

    pub(crate) fn push_to(self, sink: &mut Sink) {
        if let Some(caption) = &self.caption {
            sink.push(BlockKind::Paragraph, caption);
        }
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        if columns == 0 {
            return;
        }
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(str_width(cell));
            }
        }
        let total = widths.iter().sum::<usize>() + Self::GAP.len() * (columns - 1);
        if total > Self::MAX_WIDTH {
            // Too wide to align: one line per row, each cell named by its
            // column ("Country: Japan · Military: 0").
            let (names, body) = if self.header {
                (Some(&self.rows[0]), &self.rows[1..])
            } else {
                (None, &self.rows[..])
            };
            for row in body {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(
                        |(i, c)| match names.and_then(|n| n.get(i)).filter(|n| !n.is_empty()) {
                            Some(name) => format!("{name}: {c}"),
                            None => c.clone(),
                        },
                    )
                    .collect();
                sink.push(BlockKind::Paragraph, &cells.join(" · "));
            }
            return;
        }
        let mut lines = Vec::with_capacity(self.rows.len() + 1);
        for (r, row) in self.rows.iter().enumerate() {
            let mut line = String::new();
            for (i, width) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                let pad = width - str_width(cell);
                if i > 0 {
                    line.push_str(Self::GAP);
                }
                // Figures line up on their last digit, unless the author
                // aligned the column.
                let align = self.align.get(i).copied().flatten();
                let before = match align {
                    Some(ColumnAlign::Right) => pad,
                    Some(ColumnAlign::Center) => pad / 2,
                    Some(ColumnAlign::Left) => 0,
                    None if is_figure(cell) => pad,
                    None => 0,
                };
                line.extend(std::iter::repeat_n(' ', before));
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad - before));
            }
            lines.push(line.trim_end().to_owned());
            if r == 0 && self.header {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                lines.push(rule.join(Self::GAP));
            }
        }
        sink.push(BlockKind::Code, &lines.join("\n"));
    }
}

/// A cell's text on one line, as the reader will see it.
fn cell_text(node: &NodeRef<'_>) -> String {
    let text = sanitize_inline(&node.text());
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell's `align` attribute or `text-align` style.
fn cell_align(cell: &NodeRef<'_>) -> Option<ColumnAlign> {
    let named = |value: &str| match value.trim().to_ascii_lowercase().as_str() {
        "left" | "start" => Some(ColumnAlign::Left),
        "center" | "centre" => Some(ColumnAlign::Center),
        "right" | "end" => Some(ColumnAlign::Right),
        _ => None,
    };
    if let Some(value) = cell.attr("align").and_then(|a| named(&a)) {
        return Some(value);
    }
    let style = cell.attr("style")?;
    style.split(';').find_map(|rule| {
        let (property, value) = rule.split_once(':')?;
        property
            .trim()
            .eq_ignore_ascii_case("text-align")
            .then(|| named(value))
            .flatten()
    })
}

/// "10.2", "−3", "1,500", "12%", "$4.5bn": right-aligned in a column.
fn is_figure(cell: &str) -> bool {
    let digits = cell.chars().filter(char::is_ascii_digit).count();
    digits > 0 && digits * 2 >= cell.chars().filter(|c| !c.is_whitespace()).count()
}

/// Elements hidden from readers (`hidden`, `aria-hidden`, inline `display:none`).
fn hidden(node: &NodeRef<'_>) -> bool {
    node.has_attr("hidden")
        || node.attr("aria-hidden").is_some_and(|v| &*v == "true")
        || node.attr("style").is_some_and(|s| {
            let s = s.to_ascii_lowercase().replace(' ', "");
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Splits a trailing credit from a caption: "… Photo: Isla Grant",
/// "… (Photo by Lars Eriksen/Reuters)", "… (Isla Grant)".
pub(crate) fn split_credit(caption: &str) -> (&str, Option<String>) {
    let lower = caption.to_ascii_lowercase();
    for label in [
        "photograph:",
        "photograph by",
        "photo:",
        "photo by",
        "image:",
        "credit:",
    ] {
        if let Some(at) = lower.rfind(label) {
            let before = caption[..at].trim_end().trim_end_matches('(').trim_end();
            let credit = caption[at..].trim_end_matches(['.', ' ']);
            return (before, clean_credit(credit));
        }
    }
    if let Some(inner) = caption
        .strip_suffix(')')
        .or_else(|| caption.strip_suffix(")."))
        && let Some(open) = inner.rfind('(')
    {
        let credit = &inner[open + 1..];
        let words = credit.split_whitespace().count();
        // A name or agency, not a remark: short and capitalised.
        if (1..=5).contains(&words)
            && credit.starts_with(|c: char| c.is_uppercase())
            && !credit.contains([',', ';', '?', '!'])
        {
            return (inner[..open].trim_end(), clean_credit(credit));
        }
    }
    (caption, None)
}

/// Appends HTML text with each white-space character made a space (source
/// line breaks inside HTML text are spaces), copying the runs between them:
/// pushed a character at a time, this was a sixth of reading a directory of
/// feeds.
fn push_spaced(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Copied up to here; looked at up to `at`.
    let (mut done, mut at) = (0, 0);
    while let Some(found) = bytes[at..]
        .iter()
        .position(|&b| matches!(b, b'\t'..=b'\r') || b >= 0x80)
    {
        at += found;
        // A character boundary: ASCII, or the lead byte of a sequence
        // (continuation bytes are stepped over with their lead).
        let c = text[at..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            out.push_str(&text[done..at]);
            out.push(' ');
            done = at + c.len_utf8();
        }
        at += c.len_utf8();
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_white_space_becomes_spaces() {
        let mut out = String::from(">");
        let text = "a\tb\nc\u{b}d\u{c}e\rf g\u{a0}h\u{2003}i\u{3000}j é\u{1c}日本\u{85}";
        push_spaced(&mut out, text);
        let expected: String = text
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        assert_eq!(out, format!(">{expected}"));
        assert_eq!(out, ">a b c d e f g h i j é\u{1c}日本 ");
    }

    use crate::core::model::Block;

    fn blocks(html: &str) -> Vec<Block> {
        let mut sink = Sink::default();
        fragment_to_blocks(html, &mut sink);
        sink.blocks
    }

    #[test]
    fn lists_quotes_and_code() {
        let b = blocks(
            "<ol start=2><li>a<ul><li>b</li></ul></li></ol><blockquote><p>q</p></blockquote><pre>x\n  y</pre>",
        );
        assert_eq!(
            b[0].kind,
            BlockKind::ListItem {
                number: Some(2),
                depth: 0
            }
        );
        assert_eq!(
            b[1].kind,
            BlockKind::ListItem {
                number: None,
                depth: 1
            }
        );
        assert_eq!((&b[2].kind, b[2].text.as_str()), (&BlockKind::Quote, "q"));
        assert_eq!(
            (&b[3].kind, b[3].text.as_str()),
            (&BlockKind::Code, "x\n  y")
        );
    }

    #[test]
    fn table_cells_say_how_their_column_is_aligned() {
        let b = blocks(
            "<table><tr><th>Port</th><th style='color: red; Text-Align: right'>Cargo</th>\
             <th>Berth</th></tr>\
             <tr><td>Riga</td><td>grain</td><td align=left>12</td></tr>\
             <tr><td>Gdansk</td><td>coal and steel</td><td>7</td></tr></table>",
        );
        assert_eq!(
            b[0].text,
            "Port             Cargo  Berth\n\
             ──────  ──────────────  ─────\n\
             Riga             grain  12\n\
             Gdansk  coal and steel  7"
        );
    }

    #[test]
    fn figure_caption_with_credit() {
        let b =
            blocks("<figure><img alt=A><figcaption>Wall (Photo: Isla Grant)</figcaption></figure>");
        assert_eq!(b[0].text, "Wall");
        assert_eq!(
            b[0].kind,
            BlockKind::caption(Some("Isla Grant".into()), None)
        );
    }

    #[test]
    fn credits() {
        assert_eq!(
            split_credit("A wall (Isla Grant)").1.as_deref(),
            Some("Isla Grant")
        );
        assert_eq!(split_credit("A wall (seen, from the sea)").1, None);
    }
}
