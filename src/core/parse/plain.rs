//! Plain text, and in particular a post copied out of a browser: the byline area
//! (publication, title, author, date, counts), page clutter, a photo caption,
//! editor's notes, section headings, a paywall cut-off and the site footer.
//!
//! Platform clutter is data ([`super::rules`]); this module holds the structure
//! that all platforms share.

use super::dateline;
use super::rules::{LineFilter, MAX_CLUTTER_LINE, Pattern, Platform, platforms};
use crate::core::model::{Block, BlockKind, BlockText, Engagement, Meta};
use crate::core::parallel::both;
use memchr::memmem::Finder;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// How far into the text the byline area may reach, in non-empty lines.
const HEADER_WINDOW: usize = 30;
/// Lines longer than this, in characters, are prose, never a title or
/// byline item. A standfirst may run to two sentences (at 160 bytes, one of
/// 165 characters with curly quotes ended the byline area).
const MAX_HEADER_LINE: usize = 250;
/// A hard-wrapped paragraph never has lines longer than this.
const MAX_WRAPPED_LINE: usize = 100;

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
    let rules = Rules::for_text(&lines);
    let mut meta = Meta::default();

    let mut end = lines.len();
    if let Some(cut) = rules.paywall_line(&lines) {
        meta.truncated = true;
        end = cut;
    }
    end = rules.strip_footer(&lines[..end]);

    let (body_start, header_caption) = read_header(&lines[..end], &rules, &mut meta);
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
struct Rules {
    header: Clutter,
    paid: Clutter,
    anywhere: Clutter,
    paywall: Clutter,
    footer: Clutter,
    end: Clutter,
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
            paid: collect(|p| p.paid, false),
            anywhere: collect(|p| p.anywhere, false),
            paywall: collect(|p| p.paywall, false),
            footer: collect(|p| p.footer, true),
            end: collect(|p| p.end, true),
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
        let mut words = 0;
        for line in lines {
            if !line.is_empty() && line.len() <= MAX_CLUTTER_LINE && Self::matches(&self.end, line)
            {
                break;
            }
            if line.len() >= 60 {
                words += line.split_whitespace().count();
                if words >= PROSE_WORDS {
                    return true;
                }
            }
        }
        false
    }

    /// Drops footer lines (and blank lines) from the end; returns the new end.
    fn strip_footer(&self, lines: &[&str]) -> usize {
        let mut end = lines.len();
        while end > 0 {
            let line = lines[end - 1];
            if line.is_empty() || (line.len() < 200 && Self::matches(&self.footer, line)) {
                end -= 1;
            } else {
                break;
            }
        }
        end
    }
}

/// Reads the byline area into `meta` and returns the index of the first body
/// line, and of a photo caption that stood among the byline area's texts.
fn read_header(lines: &[&str], rules: &Rules, meta: &mut Meta) -> (usize, Option<usize>) {
    let window: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, _)| i)
        .take(HEADER_WINDOW)
        .collect();

    // The byline area ends at its last metadata line: a date, an avatar, or the
    // counts and buttons that follow them. Texts before it are the publication,
    // title, subtitle and author.
    let mut texts: Vec<(usize, &str)> = Vec::new();
    let mut avatar_name: Option<String> = None;
    let mut byline_author: Option<String> = None;
    let mut byline_publication: Option<String> = None;
    let mut counts: Vec<u64> = Vec::new();
    let mut seen_date = false;
    let mut header_end: Option<usize> = None;
    let mut author_line: Option<usize> = None;
    let mut header_caption: Option<usize> = None;
    for &i in &window {
        let line = lines[i];
        if line.len() > MAX_HEADER_LINE && line.chars().count() > MAX_HEADER_LINE {
            break;
        }
        if let Some(name) = avatar_owner(line) {
            avatar_name = Some(name.to_owned());
            header_end = Some(i + 1);
        } else if Rules::matches(&rules.paid, line) {
            meta.paid = true;
            header_end = Some(i + 1);
        } else if let Some(date) = (line.len() <= 60 && !reads_as_sentence(line))
            .then(|| dateline::find_date(line))
            .flatten()
            .filter(|_| !seen_date)
        {
            meta.published = Some(dateline::date_text(date));
            seen_date = true;
            header_end = Some(i + 1);
            // "By Ann Lee | March 3, 2025": the byline and its date on one line.
            if let Some((name, publication)) = byline(line) {
                byline_author = Some(name.to_owned());
                byline_publication = publication.map(str::to_owned);
            } else if let Some(name) = posted_by(line) {
                byline_author = Some(name.to_owned());
            } else if let Some(name) = name_before_date(line) {
                byline_publication = Some(name.to_owned());
            }
        } else if seen_date
            && line.split_whitespace().count() <= 5
            && dateline::find_date(line).map(dateline::date_text) == meta.published
        {
            // The date again ("Published On 19 Feb 2024" over "19 Feb 2024").
            header_end = Some(i + 1);
        } else if (seen_date || avatar_name.is_some())
            && counts.len() < 3
            && let Some(n) = count_value(line)
        {
            counts.push(n);
            header_end = Some(i + 1);
        } else if Rules::matches(&rules.header, line) {
            header_end = Some(i + 1);
        } else if let Some((name, publication)) = byline(line) {
            byline_author = Some(name.to_owned());
            byline_publication = publication.map(str::to_owned);
            header_end = Some(i + 1);
        } else if seen_date
            && byline_author.is_none()
            && avatar_name.is_none()
            && !texts.last().is_some_and(|(_, t)| looks_like_name(t))
            && packed(lines, i)
            && line.split_whitespace().count() <= 4
            && looks_like_name(line)
        {
            // "21 March 2023 / Share / Harriet Lowe / BBC News": a page that
            // gives its byline under the date, a line each.
            byline_author = Some(line.to_owned());
            author_line = Some(i);
            header_end = Some(i + 1);
        } else if seen_date
            && author_line.is_some_and(|a| a + 1 == i)
            && packed(lines, i)
            && line.split_whitespace().count() <= 3
            && !line.contains(['.', ',', ':', '!', '?'])
        {
            byline_publication = Some(line.to_owned());
            header_end = Some(i + 1);
        } else if seen_date {
            // The first plain line after the date starts the body.
            break;
        } else if split_caption(line, false).is_some() {
            // A photo's caption between the standfirst and the byline is
            // neither title nor subtitle.
            header_caption.get_or_insert(i);
        } else {
            texts.push((i, line));
        }
    }

    let Some(header_end) =
        header_end.filter(|_| seen_date || avatar_name.is_some() || byline_author.is_some())
    else {
        // The body starts at the title's end: a caption is in it already.
        return (read_bare_title(lines, meta), None);
    };
    // Texts collected after the last metadata line belong to the body.
    texts.retain(|&(i, _)| i < header_end);
    // Two sentences before the date are the body's first paragraphs (a
    // diary's date line further down), not a title and its standfirst.
    if texts.iter().filter(|(_, t)| reads_as_sentence(t)).count() >= 2 {
        meta.published = None;
        return (read_bare_title(lines, meta), None);
    }
    let (masthead, header_texts) = text_groups(&texts);
    meta.publication = masthead;

    if counts.len() == 3 {
        meta.engagement = Some(Engagement {
            likes: counts[0],
            comments: counts[1],
            restacks: counts[2],
        });
    }
    assign_header_texts(header_texts, avatar_name.or(byline_author), meta);
    if meta.publication.is_none() {
        meta.publication = byline_publication;
    }
    (header_end, header_caption.filter(|&c| c < header_end))
}

/// Whether line `i` stands between two other lines with no blank line, as a
/// page's elements do when copied; a heading of the body has blank lines
/// around it.
fn packed(lines: &[&str], i: usize) -> bool {
    i > 0 && !lines[i - 1].is_empty() && lines.get(i + 1).is_some_and(|l| !l.is_empty())
}

/// "The ministry sent drones on 1 March 2024.": a short sentence of the body
/// that happens to hold a date, not a byline's date line ("Published on
/// March 3, 2024.", "8 min read · Mar 3, 2024").
fn reads_as_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')']);
    end.ends_with(['.', '!', '?']) && line.split_whitespace().count() >= 7
}

/// A plain article: a short first line without closing punctuation is its title.
fn read_bare_title(lines: &[&str], meta: &mut Meta) -> usize {
    let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
        return 0;
    };
    let line = lines[first];
    // The title may be underlined: "Release Notes" over "=============".
    let after = first
        + 1
        + usize::from(
            lines
                .get(first + 1)
                .is_some_and(|l| underline_level(l).is_some()),
        );
    let followed_by_blank = lines.get(after).is_none_or(|l| l.is_empty());
    if followed_by_blank && looks_like_heading(line) && lines[after..].iter().any(|l| !l.is_empty())
    {
        meta.title = Some(line.to_owned());
        after
    } else {
        0
    }
}

/// Header text lines grouped by adjacency (a title wrapped over two lines is
/// one text), with navigation menus dropped: runs of three or more one- to
/// three-word lines ("Home / Analysis / About"), which also end a group
/// (a site's menu may run straight into the headline). Texts before a menu
/// that has texts after it are the site's masthead: a short name there,
/// alone or over a tagline, is returned as the publication; a tagline
/// ("Exclusive news, data and analytics for …") or the site's buttons go.
fn text_groups(texts: &[(usize, &str)]) -> (Option<String>, Vec<String>) {
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut last: Option<usize> = None;
    for &(i, line) in texts {
        match groups.last_mut() {
            // A name given twice in a row (an avatar's alt text, then the
            // name) is one name, not "Ann Lee Ann Lee".
            Some(group) if last == Some(i.wrapping_sub(1)) && group.last() == Some(&line) => {}
            Some(group) if last == Some(i.wrapping_sub(1)) => group.push(line),
            _ => groups.push(vec![line]),
        }
        last = Some(i);
    }
    let is_menu_item = |line: &&&str| line.split_whitespace().count() <= 3;
    let mut out: Vec<String> = Vec::new();
    // How many texts came before the last menu.
    let mut before_menu = None;
    for group in groups {
        let mut start = 0;
        let mut i = 0;
        while i < group.len() {
            let run = group[i..].iter().take_while(is_menu_item).count();
            if run >= 3 {
                // "POLITICO" over "Newsletters / Podcasts / Events": a name
                // in capitals heading a menu in mixed case is the site's.
                let named = is_capitals(group[i])
                    && group[i + 1..i + run]
                        .iter()
                        .any(|l| l.contains(char::is_lowercase));
                let end = if named { i + 1 } else { i };
                push_texts(&mut out, &group[start..end]);
                before_menu = Some(out.len());
                i += run;
                start = i;
            } else {
                i += run.max(1);
            }
        }
        push_texts(&mut out, &group[start..]);
    }
    let mut masthead = None;
    if let Some(at) = before_menu.filter(|&at| at > 0 && at < out.len()) {
        let mut before: Vec<String> = out.drain(..at).collect();
        // A name, alone or over its tagline ("Harbour Notes" over "Thoughts
        // on ships, ports and the sea"), not the first of the site's buttons.
        if is_masthead_name(&before[0]) && !before[1..].iter().any(|t| is_masthead_name(t)) {
            masthead = Some(before.swap_remove(0));
        }
    }
    (masthead, out)
}

/// Adds adjacent header lines as one text when they are one text wrapped
/// (an email's title over two lines), or as a text each when a browser put
/// each on its own line: "This article is more than 2 years old" over the
/// title over a longer standfirst.
fn push_texts(out: &mut Vec<String>, lines: &[&str]) {
    if lines.is_empty() {
        return;
    }
    // Wrapped, a line is long and the next line's first word would not
    // have fitted on it.
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let wrapped = longest <= MAX_WRAPPED_LINE
        && lines.windows(2).all(|pair| {
            let width = pair[0].chars().count();
            let next_word = pair[1]
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            width >= MIN_WRAPPED_WIDTH && width + 1 + next_word > longest
        });
    if wrapped {
        out.push(lines.join(" "));
    } else {
        out.extend(lines.iter().map(|l| l.to_string()));
    }
}

/// Text wrapped narrower than this is not taken for wrapped text.
const MIN_WRAPPED_WIDTH: usize = 35;

/// Letters all in capitals, two at least: "POLITICO", "KYODO NEWS".
fn is_capitals(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.contains(char::is_lowercase)
}

/// A site's name above its menu: a few words, no sentence or list.
fn is_masthead_name(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && !text.contains([',', '.', '!', '?', ':'])
}

/// Assigns the byline area's texts: the author (from an avatar, "By", or the
/// name-like line before the date), the publication (its name twice, as logo
/// alt text and as text, or the first of three or more texts), and the title
/// and subtitle (the last two texts: tag lines come before the title).
fn assign_header_texts(mut texts: Vec<String>, author: Option<String>, meta: &mut Meta) {
    let author = author.or_else(|| {
        let last = texts.last().filter(|_| texts.len() >= 2)?;
        let name = Some(name_before_place(last))
            .filter(|n| looks_like_name(n))?
            .to_owned();
        texts.pop();
        Some(name)
    });
    if let Some(author) = &author {
        texts.retain(|t| !t.eq_ignore_ascii_case(author));
    }
    meta.author = author;

    // Medium: "Published in" followed by the publication's name.
    if let Some(at) = texts
        .iter()
        .position(|t| t.eq_ignore_ascii_case("published in"))
        && at + 1 < texts.len()
    {
        meta.publication = Some(texts.remove(at + 1));
        texts.remove(at);
    } else if let Some(at) = texts
        .iter()
        .position(|t| t.to_lowercase().starts_with("published in "))
    {
        meta.publication = Some(texts.remove(at)["published in ".len()..].trim().to_owned());
    }
    if meta.publication.is_none() {
        if texts.len() >= 2 && texts[0] == texts[1] {
            meta.publication = Some(texts.remove(0));
            texts.remove(0);
        } else if texts.len() >= 3 || (texts.len() == 2 && names_then_headline(&texts)) {
            meta.publication = Some(texts.remove(0));
        }
    }
    let n = texts.len();
    match n {
        0 => {}
        1 => meta.title = texts.pop(),
        _ => {
            meta.subtitle = texts.pop();
            meta.title = texts.pop();
        }
    }
}

/// "Ruth Ingram in Tokyo": a reporter's name and where they file from, or
/// the whole text when it names no place.
fn name_before_place(text: &str) -> &str {
    match text.split_once(" in ") {
        Some((name, place))
            if place.split_whitespace().count() <= 4
                && place
                    .split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase) || w == "and") =>
        {
            name
        }
        _ => text,
    }
}

/// Two texts before a byline are usually a title and its subtitle, which
/// is written as a sentence ("Tokyo signals a role in the guarantees"). A
/// second text in headline case ("Pilots Wait Longer at the Outer
/// Anchorage") after a short first one is the title instead, under the
/// publication's or section's name ("The Harbour Letter", "Analysis").
fn names_then_headline(texts: &[String]) -> bool {
    let [first, second] = texts else {
        return false;
    };
    first.split_whitespace().count() <= 4
        && !first.ends_with(['.', '!', '?', ':'])
        && is_headline_case(second)
}

/// Most words of four letters or more capitalised, at least three of them.
fn is_headline_case(text: &str) -> bool {
    let long: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    long.len() >= 3 && capitalised * 4 >= long.len() * 3 && !text.ends_with('.')
}

/// "Ann Lee's avatar" → "Ann Lee".
fn avatar_owner(line: &str) -> Option<&str> {
    let stem = line.strip_suffix("avatar")?.trim_end();
    stem.strip_suffix("'s")
        .or_else(|| stem.strip_suffix("’s"))
        .or_else(|| stem.strip_suffix('\''))
        .or_else(|| stem.strip_suffix('’'))
        .map(str::trim)
        .filter(|n| !n.is_empty())
}

/// "Posted on February 18, 2025 by Ann Lee": a blog's date line naming
/// its author at the end.
fn posted_by(line: &str) -> Option<&str> {
    let (_, name) = line.rsplit_once(" by ")?;
    let name = name.trim();
    looks_like_name(name).then_some(name)
}

/// "KYODO NEWS - Feb 19, 2024 - 18:05": a news agency's dateline, its
/// name before the date. Not a label ("Updated - …") or a day's name.
fn name_before_date(line: &str) -> Option<&str> {
    const LABELS: &[&str] = &[
        "updated",
        "published",
        "posted",
        "modified",
        "created",
        "first",
        "last",
        "date",
        "time",
        "on",
        "at",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ];
    // Sections a site prints where an agency prints its name.
    const SECTIONS: &[&str] = &[
        "opinion",
        "analysis",
        "commentary",
        "editorial",
        "feature",
        "features",
        "review",
        "interview",
        "explainer",
        "live",
        "breaking",
        "exclusive",
        "world",
        "politics",
        "business",
        "sport",
        "sports",
        "culture",
        "science",
        "technology",
        "health",
    ];
    let (name, after) = line.split_once(" - ").or_else(|| line.split_once(" | "))?;
    let name = name.trim();
    if SECTIONS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=4).contains(&words.len())
        && !name.contains(|c: char| c.is_ascii_digit() || matches!(c, ':' | ',' | '.'))
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && !LABELS.contains(&w.to_lowercase().as_str())
                && dateline::month_number(w).is_none()
        });
    (named && dateline::find_date(after).is_some()).then_some(name)
}

/// "By Ann Lee" → "Ann Lee"; "By Ann Lee, The Harbour Letter | March 3,
/// 2025" → "Ann Lee" and the publication "The Harbour Letter".
fn byline(line: &str) -> Option<(&str, Option<&str>)> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))?;
    let part = rest.split(['|', '·', '∙']).next()?.trim();
    if looks_like_name(part) {
        return Some((part, None));
    }
    let (name, after) = part.split_once(',')?;
    let (name, after) = (name.trim(), after.trim());
    if !looks_like_name(name) {
        return None;
    }
    // What follows the comma names the publication unless it is the date
    // ("By Ann Lee, March 3, 2025") or reads as more than a name.
    let publication = (after.split_whitespace().count() <= 6
        && after.starts_with(char::is_uppercase)
        && !after.contains(|c: char| c.is_ascii_digit())
        && dateline::month_number(after.split_whitespace().next().unwrap_or("")).is_none())
    .then_some(after);
    Some((name, publication))
}

/// "44", "1.2K", "3M": a like/comment/restack count.
fn count_value(line: &str) -> Option<u64> {
    let (number, scale) = match line.chars().last()? {
        'K' | 'k' => (&line[..line.len() - 1], 1_000.0),
        'M' | 'm' => (&line[..line.len() - 1], 1_000_000.0),
        _ => (line, 1.0),
    };
    if number.is_empty()
        || number.len() > 9
        || !number
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let value: f64 = number.replace(',', "").parse().ok()?;
    Some((value * scale).round() as u64)
}

/// Two to five capitalised words with no digits: "Wes O'Donnell", "Ana de la Cruz".
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && text.len() <= 50
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ':' | '?' | '!' | ',' | '.'))
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "da"
                        | "del"
                        | "der"
                        | "van"
                        | "von"
                        | "la"
                        | "le"
                        | "bin"
                        | "al"
                        | "and"
                        | "&"
                )
        })
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
        let mut current: Option<Paragraph> = None;
        for (i, line) in group.drain(..).enumerate() {
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
                None => (false, line),
            };
            let join = hard_wrapped
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
                });
            }
        }
        current.map(&mut emit_non_empty);
    };
    for &line in lines {
        if line.is_empty() {
            flush(&mut group);
        } else if !Rules::matches(&rules.anywhere, line) {
            group.push(line);
        }
    }
    flush(&mut group);
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
fn underline_level(line: &str) -> Option<u8> {
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
        // "Getty Images" over "The prime minister lays a wreath": a news
        // site puts the credit above its caption, on the very next line.
        let plain_line =
            p.single_line && p.list_marker.is_none() && !p.quoted && p.underlined.is_none();
        if let Some((credit, piece)) = self.credit_above.take() {
            let short = p.text.len() <= 400 && p.text.split_whitespace().count() <= 40;
            let next_line = source
                .get(piece.end..p.first_piece.start)
                .is_some_and(|gap| gap.matches('\n').count() == 1);
            if plain_line && short && next_line && !is_bare_credit(&p.text) {
                let kind = BlockKind::caption(Some(credit), None);
                self.push_words(kind, p.text.len(), p.first_piece, p.more_pieces, &p.text);
                return;
            }
            self.push_credit_as_paragraph(credit, piece);
        }
        if plain_line && is_bare_credit(&p.text) {
            self.credit_above = Some((p.text.into_owned(), p.first_piece));
            return;
        }
        let first = self.drafts.is_empty() && !self.after_others;
        let (kind, len) = if let Some(marker) = p.list_marker {
            (
                BlockKind::ListItem {
                    number: marker.number,
                    depth: marker.depth,
                },
                p.text.len(),
            )
        } else if let Some(level) = p.underlined {
            (BlockKind::Heading { level }, p.text.len())
        } else if p.quoted {
            (BlockKind::Quote, p.text.len())
        } else if is_note(&p.text) {
            (BlockKind::Note, p.text.len())
        } else if let Some(caption) = split_caption(&p.text, first) {
            let kind = BlockKind::caption(caption.credit, caption.license);
            if !p.text.starts_with(&caption.text) {
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
        } else if p.single_line && looks_like_heading(&p.text) {
            (BlockKind::Heading { level: 2 }, p.text.len())
        } else {
            (BlockKind::Paragraph, p.text.len())
        };
        self.push_words(kind, len, p.first_piece, p.more_pieces, &p.text);
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

    /// Ends the drafts: a credit with no caption under it is a paragraph.
    fn finish(mut self) -> Drafts {
        if let Some((credit, piece)) = self.credit_above.take() {
            self.push_credit_as_paragraph(credit, piece);
        }
        self
    }

    fn push_credit_as_paragraph(&mut self, credit: String, piece: Range<usize>) {
        let len = credit.len();
        self.push_words(BlockKind::Paragraph, len, piece, Vec::new(), &credit);
    }
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
            if let DraftText::Words { pieces, len } = &draft.text {
                let start = written;
                for piece in &part.pieces[pieces.clone()] {
                    written = move_words(&mut bytes, piece.clone(), written, start, &double_space);
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
        .flat_map(|part| part.expected.iter().cloned())
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
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '“' || c == '"')
        || last.is_some_and(|c| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '”' | '"' | ')' | '…' | '-' | '–' | '—'
            )
        })
    {
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

struct Caption {
    text: String,
    credit: Option<String>,
    license: Option<String>,
}

/// Licences that follow a photo credit.
const LICENSES: &[&str] = &[
    "public domain",
    "all rights reserved",
    "cc0",
    "cc by",
    "cc-by",
    "creative commons",
    "used with permission",
    "licensed under",
    "fair use",
];

/// Words that make a parenthesised remark a photo credit.
const CREDIT_CUES: &[&str] = &[
    "photo",
    "image",
    "picture",
    "credit",
    "courtesy",
    "getty",
    "reuters",
    "afp",
    "ap/",
    "epa",
    "shutterstock",
    "wikimedia",
    "via ",
    "file/",
];

/// A paragraph ending in a photo credit, "(DoD photo by Jane Roe). Public domain",
/// "Photo: Jane Roe/Reuters" or similar. A credit that does not name a photo
/// makes a caption only when it is the first paragraph, where captions stand.
fn split_caption(text: &str, first_paragraph: bool) -> Option<Caption> {
    // "[1/4] …": a gallery's counter before the caption.
    let counted = gallery_counter(text);
    let text = text[counted..].trim_end();
    // "… REUTERS/Ann Lee Purchase Licensing Rights": a button after the credit.
    let text = CAPTION_BUTTONS
        .iter()
        .find_map(|b| text.strip_suffix(b))
        .map_or(text, str::trim_end);
    split_parenthesised_credit(text, first_paragraph)
        .or_else(|| split_bracketed_credit(text))
        .or_else(|| split_piped_credit(text))
        .or_else(|| split_trailing_credit(text))
        .or_else(|| (first_paragraph || counted > 0).then(|| split_agency_credit(text))?)
}

/// "… before the session in Tokyo [File: Ann Lee/Reuters]": a credit in
/// square brackets that ends the caption, as some news sites write it. An
/// editor's brackets in a quotation ("\[sic\]", "\[the ministry\]") stand
/// inside the sentence and name no agency or photographer.
fn split_bracketed_credit(text: &str) -> Option<Caption> {
    let inner = text.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let credit = inner[open + 1..].trim();
    let caption = inner[..open].trim_end();
    let lower = credit.to_lowercase();
    // "Name/Agency", "File: Name/Agency", "Courtesy of …".
    let name_slash_agency = credit.split_once('/').is_some_and(|(name, agency)| {
        name.trim_start_matches("File:")
            .trim()
            .starts_with(char::is_uppercase)
            && agency.trim().starts_with(char::is_uppercase)
    });
    // A bare agency ("[Reuters]") after a full stop attributes a paragraph.
    let cue = CREDIT_CUES.iter().any(|c| lower.contains(c))
        && !caption.ends_with(['.', '!', '?', '"', '”']);
    let credited = credit.len() <= 80 && (cue || name_slash_agency);
    (credited && caption.split_whitespace().count() >= 3).then(|| Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// "… in Washington. | Pool photo by Ann Lee/Getty Images": a credit after a
/// bar, as some news sites set it; a credit's opening or an agency's name
/// tells it from a title's "… | Section".
fn split_piped_credit(text: &str) -> Option<Caption> {
    // The bar is looked for near the end only: every paragraph comes here.
    let mut near_end = text.len().saturating_sub(MAX_PIPED_CREDIT + 3);
    while !text.is_char_boundary(near_end) {
        near_end += 1;
    }
    let bar = near_end + last_bar(&text.as_bytes()[near_end..])?;
    let (caption, credit) = (text[..bar].trim_end(), text[bar + 3..].trim());
    let lower = credit.to_lowercase();
    let opens = ["pool photo by ", "file photo by "]
        .iter()
        .chain(CREDIT_LEADS)
        .any(|lead| lower.starts_with(lead));
    let agency = CREDIT_CUES.iter().any(|c| lower.contains(c));
    let credited = (opens || agency)
        && credit.len() <= MAX_PIPED_CREDIT
        && credit.split_whitespace().count() <= 10;
    // One bar: a row of a table set in bars has more.
    let captioned = caption.split_whitespace().count() >= 3 && !caption.contains(" | ");
    (credited && captioned).then(|| Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// Where the last " | " in `bytes` starts: a byte search, as every
/// paragraph's end is looked at.
fn last_bar(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(bar) = memchr::memrchr(b'|', &bytes[..end]) {
        if bar > 0 && bytes[bar - 1] == b' ' && bytes.get(bar + 1) == Some(&b' ') {
            return Some(bar - 1);
        }
        end = bar;
    }
    None
}

/// Longest credit after a bar, in bytes.
const MAX_PIPED_CREDIT: usize = 100;

/// Buttons that news sites print after a photo's credit.
const CAPTION_BUTTONS: &[&str] = &["Purchase Licensing Rights", "Acquire Licensing Rights"];

/// The length of a gallery's counter ("[1/4] ") at the start of `text`, or 0.
fn gallery_counter(text: &str) -> usize {
    let Some(rest) = text.strip_prefix('[') else {
        return 0;
    };
    let Some(close) = rest.find(']') else {
        return 0;
    };
    let inside = &rest[..close];
    let counter = inside.split_once('/').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if !counter {
        return 0;
    }
    let after = &rest[close + 1..];
    1 + close + 1 + (after.len() - after.trim_start().len())
}

/// "… in Kyiv, March 21, 2023. REUTERS/Ann Lee": a news agency's credit,
/// its name in capitals before a slash and the photographer's name, as
/// the last sentence of a caption.
fn split_agency_credit(text: &str) -> Option<Caption> {
    let dot = text.rfind(". ")?;
    let credit = text[dot + 2..].trim().trim_end_matches('.');
    let (agency, name) = credit.split_once('/')?;
    let capitals = agency.len() >= 2 && agency.bytes().all(|b| b.is_ascii_uppercase());
    let words = name.split(['/', ' ']).filter(|w| !w.is_empty());
    let named = name.split_whitespace().count() <= 6
        && words.clone().count() > 0
        && words.into_iter().all(|w| w.starts_with(char::is_uppercase));
    if !capitals || !named || credit.len() > 80 {
        return None;
    }
    Some(Caption {
        text: text[..=dot].to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// Openings of a credit written as a sentence of its own after the caption.
const CREDIT_LEADS: &[&str] = &[
    "photo by ",
    "photo: ",
    "photograph by ",
    "photograph: ",
    "image: ",
    "image by ",
    "picture: ",
    "credit: ",
    // "… on Tuesday.Credit...Ann Lee for The Times": the credit under a
    // photo, copied onto the caption's line.
    "credit...",
    "credit…",
    "photo courtesy of ",
    "illustration by ",
];

/// "Cranes at dusk. Photo by Ann Lee on Unsplash" (the credit often sits on
/// its own line under the caption, joined into one paragraph here).
fn split_trailing_credit(text: &str) -> Option<Caption> {
    // Cheap tests first: captions are short and name a photo, image or credit.
    // Every paragraph comes here: the words are looked for with searchers
    // built once, not a new one per word and paragraph.
    static CUES: LazyLock<[Finder<'static>; 5]> =
        LazyLock::new(|| ["hoto", "mage", "redit", "icture", "llustration"].map(Finder::new));
    if text.len() > 1200 || !CUES.iter().any(|c| c.find(text.as_bytes()).is_some()) {
        return None;
    }
    // The last lead, in any ASCII case, that starts a sentence: found by
    // walking back over sentence ends, which a caption has few of (an
    // automaton built on first use cost the first screen 50 µs). Compared
    // over the text as written: offsets into a lowercased copy are not
    // offsets into the text once a letter changes length ("İ").
    let bytes = text.as_bytes();
    let at = (0..bytes.len())
        .rev()
        .filter(|&end| match bytes[end] {
            b'.' | b'!' | b'?' | b'"' => true,
            // The last byte of a closing quote "”".
            0x9D => bytes[..=end].ends_with("”".as_bytes()),
            _ => false,
        })
        .map(|end| {
            let after = &text[end + 1..];
            end + 1 + (after.len() - after.trim_start().len())
        })
        .find(|&start| {
            CREDIT_LEADS.iter().any(|lead| {
                bytes
                    .get(start..start + lead.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(lead.as_bytes()))
            })
        })?;
    let caption = text[..at].trim_end();
    let credit_text = text[at..].trim().trim_end_matches('.');
    // "Credit...Ann Lee": the label is the page's, the credit the name.
    let credit_text = ["credit...", "credit…"]
        .iter()
        .find_map(|label| {
            credit_text
                .get(..label.len())
                .filter(|head| head.eq_ignore_ascii_case(label))
                .map(|_| &credit_text[label.len()..])
        })
        .unwrap_or(credit_text);
    if credit_text.len() > 120 || caption.is_empty() {
        return None;
    }
    // A licence after the credit: "Photo: Ann Lee. CC BY 4.0".
    let (credit, license) = match credit_text.rfind(". ") {
        Some(dot)
            if LICENSES
                .iter()
                .any(|l| credit_text[dot + 2..].to_lowercase().starts_with(l)) =>
        {
            (&credit_text[..dot], Some(credit_text[dot + 2..].to_owned()))
        }
        _ => (credit_text, None),
    };
    Some(Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license,
    })
}

fn split_parenthesised_credit(text: &str, first_paragraph: bool) -> Option<Caption> {
    let open = text.rfind('(')?;
    let close = open + text[open..].find(')')?;
    let credit = text[open + 1..close].trim();
    let tail = text[close + 1..]
        .trim()
        .trim_start_matches('.')
        .trim()
        .trim_end_matches('.');
    // What rules it out without lowering anything: a long credit, or a
    // tail too long to be a licence (most brackets stand mid-paragraph).
    if credit.len() > 120 || tail.len() > 60 {
        return None;
    }
    let credit_lower = credit.to_lowercase();
    let tail_lower = tail.to_lowercase();
    let is_license =
        tail.is_empty() || (tail.len() <= 60 && LICENSES.iter().any(|l| tail_lower.starts_with(l)));
    let names_photo = ["photo", "image", "picture"]
        .iter()
        .any(|c| credit_lower.contains(c));
    // "Photo taken Feb. 19 shows … (Kyodo)": a caption that says it is one,
    // credited to a name.
    let photo_lead = [
        "photo taken",
        "photo shows",
        "file photo",
        "picture taken",
        "picture shows",
        "image taken",
        "image shows",
    ]
    .iter()
    .any(|lead| {
        text.as_bytes()
            .get(..lead.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(lead.as_bytes()))
    });
    let credit_name = credit.split_whitespace().count() <= 4
        && credit.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit())
        });
    let cue = CREDIT_CUES.iter().any(|c| credit_lower.contains(c)) || (photo_lead && credit_name);
    let names_photo = names_photo || photo_lead;
    if !is_license
        || !cue
        || credit.len() > 120
        || !(first_paragraph || names_photo || !tail.is_empty())
    {
        return None;
    }
    let caption = text[..open].trim_end().to_owned();
    if caption.is_empty() {
        return None;
    }
    Some(Caption {
        text: caption,
        credit: Some(credit.to_owned()),
        license: (!tail.is_empty()).then(|| tail.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
