//! The byline area of a pasted post: publication, title, subtitle, author,
//! date and engagement counts, told apart from the body that follows.

use super::caption::split_caption;
use super::{MAX_WRAPPED_LINE, Rules, looks_like_heading, underline_level};
use crate::core::model::{Engagement, Meta};
use crate::core::parse::{dateline, message};

/// How far into the text the byline area may reach, in non-empty lines.
const HEADER_WINDOW: usize = 30;
/// Lines longer than this, in characters, are prose, never a title or
/// byline item. A standfirst may run to two sentences (at 160 bytes, one of
/// 165 characters with curly quotes ended the byline area).
const MAX_HEADER_LINE: usize = 250;

/// Reads the byline area into `meta` and returns the index of the first body
/// line, and of a photo caption that stood among the byline area's texts.
pub(super) fn read_header(
    lines: &[&str],
    rules: &Rules,
    meta: &mut Meta,
) -> (usize, Option<usize>) {
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
    let mut seen_sender = false;
    let mut seen_signature = false;
    let mut seen_reading_time = false;
    let mut header_end: Option<usize> = None;
    let mut author_line: Option<usize> = None;
    let mut header_caption: Option<usize> = None;
    // A message's header lines pasted or forwarded with it ("From: …",
    // "Subject: …", "Date: …"): one run of them among the first lines, two
    // kinds at least, one the sender or the subject. An email quoted
    // further down is the body's.
    let mail_block = window
        .iter()
        .take(MAIL_BLOCK_WITHIN)
        .position(|&i| mail_header(lines[i]).is_some())
        // Under a sentence or a lead-in ("The union wrote to members:"),
        // a quoted email is the body's.
        .filter(|&first| {
            window[..first].iter().all(|&i| {
                let line = lines[i];
                is_forward_marker(line) || !(reads_as_sentence(line) || line.ends_with(':'))
            })
        })
        .map(|first| {
            let start = window[first];
            let run = lines[start..]
                .iter()
                .take_while(|l| mail_header(l).is_some())
                .count();
            // The marker a forward sets above it goes with it.
            let above = lines[..start].iter().rposition(|l| !l.is_empty());
            let from = above
                .filter(|&a| is_forward_marker(lines[a]))
                .unwrap_or(start);
            from..start + run
        })
        .filter(|block| {
            let labels: Vec<MailLabel> = lines[block.clone()]
                .iter()
                .filter_map(|l| Some(mail_header(l)?.0))
                .collect();
            labels
                .iter()
                .any(|l| matches!(l, MailLabel::From | MailLabel::Subject))
                && labels.iter().any(|l| *l != labels[0])
        });
    let mut subject: Option<&str> = None;
    for &i in &window {
        let line = lines[i];
        if line.len() > MAX_HEADER_LINE && line.chars().count() > MAX_HEADER_LINE {
            break;
        }
        if mail_block.as_ref().is_some_and(|block| block.contains(&i)) {
            match mail_header(line) {
                Some((MailLabel::From, sender)) => {
                    if let Some(name) = sender_display(sender) {
                        let (author, publication) = message::sender_byline(name);
                        byline_author = author.map(str::to_owned).or(byline_author);
                        byline_publication = Some(publication.to_owned());
                    }
                    seen_sender = true;
                }
                Some((MailLabel::Subject, text)) => subject = Some(without_reply_marks(text)),
                Some((MailLabel::Date, date)) => {
                    let date = dateline::find_date(date).or_else(|| numeric_date(date));
                    if let Some(date) = date.filter(|_| !seen_date) {
                        meta.published = Some(dateline::date_text(date));
                        seen_date = true;
                    }
                }
                _ => {}
            }
            header_end = Some(i + 1);
            continue;
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
        } else if is_reading_time(line) {
            // "4–5 minutes" (a browser's reader view), "5 min read": a
            // byline's last line, as a date is; a name right above it is
            // the author's.
            if byline_author.is_none()
                && avatar_name.is_none()
                && let Some(&(at, name)) = texts.last()
                && at + 1 == i
                && texts.len() >= 2
                && looks_like_name(name)
            {
                byline_author = Some(name.to_owned());
                texts.pop();
            }
            seen_reading_time = true;
            header_end = Some(i + 1);
        } else if let Some(url) = bare_address(line).filter(|_| seen_reading_time || i < 8) {
            // The page's address or site above the title in a reader view.
            meta.url.get_or_insert_with(|| url.to_owned());
            header_end = Some(i + 1);
        } else if Rules::matches(&rules.header, line) || (seen_date && is_listening_time(line)) {
            seen_signature |= Rules::matches(&rules.signature, line);
            header_end = Some(i + 1);
        } else if let Some(name) = sender_name(line).filter(|_| {
            // An email's sender, as a mail client's page shows it: its
            // buttons or the date follow ("Name <address>" also heads a
            // licence's copyright line).
            !seen_sender
                && lines[i + 1..]
                    .iter()
                    .filter(|l| !l.is_empty())
                    .take(2)
                    .any(|l| Rules::matches(&rules.header, l) || is_short_date(l))
        }) {
            let (author, publication) = message::sender_byline(name);
            byline_author = author.map(str::to_owned).or(byline_author);
            byline_publication = Some(publication.to_owned());
            seen_sender = true;
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
        } else if texts.len() >= 2 && count_value(line).is_some() {
            // "232" beside a speech bubble under the standfirst: the
            // comments a newspaper counts, neither title nor subtitle.
        } else if is_lead_picture_credit(line) {
            // "Illustration by The Harbour Review. Sources: Getty.": the
            // credit of the picture over the story, in its byline area.
        } else if split_caption(line, false).is_some() {
            // A photo's caption between the standfirst and the byline is
            // neither title nor subtitle.
            header_caption.get_or_insert(i);
        } else if avatar_name.is_none()
            && texts
                .last()
                .is_some_and(|&(at, last)| last == line && at + 1 == i)
            && looks_like_name(line)
        {
            // "Ana Ruiz" twice on adjacent lines: the profile photo's alt
            // text, then the name, as LinkedIn sets a byline (a
            // publication's name given twice stands apart).
            texts.pop();
            avatar_name = Some(line.to_owned());
            header_end = Some(i + 1);
        } else if avatar_name.is_some() && is_profile_headline(line) {
            // "Defence analyst | Writing on Japan": the author's headline
            // under the name, neither title nor subtitle.
            header_end = Some(i + 1);
        } else {
            texts.push((i, line));
        }
    }

    let Some(header_end) = header_end.filter(|_| {
        seen_date
            || seen_sender
            || seen_signature
            || seen_reading_time
            || avatar_name.is_some()
            || byline_author.is_some()
    }) else {
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
    if let Some(subject) = subject.filter(|s| !s.is_empty()) {
        meta.title = Some(subject.to_owned());
    }
    if meta.publication.is_none() {
        meta.publication = byline_publication;
    }
    let mut header_end = issue_headline(lines, header_end, meta).unwrap_or(header_end);
    // A platform's line alone over the post ("View this email in your
    // browser"): the post's own title line comes after it.
    if meta.title.is_none() && seen_signature && !seen_date && texts.is_empty() {
        header_end += read_bare_title(&lines[header_end..], meta);
    }
    (header_end, header_caption.filter(|&c| c < header_end))
}

/// "The Pacific Brief" over "Issue 112 · 5 September 2025", then "Japan
/// opens its satellite archive to Kyiv" over the first paragraph: a
/// newsletter's name over the issue's date, and the issue's headline after
/// it. The name is the publication and the headline the title; returns
/// where the body then starts.
fn issue_headline(lines: &[&str], header_end: usize, meta: &mut Meta) -> Option<usize> {
    let name = meta.title.as_deref()?;
    if meta.publication.is_some()
        || meta.subtitle.is_some()
        || meta.author.is_some()
        || meta.published.is_none()
        || !is_masthead_name(name)
    {
        return None;
    }
    let mut next = (header_end..lines.len()).filter(|&i| !lines[i].is_empty());
    let headline_at = next.next()?;
    let first_paragraph = lines[next.next()?];
    let headline = lines[headline_at];
    let stands_over_prose = headline.split_whitespace().count() >= 4
        && looks_like_heading(headline)
        && reads_as_sentence(first_paragraph);
    if !stands_over_prose {
        return None;
    }
    meta.publication = meta.title.take();
    meta.title = Some(headline.to_owned());
    Some(headline_at + 1)
}

/// Whether line `i` stands between two other lines with no blank line, as a
/// page's elements do when copied; a heading of the body has blank lines
/// around it.
pub(super) fn packed(lines: &[&str], i: usize) -> bool {
    i > 0 && !lines[i - 1].is_empty() && lines.get(i + 1).is_some_and(|l| !l.is_empty())
}

/// "The ministry sent drones on 1 March 2024.": a short sentence of the body
/// that happens to hold a date, not a byline's date line ("Published on
/// March 3, 2024.", "8 min read · Mar 3, 2024").
pub(super) fn reads_as_sentence(line: &str) -> bool {
    let end = line.trim_end_matches(['"', '\'', '”', '’', ')']);
    end.ends_with(['.', '!', '?']) && line.split_whitespace().count() >= 7
}

/// A plain article: a short first line without closing punctuation is its title.
pub(super) fn read_bare_title(lines: &[&str], meta: &mut Meta) -> usize {
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
pub(super) fn text_groups(texts: &[(usize, &str)]) -> (Option<String>, Vec<String>) {
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
pub(super) fn push_texts(out: &mut Vec<String>, lines: &[&str]) {
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
pub(super) const MIN_WRAPPED_WIDTH: usize = 35;

/// Letters all in capitals, two at least: "POLITICO", "KYODO NEWS".
pub(super) fn is_capitals(text: &str) -> bool {
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !text.contains(char::is_lowercase)
}

/// A site's name above its menu: a few words, no sentence or list.
pub(super) fn is_masthead_name(text: &str) -> bool {
    text.split_whitespace().count() <= 6 && !text.contains([',', '.', '!', '?', ':'])
}

/// Assigns the byline area's texts: the author (from an avatar, "By", or the
/// name-like line before the date), the publication (its name twice, as logo
/// alt text and as text, or the first of three or more texts), and the title
/// and subtitle (the last two texts: tag lines come before the title).
pub(super) fn assign_header_texts(mut texts: Vec<String>, author: Option<String>, meta: &mut Meta) {
    let author = author.or_else(|| {
        let last = texts.last().filter(|_| texts.len() >= 2)?;
        let last = without_shift_marks(last);
        let name = Some(name_before_place(&last))
            .filter(|n| looks_like_name(n) || is_collective_byline(n))?
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
    // "Asia", "Opinion", "Japan" over the headline: the site's section or
    // the story's country, not the site's name.
    if meta.publication.is_none() && texts.len() >= 2 && is_kicker(&texts[0]) {
        texts.remove(0);
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
        _ if summary_under_headline(&texts) => {
            // A section's name or a kicker may stand before the headline.
            meta.subtitle = Some(format!("{} · {}", texts[n - 2], texts[n - 1]));
            meta.title = Some(texts.swap_remove(n - 3));
        }
        _ => {
            meta.subtitle = texts.pop();
            meta.title = texts.pop();
        }
    }
}

/// The sections a news site files its stories under, named over a
/// headline or before a date.
const SECTIONS: &[&str] = &[
    "opinion",
    "analysis",
    "commentary",
    "comment",
    "editorial",
    "feature",
    "features",
    "review",
    "interview",
    "explainer",
    "live",
    "breaking",
    "breaking news",
    "exclusive",
    "investigation",
    "world",
    "world news",
    "international",
    "national",
    "asia",
    "asia-pacific",
    "asia pacific",
    "europe",
    "americas",
    "africa",
    "middle east",
    "politics",
    "business",
    "markets",
    "economy",
    "defence",
    "defense",
    "security",
    "diplomacy",
    "climate",
    "environment",
    "sport",
    "sports",
    "culture",
    "arts",
    "science",
    "technology",
    "tech",
    "health",
    "ideas",
    "books",
    "travel",
    "food",
    "media",
    "education",
    "magazine",
    "weekend",
    "obituaries",
    "letters",
    "leaders",
    "briefing",
    "by invitation",
    "finance & economics",
    "the americas",
    "middle east & africa",
    "graphic detail",
    "special report",
];

/// Countries and a few territories: a news site's kicker over a headline
/// ("Japan", "South Korea") names where the story happens, not the site.
/// No site is named after a country alone.
const PLACES: &[&str] = &[
    "afghanistan",
    "albania",
    "algeria",
    "andorra",
    "angola",
    "antigua and barbuda",
    "argentina",
    "armenia",
    "australia",
    "austria",
    "azerbaijan",
    "bahamas",
    "bahrain",
    "bangladesh",
    "barbados",
    "belarus",
    "belgium",
    "belize",
    "benin",
    "bhutan",
    "bolivia",
    "bosnia and herzegovina",
    "botswana",
    "brazil",
    "britain",
    "brunei",
    "bulgaria",
    "burkina faso",
    "burma",
    "burundi",
    "cabo verde",
    "cambodia",
    "cameroon",
    "canada",
    "central african republic",
    "chad",
    "chile",
    "china",
    "colombia",
    "comoros",
    "congo",
    "costa rica",
    "crimea",
    "croatia",
    "cuba",
    "cyprus",
    "czech republic",
    "czechia",
    "democratic republic of congo",
    "denmark",
    "djibouti",
    "dominica",
    "dominican republic",
    "dr congo",
    "east timor",
    "ecuador",
    "egypt",
    "el salvador",
    "equatorial guinea",
    "eritrea",
    "estonia",
    "eswatini",
    "ethiopia",
    "fiji",
    "finland",
    "france",
    "gabon",
    "gambia",
    "gaza",
    "georgia",
    "germany",
    "ghana",
    "great britain",
    "greece",
    "greenland",
    "grenada",
    "guatemala",
    "guinea",
    "guinea-bissau",
    "guyana",
    "haiti",
    "honduras",
    "hong kong",
    "hungary",
    "iceland",
    "india",
    "indonesia",
    "iran",
    "iraq",
    "ireland",
    "israel",
    "italy",
    "ivory coast",
    "jamaica",
    "japan",
    "jordan",
    "kazakhstan",
    "kenya",
    "kiribati",
    "kosovo",
    "kuwait",
    "kyrgyzstan",
    "laos",
    "latvia",
    "lebanon",
    "lesotho",
    "liberia",
    "libya",
    "liechtenstein",
    "lithuania",
    "luxembourg",
    "madagascar",
    "malawi",
    "malaysia",
    "maldives",
    "mali",
    "malta",
    "marshall islands",
    "mauritania",
    "mauritius",
    "mexico",
    "micronesia",
    "moldova",
    "monaco",
    "mongolia",
    "montenegro",
    "morocco",
    "mozambique",
    "myanmar",
    "namibia",
    "nauru",
    "nepal",
    "netherlands",
    "new zealand",
    "nicaragua",
    "niger",
    "nigeria",
    "north korea",
    "north macedonia",
    "norway",
    "oman",
    "pakistan",
    "palau",
    "palestine",
    "panama",
    "papua new guinea",
    "paraguay",
    "peru",
    "philippines",
    "poland",
    "portugal",
    "qatar",
    "romania",
    "russia",
    "rwanda",
    "saint lucia",
    "samoa",
    "san marino",
    "saudi arabia",
    "senegal",
    "serbia",
    "seychelles",
    "sierra leone",
    "singapore",
    "slovakia",
    "slovenia",
    "solomon islands",
    "somalia",
    "south africa",
    "south korea",
    "south sudan",
    "spain",
    "sri lanka",
    "sudan",
    "suriname",
    "sweden",
    "switzerland",
    "syria",
    "taiwan",
    "tajikistan",
    "tanzania",
    "thailand",
    "the gambia",
    "the netherlands",
    "the philippines",
    "the west bank",
    "timor-leste",
    "togo",
    "tonga",
    "trinidad and tobago",
    "tunisia",
    "turkey",
    "turkmenistan",
    "tuvalu",
    "türkiye",
    "u.k.",
    "u.s.",
    "uganda",
    "uk",
    "ukraine",
    "united arab emirates",
    "united kingdom",
    "united states",
    "uruguay",
    "us",
    "usa",
    "uzbekistan",
    "vanuatu",
    "vatican",
    "venezuela",
    "vietnam",
    "west bank",
    "yemen",
    "zambia",
    "zimbabwe",
];

/// "Illustration by The Harbour Review. Sources: Getty; Alamy.",
/// "Photograph by Ann Lee for The Harbour Review": a credit alone on a
/// line, as a magazine prints it under its lead picture.
fn is_lead_picture_credit(line: &str) -> bool {
    line.split_whitespace().count() <= 20
        && super::leading_label(line, &super::PICTURE_CREDIT_LEADS).is_some()
}

/// "The editorial board", "Our correspondent": a byline that names no one.
fn is_collective_byline(text: &str) -> bool {
    const COLLECTIVE: [&str; 8] = [
        "the editorial board",
        "editorial board",
        "the editors",
        "the editorial team",
        "our correspondent",
        "our correspondents",
        "our foreign staff",
        "staff and agencies",
    ];
    text.len() <= 24 && COLLECTIVE.contains(&text.to_lowercase().as_str())
}

/// "Asia", "World News", "Leaders | Japan and Ukraine": a section's name,
/// alone or over the story's topic.
fn is_section(text: &str) -> bool {
    let name = text.split_once(" | ").map_or(text, |(section, _)| section);
    name.len() <= 24 && SECTIONS.contains(&name.trim().to_lowercase().as_str())
}

/// A kicker over a headline: a section's name or a country's ("Japan").
fn is_kicker(text: &str) -> bool {
    is_section(text) || (text.len() <= 34 && PLACES.contains(&text.trim().to_lowercase().as_str()))
}

/// "ANN LEE and BO KIM", as a wire service writes its reporters' names:
/// "Ann Lee and Bo Kim". None when a name is not all in capitals.
pub(super) fn unshouted_names(names: &str) -> Option<String> {
    let words: Vec<&str> = names.split_whitespace().collect();
    let shouted = |w: &&str| {
        w.len() >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || matches!(c, '\'' | '-' | '.' | ','))
            && w.chars().any(|c| c.is_ascii_uppercase())
    };
    let joins = |w: &&str| matches!(*w, "and" | "&" | ",");
    // An agency's name is written so too: "AFP", "REUTERS STAFF".
    const AGENCIES: [&str; 20] = [
        "AP",
        "AFP",
        "UPI",
        "DPA",
        "EFE",
        "PTI",
        "ANI",
        "IANS",
        "ANSA",
        "BBC",
        "CNN",
        "NHK",
        "REUTERS",
        "BLOOMBERG",
        "XINHUA",
        "KYODO",
        "YONHAP",
        "TASS",
        "STAFF",
        "WIRE",
    ];
    let agency = |w: &&str| AGENCIES.contains(&w.trim_end_matches([',', '.']));
    if !words.iter().all(|w| shouted(w) || joins(w))
        || words.iter().filter(|w| shouted(w)).count() < 2
        || words.iter().any(agency)
    {
        return None;
    }
    let word = |w: &str| {
        // "O'NEILL" → "O'Neill", "SMITH-JONES" → "Smith-Jones".
        let mut out = String::with_capacity(w.len());
        let mut start = true;
        for c in w.chars() {
            out.push(if start { c } else { c.to_ascii_lowercase() });
            start = matches!(c, '\'' | '-');
        }
        out
    };
    Some(
        words
            .iter()
            .map(|w| if joins(w) { (*w).to_owned() } else { word(w) })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// "Ann Lee (now) and Bo Kim (earlier)": a live blog's writers, each
/// with the shift they wrote; the names alone.
fn without_shift_marks(text: &str) -> std::borrow::Cow<'_, str> {
    const SHIFTS: [&str; 3] = [" (now)", " (earlier)", " (later)"];
    if !text.ends_with(')') || !SHIFTS.iter().any(|s| text.contains(s)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut names = text.to_owned();
    for shift in SHIFTS {
        names = names.replace(shift, "");
    }
    std::borrow::Cow::Owned(names)
}

/// "Ruth Ingram in Tokyo": a reporter's name and where they file from, or
/// the whole text when it names no place.
pub(super) fn name_before_place(text: &str) -> &str {
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
pub(super) fn names_then_headline(texts: &[String]) -> bool {
    let [first, second] = texts else {
        return false;
    };
    first.split_whitespace().count() <= 4
        && !first.ends_with(['.', '!', '?', ':'])
        && is_headline_case(second)
}

/// "4:12" alone under the date: how long the article's audio version runs,
/// beside its "Listen" button.
/// "4–5 minutes", "5 minutes", "5 min read", "12 mins": how long a post
/// takes to read, as a byline or a reader view gives it.
fn is_reading_time(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    let rest = lower.strip_suffix(" read").unwrap_or(&lower);
    let Some(number) = ["minutes", "minute", "mins", "min"]
        .iter()
        .find_map(|unit| rest.strip_suffix(unit))
    else {
        return false;
    };
    let number = number.trim_end();
    !number.is_empty()
        && number.len() <= 7
        && number
            .split(['–', '-'])
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// "pacificbrief.example", "https://harbour.example/p/tug-strike": a line
/// that is only a site's or a page's address, as "https://…".
fn bare_address(line: &str) -> Option<String> {
    let line = line.trim();
    let rest = line
        .strip_prefix("https://")
        .or_else(|| line.strip_prefix("http://"))
        .unwrap_or(line);
    let host = rest.split('/').next()?;
    let labels: Vec<&str> = host.split('.').collect();
    // Lowercase, as browsers show addresses: "Mr.Smith" is no host.
    let is_host = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    (is_host && !line.contains(char::is_whitespace) && line.len() <= 200).then(|| {
        if rest.len() == line.len() {
            format!("https://{line}")
        } else {
            line.to_owned()
        }
    })
}

fn is_listening_time(line: &str) -> bool {
    let parts: Vec<&str> = line.split(':').collect();
    (2..=3).contains(&parts.len())
        && (1..=2).contains(&parts[0].len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[1..].iter().all(|p| p.len() == 2)
}

/// "Japan to Share Radar Data With Ukraine in Aid Push" over two points
/// written as sentences without full stops ("Tokyo expands non-lethal
/// support to include imagery"): a headline and the summary a financial
/// wire sets under it, as the last three texts before the byline.
fn summary_under_headline(texts: &[String]) -> bool {
    let [.., headline, first, second] = texts else {
        return false;
    };
    let point = |t: &str| {
        t.split_whitespace().count() >= 4
            && !t.ends_with(['.', '!', '?', ':'])
            && !is_headline_case(t)
    };
    headline.split_whitespace().count() >= 6
        && is_headline_case(headline)
        && point(first)
        && point(second)
}

/// Most words of four letters or more capitalised, at least three of them.
pub(super) fn is_headline_case(text: &str) -> bool {
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
pub(super) fn avatar_owner(line: &str) -> Option<&str> {
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
pub(super) fn posted_by(line: &str) -> Option<&str> {
    let (_, name) = line.rsplit_once(" by ")?;
    let name = name.trim();
    looks_like_name(name).then_some(name)
}

/// "KYODO NEWS - Feb 19, 2024 - 18:05": a news agency's dateline, its
/// name before the date. Not a label ("Updated - …") or a day's name.
pub(super) fn name_before_date(line: &str) -> Option<&str> {
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
    let (name, after) = line.split_once(" - ").or_else(|| line.split_once(" | "))?;
    let name = name.trim();
    // A section where an agency prints its name.
    if is_section(name) {
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
pub(super) fn byline(line: &str) -> Option<(&str, Option<&str>)> {
    let rest = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))?;
    let part = rest.split(['|', '·', '∙', '•', '—', '–']).next()?.trim();
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

/// How many of the first non-empty lines a message's header block may
/// start after (Gmail's page puts the subject, labels, sender and date of
/// the forwarding message above it).
const MAIL_BLOCK_WITHIN: usize = 10;

/// The header fields of a message that a pasted one shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MailLabel {
    From,
    Subject,
    Date,
    /// Recipients and the like: dropped.
    Other,
}

/// "Subject: Night tows" → (Subject, "Night tows"): a message's header line
/// as mail clients show a message pasted or forwarded.
fn mail_header(line: &str) -> Option<(MailLabel, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = match label.trim().to_ascii_lowercase().as_str() {
        "from" => MailLabel::From,
        "subject" => MailLabel::Subject,
        "date" | "sent" => MailLabel::Date,
        "to" | "cc" | "bcc" | "reply-to" => MailLabel::Other,
        _ => return None,
    };
    Some((label, value.trim()))
}

/// The name in a "From:" field: "Ann Lee <ann@…>", Outlook's "Ann Lee
/// [mailto:ann@…]", or a bare name; none for a bare address.
fn sender_display(field: &str) -> Option<&str> {
    if let Some(name) = sender_name(field) {
        return Some(name);
    }
    let name = match field.split_once("[mailto:") {
        Some((name, _)) => name,
        None => field,
    };
    let name = name.trim().trim_matches('"').trim();
    (!name.is_empty() && !name.contains('@')).then_some(name)
}

/// "---------- Forwarded message ---------" (Gmail), "Begin forwarded
/// message:" (Apple Mail), "-----Original Message-----" (Outlook).
fn is_forward_marker(line: &str) -> bool {
    let words = line.trim_matches(|c: char| c == '-' || c == '_' || c == ':' || c.is_whitespace());
    let words = words.to_ascii_lowercase();
    matches!(
        words.as_str(),
        "forwarded message" | "begin forwarded message" | "original message" | ""
    ) && line.len() >= 5
}

/// "10/14/2025" (Outlook in the United States), "14/10/2025" or
/// "14.10.2025" (elsewhere): a numeric date in a message's date field, its
/// order told by a part over 12; none when both could be the month.
fn numeric_date(field: &str) -> Option<jiff::civil::Date> {
    field.split_whitespace().find_map(|word| {
        let parts: Vec<&str> = word.trim_end_matches(',').split(['/', '.']).collect();
        let [a, b, year] = parts[..] else {
            return None;
        };
        let (a, b) = (a.parse::<i8>().ok()?, b.parse::<i8>().ok()?);
        let year = (year.len() == 4).then(|| year.parse::<i16>().ok())??;
        let (month, day) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            _ => return None,
        };
        jiff::civil::Date::new(year, month, day).ok()
    })
}

/// A subject without the "Fwd:" or "Re:" a forward or reply put before it.
fn without_reply_marks(subject: &str) -> &str {
    let mut subject = subject.trim();
    while let Some((mark, rest)) = subject.split_once(':') {
        if !matches!(
            mark.trim().to_ascii_lowercase().as_str(),
            "fwd" | "fw" | "re"
        ) {
            break;
        }
        subject = rest.trim();
    }
    subject
}

/// A line that is a date and little more ("Fri, Sep 5, 2025, 7:14 AM").
fn is_short_date(line: &str) -> bool {
    line.len() <= 60 && !reads_as_sentence(line) && dateline::find_date(line).is_some()
}

/// "The Harbour Desk <desk@harbourdesk.example>": the name of an email's
/// sender over its address, as a mail client shows them.
fn sender_name(line: &str) -> Option<&str> {
    let (name, address) = line.strip_suffix('>')?.rsplit_once('<')?;
    let name = name.trim().trim_matches('"').trim();
    let is_address = address.contains('@') && !address.contains(char::is_whitespace);
    (is_address && !name.is_empty() && name.split_whitespace().count() <= 8).then_some(name)
}

/// "Defence analyst | Writing on Japan and Ukraine": a profile's headline,
/// roles set apart by bars or bullets.
fn is_profile_headline(line: &str) -> bool {
    line.split(['|', '•', '·'])
        .filter(|part| !part.trim().is_empty())
        .count()
        >= 2
        && !reads_as_sentence(line)
}

/// "44", "1.2K", "3M": a like/comment/restack count.
pub(super) fn count_value(line: &str) -> Option<u64> {
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
pub(super) fn looks_like_name(text: &str) -> bool {
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
