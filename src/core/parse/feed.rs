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

/// Items longer than this in plain text (characters) are never a subtitle.
const MAX_SUBTITLE: usize = 300;

/// The feed's items as articles; `None` when the text is not a feed after all.
pub fn parse(text: &str) -> Option<Vec<(Meta, Vec<Block>)>> {
    let upgraded = atom_0_3_as_1_0(text);
    let text = upgraded.as_deref().unwrap_or(text);
    let feed = feed_rs::parser::parse(text.as_bytes()).ok()?;
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
            .map(|entry| item(&feed, entry, feed_title.as_deref()))
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

fn item(feed: &Feed, entry: &Entry, feed_title: Option<&str>) -> (Meta, Vec<Block>) {
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
            .and_then(|d| iso_date(&d.to_rfc3339()))
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
