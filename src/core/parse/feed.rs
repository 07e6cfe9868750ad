//! Feeds (RSS 2.0 and 1.0, Atom, JSON Feed) via feed-rs: one article per item.
//!
//! Item content is an HTML fragment and goes straight to the HTML converter:
//! readability is for whole pages and may drop a short item as "not content".

use super::html;
use super::sink::{
    Sink, drop_echoed_subtitle, drop_platform_clutter, drop_title_captions, inline, iso_date,
    resolve_links,
};
use crate::core::model::{Block, Format, Meta};
use feed_rs::model::{Entry, Feed, Person, Text};
use std::collections::HashMap;

/// Items longer than this in plain text (characters) are never a subtitle.
const MAX_SUBTITLE: usize = 300;

/// The feed's items as articles; `None` when the text is not a feed after all.
pub fn parse(text: &str) -> Option<Vec<(Meta, Vec<Block>)>> {
    let upgraded = atom_0_3_as_1_0(text);
    let text = upgraded.as_deref().unwrap_or(text);
    let feed = feed_rs::parser::parse(text.as_bytes()).ok()?;
    let offsets = written_offsets(text);
    let feed_title = feed.title.as_ref().and_then(text_inline);
    if feed.entries.is_empty() {
        let meta = Meta {
            title: feed_title.clone(),
            publication: feed_title.clone(),
            section: feed_title,
            format: Format::Feed,
            notices: vec!["the feed has no items".to_owned()],
            ..Meta::default()
        };
        return Some(vec![(meta, Vec::new())]);
    }
    Some(
        feed.entries
            .iter()
            .map(|entry| item(&feed, entry, feed_title.as_deref(), &offsets))
            .collect(),
    )
}

/// Atom 0.3, which blogs served until about 2006, spelt as Atom 1.0 for
/// feed-rs, which reads only 1.0: its namespace, and the three elements
/// 1.0 renamed (`issued`, `modified`, `tagline`). None for other feeds.
fn atom_0_3_as_1_0(text: &str) -> Option<String> {
    const ATOM_0_3: &str = "http://purl.org/atom/ns#";
    let head = &text.as_bytes()[..text.len().min(2048)];
    memchr::memmem::find(head, ATOM_0_3.as_bytes())?;
    let mut text = text.replace(ATOM_0_3, "http://www.w3.org/2005/Atom");
    for (old, new) in [
        ("issued", "published"),
        ("modified", "updated"),
        ("tagline", "subtitle"),
    ] {
        text = text
            .replace(&format!("<{old}>"), &format!("<{new}>"))
            .replace(&format!("</{old}>"), &format!("</{new}>"));
    }
    Some(text)
}

fn item(
    feed: &Feed,
    entry: &Entry,
    feed_title: Option<&str>,
    offsets: &HashMap<i64, i32>,
) -> (Meta, Vec<Block>) {
    let mut sink = Sink::default();
    let content = entry.content.as_ref().and_then(|c| {
        let body = c.body.as_deref()?;
        let is_html = c.content_type.subty() != "plain";
        Some((body, is_html))
    });
    if let Some((body, is_html)) = content {
        body_blocks(body, is_html, &mut sink);
    }
    // The summary is the body when there is no content, else a subtitle.
    let mut subtitle = None;
    if let Some(summary) = &entry.summary {
        if sink.blocks.is_empty() {
            body_blocks(&summary.content, is_html_text(summary), &mut sink);
        } else {
            subtitle = text_inline(summary).filter(|s| s.chars().count() <= MAX_SUBTITLE);
        }
    }
    let authors = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    let mut meta = Meta {
        title: entry.title.as_ref().and_then(text_inline),
        subtitle,
        author: people(authors),
        published: entry
            .published
            .or(entry.updated)
            .and_then(|d| iso_date(&as_written(d.timestamp(), offsets).unwrap_or(d.to_rfc3339())))
            .map(|d| utc_z(&d)),
        url: entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .and_then(|l| inline(Some(&l.href))),
        publication: feed_title.map(str::to_owned),
        section: feed_title.map(str::to_owned),
        format: Format::Feed,
        links: sink.links,
        ..Meta::default()
    };
    resolve_links(&mut meta.links, meta.url.as_deref(), None);
    drop_platform_clutter(&mut meta, &mut sink.blocks);
    drop_echoed_subtitle(&mut meta, &sink.blocks);
    drop_title_captions(&meta, &mut sink.blocks);
    (meta, sink.blocks)
}

/// The offsets from UTC the feed writes its dates with, by the instant
/// each date names (seconds since the epoch). feed-rs gives every date in
/// UTC, so an item of "Mon, 04 Mar 2024 08:30:00 +0900" was dated the 3rd
/// and its "on Monday" was the week before; where it was written it is the
/// 4th. Dates in a form jiff does not read keep UTC.
fn written_offsets(text: &str) -> HashMap<i64, i32> {
    let mut offsets = HashMap::new();
    for raw in date_strings(text) {
        if let Some((instant, offset)) = instant_and_offset(raw.trim()) {
            offsets.entry(instant).or_insert(offset);
        }
    }
    offsets
}

/// The texts of the feed's date elements (`<pubDate>`, `<published>`,
/// `<dc:date>` …) and JSON Feed's date members.
fn date_strings(text: &str) -> impl Iterator<Item = &str> {
    const ELEMENTS: [&str; 6] = [
        "pubdate",
        "published",
        "updated",
        "date",
        "issued",
        "modified",
    ];
    let bytes = text.as_bytes();
    let elements = memchr::memchr_iter(b'<', bytes).filter_map(move |open| {
        let tag_end = open + memchr::memchr(b'>', &bytes[open..])?;
        let name = text[open + 1..tag_end].split_whitespace().next()?;
        let local = name.rsplit(':').next()?;
        if !ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(local)) || name.ends_with('/') {
            return None;
        }
        let content = &text[tag_end + 1..];
        Some(&content[..memchr::memchr(b'<', content.as_bytes())?])
    });
    let members = ["\"date_published\"", "\"date_modified\""]
        .into_iter()
        .flat_map(move |key| {
            memchr::memmem::find_iter(bytes, key.as_bytes()).filter_map(move |at| {
                let rest = text[at + key.len()..].trim_start().strip_prefix(':')?;
                let rest = rest.trim_start().strip_prefix('"')?;
                Some(&rest[..rest.find('"')?])
            })
        });
    elements.chain(members)
}

/// The instant a date names (seconds since the epoch) and the offset it
/// is written with (seconds east of UTC): RFC 2822 as RSS writes it, or
/// RFC 3339 as Atom and JSON Feed do.
fn instant_and_offset(raw: &str) -> Option<(i64, i32)> {
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(raw) {
        return Some((zoned.timestamp().as_second(), zoned.offset().seconds()));
    }
    let instant: jiff::Timestamp = raw.parse().ok()?;
    let offset = if raw.ends_with(['Z', 'z']) {
        0
    } else {
        // "+09:00"
        let tail = raw.get(raw.len().checked_sub(6)?..)?;
        let sign = match tail.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hours: i32 = tail.get(1..3)?.parse().ok()?;
        let minutes: i32 = tail.get(4..6)?.parse().ok()?;
        sign * (hours * 3600 + minutes * 60)
    };
    Some((instant.as_second(), offset))
}

/// An instant as RFC 3339 with the offset the feed wrote it with, if it
/// wrote one other than UTC's.
fn as_written(instant: i64, offsets: &HashMap<i64, i32>) -> Option<String> {
    let offset = jiff::tz::Offset::from_seconds(*offsets.get(&instant)?).ok()?;
    let instant = jiff::Timestamp::from_second(instant).ok()?;
    Some(instant.display_with_offset(offset).to_string())
}

/// feed-rs gives UTC as `+00:00`; `Z` is the shorter ISO form.
fn utc_z(date: &str) -> String {
    date.strip_suffix("+00:00")
        .map_or_else(|| date.to_owned(), |d| format!("{d}Z"))
}

fn is_html_text(t: &Text) -> bool {
    t.content_type.subty() != "plain" || looks_like_html(&t.content)
}

/// RSS descriptions are declared as text but often hold escaped HTML.
fn looks_like_html(s: &str) -> bool {
    [
        "<p>", "<p ", "<br", "<div", "</a>", "<strong>", "<em>", "</li>",
    ]
    .iter()
    .any(|t| s.contains(t))
}

fn body_blocks(body: &str, is_html: bool, sink: &mut Sink) {
    if is_html || looks_like_html(body) {
        html::fragment_to_blocks(body, sink);
    } else {
        for para in body.split("\n\n") {
            sink.push(crate::core::model::BlockKind::Paragraph, para);
        }
    }
}

/// A title or summary as one line, with any markup removed.
fn text_inline(t: &Text) -> Option<String> {
    // Titles declared as text often carry escaped markup or entities anyway.
    let c = &t.content;
    if is_html_text(t) || c.contains("</") || (c.contains('&') && c.contains(';')) {
        inline(Some(&html::text_content(&t.content)))
    } else {
        inline(Some(&t.content))
    }
}

/// Names of people as "A, B"; an RSS `email (Name)` author gives its name.
fn people(people: &[Person]) -> Option<String> {
    let mut names: Vec<String> = Vec::new();
    let found = people.iter().filter_map(|p| {
        let name = p.name.as_deref()?.trim();
        if let Some((email, rest)) = name.split_once(" (")
            && email.contains('@')
        {
            return inline(Some(rest.trim_end_matches(')')));
        }
        inline(Some(name.trim_start_matches('(').trim_end_matches(')')))
    });
    // RSS items often name the writer twice, in <author> and <dc:creator>.
    for name in found {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    inline(Some(&names.join(", ")))
}
