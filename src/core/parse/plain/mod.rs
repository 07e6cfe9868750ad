//! Plain text, and in particular a post copied out of a browser: the byline area
//! (publication, title, author, date, counts), page clutter, a photo caption,
//! editor's notes, section headings, a paywall cut-off and the site footer.
//!
//! Platform clutter is data ([`super::rules`]); this module holds the structure
//! that all platforms share.
//! The byline area is read in `header`, a caption's credit and licence
//! are split off in `caption`.

pub(crate) mod book;
mod caption;
mod header;

use book::{
    BRACKETED_LABELS, Chapter, bracketed_label, chapter_heading, is_chapter_title, is_verse,
    unmark_italics,
};

pub(crate) use caption::split_caption;
use header::read_header;

use super::dateline;
use super::rules::{LineFilter, MAX_CLUTTER_LINE, Pattern, Platform, only_counts_and, platforms};
use crate::core::model::{Block, BlockKind, BlockText, Meta};
use crate::core::parallel::both;
use crate::core::text::is_clock_time;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A hard-wrapped paragraph never has lines longer than this.
pub(super) const MAX_WRAPPED_LINE: usize = 100;

/// Parses a plain-text article. The blocks' text is laid down in `text`'s
/// own buffer, which they then share: a large document is held once.
pub fn parse(text: String) -> (Meta, Vec<Block>) {
    let (meta, drafts) = read_structure(&text);
    (meta, lay_down(drafts, text))
}

/// Everything but the blocks' text: metadata, and each block's kind and
/// where its words are in the source (in parts, one after the other).
fn read_structure(text: &str) -> (Meta, Vec<Drafts>) {
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let mut rules = Rules::for_text(&lines);
    let mut meta = Meta::default();

    // A Project Gutenberg book: its frame says where the text is, so no
    // byline area, paywall or site footer is looked for.
    if let Some(book) = book::frame(text, &lines, &mut meta) {
        rules.book = true;
        let drafts = draft_body(text, &lines[book], &rules);
        return (meta, drafts);
    }

    let mut end = lines.len();
    if let Some(cut) = rules.paywall_line(&lines) {
        meta.truncated = true;
        end = cut;
    }
    end = rules.strip_footer(&lines[..end]);

    let (body_start, header_caption) = read_header(&lines[..end], &rules, &mut meta);
    if let Some(author) = meta.author.as_deref().and_then(header::unshouted_names) {
        meta.author = Some(author);
    }
    if let Some(footer) = position_in_halves(&lines[body_start..end], |l| {
        // As long as any clutter: a print edition's note names the headline.
        !l.is_empty() && l.len() <= MAX_CLUTTER_LINE && Rules::matches(&rules.end, l)
    }) {
        // Stripping stops at the body's start: the byline area may end in
        // lines a footer also has ("Follow").
        end = rules
            .strip_footer(&lines[..body_start + footer])
            .max(body_start);
    }
    end = strip_author_notes(&lines[..end], meta.author.as_deref()).max(body_start);
    rules.footnote_marks = footnotes_numbered(&lines[body_start..end]);
    let drafts = match header_caption {
        // The photo's caption that stood above the byline opens the body.
        Some(caption) => {
            let mut body = vec![lines[caption], ""];
            body.extend_from_slice(&lines[body_start..end]);
            draft_body(text, &body, &rules)
        }
        None => draft_body(text, &lines[body_start..end], &rules),
    };
    let mut drafts = drafts;
    if !meta.truncated {
        drop_topic_tags(text, &mut drafts);
    }
    // A heading with nothing under it is a line of its own ("Source: news
    // agencies" over a footer that was cut), unless a paywall cut its text.
    if !meta.truncated
        && let Some(last) = drafts.iter_mut().rev().find_map(|d| d.drafts.last_mut())
        && matches!(last.kind, BlockKind::Heading { .. })
    {
        last.kind = BlockKind::Paragraph;
    }
    (meta, drafts)
}

/// Fewest short headings in a row at a story's end that are its topic tags.
const MIN_TOPIC_TAGS: usize = 3;

/// "Japan", "Ukraine", "Foreign Policy" under a Medium story: its topic
/// tags, links on lines of their own, read as headings with nothing under
/// them. Three or more short ones in a row end the story: they go.
fn drop_topic_tags(source: &str, parts: &mut [Drafts]) {
    let Some(part) = parts.iter_mut().rev().find(|p| !p.drafts.is_empty()) else {
        return;
    };
    let is_tag = |draft: &Draft| match (&draft.kind, &draft.text) {
        (BlockKind::Heading { .. }, DraftText::Words { pieces, .. }) if pieces.len() == 1 => {
            source[part.pieces[pieces.start].clone()]
                .split_whitespace()
                .count()
                <= 3
        }
        _ => false,
    };
    let tags = part.drafts.iter().rev().take_while(|d| is_tag(d)).count();
    if tags >= MIN_TOPIC_TAGS && tags < part.drafts.len() {
        for _ in 0..tags {
            part.pop_last();
        }
    }
}

/// Drops the notes on the story's authors that end it, each closed by its
/// link "More about Ann Lee" (as news sites print them); returns the new
/// end. Only for a name the byline gives: "More about the fund" is prose.
fn strip_author_notes(lines: &[&str], author: Option<&str>) -> usize {
    let Some(author) = author else {
        return lines.len();
    };
    let names: Vec<&str> = author
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    let mut end = lines.len();
    while let Some(last) = lines[..end].iter().rposition(|l| !l.is_empty()) {
        // A note is a sentence or two: a long line is the story's own
        // paragraph with the note run into it, and stays.
        if lines[last].len() > MAX_CLUTTER_LINE {
            break;
        }
        let Some((_, named)) = lines[last].rsplit_once("More about ") else {
            break;
        };
        if !names.contains(&named.trim_end_matches('.')) {
            break;
        }
        end = last;
    }
    end
}

/// Bodies of more lines than this (about 7 MB of prose) are drafted in two
/// halves on two threads: half the time of the largest step of parsing.
/// Texts of as many lines are also searched for signatures, the paywall and
/// the end in halves: on 100 MB those searches took 0.036 s on one core
/// while the other waited.
const PARALLEL_BODY_LINES: usize = 50_000;

/// The first of `lines` that `is_match`, the second half searched on another
/// thread for a long text; that search gives up once the first half has a
/// match, which it then does not need.
fn position_in_halves(lines: &[&str], is_match: impl Fn(&str) -> bool + Sync) -> Option<usize> {
    let first = |lines: &[&str]| lines.iter().position(|l| is_match(l));
    if lines.len() < PARALLEL_BODY_LINES {
        return first(lines);
    }
    let middle = lines.len() / 2;
    let found_before = AtomicBool::new(false);
    let (head, tail) = both(
        || {
            let head = first(&lines[..middle]);
            found_before.store(head.is_some(), Ordering::Relaxed);
            head
        },
        || {
            let mut searched = middle;
            for part in lines[middle..].chunks(SURVEY_PART) {
                if found_before.load(Ordering::Relaxed) {
                    return None;
                }
                if let Some(at) = first(part) {
                    return Some(searched + at);
                }
                searched += part.len();
            }
            None
        },
    );
    head.or(tail)
}

/// How many lines a half searched on another thread goes through before
/// it looks again whether the first half has made it unneeded.
const SURVEY_PART: usize = 4096;

/// The drafts of the body's paragraphs, in one part or, for a long body,
/// two that follow each other.
fn draft_body(source: &str, body: &[&str], rules: &Rules) -> Vec<Drafts> {
    draft_body_split_from(source, body, rules, PARALLEL_BODY_LINES)
}

/// [`draft_body`], splitting bodies of `parallel_from` lines or more.
fn draft_body_split_from(
    source: &str,
    body: &[&str],
    rules: &Rules,
    parallel_from: usize,
) -> Vec<Drafts> {
    let draft = |lines: &[&str], after_others: bool| {
        let mut drafts = Drafts {
            after_others,
            book: rules.book,
            footnote_marks: rules.footnote_marks,
            ..Drafts::default()
        };
        group_paragraphs(source, lines, rules, |paragraph| {
            drafts.push(paragraph, source)
        });
        drafts.finish()
    };
    // A blank line ends every paragraph, so the lines either side of one
    // group into the same paragraphs apart as together.
    let cut = if body.len() >= parallel_from {
        let middle = body.len() / 2;
        body[middle..]
            .iter()
            .position(|line| line.is_empty())
            .map(|at| middle + at)
    } else {
        None
    };
    let Some(cut) = cut else {
        return vec![draft(body, false)];
    };
    let (head, tail) = both(|| draft(&body[..cut], false), || draft(&body[cut..], true));
    if head.drafts.is_empty() {
        // Nothing but clutter before the cut: the tail's first paragraph is
        // the article's first, which may be a caption of another kind.
        return vec![draft(&body[cut..], false)];
    }
    vec![head, tail]
}

/// The union of the rules of every platform, except footers, which only apply
/// for platforms whose signature is in the text (their single words are common).
pub(super) struct Rules {
    header: Clutter,
    /// The signatures of the platforms found in the text: one in the
    /// byline area ("From Wikipedia, the free encyclopedia") ends it, as a
    /// date would.
    signature: Clutter,
    paid: Clutter,
    anywhere: Clutter,
    paywall: Clutter,
    footer: Clutter,
    end: Clutter,
    aside_start: Clutter,
    aside_end: Clutter,
    links: Clutter,
    /// A Project Gutenberg book: its indented lines (verse, a table of
    /// contents, a letter's address) keep their breaks.
    book: bool,
    /// See [`Drafts::footnote_marks`].
    footnote_marks: u32,
}

/// One kind of clutter line, and which lines are worth trying against it.
struct Clutter {
    patterns: Vec<&'static Pattern>,
    filter: LineFilter,
}

impl Clutter {
    fn new(patterns: Vec<&'static Pattern>) -> Clutter {
        Clutter {
            filter: LineFilter::new(patterns.iter().copied()),
            patterns,
        }
    }
}

impl Rules {
    fn for_text(lines: &[&str]) -> Rules {
        let all = platforms();
        // One pass over the short lines decides which platforms' signatures are present.
        let unsigned: Vec<bool> = all.iter().map(|p| p.signature.is_empty()).collect();
        let signatures = LineFilter::new(all.iter().flat_map(|p| p.signature));
        let detect = |lines: &[&str], detected: &mut Vec<bool>| {
            for line in lines
                .iter()
                .filter(|l| !l.is_empty() && l.len() <= MAX_CLUTTER_LINE && signatures.may_match(l))
            {
                let lower = line.to_lowercase();
                for (found, platform) in detected.iter_mut().zip(all) {
                    *found = *found || platform.signature.iter().any(|p| p.matches_lower(&lower));
                }
                if detected.iter().all(|d| *d) {
                    return;
                }
            }
        };
        let mut detected = unsigned.clone();
        if lines.len() < PARALLEL_BODY_LINES {
            detect(lines, &mut detected);
        } else {
            // A platform is present when either half has its signature.
            let middle = lines.len() / 2;
            let ((), tail) = both(
                || detect(&lines[..middle], &mut detected),
                || {
                    let mut detected = unsigned.clone();
                    detect(&lines[middle..], &mut detected);
                    detected
                },
            );
            for (found, in_tail) in detected.iter_mut().zip(tail) {
                *found |= in_tail;
            }
        }
        let collect = |pick: fn(&'static Platform) -> &'static [Pattern], only_detected: bool| {
            Clutter::new(
                all.iter()
                    .zip(&detected)
                    .filter(|(_, found)| !only_detected || **found)
                    .flat_map(|(p, _)| pick(p))
                    .collect(),
            )
        };
        Rules {
            header: collect(|p| p.header, false),
            signature: collect(|p| p.signature, true),
            paid: collect(|p| p.paid, false),
            anywhere: collect(|p| p.anywhere, false),
            paywall: collect(|p| p.paywall, false),
            footer: collect(|p| p.footer, true),
            end: collect(|p| p.end, true),
            aside_start: collect(|p| p.aside_start, false),
            aside_end: collect(|p| p.aside_end, false),
            links: collect(|p| p.links, false),
            book: false,
            footnote_marks: 0,
        }
    }

    fn matches(clutter: &Clutter, line: &str) -> bool {
        if line.len() > MAX_CLUTTER_LINE || clutter.patterns.is_empty() {
            return false;
        }
        let line = line.trim();
        if !clutter.filter.may_match(line) {
            return false;
        }
        let lower = line.to_lowercase();
        clutter.patterns.iter().any(|p| p.matches_lower(&lower))
    }

    /// The first line that cuts the text off: one that reads as a paywall's
    /// and is not followed by more of the article.
    fn paywall_line(&self, lines: &[&str]) -> Option<usize> {
        let mut from = 0;
        while let Some(at) = position_in_halves(&lines[from..], |l| {
            !l.is_empty() && l.len() < 300 && Self::matches(&self.paywall, l)
        }) {
            let at = from + at;
            if !self.prose_follows(&lines[at + 1..]) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// Whether paragraphs follow a paywall-like line before the site's
    /// footer: "Read more" that opens the rest of a news story is no
    /// cut-off, while after a real one only the platform's prompt (about 20
    /// words of long lines) and its footer stand.
    fn prose_follows(&self, lines: &[&str]) -> bool {
        const PROSE_WORDS: usize = 60;
        // A short story after an agency's "Read More" is three sentences
        // or four; a paywall's pitch is one or two.
        const PROSE_SENTENCES: usize = 3;
        let mut words = 0;
        let mut sentences = 0;
        for line in lines {
            if !line.is_empty() && line.len() <= MAX_CLUTTER_LINE && Self::matches(&self.end, line)
            {
                break;
            }
            if line.len() >= 60 {
                words += line.split_whitespace().count();
                sentences += usize::from(header::reads_as_sentence(line));
                if words >= PROSE_WORDS || sentences >= PROSE_SENTENCES {
                    return true;
                }
            }
        }
        false
    }

    /// Where the box the site set inside the story at `lines[at]` ends (its
    /// last line's index), if a box starts there: a newsletter sign-up
    /// closed by "after newsletter promotion". Both ends must be there, so a
    /// paragraph that only reads like a box's start stays; of two starts
    /// before one end, the box is the nearer's ("Sign up to volunteer …"
    /// before "Sign up to Asia Briefing").
    fn aside_at(&self, lines: &[&str], at: usize) -> Option<usize> {
        const MAX_ASIDE_LINES: usize = 16;
        if !Self::matches(&self.aside_start, lines[at]) {
            return None;
        }
        for (i, line) in lines
            .iter()
            .enumerate()
            .take(at + 1 + MAX_ASIDE_LINES)
            .skip(at + 1)
        {
            if line.is_empty() {
                continue;
            }
            if Self::matches(&self.aside_end, line) {
                return Some(i);
            }
            if Self::matches(&self.aside_start, line) {
                return None;
            }
        }
        None
    }

    /// Where the list of other stories the site set inside the story at
    /// `lines[at]` ends (its last line's index): "Most Read from …" and the
    /// headlines right under it, up to a blank line or a line that reads as
    /// prose. A heading with no headline under it stays.
    fn links_at(&self, lines: &[&str], at: usize) -> Option<usize> {
        const MAX_HEADLINES: usize = 8;
        if !Self::matches(&self.links, lines[at]) {
            return None;
        }
        let headlines = lines[at + 1..]
            .iter()
            .take(MAX_HEADLINES)
            .take_while(|l| {
                !l.is_empty()
                    && l.len() <= 150
                    && l.split_whitespace().count() <= 15
                    && !l.ends_with(['.', ':', ';', ','])
            })
            .count();
        (headlines > 0).then_some(at + headlines)
    }

    /// Drops footer lines (and blank lines) from the end; returns the new end.
    /// A count alone ("312") there is the claps or comments a platform
    /// shows again under the post; a year alone may sign it off.
    fn strip_footer(&self, lines: &[&str]) -> usize {
        let count = |line: &str| {
            header::count_value(line)
                .is_some_and(|n| !(line.len() == 4 && (1800..2100).contains(&n)))
        };
        let mut end = lines.len();
        while end > 0 {
            let line = lines[end - 1];
            if line.is_empty()
                || count(line)
                || (line.len() < 200 && Self::matches(&self.footer, line))
            {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }
}

/// One paragraph as lines, before it is given a kind.
struct Paragraph<'s> {
    /// Its words joined by single spaces, to classify it by: the line
    /// itself for most paragraphs (a copy of each was a fifth of drafting).
    text: Cow<'s, str>,
    /// Where those words are in the source, one byte range per line: the
    /// first line's, then the others'.
    first_piece: Range<usize>,
    more_pieces: Vec<Range<usize>>,
    /// Was a single line in the source (headings are).
    single_line: bool,
    list_marker: Option<ListMarker>,
    quoted: bool,
    /// The heading level a line of `=` (2) or `-` (3) under it gives.
    underlined: Option<u8>,
    /// Its lines stay lines: `text` joins them with line breaks.
    lines_kept: bool,
}

#[derive(Clone, Copy)]
struct ListMarker {
    number: Option<u32>,
    depth: u8,
}

/// Groups the body's lines into paragraphs and hands each non-empty one to
/// `emit`, in order (so only one paragraph's joined text exists at a time).
fn group_paragraphs(source: &str, lines: &[&str], rules: &Rules, mut emit: impl FnMut(Paragraph)) {
    let mut group: Vec<&str> = Vec::new();
    let mut emit_non_empty = |p: Paragraph| {
        if !p.text.is_empty() {
            emit(p);
        }
    };
    let mut flush = |group: &mut Vec<&str>| {
        if group.is_empty() {
            return;
        }
        let hard_wrapped =
            group.len() > 1 && group.iter().all(|l| l.chars().count() <= MAX_WRAPPED_LINE);
        // "Jeff King (5):" over indented lines, one entry each (release
        // notes, changelogs): a list under its lead-in, not one paragraph.
        let listed = group.len() >= 3
            && group[0].ends_with(':')
            && indent_of(source, group[0]) < 2
            && group[1..].iter().all(|l| {
                indent_of(source, l) >= 2 && list_marker(l).is_none() && !l.starts_with('>')
            });
        // Lines indented deeper than the least are nested a level.
        let least = if listed {
            group[1..]
                .iter()
                .map(|l| indent_of(source, l))
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        if rules.book && is_verse(source, group) {
            let text = group
                .iter()
                .map(|l| words(l))
                .collect::<Vec<_>>()
                .join("\n");
            emit_non_empty(Paragraph {
                text: Cow::Owned(text),
                first_piece: range_in(source, group[0]),
                more_pieces: group[1..].iter().map(|l| range_in(source, l)).collect(),
                single_line: false,
                list_marker: None,
                quoted: false,
                underlined: None,
                lines_kept: true,
            });
            group.clear();
            return;
        }
        // A social post set in the story: its lines are a quote, its
        // counts go.
        let post_end = embedded_post_end(group);
        let mut current: Option<Paragraph> = None;
        for (i, line) in group.drain(..).enumerate() {
            let in_post = post_end.is_some_and(|end| i <= end);
            if post_end.is_some_and(|end| i > end) && is_post_counts(line) {
                continue;
            }
            // "Release Notes" over "=============": a heading, as in Markdown.
            if let Some(level) = underline_level(line)
                && let Some(p) = current.as_mut().filter(|p| {
                    p.single_line && p.underlined.is_none() && p.list_marker.is_none() && !p.quoted
                })
                && looks_like_heading(&p.text)
            {
                p.underlined = Some(level);
                continue;
            }
            // "___", "* * *": a separator between the story and its credits
            // or between sections; the paragraphs already say as much.
            if is_separator(line) {
                current.take().map(&mut emit_non_empty);
                continue;
            }
            let own_marker = list_marker(line);
            let marker = match own_marker {
                None if listed && i > 0 => Some(ListMarker {
                    number: None,
                    depth: u8::from(indent_of(source, line) > least),
                }),
                marker => marker,
            };
            let (quoted, content) = match line.strip_prefix('>') {
                Some(rest) => (true, rest.trim_start()),
                None => (in_post, line),
            };
            // A post's author, text and time stay apart.
            let join = hard_wrapped
                && !in_post
                && marker.is_none()
                && current
                    .as_ref()
                    .is_some_and(|p| p.quoted == quoted && p.underlined.is_none());
            if join {
                let p = current.as_mut().expect("checked above");
                push_words(p.text.to_mut(), content);
                p.more_pieces.push(range_in(source, content));
                p.single_line = false;
            } else {
                current.take().map(&mut emit_non_empty);
                // A marker the line has is cut off it; one the lead-in
                // gave (above) has nothing to cut.
                let content = match own_marker {
                    Some(_) => strip_list_marker(content),
                    None => content,
                };
                current = Some(Paragraph {
                    text: words(content),
                    first_piece: range_in(source, content),
                    more_pieces: Vec::new(),
                    single_line: true,
                    list_marker: marker,
                    quoted,
                    underlined: None,
                    lines_kept: false,
                });
            }
        }
        current.map(&mut emit_non_empty);
    };
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        if line.is_empty() {
            flush(&mut group);
        } else if let Some(end) = rules
            .aside_at(lines, at)
            .or_else(|| rules.links_at(lines, at))
        {
            // The box stands apart from the paragraphs around it.
            flush(&mut group);
            at = end;
        } else if !Rules::matches(&rules.anywhere, line) && !is_player_clock(line) {
            group.push(line);
        }
        at += 1;
    }
    flush(&mut group);
}

/// Where a social post embedded in a pasted story ends: its author's line
/// ("Name @handle", or the handle under the name), its text, and the line
/// with its time and date ("8:41 AM · Sep 4, 2025", Bluesky's "September 4,
/// 2025 at 8:41 AM"), which this returns the index of.
fn embedded_post_end(group: &[&str]) -> Option<usize> {
    let handle_at = group
        .iter()
        .take(2)
        .position(|line| ends_with_handle(line))?;
    let stamp = group
        .iter()
        .enumerate()
        .skip(handle_at + 2)
        .take(12)
        .find(|(_, line)| is_post_stamp(line))?;
    Some(stamp.0)
}

/// "Defence Ministry @MOD_Japan", "@annlee.bsky.social", Mastodon's
/// "@ann@harbour.social": a line that ends in a handle.
fn ends_with_handle(line: &str) -> bool {
    // Asked of every paragraph's first lines: a long one is prose.
    if line.len() > 100 {
        return false;
    }
    let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(handle) = last.strip_prefix('@') else {
        return false;
    };
    !handle.is_empty()
        && handle.len() <= 60
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '@' | '-'))
}

/// A post's time and date, alone on a line.
fn is_post_stamp(line: &str) -> bool {
    let has_time = line
        .split(|c: char| c.is_whitespace() || c == '·')
        .any(is_clock_time);
    line.len() <= 60 && has_time && dateline::find_date(line).is_some()
}

/// "1,204 Likes 318 Retweets 57 Replies", "12 reposts · 40 likes": the
/// counts under an embedded post.
fn is_post_counts(line: &str) -> bool {
    only_counts_and(
        line,
        &[
            "like",
            "likes",
            "retweets",
            "reposts",
            "repost",
            "replies",
            "reply",
            "views",
            "quotes",
            "bookmarks",
        ],
    )
}

/// How many spaces or tabs stand before `line`, a trimmed slice of
/// `source`, on its line.
fn indent_of(source: &str, line: &str) -> usize {
    let start = range_in(source, line).start;
    source.as_bytes()[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}

/// A line of three or more rule characters and nothing else: "___", "***",
/// "* * *", "-----".
fn is_separator(line: &str) -> bool {
    // Checked for every line of the body: most fail on their first byte.
    if line.len() > 80 || !line.starts_with(['-', '_', '*', '=', '~', '•', '·']) {
        return false;
    }
    let marks = line.chars().filter(|c| !c.is_whitespace()).count();
    marks >= 3
        && line
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '_' | '*' | '=' | '~' | '•' | '·'))
}

/// 2 for a line of three or more `=`, 3 for one of `-`: a setext underline.
pub(super) fn underline_level(line: &str) -> Option<u8> {
    let &c = line.as_bytes().first()?;
    let level = match c {
        b'=' => 2,
        b'-' => 3,
        _ => return None,
    };
    (line.len() >= 3 && line.bytes().all(|b| b == c)).then_some(level)
}

/// The byte range of `part`, a slice of `source`, within it.
fn range_in(source: &str, part: &str) -> Range<usize> {
    let start = part.as_ptr() as usize - source.as_ptr() as usize;
    debug_assert!(start + part.len() <= source.len());
    start..start + part.len()
}

/// `line`'s words with single spaces between them.
fn words(line: &str) -> Cow<'_, str> {
    let trimmed = line.trim_matches(' ');
    if trimmed.contains("  ") {
        let mut text = String::new();
        push_words(&mut text, trimmed);
        Cow::Owned(text)
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// Appends `line` to `text` with single spaces between words.
fn push_words(text: &mut String, line: &str) {
    let line = line.trim_matches(' ');
    if line.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    // Most lines have single spaces only: copied whole, not word by word
    // (a search per word was a sixth of parsing).
    if !line.contains("  ") {
        text.push_str(line);
        return;
    }
    for (i, word) in line.split(' ').filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(word);
    }
}

fn list_marker(line: &str) -> Option<ListMarker> {
    let indent = line.len() - line.trim_start().len();
    let depth = (indent / 2).min(8) as u8;
    let line = line.trim_start();
    if ["- ", "* ", "• ", "– ", "· "]
        .iter()
        .any(|m| line.starts_with(m))
    {
        return Some(ListMarker {
            number: None,
            depth,
        });
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
        && line.as_bytes().get(digits + 1) == Some(&b' ')
    {
        return Some(ListMarker {
            number: line[..digits].parse().ok(),
            depth,
        });
    }
    None
}

fn strip_list_marker(line: &str) -> &str {
    let line = line.trim_start();
    match line.find(' ') {
        Some(at) => line[at..].trim_start(),
        None => line,
    }
}

/// The blocks of an article, or of a part of it, before their text is
/// laid down.
#[derive(Default)]
struct Drafts {
    /// Whether other paragraphs come before these.
    after_others: bool,
    /// Of a book, whose underscores mark italics ("_The Times_").
    book: bool,
    drafts: Vec<Draft>,
    /// The source ranges of every draft's words, in order.
    pieces: Vec<Range<usize>>,
    /// Each draft's text joined the plain way, which laying it down in
    /// place must reproduce (checked in debug builds, so by every test).
    #[cfg(debug_assertions)]
    expected: Vec<String>,
    /// A photo's credit on a line of its own ("Getty Images"), waiting for
    /// the caption under it: its text and where it stands.
    credit_above: Option<(String, Range<usize>)>,
    /// A footnote's number alone on a line ("1"), waiting for the note
    /// under it: the number, its text and where it stands.
    footnote_above: Option<(u32, String, Range<usize>)>,
    /// The last footnote's number: the next must be one more.
    footnotes: u32,
    /// How many footnotes the text numbers on lines of their own: marks up
    /// to this number glued to its sentences are theirs.
    footnote_marks: u32,
    /// The last draft is a chapter's heading with no title ("CHAPTER I."),
    /// which the line under it may give: the heading's text.
    untitled_chapter: Option<String>,
}

struct Draft {
    kind: BlockKind,
    text: DraftText,
}

enum DraftText {
    /// The words of `pieces[range]`, joined by single spaces, cut to `len` bytes.
    Words { pieces: Range<usize>, len: usize },
    /// Those words laid down at `range` of the shared buffer.
    Laid {
        range: Range<usize>,
        ascii: bool,
        /// Whether `range` starts and ends on character boundaries.
        on_boundaries: bool,
    },
    /// Text that is not a prefix of the joined words (a caption split off
    /// its credit in some other way than at its end).
    Own(String),
}

impl Drafts {
    /// Gives a paragraph of `source` its kind and records where its text is.
    fn push(&mut self, p: Paragraph<'_>, source: &str) {
        let untitled_chapter = std::mem::take(&mut self.untitled_chapter);
        if p.lines_kept {
            self.push_own(BlockKind::Paragraph, p.text.into_owned());
            return;
        }
        // "Getty Images" over "The prime minister lays a wreath": a news
        // site puts the credit above its caption, on the very next line.
        let plain_line =
            p.single_line && p.list_marker.is_none() && !p.quoted && p.underlined.is_none();
        // "Image source, Getty Images" over "Image caption, The minister …":
        // the labels a broadcaster's page gives screen readers, copied with
        // the photo's credit and caption. Read only on a line as the source
        // has it, so that the label's bytes can be cut off its place.
        let as_written = plain_line && p.text.len() == p.first_piece.len();
        let label = |labels: &[&str]| as_written.then(|| leading_label(&p.text, labels))?;
        let source_label = label(&["Image source, "]);
        let caption_label = label(&["Image caption, ", "Media caption, "]);
        if let Some((credit, piece)) = self.credit_above.take() {
            let short = p.text.len() <= 400 && p.text.split_whitespace().count() <= 40;
            let next_line = source
                .get(piece.end..p.first_piece.start)
                .is_some_and(|gap| gap.matches('\n').count() == 1);
            if plain_line
                && short
                && next_line
                && !is_bare_credit(&p.text)
                && source_label.is_none()
            {
                let kind = BlockKind::caption(Some(credit), None);
                let cut = caption_label.unwrap_or(0);
                let piece = p.first_piece.start + cut..p.first_piece.end;
                self.push_words(
                    kind,
                    p.text.len() - cut,
                    piece,
                    p.more_pieces,
                    &p.text[cut..],
                );
                return;
            }
            self.push_credit_as_paragraph(credit, piece);
        }
        let footnote = plain_line
            .then(|| footnote_number(&p.text))
            .flatten()
            .filter(|&n| n == self.footnotes + 1);
        if let Some((number, text, piece)) = self.footnote_above.take() {
            // "1" over "Japan first eased its export rules in 2014": the
            // notes a newsletter lists under its post, each a note that
            // starts "[1] ", as a Markdown footnote does.
            if plain_line && footnote.is_none() && footnote_number(&p.text).is_none() {
                self.footnotes = number;
                let note = format!("[{number}] {}", p.text);
                #[cfg(debug_assertions)]
                self.expected.push(note.clone());
                self.drafts.push(Draft {
                    kind: BlockKind::Note,
                    text: DraftText::Own(note),
                });
                return;
            }
            self.push_words(BlockKind::Paragraph, text.len(), piece, Vec::new(), &text);
        }
        if let Some(number) = footnote {
            self.footnote_above = Some((number, p.text.into_owned(), p.first_piece));
            return;
        }
        if let Some(cut) = source_label {
            let piece = p.first_piece.start + cut..p.first_piece.end;
            self.credit_above = Some((p.text[cut..].to_owned(), piece));
            return;
        }
        if let Some(cut) = caption_label {
            // A caption whose photo is credited nowhere, or a video's.
            let piece = p.first_piece.start + cut..p.first_piece.end;
            let kind = BlockKind::caption(None, None);
            self.push_words(kind, p.text.len() - cut, piece, Vec::new(), &p.text[cut..]);
            return;
        }
        if plain_line && is_bare_credit(&p.text) {
            self.credit_above = Some((p.text.into_owned(), p.first_piece));
            return;
        }
        if let Some(chapter) = untitled_chapter
            && plain_line
            && is_chapter_title(&p.text)
        {
            self.pop_last();
            self.push_chapter(&chapter, &p.text);
            return;
        }
        // "CHAPTER I." over "Down the Rabbit-Hole", no blank line between.
        if let [title_piece] = p.more_pieces.as_slice()
            && !p.quoted
            && p.list_marker.is_none()
            && p.underlined.is_none()
        {
            let (number, title) = (&source[p.first_piece.clone()], &source[title_piece.clone()]);
            if chapter_heading(number) == Some(Chapter::Untitled) && is_chapter_title(title) {
                self.push_chapter(number, &words(title));
                return;
            }
        }
        // A book's "[Illustration: The pilot's house]" is a picture's
        // caption, "[Illustration]" a picture with none, and
        // "[Footnote 1: …]" a note.
        if let Some((label, inner)) = bracketed_label(&p.text, &BRACKETED_LABELS) {
            match (label, inner) {
                ("Illustration", "") => {}
                ("Illustration", caption) => {
                    self.push_own(BlockKind::caption(None, None), caption.to_owned());
                }
                (_, note) if label.starts_with("Transcriber") => {
                    self.push_own(BlockKind::Note, format!("{label}: {note}"));
                }
                (_, note) => {
                    let note = match note.split_once(':') {
                        Some((mark, text)) if mark.len() <= 8 => {
                            format!("[{mark}] {}", text.trim())
                        }
                        _ => note.to_owned(),
                    };
                    self.push_own(BlockKind::Note, note);
                }
            }
            return;
        }
        // "weapons.1": a footnote's mark glued to the text, as the page's
        // superscript was copied. Told apart without it (a sentence ending
        // "in December 2023.2" is no heading), shown as "weapons.[1]".
        let marked = (self.footnote_marks > 0)
            .then(|| glued_footnote_marks(&p.text, self.footnote_marks))
            .flatten();
        let text: &str = marked.as_ref().map_or(&p.text, |(plain, _)| plain);
        let first = self.drafts.is_empty() && !self.after_others;
        let chapter = p.single_line.then(|| chapter_heading(text)).flatten();
        if chapter == Some(Chapter::Untitled) {
            self.untitled_chapter = Some(text.to_string());
        }
        let (kind, len) = if let Some(marker) = p.list_marker {
            (
                BlockKind::ListItem {
                    number: marker.number,
                    depth: marker.depth,
                },
                text.len(),
            )
        } else if let Some(level) = p.underlined {
            (BlockKind::Heading { level }, text.len())
        } else if p.quoted {
            (BlockKind::Quote, text.len())
        } else if is_note(text) {
            (BlockKind::Note, text.len())
        } else if let Some(caption) = split_caption(text, first) {
            let kind = BlockKind::caption(caption.credit, caption.license);
            if !text.starts_with(&caption.text) {
                #[cfg(debug_assertions)]
                self.expected.push(caption.text.clone());
                self.drafts.push(Draft {
                    kind,
                    text: DraftText::Own(caption.text),
                });
                return;
            }
            // The caption is what comes before its credit.
            (kind, caption.text.len())
        } else if plain_line && is_photo_credit(text) {
            // "Photo by Lee Park on Unsplash" alone: the credit of a photo
            // copied without its caption, not a heading.
            (BlockKind::caption(None, None), text.len())
        } else if chapter.is_some() || p.single_line && looks_like_heading(text) {
            (BlockKind::Heading { level: 2 }, text.len())
        } else {
            (BlockKind::Paragraph, text.len())
        };
        match marked {
            Some((plain, marked)) => {
                let own = if len == plain.len() {
                    marked
                } else {
                    plain[..len].to_owned()
                };
                self.push_own(kind, own);
            }
            None => self.push_words(kind, len, p.first_piece, p.more_pieces, &p.text),
        }
    }

    /// Records a draft of the first `len` bytes of the words at `first`
    /// and `more` (which read `text` joined).
    fn push_words(
        &mut self,
        kind: BlockKind,
        len: usize,
        first: Range<usize>,
        more: Vec<Range<usize>>,
        text: &str,
    ) {
        #[cfg(debug_assertions)]
        self.expected.push(text[..len].to_owned());
        #[cfg(not(debug_assertions))]
        let _ = text;
        let from = self.pieces.len();
        self.pieces.push(first);
        self.pieces.extend(more);
        self.drafts.push(Draft {
            kind,
            text: DraftText::Words {
                pieces: from..self.pieces.len(),
                len,
            },
        });
    }

    /// Records a draft whose text is not the source's words as they stand.
    fn push_own(&mut self, kind: BlockKind, text: String) {
        #[cfg(debug_assertions)]
        self.expected.push(text.clone());
        self.drafts.push(Draft {
            kind,
            text: DraftText::Own(text),
        });
    }

    /// "CHAPTER I." and "THE PILOT'S HOUSE.", "Chapter 1" and "The
    /// Keeper's Daughter": one heading, "Chapter 1: The Keeper's Daughter".
    fn push_chapter(&mut self, number: &str, title: &str) {
        let joint = if number.ends_with(['.', ':']) {
            " "
        } else {
            ": "
        };
        self.push_own(
            BlockKind::Heading { level: 2 },
            format!("{number}{joint}{title}"),
        );
    }

    /// Forgets the last draft, which was drafted from its words.
    fn pop_last(&mut self) {
        if let Some(Draft {
            text: DraftText::Words { pieces, .. },
            ..
        }) = self.drafts.pop()
        {
            self.pieces.truncate(pieces.start);
        }
        #[cfg(debug_assertions)]
        self.expected.pop();
    }

    /// Ends the drafts: a credit with no caption under it is a paragraph.
    fn finish(mut self) -> Drafts {
        if let Some((credit, piece)) = self.credit_above.take() {
            self.push_credit_as_paragraph(credit, piece);
        }
        if let Some((_, text, piece)) = self.footnote_above.take() {
            self.push_words(BlockKind::Paragraph, text.len(), piece, Vec::new(), &text);
        }
        self
    }

    fn push_credit_as_paragraph(&mut self, credit: String, piece: Range<usize>) {
        let len = credit.len();
        self.push_words(BlockKind::Paragraph, len, piece, Vec::new(), &credit);
    }
}

/// "0:00" or "-27:14" alone on a line: an audio player's elapsed and
/// remaining time, copied with a podcast's post. A time of day is never
/// negative, and nothing has played when a page is copied.
fn is_player_clock(line: &str) -> bool {
    let line = line.trim();
    if line == "0:00" {
        return true;
    }
    let Some(rest) = line.strip_prefix(['-', '\u{2212}']) else {
        return false;
    };
    let mut parts = rest.split(':');
    let head = parts.next().unwrap_or("");
    let tail: Vec<&str> = parts.collect();
    (1..=2).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_digit())
        && (1..=2).contains(&tail.len())
        && tail
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A photo's credit on a line of its own: "Photo by Lee Park on Unsplash",
/// "Photograph: Ann Lee/Agency".
fn is_photo_credit(text: &str) -> bool {
    text.len() <= 100
        && text.split_whitespace().count() <= 10
        && !text.ends_with(['.', '!', '?', ':'])
        && leading_label(text, &PICTURE_CREDIT_LEADS).is_some()
}

/// How a picture's credit opens when it stands alone.
pub(super) const PICTURE_CREDIT_LEADS: [&str; 12] = [
    "photo by ",
    "photograph by ",
    "photographs by ",
    "photography by ",
    "image by ",
    "illustration by ",
    "photo illustration by ",
    "photo-illustration by ",
    "photo: ",
    "photograph: ",
    "image: ",
    "illustration: ",
];

/// How many footnotes a body numbers "1", "2", … on lines of their own, in
/// order (the notes a newsletter lists under its post, as copied).
fn footnotes_numbered(lines: &[&str]) -> u32 {
    let mut last = 0;
    for line in lines {
        if line.len() <= 2 && footnote_number(line) == Some(last + 1) {
            last += 1;
        }
    }
    last
}

/// `text` without the footnote marks glued to its sentences ("weapons.1
/// Since then", "in December 2023.2" at its end), and with them as "[1]";
/// none when it has no such mark. A mark follows a sentence's closing
/// punctuation, is at most `max`, and ends the text or comes before a
/// capital: "grew 2.5 percent" and "1,200 ships" are numbers.
fn glued_footnote_marks(text: &str, max: u32) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    let mut marks = Vec::new();
    for (at, &b) in bytes.iter().enumerate() {
        // ” and ’ end in 0x9D and 0x99.
        let closes = matches!(b, b'.' | b'!' | b'?' | b'"' | b')' | b';' | b',')
            || matches!(b, 0x9D | 0x99)
                && text.is_char_boundary(at + 1)
                && text[..=at].ends_with(['\u{201d}', '\u{2019}']);
        if !closes {
            continue;
        }
        let digits = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let end = at + 1 + digits;
        let number: u32 = match text[at + 1..end].parse() {
            Ok(n) if (1..=2).contains(&digits) && (1..=max).contains(&n) => n,
            _ => continue,
        };
        let then = &text[end..];
        let ends_sentence = then.is_empty()
            || then.strip_prefix(' ').is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_uppercase() || c == '\u{201c}' || c == '"')
            });
        // "1,200": a digit before a comma makes a number of it.
        let in_number = b == b',' && at > 0 && bytes[at - 1].is_ascii_digit();
        if ends_sentence && !in_number {
            marks.push((at + 1..end, number));
        }
    }
    if marks.is_empty() {
        return None;
    }
    let (mut plain, mut marked) = (
        String::with_capacity(text.len()),
        String::with_capacity(text.len() + 2 * marks.len()),
    );
    let mut from = 0;
    for (range, number) in marks {
        plain.push_str(&text[from..range.start]);
        marked.push_str(&text[from..range.start]);
        marked.push_str(&format!("[{number}]"));
        from = range.end;
    }
    plain.push_str(&text[from..]);
    marked.push_str(&text[from..]);
    Some((plain, marked))
}

/// "1" to "99" alone: a footnote's number over its note.
fn footnote_number(text: &str) -> Option<u32> {
    if !(1..=2).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|&n| n > 0)
}

/// The length of the label `text` starts with, one of `labels` (any
/// case), when text follows it: "Image caption, ", "Photo by ".
fn leading_label(text: &str, labels: &[&str]) -> Option<usize> {
    labels.iter().find_map(|label| {
        let head = text.as_bytes().get(..label.len())?;
        (head.eq_ignore_ascii_case(label.as_bytes()) && text.len() > label.len())
            .then_some(label.len())
    })
}

/// A photo's credit alone on a line: "Getty Images", "AFP via Getty
/// Images", "Reuters", "EPA-EFE".
fn is_bare_credit(text: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "reuters",
        "afp",
        "epa",
        "epa-efe",
        "ap",
        "pa media",
        "pa",
        "shutterstock",
        "alamy",
        "bloomberg",
        "anadolu",
        "xinhua",
        "tass",
        "ukrinform",
    ];
    // Called for every paragraph: a long one is turned away unread.
    if text.len() > 40 {
        return false;
    }
    let words = text.split_whitespace().count();
    (1..=5).contains(&words)
        && !text.contains(['.', ',', ':', '!', '?'])
        && (text.ends_with(" Images") || AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(text)))
}

/// Writes each block's text into the source's own buffer, in order and
/// compacted towards its start (a block's words never come before where
/// they are written), then shares that buffer among the blocks. `parts`
/// follow each other.
fn lay_down(mut parts: Vec<Drafts>, source: String) -> Vec<Block> {
    let mut bytes = source.into_bytes();
    let mut written = 0;
    let count = parts.iter().map(|part| part.drafts.len()).sum();
    let double_space = memchr::memmem::Finder::new(b"  ");
    for part in &mut parts {
        for draft in &mut part.drafts {
            if part.book
                && let DraftText::Own(text) = &mut draft.text
            {
                let mut bytes = std::mem::take(text).into_bytes();
                let (kept, _) = unmark_italics(&mut bytes, 0);
                bytes.truncate(kept);
                *text = String::from_utf8(bytes).expect("only underscores were taken out");
            }
            if let DraftText::Words { pieces, len } = &draft.text {
                let start = written;
                for piece in &part.pieces[pieces.clone()] {
                    written = move_words(&mut bytes, piece.clone(), written, start, &double_space);
                }
                let mut len = *len;
                if part.book {
                    let (kept, before_len) = unmark_italics(&mut bytes[start..written], len);
                    (written, len) = (start + kept, len - before_len);
                }
                let range = start..start + len;
                // Told while the text is in the cache: a second pass over the
                // buffer missed it at every block. The byte after the text is
                // this block's own or the first of a word laid down next.
                let ascii = bytes[range.clone()].is_ascii();
                let on_boundaries = [range.start, range.end]
                    .iter()
                    .all(|&at| at == written || crate::core::text::is_char_start(bytes[at]));
                draft.text = DraftText::Laid {
                    range,
                    ascii,
                    on_boundaries,
                };
            }
        }
    }
    bytes.truncate(written);
    // Clutter and blank lines are gone: give back what they took, when much.
    if bytes.capacity() - written > written / 4 {
        bytes.shrink_to_fit();
    }
    // Whole words were moved, so this is UTF-8; checked all the same.
    let buffer = Arc::new(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    );
    #[cfg(debug_assertions)]
    let expected: Vec<String> = parts
        .iter()
        .flat_map(|part| {
            part.expected.iter().map(|text| {
                let mut bytes = text.clone().into_bytes();
                if part.book {
                    let (kept, _) = unmark_italics(&mut bytes, 0);
                    bytes.truncate(kept);
                }
                String::from_utf8(bytes).expect("only underscores were taken out")
            })
        })
        .collect();
    let mut blocks = Vec::with_capacity(count);
    let drafts = parts.into_iter().flat_map(|part| part.drafts);
    for (id, draft) in drafts.enumerate() {
        blocks.push(Block {
            id: id as u32,
            kind: draft.kind,
            text: match draft.text {
                DraftText::Laid {
                    range,
                    ascii,
                    on_boundaries: true,
                } => BlockText::shared_on_boundaries(&buffer, range, ascii),
                DraftText::Laid { range, .. } => BlockText::shared(&buffer, range),
                DraftText::Words { .. } => unreachable!("every draft's words are laid down"),
                DraftText::Own(text) => text.into(),
            },
        });
    }
    #[cfg(debug_assertions)]
    for (block, expected) in blocks.iter().zip(&expected) {
        assert_eq!(
            block.text, *expected,
            "block {} laid down wrongly",
            block.id
        );
    }
    blocks
}

/// Moves the words of `bytes[piece]` to `at`, single spaces between words
/// (and before the first when the block started before `at`), as
/// [`push_words`] joins them. Returns where the text now ends.
/// `double_space` finds two spaces (built once: a searcher made per line
/// cost as much as the search).
fn move_words(
    bytes: &mut [u8],
    piece: Range<usize>,
    mut at: usize,
    block_start: usize,
    double_space: &memchr::memmem::Finder,
) -> usize {
    debug_assert!(at <= piece.start);
    let end = piece.end;
    let skip_spaces = |bytes: &[u8], mut i: usize| {
        while i < end && bytes[i] == b' ' {
            i += 1;
        }
        i
    };
    // Runs of words with single spaces move whole: a line rarely has more.
    let mut i = skip_spaces(bytes, piece.start);
    while i < end {
        let run_end = double_space.find(&bytes[i..end]).map_or(end, |n| i + n);
        let mut stop = run_end;
        while bytes[stop - 1] == b' ' {
            stop -= 1;
        }
        if at > block_start {
            // `at < i`: at least one space or line break was skipped.
            bytes[at] = b' ';
            at += 1;
        }
        bytes.copy_within(i..stop, at);
        at += stop - i;
        i = skip_spaces(bytes, run_end);
    }
    at
}

fn is_note(text: &str) -> bool {
    // Every note opens with n, e or a, in either case, and no other letter
    // lowers to one: most paragraphs are told apart without a copy.
    if !matches!(
        text.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'n' | b'e' | b'a')
    ) {
        return false;
    }
    let head: String = text
        .chars()
        .take(20)
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    [
        "note:",
        "editor's note:",
        "author's note:",
        "editor's note -",
        "n.b.",
        "nb:",
        "a note:",
    ]
    .iter()
    .any(|p| head.starts_with(p))
}

/// Longest heading, in characters.
const MAX_HEADING_CHARS: usize = 90;

/// A section heading: one short line, capitalised, without closing punctuation.
pub(crate) fn looks_like_heading(text: &str) -> bool {
    // Most paragraphs are far longer than a heading: answer before counting
    // anything in them (a character is at most four bytes).
    if text.len() > MAX_HEADING_CHARS * 4 {
        return false;
    }
    let first = text.chars().next();
    let last = text.chars().next_back();
    // Most short paragraphs end like a sentence: told apart before the
    // words and characters are counted.
    // A script without letter case (Japanese, Chinese) starts a heading
    // with any letter; its full stop and comma end sentences too.
    let caseless = |c: char| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase();
    if !first.is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"' || caseless(c)
    }) || last.is_some_and(|c| {
        matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '”'
                | '"'
                | ')'
                | '…'
                | '-'
                | '–'
                | '—'
                | '。'
                | '、'
                | '，'
                | '！'
                | '」'
        )
    }) {
        return false;
    }
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().count() <= MAX_HEADING_CHARS
        && !text.chars().all(|c| c.is_ascii_digit() || c.is_whitespace())
        // A question is a heading only when short.
        && (last != Some('?') || words <= 8)
        // "Ann Lee is the bureau chief. More about Ann Lee": a sentence
        // has ended inside it ("St. Petersburg" has not).
        && !text.split_whitespace().any(|w| {
            w.strip_suffix('.')
                .is_some_and(|w| w.len() >= 3 && w.chars().all(|c| c.is_lowercase()))
        })
}

#[cfg(test)]
mod tests {
    use super::caption::*;
    use super::header::*;
    use super::*;

    #[test]
    fn names_in_capitals_read_as_names_and_agencies_stay() {
        assert_eq!(
            unshouted_names("ANN LEE and BO KIM").as_deref(),
            Some("Ann Lee and Bo Kim")
        );
        assert_eq!(
            unshouted_names("MARY O'NEILL-SMITH").as_deref(),
            Some("Mary O'Neill-Smith")
        );
        for kept in [
            "Ann Lee",
            "AFP",
            "REUTERS STAFF",
            "ANN Lee",
            "AP and ANN LEE",
            "",
        ] {
            assert_eq!(unshouted_names(kept), None, "{kept}");
        }
    }

    #[test]
    fn glued_marks_are_told_from_numbers() {
        let marks = |text: &str| glued_footnote_marks(text, 3).map(|(_, marked)| marked);
        assert_eq!(
            marks("It fell.\u{201d}2 Then it rose.").as_deref(),
            Some("It fell.\u{201d}[2] Then it rose.")
        );
        assert_eq!(marks("Costs rose 2.3 percent.").as_deref(), None);
        assert_eq!(marks("There were 1,2 and 3.").as_deref(), None);
        // Past the last note's number, or in a word, no mark.
        assert_eq!(marks("Ships sailed in 2014.4 Then more.").as_deref(), None);
        assert_eq!(marks("The G7 met.").as_deref(), None);
        assert_eq!(footnotes_numbered(&["1", "text", "3", "2", "x"]), 2);
        assert_eq!(footnotes_numbered(&["2", "text"]), 0);
    }

    #[test]
    fn only_a_players_clock_reads_as_one() {
        for clock in ["0:00", "-27:14", "-1:02:03", "\u{2212}4:05"] {
            assert!(is_player_clock(clock), "{clock}");
        }
        for text in [
            "12:30",
            "1:00",
            "-",
            "-27",
            "-123:45",
            "-1:2",
            "- Step 1: go",
            "-a:bc",
        ] {
            assert!(!is_player_clock(text), "{text}");
        }
    }

    /// Each block's kind and text when the body is split in two for the
    /// threads from `parallel_from` lines, and how many parts it made.
    fn drafted(text: &str, parallel_from: usize) -> (Vec<(BlockKind, String)>, usize) {
        let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
        let rules = Rules::for_text(&lines);
        let parts = draft_body_split_from(text, &lines, &rules, parallel_from);
        let count = parts.len();
        let blocks = lay_down(parts, text.to_owned())
            .into_iter()
            .map(|b| (b.kind, b.text.to_string()))
            .collect();
        (blocks, count)
    }

    #[test]
    fn an_agency_dateline_names_the_agency() {
        assert_eq!(
            name_before_date("KYODO NEWS - Feb 19, 2024 - 18:05 | World"),
            Some("KYODO NEWS")
        );
        assert_eq!(name_before_date("Reuters | March 3, 2024"), Some("Reuters"));
        for line in [
            "Updated - March 3, 2024",
            "Monday | March 3, 2024",
            "Published On - 19 Feb 2024",
            "March 3 - March 5, 2024",
            "Ferries and tankers - a new route",
            "3 min read - March 3, 2024",
            "Analysis | March 3, 2024",
        ] {
            assert_eq!(name_before_date(line), None, "{line}");
        }
    }

    #[test]
    fn a_body_drafted_in_two_halves_reads_as_drafted_whole() {
        let texts = [
            // Hard-wrapped paragraphs, a heading, a list, a caption just
            // after the middle, where the second half starts.
            "First paragraph, wrapped\nover two lines.\n\nA Heading\n\n- one\n- two\n\n\
             Cranes at dusk (Photo: Ann Lee/Reuters)\n\nLast words of it.\nAnd more.",
            // Only clutter before the middle: the second half's first
            // paragraph is the article's first.
            "Share\n\nShare\n\nShare\n\nShare\n\nA harbour at dawn (Ann Lee/Reuters)\n\nText.",
            // The second half starts with a credited paragraph, which is a
            // caption only as an article's first.
            "Para one.\n\nPara two.\n\nBoats at the quay (Ann Lee/Reuters)\n\nPara four.",
        ];
        for text in texts {
            let (whole, one) = drafted(text, usize::MAX);
            let (halves, _) = drafted(text, 2);
            assert_eq!(one, 1);
            assert_eq!(halves, whole, "{text:?}");
        }
        // The split did happen where it could.
        assert_eq!(drafted(texts[0], 2).1, 2);
        assert_eq!(drafted(texts[2], 2).1, 2);
    }

    /// A text long enough to be searched in halves (120,000 lines) reads
    /// as it would in one go.
    #[test]
    fn a_long_text_is_surveyed_in_halves_as_in_one_go() {
        let mut lines: Vec<String> = (0..120_000)
            .map(|i| format!(" line {i} of the text "))
            .collect();
        assert!(lines.len() >= 2 * PARALLEL_BODY_LINES);
        let trimmed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
        let middle = trimmed.len() / 2;
        let last = trimmed.len() - 1;
        for wanted in [
            vec![],
            vec![0],
            vec![7],
            vec![middle - 1],
            vec![middle],
            vec![last],
            vec![9, middle + 3],
            vec![middle - 1, middle + 1],
            vec![middle + 1, last],
        ] {
            let is_wanted = |line: &str| wanted.iter().any(|&w| line == trimmed[w]);
            assert_eq!(
                position_in_halves(&trimmed, is_wanted),
                trimmed.iter().position(|l| is_wanted(l)),
                "{wanted:?}"
            );
        }

        // A platform's signature in the second half only still counts.
        let footer_rules = |lines: &[&str]| Rules::for_text(lines).footer.patterns.len();
        let unsigned = footer_rules(&trimmed);
        lines[90_000] = "Ann Lee’s avatar".to_owned();
        let signed: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
        assert!(footer_rules(&signed) > unsigned);
        assert_eq!(footer_rules(&signed), footer_rules(&["Ann Lee’s avatar"]));
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Any mix of the lines the parser tells apart drafts the same in
        /// two halves as whole.
        #[test]
        fn any_body_drafts_the_same_in_halves(
            lines in proptest::collection::vec(
                proptest::sample::select(&[
                    "", "", "", "Share", "A Heading", "Release Notes", "=============", "---------",
                    "Words of a paragraph that goes on.", "more words", "- item", "* item",
                    "1. first", "  indented line", "    deeper", "> quoted", "Jeff King (5):",
                    "Note: a remark.", "Harbour at dawn (Ann Lee/Reuters)",
                    "Cranes. Photo: Ann Lee. CC BY 4.0", "Subscribe", "12", "Daniel Okabe",
                ][..]),
                0..40,
            ).prop_map(|lines| lines.join("\n")),
            parallel_from in 2usize..12,
        ) {
            let (whole, _) = drafted(&lines, usize::MAX);
            let (halves, _) = drafted(&lines, parallel_from);
            proptest::prop_assert_eq!(halves, whole, "{:?}", lines);
        }
    }

    #[test]
    fn caption_with_credit_and_licence() {
        let c = split_caption(
            "Ships at anchor off Piraeus. (Navy photo by Ann Lee). Public domain",
            false,
        )
        .unwrap();
        assert_eq!(c.text, "Ships at anchor off Piraeus.");
        assert_eq!(c.credit.as_deref(), Some("Navy photo by Ann Lee"));
        assert_eq!(c.license.as_deref(), Some("Public domain"));
    }

    #[test]
    fn parenthesised_remark_is_not_a_caption() {
        assert!(split_caption("The US (and its allies) agreed.", true).is_none());
        assert!(split_caption("Ministers met (see below) on Monday.", false).is_none());
        assert!(split_caption("Picture a quiet harbour at dawn (Ann Lee)", false).is_none());
        // Nor an editor's square brackets, a bare agency closing a
        // paragraph, or a title's "… | Section".
        for prose in [
            "He said [the ministry] would pay for the repairs.",
            "The note read: the cost is too high [sic]",
            "Choose a river and/or a lake [and/or both]",
            "See the chart [Figure 2]",
            "The minister resigned on Monday after weeks of pressure. [Reuters]",
            "Ferry timetables | Harbour Notes",
            "Ministers met in Tokyo on Monday | Analysis",
            "Tokyo | 2024 | Kyodo photo",
        ] {
            assert!(split_caption(prose, false).is_none(), "{prose}");
        }
    }

    #[test]
    fn credits_after_a_bar_or_in_square_brackets_or_a_caption_that_says_so() {
        for (text, caption, credit) in [
            (
                "Photo shows the harbour at dawn. (Kyodo)",
                "Photo shows the harbour at dawn.",
                "Kyodo",
            ),
            (
                "The minister at the summit in Washington. | Pool photo by Ann Lee/Getty Images",
                "The minister at the summit in Washington.",
                "Pool photo by Ann Lee/Getty Images",
            ),
            (
                "Crowds outside the embassy | Ann Lee/AFP via Getty Images",
                "Crowds outside the embassy",
                "Ann Lee/AFP via Getty Images",
            ),
            (
                "Delegates in the hall in Tokyo [File: Ann Lee/Reuters]",
                "Delegates in the hall in Tokyo",
                "File: Ann Lee/Reuters",
            ),
        ] {
            let c = split_caption(text, false).unwrap_or_else(|| panic!("no caption in {text:?}"));
            assert_eq!(
                (c.text.as_str(), c.credit.as_deref()),
                (caption, Some(credit))
            );
        }
    }

    #[test]
    fn block_text_is_laid_down_in_the_shared_buffer_word_for_word() {
        let text = "Title Here\n\n  First   paragraph\twith  gaps.  \n\n\
                    > A quoted   line\n> that wraps.\n\n\
                    - item   one\n  2. item two\n\n\
                    Ships at anchor off Piraeus.   (Navy photo by Ann Lee). Public domain\n\n\
                    Short wrapped\nlines   join\n  with single spaces.\n\n\
                    Last — with “quotes” and émigré words.";
        let (_, blocks) = parse(crate::core::sanitize::sanitize(text));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First paragraph with gaps.",
                "A quoted line that wraps.",
                "item one",
                "item two",
                "Ships at anchor off Piraeus.",
                "Short wrapped lines join with single spaces.",
                "Last — with “quotes” and émigré words.",
            ]
        );
        assert!(matches!(blocks[4].kind, BlockKind::Caption(_)));
    }

    proptest::proptest! {
        /// Moving a block's words in place gives what joining them does.
        #[test]
        fn moved_words_are_the_joined_words(lines in proptest::collection::vec("[ab é]{0,12}", 1..5)) {
            let source = lines.join("\n");
            let mut expected = String::new();
            let mut pieces = Vec::new();
            let mut start = 0;
            for line in &lines {
                push_words(&mut expected, line);
                pieces.push(start..start + line.len());
                start += line.len() + 1;
            }
            let mut bytes = source.into_bytes();
            let mut at = 0;
            let double_space = memchr::memmem::Finder::new(b"  ");
            for piece in pieces {
                at = move_words(&mut bytes, piece, at, 0, &double_space);
            }
            proptest::prop_assert_eq!(std::str::from_utf8(&bytes[..at]).unwrap(), expected);
        }
    }

    #[test]
    fn a_byline_ending_in_footer_lines_is_not_cut_past_its_end() {
        // Found by the property tests: the footer cut reached back into the
        // byline area and the body's range was inverted.
        let text = "Ann Lee's avatar\nFollow\nWritten by Ann Lee\nThe Meridian Brief";
        let (meta, blocks) = parse(text.to_owned());
        assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
        assert!(blocks.iter().all(|b| !b.text.contains("Follow")));
    }

    #[test]
    fn a_name_given_twice_in_a_row_is_one_author() {
        let text = "Harbour Notes\n\nThe Quiet Quay\n\nWhy the ferries ran late all week\n\n\
                    Ann Lee\nAnn Lee\nJune 10, 2025 · 4 min read\nThe fog stayed for days.\n";
        let (meta, _) = parse(text.to_owned());
        assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(meta.title.as_deref(), Some("The Quiet Quay"));
    }

    #[test]
    fn counts_and_names() {
        assert_eq!(count_value("44"), Some(44));
        assert_eq!(count_value("1.2K"), Some(1200));
        assert_eq!(count_value("Share"), None);
        assert!(looks_like_name("Wes O'Donnell"));
        assert!(!looks_like_name("The News from Tokyo"));
        assert_eq!(avatar_owner("Ann Lee’s avatar"), Some("Ann Lee"));
    }

    #[test]
    fn a_trailing_credit_is_found_after_letters_that_lowercase_longer() {
        let c = split_caption("İİİİ ferries cross the strait. Photo by Ann Lee", false)
            .expect("a caption with its credit");
        assert_eq!(c.text, "İİİİ ferries cross the strait.");
        assert_eq!(c.credit.as_deref(), Some("Photo by Ann Lee"));
    }

    #[test]
    fn a_trailing_credit_is_the_last_lead_after_a_sentence_end() {
        let c = split_caption("Crowds at the pier, “a new start.” Photo by Ann Lee", false)
            .expect("a credit after a closing quote");
        assert_eq!(c.text, "Crowds at the pier, “a new start.”");
        assert_eq!(c.credit.as_deref(), Some("Photo by Ann Lee"));
        // "㝀" holds the last byte of "”" inside it; "Picture:" is no credit
        // when a later lead starts a sentence.
        let c = split_caption("Ferries 㝀 wait. Picture: the pier. PHOTO: Ann Lee", false)
            .expect("the last of two leads");
        assert_eq!(c.text, "Ferries 㝀 wait. Picture: the pier.");
        assert_eq!(c.credit.as_deref(), Some("PHOTO: Ann Lee"));
        // A lead inside a sentence starts no credit.
        assert!(split_caption("Ferries wait as photo by drone shows the pier", false).is_none());
    }

    #[test]
    fn a_menu_ends_the_masthead() {
        let groups = |lines: &[&str]| {
            let numbered: Vec<(usize, &str)> = lines.iter().copied().enumerate().collect();
            text_groups(&numbered).1
        };
        assert_eq!(
            groups(&[
                "Exclusive news, data and analytics",
                "World",
                "Business",
                "Markets",
                "Japan pledges more aid"
            ]),
            vec!["Japan pledges more aid"]
        );
        // The site's name, a blank line, the menu, a blank line, the title.
        let spaced = [
            (0, "The Sanctions Desk"),
            (2, "Home"),
            (3, "Analysis"),
            (4, "About"),
            (6, "How the Cap Works"),
        ];
        assert_eq!(
            text_groups(&spaced),
            (
                Some("The Sanctions Desk".to_owned()),
                vec!["How the Cap Works".to_owned()]
            )
        );
        // Tags after the title, with no text after them, take nothing away.
        assert_eq!(
            groups(&["Japan pledges more aid", "Japan", "Ukraine", "Aid"]),
            vec!["Japan pledges more aid"]
        );
    }

    #[test]
    fn wrapped_header_lines_join_and_a_line_each_does_not() {
        let texts = |lines: &[&str]| {
            let mut out = Vec::new();
            push_texts(&mut out, lines);
            out
        };
        // An email wrapped the title: "Than" did not fit on the first line.
        assert_eq!(
            texts(&[
                "Japan Joins Ukraine’s Security Guarantees: More",
                "Than Sushi Diplomacy"
            ]),
            vec!["Japan Joins Ukraine’s Security Guarantees: More Than Sushi Diplomacy"]
        );
        // A browser gave each its line: "Trip" would have fitted.
        assert_eq!(
            texts(&[
                "Japan’s leader visits Kyiv in show of support",
                "Trip is the first by a leader to a war zone since 1945"
            ]),
            vec![
                "Japan’s leader visits Kyiv in show of support",
                "Trip is the first by a leader to a war zone since 1945"
            ]
        );
    }

    #[test]
    fn an_agency_credit_ends_a_caption() {
        let c = split_caption(
            "[2/5] Rescuers search the rubble in Kharkiv, May 3, 2024. REUTERS/Ann Lee/File Photo Acquire Licensing Rights",
            false,
        )
        .expect("a gallery caption");
        assert_eq!(
            c.text,
            "Rescuers search the rubble in Kharkiv, May 3, 2024."
        );
        assert_eq!(c.credit.as_deref(), Some("REUTERS/Ann Lee/File Photo"));
        // A body sentence with a slash is no credit, nor one past the first
        // paragraph without a gallery's counter.
        assert!(split_caption("Talks resumed on Monday. TOKYO/KYIV talks went on", true).is_none());
        assert!(split_caption("Rescuers search the rubble. REUTERS/Ann Lee", false).is_none());
    }

    #[test]
    fn notes_on_the_bylines_authors_end_the_story() {
        let lines = [
            "The talks resume on Monday.",
            "",
            "Ann Lee is the Tokyo bureau chief. More about Ann Lee",
            "Bo Kim reports on aid. More about Bo Kim",
        ];
        assert_eq!(strip_author_notes(&lines, Some("Ann Lee and Bo Kim")), 2);
        // A name the byline does not give, and no byline: prose.
        let lines = [
            "The talks resume.",
            "Donors met in March. More about the fund",
        ];
        assert_eq!(strip_author_notes(&lines, Some("Ann Lee")), 2);
        let lines = [
            "The talks resume.",
            "Ann Lee is a reporter. More about Ann Lee",
        ];
        assert_eq!(strip_author_notes(&lines, Some("Bo Kim")), 2);
        assert_eq!(strip_author_notes(&lines, None), 2);
        assert_eq!(strip_author_notes(&lines, Some("Bo Kim, Ann Lee")), 1);
        let story = format!("{} More about Ann Lee", "The talks went on. ".repeat(20));
        assert_eq!(strip_author_notes(&[story.as_str()], Some("Ann Lee")), 1);
    }

    #[test]
    fn the_last_spaced_bar_is_found() {
        assert_eq!(last_bar(b"Ferries | Tokyo | Pool photo"), Some(15));
        assert_eq!(last_bar(b"a | | b"), Some(3));
        // Bars without a space on both sides are no separator.
        assert_eq!(last_bar(b"a || b"), None);
        assert_eq!(last_bar(b"| a |"), None);
        assert_eq!(last_bar(b"a |b| c"), None);
        let c = split_caption(
            "Ministers of the two governments meet in the hall of the foreign ministry before talks on aid. | Pool photo by Ann Lee/Reuters",
            false,
        )
        .expect("a caption with a credit after its bar");
        assert_eq!(c.credit.as_deref(), Some("Pool photo by Ann Lee/Reuters"));
    }

    #[test]
    fn a_headline_after_a_short_name_is_the_title() {
        let texts = |a: &str, b: &str| vec![a.to_owned(), b.to_owned()];
        assert!(names_then_headline(&texts(
            "The Harbour Letter",
            "Pilots Wait Longer at the Outer Anchorage"
        )));
        assert!(names_then_headline(&texts(
            "Analysis",
            "Why Shipowners Avoid Sailing Through the Red Sea"
        )));
        // A title and its subtitle, written as a sentence.
        assert!(!names_then_headline(&texts(
            "Japan Steps Up",
            "Tokyo signals a role in the security guarantees"
        )));
        // A long first text is no name.
        assert!(!names_then_headline(&texts(
            "How the Oil Price Cap Works, and Where It Leaks",
            "Brokers And Insurers Count The Cost"
        )));
    }

    #[test]
    fn a_name_under_the_date_is_the_author_only_on_a_packed_page() {
        let (meta, _) = parse(
            "Ferries are late again\nMarch 3, 2025\nShare\nAnn Lee\nIsland Desk\nThe crews are short of staff this winter, the operator says.\n"
                .to_owned(),
        );
        assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(meta.publication.as_deref(), Some("Island Desk"));
        // A heading of the body has blank lines around it.
        let (meta, blocks) = parse(
            "Ferries are late again\nMarch 3, 2025\n\nThe Background\n\nThe crews are short of staff this winter.\n"
                .to_owned(),
        );
        assert_eq!(meta.author, None);
        assert!(blocks[0].kind.is_heading());
    }

    #[test]
    fn a_credit_line_captions_only_the_line_right_under_it() {
        let captions = |text: &str| {
            let (_, blocks) = parse(text.to_owned());
            blocks
                .iter()
                .filter(|b| b.kind.attribution().is_some())
                .map(|b| b.text.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            captions(
                "Aid to Kyiv\n\nReuters\nCrowds in Kyiv on Tuesday\nTokyo sent more aid on Tuesday, officials said, on a trip kept secret until the prime minister's train crossed the border.\n"
            ),
            vec!["Crowds in Kyiv on Tuesday"]
        );
        // A blank line between: the agency's name is a byline, the
        // paragraph under it the story.
        assert!(captions("Aid to Kyiv\n\nReuters\n\nTokyo sent more aid on Tuesday.\n").is_empty());
    }

    #[test]
    fn separators_are_rule_characters_only() {
        for line in ["___", "***", "* * *", "-----", "• • •"] {
            assert!(is_separator(line), "{line}");
        }
        for line in ["--", "* note", "A---B", "* *"] {
            assert!(!is_separator(line), "{line}");
        }
    }

    #[test]
    fn headings_are_short_unpunctuated_lines() {
        assert!(looks_like_heading("People-Focused Aid"));
        assert!(looks_like_heading("Japan’s Record: Not Only Symbolic"));
        assert!(!looks_like_heading("That is all."));
        assert!(!looks_like_heading(
            "Ann Lee is the bureau chief. More about Ann Lee"
        ));
        assert!(looks_like_heading("Talks in St. Petersburg"));
        assert!(!looks_like_heading("44"));
    }
}
