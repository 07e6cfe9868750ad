//! Hostile articles, end to end: escape sequences in a title or body must never
//! reach the terminal. The UI is rendered twice, into a `TestBackend` and
//! through ratatui's `CrosstermBackend` into bytes, and those bytes are played
//! into a `vt100` emulator that records anything a real terminal would act on.

use gloss::app::{Action, State, update};
use gloss::core::load::{load_bytes, parse_bytes, parse_reader};
use proptest::prelude::*;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::io::Write;
use std::num::NonZeroU16;
use std::process::Command;
use std::rc::Rc;

/// What the emulated terminal was asked to do besides drawing.
#[derive(Default, Debug)]
struct Recorder {
    titles: Vec<Vec<u8>>,
    bells: usize,
    clipboard: usize,
    unhandled_osc: usize,
}

impl vt100::Callbacks for Recorder {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], _: &[u8]) {
        self.clipboard += 1;
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8]) {
        self.clipboard += 1;
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, _: &[&[u8]]) {
        self.unhandled_osc += 1;
    }
}

/// A writer whose bytes stay readable after the backend takes it (the
/// backend's own `writer()` accessor is behind an unstable feature).
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Escape sequences a hostile post might carry, and plain words. The words
/// avoid glyphs whose width a grapheme-based renderer and a char-based
/// emulator disagree on (ZWJ emoji, flags, spacing marks): the cell
/// comparison is about escapes, not about vt100's width model.
const PIECES: &[&str] = &[
    "\x1b]0;pwned\x07",
    "\x1b]2;pwned\x1b\\",
    "\x1b]1;icon\x07",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x1b]52;c;?\x1b\\",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1b]8;;\x1b\\",
    "\x1b]0;unterminated",
    "\x1b[2J",
    "\x1b[H",
    "\x1b[31;1m",
    "\x1b[?1049l",
    "\x1b[8;1;1t",
    "\x07",
    "\x1bP1$r0m\x1b\\",
    "\x1bPq#0;2;0;0;0#0~~\x1b\\",
    "\x1b_apc\x1b\\",
    "\x1b^privacy\x1b\\",
    "\x1bc",
    "\x1b",
    "\u{9b}2J",
    "\u{9d}0;c1-title\u{9c}",
    "\u{90}dcs\u{9c}",
    "\u{202e}",
    "\u{202d}",
    "\u{2066}",
    "\u{2067}",
    "\u{2069}",
    "\u{200f}",
    "\u{61c}",
    "&#27;[2J",
    "&#x1b;]0;t&#7;",
    "\r",
    "\t",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "Kyiv",
    "grain",
    "convoy",
    "Zalgo\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}",
    "café",
    "日本",
    "€",
    "The International Monetary Fund (IMF) said",
    "Note: a war-risk premium is called additional premium.",
];

/// Words that only occur inside escape sequences in `PIECES`.
const PAYLOADS: &[&str] = &[
    "pwned",
    "icon",
    "cm0gLXJmIH4",
    "evil.example",
    "unterminated",
    "privacy",
    "1$r0m",
    "#0;2",
    "apc",
    "c1-title",
    "dcs",
    "1;1t",
];

fn hostile(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..max).prop_map(|v| v.concat())
}

/// A pasted post (title, then body paragraphs) or a gloss export with the
/// same strings, so both loaders are covered.
fn article_bytes() -> impl Strategy<Value = Vec<u8>> {
    (
        hostile(8),
        prop::collection::vec(hostile(24), 1..6),
        any::<bool>(),
    )
        .prop_map(|(title, paragraphs, as_json)| {
            if as_json {
                let blocks: Vec<_> = paragraphs
                    .iter()
                    .enumerate()
                    .map(|(i, p)| serde_json::json!({"id": i, "kind": "paragraph", "text": p}))
                    .collect();
                serde_json::to_vec(&serde_json::json!({
                    "articles": [{ "meta": { "title": title, "author": title }, "blocks": blocks }]
                }))
                .unwrap()
            } else {
                format!("{title}\n\n{}\n", paragraphs.join("\n\n")).into_bytes()
            }
        })
}

fn action() -> impl Strategy<Value = Action> {
    prop::sample::select(vec![
        Action::Down,
        Action::PageDown,
        Action::Bottom,
        Action::NextTerm,
        Action::FocusNext,
        Action::Activate,
        Action::OpenNote,
        Action::ToggleHelp,
        Action::Cancel,
    ])
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hostile_text_never_reaches_the_terminal(
        bytes in article_bytes(),
        width in 20u16..160,
        height in 5u16..50,
        actions in prop::collection::vec(action(), 0..6),
    ) {
        let Ok(articles) = load_bytes(&bytes, "hostile.txt", &[]) else {
            return Ok(());
        };
        let mut state = State::new(articles, Default::default(), Default::default());
        update(&mut state, Action::Resize(width, height));
        for action in actions {
            update(&mut state, action);
        }

        let mut expected = Terminal::new(TestBackend::new(width, height)).unwrap();
        expected.draw(|f| f.render_widget(&state, f.area())).unwrap();
        let expected = expected.backend().buffer().clone();

        // A fixed viewport: no tty is needed to ask for the size.
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
        };
        let sink = Sink::default();
        let mut real = Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
        real.draw(|f| f.render_widget(&state, f.area())).unwrap();
        let raw = sink.0.borrow().clone();

        // Only CSI (cursor moves, SGR, modes) may leave gloss: no OSC, DCS, APC,
        // PM, SOS, BEL, and no C1 or bidi control in the text.
        for (i, window) in raw.windows(2).enumerate() {
            if window[0] == 0x1b {
                prop_assert!(window[1] == b'[', "ESC {:?} at byte {}", window[1] as char, i);
            }
        }
        prop_assert!(!raw.contains(&0x07), "BEL in output");
        let text = String::from_utf8(raw.clone()).expect("UTF-8 output");
        let bad = text
            .chars()
            .find(|&c| ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c));
        prop_assert!(bad.is_none(), "{:?} in output", bad);

        let mut parser = vt100::Parser::new_with_callbacks(nz(height), nz(width), 0, Recorder::default());
        parser.process(&raw);
        let seen = parser.callbacks();
        prop_assert!(seen.titles.is_empty(), "titles set: {:?}", seen.titles);
        prop_assert_eq!(seen.bells, 0);
        prop_assert_eq!(seen.clipboard, 0);
        prop_assert_eq!(seen.unhandled_osc, 0);
        prop_assert!(!parser.screen().alternate_screen());

        // ratatui itself drops control characters, so an ESC alone could not get
        // through; the payloads it would leave behind as text must not show either.
        let screen = parser.screen();
        let contents = screen.contents();
        for payload in PAYLOADS {
            prop_assert!(!contents.contains(payload), "{:?} on screen:\n{}", payload, contents);
        }

        // The emulator shows exactly what gloss meant to draw.
        for y in 0..height {
            for x in 0..width {
                let cell = screen.cell(y, x).expect("cell in range");
                if cell.is_wide_continuation() {
                    continue;
                }
                let shown = if cell.contents().is_empty() { " " } else { cell.contents() };
                let meant = expected[(x, y)].symbol();
                prop_assert_eq!(shown, meant, "cell ({}, {})", x, y);
            }
        }
    }

    /// A book carries hostile text in its chapters and its package like any
    /// article, and a damaged archive fails cleanly: no panic, and nothing
    /// read from it keeps a control character.
    #[test]
    fn a_hostile_or_damaged_book_reads_clean_or_fails(
        chapter in hostile(40),
        title in hostile(8),
        damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    ) {
        let container = "<container><rootfiles><rootfile full-path=\"c.opf\"/></rootfiles></container>";
        let package = format!(
            "<package><metadata xmlns:dc=\"d\"><dc:title>{title}</dc:title>\
             <dc:creator>{title}</dc:creator></metadata><manifest>\
             <item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>\
             </manifest><spine><itemref idref=\"a\"/></spine></package>"
        );
        let files = vec![
            ("META-INF/container.xml".to_owned(), container.as_bytes().to_vec()),
            ("c.opf".to_owned(), package.into_bytes()),
            ("a.xhtml".to_owned(), format!("<html><body><h1>{title}</h1><p>{chapter}</p></body></html>").into_bytes()),
        ];
        let mut bytes = gloss::eval::synth::zip_book(&files, true);
        for (at, byte) in damage {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if let Ok(articles) = parse_bytes(&bytes, "hostile.epub") {
            let mut strings = Vec::new();
            collect_strings(&serde_json::to_value(&articles).unwrap(), &mut strings);
            for s in strings {
                let bad = s.chars().find(|&c| (c.is_control() && c != '\n') || is_bidi_control(c));
                prop_assert!(bad.is_none(), "{:?} in {:?}", bad, s);
            }
        }
    }

    /// Large files are streamed through the sanitizer (`parse_reader`), small
    /// ones decoded whole (`parse_bytes`): the same bytes must give the same
    /// articles either way, binary check included.
    #[test]
    fn streamed_and_whole_reads_agree(bytes in article_bytes(), binary in any::<bool>()) {
        let mut bytes = bytes;
        if binary {
            bytes.insert(bytes.len() / 2, 0);
        }
        let whole = parse_bytes(&bytes, "hostile.txt");
        let streamed = parse_reader(bytes.as_slice(), bytes.len(), "hostile.txt");
        match (whole, streamed) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "whole {:?}, streamed {:?}", a.is_ok(), b.is_ok()),
        }
    }
}

const HOSTILE_FIXTURE: &str = "tests/fixtures/hostile/hostile-post.txt";

fn dump(extra: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("dump")
        .args(extra)
        .arg(HOSTILE_FIXTURE)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("running gloss dump");
    assert!(output.status.success(), "{output:?}");
    output.stdout
}

/// Words from every part of the fixture that must survive cleaning.
const VISIBLE: &[&str] = &[
    "Grain Convoys Resume Under Escort",
    "Why the corridor matters",
    "Petra Lund",
    "Barges left Izmail at dawn",
    "counted hulls.",
    "The convoy",
    "sunflower oil.",
    "A clipboard write hid here:",
    "and a title here:",
    "C1 CSI:",
    "done.",
    "access elbisivni level nested and rtl and a mark here;",
    "text",
    "&#27;[2J",
    "paywall",
];

#[test]
fn dump_of_a_hostile_post_is_clean() {
    let out = dump(&[]);
    assert!(!out.contains(&0x1b), "ESC in dump output");
    assert!(!out.contains(&0x07), "BEL in dump output");
    let text = String::from_utf8(out).expect("UTF-8 output");
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || is_bidi_control(c))
        .collect();
    assert!(bad.is_empty(), "controls in output: {bad:?}");
    for word in VISIBLE {
        assert!(text.contains(word), "{word:?} missing from:\n{text}");
    }
    for payload in [
        "pwned-title",
        "second-title",
        "cm0gLXJmIH4=",
        "evil.example",
        "gotcha",
    ] {
        assert!(!text.contains(payload), "escape payload {payload:?} leaked");
    }
    // Zalgo is kept readable: the base letter with at most three marks.
    assert!(text.contains("Z\u{301}\u{302}\u{303}algo"), "{text}");
}

#[test]
fn coloured_dump_of_a_hostile_post_only_has_sgr() {
    let out = dump(&["--color", "always"]);
    let text = String::from_utf8(out).expect("UTF-8 output");
    for (i, _) in text.match_indices('\x1b') {
        let rest = &text[i + 1..];
        let sgr = rest.strip_prefix('[').and_then(|r| {
            let end = r.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            r[end..].starts_with('m').then_some(())
        });
        assert!(
            sgr.is_some(),
            "non-SGR escape at {i}: {:?}",
            &rest[..rest.len().min(12)]
        );
    }
    assert!(!text.contains('\x07'));
    assert!(!text.chars().any(is_bidi_control));
}

/// `gloss terms` and `gloss timex` decode a page's character references and
/// a JSON Feed's escapes to read its prose: what they decode to (ESC, BEL,
/// bidi controls) is text like any other and leaves cleaned, in every
/// string of their JSON lines.
#[test]
fn terms_and_timex_of_escaped_controls_are_clean() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-terms");
    std::fs::create_dir_all(&dir).unwrap();
    let body = "The Evil&#27;]0;pwned-title&#7; Acronym Treaty (EAT&#x202e;) met on 3 May 2024. \
                Gastrodiplomacy refers to food &#27;[31mused&#27;[0m abroad &#x1b;]52;c;cm0gLXJmIH4=&#7;.";
    let page = format!("<html><body><p>{body}</p></body></html>");
    let feed = format!(
        "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Log\", \"items\": \
         [{{\"id\": \"1\", \"content_text\": {}}}]}}",
        serde_json::to_string(&body.replace("&#27;", "\u{1b}").replace("&#7;", "\u{7}")).unwrap()
    );
    for (name, input) in [("page.html", page), ("feed.json", feed)] {
        let path = dir.join(name);
        std::fs::write(&path, input).unwrap();
        for command in ["terms", "timex"] {
            let output = Command::new(env!("CARGO_BIN_EXE_gloss"))
                .args([command, path.to_str().unwrap()])
                .output()
                .expect("running gloss");
            assert!(output.status.success(), "{output:?}");
            let text = String::from_utf8(output.stdout).unwrap();
            assert!(!text.is_empty(), "{command} of {name} found nothing");
            let mut strings = Vec::new();
            for line in text.lines() {
                let value: serde_json::Value = serde_json::from_str(line).unwrap();
                collect_strings(&value, &mut strings);
            }
            for s in strings {
                let bad: Vec<char> = s
                    .chars()
                    .filter(|&c| c.is_control() || is_bidi_control(c))
                    .collect();
                assert!(bad.is_empty(), "{command} of {name}: {bad:?} in {s:?}");
                for payload in ["pwned-title", "cm0gLXJmIH4="] {
                    assert!(!s.contains(payload), "{command} of {name}: {s:?}");
                }
            }
        }
    }
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}
