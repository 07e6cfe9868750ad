//! Parsers, one per input format, all producing [`Meta`] plus [`Block`]s from
//! already-sanitized text.

pub mod dateline;
pub mod epub;
pub mod feed;
pub mod html;
pub mod markdown;
pub mod message;
pub mod org;
pub mod plain;
pub mod rules;
mod sink;

use crate::core::model::{Block, Format, Meta};

/// How much of the start of a text the detection looks at.
pub(crate) const DETECT_LEN: usize = 64 * 1024;

/// Guesses the format from the content; the file name is only a tie-breaker.
pub fn detect_format(text: &str, name: Option<&str>) -> Format {
    let head = text.trim_start();
    let head = &head[..floor_char_boundary(head, DETECT_LEN)];
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if head.starts_with('{') {
        if head.contains("\"articles\"") && head.contains("\"blocks\"") {
            return Format::GlossJson;
        }
        if head.contains("jsonfeed.org/version/1") {
            return Format::Feed;
        }
    }
    if message::looks_like_message(head) {
        return Format::Message;
    }
    let markdown_name = matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd");
    if head.starts_with('<') {
        let root = root_element(head);
        // A README.md may open with HTML (a centred title, badges): Markdown
        // holds HTML, so only a whole page is read as one.
        if markdown_name
            && root.as_deref() != Some("html")
            && !head
                .get(..9)
                .is_some_and(|d| d.eq_ignore_ascii_case("<!doctype"))
        {
            return Format::Markdown;
        }
        match root.as_deref() {
            Some("rss") | Some("rdf:rdf") => return Format::Feed,
            Some("feed") if head.contains("http://www.w3.org/2005/Atom") => return Format::Feed,
            Some("html") => return Format::Html,
            _ => {}
        }
        if head
            .get(..9)
            .is_some_and(|d| d.eq_ignore_ascii_case("<!doctype"))
            || html_tag_count(head) >= 3
            || (matches!(ext.as_str(), "html" | "htm" | "xhtml") && html_tag_count(head) >= 1)
        {
            return Format::Html;
        }
        if matches!(ext.as_str(), "xml" | "rss" | "atom") && root.is_some() {
            return Format::Feed;
        }
    }
    // A README.md with many `<details>`, `<summary>` and `<b>` is still
    // Markdown: by name, only a whole page (above) is read as HTML.
    if markdown_name {
        return Format::Markdown;
    }
    if ext == "org" || org::looks_like_org(head) {
        return Format::Org;
    }
    if html_tag_count(head) >= 20 {
        return Format::Html;
    }
    if markdown::has_front_matter(head) || looks_like_markdown(head) {
        return Format::Markdown;
    }
    Format::PlainText
}

fn floor_char_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The name of the first element, after the XML prolog, comments and doctype.
fn root_element(head: &str) -> Option<String> {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = &r[r.find('>')? + 1..];
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
        .collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// Closing tags of common HTML elements (after their `</`): prose rarely
/// contains them.
const CLOSING_TAGS: [&[u8]; 13] = [
    b"p>",
    b"div>",
    b"a>",
    b"li>",
    b"h1>",
    b"h2>",
    b"h3>",
    b"span>",
    b"em>",
    b"strong>",
    b"blockquote>",
    b"article>",
    b"body>",
];

/// How many [`CLOSING_TAGS`] `head` holds, in any case. One pass over the
/// tags: a search per tag over a lowercased copy was a third of parsing a
/// 6 KB text.
fn html_tag_count(head: &str) -> usize {
    let bytes = head.as_bytes();
    // Over the `<`s, not a `memmem` search for "</": building that
    // searcher cost the first screen 20 µs.
    memchr::memchr_iter(b'<', bytes)
        .filter(|&at| {
            let Some(rest) = bytes.get(at + 1..).and_then(|r| r.strip_prefix(b"/")) else {
                return false;
            };
            CLOSING_TAGS.iter().any(|tag| {
                rest.get(..tag.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(tag))
            })
        })
        .count()
}

/// Markdown syntax dense enough that the text cannot be pasted prose: ATX
/// headings with other syntax, fenced code, or several inline links/images.
/// Lists and a stray `#` alone do not count: pasted newsletters have them too.
fn looks_like_markdown(head: &str) -> bool {
    let mut headings = 0;
    let mut fences = 0;
    let mut links = 0;
    let mut emphasis = 0;
    let mut previous = "";
    for line in head.lines() {
        let t = line.trim_start();
        let hashes = t.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && t.len() > hashes + 1 {
            headings += 1;
        }
        if is_setext_underline(t.trim_end(), previous) {
            headings += 1;
        }
        previous = t.trim_end();
        if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        }
        links += count_links(t);
        emphasis += t.matches("**").count() / 2;
    }
    (headings >= 1 && headings + fences / 2 + links + emphasis >= 2) || fences >= 2 || links >= 2
}

/// "Background\n----------": a line of `=` or `-` under a line of text, about
/// as long as it (a short rule under a long line is a separator).
fn is_setext_underline(line: &str, above: &str) -> bool {
    let Some(mark) = line.chars().next().filter(|c| matches!(c, '=' | '-')) else {
        return false;
    };
    let len = line.chars().count();
    let above_len = above.chars().count();
    len >= 3
        && line.chars().all(|c| c == mark)
        && above_len > 0
        && !above.starts_with(['-', '=', '*', '+', '>', '#'])
        && len * 2 >= above_len
        && len <= above_len * 2
}

/// `[text](target)` occurrences in a line.
fn count_links(line: &str) -> usize {
    line.match_indices("](")
        .filter(|&(i, _)| {
            line[..i].contains('[') && line[i + 2..].find(')').is_some_and(|end| end > 0)
        })
        .count()
}

/// Parses sanitized text of a known format into metadata and blocks; a feed
/// gives its first item (see [`parse_all`] for all of them).
pub fn parse(text: String, format: Format) -> (Meta, Vec<Block>) {
    parse_all(text, format)
        .into_iter()
        .next()
        .unwrap_or_else(|| {
            (
                Meta {
                    format,
                    ..Meta::default()
                },
                Vec::new(),
            )
        })
}

/// Parses sanitized text of a known format: one article, or one per feed item.
/// Plain text is parsed in its own buffer, which its blocks then share.
pub fn parse_all(text: String, format: Format) -> Vec<(Meta, Vec<Block>)> {
    let mut out = match format {
        Format::Markdown => vec![markdown::parse(&text)],
        Format::Html => vec![html::parse_owned(text)],
        Format::Feed => match feed::parse(&text) {
            Some(items) => items,
            // Not a readable feed after all: its text is still worth showing.
            None => {
                let (mut meta, blocks) =
                    plain::parse(crate::core::sanitize::sanitize(&html::text_content(&text)));
                meta.notices
                    .push("the feed could not be read: shown as plain text".to_owned());
                vec![(meta, blocks)]
            }
        },
        Format::Message => vec![message::parse(&text)],
        Format::Org => vec![org::parse(&text)],
        // An EPUB never arrives as text (see `load`): read as any text.
        Format::PlainText | Format::GlossJson | Format::Epub => vec![plain::parse(text)],
    };
    for (meta, _) in &mut out {
        meta.format = format;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the count means: each closing tag of the list, in any case,
    /// searched for on its own.
    fn reference_count(head: &str) -> usize {
        let lower = head.to_ascii_lowercase();
        CLOSING_TAGS
            .iter()
            .map(|tag| {
                let tag = format!("</{}", std::str::from_utf8(tag).unwrap());
                lower.matches(tag.as_str()).count()
            })
            .sum()
    }

    #[test]
    fn closing_tags_are_counted_in_any_case_and_only_whole() {
        let cases = [
            "<p>One</p><P>two</P>",
            "</pre></path></a ></span></SPAN></blockquote></article></body>",
            "a</b>c</em></Strong></</p></h1></h4>",
            "no tags at all, only 1 < 2 and x </ y",
            "</",
            "ünïcode </DIV>é</li>",
        ];
        for case in cases {
            assert_eq!(html_tag_count(case), reference_count(case), "{case:?}");
        }
        assert_eq!(html_tag_count("<p>One</p><P>two</P>"), 2);
        assert_eq!(html_tag_count("</pre></path></a >"), 0);
    }
}
