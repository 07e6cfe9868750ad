//! Markdown notes and exports: CommonMark via pulldown-cmark, plus a front
//! matter block for the metadata: YAML-style between `---` lines (Jekyll,
//! Obsidian, most generators) or TOML between `+++` lines (Hugo, Zola).
//!
//! YAML front matter is read by hand: only a few keys (their strings, lists
//! and block scalars) matter here, and a YAML library would be a large
//! dependency for that. TOML is read with the `toml` crate the configuration
//! already needs.

use super::html;
use super::plain::split_caption;
use super::sink::{
    Sink, clean_credit, drop_contents_list, inline, is_badge, iso_date, renumber, resolve_links,
};
use crate::core::model::{Block, BlockKind, Meta};
use crate::core::prose::Prose;
use crate::core::text::CharCounter;
use pulldown_cmark::{
    Alignment, BlockQuoteKind, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};
use std::borrow::Cow;

pub fn parse(text: &str) -> (Meta, Vec<Block>) {
    let mut pieces = PieceParser::default();
    pieces.push(text);
    pieces.finish()
}

/// GFM: alerts, "> [!NOTE]", are quotes of a kind. Notes keep footnotes
/// (`[^1]`) and definition lists ("Term" over ": its meaning").
/// Obsidian's notes link with "\[\[Note\]\]" and "\[\[Note|shown text\]\]".
const OPTIONS: Options = Options::ENABLE_STRIKETHROUGH
    .union(Options::ENABLE_TABLES)
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_DEFINITION_LIST)
    .union(Options::ENABLE_WIKILINKS);

/// A document parsed a piece at a time, so that a large file is never held
/// whole beside its blocks. Each piece but the last must end where
/// [`last_heading_cut`] allows: the pieces then give the events the whole
/// document gives, in order, to one handler.
#[derive(Default)]
pub struct PieceParser {
    meta: Meta,
    md: Md,
    started: bool,
    /// Blocks before this one hold their text in a shared buffer
    /// ([`PieceParser::share_texts`]).
    shared: usize,
}

impl PieceParser {
    /// Parses the next piece of the document.
    pub fn push(&mut self, piece: &str) {
        let mut body = piece;
        if !self.started {
            self.started = true;
            if let Some((front, rest)) = split_front_matter(piece) {
                front.read_into(&mut self.meta);
                body = rest;
            }
            self.md.title = self.meta.title.clone();
        }
        for event in Parser::new_ext(body, OPTIONS) {
            self.md.event(event);
        }
    }

    /// Moves the texts of the blocks made since the last call into one
    /// buffer: a string of its own costs each block about 16 bytes more
    /// (5 MB on 100 MB of Markdown). Blocks are not changed once made.
    pub fn share_texts(&mut self) {
        let all = &mut self.md.sink.blocks;
        let from = self.shared.min(all.len());
        self.shared = all.len();
        let blocks = &mut all[from..];
        let len = blocks.iter().map(|b| b.text.len()).sum();
        let mut buffer = String::with_capacity(len);
        for block in blocks.iter() {
            buffer.push_str(&block.text);
        }
        let buffer = std::sync::Arc::new(buffer);
        let mut at = 0;
        for block in blocks {
            let end = at + block.text.len();
            block.text = crate::core::model::BlockText::shared(&buffer, at..end);
            at = end;
        }
    }

    /// The document's metadata and blocks.
    pub fn finish(self) -> (Meta, Vec<Block>) {
        let PieceParser {
            mut meta, mut md, ..
        } = self;
        md.flush();
        if meta.title.is_none() {
            meta.title = md.title;
        }
        drop_contents_list(&mut md.sink);
        excerpt_as_subtitle(&mut meta, &mut md.sink.blocks);
        meta.links = md.sink.links;
        resolve_links(&mut meta.links, meta.url.as_deref(), None);
        (meta, md.sink.blocks)
    }
}

/// MarkDownload's note of a saved page opens with "> ## Excerpt" over the
/// page's description: the subtitle, not a heading and a quote.
fn excerpt_as_subtitle(meta: &mut Meta, blocks: &mut Vec<Block>) {
    let is_excerpt = matches!(&blocks[..], [heading, quote, ..]
        if heading.kind.is_heading()
            && heading.text.as_str().eq_ignore_ascii_case("excerpt")
            && quote.kind == BlockKind::Quote);
    if is_excerpt {
        let quote = blocks.remove(1);
        blocks.remove(0);
        meta.subtitle
            .get_or_insert_with(|| quote.text.as_str().to_owned());
        renumber(blocks);
    }
}

/// The document's prose, with where each character is in it (what `gloss
/// terms` and `gloss timex` read), as `html::page_prose` gives a page's:
/// the text the parser reads as prose, emphasis marks, link targets and
/// inline HTML dropped (so "**N**ATO" stays one word), entities and escapes
/// decoded, blocks apart by a blank line; front matter, reference
/// definitions, HTML blocks and code blocks left out. Inline code stays, as
/// the reader keeps it in its paragraph.
pub fn prose(text: &str) -> Prose {
    let body = split_front_matter(text).map_or(0, |(_, body)| text.len() - body.len());
    let mut prose = Prose::default();
    let mut chars = CharCounter::new(text);
    let mut push = |prose: &mut Prose, read: &str, source: std::ops::Range<usize>| {
        if read == &text[source.clone()] {
            prose.push_verbatim(read, chars.at(source.start));
        } else {
            let from = chars.at(source.start);
            prose.push_standing_for(read, from..chars.at(source.end));
        }
    };
    let mut in_code_block = 0usize;
    for (event, range) in Parser::new_ext(&text[body..], OPTIONS).into_offset_iter() {
        let range = body + range.start..body + range.end;
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block += 1;
                prose.push_break();
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = in_code_block.saturating_sub(1),
            Event::Text(read) if in_code_block == 0 => push(&mut prose, &read, range),
            Event::Code(code) => {
                // Without its backticks.
                let written = &text[range.clone()];
                let ticks = written.len() - written.trim_start_matches('`').len();
                if 2 * ticks < written.len() {
                    push(&mut prose, &code, range.start + ticks..range.end - ticks);
                }
            }
            Event::SoftBreak | Event::HardBreak => push(&mut prose, "\n", range),
            Event::Start(tag) if !is_inline(&tag) => prose.push_break(),
            Event::End(tag) if !is_inline_end(tag) => prose.push_break(),
            _ => {}
        }
    }
    prose
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Where the Markdown from `text` on may be cut into pieces for
/// [`PieceParser`]: the start of the last line of `text` (past its first)
/// that opens an ATX heading ("## Part two") outside every list, quote, code
/// block and HTML block. `text` must be Markdown as the parser reads it
/// (after any front matter), end at a line end, and belong to a document
/// with no link reference definition (one defined after a cut would not
/// reach a link before it).
///
/// Why such a cut changes nothing: CommonMark reads blocks line by line,
/// looking at most one line ahead (a setext underline, a table's delimiter
/// row), and a heading line closes every open block before it. So the
/// blocks before the heading are the same whether or not more text follows
/// it, and the text from the heading on starts as a document of its own.
/// The parser itself, run on `text`, says where its headings are.
pub fn last_heading_cut(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut cut = None;
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { .. }) if depth == 0 => {
                let start = range.start;
                let at_line_start = start == 0 || text.as_bytes()[start - 1] == b'\n';
                if start > 0 && at_line_start && text[start..].starts_with('#') {
                    cut = Some(start);
                }
                depth += 1;
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    cut
}

/// Whether inline HTML is a tag of HTML itself (or a comment): only those
/// are markup; any other `<name>` is text.
fn is_html_tag(html: &str) -> bool {
    const TAGS: &[&str] = &[
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "div", "em",
        "font", "i", "img", "ins", "kbd", "mark", "p", "picture", "q", "s", "samp", "small",
        "source", "span", "strike", "strong", "sub", "summary", "sup", "time", "u", "var", "video",
        "wbr", "details", "center", "hr", "tt", "big",
    ];
    let rest = html.trim_start_matches('<').trim_start_matches('/');
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let ends_name = rest[name.len()..].starts_with([' ', '>', '/', '\t', '\n']);
    ends_name && TAGS.contains(&name.as_str())
}

/// A front matter block's text, by its syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FrontMatter<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

impl FrontMatter<'_> {
    /// True when the block holds at least one key: a `key: value` line, or
    /// TOML that parses to a table with a key.
    fn has_keys(self) -> bool {
        match self {
            FrontMatter::Yaml(front) => front.lines().any(|l| key_value(l).is_some()),
            FrontMatter::Toml(front) => front
                .parse::<toml::Table>()
                .is_ok_and(|table| !table.is_empty()),
        }
    }

    fn read_into(self, meta: &mut Meta) {
        match self {
            FrontMatter::Yaml(front) => {
                let mut lines = front.lines().peekable();
                while let Some(line) = lines.next() {
                    let Some((key, value)) = key_value(line) else {
                        continue;
                    };
                    // The indented lines under a key hold its list or its
                    // block scalar ("authors:" then "  - Ann", "title: >-").
                    let mut nested = Vec::new();
                    while let Some(next) =
                        lines.next_if(|l| l.starts_with([' ', '\t']) || l.trim().is_empty())
                    {
                        nested.push(next);
                    }
                    let value = match value {
                        "" => nested_yaml_items(&nested),
                        ">" | ">-" | ">+" | "|" | "|-" | "|+" => nested
                            .iter()
                            .map(|l| l.trim())
                            .filter(|l| !l.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                        value => value.to_owned(),
                    };
                    read_key(&key, &value, meta);
                }
            }
            FrontMatter::Toml(front) => {
                let Ok(table) = front.parse::<toml::Table>() else {
                    return;
                };
                // Hugo keeps a page's own keys under `params`, Zola under
                // `extra`: read after the top level, which wins.
                let nested = ["params", "extra"]
                    .into_iter()
                    .filter_map(|name| table.get(name)?.as_table());
                for table in std::iter::once(&table).chain(nested) {
                    for (key, value) in table {
                        if let Some(value) = toml_text(value) {
                            read_key(&key.to_lowercase(), &value, meta);
                        }
                    }
                }
            }
        }
    }
}

/// A TOML value as front matter text: a string, a date, or a list of strings
/// ("authors = [\"A\", \"B\"]" → "A, B").
fn toml_text(value: &toml::Value) -> Option<String> {
    match value {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Array(items) => {
            let names: Vec<&str> = items.iter().filter_map(toml::Value::as_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// The front matter on the first lines and the body after it: `---` up to
/// the next `---` (or `...`) line, or `+++` up to the next `+++` line.
pub(crate) fn split_front_matter(text: &str) -> Option<(FrontMatter<'_>, &str)> {
    let (fence, rest) = ["---", "+++"].into_iter().find_map(|fence| {
        let rest = text.strip_prefix(fence)?;
        let rest = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))?;
        Some((fence, rest))
    })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (fence == "---" && bare == "...") {
            let front = &rest[..offset];
            let front = if fence == "---" {
                FrontMatter::Yaml(front)
            } else {
                FrontMatter::Toml(front)
            };
            return Some((front, &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// True when the text opens with front matter holding at least one key.
pub(crate) fn has_front_matter(text: &str) -> bool {
    split_front_matter(text).is_some_and(|(front, _)| front.has_keys())
}

/// True when the text opens a front matter block that is not closed yet.
pub(crate) fn opens_front_matter(text: &str) -> bool {
    ["---\n", "---\r\n", "+++\n", "+++\r\n"]
        .iter()
        .any(|fence| text.starts_with(fence))
}

/// A YAML key's indented list as one line, its items joined by commas (an
/// item that is a map gives its `name`, as in Quarto's "author: - name:
/// Ann"); a map under the key gives its `name` alone.
fn nested_yaml_items(lines: &[&str]) -> String {
    let mut items = Vec::new();
    for line in lines {
        let line = line.trim();
        let (item, starts_item) = match line.strip_prefix("- ") {
            Some(item) => (item.trim(), true),
            None => (line, false),
        };
        match key_value(item) {
            Some((key, value)) if key == "name" => items.push(value),
            Some(_) => {}
            None if starts_item && !item.is_empty() => items.push(unquote(item)),
            None => {}
        }
    }
    items.join(", ")
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
}

fn key_value(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty()
        || line.starts_with([' ', '\t', '-', '#'])
        || !key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key.to_lowercase(), unquote(value.trim())))
}

/// Files one front matter key's value into the metadata.
fn read_key(key: &str, value: &str, meta: &mut Meta) {
    let slot = match key {
        "title" => &mut meta.title,
        "author" | "authors" | "byline" => &mut meta.author,
        "subtitle" | "description" | "summary" => &mut meta.subtitle,
        "publication" | "site" | "site_name" | "publisher" => &mut meta.publication,
        // "source": the page a web clipper (Obsidian's) saved the note from.
        "url" | "link" | "canonical" | "source" => &mut meta.url,
        "date" | "published" | "pubdate" | "published_at" | "publishdate" => {
            if meta.published.is_none() {
                meta.published = iso_date(value);
            }
            return;
        }
        _ => return,
    };
    // The first of synonymous keys wins ("subtitle" over a later "description").
    if slot.is_none() {
        *slot = inline(Some(value.trim_matches(['[', ']'])));
    }
}

/// Event handler state: one open block's text at a time.
#[derive(Default)]
struct Md {
    sink: Sink,
    /// The block being filled and its kind.
    kind: Option<BlockKind>,
    text: String,
    /// Open lists: the next item number for ordered ones.
    lists: Vec<Option<u64>>,
    /// Kinds of the open list items, so text after a nested list continues its item.
    items: Vec<BlockKind>,
    quotes: usize,
    /// Where each open link's text starts in `text`, with its target.
    open_links: Vec<(usize, String)>,
    /// The last block was a picture with no alt text, alone in its
    /// paragraph: the next paragraph may be its caption.
    uncaptioned_photo: bool,
    /// An open image: the kind to resume after it, its title, its address
    /// and its alt text so far.
    image: Option<(Option<BlockKind>, String, String, String)>,
    /// The title: from front matter, or the first level-1 heading.
    title: Option<String>,
    /// Raw HTML of the block-level HTML being read (`<h1 align=center>…`),
    /// converted as HTML when it ends.
    html: Option<String>,
    /// The rows of a table being read, the last one open; its cells' text
    /// goes here rather than into a block.
    table: Option<Vec<Vec<String>>>,
    /// The open table's column alignments, from its delimiter row.
    table_align: Vec<Option<html::ColumnAlign>>,
    heading_level: u8,
    /// "Note: ", for the first text of a GitHub alert ("> [!NOTE]").
    alert: Option<&'static str>,
    /// Inside a footnote's text: its paragraphs are notes.
    footnote: bool,
    /// "\[1\] ", for the first text of a footnote, whatever block it opens.
    footnote_mark: Option<String>,
    /// The open image is an Obsidian embed ("!\[\[map.png\]\]"): its only
    /// text is the file's name, so it leaves nothing.
    embed: bool,
    /// Where the first line of the block being filled ends in `text`: an
    /// Obsidian callout's title ends there.
    first_break: Option<usize>,
    /// The term of the definition list entry being read.
    term: Option<String>,
    /// A block opened with a label ("Term: ") that the first paragraph
    /// inside continues instead of starting anew.
    labelled: bool,
}

impl Md {
    fn event(&mut self, event: Event<'_>) {
        if let Some((_, _, _, alt)) = &mut self.image {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => self.end_image(),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => {
                self.flush();
                self.html = Some(String::new());
            }
            Event::End(TagEnd::HtmlBlock) => self.end_html(),
            Event::Html(h) => {
                if let Some(html) = &mut self.html {
                    html.push_str(&h);
                }
            }
            // "<implementations-keywords>" in a text file read as Markdown is
            // a placeholder the writer meant to show, not a tag.
            Event::InlineHtml(h) if !is_html_tag(&h) => self.text(&h),
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) if self.kind == Some(BlockKind::Code) => self.text(&t),
            Event::Text(t) => self.text(&obsidian_inline(&t)),
            Event::Code(t) => self.text(&t),
            Event::SoftBreak => {
                self.first_break.get_or_insert(self.text.len());
                self.text(" ");
            }
            Event::HardBreak => self.text("\n"),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            // Inline HTML, rules and task markers carry no prose.
            _ => {}
        }
    }

    /// A README's block of HTML (a centred title, a row of links) is read
    /// as the HTML parser reads a page; a level-1 heading in it before any
    /// text is the title, as in Markdown.
    fn end_html(&mut self) {
        let Some(raw) = self.html.take() else {
            return;
        };
        let from = self.sink.blocks.len();
        html::fragment_to_blocks(&raw, &mut self.sink);
        if self.title.is_none()
            && from == 0
            && let Some(first) = self.sink.blocks.first()
            && first.kind == (BlockKind::Heading { level: 1 })
        {
            self.title = inline(Some(&first.text));
            self.sink.blocks.remove(0);
            renumber(&mut self.sink.blocks);
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(rows) = &mut self.table {
            if let Some(cell) = rows.last_mut().and_then(|row| row.last_mut()) {
                cell.push_str(t);
            }
            return;
        }
        if self.kind.is_none() {
            self.kind = Some(self.container_kind());
        }
        if let Some(label) = self.alert.take() {
            self.text.push_str(label);
        }
        if let Some(mark) = self.footnote_mark.take() {
            self.text.push_str(&mark);
        }
        self.text.push_str(t);
    }

    /// What a paragraph is, given where it stands.
    fn container_kind(&self) -> BlockKind {
        if let Some(item) = self.items.last() {
            item.clone()
        } else if self.footnote {
            BlockKind::Note
        } else if self.quotes > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                if std::mem::take(&mut self.labelled) {
                    return;
                }
                // A loose list item's paragraphs stay in the item.
                if matches!(self.kind, Some(BlockKind::ListItem { .. })) && !self.text.is_empty() {
                    self.text.push('\n');
                } else {
                    self.flush();
                    self.kind = Some(self.container_kind());
                }
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading_level = heading_level(level);
                self.kind = Some(BlockKind::Heading {
                    level: self.heading_level,
                });
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.kind = Some(BlockKind::Code);
            }
            Tag::BlockQuote(kind) => {
                self.flush();
                self.quotes += 1;
                self.alert = kind.map(|kind| match kind {
                    BlockQuoteKind::Note => "Note: ",
                    BlockQuoteKind::Tip => "Tip: ",
                    BlockQuoteKind::Important => "Important: ",
                    BlockQuoteKind::Warning => "Warning: ",
                    BlockQuoteKind::Caution => "Caution: ",
                });
            }
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush();
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
                let kind = BlockKind::ListItem { number, depth };
                self.items.push(kind.clone());
                self.kind = Some(kind);
            }
            // A table is laid out as HTML data tables are: columns aligned
            // in a code block, or one line per row when too wide.
            Tag::Table(alignments) => {
                self.flush();
                self.table = Some(Vec::new());
                self.table_align = alignments
                    .iter()
                    .map(|a| match a {
                        Alignment::None => None,
                        Alignment::Left => Some(html::ColumnAlign::Left),
                        Alignment::Center => Some(html::ColumnAlign::Center),
                        Alignment::Right => Some(html::ColumnAlign::Right),
                    })
                    .collect();
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(String::new());
                }
            }
            Tag::Link { dest_url, .. } => {
                self.open_links
                    .push((self.text.len(), dest_url.into_string()));
            }
            // "[1] The source of the figure.": a note under its number.
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.footnote = true;
                self.footnote_mark = Some(format!("[{label}] "));
            }
            // A term and its definitions, each an item "Term: meaning", as
            // a glossary in a list writes them.
            Tag::DefinitionListTitle => {
                self.flush();
                self.kind = Some(BlockKind::Paragraph);
            }
            Tag::DefinitionListDefinition => {
                self.flush();
                let term = self.term.clone().unwrap_or_default();
                self.kind = Some(BlockKind::ListItem {
                    number: None,
                    depth: 0,
                });
                if !term.is_empty() {
                    self.text.push_str(&term);
                    self.text.push_str(": ");
                }
                self.labelled = true;
            }
            Tag::Image {
                title,
                dest_url,
                link_type,
                ..
            } => {
                self.embed = matches!(link_type, LinkType::WikiLink { .. });
                self.image = Some((
                    self.kind.clone(),
                    title.into_string(),
                    dest_url.into_string(),
                    String::new(),
                ));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            // A loose list item's paragraphs stay in the item.
            TagEnd::Paragraph if !matches!(self.kind, Some(BlockKind::ListItem { .. })) => {
                self.flush();
            }
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::CodeBlock => self.flush(),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.alert = None;
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
                // Text after a nested list continues the outer item.
                self.kind = self.items.last().cloned();
            }
            TagEnd::Item => {
                self.flush();
                self.items.pop();
                self.kind = None;
            }
            TagEnd::Table => {
                if let Some(rows) = self.table.take() {
                    let rows = rows
                        .into_iter()
                        .map(|row| row.into_iter().map(|c| c.trim().to_owned()).collect())
                        .collect();
                    let align = std::mem::take(&mut self.table_align);
                    html::DataTable::from_rows(rows, true, align).push_to(&mut self.sink);
                }
            }
            TagEnd::FootnoteDefinition => {
                self.flush();
                self.footnote = false;
                self.footnote_mark = None;
            }
            TagEnd::DefinitionListTitle => {
                self.term = inline(Some(&self.text));
                self.discard();
            }
            TagEnd::DefinitionListDefinition => {
                self.flush();
                self.labelled = false;
            }
            TagEnd::DefinitionList => self.term = None,
            TagEnd::Link => {
                if let Some((start, url)) = self.open_links.pop() {
                    let text = self.text.get(start..).unwrap_or_default().to_owned();
                    self.sink.link(&text, &url);
                }
            }
            _ => {}
        }
    }

    fn end_heading(&mut self) {
        if self.heading_level == 1 {
            let text = inline(Some(&self.text));
            match (&self.title, text) {
                // The first level-1 heading is the title when nothing named one.
                (None, Some(t)) => {
                    self.title = Some(t);
                    self.discard();
                    return;
                }
                // Not repeated as a block when it is the title already.
                (Some(title), Some(t)) if *title == t && self.sink.blocks.is_empty() => {
                    self.discard();
                    return;
                }
                _ => {}
            }
        }
        self.flush();
    }

    fn end_image(&mut self) {
        let Some((resume, title, url, alt)) = self.image.take() else {
            return;
        };
        if std::mem::take(&mut self.embed) {
            return;
        }
        // A badge is dropped and the text around it goes on ("# Serde JSON
        // [![Build]][ci]" keeps its heading whole).
        if is_badge(&url, &alt) {
            return;
        }
        // A logo in a heading ("![libsodium](logo.png)\n====") names it, and
        // a picture in a table cell is its alt text there.
        if self.table.is_some() {
            self.text(&alt);
            return;
        }
        if matches!(self.kind, Some(BlockKind::Heading { .. })) {
            self.text.push_str(&alt);
            return;
        }
        // Any other image interrupts its paragraph: the text so far is one block.
        self.flush();
        let credit = clean_credit(&title);
        self.sink.push(BlockKind::caption(credit, None), &alt);
        // A picture without words of its own may have its caption in the
        // paragraph after it, as web clippers write a figure's caption.
        self.uncaptioned_photo =
            alt.trim().is_empty() && matches!(resume, None | Some(BlockKind::Paragraph));
        self.kind = resume;
    }

    fn discard(&mut self) {
        self.text.clear();
        self.kind = None;
    }

    fn flush(&mut self) {
        let first_break = self.first_break.take();
        // The rest of the picture's own paragraph, empty, keeps the chance.
        let after_photo = self.uncaptioned_photo;
        if !self.text.trim().is_empty() {
            self.uncaptioned_photo = false;
        }
        if let Some(kind) = self.kind.take() {
            let caption = (after_photo && kind == BlockKind::Paragraph)
                .then(|| split_caption(&self.text, false))
                .flatten()
                .filter(|c| c.credit.is_some());
            if let Some(caption) = caption {
                // "A river crossing at night. Photo: Ann Lee" under the picture.
                let credit = caption.credit.as_deref().and_then(clean_credit);
                self.sink
                    .push(BlockKind::caption(credit, caption.license), &caption.text);
            } else {
                let callout = (kind == BlockKind::Quote)
                    .then(|| callout(&self.text, first_break))
                    .flatten();
                self.sink
                    .push(kind, callout.as_deref().unwrap_or(&self.text));
            }
        }
        self.text.clear();
        // Links still open keep counting from the start of the next block.
        for (start, _) in &mut self.open_links {
            *start = 0;
        }
    }
}

/// Obsidian's inline marks in a run of text: "==highlighted==" loses its
/// marks, a "%%comment%%" goes. A mark stands apart from the words
/// outside it and next to the text inside it, on one line, so "a == b == c"
/// and "x==y and y==z" stay.
fn obsidian_inline(text: &str) -> Cow<'_, str> {
    if !text.contains("==") && !text.contains("%%") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['=', '%']) {
        let mark = &rest[open..];
        let delimiter = if mark.starts_with("==") {
            "=="
        } else if mark.starts_with("%%") {
            "%%"
        } else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        let inner_start = open + 2;
        let close = rest[inner_start..].find(delimiter).map(|c| inner_start + c);
        let inner = close.map(|c| &rest[inner_start..c]);
        let apart = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        match (close, inner) {
            (Some(close), Some(inner))
                if !inner.is_empty()
                    && !inner.contains('\n')
                    && !inner.starts_with(char::is_whitespace)
                    && !inner.ends_with(char::is_whitespace)
                    && apart(
                        rest[..open]
                            .chars()
                            .next_back()
                            .or_else(|| out.chars().next_back()),
                    )
                    && apart(rest[close + 2..].chars().next()) =>
            {
                out.push_str(&rest[..open]);
                if delimiter == "==" {
                    out.push_str(inner);
                }
                rest = &rest[close + 2..];
            }
            _ => {
                out.push_str(&rest[..inner_start]);
                rest = &rest[inner_start..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// "\[!tip\] Before you go" over the callout's text, an Obsidian callout:
/// "Tip: Before you go. …", as a GitHub alert reads. `first_break` is where
/// the callout's first line ends in `text`.
fn callout(text: &str, first_break: Option<usize>) -> Option<String> {
    let rest = text.strip_prefix("[!")?;
    let (kind, after) = rest.split_once(']')?;
    if kind.is_empty() || !kind.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        return None;
    }
    // "[!faq]-" and "[!faq]+" fold the callout; the reader shows it open.
    let after = after.trim_start_matches(['-', '+']);
    let mut label = kind.replace('-', " ");
    label[..1].make_ascii_uppercase();
    let (title, body) = match first_break.and_then(|b| b.checked_sub(text.len() - after.len())) {
        Some(end) => (after[..end].trim(), after[end..].trim()),
        None => (after.trim(), ""),
    };
    let mut out = format!("{label}: {title}");
    if !title.is_empty() && !body.is_empty() {
        if !title.ends_with(['.', '!', '?', ':']) {
            out.push('.');
        }
        out.push(' ');
    }
    out.push_str(body);
    Some(out.trim_end().to_owned())
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_the_text_with_its_places() {
        let doc = "---\ntitle: NATO notes\n---\n# The *North Atlantic* Alliance\n\n\
                   The [alliance](https://nato.int/NATO) (NATO) met; see `NATO`.\n\
                   **N**ATO and R&amp;D \\*grew\\*.\n\n\
                   \x20   NATO = 1\n\n```\nNATO = 2\n```\n\n<div>NATO</div>\n\n[NATO]: https://nato.int\n\n\
                   | a | b |\n|---|---|\n| c | d |\n";
        let prose = prose(doc);
        let words: Vec<&str> = prose.text().split_whitespace().collect();
        assert_eq!(
            words,
            [
                "The", "North", "Atlantic", "Alliance", "The", "alliance", "(NATO)", "met;", "see",
                "NATO.", "NATO", "and", "R&D", "*grew*.", "a", "b", "c", "d"
            ]
        );
        assert!(
            prose
                .text()
                .starts_with("The North Atlantic Alliance\n\nThe"),
            "{:?}",
            prose.text()
        );
        assert_places_hold(doc, &prose).unwrap();
    }

    /// Each character of the prose comes from its place in the document:
    /// the same character, or markup that reads as it (an entity, an
    /// escape, a line break; the parser may give a little more of the
    /// document around a character it reads).
    fn assert_places_hold(doc: &str, prose: &Prose) -> Result<(), String> {
        let chars: Vec<char> = doc.chars().collect();
        for (at, c) in prose.text().chars().enumerate() {
            let range = prose.source_range(at..at + 1);
            let from: String = chars[range.clone()].iter().collect();
            if !from.contains(c) && !c.is_whitespace() && !from.starts_with('&') {
                return Err(format!("{c:?} at {at} comes from {from:?} ({range:?})"));
            }
        }
        Ok(())
    }

    proptest::proptest! {
        /// Whatever the Markdown, every character of its prose comes from
        /// its place in the document.
        #[test]
        fn prose_keeps_every_place(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "# Head", "\n", "\n\n", "`", "``", "*", "_", "[", "]", "(", ")", "](x)",
                    "<b>", "</b>", "```", "    ", "> ", "- ", "1. ", "---\n", "&amp;", "é",
                    "日本", "\\", "!", "|", "word", " ", "\r\n", "[x]: y", "\t", "&#x2019;",
                ][..]),
                0..50,
            ),
        ) {
            let doc = parts.concat();
            let result = assert_places_hold(&doc, &prose(&doc));
            proptest::prop_assert!(result.is_ok(), "{:?}", result);
        }
    }

    #[test]
    fn first_h1_is_the_title() {
        let (meta, blocks) = parse("# Hello *world*\n\nText [here](https://x.example).\n");
        assert_eq!(meta.title.as_deref(), Some("Hello world"));
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].text, "Text here.");
        assert_eq!(meta.links[0].url, "https://x.example");
        assert_eq!(meta.links[0].text, "here");
    }

    #[test]
    fn nested_lists_have_depth_and_numbers() {
        let (_, blocks) = parse("3. a\n4. b\n   - c\n");
        let kinds: Vec<_> = blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (
                    &BlockKind::ListItem {
                        number: Some(3),
                        depth: 0
                    },
                    "a"
                ),
                (
                    &BlockKind::ListItem {
                        number: Some(4),
                        depth: 0
                    },
                    "b"
                ),
                (
                    &BlockKind::ListItem {
                        number: None,
                        depth: 1
                    },
                    "c"
                ),
            ]
        );
    }

    #[test]
    fn yaml_lists_and_block_scalars_give_one_line_each() {
        let (meta, blocks) = parse(
            "---\ntitle: >-\n  Pilots of\n  the North Sea\nauthors:\n  - Mira Halvorsen\n  - 'Tomas Berg'\n\
             description: |\n  Who guides\n  the ships\ndate: 2025-03-14\n---\n\nText.\n",
        );
        assert_eq!(meta.title.as_deref(), Some("Pilots of the North Sea"));
        assert_eq!(meta.author.as_deref(), Some("Mira Halvorsen, Tomas Berg"));
        assert_eq!(meta.subtitle.as_deref(), Some("Who guides the ships"));
        assert_eq!(meta.published.as_deref(), Some("2025-03-14"));
        assert_eq!(blocks.len(), 1);
        // Quarto's authors are maps: their names are the byline.
        let (meta, _) = parse(
            "---\nauthor:\n  - name: Mira Halvorsen\n    affiliation: Harbour Desk\n  - name: Tomas Berg\n---\n\nText.\n",
        );
        assert_eq!(meta.author.as_deref(), Some("Mira Halvorsen, Tomas Berg"));
        // A map under the key gives its name; a folded line may hold a colon.
        let (meta, _) = parse(
            "---\ntitle: >-\n  Pilots: who guides\n  the ships\nauthor:\n  name: Mira Halvorsen\n  email: mira@harbour.example\n---\n\nText.\n",
        );
        assert_eq!(meta.author.as_deref(), Some("Mira Halvorsen"));
        assert_eq!(meta.title.as_deref(), Some("Pilots: who guides the ships"));
    }

    #[test]
    fn unterminated_front_matter_is_text() {
        assert!(split_front_matter("---\ntitle: x\nno end").is_none());
        assert!(has_front_matter("---\ntitle: x\n---\nbody"));
    }
}
