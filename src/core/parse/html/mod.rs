//! Saved web pages: the main content via readability, metadata from the page's
//! meta tags and JSON-LD, then the content converted to blocks.
//!
//! Readability port: `dom_smoothie` (0.19) rather than `readabilityrs` (0.1.4).
//! Both were run on the three saved pages in `tests/fixtures/formats/`: both
//! dropped the clutter, kept figures and lists and read the same JSON-LD and
//! OpenGraph metadata, but readabilityrs left the headline (and a blog's title
//! line) in the content, was slower (over a second on the first page in a debug
//! build, against milliseconds), and gave up on a 400-deep page that
//! dom_smoothie read. dom_smoothie also parses into `dom_query`'s arena tree,
//! which the converter walks iteratively: one HTML stack, no recursive drop.
//!
//! Pathological input never reaches the HTML parser: pages over [`MAX_BYTES`]
//! or nested deeper than [`MAX_DEPTH`] are read as plain text by a linear tag
//! stripper.

mod convert;
mod guard;

pub(crate) use convert::{ColumnAlign, DataTable};
pub(crate) use guard::{page_prose, push_decoded, text_content};

use super::plain;
use super::sink::{
    Sink, drop_contents_list, drop_echoed_subtitle, drop_platform_clutter, drop_signup_boxes,
    drop_title_captions, inline, iso_date, number_footnotes, renumber, resolve_links,
};
use crate::core::model::{Block, BlockKind, Meta};
use crate::core::sanitize::Sanitizer;
use crate::core::text::balanced_brackets;
use dom_query::{Document, NodeRef, Selection};

/// Larger pages are read as plain text.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Deeper element nesting is read as plain text: readability walks the tree
/// recursively in places, so depth must be bounded before it runs.
pub const MAX_DEPTH: usize = 512;

/// Pages with more elements skip readability's scoring, which is superlinear,
/// and are converted whole (navigation, asides and footers still skipped).
const MAX_ELEMENTS: usize = 50_000;

pub fn parse(text: &str) -> (Meta, Vec<Block>) {
    match read_as_plain_text(text) {
        Some(plain) => plain,
        None => parse_document(Document::from(text)),
    }
}

/// [`parse`], letting the page's source go once its tree is built: a large
/// page's text is then not held beside its tree and its blocks (100 MB of
/// HTML peaked at 332 MB).
pub fn parse_owned(text: String) -> (Meta, Vec<Block>) {
    if let Some(plain) = read_as_plain_text(&text) {
        return plain;
    }
    let doc = Document::from(text.as_str());
    drop(text);
    parse_document(doc)
}

/// A page too large or too deeply nested for a tree, read as plain text.
fn read_as_plain_text(text: &str) -> Option<(Meta, Vec<Block>)> {
    if text.len() <= MAX_BYTES && guard::nesting_depth(text, MAX_DEPTH) <= MAX_DEPTH {
        return None;
    }
    let mut page = PageAsText::default();
    page.push(text, true);
    Some(page.finish())
}

/// A page read as plain text (one too large or too deeply nested for a
/// tree): its text content, cleaned again since entities may spell control
/// characters, parsed as a plain text. It can be given a piece at a time, so
/// that a large file's markup is never held whole beside its text (100 MB
/// of HTML peaked at 332 MB read whole).
#[derive(Default)]
pub struct PageAsText {
    content: guard::TextContent,
    clean: Sanitizer,
    /// One push's text, before it is cleaned.
    piece: String,
    text: String,
}

impl PageAsText {
    /// Room for `len` bytes of text: grown by doubling instead, the last
    /// copy of a large page's text would briefly hold it one and a half times.
    pub fn with_capacity(len: usize) -> Self {
        PageAsText {
            text: String::with_capacity(len),
            ..PageAsText::default()
        }
    }

    /// Reads the markup `html` holds whole (all of it when `last`) and
    /// returns how many bytes that took: the rest is to be given again,
    /// followed by the next piece.
    pub fn push(&mut self, html: &str, last: bool) -> usize {
        let used = self.content.push(html, last, &mut self.piece);
        self.clean.push(&self.piece, &mut self.text);
        self.piece.clear();
        // A large push (a page's head, read whole) is not kept as room.
        self.piece.shrink_to(1 << 16);
        used
    }

    pub fn finish(mut self) -> (Meta, Vec<Block>) {
        self.clean.finish(&mut self.text);
        let (mut meta, mut blocks) = plain::parse(self.text);
        // The page's <title> became the title, its <h1> a heading after it.
        drop_repeated_title(&meta, &mut blocks);
        meta.notices
            .push("HTML too large or too deeply nested: read as plain text".to_owned());
        (meta, blocks)
    }
}

fn parse_document(doc: Document) -> (Meta, Vec<Block>) {
    let mut meta = page_meta(&doc);
    let base = doc
        .select("base[href]")
        .iter()
        .find_map(|b| inline(b.attr("href").as_deref()));
    let page_title = inline(Some(&doc.select("head title").text()));
    let h1 = doc.select("h1");
    let only_h1 = if h1.nodes().len() == 1 {
        inline(Some(&h1.text()))
    } else {
        None
    };
    // Navigation bars readability keeps (it strips the classes that name
    // them, so the converter could not tell afterwards); unless they are
    // most of the page, as on an index page that is one list of links.
    let navigation =
        doc.select("[role=navigation], .navigation, .navbar, .breadcrumb, .breadcrumbs");
    if navigation.exists() {
        let nav_len = navigation.text().trim().len();
        let page_len = doc.select("body").text().trim().len();
        if page_len.saturating_sub(nav_len) >= nav_len {
            navigation.remove();
        }
    }
    // mdBook's "boring" lines (`fn main() {}` around a listing) are hidden
    // until the reader asks for them; readability strips the class.
    doc.select("pre .boring").remove();
    // A MediaWiki page's "[edit]" link beside each heading (readability
    // then took the heading for a link and dropped it) and its hatnotes
    // ("\"X\" redirects here.", "For other uses, see …"), and the "^" before
    // each reference that leads back to where it is cited.
    doc.select(".mw-editsection, .hatnote, .mw-cite-backlink")
        .remove();
    take_credited_authors(&doc, &mut meta);
    mark_figure_boxes(&doc);
    let mut sink = Sink::default();

    if let Some(main) = rustdoc_item(&doc) {
        convert::convert(&main, &mut sink);
        meta.title = meta.title.or(page_title);
        return tidy_page(meta, sink, only_h1.as_deref(), base.as_deref());
    }
    let photos = placed_photos(&doc);
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(doc, None, Some(config))
        .expect("no document URL is given, so none can be invalid");
    match readability.parse() {
        Ok(article) => {
            // The page's tree is done with: not held beside the article's.
            drop(readability);
            let content = Document::fragment(article.content);
            convert::convert(&content.root(), &mut sink);
            restore_lead_photos(&mut sink.blocks, photos);
            meta.title = meta.title.or_else(|| {
                let title = inline(Some(&article.title))?;
                // Readability keeps the part after a colon ("The Basics
                // (libffi: the portable … library)"): cut inside brackets,
                // the page's own title is taken whole instead.
                Some(match &page_title {
                    Some(whole) if !balanced_brackets(&title) && whole.contains(&title) => {
                        whole.clone()
                    }
                    _ => title,
                })
            });
            meta.author = meta
                .author
                .or_else(|| byline_name(article.byline.as_deref()?));
            meta.publication = meta
                .publication
                .or_else(|| inline(article.site_name.as_deref()));
            meta.published = meta
                .published
                .or_else(|| article.published_time.as_deref().and_then(iso_date));
            meta.subtitle = meta.subtitle.or_else(|| inline(article.excerpt.as_deref()));
        }
        // No main content found, or too many elements: the whole page instead.
        Err(_) => convert::convert(&readability.doc.root(), &mut sink),
    }
    tidy_page(meta, sink, only_h1.as_deref(), base.as_deref())
}

/// The page's blocks once its main content is converted: clutter dropped,
/// title and links settled.
fn tidy_page(
    mut meta: Meta,
    mut sink: Sink,
    only_h1: Option<&str>,
    base: Option<&str>,
) -> (Meta, Vec<Block>) {
    drop_byline_from_title(&mut meta);
    title_from_heading(&mut meta, only_h1);
    drop_platform_clutter(&mut meta, &mut sink.blocks);
    drop_signup_boxes(&mut sink.blocks);
    // Before the header's blocks go: a section's label the excerpt took
    // for the standfirst is echoed by its block.
    drop_echoed_subtitle(&mut meta, &sink.blocks);
    drop_repeated_title(&meta, &mut sink.blocks);
    drop_contents_list(&mut sink);
    drop_title_captions(&meta, &mut sink.blocks);
    number_footnotes(&mut sink.blocks);
    meta.links = sink.links;
    resolve_links(&mut meta.links, meta.url.as_deref(), base);
    (meta, sink.blocks)
}

/// The item a page that rustdoc made documents, whole, without its
/// furniture (version and source links, anchors, buttons, a source
/// listing's line numbers). Readability
/// suits articles, not reference pages: it drops every signature and
/// variant name, since their class ("code-header") reads as a page's
/// header, and on a trait's page it keeps the list of implementors
/// rather than the trait.
fn rustdoc_item<'a>(doc: &'a Document) -> Option<NodeRef<'a>> {
    if !doc.select("meta[name=generator][content=rustdoc]").exists() {
        return None;
    }
    // `section#main` before 2021.
    let main = doc
        .select("#main-content, section#main")
        .nodes()
        .first()
        .copied()?;
    // Also the badges after a name in a module's item list ("Experimental",
    // the "⚠" of an unsafe function): glued to the name they made it a
    // glossary term of its own ("AllocErrorExperimental"). And the "ⓘ"
    // marking an example that is not tested, a line on its own here.
    Selection::from(main)
        .select(
            ".rightside, .sub-heading, .out-of-band, .rustdoc-breadcrumbs, .srclink, \
             .since, a.anchor, a.doc-anchor, a.collapse-toggle, #copy-path, \
             rustdoc-toolbar, summary.hideme, pre a[data-nosnippet], \
             dl.item-table dt .stab, dl.item-table dt sup, a.tooltip",
        )
        .remove();
    Some(main)
}

/// DocBook's title page names each author in a heading of class "author"
/// (or "corpauthor"); readability took the first as the byline and left the
/// others as sections with a name for a title. They are the byline, all of
/// them, unless the page's metadata names its author. Only inside a title
/// page: elsewhere such a heading may head a comment or an author's bio.
/// What an article's photos are placed among: a captioned figure's
/// caption blocks, or the start of a paragraph, in document order.
enum Placed {
    Photo(Vec<Block>),
    Paragraph(String),
}

/// The first words of `text`, spaces collapsed: enough to find a paragraph.
fn opening(text: &str) -> String {
    const OPENING_CHARS: usize = 60;
    let words: Vec<&str> = text.split_whitespace().collect();
    words.join(" ").chars().take(OPENING_CHARS).collect()
}

/// Most text a box around a picture holds beside its caption.
const MAX_FIGURE_BOX_TEXT: usize = 600;

/// A picture boxed with its caption in a `<div>`, as WordPress ("wp-caption",
/// its caption "wp-caption-text") and Project Gutenberg's books
/// ("figcenter", the caption "caption") set them, is made the `<figure>` and
/// `<figcaption>` it stands for: readability strips the classes that tell
/// it, and the caption read as a paragraph of the story. Not a layout box
/// that holds a picture among other blocks.
fn mark_figure_boxes(doc: &Document) {
    for node in doc
        .select(r#"div.wp-caption, div[class^="fig"], div[class*=" fig"]"#)
        .nodes()
    {
        let framed = node.attr("class").is_some_and(|class| {
            class
                .split_whitespace()
                .any(|c| c == "wp-caption" || c.starts_with("fig"))
        });
        let boxed = Selection::from(*node);
        if !framed
            || !boxed.select("img").exists()
            || boxed
                .select("div, figure, table, ul, ol, h1, h2, h3")
                .exists()
            || node.text().len() > MAX_FIGURE_BOX_TEXT
        {
            continue;
        }
        let caption = boxed.select(".wp-caption-text, .caption");
        let caption = if caption.exists() {
            caption
        } else {
            boxed.select("p")
        };
        if let Some(last) = caption.nodes().last() {
            last.rename("figcaption");
            node.rename("figure");
        }
    }
}

/// The captioned figures and the paragraphs of an article or main element,
/// in document order, up to a dozen paragraphs: where its lead photo is
/// found once the body is known (readability takes the body and leaves a
/// photo under the headline out).
fn placed_photos(doc: &Document) -> Vec<Placed> {
    const MAX_PARAGRAPHS: usize = 12;
    // A gallery's hundreds of photos are not each converted.
    const MAX_PHOTOS: usize = 8;
    let mut placed = Vec::new();
    let mut paragraphs = 0;
    let mut photos = 0;
    for node in doc
        .select("article figure, article p, main figure, main p")
        .nodes()
    {
        if node.has_name("figure") {
            if photos == MAX_PHOTOS || !Selection::from(*node).select("figcaption").exists() {
                continue;
            }
            photos += 1;
            // Converted as a fragment: the converter reads the figure
            // itself, not only what is inside it.
            let mut sink = Sink::default();
            convert::fragment_to_blocks(&node.html(), &mut sink);
            let captions: Vec<Block> = sink
                .blocks
                .into_iter()
                .filter(|b| matches!(b.kind, BlockKind::Caption(_)))
                .collect();
            if !captions.is_empty() {
                placed.push(Placed::Photo(captions));
            }
        } else {
            placed.push(Placed::Paragraph(opening(&node.text())));
            paragraphs += 1;
            if paragraphs == MAX_PARAGRAPHS {
                break;
            }
        }
    }
    placed
}

/// Puts back the captions of photos readability left out of the
/// article's opening (under the headline, between the standfirst and the
/// body), each before the paragraph it stood before. Photos further down
/// are the content's choice.
fn restore_lead_photos(blocks: &mut Vec<Block>, placed: Vec<Placed>) {
    /// The opening is the article's first two paragraphs.
    const OPENING_PARAGRAPHS: usize = 2;
    let mut inserts: Vec<(usize, Vec<Block>)> = Vec::new();
    let mut pending: Vec<Block> = Vec::new();
    let mut from = 0;
    let mut matched = 0;
    for item in placed {
        match item {
            Placed::Photo(captions) => pending.extend(
                captions
                    .into_iter()
                    .filter(|c| !blocks.iter().any(|b| b.text == c.text)),
            ),
            Placed::Paragraph(text) => {
                let Some(at) = blocks[from..].iter().position(|b| {
                    b.kind == BlockKind::Paragraph && !text.is_empty() && opening(&b.text) == text
                }) else {
                    continue;
                };
                let at = from + at;
                if !pending.is_empty() {
                    inserts.push((at, std::mem::take(&mut pending)));
                }
                from = at + 1;
                matched += 1;
                if matched == OPENING_PARAGRAPHS {
                    break;
                }
            }
        }
    }
    if inserts.is_empty() {
        return;
    }
    for (at, captions) in inserts.into_iter().rev() {
        blocks.splice(at..at, captions);
    }
    renumber(blocks);
}

fn take_credited_authors(doc: &Document, meta: &mut Meta) {
    let classes = |node: &dom_query::NodeRef| -> Vec<String> {
        node.attr("class")
            .unwrap_or_default()
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let mut names = Vec::new();
    for heading in doc.select("h1, h2, h3, h4, h5, h6").nodes() {
        let credited = classes(heading)
            .iter()
            .any(|c| c == "author" || c == "corpauthor");
        if !credited
            || !heading
                .ancestors_it(None)
                .any(|a| classes(&a).iter().any(|c| c == "titlepage"))
        {
            continue;
        }
        if let Some(name) = inline(Some(&heading.text()))
            && name.chars().count() <= 100
        {
            names.push(name);
            heading.remove_from_parent();
        }
    }
    if meta.author.is_none() && !names.is_empty() {
        meta.author = Some(names.join(", "));
    }
}

/// Converts an HTML fragment (feed item content) to blocks, under the same
/// size and nesting caps as pages.
pub(crate) fn fragment_to_blocks(html: &str, sink: &mut Sink) {
    convert_whole(html, |h| Document::fragment(h), sink);
}

/// Converts a book's chapter (an EPUB's XHTML document) to blocks whole:
/// readability would take one part of a chapter for its content.
pub(crate) fn chapter_to_blocks(xhtml: &str, sink: &mut Sink) {
    convert_whole(
        xhtml,
        |h| {
            let doc = Document::from(h);
            // Project Gutenberg's books carry their licence and catalogue in
            // the first and last chapters' files (readability drops them
            // from a saved page), and mark what only its HTML shows.
            doc.select("#pg-header, #pg-footer, .pg-boilerplate, .x-ebookmaker-drop")
                .remove();
            // A book's own boilerplate, as EPUB 3 names its parts: the
            // title page the header replaces, the imprint, the colophon.
            doc.select(
                r#"[epub\:type~="titlepage"], [epub\:type~="imprint"], [epub\:type~="colophon"], [epub\:type~="copyright-page"]"#,
            )
            .remove();
            doc
        },
        sink,
    );
}

/// Converts markup whole, as a tree `tree` builds, under the size and
/// nesting caps of pages (beyond them, its text content, paragraph by
/// paragraph).
fn convert_whole(html: &str, tree: fn(&str) -> Document, sink: &mut Sink) {
    if html.len() > MAX_BYTES || guard::nesting_depth(html, MAX_DEPTH) > MAX_DEPTH {
        for para in guard::text_content(html).split("\n\n") {
            sink.push(BlockKind::Paragraph, para);
        }
        return;
    }
    let doc = tree(html);
    // Most feed items have no such box: searching each for one made dumping
    // a 10 MB feed 6 % slower.
    if memchr::memmem::find(html.as_bytes(), b"fig").is_some() || html.contains("wp-caption") {
        mark_figure_boxes(&doc);
    }
    convert::convert(&doc.root(), sink);
}

/// The content often starts with the headline or the byline the metadata
/// already holds, under a section's label ("Asia"), with the standfirst
/// between them: the article's header as the page set it.
fn drop_repeated_title(meta: &Meta, blocks: &mut Vec<Block>) {
    let repeats = |b: &Block| {
        meta.title
            .as_ref()
            .is_some_and(|t| b.kind.is_heading() && b.text == *t)
            || meta.author.as_ref().is_some_and(|a| {
                // "By Ann Lee, …", "Ann Lee · March 4": not a sentence of
                // the story that names its author ("I'm Ann Lee, and …").
                let t = b.text.as_str();
                t.len() <= 100
                    && t.contains(a.as_str())
                    && (t.starts_with("By ") || t.starts_with(a.as_str()) || !t.ends_with('.'))
            })
    };
    // A label of a few words with no sentence in it.
    let label = |b: &Block| {
        b.kind == BlockKind::Paragraph
            && b.text.len() <= 30
            && b.text.split_whitespace().count() <= 3
            && !b.text.ends_with(['.', '!', '?', ':'])
    };
    let Some(last) = blocks.iter().take(HEADER_BLOCKS).rposition(repeats) else {
        return;
    };
    let mut at = 0;
    blocks.retain(|b| {
        let header = at <= last && (repeats(b) || label(b));
        at += 1;
        !header
    });
    renumber(blocks);
}

/// How many blocks at the start of the content may be the article's header.
const HEADER_BLOCKS: usize = 4;

/// "Grain corridor holds | The Meridian Post" → "Grain corridor holds":
/// a page title ending in its own author or publication after a separator
/// drops that part, which the byline shows anyway.
fn drop_byline_from_title(meta: &mut Meta) {
    let Some(title) = meta.title.as_deref() else {
        return;
    };
    let named = |part: &str| {
        [&meta.author, &meta.publication]
            .into_iter()
            .flatten()
            .any(|name| name.eq_ignore_ascii_case(part.trim()))
    };
    let cut = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|&(at, _)| at)
        .filter(|&(at, len)| at > 0 && named(&title[at + len..]));
    if let Some((at, _)) = cut {
        meta.title = Some(title[..at].trim_end().to_owned());
    }
}

/// A page title in parts ("Defining an Enum - The Rust Programming
/// Language"), one of which is the page's one `<h1>`. Readability keeps a
/// title whose first part is short whole; but a last part that is the
/// `<h1>` is the site's name over every page (a book's, a manual's), so the
/// title is what comes before it and the name the publication, and any
/// other part that is the `<h1>` is the page's own title.
fn title_from_heading(meta: &mut Meta, h1: Option<&str>) {
    let (Some(title), Some(h1)) = (meta.title.as_deref(), h1) else {
        return;
    };
    let Some((at, end)) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, at + sep.len())))
        .max_by_key(|&(at, _)| at)
    else {
        return;
    };
    let is_h1 = |part: &str| part.trim().eq_ignore_ascii_case(h1);
    if is_h1(&title[end..]) {
        if at > 0 {
            meta.publication
                .get_or_insert_with(|| title[end..].trim().to_owned());
            meta.title = Some(title[..at].trim_end().to_owned());
        }
        return;
    }
    let mut parts = vec![title];
    for sep in TITLE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    if let Some(part) = parts.into_iter().find(|p| is_h1(p)) {
        meta.title = Some(part.trim().to_owned());
    }
}

/// What sets a page title's parts apart: "Title | Site".
const TITLE_SEPARATORS: [&str; 6] = [" | ", " - ", " – ", " — ", " · ", " :: "];

/// "By Clara Voss" → "Clara Voss".
/// The name in a byline readability found, or in the page's metadata: "By"
/// and any web or e-mail address dropped ("Julian Seward,
/// `https://sourceware.org/bzip2/`", "Clark Cooper, cooper@example.net").
fn byline_name(byline: &str) -> Option<String> {
    let byline = inline(Some(strip_by(byline)))?;
    // "Ann Lee, Tokyo correspondent · March 4, 2024": the date or the
    // publication after a separator, the role after a comma.
    if let Some(name) = catalogue_name(&byline) {
        return Some(name);
    }
    let byline = [" · ", " | ", " — "]
        .iter()
        .fold(byline.as_str(), |b, sep| b.split(sep).next().unwrap_or(b));
    let byline = match byline.split_once(", ") {
        Some((name, role)) if names_a_role(role) => name,
        _ => byline,
    };
    let byline = without_trailing_date(byline);
    let name: Vec<&str> = byline
        .split_whitespace()
        .filter(|w| !is_address(w))
        .collect();
    let name = name.join(" ");
    let name = name.trim_end_matches([',', ';', '·', '|']);
    // "cooper@example.net (Clark Cooper)", as RSS writes authors.
    let name = name
        .strip_prefix('(')
        .and_then(|n| n.strip_suffix(')'))
        .unwrap_or(name);
    inline(Some(name))
}

/// "Ellery, Margaret, 1850-1920", as a library catalogue (and Project
/// Gutenberg's `dc.creator`) names an author, surname first and life dates
/// last: "Margaret Ellery". Only with the dates: "Reuters, AP" are two names.
fn catalogue_name(byline: &str) -> Option<String> {
    let [surname, given, dates] = byline.split(", ").collect::<Vec<_>>()[..] else {
        return None;
    };
    let is_year = |y: &str| {
        let y = y.trim_end_matches('?');
        (3..=4).contains(&y.len()) && y.bytes().all(|b| b.is_ascii_digit())
    };
    let life = match dates.split_once('-') {
        Some((born, died)) => {
            (born.is_empty() || is_year(born))
                && (died.is_empty() || is_year(died))
                && born.len() + died.len() > 0
        }
        None => ["b. ", "d. ", "fl. "]
            .iter()
            .any(|lead| dates.strip_prefix(lead).is_some_and(is_year)),
    };
    let capitalised = |part: &str, most: usize| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=most).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    (life && capitalised(surname, 3) && capitalised(given, 4)).then(|| format!("{given} {surname}"))
}

/// "Ana Ruiz Sep 5", or "Ana RuizSep 5, 2025" when the name and the date
/// stood in two blocks whose text readability joined: the name alone.
fn without_trailing_date(byline: &str) -> &str {
    // Where a capital follows a space or a small letter: a word's start.
    let mut before: Option<char> = None;
    let mut word_starts = Vec::new();
    for (i, c) in byline.char_indices() {
        if before.is_some_and(|b| b.is_whitespace() || b.is_lowercase()) && c.is_uppercase() {
            word_starts.push(i);
        }
        before = Some(c);
    }
    // A date is at most "September 30, 2025": only the last starts count.
    for at in word_starts
        .into_iter()
        .filter(|&at| byline.len() - at <= 24)
    {
        let mut words = byline[at..].split_whitespace();
        let month = words.next().and_then(super::dateline::month_number);
        let day = words.next().map(|d| d.trim_end_matches(','));
        let day_ok = day.is_some_and(|d| d.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)));
        let year_ok = words.next().is_none_or(|y| {
            y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && words.next().is_none()
        });
        if month.is_some() && day_ok && year_ok {
            return byline[..at].trim_end();
        }
    }
    byline
}

/// "Tokyo correspondent", "Senior Editor": what a byline says its author
/// does, after the name.
fn names_a_role(text: &str) -> bool {
    const ROLES: [&str; 11] = [
        "correspondent",
        "reporter",
        "writer",
        "editor",
        "staff",
        "bureau",
        "contributor",
        "columnist",
        "chief",
        "analyst",
        "producer",
    ];
    text.split_whitespace().any(|w| {
        ROLES
            .iter()
            .any(|r| w.trim_end_matches(',').eq_ignore_ascii_case(r))
    })
}

/// A web or e-mail address, maybe in angle brackets or with a comma after.
fn is_address(word: &str) -> bool {
    let bare = word.trim_matches(|c| matches!(c, '<' | '>' | '(' | ')' | ',' | ';'));
    let lower = bare.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        return true;
    }
    // name@host.domain
    bare.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    })
}

fn strip_by(byline: &str) -> &str {
    let t = byline.trim();
    t.strip_prefix("By ")
        .or_else(|| t.strip_prefix("by "))
        .unwrap_or(t)
}

/// Metadata from `<meta>` tags and JSON-LD; readability's own guesses only
/// fill what these leave empty.
fn page_meta(doc: &Document) -> Meta {
    let mut meta = Meta::default();
    let tag = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            let sel = format!(r#"meta[property="{k}"], meta[name="{k}"]"#);
            doc.select(&sel)
                .iter()
                .find_map(|m| meta_text(m.attr("content").as_deref()))
        })
    };
    if let Some(ld) = json_ld(doc) {
        meta.title = ld.headline;
        meta.author = ld.author;
        meta.published = ld.published.as_deref().and_then(iso_date);
        meta.publication = ld.publisher;
        meta.subtitle = ld.description;
    }
    meta.title = meta
        .title
        .or_else(|| tag(&["og:title", "twitter:title", "dc.title"]));
    meta.author = meta
        .author
        .or_else(|| tag(&["author", "article:author", "dc.creator", "byl"]))
        .and_then(|a| byline_name(&a));
    meta.published = meta.published.or_else(|| {
        tag(&[
            "article:published_time",
            "datePublished",
            "date",
            "dc.date",
            "pubdate",
        ])
        .and_then(|d| iso_date(&d))
    });
    // Microdata, then the first <time> inside the article.
    meta.published = meta.published.or_else(|| {
        doc.select(r#"[itemprop="datePublished"], article time[datetime]"#)
            .iter()
            .find_map(|n| {
                let raw = n.attr("content").or_else(|| n.attr("datetime"))?;
                iso_date(&raw)
            })
    });
    meta.publication = meta
        .publication
        .or_else(|| tag(&["og:site_name", "application-name"]));
    meta.subtitle = meta
        .subtitle
        .or_else(|| tag(&["og:description", "description", "twitter:description"]));
    meta.url = tag(&["og:url"]).or_else(|| {
        doc.select(r#"link[rel="canonical"]"#)
            .iter()
            .find_map(|l| inline(l.attr("href").as_deref()))
    });
    meta
}

#[derive(Default)]
struct LdMeta {
    headline: Option<String>,
    author: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
    description: Option<String>,
}

/// The first JSON-LD object that describes an article.
fn json_ld(doc: &Document) -> Option<LdMeta> {
    doc.select(r#"script[type="application/ld+json"]"#)
        .iter()
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(&s.text()).ok())
        .flat_map(|v| match v {
            serde_json::Value::Array(items) => items,
            serde_json::Value::Object(ref o) if o.contains_key("@graph") => {
                o["@graph"].as_array().cloned().unwrap_or_default()
            }
            other => vec![other],
        })
        .find(|v| {
            let ty = &v["@type"];
            let is_article =
                |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
            ty.as_str().is_some_and(is_article)
                || ty
                    .as_array()
                    .is_some_and(|a| a.iter().filter_map(|t| t.as_str()).any(is_article))
        })
        .map(|v| LdMeta {
            headline: meta_text(v["headline"].as_str().or(v["name"].as_str())),
            author: ld_names(&v["author"]),
            published: v["datePublished"].as_str().map(str::to_owned),
            publisher: ld_names(&v["publisher"]),
            description: meta_text(v["description"].as_str()),
        })
}

/// A person or organisation, or a list of them, as "A, B".
fn ld_names(v: &serde_json::Value) -> Option<String> {
    let name = |v: &serde_json::Value| v.as_str().or(v["name"].as_str()).map(str::to_owned);
    let names: Vec<String> = match v {
        serde_json::Value::Array(items) => items.iter().filter_map(name).collect(),
        other => name(other).into_iter().collect(),
    };
    meta_text(Some(&names.join(", ")))
}

/// A metadata value, sanitized. Pages often escape these twice (the source
/// says `&amp;quot;`, so the parsed value still reads `&quot;`), and JSON-LD
/// strings carry entities the HTML parser never sees: the five markup
/// entities and numeric references are decoded once more, in one pass, as
/// Readability does for its metadata. Decoding comes before sanitizing, so
/// `&#27;` cannot smuggle an escape in.
fn meta_text(raw: Option<&str>) -> Option<String> {
    inline(raw.map(decode_markup_entities).as_deref())
}

fn decode_markup_entities(text: &str) -> String {
    const NAMED: [(&str, char); 5] = [
        ("&quot;", '"'),
        ("&amp;", '&'),
        ("&apos;", '\''),
        ("&lt;", '<'),
        ("&gt;", '>'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some((entity, c)) = NAMED.iter().find(|(e, _)| tail.starts_with(e)) {
            out.push(*c);
            rest = &tail[entity.len()..];
            continue;
        }
        // "&#39;", "&#x2019;": at most ten characters up to the semicolon.
        let numeric = tail
            .starts_with("&#")
            .then(|| tail.char_indices().take(11).find(|&(_, c)| c == ';'))
            .flatten()
            .map(|(semicolon, _)| &tail[..=semicolon])
            .map(|reference| (reference, guard::decode_entities(reference)))
            .filter(|(reference, decoded)| decoded != reference);
        match numeric {
            Some((reference, decoded)) => {
                out.push_str(&decoded);
                rest = &tail[reference.len()..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod byline_tests {
    use super::{byline_name, catalogue_name};

    #[test]
    fn a_catalogue_name_with_life_dates_reads_given_name_first() {
        for (byline, name) in [
            ("Ellery, Margaret, 1850-1920", "Margaret Ellery"),
            ("Colby, Harriet Vane, 1861-", "Harriet Vane Colby"),
            ("Lee, Ann, b. 1972", "Ann Lee"),
            ("Du Maurier, George, 1834?-1896", "George Du Maurier"),
        ] {
            assert_eq!(catalogue_name(byline).as_deref(), Some(name), "{byline}");
            assert_eq!(byline_name(byline).as_deref(), Some(name), "{byline}");
        }
        for byline in [
            "Reuters, AP",
            "Lee, Ann",
            "Ann Lee, Tokyo, 2024-25",
            "Lee, Ann, Tokyo",
        ] {
            assert_eq!(catalogue_name(byline), None, "{byline}");
        }
    }

    #[test]
    fn a_byline_loses_its_web_address() {
        assert_eq!(
            byline_name("Julian Seward, https://sourceware.org/bzip2/").as_deref(),
            Some("Julian Seward")
        );
        assert_eq!(byline_name("By Ann Lee").as_deref(), Some("Ann Lee"));
        // A role, a date or a publication after the name is not part of it;
        // several names are.
        for byline in [
            "By Ann Lee, Tokyo correspondent · March 4, 2024",
            "Ann Lee | The Harbour Ledger",
            "Ann Lee, Senior Editor",
            // The name's block and the date's joined without a space.
            "Ann LeeSep 5",
            "Ann Lee March 4, 2024",
        ] {
            assert_eq!(byline_name(byline).as_deref(), Some("Ann Lee"), "{byline}");
        }
        // A month in a name, with no day after it, stays.
        for byline in ["June Carter", "Ann May", "Ann March Lee"] {
            assert_eq!(byline_name(byline).as_deref(), Some(byline), "{byline}");
        }
        assert_eq!(
            byline_name("By Ann Lee, Bo Kim and Cy Ode").as_deref(),
            Some("Ann Lee, Bo Kim and Cy Ode")
        );
        assert_eq!(byline_name("https://example.org/"), None);
    }

    #[test]
    fn a_byline_loses_its_email_address() {
        for byline in [
            "Clark Cooper, cooper@example.net",
            "By Clark Cooper <cooper@example.net>",
            "cooper@example.net (Clark Cooper)",
            "Clark Cooper mailto:cooper@example.net",
        ] {
            assert_eq!(
                byline_name(byline).as_deref(),
                Some("Clark Cooper"),
                "{byline:?}"
            );
        }
        assert_eq!(byline_name("cooper@example.net"), None);
        // An at sign that is no address stays.
        assert_eq!(byline_name("Ann @ Lee").as_deref(), Some("Ann @ Lee"));
    }
}
