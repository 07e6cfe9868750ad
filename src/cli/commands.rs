//! The non-interactive subcommands: dump, export, terms, timex, timeline.
//! Everything they print comes from the model, so it has been sanitized.

use crate::core::glossary::{self, lexicon::Lexicon};
use crate::core::layout::{Extra, Item, Layout, Part, prefix, str_width};
use crate::core::model::{
    Article, Block, BlockKind, EntrySource, GlossaryEntry, Precision, TimelineEvent,
};
use crate::core::prose::Prose;
use crate::core::sanitize::sanitize_inline;
use crate::core::text::CharCounter;
use crate::core::timeline::{
    dates::{describe, describe_event},
    event_label, timex,
};
use serde::Serialize;
use serde_json::json;
use std::borrow::Cow;
use std::fmt::Write as _;

/// ANSI styles for `dump --color always`.
struct Ansi {
    on: bool,
}

impl Ansi {
    fn wrap<'a>(&self, code: &str, text: &'a str) -> Cow<'a, str> {
        if self.on && !text.is_empty() {
            Cow::Owned(format!("\x1b[{code}m{text}\x1b[0m"))
        } else {
            Cow::Borrowed(text)
        }
    }
}

/// The cleaned article as wrapped plain text: header, blocks, paywall notice,
/// then the glossary and the timeline.
pub fn dump(article: &Article, width: usize, color: bool) -> String {
    let mut out = Vec::new();
    dump_to(&mut out, article, width, color).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the model holds UTF-8")
}

/// [`dump`], written as it is laid out: a 100 MB document's dump is never
/// held whole, nor its layout (each item's lines are dropped once printed).
pub fn dump_to(
    out: &mut impl std::io::Write,
    article: &Article,
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    dump_text_to(out, article, width, color)?;
    dump_notes_to(out, article, width, color)
}

/// The article's text as [`dump_to`] prints it, without the glossary and
/// timeline that follow: it needs neither, so it can be written while they
/// are built.
pub fn dump_text_to(
    out: &mut impl std::io::Write,
    article: &Article,
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    let ansi = Ansi { on: color };
    let width = width.max(1);
    let layout = Layout::new(article, width);
    for item in 0..layout.item_count() {
        let lines = layout.compute(article, item);
        let kind = match layout.item(item) {
            Item::Block(b) => Some(&article.blocks[b].kind),
            _ => None,
        };
        let extra = layout.extra(layout.item(item)).map(|(e, _)| *e);
        for line in &lines {
            let text = layout.text(article, item, line.part);
            let slice = &text[line.range.start as usize..line.range.end as usize];
            let styled = match (kind, extra, line.part) {
                (_, Some(Extra::Title), _) => ansi.wrap("1", slice),
                (_, Some(Extra::Subtitle), _) => ansi.wrap("3", slice),
                (_, Some(Extra::Byline), _) => ansi.wrap("2", slice),
                (_, Some(Extra::Paywall | Extra::Notice), _) => ansi.wrap("7", slice),
                (Some(BlockKind::Heading { .. }), _, _) => ansi.wrap("1", slice),
                (Some(BlockKind::Caption(_)), _, _) => ansi.wrap("3", slice),
                _ => Cow::Borrowed(slice),
            };
            let lead = kind.map(|k| prefix(k, line)).unwrap_or_default();
            // Written as it is: `writeln!` formatted each of a large
            // document's million lines through the formatting machinery.
            out.write_all(lead.as_bytes())?;
            out.write_all(styled.as_bytes())?;
            out.write_all(b"\n")?;
        }
        match (kind, extra) {
            // Headings are underlined so they stand out without colour.
            (Some(BlockKind::Heading { .. }), _) | (_, Some(Extra::Title)) => {
                let heading_width = lines
                    .iter()
                    .map(|l| {
                        str_width(
                            &layout.text(article, item, Part::Text)
                                [l.range.start as usize..l.range.end as usize],
                        )
                    })
                    .max()
                    .unwrap_or(0);
                let rule = if matches!(extra, Some(Extra::Title)) {
                    "═"
                } else {
                    "─"
                };
                writeln!(out, "{}", rule.repeat(heading_width))?;
            }
            _ => {}
        }
        if layout.blank_after(article, item) {
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// The glossary and timeline sections that end [`dump_to`]'s output.
pub fn dump_notes_to(
    out: &mut impl std::io::Write,
    article: &Article,
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    let ansi = Ansi { on: color };
    let width = width.max(1);
    if !article.glossary.is_empty() {
        writeln!(out, "\n{}", ansi.wrap("1", "Glossary"))?;
        for entry in &article.glossary {
            let source = match entry.source {
                EntrySource::Article => "defined in the article",
                EntrySource::Bundled => "gloss glossary",
                EntrySource::User => "your note",
            };
            let head = format!(
                "{} ({source}, ×{})",
                glossary::label(entry, &article.blocks),
                entry.occurrences.len()
            );
            writeln!(out, "{}", ansi.wrap("1", &head))?;
            write_indented(out, &entry.definition, width)?;
            // The definitions this one overrides stay visible, as in the
            // reader's popup.
            for other in &entry.see_also {
                let label = other.source.see_also_label();
                write_indented(out, &format!("{label}: {}", other.definition), width)?;
            }
        }
    }
    if !article.timeline.is_empty() {
        writeln!(out, "\n{}", ansi.wrap("1", "Timeline"))?;
        timeline_table_to(out, article, false)?;
    }
    Ok(())
}

/// `text` wrapped to `width` behind a two-space indent.
fn write_indented(out: &mut impl std::io::Write, text: &str, width: usize) -> std::io::Result<()> {
    for range in crate::core::layout::wrap(text, width.saturating_sub(2).max(1)) {
        writeln!(out, "  {}", &text[range.start as usize..range.end as usize])?;
    }
    Ok(())
}

/// The timeline as an aligned table: date, class, label.
pub fn timeline_table(article: &Article, aid_only: bool) -> String {
    let mut out = Vec::new();
    timeline_table_to(&mut out, article, aid_only).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the model holds UTF-8")
}

/// [`timeline_table`], written row by row: one pass for the column widths,
/// one to print, so a large timeline is not formatted twice in memory. A
/// large one is formatted on two threads (its rows are independent): on
/// 100 MB, 211,000 rows, each reading its sentence from its block, were a
/// tenth of `gloss dump`'s time on one core while the other had nothing
/// left to do.
fn timeline_table_to(
    out: &mut impl std::io::Write,
    article: &Article,
    aid_only: bool,
) -> std::io::Result<()> {
    let shown = |e: &TimelineEvent| !aid_only || e.class.is_aid();
    let events = article.timeline.as_slice();
    let widths = |events: &[TimelineEvent]| {
        let mut dates = DateRuns::default();
        events
            .iter()
            .filter(|e| shown(e))
            .fold((0, 0), |(date, class), e| {
                let (_, width) = dates.describe(e);
                (width.max(date), e.class.label().len().max(class))
            })
    };
    let (date_width, class_width) = if events.len() >= PARALLEL_ROWS {
        let (first, second) = events.split_at(events.len() / 2);
        let (a, b) = crate::core::parallel::both(|| widths(first), || widths(second));
        (a.0.max(b.0), a.1.max(b.1))
    } else {
        widths(events)
    };
    let rows = |out: &mut Vec<u8>, batch: &[TimelineEvent]| {
        // Padding is written from one run of spaces: `{:<w$}` writes it a
        // character at a time, 200,000 rows for 100 MB.
        let pad = |out: &mut Vec<u8>, n: usize| out.extend(std::iter::repeat_n(b' ', n));
        let mut dates = DateRuns::default();
        for e in batch.iter().filter(|e| shown(e)) {
            let (date, width) = dates.describe(e);
            let class = e.class.label();
            out.extend_from_slice(date.as_bytes());
            pad(out, date_width - width + 2);
            out.extend_from_slice(class.as_bytes());
            pad(out, class_width - class.len() + 2);
            out.extend_from_slice(event_label(e, &article.blocks).as_bytes());
            if !e.items().is_empty() && e.class != crate::core::model::EventClass::Other {
                out.extend_from_slice(b" [");
                out.extend_from_slice(e.items().join(", ").as_bytes());
                out.push(b']');
            }
            out.push(b'\n');
        }
    };
    write_rows(out, events, rows)
}

/// [`describe_event`] of events in date order, with its width: a run of
/// events of one date is described once (each description parses the
/// date's value; 211,000 rows on 100 MB).
#[derive(Default)]
struct DateRuns<'a> {
    last: Option<(&'a TimelineEvent, String, usize)>,
}

impl<'a> DateRuns<'a> {
    fn describe(&mut self, event: &'a TimelineEvent) -> (&str, usize) {
        if self
            .last
            .as_ref()
            .is_none_or(|(previous, ..)| !describes_alike(previous, event))
        {
            let date = describe_event(event);
            let width = str_width(&date);
            self.last = Some((event, date, width));
        }
        match &self.last {
            Some((_, date, width)) => (date, *width),
            None => ("", 0),
        }
    }
}

/// Whether [`describe_event`] gives the two events the same date: it reads
/// only their value, precision and whether they were inferred (and the
/// expression, for an undated one).
fn describes_alike(a: &TimelineEvent, b: &TimelineEvent) -> bool {
    a.value() == b.value()
        && a.precision == b.precision
        && a.inferred == b.inferred
        && (a.precision != Precision::Unanchored || a.expression() == b.expression())
}

/// From this many timeline rows on, a table is formatted on two threads.
const PARALLEL_ROWS: usize = 16 * 1024;
/// Rows formatted at a time: about 100 KB of text held per thread.
const ROWS_PER_BATCH: usize = 1024;

/// Writes the rows `format` makes of each batch of `items`, in order, so
/// memory holds a few batches, not the table; with many items, batches take
/// turns between this thread and another (the other's wait in a channel of
/// one).
fn write_rows<T: Sync>(
    out: &mut impl std::io::Write,
    items: &[T],
    format: impl Fn(&mut Vec<u8>, &[T]) + Sync,
) -> std::io::Result<()> {
    let format_batch = |buf: &mut Vec<u8>, batch: &[T]| {
        buf.clear();
        format(buf, batch);
    };
    let mut buf = Vec::new();
    if items.len() < PARALLEL_ROWS {
        for batch in items.chunks(ROWS_PER_BATCH) {
            format_batch(&mut buf, batch);
            out.write_all(&buf)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (send, formatted) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
        let format_batch = &format_batch;
        scope.spawn(move || {
            for batch in items.chunks(ROWS_PER_BATCH).skip(1).step_by(2) {
                let mut buf = Vec::new();
                format_batch(&mut buf, batch);
                // An error: the writer has stopped (a closed pipe).
                if send.send(buf).is_err() {
                    return;
                }
            }
        });
        for batch in items.chunks(ROWS_PER_BATCH).step_by(2) {
            format_batch(&mut buf, batch);
            out.write_all(&buf)?;
            if let Ok(next) = formatted.recv() {
                out.write_all(&next)?;
            }
        }
        Ok(())
    })
}

pub fn export(articles: &[Article]) -> String {
    let mut out = Vec::new();
    export_to(&mut out, articles).expect("writing to memory does not fail");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// The shape of [`crate::core::load::Export`], borrowed: exporting does not copy the articles.
#[derive(Serialize)]
struct ExportRef<'a> {
    articles: &'a [Article],
}

/// [`export`], written as it is serialized.
pub fn export_to(out: &mut impl std::io::Write, articles: &[Article]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &ExportRef { articles })?;
    out.write_all(b"\n")
}

/// Raw input split into paragraphs (at blank lines), each a block whose text
/// is the raw paragraph with its runs of white space made one space, as the
/// reader reads it: a term broken across the lines of hard-wrapped text, or
/// around a page's blanked markup, is one use. Each block's place says where
/// its characters are in the input. Paragraphs in or opening a Markdown code
/// fence are code, as the parser makes them, so no definition or acronym is
/// read from them (and they are kept as written).
fn raw_blocks(input: &str) -> (Vec<Block>, Vec<RawPlace>) {
    let mut blocks = Vec::new();
    let mut places = Vec::new();
    // Counted as it goes: counting from the input's start for each block
    // took 39 s on an 8 MB page of many short blocks.
    let mut chars = 0;
    let mut in_fence = false;
    for paragraph in input.split("\n\n") {
        let is_fence = |line: &str| {
            let line = line.trim_start();
            line.starts_with("```") || line.starts_with("~~~")
        };
        let code = in_fence || paragraph.lines().next().is_some_and(is_fence);
        in_fence ^= paragraph.lines().filter(|l| is_fence(l)).count() % 2 == 1;
        if !paragraph.trim().is_empty() {
            let (kind, text, shifts) = if code {
                (BlockKind::Code, paragraph.to_owned(), Vec::new())
            } else {
                let (text, shifts) = collapse_spaces(paragraph);
                (BlockKind::Paragraph, text, shifts)
            };
            places.push(RawPlace {
                start: chars,
                shifts,
            });
            blocks.push(Block {
                id: blocks.len() as u32,
                kind,
                text: text.into(),
            });
        }
        chars += paragraph.chars().count() + 2;
    }
    (blocks, places)
}

/// Where a block of [`raw_blocks`] is in the input.
struct RawPlace {
    /// The char offset of its first character.
    start: usize,
    /// Where runs of white space were shortened: (the char index in the
    /// block of the space kept, characters left out up to and with it).
    shifts: Vec<(usize, usize)>,
}

impl RawPlace {
    /// The input's char offset of the block's character `at`.
    fn input_offset(&self, at: usize) -> usize {
        let i = self.shifts.partition_point(|&(space, _)| space < at);
        let left_out = i.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        self.start + at + left_out
    }

    /// The input's char range of the block's characters `range`.
    fn input_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.input_offset(range.start);
        let end = match range.end.checked_sub(1) {
            Some(last) if range.end > range.start => self.input_offset(last) + 1,
            _ => start,
        };
        start..end
    }
}

/// `text` with each run of white space made one space, and where runs were
/// shortened (see [`RawPlace::shifts`]).
fn collapse_spaces(text: &str) -> (String, Vec<(usize, usize)>) {
    let mut out = String::with_capacity(text.len());
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let (mut at, mut left_out, mut in_run) = (0, 0, false);
    for c in text.chars() {
        let space = matches!(c, ' ' | '\n' | '\r' | '\t');
        if space && in_run {
            left_out += 1;
            match shifts.last_mut() {
                Some((kept, n)) if *kept == at - 1 => *n = left_out,
                _ => shifts.push((at - 1, left_out)),
            }
            continue;
        }
        in_run = space;
        out.push(if space { ' ' } else { c });
        at += 1;
    }
    (out, shifts)
}

/// `gloss terms`: glossary entries found in the raw input, one JSON per line,
/// offsets in characters of the input as read. `given` are the entries the
/// parsed document's structure defines ([`glossary::article_entries`]), found
/// in the input like the rest.
pub fn terms(input: &Prose, lexicons: &[&Lexicon], given: Vec<GlossaryEntry>) -> String {
    let (blocks, places) = raw_blocks(input.text());
    let mut out = String::new();
    for entry in glossary::build_with(&blocks, lexicons, given) {
        let occurrences: Vec<_> = entry
            .occurrences
            .iter()
            .map(|o| {
                let range = places[o.block as usize].input_range(o.start as usize..o.end as usize);
                let range = input.source_range(range);
                json!({"start": range.start, "end": range.end})
            })
            .collect();
        let mut object = json!({
            "term": sanitize_inline(&entry.term),
            // One line: a sentence of the input may run over its line breaks
            // (and, in a page, over blanked markup).
            "definition": sanitize_inline(&entry.definition),
            "aliases": entry.aliases.iter().map(|a| sanitize_inline(a)).collect::<Vec<_>>(),
            "source": entry.source,
            "kind": entry.kind,
            "occurrences": occurrences,
        });
        if let Some(expansion) = &entry.expansion {
            object["expansion"] = json!(sanitize_inline(expansion));
        }
        if let Some(category) = &entry.category {
            object["category"] = json!(category);
        }
        // An article's definition wins, and the bundled one it overrides
        // stays visible beside it, as in the reader's popup.
        if !entry.see_also.is_empty() {
            object["see_also"] = entry
                .see_also
                .iter()
                .map(|other| json!({"source": other.source, "definition": sanitize_inline(&other.definition)}))
                .collect();
        }
        let _ = writeln!(out, "{object}");
    }
    out
}

/// `gloss timex`: time expressions in the raw input, one JSON per line.
pub fn timex_lines(input: &Prose, anchor: Option<jiff::civil::Date>) -> String {
    let text = input.text();
    let mut out = String::new();
    let mut chars = CharCounter::new(text);
    for t in timex::tag(text, anchor) {
        let start = chars.at(t.start);
        let range = input.source_range(start..chars.at(t.end));
        let object = json!({
            "start": range.start,
            "end": range.end,
            "text": sanitize_inline(&text[t.start..t.end]),
            "type": t.kind,
            "value": t.value,
        });
        let _ = writeln!(out, "{object}");
    }
    out
}

/// `gloss timeline --json`.
pub fn timeline_json(articles: &[Article], aid_only: bool) -> String {
    let items: Vec<_> = articles
        .iter()
        .map(|a| {
            let events: Vec<_> = a
                .timeline
                .iter()
                .filter(|e| !aid_only || e.class.is_aid())
                .map(|e| {
                    let mut v = serde_json::to_value(e).expect("events serialize");
                    v["label"] = json!(event_label(e, &a.blocks));
                    v["date"] = json!(describe(e.value(), e.precision));
                    v["open_ended"] = json!(e.precision == Precision::OpenEnded);
                    v
                })
                .collect();
            json!({"title": a.meta.title, "source": a.meta.source, "events": events})
        })
        .collect();
    serde_json::to_string_pretty(&json!({ "timelines": items })).expect("timeline serializes")
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(out: &mut Vec<u8>, batch: &[usize]) {
        for n in batch {
            if n % 7 != 3 {
                out.extend_from_slice(format!("row {n}\n").as_bytes());
            }
        }
    }

    /// Each row of the table shows its own event's date, in runs of one
    /// date and across them.
    #[test]
    fn every_timeline_row_shows_its_own_date() {
        let text = "Japan sent tents in March 2022. Japan sent drones in March 2022. \
                    Canada sent radios in 2023. The pact was signed in 2023. \
                    Officials met on 5 May 2024. Aid went out on 6 May 2024.";
        let blocks = vec![Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: text.into(),
        }];
        let timeline = crate::core::timeline::build(&blocks, "2025-08-27".parse().ok());
        let article = Article {
            blocks: blocks.into(),
            timeline,
            ..Article::default()
        };
        let table = timeline_table(&article, false);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), article.timeline.len(), "{table}");
        let dates: Vec<String> = article.timeline.iter().map(describe_event).collect();
        assert!(dates.windows(2).any(|w| w[0] == w[1]) && dates.windows(2).any(|w| w[0] != w[1]));
        for (row, date) in rows.iter().zip(&dates) {
            assert!(
                row.starts_with(&format!("{date}  ")),
                "{row:?} for {date:?}"
            );
        }
    }

    /// Events the width pass treats as reading alike are described alike.
    #[test]
    fn events_described_alike_read_the_same() {
        let text = "Japan sent tents in March 2022. Japan sent drones in March 2022. \
                    Tokyo has since shipped body armor to Ukraine. Kyiv has received \
                    helmets since March 2022. Canada sent radios \
                    in 2023. The pact was signed in 2023. It was “soon” agreed. \
                    Officials met on 5 May 2024 and again in the week of 5 May 2024.";
        let blocks = [Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: text.into(),
        }];
        // Without a publication date, relative dates stay unanchored.
        let undated = [Block {
            id: 1,
            kind: BlockKind::Paragraph,
            text: "Japan sent tents to Ukraine last year. Canada sent radios the previous \
                   year. The pact was signed on Monday."
                .into(),
        }];
        let mut events = crate::core::timeline::build(&blocks, "2025-08-27".parse().ok());
        events.extend(crate::core::timeline::build(&undated, None));
        assert!(events.len() >= 9, "{events:?}");
        let mut alike = 0;
        for a in &events {
            for b in &events {
                if describes_alike(a, b) {
                    alike += 1;
                    assert_eq!(describe_event(a), describe_event(b));
                }
            }
        }
        // Some pairs beyond each event with itself.
        assert!(alike > events.len(), "{alike}");
        assert!(events.iter().any(|e| e.inferred));
    }

    #[test]
    fn rows_formatted_on_two_threads_come_out_in_order() {
        for count in [
            0,
            5,
            PARALLEL_ROWS - 1,
            2 * PARALLEL_ROWS + ROWS_PER_BATCH / 2,
        ] {
            let items: Vec<usize> = (0..count).collect();
            let mut expected = Vec::new();
            for n in &items {
                numbered(&mut expected, std::slice::from_ref(n));
            }
            let mut out = Vec::new();
            write_rows(&mut out, &items, numbered).expect("writing to memory");
            assert_eq!(out, expected, "{count} rows");
        }
    }

    /// Takes so many bytes, then fails as a closed pipe does.
    struct ClosesAfter(usize);

    impl std::io::Write for ClosesAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.0);
            self.0 -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_output_stops_both_threads_with_its_error() {
        let items: Vec<usize> = (0..4 * PARALLEL_ROWS).collect();
        let error =
            write_rows(&mut ClosesAfter(100_000), &items, numbered).expect_err("the output closed");
        assert_eq!(error.kind(), std::io::ErrorKind::BrokenPipe);
    }

    #[test]
    fn raw_blocks_keep_input_offsets() {
        let input = "Title\n\nFirst  para’s\r\n\ttext.\n\n\nSecond.   \n\n```\na  b\n```";
        let (blocks, places) = raw_blocks(input);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Title", "First para’s text.", " Second. ", "```\na  b\n```"]
        );
        let chars: Vec<char> = input.chars().collect();
        for (block, place) in blocks.iter().zip(&places) {
            for (at, c) in block.text.chars().enumerate() {
                let found = chars[place.input_offset(at)];
                assert!(
                    found == c || (c == ' ' && found.is_whitespace()),
                    "{c:?} at {at} of {:?} is {found:?} in the input",
                    block.text
                );
            }
        }
        // A range ends just after its last character, not after the run of
        // white space that follows it.
        let second = &places[1];
        let para = block_range(input, "para’s");
        assert_eq!(second.input_range(6..12), para);
        assert_eq!(second.input_range(13..18), block_range(input, "text."));
    }

    fn block_range(input: &str, word: &str) -> std::ops::Range<usize> {
        let start = input[..input.find(word).unwrap()].chars().count();
        start..start + word.chars().count()
    }

    /// `gloss terms` reads no definition from code, as the reader does not.
    #[test]
    fn terms_skip_code_fences() {
        let input = "# Wrapping\n\nThe Unicode Line Breaking Algorithm (ULBA) is used.\n\n\
                     ```rust\nlet lines = textwrap::wrap(text, 28);\n\nlet more = wrap(x, 3);\n```\n\n\
                     After the code, Synthetic Aperture Radar (SAR) again.\n";
        let (blocks, _) = raw_blocks(input);
        let kinds: Vec<bool> = blocks.iter().map(|b| b.kind == BlockKind::Code).collect();
        assert_eq!(kinds, [false, false, true, true, false]);
        let out = terms(&Prose::verbatim(input), &[], Vec::new());
        let terms: Vec<String> = out
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["term"].to_string())
            .collect();
        assert_eq!(terms, ["\"ULBA\"", "\"SAR\""], "{out}");
    }

    /// Hard-wrapped text: a term broken across lines is one use, found
    /// where the input has it.
    #[test]
    fn terms_run_across_line_breaks() {
        let input = "The North Atlantic Treaty Organization (NATO) met.\r\nLater the North\n\
                     Atlantic Treaty Organization agreed, and\nNATO wrote.\n";
        let out = terms(&Prose::verbatim(input), &[], Vec::new());
        let nato: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(
            nato["expansion"], "North Atlantic Treaty Organization",
            "{out}"
        );
        assert_eq!(nato["aliases"].as_array().unwrap().len(), 1, "{out}");
        let chars: Vec<char> = input.chars().collect();
        let found: Vec<String> = nato["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let (s, e) = (o["start"].as_u64().unwrap(), o["end"].as_u64().unwrap());
                chars[s as usize..e as usize].iter().collect()
            })
            .collect();
        assert_eq!(
            found,
            [
                "North Atlantic Treaty Organization",
                "NATO",
                "North\nAtlantic Treaty Organization",
                "NATO"
            ],
            "{out}"
        );
    }

    #[test]
    fn ansi_only_when_asked() {
        let article = Article {
            meta: crate::core::model::Meta {
                title: Some("T".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(!dump(&article, 40, false).contains('\x1b'));
        assert!(dump(&article, 40, true).contains("\x1b[1m"));
    }
}
