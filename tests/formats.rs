//! Markdown, HTML and feed input: detection, extracted metadata and blocks,
//! clutter removal, and hostile input coming out inert.

use std::fs;
use std::path::Path;

use gloss::core::load::parse_bytes;
use gloss::core::model::{Article, Block, BlockKind, Format, Link};
use gloss::core::parse::detect_format;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(name: &str) -> Vec<Article> {
    parse_bytes(fixture(name).as_bytes(), name).unwrap()
}

fn load_str(text: &str, name: &str) -> Vec<Article> {
    parse_bytes(text.as_bytes(), name).unwrap()
}

fn texts(a: &Article) -> Vec<&str> {
    a.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn headings(a: &Article) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind.is_heading())
        .map(|b| b.text.as_str())
        .collect()
}

fn find<'a>(a: &'a Article, needle: &str) -> &'a Block {
    a.blocks
        .iter()
        .find(|b| b.text.contains(needle))
        .unwrap_or_else(|| panic!("no block with {needle:?} in {:#?}", texts(a)))
}

/// None of `clutter` is left in any block of `a`.
fn assert_no_clutter(a: &Article, clutter: &[&str]) {
    let all = texts(a).join("\n");
    for clutter in clutter {
        assert!(!all.contains(clutter), "clutter {clutter:?} in {all}");
    }
}

fn item(number: Option<u32>, depth: u8) -> BlockKind {
    BlockKind::ListItem { number, depth }
}

fn caption(credit: Option<&str>) -> BlockKind {
    BlockKind::caption(credit.map(str::to_owned), None)
}

fn link(text: &str, url: &str) -> Link {
    Link {
        text: text.into(),
        url: url.into(),
    }
}

/// Every string anywhere in the articles is free of control characters
/// (except '\n') and of any escape sequence payload.
fn assert_inert(articles: &[Article]) {
    fn walk(v: &serde_json::Value) {
        match v {
            serde_json::Value::String(s) => {
                assert!(
                    !s.chars()
                        .any(|c| (c != '\n' && c.is_control())
                            || gloss::core::sanitize::is_forbidden(c)),
                    "control character in {s:?}"
                );
                // A percent-encoded ESC in a URL is inert text.
                for payload in ["52;c;", "[2J", "]0;", "]8;"] {
                    assert!(
                        s.match_indices(payload)
                            .all(|(i, _)| s[..i].ends_with("%1B")),
                        "escape payload {payload:?} in {s:?}"
                    );
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(walk),
            serde_json::Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    assert!(!articles.is_empty());
    walk(&serde_json::to_value(articles).unwrap());
}

// ---------------------------------------------------------------- detection

#[test]
fn formats_are_detected_by_content() {
    for (file, format) in [
        ("note.md", Format::Markdown),
        ("news-jsonld.html", Format::Html),
        ("news-opengraph.html", Format::Html),
        ("blog-sidebar.html", Format::Html),
        ("feed-rss.xml", Format::Feed),
        ("feed-atom.xml", Format::Feed),
        ("feed.json", Format::Feed),
    ] {
        let text = fixture(file);
        assert_eq!(detect_format(&text, Some(file)), format, "{file}");
        // The extension is only a tie-breaker: a wrong one changes nothing.
        assert_eq!(
            detect_format(&text, Some("saved.txt")),
            format,
            "{file} as .txt"
        );
        assert_eq!(detect_format(&text, None), format, "{file} without a name");
    }
}

#[test]
fn pasted_newsletters_stay_plain_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seen = 0;
    let pasted = fs::read_dir(root.join("tests/fixtures/pasted")).unwrap();
    // The bundled sample articles are pasted text too.
    let samples = fs::read_dir(root.join("assets/articles")).unwrap();
    for entry in pasted.chain(samples) {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let text = fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_str().unwrap();
            assert_eq!(
                detect_format(&text, Some(name)),
                Format::PlainText,
                "{name}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 9, "{seen}");
}

#[test]
fn markdown_without_front_matter_is_detected() {
    let text = "# Notes\n\nSee [the report](https://r.example) and **this**.\n";
    assert_eq!(detect_format(text, None), Format::Markdown);
    // A lone list and a hashtag are not enough.
    let plain = "Weekly notes\n\n- first point\n- second point\n\n#ukraine is trending.\n";
    assert_eq!(detect_format(plain, None), Format::PlainText);
    assert_eq!(detect_format(plain, Some("notes.md")), Format::Markdown);
}

// ---------------------------------------------------------------- Markdown

#[test]
fn markdown_note_metadata_and_blocks() {
    let articles = load("note.md");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    let m = &a.meta;
    assert_eq!(m.format, Format::Markdown);
    assert_eq!(
        m.title.as_deref(),
        Some("Reading the Baltic Cable Incidents")
    );
    assert_eq!(
        m.subtitle.as_deref(),
        Some("A short field guide to undersea infrastructure")
    );
    assert_eq!(m.author.as_deref(), Some("Mira Halvorsen"));
    assert_eq!(m.published.as_deref(), Some("2025-03-14"));
    assert_eq!(m.publication.as_deref(), Some("The Harbour Desk"));

    assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
    assert_eq!(
        a.blocks[0].text,
        "Three cables in the Baltic Sea were damaged within eighteen months. This note \
         collects what is known, with links to the Finnish coast guard and to the \
         operator's statement. Each incident looked different at first."
    );
    assert_eq!(
        find(a, "What was damaged").kind,
        BlockKind::Heading { level: 2 }
    );
    assert_eq!(find(a, "Balticconnector").kind, item(Some(1), 0));
    assert_eq!(find(a, "Estlink 2").kind, item(Some(2), 0));
    assert_eq!(find(a, "repair took seven weeks").kind, item(None, 1));
    assert_eq!(find(a, "Two data cables").kind, item(Some(3), 0));
    assert_eq!(find(a, "AIS gaps").kind, item(None, 0));
    let quote = find(a, "Anchors dragged");
    assert_eq!(quote.kind, BlockKind::Quote);
    assert_eq!(
        quote.text,
        "Anchors dragged along the seabed leave a trail that can be followed for dozens of kilometres."
    );
    let image = find(a, "cable-laying ship");
    assert_eq!(image.text, "A cable-laying ship at anchor off Hanko");
    assert_eq!(image.kind, caption(Some("Jonas Lind")));
    assert_eq!(
        find(a, "Ships' tracks").text,
        "Ships' tracks are compared with the damage sites:\nfirst from AIS data, then from sonar surveys."
    );
    let code = find(a, "vessel");
    assert_eq!(code.kind, BlockKind::Code);
    assert_eq!(code.text, "vessel   speed  heading\nEagle S  6.2kn  281");
    assert_eq!(
        m.links,
        [
            link("Finnish coast guard", "https://raja.example/en/news"),
            link(
                "the operator's statement",
                "https://operator.example/statement"
            ),
        ]
    );
    // The title is metadata, not a block, and no markers survive.
    assert!(
        a.blocks
            .iter()
            .all(|b| !b.text.contains(['*', '#', '`', '[']))
    );
    let ids: Vec<u32> = a.blocks.iter().map(|b| b.id).collect();
    assert_eq!(ids, (0..a.blocks.len() as u32).collect::<Vec<_>>());
}

#[test]
fn markdown_footnotes_and_definition_lists() {
    let md = "# Aid notes\n\nJapan's aid is non-lethal by law.[^law] Tents went too.[^2]\n\n\
Demining\n: Clearing land of mines and unexploded ordnance.\n: Also the work of whole agencies.\n\n\
Gastrodiplomacy\n\n: Food as a tool of public diplomacy.\n\n\
[^law]: The three principles on transfers of defence equipment.\n\n    They were revised in 2014.\n\
[^2]: Through the Red Cross.\n\n[^list]:\n    - Tents\n    - Blankets\n";
    let a = &load_str(md, "notes.md")[0];
    assert_eq!(
        texts(a),
        [
            "Japan's aid is non-lethal by law.[law] Tents went too.[2]",
            "Demining: Clearing land of mines and unexploded ordnance.",
            "Demining: Also the work of whole agencies.",
            "Gastrodiplomacy: Food as a tool of public diplomacy.",
            "[law] The three principles on transfers of defence equipment.",
            "They were revised in 2014.",
            "[2] Through the Red Cross.",
            "[list] Tents",
            "Blankets",
        ]
    );
    assert_eq!(a.blocks[0].kind, BlockKind::Paragraph);
    assert_eq!(a.blocks[1].kind, item(None, 0));
    assert_eq!(a.blocks[3].kind, item(None, 0));
    assert!(a.blocks[4..7].iter().all(|b| b.kind == BlockKind::Note));
    // A footnote that is a list keeps its number on the first item.
    assert_eq!(a.blocks[7].kind, item(None, 0));
}

#[test]
fn toml_front_matter_gives_the_metadata() {
    // Hugo and Zola fence TOML with `+++`; Zola keeps extra keys in `[extra]`,
    // read only where the top level says nothing. The title's TOML escape
    // decodes to a raw ESC, which must not survive.
    let text = "+++\ntitle = \"Pilots of the \\u001b[2JNorth Sea\"\ndate = 2025-03-14T08:00:00Z\n\
                authors = [\"Mira Halvorsen\", \"Tomas Berg\"]\ndescription = \"Who guides the ships\"\n\
                [extra]\nauthor = \"Someone Else\"\npublisher = \"The Harbour Desk\"\n+++\n\n\
                Pilots board ships at the mouth of the estuary.\n";
    assert_eq!(detect_format(text, None), Format::Markdown);
    let articles = load_str(text, "pilots");
    let m = &articles[0].meta;
    assert_eq!(m.title.as_deref(), Some("Pilots of the North Sea"));
    assert_eq!(m.author.as_deref(), Some("Mira Halvorsen, Tomas Berg"));
    assert_eq!(m.subtitle.as_deref(), Some("Who guides the ships"));
    assert_eq!(m.published.as_deref(), Some("2025-03-14T08:00:00Z"));
    assert_eq!(m.publication.as_deref(), Some("The Harbour Desk"));
    assert_eq!(
        texts(&articles[0]),
        ["Pilots board ships at the mouth of the estuary."]
    );
    assert_inert(&articles);
    // Unclosed, or not TOML with a key, it is no front matter.
    for text in [
        "+++\ntitle = \"x\"\nno end\n",
        "+++\nsome words\n+++\n\nA line.\n",
    ] {
        assert_eq!(detect_format(text, None), Format::PlainText, "{text}");
    }
}

#[test]
fn a_web_clippers_note_reads_as_the_page() {
    // Obsidian's web clipper: the page's metadata as front matter (the
    // author a wikilink in a list, the page's address as `source`), a
    // figure as a picture over its caption's paragraph.
    let clip = "---\ntitle: \"Pilots get a radar link\"\nsource: \"https://ledger.example/pilots\"\n\
                author:\n  - \"[[Ines Varga]]\"\npublished: 2025-09-03\ncreated: 2025-09-06\n\
                description: \"Sandbanks seen through cloud\"\ntags:\n  - \"clippings\"\n---\n\
                Pilots will see radar images of the channel.\n\n![](https://ledger.example/boat.jpg)\n\n\
                A pilot boat heads out at dawn. Photo: Tomas Berg\n\n![](https://ledger.example/map.png)\n\n\
                The channel shifts after every storm.\n";
    let a = &load_str(clip, "Pilots get a radar link.md")[0];
    let m = &a.meta;
    assert_eq!(m.title.as_deref(), Some("Pilots get a radar link"));
    assert_eq!(m.url.as_deref(), Some("https://ledger.example/pilots"));
    assert_eq!(m.author.as_deref(), Some("Ines Varga"));
    assert_eq!(m.published.as_deref(), Some("2025-09-03"));
    assert_eq!(m.subtitle.as_deref(), Some("Sandbanks seen through cloud"));
    assert_eq!(find(a, "pilot boat").kind, caption(Some("Tomas Berg")));
    // A paragraph under a picture that credits no one is a paragraph.
    assert_eq!(find(a, "channel shifts").kind, BlockKind::Paragraph);

    // MarkDownload: the page's description as "> ## Excerpt" under the title.
    let note = "# Pilots get a radar link\n\n> ## Excerpt\n> Sandbanks seen through cloud\n\n---\n\n\
                Pilots will see radar images of the channel.\n";
    let a = &load_str(note, "pilots.md")[0];
    assert_eq!(
        a.meta.subtitle.as_deref(),
        Some("Sandbanks seen through cloud")
    );
    assert_eq!(texts(a), ["Pilots will see radar images of the channel."]);
}

#[test]
fn markdown_hostile_input_is_inert() {
    let text = "---\ntitle: Evil \u{1b}]52;c;AAAA\u{7} title \u{1b}]0;x\u{7}\nauthor: Eve \u{1b}[2J\n---\n\n\
                # Head &#x1b;[2J line\n\nBody &#27;[2J and &#x1b;]8;;https://e.example&#x1b;\\\\link text.\n\n\
                [click &#27;]52;c;QUJD&#7;](https://x.example/&#27;[2J)\n";
    let articles = load_str(text, "evil.md");
    assert_eq!(articles[0].meta.format, Format::Markdown);
    assert_inert(&articles);
    assert!(texts(&articles[0]).iter().any(|t| t.contains("Body")));
}

// ---------------------------------------------------------------- HTML

/// Metadata escaped twice by the page (`&amp;quot;`) or carrying entities
/// in JSON-LD reads as text; a numeric reference to a control character is
/// decoded and then sanitized away, never passed on.
#[test]
fn html_metadata_entities_are_decoded_once_more() {
    let page = r#"<!doctype html><html><head>
<title>x</title>
<meta name="description" content="Held at the &amp;quot;Blue House&amp;quot; compound &amp;#8212; aides say&amp;#27;[2J">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ports &amp; Power: Gdańsk&#8217;s Quiet Boom", "author": {"name": "Ana &lt;Ed&gt; Duarte"}}</script>
</head><body><article><h1>Ports &amp; Power</h1>
<p>The harbour at Gdańsk has doubled its container traffic in five years, and the city is still deciding what that means for the streets around it.</p>
<p>Rail freight, not ships, is now the bottleneck, and the port authority says so in its own annual report, published this week.</p>
</article></body></html>"#;
    let articles = load_str(page, "page.html");
    let m = &articles[0].meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Ports & Power: Gdańsk’s Quiet Boom")
    );
    assert_eq!(m.author.as_deref(), Some("Ana <Ed> Duarte"));
    assert_eq!(
        m.subtitle.as_deref(),
        Some("Held at the \"Blue House\" compound — aides say")
    );
    assert_inert(&articles);
}

/// A page title that ends with the page's own author or publication after a
/// separator loses that part; any other last part stays.
#[test]
fn html_titles_lose_a_trailing_author_or_publication() {
    let page = |title: &str| {
        format!(
            r#"<html><head><meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Meridian Post"><meta name="author" content="Clara Voss">
</head><body><article><p>The harbour at Gdańsk has doubled its container traffic in five years, and the city is still deciding what that means.</p>
<p>Rail freight, not ships, is now the bottleneck, and the port authority says so in its own annual report, published this week.</p></article></body></html>"#
        )
    };
    let title = |t: &str| load_str(&page(t), "page.html")[0].meta.title.clone();
    assert_eq!(
        title("Ports reopen | The Meridian Post").as_deref(),
        Some("Ports reopen")
    );
    assert_eq!(
        title("Ports reopen – clara voss").as_deref(),
        Some("Ports reopen")
    );
    assert_eq!(
        title("Ports reopen | Rail freight waits").as_deref(),
        Some("Ports reopen | Rail freight waits")
    );
}

#[test]
fn a_saved_wikipedia_page_keeps_its_headings() {
    // MediaWiki sets an "[edit]" link beside each heading, which made
    // readability drop the heading, and hatnotes over the text.
    let articles = load("wikipedia-page.html");
    let a = &articles[0];
    assert_eq!(a.meta.title.as_deref(), Some("Gastrodiplomacy"));
    assert_eq!(a.meta.subtitle, None);
    assert_eq!(headings(a), ["History", "References"]);
    let texts = texts(a);
    assert!(
        texts[0].starts_with("Gastrodiplomacy is the use"),
        "{texts:#?}"
    );
    assert_eq!(
        texts.last(),
        Some(&"Marsh, Ilse (2012). \"Kitchens as embassies\".")
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("edit") || t.contains("redirects"))
    );
}

#[test]
fn html_page_with_json_ld() {
    let articles = load("news-jsonld.html");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    let m = &a.meta;
    assert_eq!(m.format, Format::Html);
    assert_eq!(
        m.title.as_deref(),
        Some("Grain corridor holds as insurers return")
    );
    assert_eq!(m.author.as_deref(), Some("Clara Voss"));
    assert_eq!(m.published.as_deref(), Some("2024-03-05T07:30:00+01:00"));
    assert_eq!(m.publication.as_deref(), Some("The Meridian Post"));
    assert_eq!(
        m.subtitle.as_deref(),
        Some("Premiums have fallen by half since the spring, brokers say.")
    );

    let first = find(a, "Seven months after");
    assert_eq!(first.kind, BlockKind::Paragraph);
    assert!(first.text.contains("Ukraine’s own shipping corridor"));
    assert!(
        find(a, "It is not safe")
            .text
            .contains("“It is not safe, but it is predictable,”")
    );
    assert_eq!(
        find(a, "Insurance & risk").kind,
        BlockKind::Heading { level: 2 }
    );
    assert!(find(a, "a ship’s value").text.contains("ship’s"));
    assert_eq!(find(a, "crew bonuses").kind, item(None, 0));
    assert_eq!(
        a.blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
            .count(),
        3
    );
    assert_eq!(find(a, "Every month without").kind, BlockKind::Quote);
    assert!(m.links.contains(&link(
        "full explainer on the corridor",
        "https://meridian.example/corridor-explainer"
    )));
    // The headline is metadata, not repeated as the first block.
    assert!(!a.blocks[0].text.contains("Grain corridor holds"));
    assert_no_clutter(
        a,
        &[
            "cookies",
            "Accept all",
            "Subscribe",
            "Advertisement",
            "Related stories",
            "Port strikes",
            "Privacy policy",
            "All rights reserved",
            "Opinion",
            "dataLayer",
        ],
    );
}

#[test]
fn html_page_with_open_graph_and_figure() {
    let a = &load("news-opengraph.html")[0];
    let m = &a.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Harbour towns count the cost of the winter storms")
    );
    assert_eq!(m.author.as_deref(), Some("Ewan MacLeod"));
    assert_eq!(m.published.as_deref(), Some("2025-01-21T06:00:00Z"));
    assert_eq!(m.publication.as_deref(), Some("Northern Coast Review"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://ncr.example/2025/01/harbour-towns-storms")
    );

    let fig = find(a, "breached sea wall");
    assert_eq!(
        fig.text,
        "The breached sea wall at Portknock on 19 January."
    );
    assert_eq!(fig.kind, caption(Some("Isla Grant")));
    assert!(
        find(a, "Council engineers")
            .text
            .contains("£3.2 million, more than the council's")
    );
    assert!(
        find(a, "We can patch")
            .text
            .contains("\"We can patch the wall")
    );
    assert_eq!(find(a, "Who pays").kind, BlockKind::Heading { level: 2 });
    assert_eq!(find(a, "Portknock: two breaches").kind, item(Some(1), 0));
    assert_eq!(find(a, "Cullbay").kind, item(Some(3), 0));
    assert!(find(a, "emergency fund").kind == BlockKind::Paragraph);
    assert_no_clutter(
        a,
        &[
            "Log in",
            "Register",
            "Sponsored",
            "Win a weekend",
            "Share on social",
            "Comments (42)",
            "Most read",
            "Ferry timetable",
            "Cookie settings",
            "Sport",
            "Weather",
        ],
    );
}

#[test]
fn html_news_page_with_its_header_inside_the_article() {
    // The section's label, the standfirst and the byline stand inside
    // `<article>` above the photo, and a newsletter's sign-up box sits
    // between two paragraphs.
    let a = &load("news-header-in-article.html")[0];
    assert_eq!(a.meta.author.as_deref(), Some("Rina Aoki"));
    assert_eq!(a.meta.subtitle, None, "the label is no standfirst");
    assert!(
        a.blocks[0].text.starts_with("Tokyo's latest package"),
        "{:#?}",
        texts(a)
    );
    assert!(find(a, "Years of work ahead").kind.is_heading());
    assert!(find(a, "Every field we clear").kind == BlockKind::Paragraph);
    let clutter = |b: &&Block| {
        b.text == "Asia"
            || b.text.starts_with("By Rina Aoki")
            || b.text.starts_with("Sign up for")
            || b.text.contains("in your inbox")
    };
    assert_eq!(a.blocks.iter().find(clutter), None);
    // A sentence of the story that names its author is no byline.
    let html = fixture("news-header-in-article.html").replace(
        "Tokyo's latest package focuses on clearing farmland of mines and unexploded ordnance.",
        "This week Rina Aoki looks at mines.",
    );
    let a = &load_str(&html, "page.html")[0];
    assert!(a.blocks[0].text.starts_with("This week Rina Aoki looks"));
    // Without the page's author, the byline readability takes names the
    // author alone: not the role after the comma nor the date.
    let html = fixture("news-header-in-article.html")
        .replace(r#"<meta name="author" content="Rina Aoki">"#, "")
        .replace(r#","author":{"@type":"Person","name":"Rina Aoki"}"#, "");
    let a = &load_str(&html, "page.html")[0];
    assert_eq!(a.meta.author.as_deref(), Some("Rina Aoki"));
    // A heading that invites to sign up for something else is the
    // article's own when no inbox or newsletter follows it.
    let html = fixture("news-header-in-article.html").replace(
        "Get the day's top stories in your inbox every morning.",
        "Volunteers train for six weeks before their first field.",
    );
    let a = &load_str(&html, "page.html")[0];
    assert!(find(a, "Sign up for the Morning Ledger").kind.is_heading());
}

#[test]
fn html_blog_without_semantic_markup() {
    let a = &load("blog-sidebar.html")[0];
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Why the ferry timetable keeps changing")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Ruth Ogilvie"));
    assert!(find(a, "minimum certified crew").kind == BlockKind::Paragraph);
    assert_eq!(
        a.meta.subtitle.as_deref(),
        Some("A look at crew shortages on island routes.")
    );
    assert_no_clutter(a, &["cheap flights", "Blogroll", "Powered by", "Archive"]);
}

#[test]
fn html_entities_are_decoded_then_sanitized() {
    let page = r#"<!doctype html><html><head>
        <title>&#27;]0;pwned&#7;Safe title</title>
        <meta property="og:site_name" content="Site &#x1b;[2J&amp; Co">
        <meta name="author" content="Eve &#27;]52;c;QUJD&#27;\">
        </head><body><article><h1>Safe title</h1>
        <p>First &#27;[2Jparagraph of a long enough article to be read as content, with &amp; and &lt;tags&gt;.
        It goes on &#x1b;]52;c;QUJD&#x7; for a while so that readability keeps it as the main text of the page.</p>
        <p>Second paragraph <a href="https://x.example/&#27;[2J">link &#x9b;2J text</a>, still more words
        to make the article long enough for the extraction to consider it the content.</p>
        </article></body></html>"#;
    let articles = load_str(page, "evil.html");
    assert_inert(&articles);
    let a = &articles[0];
    assert_eq!(a.meta.title.as_deref(), Some("Safe title"));
    assert_eq!(a.meta.publication.as_deref(), Some("Site & Co"));
    assert!(find(a, "First").text.starts_with("First paragraph"));
    assert!(find(a, "First").text.contains("with & and <tags>."));
}

#[test]
fn deeply_nested_html_falls_back_to_text() {
    let depth = 100_000;
    let page = format!(
        "<html><body>{}<p>Deep &amp; hidden text &#27;[2J.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let articles = load_str(&page, "deep.html");
    assert_inert(&articles);
    let a = &articles[0];
    assert_eq!(a.meta.format, Format::Html);
    assert!(a.meta.notices.iter().any(|n| n.contains("nested")));
    assert_eq!(texts(a), ["Deep & hidden text ."]);

    // The page's title, written again as its heading, is shown once.
    let titled = format!(
        "<html><head><title>Cable Watch</title></head><body>{}<h1>Cable Watch</h1>\
         <p>Ships dragged anchors across the Baltic.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let a = &load_str(&titled, "deep.html")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Cable Watch"));
    assert_eq!(texts(a), ["Ships dragged anchors across the Baltic."]);

    // Unclosed tags nest as deep as closed ones.
    let unclosed = format!("<html><body>{}text", "<div><span><b>".repeat(depth / 3));
    assert_inert(&load_str(&unclosed, "deep.html"));
}

#[test]
fn short_page_and_bare_fragment() {
    let page = "<html><head><title>Short</title></head><body><nav><a href=\"/\">Home</a></nav>\
                <p>Just one short line.</p><footer>foot</footer></body></html>";
    let a = &load_str(page, "short.html")[0];
    assert_eq!(a.meta.published, None);
    assert_eq!(a.meta.title.as_deref(), Some("Short"));
    assert_eq!(texts(a), ["Just one short line."]);
    // An excerpt that repeats the first paragraph is no subtitle.
    assert_eq!(a.meta.subtitle, None);

    let dated = "<html><body><article><h1>Dated</h1><p>By Ann <time datetime=\"2024-11-02\">2 Nov</time></p>\
                 <p>Text of the article, long enough to be its content.</p></article></body></html>";
    assert_eq!(
        load_str(dated, "d.html")[0].meta.published.as_deref(),
        Some("2024-11-02")
    );

    let fragment =
        "<p>A fragment &amp; more.</p>\n<p>Second <em>para</em>.</p>\n<ul><li>x</li></ul>\n";
    assert_eq!(detect_format(fragment, Some("clip.txt")), Format::Html);
    let a = &load_str(fragment, "clip.txt")[0];
    assert_eq!(texts(a), ["A fragment & more.", "Second para.", "x"]);
}

#[test]
fn deeply_nested_markdown_and_feeds_finish() {
    let md = format!(
        "# T\n\n{} deep quote\n\n{}x{}\n\n{}",
        ">".repeat(100_000),
        "[".repeat(50_000),
        "]".repeat(50_000),
        (0..300)
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect::<String>()
    );
    let articles = load_str(&md, "deep.md");
    assert_eq!(find(&articles[0], "deep quote").kind, BlockKind::Quote);

    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>I</title>\
         <description>{}deep{}</description></item></channel></rss>",
        "&lt;div&gt;".repeat(100_000),
        "&lt;/div&gt;".repeat(100_000)
    );
    let articles = load_str(&rss, "deep.xml");
    assert_eq!(texts(&articles[0]), ["deep"]);
    let xml = format!(
        "<rss version=\"2.0\"><channel><title>T</title><item><description>{}deep{}</description></item></channel></rss>",
        "<x>".repeat(100_000),
        "</x>".repeat(100_000)
    );
    assert_inert(&load_str(&xml, "deep.xml"));
}

#[test]
fn moderately_nested_html_is_still_parsed() {
    let depth = 150;
    let body = "<p>Wrapped in many layers of markup, this paragraph is the article, and it has enough words to be read as one.</p>";
    let page = format!(
        "<html><head><title>Layers</title></head><body>{}{body}{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let a = &load_str(&page, "layers.html")[0];
    assert!(a.meta.notices.is_empty(), "{:?}", a.meta.notices);
    assert!(find(a, "Wrapped in many layers").kind == BlockKind::Paragraph);
}

// ---------------------------------------------------------------- MIME

#[test]
fn a_page_saved_as_one_file_reads_as_the_page() {
    let articles = load("saved-page.mhtml");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    let m = &a.meta;
    assert_eq!(m.format, Format::Message);
    assert_eq!(
        m.title.as_deref(),
        Some("Harbour pilots get a satellite radar link")
    );
    assert_eq!(m.author.as_deref(), Some("Ines Varga"));
    // The page's own date, not the day it was saved (the message's Date).
    assert_eq!(m.published.as_deref(), Some("2025-09-03T07:30:00Z"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://ledger.example/world/2025/09/03/harbour-pilots-radar")
    );
    assert_eq!(
        find(a, "pilot boat").kind,
        caption(Some("Tomas Berg")),
        "{:#?}",
        a.blocks
    );
    // Quoted-printable decoded, soft line breaks joined.
    assert!(
        find(a, "authority’s director")
            .text
            .contains("“pay for itself")
    );
    assert_eq!(
        find(a, "Why it matters").kind,
        BlockKind::Heading { level: 2 }
    );
    for clutter in [
        "Subscribe",
        "morning briefing",
        "All rights reserved",
        "font-family",
    ] {
        assert!(
            !texts(a).iter().any(|t| t.contains(clutter)),
            "{clutter} in {:#?}",
            texts(a)
        );
    }
    assert!(texts(a).last().unwrap().starts_with("The service is run"));

    // Without a date of its own, the page has none: the message's Date is
    // when it was saved.
    let undated = fixture("saved-page.mhtml").replace(
        "<meta property=3D\"article:published_time\" content=3D\"2025-09-03T07:30:00Z\">",
        "",
    );
    let articles = load_str(&undated, "saved-page.mhtml");
    assert_eq!(articles[0].meta.published, None);
    assert_eq!(articles[0].meta.publication, None);
}

#[test]
fn a_newsletter_email_reads_as_its_post() {
    let articles = load("newsletter.eml");
    let a = &articles[0];
    let m = &a.meta;
    assert_eq!(m.format, Format::Message);
    assert_eq!(
        m.title.as_deref(),
        Some("Tug crews strike over night shifts")
    );
    // "Name from Publication", as newsletter platforms send.
    assert_eq!(m.author.as_deref(), Some("Mira Halvorsen"));
    assert_eq!(m.publication.as_deref(), Some("The Harbour Desk"));
    assert_eq!(m.published.as_deref(), Some("2025-10-14"));
    // The HTML body, not the shorter text one; the email's own clutter gone.
    let texts = texts(a);
    assert!(texts[0].starts_with("Tug crews at the three"), "{texts:#?}");
    assert!(texts.iter().any(|t| t.contains("held at anchor")));
    assert_eq!(
        texts.last(),
        Some(&"Talks resume on Thursday under a mediator from the labour ministry.")
    );
}

#[test]
fn a_substack_email_reads_as_its_post() {
    // The layout tables of a newsletter platform's email: "View in
    // browser", the logo, title, subtitle as a heading, the author's block
    // beside the date's, the like/comment/restack counts, the post, the
    // buttons again and the footer.
    let articles = load("substack-email.eml");
    let a = &articles[0];
    let m = &a.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Tokyo widens its satellite deal with Kyiv")
    );
    assert_eq!(
        m.subtitle.as_deref(),
        Some("What the second radar satellite adds, and who asked for it")
    );
    assert_eq!(m.author.as_deref(), Some("Ana Ruiz"));
    assert_eq!(m.publication.as_deref(), Some("The Pacific Brief"));
    assert_eq!(m.published.as_deref(), Some("2025-09-05"));
    let texts = texts(a);
    assert!(
        texts[0].starts_with("Japan will share pictures"),
        "{texts:#?}"
    );
    assert!(
        texts.last().unwrap().starts_with("The arrangement sits"),
        "{texts:#?}"
    );
    assert_eq!(
        find(a, "river crossing").kind,
        caption(Some("Japan Aerospace Exploration Agency"))
    );
    assert_eq!(headings(a), ["What changes"]);
    for clutter in ["41", "Like", "Share", "View in browser", "Unsubscribe"] {
        assert!(
            !texts
                .iter()
                .any(|t| t.split_whitespace().any(|w| w == clutter)),
            "{clutter} in {texts:#?}"
        );
    }
}

#[test]
fn apple_mails_stored_message_reads_as_the_email() {
    // An `.emlx`: the message's length in bytes on the first line, the
    // message, then Apple Mail's property list.
    let eml = fixture("newsletter.eml");
    let plist = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\
                 <key>flags</key>\n<integer>8590195713</integer>\n</dict>\n</plist>\n";
    let emlx = format!("{}\n{eml}{plist}", eml.len());
    let stored = load_str(&emlx, "12345.emlx");
    let delivered = load("newsletter.eml");
    assert_eq!(stored[0].meta.format, Format::Message);
    assert_eq!(stored[0].meta.title, delivered[0].meta.title);
    assert_eq!(texts(&stored[0]), texts(&delivered[0]));
    // A message of one text part: the property list is not its text.
    let eml = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
               Subject: Night tows\r\n\r\nTug crews walked out on Monday.\r\n";
    let stored = load_str(&format!("{}\n{eml}{plist}", eml.len()), "12346.emlx");
    assert_eq!(texts(&stored[0]), ["Tug crews walked out on Monday."]);
}

#[test]
fn a_text_only_email_reads_as_pasted_text() {
    let text = "From: Harbour Desk <desk@harbourdesk.example>\r\nSubject: =?utf-8?B?TmlnaHQgdG93cw==?=\r\n\
                Date: Tue, 14 Oct 2025 06:02:08 +0000\r\nMIME-Version: 1.0\r\n\
                Content-Type: text/plain; charset=\"iso-8859-1\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                The crews=92 union met the operators on Monday.\r\n";
    let articles = load_str(text, "night.eml");
    let m = &articles[0].meta;
    assert_eq!(m.title.as_deref(), Some("Night tows"));
    assert_eq!(m.publication.as_deref(), Some("Harbour Desk"));
    assert_eq!(m.author, None);
    // Windows-1252's quote, declared as Latin-1 as mail often is.
    assert_eq!(
        texts(&articles[0]),
        ["The crews’ union met the operators on Monday."]
    );
    // A date header that is no date gives none (mail-parser reads this one
    // as February's 31st).
    let undated = text.replace("Tue, 14 Oct 2025", "Mon, 31 Feb 2025");
    assert_eq!(load_str(&undated, "night.eml")[0].meta.published, None);
    assert_eq!(m.published.as_deref(), Some("2025-10-14"));
}

#[test]
fn an_eight_bit_email_in_a_legacy_charset_keeps_its_accents() {
    // The file is decoded once, as Latin-1; the part's own charset must not
    // decode the result a second time ("café" had become "cafÃ©").
    let mut bytes = b"From: Harbour Desk <desk@harbourdesk.example>\r\nSubject: Night tows\r\n\
                      MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\
                      Content-Transfer-Encoding: 8bit\r\n\r\n"
        .to_vec();
    bytes.extend_from_slice(b"The crews met at the caf\xe9 by the M\xfcller yard on Monday.\r\n");
    let articles = parse_bytes(&bytes, "night.eml").unwrap();
    assert_eq!(
        texts(&articles[0]),
        ["The crews met at the café by the Müller yard on Monday."]
    );
    assert_eq!(articles[0].meta.title.as_deref(), Some("Night tows"));
    // The same message as UTF-8 that declares Latin-1 reads the same.
    let declared_wrongly: String = bytes.iter().map(|&b| char::from(b)).collect();
    assert_eq!(
        texts(&load_str(&declared_wrongly, "night.eml")[0]),
        ["The crews met at the café by the Müller yard on Monday."]
    );
}

#[test]
fn only_a_mime_header_block_makes_a_message() {
    // A pasted email's headers, with no MIME declaration, are text.
    let pasted = "From: Ann Lee <ann@example.org>\nSubject: Ports\n\nThe port reopened.\n";
    assert_eq!(detect_format(pasted, None), Format::PlainText);
    let note = "Note: MIME-Version: 1.0 is a header.\nContent-Type: text/plain\n\nText.\n";
    assert_eq!(detect_format(note, None), Format::PlainText);
    let message = "MIME-Version: 1.0\nContent-Type: text/plain\n\nText.\n";
    assert_eq!(detect_format(message, None), Format::Message);
}

#[test]
fn a_message_of_too_many_parts_is_read_in_part() {
    // Each part read costs memory many times its size: a message of tiny
    // parts is read up to its first 10,000 and says so.
    let mut text =
        String::from("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    text.push_str("--b\r\nContent-Type: text/plain\r\n\r\nTugs wait offshore.\r\n");
    for _ in 0..10_100 {
        text.push_str("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }
    text.push_str("--b--\r\n");
    let articles = load_str(&text, "many.eml");
    assert_eq!(texts(&articles[0]), ["Tugs wait offshore."]);
    assert!(
        articles[0]
            .meta
            .notices
            .iter()
            .any(|n| n.contains("only the first were read")),
        "{:?}",
        articles[0].meta.notices
    );
    // A message of fewer parts says nothing of the kind.
    let few = load("newsletter.eml");
    assert!(few[0].meta.notices.is_empty(), "{:?}", few[0].meta.notices);
}

#[test]
fn a_hostile_message_is_inert() {
    // Escapes encoded where only decoding reveals them: in an encoded-word
    // subject, in quoted-printable HTML and in a base64 text part.
    let text = "From: =?utf-8?Q?Eve=1B]0;owned=07?= <eve@example.org>\r\n\
                Subject: =?utf-8?Q?Hi=1B[2J=1B]52;c;QUJD=07?=\r\nMIME-Version: 1.0\r\n\
                Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\n\
                Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                <p>Body =1B[2J and =1B]8;;https://e.example=1B\\\\link=1B]8;;=1B\\\\ text.</p>\r\n--b--\r\n";
    let articles = load_str(text, "evil.eml");
    assert_eq!(articles[0].meta.format, Format::Message);
    assert_inert(&articles);
    assert!(texts(&articles[0]).iter().any(|t| t.contains("Body")));
}

// ---------------------------------------------------------------- feeds

#[test]
fn rss_feed_items_become_articles() {
    let articles = load("feed-rss.xml");
    assert_eq!(articles.len(), 3);
    for a in &articles {
        assert_eq!(a.meta.format, Format::Feed);
        assert_eq!(a.meta.publication.as_deref(), Some("The Harbour Desk"));
        assert_eq!(a.meta.section.as_deref(), Some("The Harbour Desk"));
        assert_eq!(a.meta.source.as_deref(), Some("feed-rss.xml"));
    }
    let a = &articles[0];
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Pilots warn of crowded anchorages off Gothenburg")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Mira Halvorsen"));
    assert_eq!(a.meta.published.as_deref(), Some("2025-02-11T08:00:00Z"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://harbour.example/2025/02/anchorages")
    );
    assert_eq!(
        a.meta.subtitle.as_deref(),
        Some("Pilots say waiting times have doubled.")
    );
    assert_eq!(
        a.blocks[0].text,
        "Harbour pilots in Gothenburg say waiting times at the outer anchorage have doubled since the autumn."
    );
    assert_eq!(find(a, "Why now").kind, BlockKind::Heading { level: 2 });
    assert_eq!(find(a, "Average wait").kind, item(None, 0));
    assert_eq!(
        a.meta.links,
        [link("port data", "https://harbour.example/data")]
    );

    let b = &articles[1];
    assert_eq!(
        b.meta.title.as_deref(),
        Some("Ice class rules to be tightened & simplified")
    );
    assert_eq!(b.meta.author.as_deref(), Some("Jonas Lind"));
    // The date as the feed wrote it, with its offset: the same instant.
    assert_eq!(
        b.meta.published.as_deref(),
        Some("2025-02-03T17:45:00+01:00")
    );
    assert_eq!(
        texts(b),
        [
            "Finland and Sweden will update the ice class rules for winter navigation.",
            "Safety first, then speed."
        ]
    );
    assert_eq!(b.blocks[1].kind, BlockKind::Quote);

    let c = &articles[2];
    assert_eq!(
        texts(c),
        ["Our office is closed on Friday. Normal service resumes on Monday."]
    );
}

#[test]
fn a_feed_items_date_is_the_day_where_it_was_written() {
    // 08:30 in Tokyo is the evening before in UTC: the item was published
    // on Monday the 4th, and its "on Monday" is that day, not a week before.
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>The Ledger</title>
<item><title>Deminers get new gear</title><pubDate>Mon, 04 Mar 2024 08:30:00 +0900</pubDate>
<description><![CDATA[<p>The ministry said on Monday that detectors will follow.</p><p>The post Deminers get new gear appeared first on The Ledger.</p>]]></description></item>
</channel></rss>"#;
    let a = &mut load_str(rss, "feed.xml")[0];
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2024-03-04T08:30:00+09:00")
    );
    assert_eq!(
        texts(a),
        ["The ministry said on Monday that detectors will follow."],
        "the blog's \"appeared first on\" line is no text"
    );
    gloss::core::load::annotate(a, &[]);
    let dates: Vec<&str> = a.timeline.iter().map(|e| e.value()).collect();
    assert_eq!(dates, ["2024-03-04"]);
    // An evening west of Greenwich is the next morning in UTC.
    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "The Ledger",
"items": [{"id": "1", "content_text": "Crews worked late.", "date_published" : "2024-03-04T20:15:00-05:00"}]}"#;
    let a = &load_str(json, "feed.json")[0];
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2024-03-04T20:15:00-05:00")
    );
}

#[test]
fn atom_feed_items_become_articles() {
    let articles = load("feed-atom.xml");
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert_eq!(
        a.meta.publication.as_deref(),
        Some("Northern Coast Review: Regions")
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Harbour towns count the cost of the winter storms")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Ewan MacLeod"));
    assert_eq!(a.meta.published.as_deref(), Some("2025-01-21T06:00:00Z"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://ncr.example/2025/01/harbour-towns-storms")
    );
    let fig = find(a, "breached wall");
    assert_eq!(fig.text, "The breached wall.");
    assert_eq!(fig.kind, caption(Some("Isla Grant")));
    assert!(find(a, "Repairs").text.contains("£3.2 million"));

    let b = &articles[1];
    assert_eq!(
        b.meta.title.as_deref(),
        Some("Ferry crews: forty recruited, more needed")
    );
    // No published date: the updated one stands in.
    assert_eq!(b.meta.published.as_deref(), Some("2025-01-18T10:15:00Z"));
    assert_eq!(
        texts(b),
        [
            "The operator has recruited forty new crew since January.",
            "Training takes months."
        ]
    );
}

#[test]
fn a_date_line_under_two_paragraphs_is_no_byline() {
    // A diary's date further down: what comes before it is the body, not
    // a title, standfirst and subtitle over a byline.
    let text = "Harbour notes for the spring season\n\n\
        The ferry company has changed its timetable again, dropping the early crossing \
        on weekdays and adding a late boat on Fridays, which the shopkeepers welcome.\n\n\
        Crews say the change is for good.\n\nMarch 3, 2024\n\n\
        The harbour master will publish the new tide tables next week.\n";
    let a = &load_str(text, "notes.txt")[0];
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Harbour notes for the spring season")
    );
    assert_eq!(a.meta.published, None);
    assert_eq!(a.meta.subtitle, None);
    assert!(find(a, "The ferry company").kind == BlockKind::Paragraph);
    assert!(find(a, "Crews say").kind == BlockKind::Paragraph);
}

#[test]
fn an_atom_0_3_feed_is_read_as_atom() {
    // Atom 0.3, as blogs served it until about 2006: its own namespace,
    // `issued` and `modified` for the dates, escaped HTML content.
    let feed = r#"<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Harbour Notes</title>
  <tagline>Ships, ports and the sea</tagline>
  <modified>2005-12-27T11:12:12Z</modified>
  <entry>
    <author><name>Ewan MacLeod</name></author>
    <title>The ferry timetable changes again</title>
    <link rel="alternate" type="text/html" href="https://notes.example/ferry"/>
    <issued>2005-12-26T09:00:00Z</issued>
    <modified>2005-12-27T10:00:00Z</modified>
    <content type="text/html" mode="escaped">&lt;p&gt;The winter timetable drops the early crossing.&lt;/p&gt;&lt;p&gt;Crews say the change is for good.&lt;/p&gt;</content>
  </entry>
</feed>"#;
    let articles = load_str(feed, "notes.xml");
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(
        a.meta.title.as_deref(),
        Some("The ferry timetable changes again")
    );
    assert_eq!(a.meta.publication.as_deref(), Some("Harbour Notes"));
    assert_eq!(a.meta.author.as_deref(), Some("Ewan MacLeod"));
    assert_eq!(a.meta.published.as_deref(), Some("2005-12-26T09:00:00Z"));
    assert_eq!(
        texts(a),
        [
            "The winter timetable drops the early crossing.",
            "Crews say the change is for good."
        ]
    );
}

#[test]
fn json_feed_items_become_articles() {
    let articles = load("feed.json");
    assert_eq!(articles.len(), 2);
    let a = &articles[0];
    assert_eq!(a.meta.publication.as_deref(), Some("Island Notes"));
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Why the ferry timetable keeps changing")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Ruth Ogilvie"));
    assert_eq!(
        a.meta.published.as_deref(),
        Some("2024-06-02T18:20:00+01:00")
    );
    assert_eq!(a.blocks.len(), 2);
    assert_eq!(
        a.meta.links,
        [link(
            "minimum certified crew",
            "https://islandnotes.example/crew"
        )]
    );
    let b = &articles[1];
    // The feed's author stands in for an item without one.
    assert_eq!(b.meta.author.as_deref(), Some("Ruth Ogilvie"));
    assert_eq!(
        texts(b),
        [
            "The peat banks above the village are worked by three families.",
            "The season starts in late April."
        ]
    );
}

#[test]
fn feeds_with_hostile_strings_are_inert() {
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>\
        <title>Feed &amp;#27;]0;x&amp;#7; \u{1b}]52;c;QUJD\u{7}name</title>\
        <item><title>&lt;b&gt;Bold&lt;/b&gt; &amp;#27;[2J title</title>\
        <description>&lt;p&gt;Body &amp;#x1b;]52;c;QUJD&amp;#x7; text&lt;/p&gt;</description>\
        <author>a@b.example (Eve &amp;#x9b;2J)</author></item></channel></rss>";
    let articles = load_str(rss, "evil.xml");
    assert_eq!(articles[0].meta.format, Format::Feed);
    assert_inert(&articles);
    assert_eq!(articles[0].meta.title.as_deref(), Some("Bold title"));
    assert_eq!(texts(&articles[0]), ["Body text"]);

    let atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title>\
        <entry><title type=\"html\">T &amp;#27;]52;c;QUJD&amp;#7;x</title>\
        <content type=\"html\">&lt;p&gt;&amp;#27;[2JSafe&lt;/p&gt;</content></entry></feed>";
    let articles = load_str(atom, "evil.atom");
    assert_inert(&articles);
    assert_eq!(texts(&articles[0]), ["Safe"]);

    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J\u001b]0;x\u0007",
        "items": [{"id": "1", "title": "T\u001b[2J", "url": "https://j.example/\u001b[2J",
        "content_html": "<p>&#27;]52;c;QUJD&#7;Safe \u001b[2Jtext</p>",
        "authors": [{"name": "Eve\u009b2J"}]}]}"#;
    let articles = load_str(json, "evil.json");
    assert_eq!(articles[0].meta.format, Format::Feed);
    assert_inert(&articles);
    assert_eq!(articles[0].meta.title.as_deref(), Some("T"));
    assert_eq!(texts(&articles[0]), ["Safe text"]);
}

#[test]
fn gloss_export_round_trip_resanitizes_new_fields() {
    let export = r#"{"articles": [{"meta": {"section": "S\u001b]0;x\u0007",
        "links": [{"text": "t\u001b[2J", "url": "https://e.example/\u001b]52;c;QUJD\u0007"}]},
        "blocks": []}]}"#;
    let articles = load_str(export, "export.json");
    assert_inert(&articles);
    assert_eq!(articles[0].meta.section.as_deref(), Some("S"));
    assert_eq!(articles[0].meta.links, [link("t", "https://e.example/")]);
}

/// Deep nesting is indented only so far: every line of a 30-level list
/// fits a 40-column dump, and every item's word is kept.
#[test]
fn deeply_nested_lists_stay_inside_the_width() {
    let mut markdown = String::from("# Nested\n\n");
    for level in 0..30 {
        markdown.push_str(&format!("{}- item{level} words here\n", "  ".repeat(level)));
    }
    let articles = load_str(&markdown, "nested.md");
    let dump = gloss::cli::commands::dump(&articles[0], 40, false);
    for line in dump.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 40,
            "{line:?} is wider than 40 columns"
        );
    }
    for level in 0..30 {
        assert!(dump.contains(&format!("item{level}")), "item{level} lost");
    }
}

#[test]
fn relative_links_are_made_absolute_against_the_page_or_item() {
    // A saved page: its address from og:url, links written relative to it.
    let page = r##"<!doctype html><html><head><title>Pilots</title>
        <meta property="og:url" content="https://harbour.example/news/2024/pilots.html">
        </head><body><article><h1>Pilots</h1>
        <p>Waiting times at the anchorage have doubled since the autumn, the
        <a href="../data/waits">port data</a> show, and the
        <a href="/authority">port authority</a> confirms it in a
        <a href="https://other.example/report">report</a> of its own.
        Pilots want a <a href="#plan">plan</a> and <a href="mailto:desk@harbour.example">say so</a>.</p>
        </article></body></html>"##;
    let a = &load_str(page, "pilots.html")[0];
    assert_eq!(
        a.meta.links,
        [
            link("port data", "https://harbour.example/news/data/waits"),
            link("port authority", "https://harbour.example/authority"),
            link("report", "https://other.example/report"),
            link("plan", "https://harbour.example/news/2024/pilots.html#plan"),
            link("say so", "mailto:desk@harbour.example"),
        ]
    );

    // <base href> wins over the page's address, and is itself relative to it.
    let based = page.replace("</head>", r#"<base href="/archive/"></head>"#);
    let a = &load_str(&based, "pilots.html")[0];
    assert_eq!(
        a.meta.links[0],
        link("port data", "https://harbour.example/data/waits")
    );

    // Without any address the targets stay as written.
    let bare = page.replace("og:url", "og:nothing");
    let a = &load_str(&bare, "pilots.html")[0];
    assert_eq!(a.meta.links[0], link("port data", "../data/waits"));

    // A feed item's links are relative to the item's own link.
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Log</title>
        <item><title>Pilots</title><link>https://harbour.example/log/pilots</link>
        <description>&lt;p&gt;See the &lt;a href="waits.csv"&gt;waiting times&lt;/a&gt;.&lt;/p&gt;</description>
        </item></channel></rss>"#;
    let a = &load_str(feed, "log.xml")[0];
    assert_eq!(
        a.meta.links,
        [link(
            "waiting times",
            "https://harbour.example/log/waits.csv"
        )]
    );

    // A note's front matter may give its address.
    let note = "---\ntitle: Pilots\nurl: https://notes.example/harbour/\n---\n\n# Pilots\n\nSee [the waits](waits) and [the map](/map).\n";
    let a = &load_str(note, "pilots.md")[0];
    assert_eq!(
        a.meta.links,
        [
            link("the waits", "https://notes.example/harbour/waits"),
            link("the map", "https://notes.example/map"),
        ]
    );
}

/// A saved page around one table.
fn page_with_table(table: &str) -> String {
    format!(
        "<html><head><title>Pledges</title></head><body><article><h1>Pledges</h1>\
         <p>Donors made their pledges over two years, and the institute that counts them \
         publishes the totals every quarter with a long note on method.</p>{table}\
         <p>The totals say less than they seem to, since a pledge is not a delivery and \
         several donors count loans at their face value.</p></article></body></html>"
    )
}

#[test]
fn data_tables_keep_their_columns() {
    let html = page_with_table(
        "<table><caption>Pledges, € billion</caption>\
         <thead><tr><th>Donor</th><th>Military</th><th>Humanitarian</th></tr></thead>\
         <tbody><tr><td>Germany</td><td>10.2</td><td>3.1</td></tr>\
         <tr><td>Japan</td><td>0</td><td>7.4</td></tr>\
         <tr><td>Norway</td><td>1.1</td><td>0.9</td></tr></tbody></table>",
    );
    let a = &load_str(&html, "pledges.html")[0];
    let table = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Code)
        .unwrap_or_else(|| panic!("no table in {:#?}", texts(a)));
    assert_eq!(
        table.text,
        "Donor    Military  Humanitarian\n\
         ───────  ────────  ────────────\n\
         Germany      10.2           3.1\n\
         Japan           0           7.4\n\
         Norway        1.1           0.9"
    );
    assert_eq!(find(a, "Pledges, €").kind, BlockKind::Paragraph);
    assert!(find(a, "pledge is not a delivery").kind == BlockKind::Paragraph);
}

#[test]
fn wide_tables_become_one_line_per_row() {
    let long = "a very long column heading that goes on";
    let html = page_with_table(&format!(
        "<table><tr><th>Donor</th><th>{long} and on</th><th>{long} further</th></tr>\
         <tr><td>Japan</td><td>7.4</td><td></td></tr>\
         <tr><td>Norway</td><td>0.9</td><td>1.1</td></tr></table>"
    ));
    let a = &load_str(&html, "pledges.html")[0];
    assert!(a.blocks.iter().all(|b| b.kind != BlockKind::Code));
    assert_eq!(
        find(a, "Donor: Japan").text,
        format!("Donor: Japan · {long} and on: 7.4")
    );
    assert_eq!(
        find(a, "Donor: Norway").text,
        format!("Donor: Norway · {long} and on: 0.9 · {long} further: 1.1")
    );
}

#[test]
fn a_title_part_that_is_the_pages_h1_decides_the_title() {
    let body = "<p>Enums give a type one of a fixed set of values, and each value may carry \
        data of its own, which the match expression then takes apart again.</p>\
        <p>They are the second way, after structs, to group related values, and the \
        standard library uses them for optional values and for errors.</p>";
    // The site's name heads every page of a book or manual.
    let book = format!(
        "<html><head><title>Enums - The Example Book</title></head><body>\
         <div class=menu><h1 class=menu-title>The Example Book</h1></div>\
         <main><h2>Enums</h2>{body}</main></body></html>"
    );
    let a = &load_str(&book, "enums.html")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Enums"));
    assert_eq!(a.meta.publication.as_deref(), Some("The Example Book"));
    // The page's own heading, short as it is, is its title.
    let manual = format!(
        "<html><head><title>Enums | Example docs v2</title></head><body>\
         <main><h1>Enums</h1>{body}</main></body></html>"
    );
    let a = &load_str(&manual, "enums.html")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Enums"));
    // Two headings say nothing about which part is which.
    let two = format!(
        "<html><head><title>Enums | Example docs v2</title></head><body>\
         <main><h1>Enums</h1><h1>Example docs v2</h1>{body}</main></body></html>"
    );
    let a = &load_str(&two, "enums.html")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Enums | Example docs v2"));
}

#[test]
fn a_code_listing_in_a_figure_is_code_with_a_caption() {
    // An mdBook page: the listing in a figure, its file named above it,
    // lines the reader does not see until asked ("boring") around it.
    let html = "<html><head><title>Enums</title></head><body><main><h1>Enums</h1>\
        <p>An enum lists the values a type may take, and each of them may carry \
        data of its own, as the listing below shows for a message type.</p>\
        <figure class=listing><span class=file-name>Filename: src/main.rs</span>\
        <pre class=playground><code class=language-rust>\
        <span class=boring>fn main() {\n</span>enum Message {\n    Quit,\n    Write(String),\n}\n\
        <span class=boring>}</span></code></pre>\
        <figcaption><a href=#l>Listing 6-2</a>: A <code>Message</code> enum</figcaption></figure>\
        <p>Each variant stores a different amount of data, and a match on the \
        message takes the data out again.</p></main></body></html>";
    let a = &load_str(html, "enums.html")[0];
    let kinds: Vec<(&BlockKind, &str)> = a
        .blocks
        .iter()
        .map(|b| (&b.kind, b.text.as_str()))
        .collect();
    let code = kinds
        .iter()
        .position(|(k, _)| **k == BlockKind::Code)
        .unwrap_or_else(|| panic!("no code in {kinds:#?}"));
    assert_eq!(
        kinds[code].1,
        "enum Message {\n    Quit,\n    Write(String),\n}"
    );
    // The file's name stays above the code, the caption below it.
    assert_eq!(
        (kinds[code - 1].0.attribution().is_some(), kinds[code - 1].1),
        (true, "Filename: src/main.rs")
    );
    assert_eq!(
        (kinds[code + 1].0.attribution().is_some(), kinds[code + 1].1),
        (true, "Listing 6-2: A Message enum")
    );
}

#[test]
fn code_blocks_side_by_side_in_one_pre_stay_apart() {
    // Two flavours of one example, of which the page shows one at a time.
    let html = "<html><head><title>Files</title></head><body><article><h1>Files</h1>\
        <p>The module reads and writes files, and every call comes in a promise form and \
        a callback form, as the examples below show for each of the two module systems.</p>\
        <pre><input type=checkbox class=toggle><code class=mjs>import { open } from 'files';\n\
        await open('a.txt');</code><code class=cjs>const { open } = require('files');\n\
        open('a.txt');</code></pre>\
        <p>Both forms take the same options, and the callback form is a little faster when \
        many small files are read one after another.</p></article></body></html>";
    let a = &load_str(html, "files.html")[0];
    let code: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Code)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        code,
        [
            "import { open } from 'files';\nawait open('a.txt');",
            "const { open } = require('files');\nopen('a.txt');"
        ],
        "{:#?}",
        texts(a)
    );
}

#[test]
fn a_cell_of_one_long_sentence_is_still_data() {
    // A changelog: one sentence a row, longer than a figure or a name.
    let html = page_with_table(
        "<table><tr><th>Version</th><th>Changes</th></tr>\
         <tr><td>v2.1</td><td><p>The <code>flush</code> option is now supported.</p></td></tr>\
         <tr><td>v1.4, v1.3.2</td><td><p>The data argument accepts iterables, async \
         iterables and streams as well as strings and buffers.</p></td></tr></table>",
    );
    let a = &load_str(&html, "changes.html")[0];
    assert_eq!(
        find(a, "Version: v1.4").text,
        "Version: v1.4, v1.3.2 · Changes: The data argument accepts iterables, async \
         iterables and streams as well as strings and buffers."
    );
    assert!(
        a.blocks.iter().all(|b| b.text != "Version"),
        "{:#?}",
        texts(a)
    );
}

#[test]
fn layout_tables_are_read_as_text() {
    let paragraph = "This cell holds a whole paragraph of the article. Old pages laid \
                     out their columns with tables, and it must read as prose.";
    let table = format!(
        "<table><tr><td>{paragraph}</td><td>{paragraph}</td></tr><tr><td>x</td><td>y</td></tr></table>"
    );
    let a = &load_str(&page_with_table(&table), "old.html")[0];
    assert!(
        a.blocks.iter().all(|b| b.kind != BlockKind::Code),
        "{:#?}",
        texts(a)
    );
    assert_eq!(find(a, "must read as prose").kind, BlockKind::Paragraph);
    assert!(!find(a, "must read as prose").text.contains(" · "));

    // A table holding a table lays out the page; the small one inside it
    // is data.
    let nested = "<table><tr><td><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr>\
                  </table></td><td>e</td></tr><tr><td>f</td><td>g</td></tr></table>";
    let a = &load_str(&page_with_table(nested), "old.html")[0];
    let aligned: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Code)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(aligned, ["a  b\nc  d"]);
    assert_eq!(find(a, "f g").kind, BlockKind::Paragraph);
}

#[test]
fn newsletter_buttons_and_paywall_prompts_leave_a_saved_page() {
    let page = r#"<html><head><title>Ferry crews</title>
        <meta property="og:site_name" content="Island Notes"></head><body><article>
        <h1>Ferry crews</h1>
        <p>The operator says it has recruited forty new crew since January, and that training
        each of them takes months before they can sail as certified crew on the larger ships.</p>
        <p class="button-wrapper"><a href="/subscribe"><span>Subscribe now</span></a></p>
        <p>Until then, islanders are told to check the timetable on the morning of travel,
        which is hard on anyone with a hospital appointment on the mainland.</p>
        <p class="button-wrapper"><a href="?action=share"><span>Share</span></a></p>
        <p>Read more</p>
        <p>The council wants a relief crew based on the island itself, paid for jointly.</p>
        <h2>Keep reading with a 7-day free trial</h2>
        <p>Subscribe to Island Notes to keep reading this post and get 7 days of free access.</p>
        <p>The relief crew would cost less than one cancelled week of freight.</p>
        </article></body></html>"#;
    let a = &load_str(page, "ferry.html")[0];
    assert_eq!(
        texts(a),
        [
            "The operator says it has recruited forty new crew since January, and that training each of them takes months before they can sail as certified crew on the larger ships.",
            "Until then, islanders are told to check the timetable on the morning of travel, which is hard on anyone with a hospital appointment on the mainland.",
            // "Read more" alone is a button: it goes, and, followed by the
            // article, does not end it.
            "The council wants a relief crew based on the island itself, paid for jointly.",
        ]
    );
    assert!(a.meta.truncated, "the paywall prompt marks the cut");
    let ids: Vec<u32> = a.blocks.iter().map(|b| b.id).collect();
    assert_eq!(ids, [0, 1, 2]);

    // The same buttons inside a feed item's content.
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Island Notes</title>
        <item><title>Ferry crews</title><description>&lt;p&gt;Forty new crew were recruited.&lt;/p&gt;
        &lt;p&gt;&lt;a href="?action=share"&gt;Share&lt;/a&gt;&lt;/p&gt;&lt;p&gt;Training takes months.&lt;/p&gt;</description>
        </item></channel></rss>"#;
    let a = &load_str(feed, "notes.xml")[0];
    assert_eq!(
        texts(a),
        ["Forty new crew were recruited.", "Training takes months."]
    );
    assert!(!a.meta.truncated);
}

/// A note kept in Obsidian: wikilinks read as their shown text, a callout
/// as a GitHub alert does, an embedded picture (only its file's name)
/// leaves nothing, highlights lose their marks and comments go. An
/// equation's "==" with spaces around it stays.
#[test]
fn an_obsidian_note_reads_as_its_text() {
    let note = "# Japan and Ukraine\n\n\
        Links: [[Security guarantees]], [[Gastrodiplomacy|sushi diplomacy]].\n\n\
        > [!tip]- Key point\n> Japan gives ==non-lethal aid== only.\n\n\
        > [!warning]\n> Check the figures.\n\n\
        ![[radar-station.png]]\n\n\
        Tokyo signed the accord in June 2024.%%ask Kenji%% The check a == b == c holds, \
        and x==y and y==z too, as does a==b== here.\n\n    query(last==\"Murphy\").first\n";
    let a = &load_str(note, "japan.md")[0];
    assert_eq!(
        texts(a),
        [
            "Links: Security guarantees, sushi diplomacy.",
            "Tip: Key point. Japan gives non-lethal aid only.",
            "Warning: Check the figures.",
            "Tokyo signed the accord in June 2024. The check a == b == c holds, and x==y and y==z too, as does a==b== here.",
            "query(last==\"Murphy\").first",
        ]
    );
}

/// A feed that gives only the start of each post (WordPress's excerpts):
/// the closing "[…]" or "Continue reading … →" link goes, the item is
/// marked as an excerpt, and the reader says where the rest is. A post that
/// ends with its own "read more" is whole.
#[test]
fn an_excerpt_feed_says_where_the_rest_is() {
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Notes</title>
        <item><title>Radar</title><link>https://harbour.example.org/radar</link>
        <description><![CDATA[<p>Japan will share radar pictures with Kyiv, officials said. [&#8230;]</p>]]></description></item>
        <item><title>Ferries</title><link>https://harbour.example.org/ferries</link>
        <description><![CDATA[<p>The winter timetable returns on Monday&#8230; <a class="more-link" href="https://harbour.example.org/ferries#more-12">Continue reading <span class="screen-reader-text">Ferries</span> <span class="meta-nav">&rarr;</span></a></p>]]></description></item>
        <item><title>İstanbul</title><link>https://harbour.example.org/istanbul</link>
        <description><![CDATA[<p>İİİ İstanbul ferries run again. Read more →</p>]]></description></item>
        <item><title>Archive</title><link>https://harbour.example.org/archive</link>
        <description><![CDATA[<p>Our archive goes back to 1998, where you can read more</p>]]></description></item>
        </channel></rss>"#;
    let articles = load_str(feed, "harbour.xml");
    let read: Vec<(&str, bool)> = articles
        .iter()
        .map(|a| (a.blocks.last().unwrap().text.as_str(), a.meta.excerpt))
        .collect();
    assert_eq!(
        read,
        [
            (
                "Japan will share radar pictures with Kyiv, officials said.",
                true
            ),
            ("The winter timetable returns on Monday…", true),
            // A capital that lowercases longer than it is did not move
            // where the link starts.
            ("İİİ İstanbul ferries run again.", true),
            (
                "Our archive goes back to 1998, where you can read more",
                false
            ),
        ]
    );
    let dump = gloss::cli::commands::dump(&articles[1], 200, false);
    assert!(
        dump.contains("The feed gives only the start of this post; the rest is at https://harbour.example.org/ferries."),
        "{dump}"
    );
    assert!(!dump.contains("paywall"), "{dump}");
}

/// A newsletter's footnotes in a feed item (Substack's markup): the mark
/// in the text reads "[1]", and the note under the post is a note that
/// starts "[1] ", as a Markdown footnote's is. A number that is a link to
/// nowhere in the page, or out of sequence, stays as written.
#[test]
fn a_feed_items_footnotes_read_as_notes() {
    let feed = r##"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
        <channel><title>Kuril Dispatch</title><item><title>Radar, not rockets</title>
        <content:encoded><![CDATA[<p>Japan shares radar pictures instead of weapons.<a class="footnote-anchor" id="footnote-anchor-1" href="#footnote-1">1</a></p>
        <p>Room <a href="/rooms/7">7</a> of the ministry holds the archive.</p>
        <div class="footnote"><a id="footnote-1" href="#footnote-anchor-1" class="footnote-number">1</a><div class="footnote-content"><p>The export rules were eased in 2014.</p></div></div>
        <div class="footnote"><a id="footnote-3" href="#footnote-anchor-3" class="footnote-number">3</a><div class="footnote-content"><p>A note whose mark is missing.</p></div></div>]]></content:encoded>
        </item></channel></rss>"##;
    let a = &load_str(feed, "kuril.xml")[0];
    let blocks: Vec<(&str, bool)> = a
        .blocks
        .iter()
        .map(|b| (b.text.as_str(), b.kind == BlockKind::Note))
        .collect();
    assert_eq!(
        blocks,
        [
            ("Japan shares radar pictures instead of weapons.[1]", false),
            ("Room 7 of the ministry holds the archive.", false),
            ("[1] The export rules were eased in 2014.", true),
            ("[3]", false),
            ("A note whose mark is missing.", false),
        ]
    );
    let ids: Vec<u32> = a.blocks.iter().map(|b| b.id).collect();
    assert_eq!(ids, [0, 1, 2, 3, 4]);
}

/// A saved news page whose photo stands under the headline, between the
/// standfirst and the body: readability takes the body without it, and its
/// caption is put back where it stood. A photo in a box further down stays
/// out, and one the body kept is not doubled.
#[test]
fn a_saved_pages_lead_photo_keeps_its_caption() {
    let page = r#"<html><head><title>Radar pictures</title>
        <meta property="og:site_name" content="The Evening Courier"></head><body>
        <header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
        <main><article>
        <h1>Tokyo to share radar pictures with Kyiv</h1>
        <div class="standfirst"><p>Officials say the pictures work at night and through cloud, and reach commanders within weeks</p></div>
        <figure><img src="a.jpg" alt="A radar station"><figcaption>A radar ground station in Hokkaido. Photograph: Northwind/Agency</figcaption></figure>
        <address>Mari Sato in Tokyo</address>
        <div class="body">
        <p>Japan will let Ukraine see pictures from its radar satellites, defence officials in Tokyo said on Wednesday, widening the help it gives.</p>
        <p>The arrangement builds on the ten-year accord the two governments signed in June 2024, which covers equipment, rebuilding and relief.</p>
        <figure><img src="b.jpg" alt="A launch"><figcaption>A launch from Tanegashima. Photograph: Lee Park/Agency</figcaption></figure>
        <p>Radar satellites see through smoke and darkness, which matters on a front where much of the movement happens after dusk, officials said.</p>
        <div class="promo"><a href="/shop"><figure><img src="c.jpg"><figcaption>Our new atlas, in shops now</figcaption></figure></a></div>
        <p>The prime minister told reporters last week that Japan would play a part if allies offered Ukraine guarantees after a ceasefire.</p>
        </div>
        </article></main></body></html>"#;
    let a = &load_str(page, "radar.html")[0];
    let captions: Vec<(usize, &str)> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind.attribution().is_some())
        .map(|(i, b)| (i, b.text.as_str()))
        .collect();
    let first_body = a
        .blocks
        .iter()
        .position(|b| b.text.starts_with("Japan will let Ukraine"))
        .expect("the body");
    assert_eq!(
        captions,
        [
            (first_body - 1, "A radar ground station in Hokkaido."),
            (first_body + 2, "A launch from Tanegashima."),
        ],
        "{:#?}",
        a.blocks
    );
    let credit = a.blocks[first_body - 1].kind.attribution().unwrap();
    assert_eq!(credit.credit.as_deref(), Some("Northwind/Agency"));
    let ids: Vec<u32> = a.blocks.iter().map(|b| b.id).collect();
    assert_eq!(ids, (0..a.blocks.len() as u32).collect::<Vec<_>>());
}

/// A newspaper's newsletter box inside a saved story or a feed item: from
/// its sign-up line to "after newsletter promotion", where its skip link
/// lands, it goes whole; a paragraph that starts like it and is not closed
/// stays, and of two starts before one close the nearer heads the box.
#[test]
fn a_newsletter_box_inside_the_story_goes_whole() {
    let page = r##"<html><head><title>Radar pictures</title></head><body><article>
        <h1>Radar pictures</h1>
        <p>Japan will let Ukraine see pictures from its radar satellites, officials in Tokyo
        said on Wednesday, building on the accord the two governments signed last year.</p>
        <p><a href="#after-promo">skip past newsletter promotion</a></p>
        <h2>Sign up to Asia Briefing</h2>
        <p>Free weekly newsletter</p>
        <p>The region explained by our correspondents every Thursday.</p>
        <p id="after-promo">after newsletter promotion</p>
        <p>Sign up to volunteer lists opened in several cities after the invasion began.</p>
        <p>Sign up for Asia Briefing</p>
        <p>Our correspondents explain the week.</p>
        <p>after newsletter promotion</p>
        <p>Radar sees through smoke and darkness, which matters on a front where much of the
        movement happens after dusk and in bad weather.</p>
        <h2>Sign up for the draft</h2>
        <p>Conscription rules changed again in the spring, and the article explains how.</p>
        </article></body></html>"##;
    let a = &load_str(page, "radar.html")[0];
    assert_eq!(
        texts(a),
        [
            "Japan will let Ukraine see pictures from its radar satellites, officials in Tokyo said on Wednesday, building on the accord the two governments signed last year.",
            "Sign up to volunteer lists opened in several cities after the invasion began.",
            "Radar sees through smoke and darkness, which matters on a front where much of the movement happens after dusk and in bad weather.",
            "Sign up for the draft",
            "Conscription rules changed again in the spring, and the article explains how.",
        ]
    );

    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
        <item><title>Radar pictures</title><description>&lt;p&gt;Japan will share radar pictures.&lt;/p&gt;
        &lt;p&gt;Sign up to Asia Briefing&lt;/p&gt;&lt;p&gt;Free weekly newsletter&lt;/p&gt;
        &lt;p&gt;after newsletter promotion&lt;/p&gt;&lt;p&gt;They work at night.&lt;/p&gt;</description>
        </item></channel></rss>"#;
    let a = &load_str(feed, "courier.xml")[0];
    assert_eq!(
        texts(a),
        ["Japan will share radar pictures.", "They work at night."]
    );
}

#[test]
fn markdown_readme_loses_its_contents_list_and_badges() {
    let text = "# Harbour Notes\n\n\
        [![CI Badge]][ci] [![Crate](https://img.shields.io/crates/v/harbour)](https://crates.io)\n\n\
        ## Contents\n\n\
        - [Why](#why)\n- [Install](#install)\n  - [From source](#from-source)\n- [Use](#use)\n\n\
        ## Why\n\n\
        Ports keep logs. [![Map of the port](map.png)](map.png)\n\n\
        - [The harbour log](https://example.org/log)\n- [The tide table](https://example.org/tides)\n\
        - [The pilot rota](https://example.org/pilots)\n\n\
        See [Install](#install) and [Use](#use).\n\n\
        [ci]: https://example.org/ci\n\
        [CI Badge]: https://example.org/actions/workflows/ci.yml/badge.svg\n";
    let a = &load_str(text, "README.md")[0];
    let all = texts(a);
    // The in-page contents list and the heading naming it are gone, and so
    // are the badges; the section headings stay.
    assert!(
        !all.contains(&"Contents") && !all.contains(&"From source"),
        "{all:#?}"
    );
    assert!(
        !all.iter().any(|t| t.contains("Badge") || *t == "Crate"),
        "{all:#?}"
    );
    assert_eq!(find(a, "Why").kind, BlockKind::Heading { level: 2 });
    // A linked picture that is not a badge, external link lists and a
    // sentence with in-page links all stay.
    assert_eq!(find(a, "Map of the port").kind, caption(None));
    assert_eq!(find(a, "The tide table").kind, item(None, 0));
    find(a, "See Install and Use.");
    for (i, b) in a.blocks.iter().enumerate() {
        assert_eq!(b.id as usize, i, "blocks are numbered again");
    }
}

#[test]
fn two_in_page_links_are_not_a_contents_list() {
    let text = "# Notes\n\nSee:\n\n- [Why](#why)\n- [Use](#use)\n\n## Why\n\nBecause.\n\n## Use\n\nDaily.\n";
    let a = &load_str(text, "notes.md")[0];
    assert_eq!(find(a, "Why").kind, item(None, 0));
}

#[test]
fn a_readme_opening_with_html_is_still_markdown() {
    let text = "<h1 align=\"center\">Harbour<span></span>.rs</h1>\n\n\
        <div align=\"center\">Tide tables for <b>small ports</b></div>\n\n\
        <div align=\"center\">\n  <a href=\"https://example.org/ci\"><img src=\"https://img.shields.io/badge/ci-ok\"></a>\n  |\n  \
        <a href=\"https://crates.io/harbour\"><img src=\"https://img.shields.io/crates/v/harbour\"></a>\n</div>\n\n\
        Harbour reads **tide tables** for you.\n\n## Install\n\nRun `cargo add harbour`.\n";
    assert_eq!(detect_format(text, Some("README.md")), Format::Markdown);
    // Named otherwise, HTML first is still read as a page.
    assert_eq!(detect_format(text, Some("page.html")), Format::Html);
    let a = &load_str(text, "README.md")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Harbour.rs"));
    assert_eq!(
        texts(a),
        [
            "Tide tables for small ports",
            "Harbour reads tide tables for you.",
            "Install",
            "Run cargo add harbour."
        ]
    );
    assert_eq!(find(a, "Install").kind, BlockKind::Heading { level: 2 });
}

#[test]
fn a_badge_in_the_title_leaves_the_title_whole() {
    let text = "# Serde Harbour &emsp; [![Build Status]][ci]\n\nIt reads tides.\n\n\
        [Build Status]: https://img.shields.io/github/actions/workflow/status/x/y/ci.yml\n\
        [ci]: https://example.org/ci\n";
    let a = &load_str(text, "README.md")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Serde Harbour"));
    assert_eq!(texts(a), ["It reads tides."]);
}

#[test]
fn html_bold_paragraphs_are_headings_and_title_alt_text_goes() {
    let html = "<html><head><title>Simpler plans for Harbour</title></head><body><article>\
        <h1>Simpler plans for Harbour</h1>\
        <figure><img src=a.png alt=\"Simpler plans for Harbour\"></figure>\
        <p>There are now two plans, and the prices are the same for everyone who uses them.</p>\
        <p><strong>Helping people choose the right plan</strong><br></p>\
        <p>We also made the choice easier for people who sail alone or with a crew of friends.</p>\
        <p><b>Note:</b> prices include tax, in every port and every season of the year.</p>\
        <p><strong>This whole paragraph is bold, and it is a sentence that ends as sentences do.</strong></p>\
        <p><strong>By Ann Lee</strong></p><p><b>— Bo Chen</b></p>\
        <figure><img src=b.png alt=\"Tide table\"></figure>\
        </article></body></html>";
    let a = &load_str(html, "plans.html")[0];
    assert_eq!(
        find(a, "Helping people").kind,
        BlockKind::Heading { level: 3 }
    );
    // A lead-in with text after it, and a bold sentence, stay paragraphs.
    assert_eq!(find(a, "Note:").kind, BlockKind::Paragraph);
    assert_eq!(find(a, "whole paragraph").kind, BlockKind::Paragraph);
    // Neither is a byline or a signature.
    assert_eq!(find(a, "Bo Chen").kind, BlockKind::Paragraph);
    // The picture captioned only by the title goes; another stays.
    assert!(
        !a.blocks
            .iter()
            .any(|b| b.text == "Simpler plans for Harbour"),
        "{:#?}",
        texts(a)
    );
    assert_eq!(find(a, "Tide table").kind, caption(None));
}

#[test]
fn html_title_cut_inside_brackets_is_taken_whole() {
    // Readability keeps the part after a colon, here inside the brackets.
    let html = "<html><head><title>The Basics (harbour: the portable foreign tide table library)</title>\
        <meta name=description content=\"The Basics (harbour: the portable foreign tide table library)\"></head>\
        <body><div><h2>2.1 The Basics</h2><p>Harbour assumes you know the port you sail from \
        and the hour you mean to leave, and it gives the tide for both of them.</p>\
        <p>The first thing you must do is read the table for the port, which is one call.</p>\
        </div></body></html>";
    let a = &load_str(html, "basics.html")[0];
    assert_eq!(
        a.meta.title.as_deref(),
        Some("The Basics (harbour: the portable foreign tide table library)")
    );
    // The description says the title again: no subtitle.
    assert_eq!(a.meta.subtitle, None);
}

#[test]
fn underlined_headings_make_a_text_file_markdown() {
    let text = "Supporting quiet builds\n=======================\n\n\
        Status: draft\n\nBackground\n----------\n\nBuilds have needed a harbour master.\n\n\
        Specification\n-------------\n\n  Quiet-Build: no | yes | <port-keywords>\n";
    assert_eq!(detect_format(text, Some("quiet.txt")), Format::Markdown);
    let a = &load_str(text, "quiet.txt")[0];
    assert_eq!(a.meta.title.as_deref(), Some("Supporting quiet builds"));
    assert_eq!(find(a, "Background").kind, BlockKind::Heading { level: 2 });
    // A placeholder in angle brackets is text, not an HTML tag.
    find(a, "Quiet-Build: no | yes | <port-keywords>");
    // One short rule under a line of a pasted post is no heading.
    let pasted = "The port reopened on Monday after a week of storms.\n---\n\nShips queued.\n";
    assert_eq!(detect_format(pasted, Some("post.txt")), Format::PlainText);
}

#[test]
fn ci_status_pictures_are_badges_and_a_logo_names_its_heading() {
    let text = "[![Build Status](https://travis-ci.org/x/harbour.svg?branch=main)](https://travis-ci.org/x/harbour)\n\
        [![Windows build status](https://ci.appveyor.com/api/projects/status/abc?svg=true)](https://ci.appveyor.com/x)\n\n\
        ![harbour](https://example.org/logo.png)\n============\n\nHarbour reads tide tables.\n";
    let a = &load_str(text, "README.markdown")[0];
    assert_eq!(a.meta.title.as_deref(), Some("harbour"));
    assert_eq!(texts(a), ["Harbour reads tide tables."]);
}

#[test]
fn text_underlined_lines_are_title_and_headings() {
    let text = "Tidekit 2.4 Release Notes\n=========================\n\n\
        This release reads tide tables from two more harbours and prints\n\
        them a day sooner than before.\n\n\
        Fixes\n-----\n\
        The hour of low water at Wick was an hour late in summer.\n\n\
        Tables for the week ahead were cut at the page end, and\n\
        the last day went missing.\n---\n\n\
        Thanks to the harbour masters who sent corrections.\n";
    // Two underlines make the file Markdown; the text parser reads them
    // too (one alone leaves a file text).
    let (meta, blocks) = gloss::core::parse::plain::parse(text.to_owned());
    assert_eq!(meta.title.as_deref(), Some("Tidekit 2.4 Release Notes"));
    let kinds: Vec<(&BlockKind, &str)> = blocks.iter().map(|b| (&b.kind, &*b.text)).collect();
    assert!(
        kinds.contains(&(&BlockKind::Heading { level: 3 }, "Fixes")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            &BlockKind::Paragraph,
            "The hour of low water at Wick was an hour late in summer."
        )),
        "{kinds:?}"
    );
    // A rule under a paragraph of several lines is no underline.
    assert!(
        !kinds
            .iter()
            .any(|(k, t)| k.is_heading() && t.contains("last day")),
        "{kinds:?}"
    );
}

#[test]
fn text_indented_lines_under_a_lead_in_are_a_list() {
    let text = "Tidekit 2.4.1\n\n\
        This release fixes two mistakes in the tables for the northern ports\n\
        that the harbour masters wrote in about.\n\n\
        Ann Lee (2):\n\
        \x20     tables: Wick's low water was an hour late\n\
        \x20     print: keep the last day of the week\n\
        \x20         on the page it belongs to\n\n\
        Bo Chen (1): docs: say which ports are covered\n\n\
        A paragraph may go on over lines that\n\
        \x20 happen to be indented, and stays one.\n";
    let (_, blocks) = gloss::core::parse::plain::parse(text.to_owned());
    let kinds: Vec<(&BlockKind, &str)> = blocks.iter().map(|b| (&b.kind, &*b.text)).collect();
    let item = |depth| BlockKind::ListItem {
        number: None,
        depth,
    };
    assert!(
        kinds.contains(&(&BlockKind::Paragraph, "Ann Lee (2):")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(&item(0), "tables: Wick's low water was an hour late")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(&item(1), "on the page it belongs to")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(
            &BlockKind::Paragraph,
            "A paragraph may go on over lines that happen to be indented, and stays one."
        )),
        "{kinds:?}"
    );
}

#[test]
fn markdown_readme_with_many_html_tags_stays_markdown() {
    // Collapsed sections hold more tags than a Markdown file's head usually
    // does; a `.md` is read as HTML only when it is a whole page.
    let mut readme = String::from(
        "# tidekit\n\nTide tables for small harbours, printed for the week ahead.\n\n\
         > [!NOTE]\n> The tables are **not** for navigation.\n\n> A plain quote.\n\n",
    );
    for port in [
        "Oban",
        "Mallaig",
        "Ullapool",
        "Wick",
        "Lerwick",
        "Kirkwall",
        "Stornoway",
    ] {
        readme.push_str(&format!(
            "<details>\n    <summary><b>{port}</b></summary>\n\n\
             *High water twice a day.*\n\n```rust\nlet port = \"<div><p>{port}</p><p><a>{port}</a></p></div>\";\n```\n</details>\n\n"
        ));
    }
    assert_eq!(detect_format(&readme, Some("README.md")), Format::Markdown);
    let a = &load_str(&readme, "README.md")[0];
    assert_eq!(a.meta.format, Format::Markdown);
    let t = texts(a);
    assert_eq!(
        t[0],
        "Tide tables for small harbours, printed for the week ahead."
    );
    assert!(
        t.contains(&"Note: The tables are not for navigation."),
        "{t:?}"
    );
    assert!(t.contains(&"A plain quote."), "{t:?}");
    assert!(
        t.contains(&"let port = \"<div><p>Wick</p><p><a>Wick</a></p></div>\";"),
        "{t:?}"
    );
    assert_eq!(
        t.iter()
            .filter(|t| **t == "High water twice a day.")
            .count(),
        7
    );
}

#[test]
fn markdown_tables_keep_their_columns() {
    let text = "# Tides\n\nToday:\n\n| Port | High water | Height |\n|---|---|---:|\n\
        | Oslo ![flag](no.png) | 06:12 | 0.4 m |\n| Bergen `west` | 07:40 | 1.2 m |\n\nAfter the table.\n";
    let a = &load_str(text, "tides.md")[0];
    let table = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Code)
        .expect("the table is one aligned block");
    let lines: Vec<&str> = table.text.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert!(lines[0].starts_with("Port") && lines[0].contains("High water"));
    assert!(lines[1].starts_with('─'));
    // Cells line up: each column starts at the same place on every row.
    let at = |line: &str, cell: &str| line.find(cell).unwrap();
    assert_eq!(at(lines[2], "06:12"), at(lines[3], "07:40"));
    assert!(lines[3].starts_with("Bergen west"));
    // A picture in a cell is its alt text there, not a caption elsewhere.
    assert!(lines[2].starts_with("Oslo flag"), "{lines:#?}");
    assert!(
        !a.blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::Caption(_)))
    );
    assert_eq!(find(a, "After the table").kind, BlockKind::Paragraph);
    assert!(!texts(a).iter().any(|t| t.contains('|')), "{:#?}", texts(a));
}

/// The alignment a Markdown table's delimiter row sets wins over the
/// guess (figures to the right, words to the left).
#[test]
fn markdown_table_columns_keep_the_alignment_the_author_set() {
    let text = "# Grain\n\nShipped:\n\n| Year | Tonnes shipped | Ports | Share |\n\
        |:---|---:|:---:|:---|\n\
        | 2022 | 10.2 million | Odesa | 40% |\n| 2023 | 22.7 million | Pivdennyi and Odesa | 100% |\n";
    let a = &load_str(text, "grain.md")[0];
    let table = a
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Code)
        .expect("the table is one aligned block");
    assert_eq!(
        table.text,
        "Year  Tonnes shipped         Ports         Share\n\
         ────  ──────────────  ───────────────────  ─────\n\
         2022    10.2 million         Odesa         40%\n\
         2023    22.7 million  Pivdennyi and Odesa  100%"
    );
}

#[test]
fn a_declared_legacy_encoding_is_decoded() {
    // ISO-8859-1 bytes, as an old Portuguese feed sends them.
    let mut feed =
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss version=\"2.0\"><channel>\
        <title>Inova\xe7\xe3o</title><item><title>Revolu\xe7\xe3o nas telas</title>\
        <description>As tr\xeas cores prim\xe1rias.</description></item></channel></rss>"
            .to_vec();
    let a = &parse_bytes(&feed, "feed.xml").unwrap()[0];
    assert_eq!(a.meta.title.as_deref(), Some("Revolução nas telas"));
    assert_eq!(texts(a), ["As três cores primárias."]);
    assert!(a.meta.notices.is_empty(), "{:?}", a.meta.notices);
    // Windows-1252 curly quotes in a page that says so.
    let page = b"<html><head><meta charset=\"windows-1252\"><title>Quotes</title></head><body>\
        <article><p>She said \x93enough\x94 and left the harbour before the tide turned.</p>\
        <p>The ferry waited for her until the evening, as it always does in the spring.</p>\
        </article></body></html>";
    let a = &parse_bytes(page, "page.html").unwrap()[0];
    find(a, "She said “enough” and left");
    // A declaration that would blank the text ("replacement") is not followed.
    let odd = b"<?xml version=\"1.0\" encoding=\"replacement\"?>\n<rss version=\"2.0\"><channel>\
        <item><title>Caf\xe9 news</title><description>Prices rose.</description></item></channel></rss>";
    let a = &parse_bytes(odd, "odd.xml").unwrap()[0];
    assert_eq!(texts(a), ["Prices rose."]);
    // Without a declaration, UTF-8 with a damaged byte is still UTF-8, the
    // byte replaced and said so.
    feed.clear();
    feed.extend_from_slice("Café prices rose \u{2014} again".as_bytes());
    feed.extend_from_slice(b"\xff this week.\n");
    let a = &parse_bytes(&feed, "note.txt").unwrap()[0];
    assert_eq!(
        texts(a),
        ["Café prices rose \u{2014} again\u{fffd} this week."]
    );
    assert_eq!(a.meta.notices, ["invalid UTF-8 was replaced"]);
}

/// Text in `encoding`, as a file saved by an older program holds it.
fn encoded(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{text} in {}", encoding.name());
    bytes.into_owned()
}

/// Parsed whole and streamed a few bytes at a time, which must agree.
fn parsed_both_ways(bytes: &[u8], name: &str) -> Article {
    let whole = parse_bytes(bytes, name).expect("parses").remove(0);
    let streamed = gloss::core::load::parse_reader(bytes, bytes.len(), name)
        .expect("parses")
        .remove(0);
    assert_eq!(whole, streamed, "{name}");
    whole
}

#[test]
fn an_undeclared_legacy_encoding_is_guessed() {
    let cases: [(&str, &'static encoding_rs::Encoding); 4] = [
        (
            "The envoy called it a \u{201c}turning point\u{201d} \u{2014} and the minister\u{2019}s reply came within the hour.",
            encoding_rs::WINDOWS_1252,
        ),
        (
            "Министр обороны заявил, что поставки касок и бронежилетов продолжатся и в следующем году. Правительство выделило ещё средства на гуманитарную помощь.",
            encoding_rs::WINDOWS_1251,
        ),
        (
            "Министр обороны заявил, что поставки касок и бронежилетов продолжатся и в следующем году. Правительство выделило ещё средства на гуманитарную помощь.",
            // KOI8-R, named as its superset KOI8-U (as Firefox does).
            encoding_rs::KOI8_U,
        ),
        (
            "日本政府は、ウクライナへの支援を続けると発表した。防弾チョッキやヘルメットに加え、発電機も送る予定だという。",
            encoding_rs::SHIFT_JIS,
        ),
    ];
    for (text, encoding) in cases {
        let bytes = encoded(&format!("{text}\n"), encoding);
        let a = parsed_both_ways(&bytes, "note.txt");
        assert_eq!(texts(&a), [text], "{}", encoding.name());
        assert_eq!(
            a.meta.notices,
            [format!("not UTF-8: read as {} (a guess)", encoding.name())]
        );
    }
    // An ASCII start says nothing: the guess is made where the text stops
    // being UTF-8, when the whole file is at hand.
    let mut late = "The convoy left at dawn and reached the port by noon.\n\n".repeat(200);
    assert!(late.len() > 8192);
    late.push_str("The caf\u{e9} by the quay reopened.\n");
    let bytes = encoded(&late, encoding_rs::WINDOWS_1252);
    let a = &parse_bytes(&bytes, "late.txt").unwrap()[0];
    assert_eq!(texts(a).last(), Some(&"The café by the quay reopened."));
}

#[test]
fn utf16_is_read_as_text() {
    let text = "Japan\u{2019}s aid \u{2014} drones, tents and helmets \u{2014} reached Kyiv.";
    let units: Vec<u16> = format!("{text}\n").encode_utf16().collect();
    let little: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let big: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    let marked = |mark: &[u8], bytes: &[u8]| [mark, bytes].concat();
    for (name, bytes) in [
        (
            "little-endian with a byte-order mark",
            marked(&[0xFF, 0xFE], &little),
        ),
        (
            "big-endian with a byte-order mark",
            marked(&[0xFE, 0xFF], &big),
        ),
        ("little-endian without", little.clone()),
        ("big-endian without", big.clone()),
    ] {
        let a = parsed_both_ways(&bytes, "note.txt");
        assert_eq!(texts(&a), [text], "{name}");
        assert!(a.meta.notices.is_empty(), "{name}: {:?}", a.meta.notices);
    }
    // NULs that are not every other byte still mark a binary file.
    let mut binary = little;
    binary[1] = b'x';
    binary[3] = b'y';
    binary.splice(10..10, [0; 40]);
    assert!(parse_bytes(&binary, "note.txt").is_err());
}

#[test]
fn html_permalink_signs_and_an_emptied_contents_heading_are_dropped() {
    let html = "<html><head><title>Harbour Policy</title></head><body><div class=body>\
        <h1>Abstract<a class=headerlink href=\"#abstract\" title=\"Permalink\">¶</a></h1>\
        <p>This policy says how the harbour's tide tables are kept, and who may change them \
        when a port is added or a gauge is moved along the quay.</p>\
        <h1>Table of Contents<a class=headerlink href=\"#contents\">¶</a></h1>\
        <h2>1. Authors<a href=\"#authors\">§</a></h2>\
        <p>The tables are kept by the port authority and checked every spring by the \
        coast guard, who sign each page of the printed copy.</p>\
        <h2>Contents</h2>\
        <p>The box holds the printed tables for every port of the coast, one page each.</p>\
        <p>Read more <a href=\"#authors\">about the authors</a> above.</p>\
        </div></body></html>";
    let a = &load_str(html, "policy.html")[0];
    let t = texts(a);
    assert!(
        t.contains(&"Abstract") && t.contains(&"1. Authors"),
        "{t:?}"
    );
    assert!(!t.contains(&"Table of Contents"), "{t:?}");
    // A section named so, with text of its own, stays; so does a link
    // inside the page with words.
    assert!(t.contains(&"Contents"), "{t:?}");
    assert!(t.iter().any(|p| p.contains("about the authors")), "{t:?}");
}

#[test]
fn html_navigation_bars_are_dropped_unless_they_are_the_page() {
    let article = "<p>The harbour's tide tables are kept by the port authority and checked \
        every spring by the coast guard, who sign each page of the printed copy.</p>\
        <p>Each port has one page, with the hours of high and low water for every day of \
        the week ahead, and a note on the gauge it was read from.</p>";
    let html = format!(
        "<html><head><title>Tide tables</title></head><body><div class=content>\
         <table class=navigation><tr><td><a href=a.html>Prev</a></td>\
         <th><a href=index.html>Tables</a></th><td><a href=c.html>Next</a></td></tr></table>\
         <div role=navigation><a href=a.html>Ports</a> <a href=b.html>Gauges</a></div>\
         {article}</div></body></html>"
    );
    let a = &load_str(&html, "tables.html")[0];
    let t = texts(a).join(" ");
    assert!(t.contains("checked every spring"), "{t}");
    assert!(!t.contains("Prev") && !t.contains("Gauges"), "{t}");
    // An index page that is one list of links keeps it.
    let index = "<html><head><title>Ports</title></head><body>\
        <div role=navigation><ul><li><a href=oban.html>Oban: tide tables for the west \
        coast harbour</a></li><li><a href=wick.html>Wick: tide tables for the north \
        coast harbour</a></li><li><a href=lerwick.html>Lerwick: tide tables for the \
        Shetland harbour</a></li></ul></div><p>Ports</p></body></html>";
    let a = &load_str(index, "index.html")[0];
    assert!(
        texts(a).join(" ").contains("Wick: tide tables"),
        "{:?}",
        texts(a)
    );
}

#[test]
fn html_an_excerpt_of_the_second_paragraph_is_no_subtitle() {
    // Readability's excerpt is the first `<p>`: here the second paragraph,
    // the first being loose text after the heading.
    let html = "<html><head><title>Tide Table Example</title></head><body>\
        <h2>Tide Table Example</h2>\
        People often ask how the tide tables should be read, which column is \
        the harbour and which the hour, and what to do when a port is missing.\
        <p>So here is a worked example, line by line:</p>\
        <pre>port   high   low</pre>\
        <p>The first column names the port and the second gives the hour.</p>\
        </body></html>";
    let a = &load_str(html, "example.html")[0];
    assert_eq!(a.meta.subtitle, None, "{:#?}", a.meta);
    assert!(
        texts(a)
            .iter()
            .any(|t| t.starts_with("So here is a worked example"))
    );
}

#[test]
fn html_an_echoed_heading_with_a_no_break_space_is_no_subtitle() {
    let html = "<html><head><title>harbour and libharbour, version 1.0</title>\
        <meta name=description content=\"1.&nbsp;Introduction\"></head><body><div class=book>\
        <div class=author>By Ann Lee, https://example.org/harbour/</div>\
        <h2>1.&nbsp;Introduction</h2><p>harbour reads tide tables for small ports, and it \
        prints the hours of high water for the week ahead in one table.</p>\
        <p>It runs on any machine with a terminal and needs no network at all.</p>\
        </div></body></html>";
    let a = &load_str(html, "manual.html")[0];
    assert_eq!(a.meta.subtitle, None, "{:#?}", a.meta);
}

#[test]
fn html_docbook_author_headings_are_the_byline() {
    let body = "<p>This handbook explains how the harbour office assigns berths to \
        visiting ships, and which forms a master files before arrival and departure.</p>\
        <h2>Chapter 1. Berths</h2><p>Each berth has a number, a depth at low water and a \
        length; the office gives the shortest berth that fits the ship and its draught.</p>";
    let page = |meta: &str| {
        format!(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\
             <HTML><HEAD><TITLE>The Harbour Handbook</TITLE>{meta}</HEAD><BODY CLASS=\"BOOK\">\
             <DIV CLASS=\"TITLEPAGE\"><H1 CLASS=\"TITLE\">The Harbour Handbook</H1>\
             <H3 CLASS=\"AUTHOR\"><A NAME=\"A1\"></A>Mairi Campbell</H3>\
             <H3 CLASS=\"AUTHOR\"><A NAME=\"A2\"></A>Tomasz Nowak</H3>\
             <H3 class=\"corpauthor\">Port of Leith Authority</H3>\
             <P CLASS=\"COPYRIGHT\">Copyright 2019 Mairi Campbell</P></DIV>{body}</BODY></HTML>"
        )
    };
    let a = &load_str(&page(""), "handbook.html")[0];
    assert_eq!(
        a.meta.author.as_deref(),
        Some("Mairi Campbell, Tomasz Nowak, Port of Leith Authority")
    );
    assert!(find(a, "Chapter 1. Berths").kind.is_heading());
    assert!(
        !a.blocks.iter().any(|b| b.text.contains("Nowak")),
        "{:?}",
        texts(a)
    );
    // The page's own metadata still names its author.
    let a = &load_str(
        &page("<META NAME=\"author\" CONTENT=\"Harbour Office\">"),
        "handbook.html",
    )[0];
    assert_eq!(a.meta.author.as_deref(), Some("Harbour Office"));
    // Outside a title page such headings head other things (comments here):
    // they are not gathered into the byline.
    let blog = format!(
        "<html><head><title>Berths</title></head><body><article>{body}\
         <h3 class=\"author\">Ewan Ross</h3><p>The long berth was dredged last \
         spring, so deep ships can use it again at low water.</p>\
         <h3 class=\"author\">Ines Vaz</h3><p>The office now answers the radio \
         through the night as well, which helps the late ferries.</p>\
         </article></body></html>"
    );
    let a = &load_str(&blog, "berths.html")[0];
    assert!(
        !a.meta.author.as_deref().unwrap_or("").contains("Ines Vaz"),
        "{:?}",
        a.meta.author
    );
}

#[test]
fn rustdoc_pages_keep_signatures_and_lose_their_furniture() {
    let trait_docs = "<p>Measures how far two <code>Reading</code>s drift apart, in the units \
        the instrument reports, so that a reader can tell a faulty gauge from a slow one.</p>";
    let implementors: String = (0..40)
        .map(|n| {
            format!(
                "<details class=\"toggle implementors-toggle\"><summary><section \
                 id=\"impl-Drift-for-Gauge{n}\" class=\"impl\"><a class=\"src rightside\" \
                 href=\"#\">Source</a><a href=\"#impl\" class=\"anchor\">§</a><h3 \
                 class=\"code-header\">impl Drift for Gauge{n}</h3></section></summary>\
                 <div class=\"docblock\"><p>Gauge {n} drifts by its own calibration table, \
                 read once, at start-up.</p></div></details>"
            )
        })
        .collect();
    let page = format!(
        "<html><head><meta name=\"generator\" content=\"rustdoc\">\
         <meta name=\"description\" content=\"Measures how far two `Reading`s drift apart, in \
         the units the instrument reports, so that a reader can tell a faulty gauge from a slow \
         one.\"><title>Drift in gauges - Rust</title></head><body><nav class=\"sidebar\">\
         <a href=\"#\">Drift</a></nav><main><section id=\"main-content\" class=\"content\">\
         <div class=\"main-heading\"><div class=\"rustdoc-breadcrumbs\"><a href=\"#\">gauges\
         </a></div><h1>Trait <span class=\"trait\">Drift</span><button id=\"copy-path\">Copy \
         item path</button></h1><span class=\"sub-heading\"><span class=\"since\">1.2.0</span> \
         · <a class=\"src\" href=\"#\">Source</a></span></div><pre class=\"rust item-decl\">\
         <code>pub trait Drift<div class=\"where\">where\n    Self: Sized,</div>{{ /* 1 method */ }}\
         </code></pre><details class=\"toggle top-doc\" open><summary class=\"hideme\"><span>\
         Expand description</span></summary><div class=\"docblock\">{trait_docs}</div></details>\
         <h2 id=\"required-methods\" class=\"section-header\">Required Methods<a class=\"anchor\" \
         href=\"#\">§</a></h2><section id=\"tymethod.drift\" class=\"method\"><span \
         class=\"rightside\"><span class=\"since\">1.2.0</span> · <a class=\"src\" href=\"#\">\
         Source</a></span><h4 class=\"code-header\">fn drift(&amp;self, other: &amp;Self) -&gt; \
         f64</h4></section><div class=\"docblock\"><p>How far apart the two readings are.</p>\
         </div><h2 id=\"implementors\" class=\"section-header\">Implementors</h2>\
         <div id=\"implementors-list\">{implementors}</div></section></main></body></html>"
    );
    let a = &load_str(&page, "trait.Drift.html")[0];
    let all = texts(a).join("\n");
    assert!(
        find(a, "fn drift(&self, other: &Self) -> f64")
            .kind
            .is_heading()
    );
    assert!(find(a, "impl Drift for Gauge7").kind.is_heading());
    // The trait's own description is kept beside its many implementors.
    assert!(all.contains("a faulty gauge from a slow one"), "{all}");
    // The declaration's `where` clause, a `<div>` in the listing, is a
    // line of the same listing.
    assert_eq!(
        find(a, "pub trait Drift").text,
        "pub trait Drift\nwhere\n    Self: Sized,\n{ /* 1 method */ }"
    );
    // The description, Markdown marks and all, echoes the first paragraph.
    assert_eq!(a.meta.subtitle, None);
    for furniture in [
        "Source",
        "1.2.0",
        "Copy item path",
        "Expand description",
        "§",
    ] {
        assert!(!all.contains(furniture), "{furniture} in {all}");
    }
    // A source listing loses its line numbers.
    let source = "<html><head><meta name=\"generator\" content=\"rustdoc\">\
        <title>drift.rs - source</title></head><body><main><section id=\"main-content\" \
        class=\"content\"><div class=\"main-heading\"><h1>drift.rs</h1></div>\
        <div class=\"example-wrap\"><pre class=\"rust\"><code><a href=#1 id=1 \
        data-nosnippet>1</a>pub fn drift(a: f64, b: f64) -&gt; f64 {\n<a href=#2 id=2 \
        data-nosnippet>2</a>    (a - b).abs()\n<a href=#3 id=3 data-nosnippet>3</a>}\
        </code></pre></div></section></main></body></html>";
    let a = &load_str(source, "drift.rs.html")[0];
    assert_eq!(
        find(a, "pub fn drift").text,
        "pub fn drift(a: f64, b: f64) -> f64 {\n    (a - b).abs()\n}"
    );
    // A module's item list: the names are glossary terms, without the
    // badges after them; an untested example's "ⓘ" goes.
    let module = "<html><head><meta name=\"generator\" content=\"rustdoc\">\
        <title>gauges - Rust</title></head><body><main><section id=\"main-content\" \
        class=\"content\"><div class=\"main-heading\"><h1>Crate gauges</h1></div>\
        <details class=\"toggle top-doc\" open><div class=\"docblock\"><p>Readings from \
        the harbour's tide gauges, and the tools to compare them over a season.</p>\
        <a href=\"#\" class=\"tooltip\" title=\"This example is not tested\">ⓘ</a>\
        <pre class=\"rust\"><code>let drift = gauges::compare(&amp;a, &amp;b);</code></pre>\
        </div></details><h2 id=\"structs\" class=\"section-header\">Structs</h2>\
        <dl class=\"item-table\"><dt><a class=\"struct\" href=\"#\">Gauge</a></dt>\
        <dd>One tide gauge and its calibration.</dd><dt><a class=\"struct\" href=\"#\">\
        Season<wbr>Log</a><wbr><span class=\"stab unstable\" title=\"\">Experimental</span>\
        </dt><dd>A season of readings, kept in order.</dd><dt><a class=\"fn\" href=\"#\">\
        recalibrate</a><sup title=\"unsafe function\">⚠</sup></dt><dd>Resets a gauge to \
        its factory table.</dd></dl></section></main></body></html>";
    let a = &gloss::core::load::load_bytes(
        module.as_bytes(),
        "index.html",
        &[gloss::core::glossary::lexicon::bundled()],
    )
    .unwrap()[0];
    let all = texts(a).join("\n");
    assert!(
        !all.contains('ⓘ') && !all.contains('⚠') && !all.contains("Experimental"),
        "{all}"
    );
    let terms: Vec<String> = a.glossary.iter().map(|e| e.term.to_lowercase()).collect();
    for name in ["gauge", "seasonlog", "recalibrate"] {
        assert!(terms.iter().any(|t| t == name), "{name} not in {terms:?}");
    }
}

#[test]
fn a_picture_boxed_with_its_caption_is_a_caption() {
    // WordPress's classic "wp-caption" box, the caption's credit after it.
    let a = &load("wordpress-caption.html")[0];
    let photo = find(a, "The morning ferry leaving Kirkhaven");
    assert_eq!(photo.kind, caption(Some("Ann Lee")));
    assert_eq!(
        photo.text.as_str(),
        "The morning ferry leaving Kirkhaven on Monday."
    );
    // A box of a layout class that holds paragraphs is no picture's.
    let page = r#"<!doctype html><html><head><title>Ferries</title></head><body><article>
        <h1>Ferries return</h1><div class="figure-wrapper"><img src="a.jpg" alt="">
        <p>The winter timetable came back on Monday after a month of storms.</p>
        <div><p>The operator said it would add a second boat in March, once crews are trained.</p></div></div>
        <p>Islanders had relied on a weekly supply flight since early January.</p></article></body></html>"#;
    let a = &load_str(page, "layout.html")[0];
    assert!(
        a.blocks.iter().all(|b| b.kind.attribution().is_none()),
        "{:?}",
        a.blocks
    );
    // The same box in a feed item's content.
    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Notes</title>
        <item><title>Ferries return</title><description><![CDATA[<p>The timetable came back on Monday.</p>
        <div class="wp-caption aligncenter"><img src="f.jpg" alt=""><p class="wp-caption-text">The morning ferry. Photo: Ann Lee</p></div>
        <p>Islanders had relied on a weekly supply flight.</p>]]></description></item></channel></rss>"#;
    let a = &load_str(feed, "feed.xml")[0];
    assert_eq!(find(a, "The morning ferry").kind, caption(Some("Ann Lee")));
}

#[test]
fn a_gutenberg_book_saved_as_a_page_reads_as_the_book() {
    let a = &load("gutenberg-book.html")[0];
    assert_eq!(a.meta.title.as_deref(), Some("The Harbour Letters"));
    // The catalogue names the author surname first, with life dates.
    assert_eq!(a.meta.author.as_deref(), Some("Margaret Ellery"));
    assert_eq!(find(a, "THE MOLE AT LOW WATER.").kind, caption(None));
    assert_no_clutter(
        a,
        &[
            "Project Gutenberg",
            "START OF",
            "FULL LICENSE",
            "Release date",
        ],
    );
    assert!(texts(a).concat().contains("with her foremast gone."));
}

#[test]
fn an_org_note_reads_as_its_outline() {
    let a = &load("note.org")[0];
    assert_eq!(a.meta.format, Format::Org);
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Reading notes: Japan and Ukraine")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Kei Tanaka"));
    assert_eq!(a.meta.published.as_deref(), Some("2025-08-28"));
    // Headlines lose their TODO keyword, priority and tags.
    let levels: Vec<(&str, u8)> = a
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some((b.text.as_str(), level)),
            _ => None,
        })
        .collect();
    assert_eq!(
        levels,
        [
            ("Summary", 1),
            ("Aid so far", 1),
            ("Equipment", 2),
            ("Data", 2),
            ("Follow up on demining", 1)
        ]
    );
    assert_eq!(find(a, "drones").kind, item(None, 0));
    assert_eq!(find(a, "body armor and winter kits").kind, item(None, 0));
    assert_eq!(find(a, "helmets, nested").kind, item(None, 1));
    // Emphasis marks go, a footnote reference reads "[1]", its note is one.
    assert_eq!(
        find(a, "Japan said").text.as_str(),
        "Japan said this week it could join the security guarantees for Ukraine. \
         The 2023 pact covers non-lethal aid and reconstruction.[1]"
    );
    assert_eq!(
        find(a, "The pact was signed").text.as_str(),
        "[1] The pact was signed in June 2024 in Italy."
    );
    assert_eq!(find(a, "The pact was signed").kind, BlockKind::Note);
    assert_eq!(find(a, "appropriate role").kind, BlockKind::Quote);
    assert_eq!(
        find(a, "Lights along").text.as_str(),
        "Lights along the water,\none by one."
    );
    assert_eq!(find(a, "gloss dump notes.org").kind, BlockKind::Code);
    assert_eq!(
        find(a, "Year").text.as_str(),
        "Year  Aid\n2022  helmets\n2023  drones"
    );
    assert_eq!(
        find(a, "Access to SAR").text.as_str(),
        "Access to SAR satellite imagery, see the ministry note."
    );
    assert_eq!(
        a.meta.links,
        [link("the ministry note", "https://example.org/sar")]
    );
    // An address keeps its slashes; a timestamp its date.
    assert!(
        find(a, "Call the ministry")
            .text
            .contains("on 2025-09-03 Wed about https://example.org/a/b/ links")
    );
    assert_no_clutter(
        a,
        &[
            "PROPERTIES",
            "CUSTOM_ID",
            "SCHEDULED",
            "private comment",
            "#+",
            ":aid:",
        ],
    );
    // Told by its keyword lines under any name, and by its name alone.
    assert_eq!(
        load_str(&fixture("note.org"), "notes.txt")[0].meta.format,
        Format::Org
    );
    assert_eq!(
        load_str("* One\nText under it.\n", "inbox.org")[0]
            .meta
            .format,
        Format::Org
    );
    assert_eq!(
        load_str("* One\n* Two\n", "list.txt")[0].meta.format,
        Format::PlainText
    );
}

#[test]
fn org_hostile_input_is_inert() {
    let text = "#+TITLE: Evil \u{1b}]52;c;AAAA\u{7} title\n#+AUTHOR: Eve \u{1b}[2J\n\n\
                * Head \u{1b}[2J line :tag:\n\nBody \u{1b}]8;;https://e.example\u{1b}\\\\link text.\n\n\
                [[https://x.example/\u{1b}[2J][click \u{1b}]52;c;QUJD\u{7}]]\n";
    let articles = load_str(text, "evil.org");
    assert_eq!(articles[0].meta.format, Format::Org);
    assert_inert(&articles);
    assert!(texts(&articles[0]).iter().any(|t| t.contains("Body")));
}

/// The `epub-book` fixture's files (path in the archive, bytes), zipped as
/// an EPUB.
fn fixture_book(deflated: bool) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path.strip_prefix(&root).unwrap().to_string_lossy();
                files.push((name.replace('\\', "/"), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    gloss::eval::synth::zip_book(&files, deflated)
}

#[test]
fn an_epub_book_reads_its_chapters_in_reading_order() {
    for deflated in [true, false] {
        let articles = parse_bytes(&fixture_book(deflated), "anchors.epub").unwrap();
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        let m = &a.meta;
        assert_eq!(m.format, Format::Epub);
        assert_eq!(
            m.title.as_deref(),
            Some("Anchors in the Dark: The Baltic’s Cable Problem")
        );
        assert_eq!(m.author.as_deref(), Some("Helena Varga, Tomas Lind"));
        assert_eq!(m.publication.as_deref(), Some("Harbour Desk Books"));
        assert_eq!(
            m.subtitle.as_deref(),
            Some(
                "How a string of damaged cables moved the Baltic’s seabed from the specialist press to the front pages."
            )
        );
        assert_eq!(m.published.as_deref(), Some("2025-06-02"));
        assert_eq!(
            m.url.as_deref(),
            Some("https://harbourdesk.example/books/anchors-in-the-dark")
        );
        // The title page goes (the header says it), the navigation document
        // is skipped (the outline lists the headings), the chapter the spine
        // names but the archive lacks is passed over, and the notes kept
        // out of the reading order ("linear=no") still come last.
        assert_eq!(
            headings(a),
            [
                "Chapter 1: A Quiet Christmas Night",
                "Chapter 2: Who Watches the Seabed",
                "The limits of a patrol",
                "Notes"
            ]
        );
        assert!(a.blocks[0].kind.is_heading(), "{:?}", a.blocks[0]);
        let text = texts(a).join("\n");
        assert!(!text.contains("Contents"), "{text}");
        // A self-closed page-break marker does not swallow the paragraph.
        let first = &a.blocks[1];
        assert_eq!(first.kind, BlockKind::Paragraph);
        assert!(
            first.text.starts_with("Most of Finland was at home"),
            "{first:?}"
        );
        assert_eq!(
            find(a, "cross the Gulf of Finland").kind,
            caption(Some("Harbour Desk Books"))
        );
        // The reference to a note in another file reads as a note's mark.
        assert!(
            text.contains("gave the coastal states few tools.[1] The convention"),
            "{text}"
        );
        // The endnote reads as a note "[1] …", as other formats' notes do,
        // without its link back.
        let note = find(a, "The convention dates from 1982");
        assert_eq!(note.kind, BlockKind::Note, "{note:?}");
        assert_eq!(
            note.text,
            "[1] The convention dates from 1982, before the first fibre-optic cable crossed the Baltic."
        );
        // Links out of the book stay; those between its files go.
        assert_eq!(
            m.links,
            [Link {
                text: "convention on the law of the sea".to_owned(),
                url: "https://harbourdesk.example/unclos".to_owned(),
            }]
        );
    }
}

/// Project Gutenberg's books carry the licence and catalogue in their
/// chapters' files; the book is read without them.
#[test]
fn a_gutenberg_epub_reads_without_its_licence() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let read = |name: &str| fs::read(root.join(name)).unwrap();
    // The saved page of a Gutenberg book is what its EPUB's chapter holds.
    let chapter = fixture("gutenberg-book.html").into_bytes();
    let package = String::from_utf8(read("OEBPS/content.opf"))
        .unwrap()
        .replace("text/chapter2.xhtml", "text/pg.xhtml");
    let files = vec![
        (
            "META-INF/container.xml".to_owned(),
            read("META-INF/container.xml"),
        ),
        ("OEBPS/content.opf".to_owned(), package.into_bytes()),
        ("OEBPS/text/pg.xhtml".to_owned(), chapter),
    ];
    let a = parse_bytes(&gloss::eval::synth::zip_book(&files, true), "pg.epub")
        .unwrap()
        .remove(0);
    let text = texts(&a).join("\n");
    assert!(text.contains("THE MOLE AT LOW WATER"), "{text}");
    for licence in [
        "Project Gutenberg",
        "START OF",
        "END OF",
        "This ebook is for the use",
    ] {
        assert!(!text.contains(licence), "{licence:?} in {text}");
    }
}

/// An older Gutenberg book carries its frame as text: the catalogue and
/// the START marker in its first chapter, the END marker and the licence
/// in its last. The book is what lies between.
#[test]
fn an_older_gutenberg_epub_reads_between_its_markers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let chapter = |body: &str| {
        format!("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>{body}</body></html>")
            .into_bytes()
    };
    let package = "<package><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
        <dc:title>Lanterns on the Mole</dc:title></metadata><manifest>\
        <item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>\
        <item id=\"b\" href=\"b.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>\
        <spine><itemref idref=\"a\"/><itemref idref=\"b\"/></spine></package>";
    let files = vec![
        (
            "META-INF/container.xml".to_owned(),
            fs::read(root.join("META-INF/container.xml")).unwrap(),
        ),
        ("OEBPS/content.opf".to_owned(), package.as_bytes().to_vec()),
        (
            "OEBPS/a.xhtml".to_owned(),
            chapter(
                "<pre>The Project Gutenberg EBook of Lanterns on the Mole, by Ann Lee\n\
                 This eBook is for the use of anyone anywhere at no cost.\n\n\
                 *** START OF THIS PROJECT GUTENBERG EBOOK LANTERNS ON THE MOLE ***</pre>\
                 <h2>CHAPTER I.</h2><p>The lamps on the mole were lit at dusk.</p>",
            ),
        ),
        (
            "OEBPS/b.xhtml".to_owned(),
            chapter(
                "<p>The last ferry came in after midnight.</p>\
                 <p>End of the Project Gutenberg EBook of Lanterns on the Mole, by Ann Lee</p>\
                 <p>*** END OF THIS PROJECT GUTENBERG EBOOK LANTERNS ON THE MOLE ***</p>\
                 <p>Updated editions will replace the previous one.</p>",
            ),
        ),
    ];
    let a = parse_bytes(&gloss::eval::synth::zip_book(&files, true), "mole.epub")
        .unwrap()
        .remove(0);
    assert_eq!(
        texts(&a),
        [
            "CHAPTER I.",
            "The lamps on the mole were lit at dusk.",
            "The last ferry came in after midnight."
        ]
    );
}

/// A footnote set aside in a chapter (`<aside epub:type="footnote">`) is
/// the book's text; another aside (a sidebar, a pull quote) is not.
#[test]
fn a_books_aside_footnote_is_read_and_other_asides_are_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let package = "<package><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
        <dc:title>The Pilot</dc:title></metadata><manifest>\
        <item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>\
        <spine><itemref idref=\"c\"/></spine></package>";
    let chapter = "<html xmlns=\"http://www.w3.org/1999/xhtml\" \
        xmlns:epub=\"http://www.idpf.org/2007/ops\"><body>\
        <p>The pilot boarded at dawn.<a epub:type=\"noteref\" href=\"#n1\">1</a></p>\
        <aside class=\"pull\"><p>Dawn, and the pilot.</p></aside>\
        <aside epub:type=\"footnote\" id=\"n1\"><p>Pilots board outside the mole.</p></aside>\
        </body></html>";
    let files = vec![
        (
            "META-INF/container.xml".to_owned(),
            fs::read(root.join("META-INF/container.xml")).unwrap(),
        ),
        ("OEBPS/content.opf".to_owned(), package.as_bytes().to_vec()),
        ("OEBPS/c.xhtml".to_owned(), chapter.as_bytes().to_vec()),
    ];
    let a = parse_bytes(&gloss::eval::synth::zip_book(&files, true), "pilot.epub")
        .unwrap()
        .remove(0);
    assert_eq!(
        texts(&a),
        [
            "The pilot boarded at dawn.[1]",
            "Pilots board outside the mole."
        ]
    );
    assert_eq!(a.blocks[1].kind, BlockKind::Note);
}

/// EPUB 3 names a book's parts: its title page, imprint and colophon are
/// the book's boilerplate, not its text.
#[test]
fn an_epub_reads_without_its_title_page_imprint_and_colophon() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let part = |kind: &str, inner: &str| {
        format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\
             <body><section epub:type=\"{kind}\">{inner}</section></body></html>"
        )
        .into_bytes()
    };
    let package = "<package><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
        <dc:title>The Pilot</dc:title></metadata><manifest>\
        <item id=\"t\" href=\"t.xhtml\" media-type=\"application/xhtml+xml\"/>\
        <item id=\"i\" href=\"i.xhtml\" media-type=\"application/xhtml+xml\"/>\
        <item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>\
        <item id=\"k\" href=\"k.xhtml\" media-type=\"application/xhtml+xml\"/></manifest>\
        <spine><itemref idref=\"t\"/><itemref idref=\"i\"/><itemref idref=\"c\"/>\
        <itemref idref=\"k\"/></spine></package>";
    let files = vec![
        (
            "META-INF/container.xml".to_owned(),
            fs::read(root.join("META-INF/container.xml")).unwrap(),
        ),
        ("OEBPS/content.opf".to_owned(), package.as_bytes().to_vec()),
        (
            "OEBPS/t.xhtml".to_owned(),
            part(
                "titlepage",
                "<h2>The Pilot</h2><p>By Ann Lee. Illustrated.</p>",
            ),
        ),
        (
            "OEBPS/i.xhtml".to_owned(),
            part("imprint", "<h2>Imprint</h2><p>Made by volunteers.</p>"),
        ),
        (
            "OEBPS/c.xhtml".to_owned(),
            part(
                "chapter",
                "<h2>I</h2><p>The pilot boat left the mole at dawn.</p>",
            ),
        ),
        (
            "OEBPS/k.xhtml".to_owned(),
            part("colophon", "<h2>Colophon</h2><p>Set in a typeface.</p>"),
        ),
    ];
    let a = parse_bytes(&gloss::eval::synth::zip_book(&files, true), "pilot.epub")
        .unwrap()
        .remove(0);
    assert_eq!(texts(&a), ["I", "The pilot boat left the mole at dawn."]);
}

#[test]
fn an_epub_is_known_by_its_first_entry_or_by_its_name() {
    let book = fixture_book(true);
    // Any name: the stored `mimetype` entry first says what it is.
    assert_eq!(
        parse_bytes(&book, "download").unwrap()[0].meta.format,
        Format::Epub
    );
    // A tool that stored the entries in another order: the name tells.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let late_mimetype = {
        let mut files: Vec<(String, Vec<u8>)> = ["META-INF/container.xml", "OEBPS/content.opf"]
            .iter()
            .chain(&["OEBPS/text/chapter2.xhtml"])
            .map(|name| (name.to_string(), fs::read(root.join(name)).unwrap()))
            .collect();
        files.insert(0, ("unused".to_owned(), Vec::new()));
        let mut zipped = gloss::eval::synth::zip_book(&files, true);
        // Turn the first entry's name into another of the same length.
        let at = zipped.windows(8).position(|w| w == b"mimetype").unwrap();
        zipped[at..at + 8].copy_from_slice(b"mimetypx");
        zipped
    };
    assert!(parse_bytes(&late_mimetype, "download").is_err());
    let articles = parse_bytes(&late_mimetype, "Anchors.EPUB").unwrap();
    assert_eq!(
        headings(&articles[0])[0],
        "Chapter 2: Who Watches the Seabed"
    );
}

#[test]
fn a_broken_book_is_named_as_one() {
    let book = fixture_book(true);
    // Cut before the archive's index, which is at its end.
    let cut = &book[..book.len() / 2];
    let error = parse_bytes(cut, "anchors.epub").unwrap_err().to_string();
    assert!(error.starts_with("not a readable EPUB book"), "{error}");
    // An archive without the container that names the package.
    let files = vec![(
        "OEBPS/text/chapter2.xhtml".to_owned(),
        b"<html><body><p>Alone.</p></body></html>".to_vec(),
    )];
    let error = parse_bytes(&gloss::eval::synth::zip_book(&files, true), "x.epub")
        .unwrap_err()
        .to_string();
    assert!(error.contains("META-INF/container.xml"), "{error}");
}

/// A zip bomb or a spine naming one chapter over and over costs no more
/// than a large book: each chapter, the book and the number of chapters
/// are bounded.
#[test]
fn a_book_that_inflates_without_end_is_read_within_bounds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/epub-book");
    let read = |name: &str| fs::read(root.join(name)).unwrap();
    let chapter = read("OEBPS/text/chapter2.xhtml");
    let mut bomb = b"<html><body><p>".to_vec();
    bomb.resize(65 << 20, b'a');
    let spine: String = "<itemref idref=\"ch\"/>".repeat(20_000);
    let package = format!(
        "<package xmlns=\"http://www.idpf.org/2007/opf\"><metadata \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>Bomb</dc:title></metadata>\
         <manifest><item id=\"bomb\" href=\"bomb.xhtml\" media-type=\"application/xhtml+xml\"/>\
         <item id=\"ch\" href=\"text/chapter2.xhtml\" media-type=\"application/xhtml+xml\"/>\
         </manifest><spine><itemref idref=\"bomb\"/>{spine}</spine></package>"
    );
    let files = vec![
        (
            "META-INF/container.xml".to_owned(),
            read("META-INF/container.xml"),
        ),
        ("OEBPS/content.opf".to_owned(), package.into_bytes()),
        ("OEBPS/bomb.xhtml".to_owned(), bomb),
        ("OEBPS/text/chapter2.xhtml".to_owned(), chapter),
    ];
    let zipped = gloss::eval::synth::zip_book(&files, true);
    assert!(zipped.len() < 1 << 20, "{}", zipped.len());
    let a = parse_bytes(&zipped, "bomb.epub").unwrap().remove(0);
    // The bomb (65 MB of one letter) is skipped as too large; of the
    // 20,000 copies of the chapter only the first 10,000 are read.
    assert!(!texts(&a).iter().any(|t| t.contains("aaaa")));
    let copies = headings(&a)
        .iter()
        .filter(|h| h.starts_with("Chapter 2"))
        .count();
    assert_eq!(copies, 10_000);
    // The reader is told what was left out.
    let notices = a.meta.notices.join("\n");
    assert!(
        notices.contains("more than 64 MB each and were skipped"),
        "{notices}"
    );
    assert!(notices.contains("more than 10000 chapters"), "{notices}");
}
