//! Property tests for the pieces that see untrusted text: the sanitizer, the
//! wrapper, the loaders and the whole UI. Case counts are modest so
//! `cargo test` stays quick; the fuzz targets in `fuzz/` go deeper.

use gloss::app::{Action, State, update};
use gloss::core::glossary::lexicon::{Lexicon, bundled};
use gloss::core::layout::{str_width, wrap};
use gloss::core::load::load_bytes;
use gloss::core::sanitize::{Sanitizer, sanitize, sanitize_inline};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `n` cases, or `PROPTEST_CASES` when set, for a deeper run by hand.
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig::with_cases(n)
}

/// Characters no sanitized text may contain, spelled out here rather than
/// taken from the crate so the test does not share a bug with it.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Pieces of escape sequences and other hostile or tricky text.
const FRAGMENTS: &[&str] = &[
    "\x1b",
    "[",
    "]",
    "\x07",
    "\\",
    ";",
    "0",
    "2",
    "8",
    "52",
    "1",
    "m",
    "J",
    "H",
    "P",
    "X",
    "^",
    "_",
    "(",
    "B",
    "\u{9b}",
    "\u{9c}",
    "\u{9d}",
    "\u{90}",
    "\u{98}",
    "\u{9e}",
    "\u{9f}",
    "\u{85}",
    "\r",
    "\n",
    "\t",
    "\x0b",
    "\x0c",
    "\u{2028}",
    "\u{2029}",
    "\x00",
    "\x7f",
    "a",
    "Z",
    " ",
    "é",
    "\u{301}",
    "\u{200d}",
    "\u{200c}",
    "\u{200b}",
    "\u{ad}",
    "\u{feff}",
    "\u{fe0f}",
    "👍",
    "👩",
    "🇯",
    "🇵",
    "日本",
    "ب",
    "\u{202e}",
    "\u{2066}",
    "\u{200f}",
    "\u{61c}",
    "\u{e0041}",
    "&#27;",
];

fn fragment_soup(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..max).prop_map(|v| v.concat())
}

/// Arbitrary Unicode or escape-sequence soup, half and half.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), fragment_soup(64)]
}

/// Visible text that is hard to measure: CJK, emoji, ZWJ sequences, flags,
/// combining marks, long words.
const GLYPHS: &[&str] = &[
    "a",
    "word",
    "Kyiv",
    "extraordinarily-long-hyphenated-compound",
    " ",
    " ",
    "  ",
    "\n",
    "日本",
    "語",
    "👍",
    "👨\u{200d}👩\u{200d}👧",
    "🏳\u{fe0f}\u{200d}🌈",
    "🇯🇵",
    "🇺🇦",
    "e\u{301}",
    "Z\u{301}\u{302}\u{303}",
    "\u{301}",
    "한국어",
    "ｆｕｌｌ",
    "—",
    "…",
    "\u{2e3b}",
];

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(GLYPHS), 0..60).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn sanitized_text_has_no_controls_and_is_stable(input in hostile_string()) {
        let once = sanitize(&input);
        if let Some(c) = once.chars().find(|&c| forbidden(c)) {
            panic!("{c:?} survived in {once:?}");
        }
        prop_assert_eq!(sanitize(&once), once.clone(), "not idempotent");

        let inline = sanitize_inline(&input);
        prop_assert!(!inline.contains('\n'));
        prop_assert!(!inline.chars().any(forbidden), "{:?}", inline);
        prop_assert_eq!(sanitize_inline(&inline), inline);
    }

    /// The streaming sanitizer gives the same result however the input is split.
    #[test]
    fn sanitizer_chunking_does_not_matter(input in hostile_string(), cut in any::<prop::sample::Index>()) {
        let boundaries: Vec<usize> =
            input.char_indices().map(|(i, _)| i).chain([input.len()]).collect();
        let at = boundaries[cut.index(boundaries.len())];
        let mut s = Sanitizer::new();
        let mut out = String::new();
        s.push(&input[..at], &mut out);
        s.push(&input[at..], &mut out);
        s.finish(&mut out);
        prop_assert_eq!(out, sanitize(&input));
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_visible_char(text in tricky_text(), width in 1usize..200) {
        let lines = wrap(&text, width);
        let mut kept = String::new();
        let mut previous_end = 0;
        for line in &lines {
            let (start, end) = (line.start as usize, line.end as usize);
            prop_assert!(start >= previous_end && start <= end, "{:?}", lines);
            // Slicing also checks that both ends are char boundaries.
            let slice = &text[start..end];
            prop_assert!(
                str_width(slice) <= width,
                "{:?} is {} columns, wider than {}", slice, str_width(slice), width
            );
            kept.push_str(slice);
            previous_end = end;
        }
        // A line of only (Unicode) white space becomes an empty line, so blanks
        // such as U+00A0 count as spaces here.
        let visible = |s: &str| -> Vec<char> {
            s.chars().filter(|c| !c.is_whitespace()).collect()
        };
        let (want, got) = (visible(&text), visible(&kept));
        // A glyph wider than the whole line cannot be shown and is skipped; only
        // then may characters be missing, and the rest must still be in order.
        let too_wide = text
            .split([' ', '\n'])
            .flat_map(|w| w.graphemes(true))
            .any(|g| UnicodeWidthStr::width(g) > width);
        if too_wide {
            let mut rest = want.iter();
            prop_assert!(
                got.iter().all(|c| rest.any(|w| w == c)),
                "lost order: {:?} from {:?}", kept, text
            );
        } else {
            prop_assert_eq!(got, want, "lines {:?}", lines);
        }
    }
}

/// Lines shaped like a pasted newsletter, so the plain parser's rules (title,
/// byline, counts, captions, paywall, footer) get exercised, not just its
/// fallbacks.
const PASTED_LINES: &[&str] = &[
    "The Meridian Brief",
    "Ukraine’s Sea Corridor Keeps the Grain Moving",
    "Clara Voss's avatar",
    "Clara Voss",
    "Mar 5, 2024",
    "5 March 2024",
    "∙ Paid",
    "27",
    "1.2K",
    "--",
    "Share",
    "Listen",
    "Follow",
    "Member-only story",
    "4 min read",
    "A bulk carrier at Chornomorsk. (Photo by Lars Eriksen/Reuters). All rights reserved",
    "Photo by Ana Ruiz on Unsplash",
    "Note: the war-risk premium is an extra insurance charge.",
    "When Russia walked away from the Black Sea Grain Initiative in July 2023, NATO allies met.",
    "The International Monetary Fund (IMF) approved a loan; the IMF board met in Kyiv.",
    "Japan pledged $4.5 billion in aid to Ukraine on 19 February 2024, the IMF said.",
    "Ports",
    "## Insurance and Risk",
    "- a list item",
    "1. a numbered item",
    "> a quote",
    "Keep reading with a 7-day free trial",
    "Subscribe to The Meridian Brief to keep reading this post.",
    "Already a paid subscriber? Sign in",
    "Thanks for reading! Subscribe for free to receive new posts.",
    "© 2024 Clara Voss",
    "Written by Clara Voss",
    "Powered by Ghost",
    "Substack is the home for great culture",
    "",
    "",
    "    indented code",
    // A Project Gutenberg book's frame and shapes, and footnote marks
    // glued to sentences: text rewritten as it is laid down.
    "*** START OF THE PROJECT GUTENBERG EBOOK THE CROSSING ***",
    "*** END OF THE PROJECT GUTENBERG EBOOK THE CROSSING ***",
    "Title: The Crossing",
    "Author: Lee, Ann, 1850-1920",
    "CHAPTER I.",
    "THE FERRY.",
    "    Lights along the _water_, one by one,",
    "    Red for the \u{201c}_harbour_\u{201d}\u{2019}s _light_;",
    "[Illustration: The _ferry_ at dusk.]",
    "[Footnote 1: The _old_ tower.]",
    "It ended in 2014.1 Since then _more_ came.",
    "\u{201c}It fell.\u{201d}2",
    "1",
    "2",
    "_a_ __b__ c_ _d _",
    // Org mode's keywords, headlines, blocks, drawers and links.
    "#+TITLE: Notes on the *corridor*",
    "** TODO [#A] Call the port :work:",
    "#+BEGIN_QUOTE",
    "#+END_QUOTE",
    "#+begin_verse",
    ":PROPERTIES:",
    ":END:",
    "- [X] item [[https://example.org][the /link/]] [fn:1]",
    "| a | =b= |",
    "[fn:1] A note.",
];

fn pasted_article() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::sample::select(PASTED_LINES).prop_map(str::to_owned),
            1 => hostile_string(),
            1 => tricky_text(),
        ],
        0..40,
    )
    .prop_map(|lines| lines.join("\n"))
}

/// No lexicon most of the time: matching the bundled one costs ~150 ms per
/// article in a debug build, and article definitions and acronyms still make
/// glossary entries.
fn lexicons() -> impl Strategy<Value = Vec<&'static Lexicon>> {
    prop_oneof![3 => Just(vec![]), 1 => Just(vec![bundled()])]
}

/// A gloss export with hostile strings in every field the loader reads back.
fn gloss_json() -> impl Strategy<Value = Vec<u8>> {
    (
        hostile_string(),
        prop::collection::vec((hostile_string(), 0u8..8, any::<Option<u64>>()), 0..6),
    )
        .prop_map(|(title, blocks)| {
            let blocks: Vec<serde_json::Value> = blocks
                .into_iter()
                .enumerate()
                .map(|(i, (text, kind, number))| {
                    let mut block = serde_json::json!({ "id": i * 7, "text": text });
                    let fields = match kind {
                        0 => serde_json::json!({ "kind": "heading", "level": 200 }),
                        1 => serde_json::json!({ "kind": "caption", "credit": text, "license": "\u{1b}]0;x\u{7}" }),
                        2 => serde_json::json!({ "kind": "list_item", "number": number, "depth": 255 }),
                        3 => serde_json::json!({ "kind": "quote" }),
                        4 => serde_json::json!({ "kind": "note" }),
                        5 => serde_json::json!({ "kind": "code" }),
                        _ => serde_json::json!({ "kind": "paragraph" }),
                    };
                    block.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
                    block
                })
                .collect();
            serde_json::to_vec(&serde_json::json!({
                "articles": [{
                    "meta": { "title": title, "truncated": true, "notices": [title] },
                    "blocks": blocks,
                    "glossary": [{ "bogus": true }],
                }]
            }))
            .unwrap()
        })
}

/// Every byte as quoted-printable's "=XX", so any text survives the trip.
fn quoted_printable(text: &str) -> String {
    text.bytes().map(|b| format!("={b:02X}")).collect()
}

/// An email or saved page whose headers and parts carry hostile text,
/// encoded (an encoded-word subject, quoted-printable parts) or raw, cut
/// anywhere.
fn mime_message() -> impl Strategy<Value = Vec<u8>> {
    (
        hostile_string(),
        hostile_string(),
        any::<bool>(),
        any::<bool>(),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(subject, body, encoded, html, cut)| {
            let (subject, transfer, body) = if encoded {
                (
                    format!("=?utf-8?Q?{}?=", quoted_printable(&subject)),
                    "quoted-printable",
                    quoted_printable(&body),
                )
            } else {
                (subject, "8bit", body)
            };
            let kind = if html { "text/html" } else { "text/plain" };
            let message = format!(
                "From: {subject} <a@example.org>\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
                 Content-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n\
                 Content-Type: {kind}; charset=utf-8\r\nContent-Transfer-Encoding: {transfer}\r\n\r\n\
                 {body}\r\n--b--\r\n"
            );
            let mut bytes = message.into_bytes();
            // Past the header block, so the message is still told as one.
            bytes.truncate(80.max(cut.index(bytes.len() + 1)));
            bytes
        })
}

/// Every string anywhere in the loaded articles passed the sanitizer.
fn assert_all_strings_clean(articles: &[gloss::core::model::Article]) {
    fn walk(value: &serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                if let Some(c) = s.chars().find(|&c| forbidden(c)) {
                    panic!("{c:?} in loaded string {s:?}");
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(walk),
            serde_json::Value::Object(map) => map.values().for_each(walk),
            _ => {}
        }
    }
    walk(&serde_json::to_value(articles).unwrap());
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(articles) = load_bytes(&bytes, "x", &[]) {
            assert_all_strings_clean(&articles);
        }
    }

    #[test]
    fn loading_pasted_text_never_panics(text in pasted_article(), with_bundled in lexicons()) {
        if let Ok(articles) = load_bytes(text.as_bytes(), "x", &with_bundled) {
            assert_all_strings_clean(&articles);
        }
    }

    #[test]
    fn loading_a_hostile_message_never_panics(message in mime_message()) {
        if let Ok(articles) = load_bytes(&message, "x.eml", &[]) {
            assert_all_strings_clean(&articles);
        }
    }

    #[test]
    fn loading_hostile_gloss_json_never_panics(json in gloss_json(), cut in any::<prop::sample::Index>()) {
        if let Ok(articles) = load_bytes(&json, "x.json", &[]) {
            assert_all_strings_clean(&articles);
        }
        // Truncated JSON must be an error, not a panic.
        let _ = load_bytes(&json[..cut.index(json.len() + 1)], "x.json", &[]);
    }
}

proptest! {
    #![proptest_config(cases(128))]

    /// A query typed key by key reads as the same query pasted whole: runs
    /// of spaces become one, the ends are trimmed when it is submitted.
    #[test]
    fn typing_a_query_gives_what_pasting_it_gives(query in "[ a-zA-Z0-9.,'\t-]{0,40}") {
        let new_state = || {
            let mut state = State::new(
                Vec::new(),
                gloss::app::state::Settings::default(),
                gloss::app::keymap::Keymap::default(),
            );
            update(&mut state, Action::StartSearch);
            state
        };
        let mut typed = new_state();
        for c in query.chars() {
            update(&mut typed, Action::Input(c));
        }
        let mut pasted = new_state();
        update(&mut pasted, Action::Paste(query.clone()));
        prop_assert_eq!(&typed.prompt, &pasted.prompt);
        let typed = typed.prompt.unwrap_or_default();
        prop_assert_eq!(typed.trim(), sanitize_inline(&query));
    }
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        6 => prop::sample::select(vec![
            Action::Down,
            Action::Up,
            Action::PageDown,
            Action::PageUp,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::Top,
            Action::Bottom,
            Action::NextHeading,
            Action::PreviousHeading,
            Action::NextTerm,
            Action::PreviousTerm,
            Action::FocusNext,
            Action::FocusPrevious,
            Action::Activate,
            Action::OpenNote,
            Action::ToggleAidOnly,
            Action::StartSearch,
            Action::EditNote,
            Action::SearchNext,
            Action::SearchPrevious,
            Action::ToggleHelp,
            Action::Cancel,
            Action::Submit,
            Action::DeleteBack,
        ]),
        1 => any::<char>().prop_map(Action::Input),
        1 => hostile_string().prop_map(Action::Paste),
        1 => (0u16..220, 0u16..220, -20i16..20)
            .prop_map(|(column, row, lines)| Action::Wheel { column, row, lines }),
        1 => (0u16..220, 0u16..220).prop_map(|(column, row)| Action::Click { column, row }),
        1 => (0u16..220, 0u16..220).prop_map(|(column, row)| Action::Drag { column, row }),
        1 => (1u16..200, 1u16..200).prop_map(|(w, h)| Action::Resize(w, h)),
    ]
}

proptest! {
    #![proptest_config(cases(64))]

    /// Every frame, at every size, after any actions, renders without panicking.
    #[test]
    fn rendering_never_panics(
        text in pasted_article(),
        lexicons in lexicons(),
        width in 1u16..200,
        height in 1u16..200,
        actions in prop::collection::vec(action(), 0..24),
    ) {
        let articles = load_bytes(text.as_bytes(), "x", &lexicons).unwrap_or_default();
        let mut state = State::new(articles, Default::default(), Default::default());
        update(&mut state, Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| f.render_widget(&state, f.area())).unwrap();
        for action in actions {
            if let Action::Resize(w, h) = action {
                terminal.backend_mut().resize(w, h);
            }
            update(&mut state, action);
            if state.should_quit {
                break;
            }
            terminal.draw(|f| f.render_widget(&state, f.area())).unwrap();
        }
    }
}

/// The case `rendering_never_panics` found: the help overlay drew its first
/// binding below a frame with no row inside (a 4×1 screen).
#[test]
fn help_renders_on_screens_too_short_for_its_frame() {
    for (width, height) in (1..=8)
        .flat_map(|w| (1..=6).map(move |h| (w, h)))
        .chain([(120, 1), (120, 3)])
    {
        let mut state = State::new(Vec::new(), Default::default(), Default::default());
        update(&mut state, Action::ToggleHelp);
        update(&mut state, Action::Resize(width, height));
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| f.render_widget(&state, f.area()))
            .unwrap();
    }
}
