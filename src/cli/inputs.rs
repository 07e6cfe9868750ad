//! What the reader and the commands start from: every input read, small
//! ones parsed together on every core, large ones shown from their
//! beginning (the rest parsed in the background), a directory's later
//! files behind stand-ins, and copies of one feed merged.

use super::{run, sources};
use crate::app::state::LOADING_THE_REST;
use crate::core::load;
use crate::core::model::{Article, Format, text_len};
use std::path::PathBuf;

/// Inputs larger than this are first shown from their beginning while the
/// rest is parsed in the background: parsing 1 MB whole before the first
/// frame takes about 40 ms, its first 64 KB about 2.
pub(super) const PREVIEW_THRESHOLD: usize = 256 * 1024;
/// Inputs up to this size are parsed together on every core; a larger one
/// (a book, a feed's whole archive) is parsed alone, as plain text on two
/// cores of its own, and its memory is not doubled by another's.
pub(super) const TOGETHER_LIMIT: u64 = 16 << 20;
/// How many of a directory's files are read before the first frame: more
/// than a screenful of the library. The rest are read in the background.
const FIRST_BATCH: usize = 64;
/// Of several inputs, how many bytes of feeds are read before the first
/// frame: every feed's items are many articles (a library's screen and
/// more), and a directory of saved copies of feeds can be hundreds of
/// megabytes. The first feed is read whatever its size (a large one from
/// its beginning); the others' items are added as they are read, after
/// every article, those an earlier copy shows left out.
const FEEDS_READ_FIRST: u64 = 256 << 10;
/// How much of a large input is read before the first frame: a feed's first
/// items come from all of it, and a document's from all of it when its
/// first [`QUICK_PREVIEW_LEN`] bytes hold too little text.
const PREVIEW_LEN: usize = 64 * 1024;
/// How much of a large document is parsed before the first frame: about
/// five screens, enough to read on while the rest loads. Parsing all 64 KB
/// put the first screen of a 100 MB text 1.5 ms behind a 3 KB one's.
const QUICK_PREVIEW_LEN: usize = 16 * 1024;
/// Less text than this in the quick preview (a web page whose first 16 KB
/// are scripts and styles) and the whole head is parsed instead.
const QUICK_PREVIEW_MIN_TEXT: usize = 4 * 1024;

/// What the reader starts with.
pub(super) struct ReaderInputs {
    pub(super) articles: Vec<Article>,
    /// Large inputs shown from their beginning, and files behind
    /// stand-ins, to be parsed whole in the background.
    pub(super) pending: Vec<run::PendingParse>,
    /// Directory entries that are not articles.
    pub(super) skipped: Vec<String>,
    /// Feed items merged into an earlier copy of themselves.
    pub(super) merged: usize,
}

/// Parses every input; of a large text, Markdown, HTML file or feed only
/// the beginning is parsed (see [`shown_first`]), and in the reader the
/// files after the first [`FIRST_BATCH`] not at all (a stand-in names
/// each); what is left is returned, with the article's index, to be parsed
/// whole in the background.
pub(super) fn parse_for_reader(
    paths: &[PathBuf],
    threshold: usize,
) -> Result<ReaderInputs, String> {
    // Of a large file only the head is read here: whether it is shown first
    // or not (the batch commands pass `usize::MAX`), the whole is read later,
    // streamed through the sanitizer.
    let heads_over = threshold.min(PREVIEW_THRESHOLD) as u64;
    // Files after the first batch wait behind stand-ins (or, feeds, are
    // added when read): of those only the beginning is read here.
    let whole_files = if threshold <= PREVIEW_THRESHOLD {
        FIRST_BATCH
    } else {
        usize::MAX
    };
    let gathered = sources::gather_heads(paths, heads_over, PREVIEW_LEN as u64, whole_files)?;
    // Each input is shown from its beginning (large), or parsed whole now:
    // those up to TOGETHER_LIMIT all at once on every core (a directory of
    // 2,475 saved pages took 4.6 s on one), larger ones one after another,
    // so that two are never held in memory half parsed.
    let mut planned = Vec::with_capacity(gathered.sources.len());
    let (mut small, mut large) = (Vec::new(), Vec::new());
    // In the reader, a directory's files after the first screenful wait
    // behind stand-ins and are read in the background: the library shows at
    // once. Feeds are read now, since their items are many articles and
    // copies of one feed are merged below.
    let stand_ins_from = if threshold <= PREVIEW_THRESHOLD && gathered.sources.len() > FIRST_BATCH {
        FIRST_BATCH
    } else {
        usize::MAX
    };
    let feeds_later = threshold <= PREVIEW_THRESHOLD && gathered.sources.len() > 1;
    let mut feed_bytes = 0;
    for (n, source) in gathered.sources.into_iter().enumerate() {
        let many = (n >= stand_ins_from || feeds_later) && may_hold_many(&source);
        if n >= stand_ins_from && !many {
            planned.push(Planned::Shown {
                name: source.name.clone(),
                first: vec![stand_in_for(&source.name)],
                input: pending_input(source),
                shown: run::Shown::Later,
            });
            continue;
        }
        if feeds_later && many {
            if feed_bytes > 0 && feed_bytes + source.len > FEEDS_READ_FIRST {
                planned.push(Planned::Shown {
                    name: source.name.clone(),
                    first: Vec::new(),
                    input: pending_input(source),
                    shown: run::Shown::Appended,
                });
                continue;
            }
            feed_bytes += source.len.max(1);
        }
        let shown = (source.len > threshold as u64)
            .then(|| shown_first(&source))
            .flatten();
        if let Some((shown, first)) = shown {
            planned.push(Planned::Shown {
                name: source.name.clone(),
                input: pending_input(source),
                shown,
                first,
            });
            continue;
        }
        let whole = if source.len <= TOGETHER_LIMIT {
            &mut small
        } else {
            &mut large
        };
        whole.push((planned.len(), source));
        planned.push(Planned::Whole(Ok(Vec::new())));
    }
    let parsed =
        crate::core::parallel::map_in_order(small, |(at, source)| (at, parse_whole(source)))
            .into_iter()
            .chain(
                large
                    .into_iter()
                    .map(|(at, source)| (at, parse_whole(source))),
            );
    for (at, result) in parsed {
        planned[at] = Planned::Whole(result);
    }
    let mut articles = Vec::new();
    let mut pending = Vec::new();
    for plan in planned {
        match plan {
            Planned::Shown {
                name,
                input,
                shown,
                mut first,
            } => {
                pending.push(run::PendingParse {
                    index: articles.len(),
                    name,
                    input,
                    shown,
                });
                articles.append(&mut first);
            }
            Planned::Whole(parsed) => articles.extend(parsed?),
        }
    }
    if articles.is_empty() {
        return Err("no articles to show".to_owned());
    }
    let merged = merge_repeated_feed_items(&mut articles, &mut pending);
    Ok(ReaderInputs {
        articles,
        pending,
        skipped: gathered.skipped,
        merged,
    })
}

/// What becomes of one input in the reader.
enum Planned {
    /// Shown from its beginning (`first`) while the rest loads.
    Shown {
        name: String,
        input: run::PendingInput,
        shown: run::Shown,
        first: Vec<Article>,
    },
    /// Parsed whole, or why it could not be.
    Whole(Result<Vec<Article>, String>),
}

/// Where the whole of an input shown before it is parsed comes from.
fn pending_input(source: sources::Source) -> run::PendingInput {
    match source.rest_of {
        Some(sources::RestOf::File(path)) => run::PendingInput::File(path),
        Some(sources::RestOf::Stdin) => run::PendingInput::Stdin(source.bytes),
        None => run::PendingInput::Bytes(source.bytes),
    }
}

/// Whether an input may be more than one article (a feed, gloss's own
/// JSON), judged by its beginning.
fn may_hold_many(source: &sources::Source) -> bool {
    let head = &source.bytes[..source.bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    matches!(
        crate::core::parse::detect_format(&head, Some(&source.name)),
        Format::Feed | Format::GlossJson
    )
}

/// What the library shows for a file until it is read: its name.
fn stand_in_for(name: &str) -> Article {
    let mut article = Article::default();
    article.meta.source = Some(crate::core::sanitize::sanitize_inline(name));
    article
        .meta
        .notices
        .push(crate::app::state::STILL_BEING_READ.to_owned());
    article.blocks = std::sync::Arc::new(crate::core::model::Block::paragraphs(&[
        "This file is still being read; it takes its place here as soon as it is.",
    ]));
    article
}

/// An input read and parsed whole: small, or not previewable (JSON, no
/// paragraph break near the start).
fn parse_whole(source: sources::Source) -> Result<Vec<Article>, String> {
    match &source.rest_of {
        Some(sources::RestOf::File(path)) => std::fs::File::open(path)
            .map_err(load::LoadError::Read)
            .and_then(|file| load::parse_file(file, source.len as usize, &source.name)),
        Some(sources::RestOf::Stdin) => sources::parse_stdin_after(source.bytes, &source.name),
        None => load::parse_owned(source.bytes, &source.name),
    }
    .map_err(|e| format!("{}: {e}", source.name))
}

/// Saved copies of one feed taken at different times hold the same items:
/// an item whose link an item of another file already has is merged into
/// it, in the earlier one's place, with the content of whichever was
/// published or updated later (the later copy on a tie). Within one file,
/// items sharing a link are the feed's own separate items (a daily briefing
/// linking to one page) and all stay. Items still loading in the
/// background are left alone: their indices are already promised to the
/// loader. Returns how many were merged.
fn merge_repeated_feed_items(
    articles: &mut Vec<Article>,
    pending: &mut [run::PendingParse],
) -> usize {
    let loading = |i: usize| {
        pending.iter().any(|p| match p.shown {
            run::Shown::Beginning | run::Shown::Later => p.index == i,
            run::Shown::FeedItems(count) => (p.index..p.index + count).contains(&i),
            run::Shown::Appended => false,
        })
    };
    let mut first_with: std::collections::HashMap<String, usize> = Default::default();
    // Articles merged into an earlier copy, to be dropped.
    let mut gone = vec![false; articles.len()];
    for i in 0..articles.len() {
        let meta = &articles[i].meta;
        let Some(url) = meta
            .url
            .clone()
            .filter(|_| meta.format == Format::Feed && !loading(i))
        else {
            continue;
        };
        match first_with.get(&url) {
            None => {
                first_with.insert(url, i);
            }
            Some(&kept) if articles[kept].meta.source == articles[i].meta.source => {}
            Some(&kept) => {
                if articles[i].meta.published >= articles[kept].meta.published {
                    articles.swap(kept, i);
                }
                gone[i] = true;
            }
        }
    }
    let merged = gone.iter().filter(|g| **g).count();
    if merged == 0 {
        return 0;
    }
    // New index of every article that stays, to move the loader's indices.
    let mut new_index = Vec::with_capacity(articles.len());
    let mut next = 0;
    for g in &gone {
        new_index.push(next);
        next += usize::from(!g);
    }
    let mut stays = gone.iter().map(|g| !g);
    articles.retain(|_| stays.next().unwrap_or(true));
    // An appended feed holds no place.
    for p in pending
        .iter_mut()
        .filter(|p| p.shown != run::Shown::Appended)
    {
        p.index = new_index[p.index];
    }
    merged
}

/// What of a large input to show while the rest loads: the beginning of a
/// text, Markdown or HTML document, or a feed's first items. None when it
/// cannot be cut (no paragraph break near the start, a binary file).
fn shown_first(source: &sources::Source) -> Option<(run::Shown, Vec<Article>)> {
    if load::is_book(&source.bytes, &source.name) {
        return book_beginning(source);
    }
    let document = (!load::looks_binary(&source.bytes))
        .then(|| {
            document_preview(source, QUICK_PREVIEW_LEN)
                .filter(|preview| text_len(&preview.blocks) >= QUICK_PREVIEW_MIN_TEXT)
                .or_else(|| document_preview(source, PREVIEW_LEN))
        })
        .flatten();
    if let Some(mut preview) = document {
        let notice = if source.rest_of == Some(sources::RestOf::Stdin) {
            // Its size is not known until it is read.
            format!("{LOADING_THE_REST} document…")
        } else {
            format!("{LOADING_THE_REST} {} document…", size_label(source.len))
        };
        preview.meta.notices.push(notice);
        return Some((run::Shown::Beginning, vec![preview]));
    }
    let head = feed_preview(&source.bytes)?;
    let items = load::parse_bytes(&head, &source.name).ok()?;
    let readable = !items.is_empty()
        && items
            .iter()
            .all(|a| a.meta.format == Format::Feed && a.meta.notices.is_empty());
    readable.then_some((run::Shown::FeedItems(items.len()), items))
}

/// A size as a notice gives it: "0 MB" would read as empty, so under a
/// megabyte it is in kilobytes.
fn size_label(len: u64) -> String {
    match len / (1024 * 1024) {
        0 => format!("{} KB", len / 1024),
        mb => format!("{mb} MB"),
    }
}

/// A large book's first chapters, read from the file (a zip archive: its
/// index at its end, then only the entries read). None for a book on
/// standard input, read whole with the rest (a pipe is read once).
fn book_beginning(source: &sources::Source) -> Option<(run::Shown, Vec<Article>)> {
    let read = match &source.rest_of {
        Some(sources::RestOf::File(path)) => {
            // Buffered: the archive's index is read a field at a time, a
            // read call each (a book of 41,840 files took 99 ms unbuffered,
            // 61 ms buffered).
            let file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
            load::parse_book_beginning(file, &source.name, PREVIEW_LEN)
        }
        Some(sources::RestOf::Stdin) => return None,
        None => load::parse_book_beginning(
            std::io::Cursor::new(&source.bytes),
            &source.name,
            PREVIEW_LEN,
        ),
    };
    let (mut preview, whole) = read.ok()?;
    if whole {
        return None;
    }
    preview.meta.notices.push(format!(
        "{LOADING_THE_REST} {} book…",
        size_label(source.len)
    ));
    Some((run::Shown::Beginning, vec![preview]))
}

/// The beginning of a text, Markdown or HTML document, cut within its first
/// `window` bytes.
fn document_preview(source: &sources::Source, window: usize) -> Option<Article> {
    let cut = preview_cut(&source.bytes, window)?;
    let mut preview = load::parse_bytes(&source.bytes[..cut], &source.name).ok()?;
    let document = preview.len() == 1
        && matches!(
            preview[0].meta.format,
            Format::PlainText | Format::Markdown | Format::Html | Format::Org
        );
    document.then(|| preview.remove(0))
}

/// A large JSON Feed's first items: its beginning cut after the last whole
/// object of its top-level `items` array, which is then closed again.
/// Found by a scan that only follows strings and nesting; what it cuts is
/// still checked by the real parser (an invalid cut gives no preview).
fn json_feed_preview(head: &[u8]) -> Option<Vec<u8>> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut in_items = false;
    let mut cut = None;
    // Where the string being read started, and whether the top object had a
    // "title" key before its items.
    let mut string_start = 0;
    let mut titled = false;
    for (i, &b) in head.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => {
                    in_string = false;
                    let key = &head[string_start..=i];
                    let next = head[i + 1..].trim_ascii_start().first();
                    titled |= depth == 1 && key == b"\"title\"" && next == Some(&b':');
                }
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                string_start = i;
            }
            b'{' | b'[' => {
                depth += 1;
                // The array that is the value of the top object's "items".
                if b == b'[' && depth == 2 {
                    let before = head[..i].trim_ascii_end();
                    let key = before.strip_suffix(b":").map(<[u8]>::trim_ascii_end);
                    in_items = key.is_some_and(|k| k.ends_with(b"\"items\""));
                }
            }
            b'}' | b']' => {
                if in_items && depth == 3 && b == b'}' {
                    cut = Some(i + 1);
                }
                if depth == 2 && in_items {
                    // The whole array is in the head: nothing to preview.
                    return None;
                }
                depth = depth.checked_sub(1)?;
            }
            _ => {}
        }
    }
    let mut preview = head[..cut?].to_vec();
    // A feed may name itself after its items, and the parser wants a
    // title: an empty one stands in until the whole feed is read.
    preview.extend_from_slice(if titled {
        b"]}"
    } else {
        b"], \"title\": \"\"}"
    });
    Some(preview)
}

/// Where to cut a large input for its preview: the last blank line in its
/// first `window` bytes, or else the last line break (HTML often has no
/// blank lines; the HTML parser closes what the cut leaves open).
fn preview_cut(bytes: &[u8], window: usize) -> Option<usize> {
    let window = &bytes[..window.min(bytes.len())];
    window
        .windows(2)
        .rposition(|w| w == b"\n\n")
        .or_else(|| window.iter().rposition(|&b| b == b'\n'))
        .map(|at| at + 1)
}

/// A large feed's first items as a feed of their own: its beginning cut
/// after the last whole item (RSS) or entry (Atom), with the elements still
/// open there closed again. None when that does not read as XML (a cut
/// inside CDATA, say): the feed is then parsed whole before it is shown.
fn feed_preview(head: &[u8]) -> Option<Vec<u8>> {
    if head.trim_ascii_start().starts_with(b"{") {
        return json_feed_preview(head);
    }
    use quick_xml::events::Event;
    let end_of = |tag: &[u8]| {
        head.windows(tag.len())
            .rposition(|w| w == tag)
            .map(|at| at + tag.len())
    };
    let cut = end_of(b"</item>").max(end_of(b"</entry>"))?;
    let mut reader = quick_xml::Reader::from_reader(&head[..cut]);
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(tag) => open.push(tag.name().0.to_owned()),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut preview = head[..cut].to_vec();
    for name in open.iter().rev() {
        preview.extend_from_slice(b"</");
        preview.extend_from_slice(name.as_bytes());
        preview.push(b'>');
    }
    Some(preview)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::State;
    use crate::core::glossary::lexicon::Lexicon;
    use crate::eval::synth::{SynthFormat, generate};

    #[test]
    fn merged_feed_items_move_the_loaders_indices_and_spare_loading_ones() {
        let item = |url: &str, title: &str, source: &str| {
            let mut a = Article::default();
            a.meta.format = Format::Feed;
            a.meta.url = Some(url.to_owned());
            a.meta.title = Some(title.to_owned());
            a.meta.source = Some(source.to_owned());
            a
        };
        let mut articles = vec![
            item("https://x.example/1", "one", "monday.xml"),
            // The same feed's own second item with that link stays.
            item("https://x.example/1", "briefing two", "monday.xml"),
            item("https://x.example/1", "one again", "tuesday.xml"),
            Article::default(),
            item("https://x.example/1", "one, still loading", "big.xml"),
        ];
        let pending = |index, shown| run::PendingParse {
            index,
            name: "big".to_owned(),
            input: run::PendingInput::Bytes(Vec::new()),
            shown,
        };
        let mut pending = vec![
            pending(3, run::Shown::Beginning),
            pending(4, run::Shown::FeedItems(1)),
        ];
        assert_eq!(merge_repeated_feed_items(&mut articles, &mut pending), 1);
        let titles: Vec<Option<&str>> = articles.iter().map(|a| a.meta.title.as_deref()).collect();
        assert_eq!(
            titles,
            [
                Some("one again"),
                Some("briefing two"),
                None,
                Some("one, still loading")
            ]
        );
        let indices: Vec<usize> = pending.iter().map(|p| p.index).collect();
        assert_eq!(indices, [2, 3]);
    }

    /// A feed of `items` items, about 600 bytes each.
    fn big_feed(items: usize, atom: bool) -> String {
        let mut feed = if atom {
            String::from(
                "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>Harbour Log</title><id>urn:log</id><updated>2025-02-11T08:00:00Z</updated>\n",
            )
        } else {
            String::from(
                "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<title>Harbour Log</title><link>https://log.example/</link>\n",
            )
        };
        for n in 0..items {
            let body = format!(
                "Entry {n}: the pilots logged two ferries delayed by fog and one \
                 freighter waiting at the outer quay. {}",
                "The wind stayed in the north-west all day. ".repeat(8)
            );
            feed.push_str(&if atom {
                format!("<entry><title>Log {n}</title><id>urn:log:{n}</id><updated>2025-02-11T08:00:00Z</updated><content type=\"text\">{body}</content></entry>\n")
            } else {
                format!("<item><title>Log {n}</title><guid>log-{n}</guid><description><![CDATA[<p>{body}</p>]]></description></item>\n")
            });
        }
        feed.push_str(if atom {
            "</feed>\n"
        } else {
            "</channel></rss>\n"
        });
        feed
    }

    /// A JSON Feed of `items` items, about 600 bytes each.
    fn big_json_feed(items: usize) -> String {
        let items: Vec<serde_json::Value> = (0..items)
            .map(|n| {
                serde_json::json!({
                    "id": format!("log-{n}"),
                    "title": format!("Log {n}"),
                    "content_text": format!(
                        "Entry {n}: two ferries \"delayed\" by fog {{and}} [one] freighter. {}",
                        "The wind stayed in the north-west all day. ".repeat(8)
                    ),
                    "tags": ["harbour", "weather"],
                })
            })
            .collect();
        // Written by hand: `json!` would sort the keys, and feeds put the
        // version and title first.
        format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\",\n \"title\": \"Harbour Log\",\n \"items\": {}}}",
            serde_json::to_string_pretty(&items).unwrap()
        )
    }

    #[test]
    fn a_json_feed_preview_ends_after_its_last_whole_item() {
        let feed = big_json_feed(300);
        let preview = feed_preview(&feed.as_bytes()[..PREVIEW_LEN]).expect("a preview");
        let items = load::parse_bytes(&preview, "log.json").unwrap();
        assert!(items.len() > 10 && items.len() < 300, "{}", items.len());
        assert_eq!(items[0].meta.section.as_deref(), Some("Harbour Log"));
        let titles: Vec<&str> = items.iter().map(|a| a.meta.display_title()).collect();
        let expected: Vec<String> = (0..items.len()).map(|n| format!("Log {n}")).collect();
        assert_eq!(titles, expected);
        // The whole array in the head, or no whole item: no preview.
        assert_eq!(feed_preview(big_json_feed(2).as_bytes()), None);
        assert_eq!(
            feed_preview(br#"{"version": "https://jsonfeed.org/version/1", "items": [{"id": "a""#),
            None
        );
    }

    #[test]
    fn a_feed_preview_closes_what_its_cut_leaves_open() {
        for atom in [false, true] {
            let feed = big_feed(300, atom);
            let head = &feed.as_bytes()[..PREVIEW_LEN];
            let preview = feed_preview(head).expect("a preview");
            let text = String::from_utf8(preview).unwrap();
            let closing = if atom {
                "</entry></feed>"
            } else {
                "</item></channel></rss>"
            };
            assert!(text.ends_with(closing), "{}", &text[text.len() - 60..]);
            let items = load::parse_bytes(text.as_bytes(), "log.xml").unwrap();
            assert!(items.len() > 10 && items.len() < 300, "{}", items.len());
            assert_eq!(items[0].meta.section.as_deref(), Some("Harbour Log"));
            assert!(items.iter().all(|a| a.meta.notices.is_empty()));
        }
        // No whole item in the head, or a cut inside CDATA: no preview.
        assert_eq!(
            feed_preview(b"<rss><channel><title>T</title><item><title>x"),
            None
        );
        assert_eq!(
            feed_preview(b"<rss><channel><item><description><![CDATA[</item>"),
            None
        );
    }

    /// A large feed opens on its first items; the others come from the
    /// background thread, added after them, and every item is annotated.
    #[test]
    fn a_large_feed_opens_on_its_first_items_and_the_rest_follow() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        let total = 1000;
        // A JSON Feed may name itself after its items: the items shown
        // first get the name when the whole feed is read.
        let json = big_json_feed(total);
        let title_last = json
            .replacen("\n \"title\": \"Harbour Log\",", "", 1)
            .trim_end()
            .strip_suffix('}')
            .map(|s| format!("{s}, \"title\": \"Harbour Log\"}}"))
            .unwrap();
        for (name, feed) in [
            ("log.xml", big_feed(total, false)),
            ("log.json", json),
            ("title-last.json", title_last),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, feed).unwrap();
            opens_on_its_first_items(&path, total);
        }
    }

    fn opens_on_its_first_items(path: &std::path::Path, total: usize) {
        let inputs = parse_for_reader(&[path.to_owned()], PREVIEW_THRESHOLD).unwrap();
        let shown = inputs.articles.len();
        assert!(shown > 10 && shown < total / 4, "{shown} items shown");
        assert_eq!(inputs.pending.len(), 1);
        assert_eq!(inputs.pending[0].shown, run::Shown::FeedItems(shown));

        let (mut state, receiver) = start_in_background(inputs);
        state.status = Some("Building glossary and timeline…".to_owned());
        let annotated = apply_background_events(&mut state, receiver).annotated;
        let titles: Vec<String> = state
            .articles
            .iter()
            .map(|a| a.meta.display_title().to_owned())
            .collect();
        let expected: Vec<String> = (0..total).map(|n| format!("Log {n}")).collect();
        assert_eq!(titles, expected);
        assert!(
            state
                .articles
                .iter()
                .all(|a| a.meta.section.as_deref() == Some("Harbour Log")),
            "every item knows its feed"
        );
        assert_eq!(annotated.len(), total);
        assert_eq!(state.loading, 0);
        assert_eq!(state.status.as_deref(), Some("Glossary and timeline ready"));
        assert_eq!(state.library.read.len(), total);
    }

    #[test]
    fn the_preview_cut_prefers_a_blank_line_then_a_line_break() {
        assert_eq!(preview_cut(b"one\n\ntwo\nthree", 100), Some(4));
        assert_eq!(preview_cut(b"<p>one</p>\n<p>two</p>", 100), Some(11));
        assert_eq!(preview_cut(b"no break at all", 100), None);
        assert_eq!(preview_cut(b"one\n\ntwo\n\nthree", 8), Some(4));
    }

    fn head_of(name: &str, whole: &str) -> sources::Source {
        sources::Source {
            name: name.to_owned(),
            bytes: whole.as_bytes()[..PREVIEW_LEN].to_vec(),
            rest_of: None,
            len: whole.len() as u64,
        }
    }

    /// A large book opens on its first chapters; the rest is read after.
    #[test]
    fn a_large_book_previews_its_first_chapters() {
        let book = crate::eval::synth::generate_book(PREVIEW_THRESHOLD * 2);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.epub");
        std::fs::write(&path, &book).unwrap();
        // As the reader gathers a large file: its head, and where the rest is.
        let source = sources::Source {
            name: "long.epub".to_owned(),
            bytes: book[..PREVIEW_LEN].to_vec(),
            rest_of: Some(sources::RestOf::File(path)),
            len: book.len() as u64,
        };
        let (shown, articles) = shown_first(&source).expect("a preview");
        assert_eq!(shown, run::Shown::Beginning);
        let preview = &articles[0];
        assert_eq!(preview.meta.format, Format::Epub);
        assert_eq!(preview.meta.title.as_deref(), Some("A Long Book"));
        assert!(
            preview
                .meta
                .notices
                .iter()
                .any(|n| n.starts_with(LOADING_THE_REST) && n.ends_with("book…")),
            "{:?}",
            preview.meta.notices
        );
        let whole = load::parse_bytes(&book, "long.epub").unwrap().remove(0);
        let text = |a: &Article| a.blocks.iter().map(|b| b.text.len()).sum::<usize>();
        assert!(text(preview) >= PREVIEW_LEN, "{}", text(preview));
        assert!(
            text(preview) * 4 < text(&whole),
            "{} of {}",
            text(preview),
            text(&whole)
        );
        // The preview is the book's beginning, block for block.
        for (a, b) in preview.blocks.iter().zip(whole.blocks.iter()) {
            assert_eq!(a.text, b.text);
        }
    }

    /// A large document is first parsed from its first 16 KB only, unless
    /// they hold too little text to read, as a web page's scripts.
    #[test]
    fn a_document_previews_its_first_16_kb_unless_they_hold_little_text() {
        let text = generate(PREVIEW_THRESHOLD * 2, SynthFormat::Text);
        let (_, articles) = shown_first(&head_of("big.txt", &text)).expect("a preview");
        let shown = text_len(&articles[0].blocks);
        assert!(
            (QUICK_PREVIEW_MIN_TEXT..=QUICK_PREVIEW_LEN).contains(&shown),
            "{shown} bytes of text shown"
        );

        let mut page = String::from("<html><head><title>Page</title><script>\n");
        while page.len() < 20 * 1024 {
            page.push_str("var counter = counter + 1;\n");
        }
        page.push_str("</script></head><body><article>\n");
        while page.len() < PREVIEW_THRESHOLD * 2 {
            page.push_str("<p>A paragraph of the page's own text, long enough to read.</p>\n");
        }
        page.push_str("</article></body></html>\n");
        let (_, articles) = shown_first(&head_of("big.html", &page)).expect("a preview");
        assert_eq!(articles[0].meta.format, Format::Html);
        let shown = text_len(&articles[0].blocks);
        assert!(shown > QUICK_PREVIEW_LEN, "{shown} bytes of text shown");
    }

    /// A large file of each previewable format opens from its beginning,
    /// with the whole file left to the background.
    #[test]
    fn large_text_markdown_and_html_open_from_their_beginning() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        for (format, name, expected) in [
            (SynthFormat::Text, "big.txt", Format::PlainText),
            (SynthFormat::Markdown, "big.md", Format::Markdown),
            (SynthFormat::Html, "big.html", Format::Html),
        ] {
            let path = dir.join(name);
            let text = generate(PREVIEW_THRESHOLD * 2, format);
            std::fs::write(&path, &text).unwrap();
            let inputs = parse_for_reader(std::slice::from_ref(&path), PREVIEW_THRESHOLD).unwrap();
            assert_eq!(inputs.pending.len(), 1, "{name}");
            let preview = &inputs.articles[0];
            assert_eq!(preview.meta.format, expected, "{name}");
            assert!(
                preview
                    .meta
                    .notices
                    .iter()
                    .any(|n| n.contains("loading the rest"))
            );
            // Half a megabyte is counted in kilobytes, not as "0 MB".
            let kb = std::fs::metadata(&path).unwrap().len() / 1024;
            assert!(
                preview
                    .meta
                    .notices
                    .iter()
                    .any(|n| n.ends_with(&format!("this {kb} KB document…"))),
                "{:?}",
                preview.meta.notices
            );
            let whole = load::parse_bytes(text.as_bytes(), name).unwrap().remove(0);
            assert!(
                preview.blocks.len() * 2 < whole.blocks.len(),
                "{name}: {} of {} blocks",
                preview.blocks.len(),
                whole.blocks.len()
            );
        }
    }
    /// A directory's small files are parsed on every core at once, yet the
    /// library keeps the directory's order, and a large file shown from its
    /// beginning keeps its place among them.
    #[test]
    fn a_directory_opens_in_its_order_with_small_files_parsed_together() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        let mut expected = Vec::new();
        for i in 0..24 {
            let name = format!("note-{i:02}.md");
            if i == 9 {
                std::fs::write(
                    dir.join(&name),
                    generate(PREVIEW_THRESHOLD * 2, SynthFormat::Text),
                )
                .unwrap();
                expected.push(None);
                continue;
            }
            // Sizes that vary, so the threads finish out of order.
            let body = "The harbour reopened after the storm. ".repeat(1 + (i * 37) % 200);
            std::fs::write(dir.join(&name), format!("# Note {i}\n\n{body}\n")).unwrap();
            expected.push(Some(format!("Note {i}")));
        }
        let inputs = parse_for_reader(std::slice::from_ref(&dir), PREVIEW_THRESHOLD).unwrap();
        let titles: Vec<Option<String>> = inputs
            .articles
            .iter()
            .map(|a| a.meta.title.clone().filter(|t| t.starts_with("Note ")))
            .collect();
        assert_eq!(titles, expected);
        assert_eq!(inputs.pending.len(), 1);
        assert_eq!(inputs.pending[0].index, 9);
    }
    /// More files than fit on the library's first screen open at once: the
    /// files after the first [`FIRST_BATCH`] wait behind stand-ins that the
    /// annotation thread replaces, in place, with the files read and
    /// annotated; a feed among them is read at once, and a file that went
    /// meanwhile keeps its stand-in, which says so.
    #[test]
    fn many_files_open_at_once_behind_stand_ins_that_fill_in() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        let files = FIRST_BATCH + 20;
        let feed_at = FIRST_BATCH + 5;
        let large_at = FIRST_BATCH + 9;
        let gone_at = FIRST_BATCH + 12;
        for i in 0..files {
            if i == feed_at {
                std::fs::write(dir.join(format!("f{i:03}.xml")), big_feed(3, false)).unwrap();
                continue;
            }
            if i == large_at || i == gone_at {
                let text = generate(PREVIEW_THRESHOLD * 2, SynthFormat::Text);
                std::fs::write(dir.join(format!("f{i:03}.txt")), text).unwrap();
                continue;
            }
            let body = format!("Ships left the harbour on 3 March 2024, file {i}. ").repeat(4);
            std::fs::write(
                dir.join(format!("f{i:03}.md")),
                format!("# File {i}\n\n{body}\n"),
            )
            .unwrap();
        }
        // Named one by one, as a shell's glob gives them: of a large file
        // named so, only the beginning is read, and this one is gone when
        // its turn comes.
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let inputs = parse_for_reader(&paths, PREVIEW_THRESHOLD).unwrap();
        std::fs::remove_file(dir.join(format!("f{gone_at:03}.txt"))).unwrap();
        let later: Vec<usize> = inputs.pending.iter().map(|p| p.index).collect();
        // The feed's three items are read now and take three places.
        assert_eq!(inputs.articles.len(), files + 2);
        assert_eq!(later.len(), files - FIRST_BATCH - 1);
        assert!(inputs.pending.iter().all(|p| p.shown == run::Shown::Later));
        // Of the files behind stand-ins only their beginnings were read.
        assert!(
            inputs
                .pending
                .iter()
                .all(|p| matches!(p.input, run::PendingInput::File(_)))
        );
        for &i in &later {
            assert!(crate::app::state::is_placeholder(&inputs.articles[i]));
        }
        assert!(!later.contains(&feed_at));

        let (mut state, receiver) = start_in_background(inputs);
        state.status = Some("Building glossary and timeline…".to_owned());
        // `G` on a file read whole goes to its end, whatever else loads.
        assert!(state.is_loading(later[0]) && !state.is_loading(0));
        crate::app::update(&mut state, crate::app::Action::Resize(100, 30));
        crate::app::update(&mut state, crate::app::Action::ToggleLibrary);
        assert!(!state.library.shown);
        crate::app::update(&mut state, crate::app::Action::Bottom);
        assert!(!state.end_when_loaded);
        apply_background_events(&mut state, receiver);
        assert_eq!(state.loading, 0);
        assert_eq!(state.annotated, state.articles.len());
        assert_eq!(state.status.as_deref(), Some("Glossary and timeline ready"));
        // Every file in its place, the feed's items where the feed was.
        let titles: Vec<&str> = state
            .articles
            .iter()
            .map(|a| a.meta.display_title())
            .collect();
        let large_title = load::parse_bytes(
            generate(PREVIEW_THRESHOLD * 2, SynthFormat::Text).as_bytes(),
            "large",
        )
        .unwrap()[0]
            .meta
            .display_title()
            .to_owned();
        let mut expected: Vec<String> = (0..files).map(|i| format!("File {i}")).collect();
        expected[large_at] = large_title;
        expected[gone_at] = format!("f{gone_at:03}.txt");
        expected.splice(feed_at..=feed_at, (0..3).map(|n| format!("Log {n}")));
        assert_eq!(titles, expected);
        // The large file, shown by name only until read, is there whole;
        // the one that went keeps its stand-in, which says why.
        assert!(state.articles[large_at + 2].blocks.len() > 100);
        let gone = &state.articles[gone_at + 2].meta.notices;
        assert!(
            gone.iter().any(|n| n.contains("could not be read")),
            "{gone:?}"
        );
        assert!(
            !gone
                .iter()
                .any(|n| n == crate::app::state::STILL_BEING_READ)
        );
        let files_read = state.articles.iter().filter(|a| {
            a.meta
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("File "))
        });
        for article in files_read {
            assert!(!crate::app::state::is_placeholder(article));
            assert!(
                !article.timeline.is_empty(),
                "{} is annotated",
                article.meta.display_title()
            );
        }
    }
    /// The reader's state over `inputs` and what its annotation thread,
    /// started on them, sends: as the reader starts, every pending input
    /// counted as loading and nothing annotated yet.
    fn start_in_background(
        inputs: ReaderInputs,
    ) -> (State, std::sync::mpsc::Receiver<run::LoopEvent>) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let work = run::annotation_work(&inputs.articles);
        let links = run::FeedLinks::of(&inputs.articles);
        let loading = inputs.pending.len();
        run::spawn_annotation_thread(work, links, inputs.pending, Lexicon::default(), sender);
        let mut state = State::new(inputs.articles, Default::default(), Default::default());
        state.loading = loading;
        state.annotated = 0;
        (state, receiver)
    }

    /// What the annotation thread sent, as [`apply_background_events`]
    /// applied it.
    #[derive(Default)]
    struct Applied {
        /// The status line after each event, and whether the event was a
        /// feed appended.
        statuses: Vec<(bool, String)>,
        /// The articles annotated.
        annotated: std::collections::BTreeSet<usize>,
    }

    /// Applies what the annotation thread sends, as the event loop does,
    /// until it ends.
    fn apply_background_events(
        state: &mut State,
        receiver: std::sync::mpsc::Receiver<run::LoopEvent>,
    ) -> Applied {
        let mut applied = Applied::default();
        for event in receiver {
            let appended = matches!(event, run::LoopEvent::Appended { .. });
            match event {
                run::LoopEvent::Read {
                    index,
                    article,
                    more,
                } => state.fill_in(index, *article, more),
                run::LoopEvent::LoadFailed { index, reason } => {
                    state.loading_failed(index, &reason)
                }
                run::LoopEvent::Appended { name, read } => state.feed_appended(&name, read),
                run::LoopEvent::MoreItems {
                    articles,
                    shown_from,
                    shown_meta,
                } => state.feed_loaded(shown_from, shown_meta, articles),
                run::LoopEvent::Annotated {
                    index,
                    glossary,
                    timeline,
                    ..
                } => {
                    applied.annotated.insert(index);
                    state.set_annotations(index, glossary, timeline);
                }
                other => panic!("unexpected event {other:?}"),
            }
            let status = state.status.clone().unwrap_or_default();
            applied.statuses.push((appended, status));
        }
        applied
    }

    /// Saved copies of a feed in a directory: only the first
    /// [`FEEDS_READ_FIRST`] bytes of feeds are read before the first frame;
    /// each feed read after it adds its items at the end, those a copy read
    /// before shows left out and counted.
    #[test]
    fn feeds_past_the_first_bytes_are_read_after_the_first_frame_and_merged() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        // Each copy about 90 KB: the first two are read first.
        let copies = [0..150, 150..300, 100..250, 250..400];
        for (name, items) in ["a", "b", "c", "d"].iter().zip(copies) {
            std::fs::write(dir.join(format!("copy-{name}.xml")), linked_feed(items)).unwrap();
        }
        std::fs::write(
            dir.join("notes.md"),
            "# Notes\n\nShips left on 3 March 2024.\n",
        )
        .unwrap();
        let inputs = parse_for_reader(std::slice::from_ref(&dir), PREVIEW_THRESHOLD).unwrap();
        assert_eq!(
            inputs.articles.len(),
            301,
            "two copies' items and the notes"
        );
        let shown: Vec<run::Shown> = inputs.pending.iter().map(|p| p.shown).collect();
        assert_eq!(shown, [run::Shown::Appended; 2]);

        let (mut state, receiver) = start_in_background(inputs);
        let statuses = apply_background_events(&mut state, receiver).statuses;
        assert_eq!(state.loading, 0);
        assert_eq!(state.annotated, state.articles.len());
        // Every item once, the new ones of the last copy at the end.
        let mut links: Vec<&str> = state
            .articles
            .iter()
            .filter_map(|a| a.meta.url.as_deref())
            .collect();
        assert_eq!(links.len(), 400);
        assert_eq!(links[300], "https://log.example/300");
        links.sort_unstable();
        links.dedup();
        assert_eq!(links.len(), 400);
        assert_eq!(state.feed_items_merged, 150 + 50);
        // Not ready while feeds are still being read, though every article
        // shown so far is annotated; then ready, with what was left out.
        let last_appended = statuses
            .iter()
            .rposition(|(appended, _)| *appended)
            .unwrap();
        assert!(
            statuses[..last_appended]
                .iter()
                .all(|(_, status)| !status.contains("ready")),
            "{statuses:?}"
        );
        assert_eq!(
            statuses.last().unwrap().1,
            "Glossary and timeline ready (200 feed item(s) found again in another copy of the feed, \
             shown once)"
        );
    }

    /// An RSS feed of items `items`, each with its own link, about 630
    /// bytes each.
    fn linked_feed(items: std::ops::Range<usize>) -> String {
        let mut feed = String::from(
            "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<title>Harbour Log</title>\
             <link>https://log.example/</link>\n",
        );
        for n in items {
            let body = "The pilots logged two ferries delayed by fog at the outer quay. ".repeat(8);
            feed.push_str(&format!(
                "<item><title>Log {n}</title><link>https://log.example/{n}</link>\
                 <description><![CDATA[<p>{body}</p>]]></description></item>\n"
            ));
        }
        feed + "</channel></rss>\n"
    }

    /// A large feed shown from its first items and a copy of it read after
    /// the first frame: the copy adds none of the items the large one gives
    /// when it is read whole.
    #[test]
    fn a_copy_read_later_leaves_out_a_large_feeds_later_items() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        for name in ["a", "b"] {
            std::fs::write(dir.join(format!("{name}.xml")), linked_feed(0..500)).unwrap();
        }
        let inputs = parse_for_reader(std::slice::from_ref(&dir), PREVIEW_THRESHOLD).unwrap();
        let shown: Vec<run::Shown> = inputs.pending.iter().map(|p| p.shown).collect();
        assert!(
            matches!(shown[..], [run::Shown::FeedItems(n), run::Shown::Appended] if n < 500),
            "{shown:?}"
        );
        let (mut state, receiver) = start_in_background(inputs);
        apply_background_events(&mut state, receiver);
        assert_eq!(state.articles.len(), 500);
        assert_eq!(state.feed_items_merged, 500);
        assert_eq!(state.loading, 0);
        assert_eq!(state.annotated, 500);
    }

    /// A feed that could not be read after the first frame (it went, or
    /// changed into something else): the status line says so, and it no
    /// longer counts as loading.
    #[test]
    fn a_feed_that_cannot_be_read_after_the_first_frame_says_so() {
        let mut state = State::new(
            vec![Article::default()],
            Default::default(),
            Default::default(),
        );
        state.loading = 2;
        state.feed_appended(
            "feeds/gone\u{1b}[2J.xml",
            Err("No such file\u{7}".to_owned()),
        );
        assert_eq!(state.loading, 1);
        assert_eq!(
            state.status.as_deref(),
            Some("feeds/gone.xml could not be read: No such file")
        );
    }

    /// A large file in a directory is read as one named on the command line
    /// is: its beginning before the first frame, the rest afterwards.
    #[test]
    fn a_large_file_in_a_directory_opens_from_its_beginning() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        std::fs::write(
            dir.join("a.md"),
            "# Short\n\nA short note on the harbour.\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("b.txt"),
            generate(PREVIEW_THRESHOLD * 2, SynthFormat::Text),
        )
        .unwrap();
        let inputs = parse_for_reader(std::slice::from_ref(&dir), PREVIEW_THRESHOLD).unwrap();
        assert_eq!(inputs.articles.len(), 2);
        assert_eq!(inputs.pending.len(), 1);
        assert_eq!(inputs.pending[0].index, 1);
        assert!(matches!(
            inputs.pending[0].input,
            run::PendingInput::File(_)
        ));
    }
}
