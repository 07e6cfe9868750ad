//! Shared by the Markdown, HTML and feed parsers: the place where their
//! decoded strings are sanitized on the way into the model.
//!
//! `load` sanitizes the raw file, but Markdown escapes, HTML entities and
//! feed XML/JSON unescaping can all rebuild a control character from inert
//! text (`&#27;` → ESC), so every string is sanitized again after decoding.

use super::dateline;
use super::rules::{MAX_CLUTTER_LINE, Pattern, platforms};
use crate::core::model::{Block, BlockKind, Link, Meta};
use crate::core::sanitize::{sanitize, sanitize_inline};
use std::sync::LazyLock;
use url::Url;

/// Collects blocks and links; every string passes the sanitizer here.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
}

impl Sink {
    /// Adds a block of decoded text; prose has its whitespace collapsed, code
    /// keeps its lines. Empty text adds nothing.
    pub fn push(&mut self, kind: BlockKind, text: &str) {
        let text = match kind {
            BlockKind::Code => sanitize(text)
                .trim_end()
                .trim_start_matches('\n')
                .to_owned(),
            _ => collapse(&sanitize(text)),
        };
        // "|" or "·" left between links that were only pictures (badges).
        if text.is_empty() || text.chars().all(|c| "|·•/,; ".contains(c)) {
            return;
        }
        let kind = match kind {
            BlockKind::Caption(a) => {
                BlockKind::caption(inline(a.credit.as_deref()), inline(a.license.as_deref()))
            }
            other => other,
        };
        self.blocks.push(Block {
            id: self.blocks.len() as u32,
            kind,
            text: text.into(),
        });
    }

    /// Records a link; links without a target or text, and repeats, are skipped.
    pub fn link(&mut self, text: &str, url: &str) {
        let link = Link {
            text: sanitize_inline(text),
            url: sanitize_inline(url),
        };
        if link.url.is_empty() || link.text.is_empty() || self.links.contains(&link) {
            return;
        }
        self.links.push(link);
    }
}

/// Platform clutter left in converted HTML (a page's or a feed item's): a
/// block that is only a button or prompt ("Share", "Subscribe now") is
/// dropped, and a paywall prompt ("Keep reading with a 7-day free trial")
/// ends the article there, marked truncated; a box set inside the story
/// (a newsletter sign-up, from its "skip past" link to where that link
/// lands) goes whole. The rules are the plain-text
/// parser's (`assets/platforms.toml`); paywall prompts of one or two words
/// ("Read more") are left out, since pages use them for ordinary links.
pub(crate) fn drop_platform_clutter(meta: &mut Meta, blocks: &mut Vec<Block>) {
    struct Prompts {
        buttons: Vec<&'static Pattern>,
        paywall: Vec<&'static Pattern>,
        aside_start: Vec<&'static Pattern>,
        aside_end: Vec<&'static Pattern>,
    }
    static PROMPTS: LazyLock<Prompts> = LazyLock::new(|| Prompts {
        buttons: platforms().iter().flat_map(|p| p.anywhere).collect(),
        paywall: platforms()
            .iter()
            .flat_map(|p| p.paywall)
            .filter(|p| p.literal_words() >= 3)
            .collect(),
        aside_start: platforms().iter().flat_map(|p| p.aside_start).collect(),
        aside_end: platforms().iter().flat_map(|p| p.aside_end).collect(),
    });
    /// How many blocks a box may hold, its two ends included.
    const MAX_ASIDE_BLOCKS: usize = 10;
    #[derive(PartialEq)]
    enum Prompt {
        Paywall,
        Button,
        AsideStart,
        AsideEnd,
    }
    // Each short paragraph or heading lowercased once, for every rule set.
    let prompt = |b: &Block| {
        if !matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
            || b.text.len() > MAX_CLUTTER_LINE
        {
            return None;
        }
        let lower = b.text.trim().to_lowercase();
        let matches = |patterns: &[&Pattern]| patterns.iter().any(|p| p.matches_lower(&lower));
        if matches(&PROMPTS.aside_end) {
            Some(Prompt::AsideEnd)
        } else if matches(&PROMPTS.aside_start) {
            Some(Prompt::AsideStart)
        } else if matches(&PROMPTS.paywall) {
            Some(Prompt::Paywall)
        } else if matches(&PROMPTS.buttons) {
            Some(Prompt::Button)
        } else {
            None
        }
    };
    let mut prompts: Vec<Option<Prompt>> = blocks.iter().map(prompt).collect();
    // A box's blocks count as buttons; an end or start that closes or opens
    // no box is an ordinary block (a section may be headed "Sign up for the
    // draft").
    let mut at = 0;
    while at < prompts.len() {
        let end = (prompts[at] == Some(Prompt::AsideStart))
            .then(|| {
                // Of two starts before one end, the box is the nearer's.
                prompts[at + 1..prompts.len().min(at + MAX_ASIDE_BLOCKS)]
                    .iter()
                    .position(|p| matches!(p, Some(Prompt::AsideStart | Prompt::AsideEnd)))
                    .filter(|&i| prompts[at + 1 + i] == Some(Prompt::AsideEnd))
            })
            .flatten();
        match end {
            Some(end) => {
                let end = at + 1 + end;
                prompts[at..=end].fill_with(|| Some(Prompt::Button));
                at = end + 1;
            }
            None => {
                if matches!(prompts[at], Some(Prompt::AsideStart | Prompt::AsideEnd)) {
                    prompts[at] = None;
                }
                at += 1;
            }
        }
    }
    if let Some(cut) = prompts.iter().position(|p| *p == Some(Prompt::Paywall)) {
        blocks.truncate(cut);
        prompts.truncate(cut);
        meta.truncated = true;
    }
    if prompts.iter().any(Option::is_some) {
        let mut prompts = prompts.into_iter();
        blocks.retain(|_| prompts.next().flatten().is_none());
        renumber(blocks);
    }
}

/// "Sign up for the Morning Ledger" over "Get the day's top stories in
/// your inbox": a newsletter's sign-up box set inside the article. The
/// heading alone may head a section ("Sign up for the draft"); with a
/// pitch for an inbox or a newsletter under it, it is the box.
pub(crate) fn drop_signup_boxes(blocks: &mut Vec<Block>) {
    const INVITES: [&str; 4] = ["sign up for ", "sign up to ", "subscribe to ", "get our "];
    let invites = |b: &Block| {
        b.kind.is_heading()
            && b.text.len() <= 100
            && INVITES.iter().any(|lead| {
                b.text
                    .as_bytes()
                    .get(..lead.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(lead.as_bytes()))
            })
    };
    let pitch = |b: &Block| {
        b.kind == BlockKind::Paragraph && b.text.len() <= MAX_CLUTTER_LINE && {
            let lower = b.text.to_lowercase();
            lower.contains("inbox") || lower.contains("newsletter")
        }
    };
    let boxes: Vec<usize> = (0..blocks.len().saturating_sub(1))
        .filter(|&i| invites(&blocks[i]) && pitch(&blocks[i + 1]))
        .collect();
    if boxes.is_empty() {
        return;
    }
    let mut at = 0;
    blocks.retain(|_| {
        let boxed = boxes.iter().any(|&i| at == i || at == i + 1);
        at += 1;
        !boxed
    });
    renumber(blocks);
}

/// A picture whose only caption is the article's title (blogs put the
/// title in every image's alt text) says nothing the title does not.
pub(crate) fn drop_title_captions(meta: &Meta, blocks: &mut Vec<Block>) {
    let Some(title) = meta.title.as_deref() else {
        return;
    };
    let before = blocks.len();
    blocks.retain(|b| {
        !matches!(&b.kind, BlockKind::Caption(a) if a.credit.is_none())
            || !b.text.trim().eq_ignore_ascii_case(title.trim())
    });
    if blocks.len() != before {
        renumber(blocks);
    }
}

/// A table of contents (three or more list items in a row, each nothing but
/// a link to a place in the same page, "- [Quickstart](#quickstart)") is
/// dropped with the heading that names it: the reader lists the headings
/// itself, and the links lead nowhere once the page is text. So is a
/// "Contents" heading left with nothing under it.
pub(crate) fn drop_contents_list(sink: &mut Sink) {
    let in_page = |b: &Block| {
        matches!(b.kind, BlockKind::ListItem { .. })
            && sink
                .links
                .iter()
                .any(|l| l.url.starts_with('#') && l.text == *b.text)
    };
    let marks: Vec<bool> = sink.blocks.iter().map(in_page).collect();
    let mut drop = vec![false; marks.len()];
    let mut i = 0;
    while i < marks.len() {
        let run = marks[i..].iter().take_while(|&&m| m).count();
        if run >= 3 {
            drop[i..i + run].fill(true);
            // "Contents", "Table of Contents", "On this page" above it.
            if let Some(title) = i.checked_sub(1)
                && is_contents_title(&sink.blocks[title].text)
            {
                drop[title] = true;
            }
        }
        i += run.max(1);
    }
    // A "Contents" heading whose list went already (readability drops
    // lists of links): nothing of its own before the next heading.
    for (i, b) in sink.blocks.iter().enumerate() {
        if !b.kind.is_heading() || !is_contents_title(&b.text) {
            continue;
        }
        drop[i] |= sink.blocks[i + 1..]
            .iter()
            .zip(&drop[i + 1..])
            .find(|&(_, &dropped)| !dropped)
            .is_none_or(|(next, _)| next.kind.is_heading());
    }
    if !drop.iter().any(|&d| d) {
        return;
    }
    let mut drop = drop.into_iter();
    sink.blocks.retain(|_| !drop.next().unwrap_or(false));
    renumber(&mut sink.blocks);
}

fn is_contents_title(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':').to_lowercase();
    matches!(
        text.as_str(),
        "contents" | "table of contents" | "on this page" | "in this article" | "in this post"
    )
}

/// A status badge ("![CI Badge]", a shields.io image) in a README: a
/// picture of a link, clutter in a text reader.
pub(crate) fn is_badge(image_url: &str, alt: &str) -> bool {
    let url = image_url.to_ascii_lowercase();
    let alt = alt.trim().to_ascii_lowercase();
    const BADGE_HOSTS: &[&str] = &[
        "img.shields.io",
        "badgen.net",
        "badge.fury.io",
        "travis-ci.",
        "ci.appveyor.com",
        "coveralls.io",
        "codecov.io",
    ];
    BADGE_HOSTS.iter().any(|h| url.contains(h))
        || url.contains("/badge")
        || url.contains("badge.svg")
        // CI services' build status pictures: ".../_apis/build/status/...".
        || url.contains("/status/")
        || url.ends_with("/status.svg")
        || url.contains("/status.svg?")
        || alt.ends_with(" badge")
        || alt.ends_with("build status")
        || alt == "badge"
}

/// Makes relative link targets absolute so they can be opened: against
/// `base` (a page's `<base href>`, itself relative to the page) or else the
/// address of the page or item. Without an absolute base, or for targets
/// that are already absolute, they stay as written.
pub(crate) fn resolve_links(links: &mut Vec<Link>, page: Option<&str>, base: Option<&str>) {
    let page = page.and_then(|p| Url::parse(p).ok());
    let base = match (base, page) {
        (Some(base), Some(page)) => page.join(base).ok(),
        (Some(base), None) => Url::parse(base).ok(),
        (None, page) => page,
    };
    let Some(base) = base.filter(|b| !b.cannot_be_a_base()) else {
        return;
    };
    for link in links.iter_mut() {
        if Url::parse(&link.url) == Err(url::ParseError::RelativeUrlWithoutBase)
            && let Ok(absolute) = base.join(&link.url)
        {
            link.url = absolute.into();
        }
    }
    // "/about" and "about" may now be the same link.
    let mut seen = std::collections::HashSet::new();
    links.retain(|l| seen.insert((l.text.clone(), l.url.clone())));
}

/// A subtitle that only repeats the start of one of the first paragraphs (a
/// readability excerpt, a feed summary), or is the first heading itself (a
/// page's description taken from its first line), is dropped: the reader
/// sees it anyway.
pub(crate) fn drop_echoed_subtitle(meta: &mut Meta, blocks: &[Block]) {
    // Compared with any spaces as one ("1.&nbsp;Introduction"), and
    // without Markdown's marks, which a description may keep where the
    // page sets code or emphasis (rustdoc: "The `Option` type.").
    let words = |s: &str| {
        s.trim_end_matches(['.', '…', ' '])
            .split_whitespace()
            .map(|w| w.replace(['`', '*'], ""))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title = meta.title.as_deref().map(words);
    let echoed = |sub: &String| {
        let first_heading = blocks.first().filter(|b| b.kind.is_heading());
        let sub = words(sub);
        // A page whose description is its title again.
        title.as_ref() == Some(&sub)
            || first_heading.is_some_and(|b| words(&b.text) == sub)
            // Readability's excerpt is the first `<p>`, which need not be
            // the first paragraph ("Without further adieu, here is …").
            || blocks
                .iter()
                .filter(|b| !b.kind.is_heading())
                .take(3)
                .any(|b| words(&b.text).starts_with(sub.as_str()))
    };
    if meta.subtitle.as_ref().is_some_and(echoed) {
        meta.subtitle = None;
    }
}

/// "[1]" (a footnote's number, its link back to the text) over the
/// note's paragraph, as a newsletter lists its notes under the post: the
/// paragraph becomes a note that starts "\[1\] ", as a Markdown footnote
/// does, and the number's own block goes. Numbers count on from 1; any
/// other number stays as it is.
pub(crate) fn number_footnotes(blocks: &mut Vec<Block>) {
    let number = |b: &Block| {
        let text = b.text.trim();
        let digits = text
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(text);
        (b.kind == BlockKind::Paragraph
            && (1..=2).contains(&digits.len())
            && digits.bytes().all(|d| d.is_ascii_digit()))
        .then(|| digits.parse::<u32>().ok())
        .flatten()
    };
    let mut last = 0;
    let mut numbers = Vec::new();
    for i in 0..blocks.len().saturating_sub(1) {
        if number(&blocks[i]) == Some(last + 1)
            && blocks[i + 1].kind == BlockKind::Paragraph
            && number(&blocks[i + 1]).is_none()
        {
            last += 1;
            numbers.push(i);
            let note = &mut blocks[i + 1];
            note.kind = BlockKind::Note;
            note.text = format!("[{last}] {}", note.text).into();
        }
    }
    if numbers.is_empty() {
        return;
    }
    let mut at = 0;
    blocks.retain(|_| {
        let keep = numbers.binary_search(&at).is_err();
        at += 1;
        keep
    });
    renumber(blocks);
}

/// Block ids are positions (spans, marks and the timeline point at them):
/// after blocks are dropped, the rest are numbered again.
pub(crate) fn renumber(blocks: &mut [Block]) {
    for (i, b) in blocks.iter_mut().enumerate() {
        b.id = i as u32;
    }
}

/// Sanitizes a one-line field; `None` when nothing is left.
pub(crate) fn inline(s: Option<&str>) -> Option<String> {
    // Trimmed of any space, "&emsp;" and no-break ones included.
    s.map(|s| sanitize_inline(s).trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Collapses runs of spaces within lines and trims each line, keeping the
/// explicit line breaks (`<br>`, Markdown hard breaks); blank lines go.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split('\n') {
        // Ends trimmed of any space ("# Serde JSON &emsp;"); inside, only
        // plain spaces collapse, so a no-break space stays where it was put.
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        // Copied in runs up to each double space: split into words, every
        // word was a search of its own (a tenth of reading a feed).
        let mut rest = line;
        while let Some(at) = rest.find("  ") {
            out.push_str(&rest[..=at]);
            rest = rest[at..].trim_start_matches(' ');
        }
        out.push_str(rest);
    }
    out
}

/// A publication date as metadata states it, as ISO 8601: an RFC 3339
/// date-time is kept whole (its local date first, so `load` can read the day),
/// anything else that names a calendar day becomes `YYYY-MM-DD`.
pub(crate) fn iso_date(raw: &str) -> Option<String> {
    let s = sanitize_inline(raw);
    let s = s.trim_matches(|c| c == '"' || c == '\'');
    if let Some(day) = s
        .get(..10)
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
    {
        if s.len() > 10
            && (s.parse::<jiff::Timestamp>().is_ok() || s.parse::<jiff::civil::DateTime>().is_ok())
        {
            return Some(s.to_owned());
        }
        return Some(day.to_string());
    }
    dateline::find_date(s).map(|d| d.to_string())
}

/// A photo credit without its label: "Photo: Isla Grant" → "Isla Grant".
pub(crate) fn clean_credit(raw: &str) -> Option<String> {
    let s = sanitize_inline(raw);
    let mut s = s.trim().trim_matches(|c| c == '(' || c == ')').trim();
    for label in [
        "photograph by",
        "photograph:",
        "photo by",
        "photo:",
        "image:",
        "credit:",
        "picture:",
    ] {
        if s.get(..label.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(label))
        {
            s = s[label.len()..].trim();
            break;
        }
    }
    (!s.is_empty()).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Collapsing copies runs; it gives what joining the words of each
        /// trimmed line with one space gives.
        #[test]
        fn collapse_joins_each_lines_words(
            parts in proptest::collection::vec(
                proptest::sample::select(&[" ", "  ", "\n", "\u{a0}", "\u{2003}", "word", "é", "\t", "日本"][..]),
                0..30,
            ),
        ) {
            let text = parts.concat();
            let expected: Vec<String> = text
                .split('\n')
                .map(|line| line.trim().split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "))
                .filter(|line| !line.is_empty())
                .collect();
            proptest::prop_assert_eq!(collapse(&text), expected.join("\n"));
        }
    }

    #[test]
    fn dates_are_normalised() {
        assert_eq!(iso_date("2025-03-14").as_deref(), Some("2025-03-14"));
        assert_eq!(
            iso_date("2024-03-05T07:30:00+01:00").as_deref(),
            Some("2024-03-05T07:30:00+01:00")
        );
        assert_eq!(iso_date("5 March 2024").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("2024-03-05 junk").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("soon"), None);
    }

    #[test]
    fn credits_lose_their_label() {
        assert_eq!(
            clean_credit("Photo: Isla Grant").as_deref(),
            Some("Isla Grant")
        );
        assert_eq!(clean_credit("(Jonas Lind)").as_deref(), Some("Jonas Lind"));
        assert_eq!(clean_credit("  "), None);
    }

    #[test]
    fn a_subtitle_repeating_the_first_paragraph_or_heading_goes() {
        let mut sink = Sink::default();
        sink.push(BlockKind::Heading { level: 2 }, "Why ports matter");
        sink.push(
            BlockKind::Paragraph,
            "Ships wait longer every winter. More text.",
        );
        let subtitle = |sub: &str| {
            let mut meta = Meta {
                subtitle: Some(sub.to_owned()),
                ..Meta::default()
            };
            drop_echoed_subtitle(&mut meta, &sink.blocks);
            meta.subtitle
        };
        assert_eq!(subtitle("Why ports matter"), None);
        assert_eq!(subtitle("Ships wait longer every winter…"), None);
        assert!(subtitle("Why ports matter, and to whom").is_some());
        assert!(subtitle("A report from the Baltic").is_some());
    }

    #[test]
    fn decoded_escapes_are_sanitized() {
        let mut sink = Sink::default();
        sink.push(BlockKind::Paragraph, "a\u{1b}[2Jb  c\n\n d");
        sink.link("x\u{1b}]52;c;AAAA\u{7}y", "https://e.example/\u{1b}[1m");
        assert_eq!(sink.blocks[0].text, "ab c\nd");
        assert_eq!(sink.links[0].text, "xy");
        assert_eq!(sink.links[0].url, "https://e.example/");
    }
}
