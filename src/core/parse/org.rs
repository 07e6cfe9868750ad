//! Org mode notes, as Emacs writes them: `#+TITLE:` and the other keywords,
//! headlines of stars (with their TODO keyword, priority and tags),
//! paragraphs, lists, quote, verse and source blocks, tables, property
//! drawers and planning lines, links, footnotes and inline markup.
//!
//! Read line by line into blocks; every string goes through the [`Sink`],
//! where it is sanitized.

use super::sink::{Sink, inline, iso_date};
use crate::core::model::{Block, BlockKind, Meta};

/// Whether `head`, the start of a text, is an Org document: a keyword line
/// ("#+TITLE: …") among its first lines. Markdown and plain text never
/// open a line with "#+".
pub fn looks_like_org(head: &str) -> bool {
    head.lines().take(20).any(|line| {
        let line = line.trim_start();
        line.get(..2) == Some("#+")
            && line[2..]
                .split_once(':')
                .is_some_and(|(key, _)| KEYWORDS.iter().any(|k| key.eq_ignore_ascii_case(k)))
    })
}

/// The keywords that tell an Org document, and give its metadata.
const KEYWORDS: [&str; 8] = [
    "title",
    "author",
    "date",
    "subtitle",
    "description",
    "startup",
    "options",
    "filetags",
];

/// Headline keywords that say where a task stands, not what it is.
const TODO_KEYWORDS: [&str; 8] = [
    "TODO",
    "DONE",
    "NEXT",
    "WAIT",
    "WAITING",
    "HOLD",
    "CANCELLED",
    "CANCELED",
];

pub fn parse(text: &str) -> (Meta, Vec<Block>) {
    let mut reader = Reader::default();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(end) = &reader.block_end {
            if trimmed.eq_ignore_ascii_case(end) {
                reader.end_block();
            } else {
                reader.block_lines.push(line.to_owned());
            }
            continue;
        }
        if reader.in_drawer {
            reader.in_drawer = !trimmed.eq_ignore_ascii_case(":END:");
            continue;
        }
        if trimmed.is_empty() {
            reader.flush();
            continue;
        }
        if let Some(kind) = block_start(trimmed) {
            reader.flush();
            reader.block_end = Some(format!("#+end_{kind}"));
            reader.block_kind = kind.to_ascii_lowercase();
            continue;
        }
        if let Some((key, value)) = keyword(trimmed) {
            reader.flush();
            reader.keyword(&key, value);
            continue;
        }
        // "# a comment", any other "#+" line (a stray "#+END_QUOTE", a
        // setting), and a drawer (":PROPERTIES:" to ":END:").
        if trimmed == "#" || trimmed.starts_with("# ") || trimmed.starts_with("#+") {
            reader.flush();
            continue;
        }
        if is_drawer_start(trimmed) {
            reader.flush();
            reader.in_drawer = true;
            continue;
        }
        if trimmed == ":END:" {
            continue;
        }
        if ["SCHEDULED:", "DEADLINE:", "CLOSED:"]
            .iter()
            .any(|p| trimmed.starts_with(p))
        {
            continue;
        }
        if let Some((level, title)) = headline(line) {
            reader.flush();
            reader.sink_heading(level, &title);
            continue;
        }
        if trimmed.starts_with('|') {
            reader.flush_text();
            // "|---+---|" separates a table's header from its rows.
            if !trimmed.starts_with("|-") {
                reader.table.push(trimmed.to_owned());
            }
            continue;
        }
        if trimmed.len() >= 5 && trimmed.bytes().all(|b| b == b'-') {
            reader.flush();
            continue;
        }
        if let Some((label, note)) = footnote_definition(line) {
            reader.flush();
            reader.footnote = Some(label.to_owned());
            reader.text.push_str(note);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if let Some((marker, rest)) = list_item(line) {
            reader.flush();
            reader.item = Some((marker, indent));
            reader.text.push_str(rest);
            continue;
        }
        // A line less indented than its item's text ends the item.
        if let Some((_, item_indent)) = reader.item
            && indent <= item_indent
        {
            reader.flush();
        }
        reader.flush_table();
        if !reader.text.is_empty() {
            reader.text.push(' ');
        }
        reader.text.push_str(trimmed);
    }
    // A block never ended is no block: its lines read as text.
    if reader.block_end.is_some() {
        reader.block_kind = String::new();
    }
    reader.end_block();
    reader.flush();
    let Reader { meta, sink, .. } = reader;
    let mut meta = meta;
    meta.links = sink.links;
    (meta, sink.blocks)
}

/// What is being read: the paragraph, list item or footnote so far, a
/// table's rows, an open block's lines.
#[derive(Default)]
struct Reader {
    meta: Meta,
    sink: Sink,
    text: String,
    /// The list item being read: its number, if ordered, and depth; and
    /// the indent of its bullet.
    item: Option<(ListMark, usize)>,
    footnote: Option<String>,
    table: Vec<String>,
    /// The line that ends the open block ("#+end_quote"), its kind and lines.
    block_end: Option<String>,
    block_kind: String,
    block_lines: Vec<String>,
    in_drawer: bool,
}

#[derive(Clone, Copy)]
struct ListMark {
    number: Option<u32>,
    depth: u8,
}

impl Reader {
    fn keyword(&mut self, key: &str, value: &str) {
        let value = value.trim();
        match key {
            "title" => self.meta.title = inline(Some(&clean_inline(value, &mut Sink::default()))),
            "author" => self.meta.author = inline(Some(value)),
            "subtitle" | "description" if self.meta.subtitle.is_none() => {
                self.meta.subtitle = inline(Some(&clean_inline(value, &mut Sink::default())));
            }
            // "<2025-08-28 Thu>", "[2025-08-28 Thu 10:00]", "2025-08-28".
            "date" => {
                self.meta.published = iso_date(value.trim_matches(['<', '>', '[', ']']));
            }
            _ => {}
        }
    }

    fn sink_heading(&mut self, level: usize, title: &str) {
        let text = clean_inline(title, &mut self.sink);
        let level = level.clamp(1, 6) as u8;
        self.sink.push(BlockKind::Heading { level }, &text);
    }

    /// Ends the paragraph, list item or footnote being read, and the table.
    fn flush(&mut self) {
        self.flush_text();
        self.flush_table();
    }

    fn flush_text(&mut self) {
        let text = std::mem::take(&mut self.text);
        let item = self.item.take();
        let footnote = self.footnote.take();
        if text.is_empty() {
            return;
        }
        let text = clean_inline(&text, &mut self.sink);
        match (item, footnote) {
            (_, Some(label)) => self
                .sink
                .push(BlockKind::Note, &format!("[{label}] {text}")),
            (Some((mark, _)), None) => self.sink.push(
                BlockKind::ListItem {
                    number: mark.number,
                    depth: mark.depth,
                },
                &text,
            ),
            (None, None) => self.sink.push(BlockKind::Paragraph, &text),
        }
    }

    /// A table's rows, their cells set apart by two spaces, kept as lines.
    fn flush_table(&mut self) {
        if self.table.is_empty() {
            return;
        }
        let rows: Vec<String> = std::mem::take(&mut self.table)
            .iter()
            .map(|row| {
                row.trim_matches('|')
                    .split('|')
                    .map(|cell| clean_inline(cell.trim(), &mut self.sink))
                    .collect::<Vec<_>>()
                    .join("  ")
            })
            .collect();
        self.sink.push(BlockKind::Code, &rows.join("\n"));
    }

    /// Ends the open block: a quote, verse (its lines kept), source or
    /// example (as written), a comment (dropped); others read as text.
    fn end_block(&mut self) {
        if self.block_end.take().is_none() {
            return;
        }
        let lines = std::mem::take(&mut self.block_lines);
        match self.block_kind.as_str() {
            "src" | "example" => self.sink.push(BlockKind::Code, &lines.join("\n")),
            "comment" => {}
            "verse" => {
                let verse: Vec<String> = lines
                    .iter()
                    .map(|l| clean_inline(l.trim(), &mut self.sink))
                    .collect();
                self.sink.push(BlockKind::Paragraph, &verse.join("\n"));
            }
            kind => {
                let block = if kind == "quote" {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                // Paragraphs inside the block stay apart.
                for paragraph in lines.split(|l| l.trim().is_empty()) {
                    let joined = paragraph
                        .iter()
                        .map(|l| l.trim())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let text = clean_inline(&joined, &mut self.sink);
                    self.sink.push(block.clone(), &text);
                }
            }
        }
    }
}

/// "#+BEGIN_QUOTE", "#+begin_src rust": the block's kind.
fn block_start(line: &str) -> Option<&str> {
    let rest = line.get(..8)?;
    if !rest.eq_ignore_ascii_case("#+begin_") {
        return None;
    }
    line[8..].split_whitespace().next()
}

/// "#+TITLE: Notes": the key (lower case) and the value.
fn keyword(line: &str) -> Option<(String, &str)> {
    let rest = line.strip_prefix("#+")?;
    let (key, value) = rest.split_once(':')?;
    (!key.is_empty() && !key.contains(' ')).then(|| (key.to_ascii_lowercase(), value))
}

/// ":PROPERTIES:", ":LOGBOOK:": a drawer, read to its ":END:" (a stray
/// ":END:" opens none, or the rest of the note would go with it).
fn is_drawer_start(line: &str) -> bool {
    line.len() > 2
        && line != ":END:"
        && line.starts_with(':')
        && line.ends_with(':')
        && line[1..line.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b == b'_' || b == b'-')
}

/// "** TODO [#A] Call the ministry :work:urgent:": the level and the title
/// without its keyword, priority and tags.
fn headline(line: &str) -> Option<(usize, String)> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    let rest = line[stars..].strip_prefix(' ')?;
    if stars == 0 {
        return None;
    }
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    if words.first().is_some_and(|w| TODO_KEYWORDS.contains(w)) {
        words.remove(0);
    }
    if words
        .first()
        .is_some_and(|w| w.len() == 4 && w.starts_with("[#") && w.ends_with(']'))
    {
        words.remove(0);
    }
    if words
        .last()
        .is_some_and(|w| w.len() > 2 && w.starts_with(':') && w.ends_with(':') && !w.contains("::"))
    {
        words.pop();
    }
    Some((stars, words.join(" ")))
}

/// "- item", "+ item", "  * item" (a star at the line's start is a
/// headline), "1. item", "2) item": the mark and the rest of the line.
fn list_item(line: &str) -> Option<(ListMark, &str)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let depth = (indent / 2).min(6) as u8;
    for bullet in ["- ", "+ ", "* "] {
        if let Some(text) = rest.strip_prefix(bullet)
            && (bullet != "* " || indent > 0)
        {
            return Some((
                ListMark {
                    number: None,
                    depth,
                },
                text.trim_start(),
            ));
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let after = rest.get(digits..)?;
    let text = after
        .strip_prefix(". ")
        .or_else(|| after.strip_prefix(") "))?;
    let number = rest[..digits].parse().ok()?;
    (digits <= 3).then_some((
        ListMark {
            number: Some(number),
            depth,
        },
        text.trim_start(),
    ))
}

/// "[fn:1] The note.": the label and the note.
fn footnote_definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("[fn:")?;
    let (label, note) = rest.split_once(']')?;
    (!label.is_empty() && label.len() <= 20).then(|| (label, note.trim_start()))
}

/// The text of a line of Org: links as their description (recorded in
/// `sink`), footnote references as "[1]", timestamps without their angle
/// brackets, and paired emphasis marks (`*bold*`, `/italic/`, `=code=`)
/// taken out.
fn clean_inline(text: &str, sink: &mut Sink) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['[', '<']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some((replacement, used)) = link(tail, sink)
            .or_else(|| footnote_reference(tail))
            .or_else(|| timestamp(tail))
        {
            out.push_str(&replacement);
            rest = &tail[used..];
        } else {
            let c = tail.chars().next().expect("found above");
            out.push(c);
            rest = &tail[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    unmark_emphasis(&out)
}

/// "[[https://example.org][the page]]" → "the page", "[[https://example.org]]"
/// → its address: the text and the bytes the link took.
fn link(tail: &str, sink: &mut Sink) -> Option<(String, usize)> {
    let inner = tail.strip_prefix("[[")?;
    let end = inner.find("]]")?;
    let inner = &inner[..end];
    let (target, description) = match inner.split_once("][") {
        Some((target, description)) => (target, description),
        None => (inner, inner),
    };
    if target.contains("://") || target.starts_with("mailto:") {
        sink.link(description, target);
    }
    Some((description.to_owned(), end + 4))
}

/// "[fn:1]" → "[1]".
fn footnote_reference(tail: &str) -> Option<(String, usize)> {
    let rest = tail.strip_prefix("[fn:")?;
    let end = rest.find(']')?;
    let label = &rest[..end];
    (!label.is_empty() && label.len() <= 20 && !label.contains(char::is_whitespace))
        .then(|| (format!("[{label}]"), end + 5))
}

/// "<2025-09-03 Wed>", "[2025-09-03 Wed 10:00]": the date as written inside.
fn timestamp(tail: &str) -> Option<(String, usize)> {
    let close = match tail.as_bytes().first()? {
        b'<' => '>',
        b'[' => ']',
        _ => return None,
    };
    let end = tail.find(close)?;
    let inner = &tail[1..end];
    let date = inner.get(..10)?;
    let is_date = date.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        _ => b.is_ascii_digit(),
    });
    (is_date && end <= 40).then(|| (inner.to_owned(), end + 1))
}

/// Takes out emphasis marks that come in pairs around words: `*bold*`,
/// `/italic/`, `_underlined_`, `=verbatim=`, `~code~`, `+struck+`. A mark
/// opens after a space, an opening bracket or quote, or the text's start,
/// before a non-space; it closes after a non-space, before a space,
/// punctuation or the end. An address's slashes and "5 * 3" stay.
fn unmark_emphasis(text: &str) -> String {
    const MARKS: &[char] = &['*', '/', '_', '=', '~', '+'];
    if !text.contains(MARKS) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let opens_at = |i: usize| {
        (i == 0 || chars[i - 1].is_whitespace() || "([{\"'“‘-".contains(chars[i - 1]))
            && chars.get(i + 1).is_some_and(|c| !c.is_whitespace())
    };
    let closes_at = |i: usize| {
        i > 0
            && !chars[i - 1].is_whitespace()
            && chars
                .get(i + 1)
                .is_none_or(|c| c.is_whitespace() || ".,;:!?)]}\"'”’-".contains(*c))
    };
    let mut dropped = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if MARKS.contains(&c) && opens_at(i) {
            // Its pair, on the same line, not right after it.
            let close = (i + 2..chars.len())
                .take_while(|&j| chars[j] != '\n')
                .find(|&j| chars[j] == c && closes_at(j));
            if let Some(j) = close {
                dropped[i] = true;
                dropped[j] = true;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    chars
        .iter()
        .zip(dropped)
        .filter(|(_, d)| !d)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_pairs_go_and_lone_marks_stay() {
        for (text, plain) in [
            ("a *bold* and /italic/ word", "a bold and italic word"),
            ("=gloss dump= and ~code~.", "gloss dump and code."),
            ("(_under_) and +struck+", "(under) and struck"),
            (
                "see https://example.org/a/b/ now",
                "see https://example.org/a/b/ now",
            ),
            ("5 * 3 = 15 and a/b", "5 * 3 = 15 and a/b"),
            ("snake_case_name stays", "snake_case_name stays"),
        ] {
            assert_eq!(unmark_emphasis(text), plain, "{text}");
        }
    }

    #[test]
    fn headlines_lose_their_keyword_priority_and_tags() {
        assert_eq!(
            headline("** TODO [#A] Call the ministry :work:urgent:"),
            Some((2, "Call the ministry".to_owned()))
        );
        assert_eq!(headline("* Aid so far"), Some((1, "Aid so far".to_owned())));
        assert_eq!(headline("*bold* text"), None);
        assert_eq!(headline("**"), None);
    }

    #[test]
    fn a_stray_drawer_end_hides_nothing() {
        let (_, blocks) =
            parse("Before.\n:END:\nAfter the stray end.\n\n:LOGBOOK:\nhidden\n:END:\nShown.\n");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Before. After the stray end.", "Shown."]);
    }

    #[test]
    fn a_block_never_ended_reads_as_text() {
        let (_, blocks) = parse("#+BEGIN_SRC sh\nThe rest of the note\nis prose.\n\nAnd more.\n");
        let kinds: Vec<(&BlockKind, &str)> =
            blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (&BlockKind::Paragraph, "The rest of the note is prose."),
                (&BlockKind::Paragraph, "And more.")
            ]
        );
    }

    #[test]
    fn only_keyword_lines_tell_org() {
        assert!(looks_like_org("#+TITLE: Notes\n\n* One\n"));
        assert!(looks_like_org("# comment\n#+author: Kei\n"));
        assert!(!looks_like_org("* a list\n* of things\n"));
        assert!(!looks_like_org("#+ not a keyword\n"));
    }
}
