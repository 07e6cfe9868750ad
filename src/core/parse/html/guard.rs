//! Linear scans over raw HTML that need no tree, all reading the page with
//! one scanner ([`segments`]): how deep the elements nest (to refuse
//! pathological pages before parsing), the text content (what such pages
//! are read as instead), and the page's prose with its places (what `gloss
//! terms` and `gloss timex` look at).

use crate::core::prose::Prose;
use crate::core::text::CharCounter;
use std::borrow::Cow;

/// Elements that never hold children, or whose end tag may be left out (the
/// parser closes them itself), so they do not deepen the nesting.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "rp", "rt", "colgroup", "html", "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Elements that separate paragraphs in the text content.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "ul",
    "ol",
    "table",
    "br",
    "hr",
];

/// One tag as the scanner sees it.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    /// Byte index just past the tag.
    end: usize,
}

/// Reads the tag starting at `at` (a `<`); `None` when it is not a tag.
fn tag_at(html: &str, at: usize) -> Option<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut i = at + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == start || !bytes[start].is_ascii_alphabetic() {
        return None;
    }
    let name = &html[start..i];
    let close = html[i..].find('>').map_or(html.len(), |p| i + p + 1);
    let self_closing = close >= 2 && bytes[close - 2] == b'/';
    Some(Tag {
        name,
        closing,
        self_closing,
        end: close,
    })
}

/// Skips a comment, doctype or processing instruction at `at`; returns where it ends.
fn skip_markup(html: &str, at: usize) -> Option<usize> {
    let rest = &html[at..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return Some(comment.find("-->").map_or(html.len(), |p| at + 4 + p + 3));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return Some(rest.find('>').map_or(html.len(), |p| at + p + 1));
    }
    None
}

/// Where the raw text of `name` ends (at its end tag), from `from`.
fn raw_text_end(html: &str, name: &str, from: usize) -> usize {
    let needle = format!("</{name}");
    let mut i = from;
    while let Some(p) = html[i..].find("</") {
        let at = i + p;
        if html
            .get(at..at + needle.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(&needle))
        {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

/// A stretch of a page as the scans here read it, in order.
enum Segment<'a> {
    /// Text between markup (a `<` that starts no tag is text of its own).
    Text(&'a str),
    /// A comment, doctype or processing instruction.
    Declaration(&'a str),
    /// A tag, its name lowercased.
    Tag {
        raw: &'a str,
        name: String,
        closing: bool,
        self_closing: bool,
    },
    /// What a script, style, title… holds, up to its end tag.
    RawText { element: String, raw: &'a str },
}

/// The segments of `html`, from its start. A title's content is raw text
/// unless `title_as_markup`, when it is read like the rest of the page.
fn segments(html: &str, title_as_markup: bool) -> Segments<'_> {
    Segments {
        html,
        at: 0,
        raw_text_of: None,
        title_as_markup,
    }
}

struct Segments<'a> {
    html: &'a str,
    at: usize,
    /// An element whose raw text comes next.
    raw_text_of: Option<String>,
    title_as_markup: bool,
}

impl<'a> Iterator for Segments<'a> {
    type Item = Segment<'a>;

    fn next(&mut self) -> Option<Segment<'a>> {
        let (html, at) = (self.html, self.at);
        if let Some(element) = self.raw_text_of.take() {
            let end = raw_text_end(html, &element, at);
            self.at = end;
            return Some(Segment::RawText {
                element,
                raw: &html[at..end],
            });
        }
        if at >= html.len() {
            return None;
        }
        let Some(p) = html[at..].find('<') else {
            self.at = html.len();
            return Some(Segment::Text(&html[at..]));
        };
        if p > 0 {
            self.at = at + p;
            return Some(Segment::Text(&html[at..at + p]));
        }
        if let Some(end) = skip_markup(html, at) {
            self.at = end;
            return Some(Segment::Declaration(&html[at..end]));
        }
        let Some(tag) = tag_at(html, at) else {
            self.at = at + 1;
            return Some(Segment::Text("<"));
        };
        self.at = tag.end;
        let name = tag.name.to_ascii_lowercase();
        if !tag.closing
            && RAW_TEXT.contains(&name.as_str())
            && !(self.title_as_markup && name == "title")
        {
            self.raw_text_of = Some(name.clone());
        }
        Some(Segment::Tag {
            raw: &html[at..tag.end],
            name,
            closing: tag.closing,
            self_closing: tag.self_closing,
        })
    }
}

/// The deepest element nesting the page asks for, counted without parsing it.
/// Stops counting once past `limit`.
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    for segment in segments(html, false) {
        let Segment::Tag {
            name,
            closing,
            self_closing,
            ..
        } = segment
        else {
            continue;
        };
        let nests = !NOT_NESTING.contains(&name.as_str());
        if closing {
            if nests {
                depth = depth.saturating_sub(1);
            }
        } else if nests && !self_closing && !RAW_TEXT.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                break;
            }
        }
    }
    max
}

/// Decodes character references as a browser would, control characters
/// included (html_escape leaves `&#27;` as it is); the caller sanitizes.
pub fn decode_entities(raw: &str) -> String {
    let named = html_escape::decode_html_entities(raw);
    let mut out = String::with_capacity(named.len());
    let mut rest: &str = &named;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (radix, digits) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (16, hex),
            None => (10, after),
        };
        let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
        let code = (len > 0 && len <= 8)
            .then(|| u32::from_str_radix(&digits[..len], radix).ok())
            .flatten();
        match code {
            Some(code) => {
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                let consumed = after.len() - digits.len() + len;
                rest = &after[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The page's text: tags removed, entities decoded, paragraphs separated by
/// blank lines. Not sanitized: entities may have produced control characters.
pub fn text_content(html: &str) -> String {
    let mut out = String::new();
    TextContent::default().push(html, true, &mut out);
    out
}

/// [`text_content`] for a page read a piece at a time: each
/// [`TextContent::push`] reads the markup its piece holds whole and leaves
/// the rest for the next, so the text comes out as if read at once.
#[derive(Debug, Default)]
pub struct TextContent {
    /// What the text written so far ends with.
    tail: Tail,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Tail {
    #[default]
    Nothing,
    Word,
    Paragraph,
}

impl TextContent {
    /// Appends the text of `html`'s complete segments to `out` and returns
    /// how many bytes of `html` they took. Unless `last`, a segment that
    /// reaches the end of `html` may be cut (a tag without its `>`, a word
    /// or a script without its end) and is left, with anything after it.
    pub fn push(&mut self, html: &str, last: bool, out: &mut String) -> usize {
        let mut scan = segments(html, false);
        let mut done = 0;
        while let Some(segment) = scan.next() {
            // One byte more than the segment is needed to know it: "</"
            // at the end is a tag's start, not a "<" of text.
            let whole = |end: usize| last || end + 1 < html.len();
            if !whole(scan.at) {
                break;
            }
            // A script's or title's tag is read with its content or not at all.
            if let Some(element) = &scan.raw_text_of
                && !whole(raw_text_end(html, element, scan.at))
            {
                break;
            }
            self.segment(segment, out);
            done = scan.at;
        }
        done
    }

    fn segment(&mut self, segment: Segment<'_>, out: &mut String) {
        match segment {
            Segment::Text(text) => self.text(text, out),
            Segment::RawText { element, raw } => {
                if element == "title" || element == "textarea" {
                    self.text(raw, out);
                    self.paragraph(out);
                }
            }
            Segment::Tag { name, .. } if BLOCKS.contains(&name.as_str()) => self.paragraph(out),
            Segment::Tag { .. } | Segment::Declaration(_) => {}
        }
    }

    fn text(&mut self, raw: &str, out: &mut String) {
        let decoded = decode_entities(raw);
        for word in decoded.split_whitespace() {
            if self.tail == Tail::Word {
                out.push(' ');
            }
            out.push_str(word);
            self.tail = Tail::Word;
        }
    }

    fn paragraph(&mut self, out: &mut String) {
        if self.tail == Tail::Word {
            out.push_str("\n\n");
            self.tail = Tail::Paragraph;
        }
    }
}

/// Elements that, besides [`BLOCKS`], set their text apart in a page's
/// prose: a cell or a list's term is not read on into the next.
const APART: &[&str] = &[
    "dl", "dt", "dd", "td", "th", "caption", "nav", "aside", "details", "summary", "address",
    "form", "fieldset", "dialog", "thead", "tbody", "tfoot", "option", "title", "head", "body",
];

/// Elements that stand between words without being text: "a<img>b" is two.
const BETWEEN_WORDS: &[&str] = &["img", "input", "button", "select", "textarea", "video"];

/// The page's prose, with where each character is in the page (what `gloss
/// terms` and `gloss timex` read): the text of its elements, tags dropped
/// (so "<b>N</b>ATO" stays one word), character references decoded, blocks
/// apart by a blank line; comments and the contents of scripts, styles and
/// preformatted blocks left out (code is not prose, as the reader holds).
/// The title is text like any other.
pub fn page_prose(html: &str) -> Prose {
    let mut prose = Prose::default();
    let mut chars = CharCounter::new(html);
    // <pre> elements open around the text.
    let mut in_pre = 0usize;
    let mut at = 0;
    for segment in segments(html, true) {
        let (start, len) = (at, segment_len(&segment));
        at += len;
        match segment {
            Segment::Text(text) if in_pre == 0 => push_decoded(&mut prose, text, &mut chars, start),
            Segment::Tag {
                name,
                closing,
                self_closing,
                ..
            } => {
                let name = name.as_str();
                if name == "pre" {
                    if closing {
                        in_pre = in_pre.saturating_sub(1);
                    } else if !self_closing {
                        in_pre += 1;
                    }
                }
                if BLOCKS.contains(&name) || APART.contains(&name) {
                    prose.push_break();
                } else if BETWEEN_WORDS.contains(&name) {
                    let from = chars.at(start);
                    prose.push_standing_for(" ", from..chars.at(start + len));
                }
            }
            Segment::Text(_) | Segment::RawText { .. } | Segment::Declaration(_) => {}
        }
    }
    prose
}

/// How many bytes of the page a segment takes.
fn segment_len(segment: &Segment<'_>) -> usize {
    match segment {
        Segment::Text(raw)
        | Segment::Declaration(raw)
        | Segment::Tag { raw, .. }
        | Segment::RawText { raw, .. } => raw.len(),
    }
}

/// Appends a text segment found at byte `start` of the page, its character
/// references decoded, each standing for the reference as written.
pub(crate) fn push_decoded(
    prose: &mut Prose,
    text: &str,
    chars: &mut CharCounter<'_>,
    start: usize,
) {
    let mut done = 0;
    while let Some(found) = text[done..].find('&') {
        let amp = done + found;
        let end = reference_end(text, amp);
        let reference = &text[amp..end];
        // The markup's own references, in every feed's escaped HTML, read
        // without a decoder's allocations.
        let decoded = match reference {
            "&lt;" => Cow::Borrowed("<"),
            "&gt;" => Cow::Borrowed(">"),
            "&amp;" => Cow::Borrowed("&"),
            "&quot;" => Cow::Borrowed("\""),
            "&#39;" | "&apos;" => Cow::Borrowed("'"),
            _ => Cow::Owned(decode_entities(reference)),
        };
        if decoded != reference {
            prose.push_verbatim(&text[done..amp], chars.at(start + done));
            let from = chars.at(start + amp);
            prose.push_standing_for(&decoded, from..chars.at(start + end));
            done = end;
        } else {
            // Not a reference: the "&" is text, read on after it.
            prose.push_verbatim(&text[done..amp + 1], chars.at(start + done));
            done = amp + 1;
        }
    }
    prose.push_verbatim(&text[done..], chars.at(start + done));
}

/// Where a character reference that may start at the "&" at `amp` ends:
/// after its name or number and the ";" that closes it, if any.
fn reference_end(text: &str, amp: usize) -> usize {
    let rest = &text.as_bytes()[amp + 1..];
    let (skip, body) = match rest {
        [b'#', b'x' | b'X', ..] => (2, &rest[2..]),
        [b'#', ..] => (1, &rest[1..]),
        _ => (0, rest),
    };
    let len = body
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let end = amp + 1 + skip + len;
    end + usize::from(text.as_bytes().get(end) == Some(&b';'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_prose_is_the_text_with_its_places() {
        let html = "<html><head><title>NATO</title><script>var NATO = 1;</script></head>\n\
                    <body><p>The Alliance (NATO) met in <b>V</b>ilnius.</p><!-- NATO -->\
                    <p class=\"x\">Japan’s <a title=\"Tokyo’s\" href=\"https://nato.int/NATO\">envoy</a> \
                    spoke of R&amp;D &amp c&#x2019;s &ampx.</p>\
                    <pre><code>NATO = connect(\"NATO\")</code></pre><table><tr><td>a</td><td>b</td></tr></table></body></html>";
        let prose = page_prose(html);
        let kept: Vec<&str> = prose.text().split_whitespace().collect();
        assert_eq!(
            kept,
            [
                "NATO",
                "The",
                "Alliance",
                "(NATO)",
                "met",
                "in",
                "Vilnius.",
                "Japan’s",
                "envoy",
                "spoke",
                "of",
                "R&D",
                "&amp",
                "c’s",
                "&ampx.",
                "a",
                "b"
            ]
        );
        // The blocks are apart, the cells too.
        assert!(prose.text().contains("Vilnius.\n\n"), "{:?}", prose.text());
        assert!(!prose.text().contains("ab"), "{:?}", prose.text());
        places_hold(html, &prose).unwrap();
        let page: Vec<char> = html.chars().collect();
        // A word that markup cuts maps to the page from its first letter
        // to its last.
        let word = prose.text().find("Vilnius").unwrap();
        let word = prose.text()[..word].chars().count();
        let source: String = page[prose.source_range(word..word + 7)].iter().collect();
        assert_eq!(source, "V</b>ilnius");
    }

    /// Each character of the prose comes from its place in the page: the
    /// same character, or a reference that decodes to it (a break stands
    /// for a tag or for nothing).
    fn places_hold(html: &str, prose: &Prose) -> Result<(), String> {
        let page: Vec<char> = html.chars().collect();
        for (at, c) in prose.text().chars().enumerate() {
            let range = prose.source_range(at..at + 1);
            let from: String = page[range.clone()].iter().collect();
            if from != c.to_string()
                && decode_entities(&from) != c.to_string()
                && !c.is_whitespace()
            {
                return Err(format!("{c:?} at {at} comes from {from:?} ({range:?})"));
            }
        }
        Ok(())
    }

    #[test]
    fn depth_ignores_void_and_optional_end_tags() {
        assert_eq!(
            nesting_depth("<div><p>a<p>b<br><img src=x><div/></div>", 100),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(50), 10), 11);
        assert_eq!(
            nesting_depth(
                "<script>if (a<b) { '<div><div>' }</script><span>x</span>",
                100
            ),
            1
        );
        assert_eq!(nesting_depth("<!-- <div><div> --><b>x</b>", 100), 1);
    }

    #[test]
    fn control_references_are_decoded() {
        assert_eq!(
            decode_entities("a&#27;[2J&#x1B;b&amp;&#;&#99999999999;"),
            "a\u{1b}[2J\u{1b}b&&#;&#99999999999;"
        );
    }

    /// [`TextContent`] given `html` in pieces cut at `cuts` (byte counts,
    /// moved to character boundaries), each push given what the last left.
    fn text_content_in_pieces(html: &str, cuts: &[usize]) -> String {
        let (mut reader, mut out, mut pending) = (TextContent::default(), String::new(), "");
        let mut at = 0;
        for &cut in cuts {
            let mut end = (at + cut).min(html.len());
            while !html.is_char_boundary(end) {
                end += 1;
            }
            let piece = &html[at - pending.len()..end];
            pending = &piece[reader.push(piece, false, &mut out)..];
            at = end;
        }
        let rest = &html[at - pending.len()..];
        assert_eq!(reader.push(rest, true, &mut out), rest.len());
        out
    }

    #[test]
    fn text_content_in_pieces_waits_for_cut_markup() {
        let html = "<p>one</p><script>a</b</script><!-- c --><p>x &amp; y</p><title>T</title>";
        for piece in 1..html.len() {
            let cuts = vec![piece; html.len() / piece + 1];
            assert_eq!(
                text_content_in_pieces(html, &cuts),
                text_content(html),
                "pieces of {piece}"
            );
        }
    }

    /// Fragments that pages are made of in the property tests, cut tags and
    /// constructs included.
    const FRAGMENTS: &[&str] = &[
        "<p>",
        "</p>",
        "<",
        "</",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "<style>",
        "</style",
        ">",
        "&amp;",
        "&#27;",
        "&#x",
        "&",
        "; ",
        " ",
        "\n",
        "word",
        "Japan’s",
        "<br/>",
        "<a href=\"x>y\">",
        "</a>",
        "<!doctype html>",
        "<?x ?>",
        "<!x",
        "<h2 class=t>",
        "</h2>",
        "<div",
        "</di",
        "v>",
        "<textarea>",
        "</textarea>",
        "<TD>",
        "x<y",
        "<1>",
        "<pre>",
        "</pre>",
        "&amp;",
        "&#x2019;",
        "&ampx",
        "&",
        "R&D",
    ];

    proptest::proptest! {
        /// Any page, cut anywhere, reads as it reads whole.
        #[test]
        fn any_page_reads_the_same_in_pieces(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40),
            cuts in proptest::collection::vec(0usize..24, 0..20),
        ) {
            let html = parts.concat();
            proptest::prop_assert_eq!(text_content_in_pieces(&html, &cuts), text_content(&html));
        }

        /// Every character of any page's prose comes from its place in the
        /// page.
        #[test]
        fn any_page_prose_keeps_every_place(
            parts in proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..40),
        ) {
            let html = parts.concat();
            let result = places_hold(&html, &page_prose(&html));
            proptest::prop_assert!(result.is_ok(), "{:?}", result);
        }
    }

    #[test]
    fn text_content_decodes_and_separates() {
        let t = text_content("<h1>A &amp; B</h1><p>one\n two</p><script>x<y</script><p>three</p>");
        assert_eq!(t, "A & B\n\none two\n\nthree\n\n");
    }
}
