//! The whole UI rendered on ratatui's TestBackend, snapshotted with insta:
//! wide (three panes) and narrow (one pane at a time) terminals, and after
//! focus and selection changes.

mod common;

use gloss::app::{Action, State, keymap::Keymap, state::Settings, update};
use gloss::core::glossary::lexicon::bundled;
use gloss::core::load::load_bytes;
use insta::assert_snapshot;
use ratatui::{Terminal, backend::TestBackend};

fn state(width: u16, height: u16) -> State {
    let text = include_str!("fixtures/pasted/substack-full.txt");
    let articles =
        load_bytes(text.as_bytes(), "substack-full.txt", &[bundled()]).expect("fixture loads");
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(width, height));
    state
}

/// One frame of `state` on a test terminal of the state's size.
fn drawn(state: &State) -> Terminal<TestBackend> {
    let (w, h) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(state, f.area()))
        .expect("draws");
    terminal
}

fn render(state: &State) -> String {
    drawn(state).backend().to_string()
}

#[test]
fn wide_reader_opens_on_the_article() {
    let state = state(120, 40);
    let screen = render(&state);
    assert!(screen.contains("Ukraine’s Sea Corridor Keeps the Grain Moving"));
    assert!(screen.contains("Glossary"));
    assert!(screen.contains("Timeline"));
    assert_snapshot!("wide_120x40", screen);
}

#[test]
fn narrow_reader_shows_one_pane() {
    let mut state = state(80, 24);
    let screen = render(&state);
    assert!(
        !screen.contains("┌ Glossary"),
        "narrow terminals show the text alone"
    );
    assert_snapshot!("narrow_80x24", screen);
    update(&mut state, Action::FocusNext);
    let glossary = render(&state);
    assert!(glossary.contains("Glossary"));
    assert_snapshot!("narrow_80x24_glossary", glossary);
}

#[test]
fn glossary_selection_jumps_the_text() {
    let mut state = state(120, 40);
    update(&mut state, Action::Bottom);
    let before = render(&state);
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::Down);
    update(&mut state, Action::Activate);
    let after = render(&state);
    assert_ne!(before, after, "Enter on a glossary entry moves the text");
    assert_snapshot!("wide_glossary_second_entry_activated", after);
}

#[test]
fn end_of_text_shows_the_paywall_notice() {
    let mut state = state(120, 40);
    update(&mut state, Action::Bottom);
    let screen = render(&state);
    assert!(
        screen.contains("behind"),
        "paywall notice at the end:\n{screen}"
    );
    assert!(screen.contains("100%"));
    assert_snapshot!("wide_end", screen);
}

#[test]
fn help_overlay_lists_the_keys() {
    let mut state = state(120, 40);
    update(&mut state, Action::ToggleHelp);
    let screen = render(&state);
    for key in ["next heading", "search the text", "quit", "Ctrl-z suspends"] {
        assert!(screen.contains(key), "{key}");
    }
    assert_snapshot!("wide_help", screen);
}

/// On an 80×24 terminal the key list is longer than the screen: it scrolls,
/// and its title says which part is shown.
#[test]
fn help_overlay_scrolls_on_a_small_terminal() {
    let mut state = state(80, 24);
    update(&mut state, Action::ToggleHelp);
    let first = render(&state);
    assert!(first.contains("Keys 1–"), "{first}");
    assert!(
        !first.contains("quit"),
        "the last binding is below the fold"
    );
    let text_before = state.reader.anchor;
    update(&mut state, Action::Bottom);
    let last = render(&state);
    assert!(last.contains("quit"), "{last}");
    assert_eq!(
        state.reader.anchor, text_before,
        "the text under it stays put"
    );
    assert_snapshot!("narrow_help_scrolled_to_the_end", last);
    update(&mut state, Action::Cancel);
    assert!(state.overlay.is_none());
}

#[test]
fn justified_paragraph_lines_fill_the_measure() {
    let text = include_str!("fixtures/pasted/substack-full.txt");
    let articles = load_bytes(text.as_bytes(), "f", &[]).unwrap();
    let settings = Settings {
        justify: true,
        max_width: 60,
        ..Settings::default()
    };
    let mut state = State::new(articles, settings, Keymap::default());
    update(&mut state, Action::Resize(80, 40));
    let screen = render(&state);
    let body: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("traders") && l.contains("seaborne"))
        .collect();
    assert_eq!(body.len(), 1, "{screen}");
    // A full line of a justified paragraph ends flush with the measure: its
    // last word reaches column 60 of the text area.
    let line = body[0].trim_matches('"');
    let inner: String = line.chars().skip(1).take(78).collect();
    let used = inner.trim_end().chars().count();
    let margin = inner.chars().take_while(|c| *c == ' ').count();
    assert_eq!(used - margin, 60, "{line:?}");
}

#[test]
fn side_panes_follow_the_config() {
    let text = include_str!("fixtures/pasted/substack-full.txt");
    let articles = load_bytes(text.as_bytes(), "f", &[]).unwrap();
    let settings = Settings {
        panes: vec![],
        ..Settings::default()
    };
    let mut state = State::new(articles, settings, Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    assert!(
        !render(&state).contains("Glossary ("),
        "no side panes at start"
    );
    update(&mut state, Action::FocusNext);
    assert!(
        render(&state).contains("Glossary ("),
        "a focused pane shows"
    );
}

#[test]
fn library_note_lists_the_articles_that_use_the_term() {
    let mut state = common::library_glossary_of_every_sample();
    // Select a term the current article and another one both use.
    let shared = state
        .library
        .merged_glossary
        .iter()
        .position(|m| m.articles > 1 && m.sources.iter().any(|s| s.article == 0))
        .expect("a shared term");
    for _ in 0..shared {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::OpenNote);
    let screen = render(&state);
    assert!(screen.contains("In: "), "{screen}");
}

/// The note popup titled `term` cut out of `screen`, row by row, frame
/// included.
fn popup_rows(screen: &str, term: &str) -> Vec<String> {
    let rows: Vec<Vec<char>> = screen.lines().map(|r| r.chars().collect()).collect();
    let title: Vec<char> = format!("┌ {term} ").chars().collect();
    let (top, left) = rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            r.windows(title.len())
                .position(|w| w == title.as_slice())
                .map(|at| (i, at))
        })
        .unwrap_or_else(|| panic!("no popup titled {term} in\n{screen}"));
    let right = (left..rows[top].len())
        .find(|&x| rows[top][x] == '┐')
        .expect("the popup's top right corner");
    let bottom = (top + 1..rows.len())
        .find(|&i| rows[i].get(left) == Some(&'└'))
        .unwrap_or_else(|| panic!("the popup has no bottom edge in\n{screen}"));
    rows[top..=bottom]
        .iter()
        .map(|r| r[left..=right].iter().collect())
        .collect()
}

#[test]
fn the_note_popup_fits_its_note_and_marks_a_cut() {
    let mut state = state(120, 40);
    update(&mut state, Action::FocusNext);
    update(&mut state, Action::OpenNote);
    let entry = &state.article().glossary[0];
    let term = entry.term.clone();
    let screen = render(&state);
    let rows = popup_rows(&screen, &term);
    // As tall as what it says: the source line, the note, one blank row
    // between paragraphs, no empty rows below.
    assert!(rows.len() < 16, "{}", rows.join("\n"));
    let last_text = &rows[rows.len() - 2];
    assert!(
        last_text.chars().any(|c| c.is_alphanumeric()),
        "the row above the bottom edge holds text: {}",
        rows.join("\n")
    );
    assert!(!rows.iter().any(|r| r.contains('…')), "{}", rows.join("\n"));

    // On a screen too short for the note, the popup takes the whole height
    // and says where the note is cut.
    update(&mut state, Action::Resize(120, 6));
    let short = render(&state);
    let rows = popup_rows(&short, &term);
    assert_eq!(rows.len(), 6, "{short}");
    assert!(rows[rows.len() - 2].contains('…'), "{short}");
}

#[test]
fn feed_items_are_grouped_under_their_feed_in_the_library() {
    let feed = include_str!("fixtures/formats/feed-rss.xml");
    let mut articles = load_bytes(feed.as_bytes(), "feed.xml", &[]).unwrap();
    let section = articles[0]
        .meta
        .section
        .clone()
        .expect("feed items carry the feed title");
    articles.extend(
        load_bytes(
            include_str!("fixtures/pasted/substack-full.txt").as_bytes(),
            "post",
            &[],
        )
        .unwrap(),
    );
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 20));
    assert!(state.library.shown);
    let screen = render(&state);
    assert!(screen.contains(&format!("▸ {section}")), "{screen}");
    // The post opened after the feed is not one of its items.
    let row = |needle: &str| {
        screen
            .lines()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no {needle:?} in\n{screen}"))
    };
    let last_item = state.articles[state.articles.len() - 2]
        .meta
        .display_title()
        .to_owned();
    let post = state.articles[state.articles.len() - 1]
        .meta
        .display_title()
        .to_owned();
    assert!(row(&format!("▸ {section}")) < row(&last_item));
    assert_eq!(row("▸ Other articles"), row(&last_item) + 1, "{screen}");
    assert_eq!(row(&post), row("▸ Other articles") + 1, "{screen}");
}

#[test]
fn popups_list_links_and_headings_numbered() {
    let markdown = "# Notes\n\n## First part\n\nSee [the report](https://example.org/report).\n\n## Second part\n\nAnd [a map](https://example.org/map).\n";
    let articles = load_bytes(markdown.as_bytes(), "notes.md", &[]).unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 30));
    update(&mut state, Action::ShowLinks);
    let links = render(&state);
    assert!(
        links.contains("1. the report — https://example.org/report"),
        "{links}"
    );
    assert!(
        links.contains("2. a map — https://example.org/map"),
        "{links}"
    );
    update(&mut state, Action::Cancel);
    update(&mut state, Action::ShowOutline);
    let outline = render(&state);
    assert!(
        outline.contains("Outline") && outline.contains("Second part"),
        "{outline}"
    );
}

/// The terminal can shrink between the resize event and the next frame
/// (ratatui sizes its buffer when it draws): a frame drawn for the old
/// size into the new, smaller buffer must clip, not panic.
#[test]
fn a_frame_smaller_than_the_state_thinks_is_clipped() {
    let post = include_str!("fixtures/pasted/substack-full.txt");
    let feed = include_str!("fixtures/formats/feed-rss.xml");
    let reader = state(120, 40);
    // Several articles open on the library view.
    let mut articles = load_bytes(feed.as_bytes(), "feed.xml", &[]).unwrap();
    articles.extend(load_bytes(post.as_bytes(), "post", &[]).unwrap());
    let mut library = State::new(articles, Settings::default(), Keymap::default());
    update(&mut library, Action::Resize(120, 40));
    assert!(library.library.shown && !reader.library.shown);
    for state in [&reader, &library] {
        for (w, h) in [(1, 1), (20, 3), (119, 39)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            terminal
                .draw(|f| f.render_widget(state, f.area()))
                .expect("draws");
            let screen = terminal.backend().to_string();
            assert_eq!(screen.lines().count(), h as usize, "{screen}");
        }
    }
}

/// `?` in the library shows the keys over the list (it was opened unseen,
/// and appeared over the article once one was opened).
#[test]
fn help_opens_over_the_library() {
    let post = include_str!("fixtures/pasted/substack-full.txt");
    let feed = include_str!("fixtures/formats/feed-rss.xml");
    let mut articles = load_bytes(feed.as_bytes(), "feed.xml", &[]).unwrap();
    articles.extend(load_bytes(post.as_bytes(), "post", &[]).unwrap());
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(100, 30));
    assert!(state.library.shown);
    update(&mut state, Action::ToggleHelp);
    let screen = render(&state);
    assert!(screen.contains("Keys 1–"), "{screen}");
    assert!(screen.contains("this help"), "{screen}");
    update(&mut state, Action::Cancel);
    let screen = render(&state);
    assert!(!screen.contains("Keys 1–"), "{screen}");
    assert!(screen.contains("Library"), "{screen}");
}

/// A timeline row too long for its pane ends with an ellipsis, not a word
/// cut at the border ("non-lethal militar").
#[test]
fn timeline_rows_too_long_for_the_pane_end_with_an_ellipsis() {
    let text = include_str!("fixtures/timeline/tokyo-kyiv-brief.txt");
    let articles = load_bytes(text.as_bytes(), "brief", &[bundled()]).expect("fixture loads");
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    let screen = render(&state);
    let row = screen
        .lines()
        .find(|l| l.contains("(inferred)"))
        .unwrap_or_else(|| panic!("an inferred event on screen:\n{screen}"));
    // The timeline pane is the last one on the row.
    let pane = row.trim_end_matches(['"', ' ']).trim_end_matches('│');
    let pane = pane.rsplit('│').next().unwrap().trim_end();
    assert!(
        pane.ends_with("non-lethal military") || pane.ends_with('…'),
        "{pane:?}"
    );
}

/// The bottom row as text.
fn status_row(state: &State) -> String {
    let (w, h) = state.size;
    let terminal = drawn(state);
    let buffer = terminal.backend().buffer();
    (0..w)
        .map(|x| buffer[(x, h - 1)].symbol())
        .collect::<String>()
}

/// What is typed and what gloss says stay readable on narrow terminals: the
/// percentage, focus and hints give way, and a long search shows its end.
#[test]
fn the_status_line_gives_way_to_the_prompt_and_messages() {
    let mut state = state(80, 24);
    update(&mut state, Action::Cancel);
    assert!(
        status_row(&state).contains("? help"),
        "{}",
        status_row(&state)
    );
    state.status = Some("Select a term (glossary pane, or t in the text) first".to_owned());
    let row = status_row(&state);
    assert!(
        row.contains("Select a term (glossary pane, or t in the text) first"),
        "{row}"
    );
    assert!(row.contains('%'), "the percentage stays: {row}");
    state.status = None;
    for width in [45, 30, 12] {
        update(&mut state, Action::Resize(width, 20));
        update(&mut state, Action::StartSearch);
        for c in "zzz".chars() {
            update(&mut state, Action::Input(c));
        }
        let row = status_row(&state);
        assert!(row.starts_with(" /zzz█"), "at {width} columns: {row:?}");
        update(&mut state, Action::Cancel);
    }
    update(&mut state, Action::StartSearch);
    for c in "security guarantees for Ukraine".chars() {
        update(&mut state, Action::Input(c));
    }
    let row = status_row(&state);
    assert!(
        row.contains("Ukraine█"),
        "a long search shows its end: {row:?}"
    );
    assert!(row.starts_with(" …"), "{row:?}");
}

/// The match `n` went to is drawn apart from the other matches on screen,
/// so `n` to a match already in view shows where it went.
#[test]
fn the_current_search_match_stands_out() {
    let mut state = state(120, 40);
    update(&mut state, Action::StartSearch);
    for c in "the".chars() {
        update(&mut state, Action::Input(c));
    }
    update(&mut state, Action::Submit);
    // The cells drawn in the current match's colour, and in the others'.
    let cells = |state: &State, bg: ratatui::style::Color| -> Vec<(u16, u16)> {
        let terminal = drawn(state);
        let buffer = terminal.backend().buffer().clone();
        let area = buffer.area;
        (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|&(x, y)| buffer[(x, y)].bg == bg)
            .collect()
    };
    let current = cells(&state, ratatui::style::Color::LightMagenta);
    assert_eq!(current.len(), 3, "one match of three letters: {current:?}");
    assert!(cells(&state, ratatui::style::Color::LightYellow).len() >= 3);
    update(&mut state, Action::SearchNext);
    let next = cells(&state, ratatui::style::Color::LightMagenta);
    assert_eq!(next.len(), 3);
    assert_ne!(current, next, "n moved the current match");
}

/// The text pane's top border, where the article's title is.
fn top_border(state: &State) -> String {
    // The test backend quotes each row.
    let screen = render(state);
    let row = screen.lines().next().unwrap_or_default();
    row.trim_matches('"').to_owned()
}

#[test]
fn a_title_too_long_for_the_border_ends_with_an_ellipsis() {
    let title = "Ukraine’s Sea Corridor Keeps the Grain Moving";
    let wide = top_border(&state(120, 40));
    assert!(wide.contains(&format!(" {title} ")), "{wide}");
    assert!(!wide.contains('…'), "{wide}");

    let narrow = top_border(&state(40, 20));
    assert!(narrow.starts_with("┌ Ukraine’s Sea"), "{narrow}");
    assert!(narrow.ends_with("… ┐"), "{narrow}");
    assert_eq!(
        unicode_width::UnicodeWidthStr::width(narrow.as_str()),
        40,
        "{narrow}"
    );
}

/// Over the library, the status line tells where the selection is in the
/// list and offers none of the article's pane keys, which the list refuses.
#[test]
fn the_status_line_over_the_library_counts_the_list() {
    let post = include_str!("fixtures/pasted/substack-full.txt");
    let mut articles = load_bytes(post.as_bytes(), "post", &[]).unwrap();
    let feed = include_str!("fixtures/formats/feed-rss.xml");
    articles.extend(load_bytes(feed.as_bytes(), "feed.xml", &[]).unwrap());
    let count = articles.len();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(80, 24));
    assert!(state.library.shown);
    update(&mut state, Action::Down);
    let row = status_row(&state);
    assert!(row.contains(&format!(" 2 of {count} │ Library ")), "{row}");
    // The selected article's title, not the one behind the list.
    let order = state.library.order(&state.articles).to_vec();
    let selected = state.articles[order[1]].meta.display_title().to_owned();
    assert!(row.starts_with(&format!(" {selected}")), "{row}");
    assert!(!row.contains("Tab:") && !row.contains('%'), "{row}");

    update(&mut state, Action::Activate);
    let row = status_row(&state);
    assert!(!row.contains("Library") && row.contains('%'), "{row}");
}
