//! The plain-text parser on pasted posts: every fixture in
//! `tests/fixtures/pasted/` against its `.expect.toml`, plus the check that no
//! word of the body is lost.

use gloss::core::load::parse_bytes;
use gloss::core::model::{Article, Block, BlockKind};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Expect {
    publication: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    author: Option<String>,
    published: Option<String>,
    paid: Option<bool>,
    likes: Option<u64>,
    comments: Option<u64>,
    restacks: Option<u64>,
    truncated: Option<bool>,
    #[serde(default)]
    headings: Vec<String>,
    caption: Option<String>,
    caption_credit: Option<String>,
    caption_license: Option<String>,
    note: Option<bool>,
    #[serde(default)]
    footnotes: usize,
    /// The quotes' texts, where the fixture has any.
    quotes: Option<Vec<String>>,
    #[serde(default)]
    clutter: Vec<String>,
    body_first: Option<String>,
    body_last: Option<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pasted");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "expected at least six pasted fixtures");
    paths
}

fn load(path: &Path) -> (Article, Expect, String) {
    let raw = std::fs::read_to_string(path).expect("fixture text");
    let expect_path = path.with_extension("expect.toml");
    let expect: Expect =
        toml::from_str(&std::fs::read_to_string(&expect_path).expect("expect file"))
            .expect("expect toml");
    let mut articles = parse_bytes(raw.as_bytes(), &path.display().to_string()).expect("parses");
    assert_eq!(articles.len(), 1);
    (articles.remove(0), expect, raw)
}

#[test]
fn metadata_matches_expectations() {
    for path in fixtures() {
        let (article, expect, _) = load(&path);
        let m = &article.meta;
        let name = path.file_name().unwrap().to_string_lossy();
        assert_eq!(m.publication, expect.publication, "{name}: publication");
        assert_eq!(m.title, expect.title, "{name}: title");
        assert_eq!(m.subtitle, expect.subtitle, "{name}: subtitle");
        assert_eq!(m.author, expect.author, "{name}: author");
        assert_eq!(m.published, expect.published, "{name}: published");
        assert_eq!(m.paid, expect.paid.unwrap_or(false), "{name}: paid");
        assert_eq!(
            m.truncated,
            expect.truncated.unwrap_or(false),
            "{name}: truncated"
        );
        let counts = m.engagement.map(|e| (e.likes, e.comments, e.restacks));
        let expected_counts = match (expect.likes, expect.comments, expect.restacks) {
            (Some(l), Some(c), Some(r)) => Some((l, c, r)),
            _ => None,
        };
        assert_eq!(counts, expected_counts, "{name}: counts");
    }
}

#[test]
fn blocks_have_the_right_kinds() {
    for path in fixtures() {
        let (article, expect, _) = load(&path);
        let name = path.file_name().unwrap().to_string_lossy();
        let headings: Vec<&str> = article
            .blocks
            .iter()
            .filter(|b| b.kind.is_heading())
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(headings, expect.headings, "{name}: headings");

        let captions: Vec<_> = article
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Caption(a) => {
                    Some((b.text.clone(), a.credit.clone(), a.license.clone()))
                }
                _ => None,
            })
            .collect();
        match &expect.caption {
            Some(text) => {
                assert_eq!(captions.len(), 1, "{name}: one caption");
                assert_eq!(&captions[0].0, text, "{name}: caption text");
                assert_eq!(captions[0].1, expect.caption_credit, "{name}: credit");
                assert_eq!(captions[0].2, expect.caption_license, "{name}: licence");
            }
            None => assert!(
                captions.is_empty(),
                "{name}: no caption expected, got {captions:?}"
            ),
        }

        // Footnotes are notes too, each starting with its mark ("[1] ").
        let (footnotes, notes): (Vec<&Block>, Vec<&Block>) = article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Note)
            .partition(|b| b.text.starts_with('['));
        assert_eq!(
            !notes.is_empty(),
            expect.note.unwrap_or(false),
            "{name}: note"
        );
        assert_eq!(footnotes.len(), expect.footnotes, "{name}: footnotes");
        if let Some(quotes) = &expect.quotes {
            let found: Vec<&str> = article
                .blocks
                .iter()
                .filter(|b| b.kind == BlockKind::Quote)
                .map(|b| b.text.as_str())
                .collect();
            assert_eq!(&found, quotes, "{name}: quotes");
        }

        for clutter in &expect.clutter {
            for block in article.blocks.iter() {
                assert!(
                    block.text.trim() != clutter.trim()
                        && !block.text.contains(&format!("{clutter}\n")),
                    "{name}: clutter {clutter:?} survived in {:?}",
                    block.text
                );
            }
        }
    }
}

fn body_blocks(article: &Article) -> Vec<&str> {
    article
        .blocks
        .iter()
        .filter(|b| is_body_kind(&b.kind))
        .map(|b| b.text.as_str())
        .collect()
}

/// `body` as the text of a short post under a title, a byline and a date.
fn post_under_byline(body: &str) -> Article {
    let text = format!("Aid to Kyiv\n\nBy Ann Lee\nMarch 3, 2024\n\n{body}");
    parse_bytes(text.as_bytes(), "aid.txt").unwrap().remove(0)
}

/// Each block's text, and whether `marked` holds for the block.
fn texts_marked(article: &Article, marked: impl Fn(&Block) -> bool) -> Vec<(String, bool)> {
    article
        .blocks
        .iter()
        .map(|b| (b.text.to_string(), marked(b)))
        .collect()
}

/// The kinds of block that hold the body's own text.
fn is_body_kind(kind: &BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph
            | BlockKind::Heading { .. }
            | BlockKind::ListItem { .. }
            | BlockKind::Quote
    )
}

#[test]
fn body_starts_and_ends_where_expected() {
    for path in fixtures() {
        let (article, expect, _) = load(&path);
        let name = path.file_name().unwrap().to_string_lossy();
        let paragraphs: Vec<&str> = article
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.text.as_str())
            .collect();
        if let Some(first) = &expect.body_first {
            assert!(
                paragraphs
                    .first()
                    .is_some_and(|p| p.starts_with(first.as_str())),
                "{name}: first paragraph {:?}",
                paragraphs.first()
            );
        }
        if let Some(last) = &expect.body_last {
            assert!(
                paragraphs
                    .last()
                    .is_some_and(|p| p.ends_with(last.as_str())),
                "{name}: last paragraph {:?}",
                paragraphs.last()
            );
        }
    }
}

/// Every word between the body's first and last words in the source appears
/// in the parsed body, in order: clutter may go, text may not.
#[test]
fn every_word_of_the_body_survives() {
    for path in fixtures() {
        let (article, expect, raw) = load(&path);
        let name = path.file_name().unwrap().to_string_lossy();
        let (Some(first), Some(last)) = (&expect.body_first, &expect.body_last) else {
            continue;
        };
        let flat = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let start = flat
            .find(first.as_str())
            .unwrap_or_else(|| panic!("{name}: body_first in source"));
        let end = flat
            .rfind(last.as_str())
            .unwrap_or_else(|| panic!("{name}: body_last in source"))
            + last.len();
        // Clutter inside the body (a "Thanks for reading" prompt) may go.
        let mut source = flat[start..end].to_owned();
        for clutter in &expect.clutter {
            source = source.replace(clutter.as_str(), " ");
        }
        // A book's bracketed labels mark a caption and a footnote, which
        // read as the caption and as "[1] …".
        source = source
            .replace("[Illustration: ", "")
            .replace("[Footnote 1: ", "[1] ");
        // A photo's caption inside the body keeps its words too, its
        // credit without the brackets it stood in.
        let parsed = article
            .blocks
            .iter()
            .filter_map(|b| match b.kind.attribution() {
                Some(credit) => Some(format!(
                    "{} {} {}",
                    b.text,
                    credit.credit.as_deref().unwrap_or(""),
                    credit.license.as_deref().unwrap_or("")
                )),
                // Footnotes are the text's too.
                None => (is_body_kind(&b.kind)
                    || b.kind == BlockKind::Note && b.text.starts_with('['))
                .then(|| b.text.to_string()),
            })
            .collect::<Vec<_>>()
            .join(" ");
        // A colon may join a chapter's number to its title; a book's
        // underscores mark italics.
        // A footnote's mark glued to a word ("weapons.1") reads "weapons.[1]".
        let unbracketed = |w: &str| {
            w.trim_matches(['(', ')', '[', ']', ':', '_'])
                .replace(".[", ".")
                .replace("].", ".")
                .trim_end_matches(']')
                .to_owned()
        };
        let parsed_words: Vec<String> = parsed.split_whitespace().map(unbracketed).collect();
        let mut at = 0;
        for word in source.split_whitespace().map(unbracketed) {
            match parsed_words[at..].iter().position(|w| *w == word) {
                Some(p) => at += p + 1,
                None => panic!(
                    "{name}: word {word:?} from the body is missing after {:?}",
                    parsed_words.get(at.saturating_sub(5)..at)
                ),
            }
        }
    }
}

#[test]
fn bundled_samples_parse_cleanly() {
    for (name, text) in gloss::cli::sources::BUNDLED {
        let articles = parse_bytes(text.as_bytes(), name).expect("parses");
        let a = &articles[0];
        assert!(a.meta.title.is_some(), "{name}: title");
        assert!(a.meta.author.is_some(), "{name}: author");
        assert!(a.meta.published.is_some(), "{name}: date");
        assert!(a.blocks.len() > 10, "{name}: body");
        assert!(
            a.blocks.iter().any(|b| b.kind.is_heading()),
            "{name}: headings"
        );
        for block in a.blocks.iter() {
            for clutter in ["Share", "Subscribe", "Listen", "Sign in"] {
                assert_ne!(block.text, clutter, "{name}: clutter");
            }
        }
    }
}

#[test]
fn medium_published_in_names_the_publication() {
    let (_, text) = gloss::cli::sources::BUNDLED
        .iter()
        .find(|(name, _)| name.starts_with("arctic"))
        .expect("the Medium-shaped sample");
    let meta = parse_bytes(text.as_bytes(), "arctic")
        .unwrap()
        .remove(0)
        .meta;
    assert_eq!(meta.publication.as_deref(), Some("The Polar Desk"));
    assert_eq!(meta.title.as_deref(), Some("The Cold Shortcut"));
    assert_eq!(meta.author.as_deref(), Some("Tomas Reinholt"));
    assert!(meta.paid, "Member-only story");
}

#[test]
fn a_short_dated_sentence_is_body_not_a_date_line() {
    // A body sentence short enough for the byline window, with a date in it,
    // was taken for the date line and the article came out empty.
    for body in [
        "The government sent drones to Ukraine on 1 March 2024.",
        "On 1 March 2024, the government sent drones to Ukraine.",
    ] {
        let text = format!("Aid to Kyiv\n\n{body}\n");
        let article = parse_bytes(text.as_bytes(), "note").unwrap().remove(0);
        assert_eq!(article.meta.title.as_deref(), Some("Aid to Kyiv"));
        assert_eq!(article.meta.published, None, "{body}");
        assert_eq!(body_blocks(&article), vec![body]);
    }
    // A date line that ends with a period is still one.
    let text = "Aid to Kyiv\n\nPublished on March 3, 2024.\n\nThe first paragraph.\n";
    let article = parse_bytes(text.as_bytes(), "note").unwrap().remove(0);
    assert_eq!(article.meta.published.as_deref(), Some("2024-03-03"));
}

#[test]
fn a_mail_clients_sender_line_is_the_byline_and_a_licences_is_not() {
    // Gmail's page without the year (a message of this year): the sender
    // gives the byline, and "from" splits an author from the publication.
    let text = "Night tows\nInbox\n\nAnn Lee from The Harbour Desk <desk@harbour.example>\n\
        Unsubscribe\nTue, Oct 14, 6:02 AM (2 days ago)\nto me\n\n\
        Tug crews walked out on Monday at the three northern terminals.\n";
    let article = parse_bytes(text.as_bytes(), "mail.txt").unwrap().remove(0);
    assert_eq!(article.meta.title.as_deref(), Some("Night tows"));
    assert_eq!(article.meta.author.as_deref(), Some("Ann Lee"));
    assert_eq!(
        article.meta.publication.as_deref(),
        Some("The Harbour Desk")
    );
    assert_eq!(
        body_blocks(&article),
        ["Tug crews walked out on Monday at the three northern terminals."]
    );
    // A name and address over the licence's text is its copyright line.
    let licence = "The MIT License (MIT)\n\nCopyright (c) 2017 Ann Lee <ann@lee.example>\n\n\
        Permission is hereby granted, free of charge, to any person obtaining a copy.\n";
    let meta = parse_bytes(licence.as_bytes(), "LICENSE")
        .unwrap()
        .remove(0)
        .meta;
    assert_eq!(meta.publication, None);
    assert_eq!(meta.author, None);
}

#[test]
fn a_pasted_messages_header_lines_give_its_metadata() {
    let body = "Tug crews walked out on Monday at the three northern terminals.";
    for (text, author, publication) in [
        // Apple Mail's forward.
        (
            "Begin forwarded message:\n\nFrom: Ann Lee from The Harbour Desk <desk@harbour.example>\n\
             Subject: Re: Night tows\nDate: 14 October 2025 at 07:02:08 BST\nTo: reader@example.org\n\n",
            Some("Ann Lee"),
            Some("The Harbour Desk"),
        ),
        // Outlook's reply block, the sender as an old "[mailto:…]".
        (
            "-----Original Message-----\nFrom: The Harbour Desk [mailto:desk@harbour.example]\n\
             Sent: Tuesday, October 14, 2025 7:02 AM\nTo: Reader\nSubject: FW: Night tows\n\n",
            None,
            Some("The Harbour Desk"),
        ),
        // Outlook's numeric date, its order told by the day over 12.
        (
            "From: The Harbour Desk <desk@harbour.example>\nSubject: Night tows\n\
             Sent: Tue 10/14/2025 6:02 AM\n\n",
            None,
            Some("The Harbour Desk"),
        ),
        (
            "From: The Harbour Desk <desk@harbour.example>\nSubject: Night tows\n\
             Date: 14.10.2025 06:02\n\n",
            None,
            Some("The Harbour Desk"),
        ),
        // A bare address names nobody.
        (
            "From: desk@harbour.example\nSubject: Night tows\nDate: Tue, 14 Oct 2025 06:02:08 +0000\n\n",
            None,
            None,
        ),
    ] {
        let article = parse_bytes(format!("{text}{body}\n").as_bytes(), "mail.txt")
            .unwrap()
            .remove(0);
        let meta = &article.meta;
        assert_eq!(meta.title.as_deref(), Some("Night tows"), "{text}");
        assert_eq!(meta.published.as_deref(), Some("2025-10-14"), "{text}");
        assert_eq!(meta.author.as_deref(), author, "{text}");
        assert_eq!(meta.publication.as_deref(), publication, "{text}");
        assert_eq!(body_blocks(&article), [body], "{text}");
    }
    // A company mail server's warning over the forwarded post goes.
    let text = format!(
        "From: The Harbour Desk <desk@harbour.example>\nSubject: Night tows\nDate: 14.10.2025 06:02\n\n\
         CAUTION: This email originated from outside of the organization. Do not click links \
         or open attachments unless you recognize the sender and know the content is safe.\n\n{body}\n"
    );
    let article = parse_bytes(text.as_bytes(), "mail.txt").unwrap().remove(0);
    assert_eq!(body_blocks(&article), [body]);
    // "03/04/2025" could be March or April: no date.
    let text = format!(
        "From: The Harbour Desk <desk@harbour.example>\nSubject: Night tows\nDate: 03/04/2025\n\n{body}\n"
    );
    let article = parse_bytes(text.as_bytes(), "mail.txt").unwrap().remove(0);
    assert_eq!(article.meta.title.as_deref(), Some("Night tows"));
    assert_eq!(article.meta.published, None);
    // An email quoted under a lead-in is the body's.
    let text = format!(
        "Night tows\n\nThe union wrote to its members:\n\nFrom: The Union\nSubject: Strike\n\n{body}\n"
    );
    let article = parse_bytes(text.as_bytes(), "report.txt")
        .unwrap()
        .remove(0);
    assert_eq!(article.meta.title.as_deref(), Some("Night tows"));
    assert_eq!(article.meta.publication, None);
    assert_eq!(body_blocks(&article)[0], "The union wrote to its members:");
    // One label alone is no message's header: a report "From: our
    // correspondent" keeps its title and first line.
    let text = format!("Night tows\n\nFrom: our correspondent in the north\n\n{body}\n");
    let article = parse_bytes(text.as_bytes(), "report.txt")
        .unwrap()
        .remove(0);
    assert_eq!(article.meta.title.as_deref(), Some("Night tows"));
    assert_eq!(article.meta.publication, None);
    assert_eq!(
        body_blocks(&article)[0],
        "From: our correspondent in the north"
    );
}

#[test]
fn a_platforms_line_over_a_post_leaves_the_title_to_the_post() {
    // A newsletter email pasted without a date: its browser link over the
    // post's title line.
    let text = "View this email in your browser\n\nNight tows\n\n\
        Tug crews walked out on Monday at the three northern terminals.\n\n\
        Our mailing address is:\nHarbour Desk, 1 Quay Street\n";
    let article = parse_bytes(text.as_bytes(), "mail.txt").unwrap().remove(0);
    assert_eq!(article.meta.title.as_deref(), Some("Night tows"));
    assert_eq!(
        body_blocks(&article),
        ["Tug crews walked out on Monday at the three northern terminals."]
    );
}

#[test]
fn a_reader_views_copy_gives_title_author_and_address() {
    // Firefox's reader view: the site's address, the title, the author and
    // the reading time over the text; others set the page's address under
    // the title and "5 min read".
    let body = "Tug crews walked out on Monday at the three northern terminals.";
    for (text, author, url) in [
        (
            format!(
                "harbour.example\nTokyo widens its satellite deal with Kyiv\nAna Ruiz\n4–5 minutes\n\n{body}\n"
            ),
            "Ana Ruiz",
            "https://harbour.example",
        ),
        (
            format!(
                "Tokyo widens its satellite deal with Kyiv\n\nhttps://harbour.example/p/tows\n\nAnn Lee\n\n5 min read\n\n{body}\n"
            ),
            "Ann Lee",
            "https://harbour.example/p/tows",
        ),
    ] {
        let article = parse_bytes(text.as_bytes(), "tows.txt").unwrap().remove(0);
        let meta = &article.meta;
        assert_eq!(
            meta.title.as_deref(),
            Some("Tokyo widens its satellite deal with Kyiv"),
            "{text}"
        );
        assert_eq!(meta.author.as_deref(), Some(author), "{text}");
        assert_eq!(meta.url.as_deref(), Some(url), "{text}");
        assert_eq!(body_blocks(&article), [body], "{text}");
    }
    // A name with a dot in it is no address.
    let text = format!("Night tows\n\nMr.Lee\n\n5 min read\n\n{body}\n");
    let article = parse_bytes(text.as_bytes(), "tows.txt").unwrap().remove(0);
    assert_eq!(article.meta.url, None);
}

#[test]
fn a_title_naming_a_correspondent_is_kept() {
    // Reporters' roles under a byline ("Staff writer", "Correspondent")
    // go; a title that names one is a title.
    let text = "Harbour Notes\n\nFrom our own correspondent\n\n\
        A week on the ferries of the north.\n\nBy Ann Lee\nStaff writer\nMarch 3, 2024\n\n\
        The ferry left at dawn and the crossing took four hours in a rising sea.\n";
    let meta = parse_bytes(text.as_bytes(), "notes.txt")
        .unwrap()
        .remove(0)
        .meta;
    assert_eq!(meta.title.as_deref(), Some("From our own correspondent"));
    assert_eq!(meta.publication.as_deref(), Some("Harbour Notes"));
    assert_eq!(meta.author.as_deref(), Some("Ann Lee"));
    assert_eq!(
        meta.subtitle.as_deref(),
        Some("A week on the ferries of the north.")
    );
}

#[test]
fn screen_reader_labels_leave_captions_and_credits() {
    // A video's caption and a photo's caption with no credit line above it
    // are captions without their labels; a label with nothing after it, or
    // one inside a sentence, is text.
    let article = post_under_byline(
        "The ferry left at dawn with the first load of generators for the east.\n\n\
        Media caption, Watch: the generators arrive in Odesa\n\n\
        The second load followed a week later, with spare parts and fuel.\n\n\
        Image caption, A crane lifts a generator onto the quay\n\n\
        Image caption,\n\n\
        The report's image caption, a single line, named the port wrongly.\n",
    );
    let blocks = texts_marked(&article, |b| b.kind.attribution().is_some());
    let caption = |t: &str| (t.to_owned(), true);
    let paragraph = |t: &str| (t.to_owned(), false);
    assert_eq!(
        blocks,
        [
            paragraph("The ferry left at dawn with the first load of generators for the east."),
            caption("Watch: the generators arrive in Odesa"),
            paragraph("The second load followed a week later, with spare parts and fuel."),
            caption("A crane lifts a generator onto the quay"),
            paragraph("Image caption,"),
            paragraph("The report's image caption, a single line, named the port wrongly."),
        ]
    );
}

#[test]
fn footnotes_under_a_post_are_numbered_notes() {
    // "1" over its note, "2" over the next: notes that start "[1] ", as a
    // Markdown footnote's do (a page copied a line per element gives them
    // so too: the substack-podcast fixture). A number that does not follow
    // on, or one over another number (counts), stays as it is.
    let article = post_under_byline(
        "The ferry left at dawn with the first load of generators.1\n\n\
        The second load followed a week later.2\n\n\
        1\n\nGenerators of 60 kW, by the operator's count.\n\n\
        2\n\nThe week of 10 March.\n\n\
        4\n\nA note out of sequence.\n\n\
        12\n\n7\n\nThe last line of the post.\n",
    );
    let blocks = texts_marked(&article, |b| b.kind == BlockKind::Note);
    let note = |t: &str| (t.to_owned(), true);
    let paragraph = |t: &str| (t.to_owned(), false);
    assert_eq!(
        blocks,
        [
            // Their marks, glued to the sentences, read as marks.
            paragraph("The ferry left at dawn with the first load of generators.[1]"),
            paragraph("The second load followed a week later.[2]"),
            note("[1] Generators of 60 kW, by the operator's count."),
            note("[2] The week of 10 March."),
            paragraph("4"),
            paragraph("A note out of sequence."),
            paragraph("12"),
            paragraph("7"),
            paragraph("The last line of the post."),
        ]
    );
}

#[test]
fn counts_under_a_post_go_and_a_closing_year_stays() {
    let post = |tail: &str| {
        let article = post_under_byline(&format!(
            "The ferry left at dawn with the first load of generators.\n\n{tail}"
        ));
        body_blocks(&article)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        post("312\n8\n"),
        ["The ferry left at dawn with the first load of generators."]
    );
    assert_eq!(
        post("2024\n"),
        [
            "The ferry left at dawn with the first load of generators.",
            "2024"
        ]
    );
}

#[test]
fn a_newsletters_name_over_its_date_gives_way_to_the_issues_headline() {
    let meta = |text: &str| {
        parse_bytes(text.as_bytes(), "issue.txt")
            .unwrap()
            .remove(0)
            .meta
    };
    let issue = meta(
        "The Harbour Letter\nIssue 9 · 3 March 2024\n\nFerries return to the outer islands\n\n\
         The operator restored the winter timetable on Monday after a month of cancellations.\n",
    );
    assert_eq!(issue.publication.as_deref(), Some("The Harbour Letter"));
    assert_eq!(
        issue.title.as_deref(),
        Some("Ferries return to the outer islands")
    );
    // A short section label, or a sentence, after the date is the body's.
    for first in ["Introduction", "The ferries are back on the outer islands."] {
        let post = meta(&format!(
            "The Harbour Letter\nIssue 9 · 3 March 2024\n\n{first}\n\n\
             The operator restored the winter timetable on Monday after a month of cancellations.\n"
        ));
        assert_eq!(post.title.as_deref(), Some("The Harbour Letter"), "{first}");
        assert_eq!(post.publication, None, "{first}");
    }
}

#[test]
fn a_japanese_article_has_its_title_and_date() {
    // A script without letter case heads an article too, and its date is
    // written "2025年8月27日".
    let text = "政府、ウクライナにレーダー衛星画像を提供へ\n\n2025年8月27日 07:12\n\n\
        防衛省は27日、衛星で撮影した画像をウクライナに提供すると発表した。\n\n\
        日本は2024年6月、ウクライナと安全保障協定を結んでいる。\n";
    let article = parse_bytes(text.as_bytes(), "ja.txt").unwrap().remove(0);
    assert_eq!(
        article.meta.title.as_deref(),
        Some("政府、ウクライナにレーダー衛星画像を提供へ")
    );
    assert_eq!(article.meta.published.as_deref(), Some("2025-08-27"));
    // Sentences ending in "。" are paragraphs, not headings.
    assert_eq!(
        article
            .blocks
            .iter()
            .map(|b| b.kind == BlockKind::Paragraph)
            .collect::<Vec<_>>(),
        [true, true]
    );
}

#[test]
fn a_gutenberg_book_reads_as_its_text_with_verse_and_notes() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pasted/gutenberg-book.txt");
    let (article, _, raw) = load(&path);
    assert!(raw.contains("\r\n"), "the fixture keeps the ebook's CRLF");
    assert_eq!(
        article.meta.url.as_deref(),
        Some("https://www.gutenberg.org/ebooks/29143")
    );
    let of_kind = |kind: BlockKind| -> Vec<&str> {
        article
            .blocks
            .iter()
            .filter(|b| b.kind == kind)
            .map(|b| b.text.as_str())
            .collect()
    };
    let paragraphs = of_kind(BlockKind::Paragraph);
    // The indented table of contents and the verse keep their lines.
    assert_eq!(
        paragraphs[0],
        "CHAPTER PAGE\nI. The Keeper's Daughter 1\nII. Winter Packets 19"
    );
    assert!(paragraphs.contains(
        &"Lights along the water, one by one,\nRed for the harbour, white for home;\n\
          Keep them burning till the night is done,\nAnd bring the packet through the foam."
    ));
    // The prose is joined as usual, and nothing past the END marker stays.
    assert!(paragraphs[1].starts_with(
        "Nobody in Kirkhaven could remember the light at the end of the mole going dark"
    ));
    assert!(
        paragraphs
            .last()
            .unwrap()
            .ends_with("with her bowsprit gone.")
    );
    assert_eq!(
        of_kind(BlockKind::Note),
        ["[1] The old tower was pulled down in 1887, and its lamp went to the museum at Leith."]
    );
    let all: String = article.blocks.iter().map(|b| b.text.as_str()).collect();
    for gone in ["Project Gutenberg", "Produced by", "license", "1.A.", "_"] {
        assert!(!all.contains(gone), "{gone:?} stayed");
    }
}

#[test]
fn chapter_headings_and_bracketed_pictures_read_the_same_in_any_text() {
    // Outside a Gutenberg frame too: a numbered chapter line is a heading
    // (the title under it joins it), a "[Illustration: …]" a caption.
    let text = "The Crossing\n\nBy Ann Lee\nMarch 3, 2024\n\nCHAPTER IV.\n\nTHE FERRY.\n\n\
        [Illustration: The ferry at Kirkhaven.]\n\n[Illustration]\n\n\
        The ferry left at dawn and reached the far shore by noon.\n\n\
        Part 2 of the plan was never built.\n\nXII.\n\nThe bridge opened in May.\n\n\
        Chapter V\nThe Return\n\nThey came back in June.\n\nBook Two was\nnever written.\n\n\
        [Transcriber's Note: Spelling as in the original.]\n\nEPILOGUE.\n\nThe ferry still runs.\n";
    let article = parse_bytes(text.as_bytes(), "crossing.txt")
        .unwrap()
        .remove(0);
    let blocks: Vec<(&str, &str)> = article
        .blocks
        .iter()
        .map(|b| {
            let kind = match &b.kind {
                BlockKind::Heading { .. } => "heading",
                BlockKind::Caption(_) => "caption",
                BlockKind::Paragraph => "paragraph",
                BlockKind::Note => "note",
                _ => "other",
            };
            (kind, b.text.as_str())
        })
        .collect();
    assert_eq!(
        blocks,
        [
            ("heading", "CHAPTER IV. THE FERRY."),
            ("caption", "The ferry at Kirkhaven."),
            (
                "paragraph",
                "The ferry left at dawn and reached the far shore by noon."
            ),
            ("paragraph", "Part 2 of the plan was never built."),
            ("heading", "XII."),
            ("paragraph", "The bridge opened in May."),
            ("heading", "Chapter V: The Return"),
            ("paragraph", "They came back in June."),
            ("paragraph", "Book Two was never written."),
            ("note", "Transcriber's Note: Spelling as in the original."),
            ("heading", "EPILOGUE."),
            ("paragraph", "The ferry still runs."),
        ]
    );
}

#[test]
fn footnote_marks_glued_to_sentences_read_as_marks() {
    // As a newsletter's superscripts copy: "2014.1 Since then", a sentence
    // ending "2023.2", and the notes under the post as "1" and "2" over
    // their text.
    let article = post_under_byline(
        "Japan first eased its export rules in 2014.1 Since then the list has grown.\n\n\
         The cabinet widened it again in December 2023.2\n\n\
         Exports grew 2.5 percent, to 1,200 licences.\n\n\
         1\n\nThe three principles replaced a near-total ban.\n\n\
         2\n\nThe change let licensed missiles go back to the licensor.\n",
    );
    assert_eq!(
        texts_marked(&article, |b| b.kind == BlockKind::Paragraph),
        [
            (
                "Japan first eased its export rules in 2014.[1] Since then the list has grown."
                    .to_owned(),
                true
            ),
            // A sentence, not a heading, though it ends in its mark.
            (
                "The cabinet widened it again in December 2023.[2]".to_owned(),
                true
            ),
            (
                "Exports grew 2.5 percent, to 1,200 licences.".to_owned(),
                true
            ),
            (
                "[1] The three principles replaced a near-total ban.".to_owned(),
                false
            ),
            (
                "[2] The change let licensed missiles go back to the licensor.".to_owned(),
                false
            ),
        ]
    );
    // With no notes numbered under it, a number after a full stop stays.
    let article = post_under_byline("Stocks rose 3.1 Analysts said the rally was thin.\n");
    assert_eq!(
        article.blocks[0].text.as_str(),
        "Stocks rose 3.1 Analysts said the rally was thin."
    );
}

#[test]
fn a_sections_name_over_the_headline_is_neither_title_nor_publication() {
    for (top, headline) in [
        (
            "Asia",
            "Japan ready to join Ukraine security guarantees, Ishiba says",
        ),
        ("Opinion", "Why Tokyo Ships Helmets, Not Howitzers"),
    ] {
        let text = format!(
            "{top}\n\n{headline}\n\nBy Ann Lee\n\nAugust 27, 2025\n\n\
             Japan is prepared to take part in security guarantees for Ukraine.\n"
        );
        let article = parse_bytes(text.as_bytes(), "kicker.txt")
            .unwrap()
            .remove(0);
        assert_eq!(article.meta.title.as_deref(), Some(headline), "{top}");
        assert_eq!(article.meta.publication, None, "{top}");
        assert_eq!(article.meta.subtitle, None, "{top}");
    }
    // A publication's own name there stays its name.
    let text = "The Harbour Ledger\n\nWhy Tokyo Ships Helmets, Not Howitzers\n\n\
        By Ann Lee\n\nAugust 27, 2025\n\nJapan has sent helmets.\n";
    let article = parse_bytes(text.as_bytes(), "ledger.txt")
        .unwrap()
        .remove(0);
    assert_eq!(
        article.meta.publication.as_deref(),
        Some("The Harbour Ledger")
    );
}
