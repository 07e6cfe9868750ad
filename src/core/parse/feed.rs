//! Feeds (RSS 2.0 and 1.0, Atom, JSON Feed) via feed-rs: one article per item.
//!
//! Item content is an HTML fragment and goes straight to the HTML converter:
//! readability is for whole pages and may drop a short item as "not content".

use super::html;
use super::sink::{
    Sink, drop_echoed_subtitle, drop_platform_clutter, drop_title_captions, inline, iso_date,
    number_footnotes, resolve_links,
};
use crate::core::model::{Block, BlockKind, Format, Meta};
use crate::core::prose::Prose;
use crate::core::text::CharCounter;
use feed_rs::model::{Entry, Feed, Person, Text};
use std::collections::HashMap;

/// Elements (by local name) and JSON Feed keys whose text is prose: titles,
/// summaries and bodies; links, dates and ids are not.
const PROSE_FIELDS: &[&str] = &[
    "title",
    "description",
    "summary",
    "content",
    "encoded",
    "subtitle",
    "tagline",
    "content_html",
    "content_text",
];

/// The feed's prose, with where each character is in the feed (what `gloss
/// terms` and `gloss timex` read): the text of its titles, summaries and
/// bodies, read in two steps as the reader reads an item: first the feed
/// (character references decoded, CDATA opened, JSON strings unescaped),
/// then what that gives as a page (an item's body is HTML), its characters
/// placed in the feed through both.
pub fn prose(text: &str) -> Prose {
    let fields = if text.trim_start().starts_with('{') {
        json_prose_fields(text)
    } else {
        xml_prose_fields(text)
    };
    html::page_prose(fields.text()).read_from(&fields)
}

/// The text of an XML feed's prose elements, references decoded and CDATA
/// opened; markup inside them (XHTML content) kept as written for the page
/// read next, each element apart.
fn xml_prose_fields(xml: &str) -> Prose {
    let mut fields = Prose::default();
    let mut chars = CharCounter::new(xml);
    // Prose elements open around the text.
    let mut open = 0usize;
    let mut at = 0;
    while at < xml.len() {
        let rest = &xml[at..];
        let past = |close: &str, from: usize| {
            rest[from..]
                .find(close)
                .map_or(xml.len(), |p| at + from + p + close.len())
        };
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").unwrap_or(body.len());
            if open > 0 {
                fields.push_verbatim(&body[..end], chars.at(at + 9));
            }
            at = past("]]>", 9);
        } else if rest.starts_with("<!--") {
            at = past("-->", 4);
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            at = past(">", 2);
        } else if rest.starts_with('<') {
            let end = past(">", 1);
            let tag = &xml[at..end];
            let closing = tag.starts_with("</");
            let name = tag
                .trim_start_matches(['<', '/'])
                .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
                .next()
                .unwrap_or("");
            let local = name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase();
            if PROSE_FIELDS.contains(&local.as_str()) {
                if closing {
                    open = open.saturating_sub(1);
                } else if !tag.ends_with("/>") {
                    open += 1;
                }
                fields.push_break();
            } else if open > 0 {
                // XHTML content: markup of the page read next.
                fields.push_verbatim(tag, chars.at(at));
            }
            at = end;
        } else {
            let end = rest.find('<').map_or(xml.len(), |p| at + p);
            if open > 0 {
                html::push_decoded(&mut fields, &xml[at..end], &mut chars, at);
            }
            at = end;
        }
    }
    fields
}

/// The strings of a JSON Feed's prose keys, unescaped, each apart.
fn json_prose_fields(json: &str) -> Prose {
    let mut fields = Prose::default();
    let mut chars = CharCounter::new(json);
    let bytes = json.as_bytes();
    // The last key read, while its value is not yet.
    let mut key: Option<String> = None;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'"' {
            if !bytes[at].is_ascii_whitespace() && bytes[at] != b':' {
                key = None;
            }
            at += 1;
            continue;
        }
        let mut value = Prose::default();
        let end = json_string(json, at, &mut chars, &mut value);
        let after = json[end..].trim_start();
        if after.starts_with(':') {
            key = Some(value.text().to_owned());
        } else {
            if key.as_deref().is_some_and(|k| PROSE_FIELDS.contains(&k)) {
                fields.push_break();
                fields.append(value);
            }
            key = None;
        }
        at = end;
    }
    fields
}

/// Reads the JSON string whose opening quote is at `start` into `out`,
/// each escape standing for itself as written; returns where it ends.
fn json_string(json: &str, start: usize, chars: &mut CharCounter<'_>, out: &mut Prose) -> usize {
    let bytes = json.as_bytes();
    let mut at = start + 1;
    let mut run = at;
    while at < bytes.len() && bytes[at] != b'"' {
        if bytes[at] != b'\\' {
            at += 1;
            continue;
        }
        out.push_verbatim(&json[run..at], chars.at(run));
        let (read, len) = json_escape(&json[at..]);
        let from = chars.at(at);
        out.push_standing_for(&read, from..chars.at(at + len));
        at += len;
        run = at;
    }
    out.push_verbatim(&json[run..at], chars.at(run));
    (at + 1).min(bytes.len())
}

/// The character a JSON escape at the start of `escape` stands for, and
/// how many bytes it takes (a surrogate pair is one character).
fn json_escape(escape: &str) -> (String, usize) {
    let hex = |at: usize| {
        escape
            .get(at..at + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    match escape.as_bytes().get(1) {
        Some(b'u') => match hex(2) {
            Some(high @ 0xD800..=0xDBFF) => match (escape.get(6..8), hex(8)) {
                (Some("\\u"), Some(low @ 0xDC00..=0xDFFF)) => {
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    (char::from_u32(code).unwrap_or('\u{fffd}').to_string(), 12)
                }
                _ => ('\u{fffd}'.to_string(), 6),
            },
            Some(code) => (char::from_u32(code).unwrap_or('\u{fffd}').to_string(), 6),
            None => ('\u{fffd}'.to_string(), 2),
        },
        Some(&c) if c.is_ascii() => {
            let read = match c {
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'b' | b'f' => ' ',
                other => other as char,
            };
            (read.to_string(), 2)
        }
        // Not an escape (or the text's end): the backslash as written.
        _ => ("\\".to_string(), 1),
    }
}

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
    number_footnotes(&mut sink.blocks);
    mark_excerpt(&mut meta, &mut sink.blocks);
    (meta, sink.blocks)
}

/// An item that gives only the start of its post ends in "\[…\]" or a
/// "Continue reading" link (WordPress's excerpts, with the post's title for
/// screen readers and an arrow): the mark goes, and the item is marked as
/// an excerpt, so the reader says where the rest is.
fn mark_excerpt(meta: &mut Meta, blocks: &mut Vec<Block>) {
    const ELLIPSES: [&str; 3] = ["[…]", "[...]", "(…)"];
    const MORE: [&str; 4] = [
        "continue reading",
        "read more",
        "read the rest",
        "keep reading",
    ];
    let Some(last) = blocks.last_mut().filter(|b| b.kind == BlockKind::Paragraph) else {
        return;
    };
    let text = last.text.trim_end();
    let cut = ELLIPSES
        .iter()
        .find_map(|e| text.strip_suffix(e))
        .map(|kept| kept.trim_end().len())
        .or_else(|| {
            // "… Continue reading Ferries again →": the link's words, the
            // title for screen readers and an arrow, at the very end.
            // ASCII case only, so that offsets in it are offsets in `text`.
            let lower = text.to_ascii_lowercase();
            let (at, lead) = MORE
                .iter()
                .filter_map(|m| lower.rfind(m).map(|at| (at, m)))
                .max_by_key(|(at, _)| *at)?;
            let after = &text[at + lead.len()..];
            let before = text[..at].trim_end();
            let tail_words = after.split_whitespace().count();
            let arrowed = after.trim_end().ends_with(['→', '»', '›']) || after.trim().is_empty();
            // The link follows a finished sentence: "… so you can read
            // more" is the sentence's own end.
            let apart = before.ends_with(['.', '!', '?', '…', '”', '"', ')']);
            (arrowed && apart && tail_words <= 12).then_some(before.len())
        });
    let Some(cut) = cut else {
        return;
    };
    let kept = text[..cut].to_owned();
    if kept.is_empty() {
        blocks.pop();
    } else {
        last.text = kept.into();
    }
    meta.excerpt = true;
    meta.truncated = true;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a feed's prose, and whether each character comes from
    /// its place in the feed: itself, or markup that reads as it (a
    /// reference, a JSON escape).
    fn read(feed: &str) -> Vec<String> {
        let prose = prose(feed);
        let chars: Vec<char> = feed.chars().collect();
        for (at, c) in prose.text().chars().enumerate() {
            let range = prose.source_range(at..at + 1);
            let from: String = chars[range.clone()].iter().collect();
            assert!(
                from.contains(c) || c.is_whitespace() || from.starts_with(['&', '\\']),
                "{c:?} at {at} comes from {from:?} ({range:?})"
            );
        }
        prose.text().split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn rss_bodies_are_read_as_pages() {
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ledger</title>\
            <link>https://example.org/2024/05/03</link>\
            <item><title>SAR &amp; Japan</title><pubDate>Fri, 03 May 2024 10:00:00 GMT</pubDate>\
            <description>&lt;p&gt;&lt;b&gt;N&lt;/b&gt;ATO and R&amp;amp;D.&lt;/p&gt;</description></item>\
            <item><description><![CDATA[<p>The <em>J</em>SDF &amp; Kyiv</p>]]></description></item>\
            </channel></rss>";
        assert_eq!(
            read(rss),
            [
                "Ledger", "SAR", "&", "Japan", "NATO", "and", "R&D.", "The", "JSDF", "&", "Kyiv"
            ]
        );
    }

    #[test]
    fn atom_xhtml_and_json_feed_bodies_are_read_as_pages() {
        let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">A &lt;i&gt;brief&lt;/i&gt;</title>\
            <entry><id>urn:1</id><updated>2024-05-03T10:00:00Z</updated>\
            <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p><b>N</b>ATO met.</p></div></content></entry></feed>";
        assert_eq!(read(atom), ["A", "brief", "NATO", "met."]);
        let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "Ledger \"Tokyo\"",
            "items": [{"id": "1", "url": "https://example.org/x", "content_html": "<p><b>N</b>ATO \u2019s R&amp;D \ud83d\ude00</p>",
            "summary": "Line\nbreak"}]}"#;
        assert_eq!(
            read(json),
            [
                "Ledger",
                "\"Tokyo\"",
                "NATO",
                "’s",
                "R&D",
                "😀",
                "Line",
                "break"
            ]
        );
    }

    proptest::proptest! {
        /// Any feed, however broken, reads without a panic, and each
        /// character of its prose comes from its place in the feed.
        #[test]
        fn any_feed_prose_keeps_every_place(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "{", "}", "\"title\"", "\"content_html\"", ":", "\"", "\\", "\\u", "d83d",
                    "\\ud83d", "\\n", "é", "日本", "<title>", "</title>", "<content type=\"xhtml\">",
                    "</content>", "<![CDATA[", "]]>", "<!--", "-->", "&amp;", "&lt;p&gt;", "&lt;",
                    "<p>", "</p>", "<b>", "x", " ", "<", ">", "\\é",
                ][..]),
                0..40,
            ),
        ) {
            read(&parts.concat());
        }
    }
}
