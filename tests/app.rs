//! The app layer without a terminal: annotations that arrive after the first
//! frame, the library, article switching.

mod common;

use common::library_glossary_of_every_sample;
use gloss::app::library::Scope;
use gloss::app::panes::Focus;
use gloss::app::state::{NoteChange, Settings};
use gloss::app::{Action, State, keymap::Keymap, update};
use gloss::core::glossary::lexicon::bundled;
use gloss::core::load::{load_bytes, parse_bytes};
use gloss::core::model::{EventClass, TimelineEvent};

/// Every glossary mark of the current article, in text order.
fn all_marks(state: &State) -> Vec<gloss::app::state::Mark> {
    gloss::app::state::marks_in(state.article(), 0..usize::MAX)
}

const FIXTURE: &str = include_str!("fixtures/pasted/substack-full.txt");

#[test]
fn annotations_arriving_later_keep_the_reading_position() {
    let parsed = parse_bytes(FIXTURE.as_bytes(), "f").unwrap();
    let annotated = load_bytes(FIXTURE.as_bytes(), "f", &[bundled()])
        .unwrap()
        .remove(0);
    let mut state = State::new(parsed, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 20));
    update(&mut state, Action::PageDown);
    let anchor = state.reader.anchor;
    assert!(all_marks(&state).is_empty(), "no glossary yet");

    state.set_annotations(0, annotated.glossary.clone(), annotated.timeline.clone());
    assert_eq!(state.reader.anchor, anchor);
    assert!(
        !all_marks(&state).is_empty(),
        "terms are marked once the glossary arrives"
    );
    assert_eq!(state.article().timeline.len(), annotated.timeline.len());
    update(&mut state, Action::NextTerm);
    assert!(state.reader.current_mark.is_some());
}

#[test]
fn t_and_shift_t_walk_every_marked_term_in_order() {
    let mut walked = 0;
    for (name, text) in gloss::cli::sources::BUNDLED {
        let articles = load_bytes(text.as_bytes(), name, &[bundled()]).unwrap();
        let mut state = State::new(articles, Settings::default(), Keymap::default());
        update(&mut state, Action::Resize(100, 30));
        let marks = all_marks(&state);
        // One mark per start, in text order (overlapping terms: the shortest).
        assert!(
            marks
                .windows(2)
                .all(|w| (w[0].block, w[0].start) < (w[1].block, w[1].start))
        );
        if marks.is_empty() {
            continue;
        }
        walked += marks.len();

        let mut forward = Vec::new();
        for _ in 0..marks.len() {
            update(&mut state, Action::NextTerm);
            forward.push(state.reader.current_mark.expect("a term is selected"));
        }
        assert_eq!(forward, marks, "{name}: t visits every term once, in order");
        update(&mut state, Action::NextTerm);
        assert_eq!(state.reader.current_mark, marks.last().copied());
        assert_eq!(state.status.as_deref(), Some("No more terms below"));

        let mut backward = Vec::new();
        for _ in 1..marks.len() {
            update(&mut state, Action::PreviousTerm);
            backward.push(state.reader.current_mark.unwrap());
        }
        backward.reverse();
        assert_eq!(
            backward,
            marks[..marks.len() - 1],
            "{name}: T walks them back"
        );
    }
    assert!(walked > 50, "the bundled articles have terms: {walked}");
}

#[test]
fn library_opens_switches_and_remembers_positions() {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let count = articles.len();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    assert!(state.library.shown, "several articles open on the library");

    update(&mut state, Action::Down);
    update(&mut state, Action::Activate);
    assert!(!state.library.shown);
    assert_eq!(state.current, 1);
    update(&mut state, Action::PageDown);
    let left_at = state.reader.anchor;

    update(&mut state, Action::NextArticle);
    assert_eq!(state.current, 2);
    update(&mut state, Action::PreviousArticle);
    assert_eq!(state.current, 1);
    assert_eq!(
        state.reader.anchor, left_at,
        "coming back restores the place"
    );

    update(&mut state, Action::ToggleLibrary);
    assert!(state.library.shown);
    update(&mut state, Action::CycleSort);
    let order = state.library.order(&state.articles);
    assert_eq!(order.len(), count);
    let dates: Vec<_> = order
        .iter()
        .map(|&a| state.articles[a].meta.published.clone())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
}

/// Keys about the article wait while the library list hides it: a note
/// editor opened behind the list took the keys typed into it, unseen.
#[test]
fn article_keys_wait_while_the_library_is_shown() {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    assert!(state.library.shown);
    for action in [
        Action::EditNote,
        Action::ShowOutline,
        Action::ShowLinks,
        Action::OpenNote,
        Action::SetBookmark,
        Action::ListBookmarks,
        Action::NextTerm,
        Action::FocusNext,
    ] {
        update(&mut state, action.clone());
        assert!(state.library.shown, "{action:?}");
        assert!(
            state.note_editor.is_none() && state.overlay.is_none(),
            "{action:?}"
        );
        assert_eq!(
            state.status.as_deref(),
            Some("Open an article first: Enter"),
            "{action:?}"
        );
    }
    assert!(state.reader.bookmarks.is_empty());
    assert_eq!(state.focus, Focus::Text);
    // The list still moves, and an article opens.
    update(&mut state, Action::Down);
    update(&mut state, Action::Activate);
    assert!(!state.library.shown);
    assert_eq!(state.current, 1);
}

/// In the library, `/` finds articles by title, subtitle, author,
/// publication or section; `n` and `N` go to the next and previous match.
#[test]
fn searching_the_library_selects_matching_articles() {
    let titles = [
        "Harbour Pilots Strike",
        "Ice Class Rules",
        "Pilots Return to the Harbour",
    ];
    let mut articles = Vec::new();
    for title in titles {
        let text = format!("{title}\n\nA paragraph about ships and the sea.\n");
        articles.extend(load_bytes(text.as_bytes(), title, &[]).unwrap());
    }
    articles[1].meta.author = Some("Maren Solberg".to_owned());
    articles[2].meta.publication = Some("The Coastal Dispatch".to_owned());
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    assert!(state.library.shown);
    let selected_title = |state: &State| {
        let order = state.library.order(&state.articles);
        state.articles[order[state.library.selected]]
            .meta
            .display_title()
            .to_owned()
    };
    let search = |state: &mut State, query: &str| {
        update(state, Action::StartSearch);
        for c in query.chars() {
            update(state, Action::Input(c));
        }
        update(state, Action::Submit);
    };

    search(&mut state, "ice");
    assert_eq!(selected_title(&state), "Ice Class Rules");
    assert!(state.library.shown, "the library stays on screen");

    search(&mut state, "PILOTS");
    assert_eq!(selected_title(&state), "Pilots Return to the Harbour");
    update(&mut state, Action::SearchNext);
    assert_eq!(selected_title(&state), "Harbour Pilots Strike");
    update(&mut state, Action::SearchPrevious);
    assert_eq!(selected_title(&state), "Pilots Return to the Harbour");

    search(&mut state, "solberg");
    assert_eq!(selected_title(&state), "Ice Class Rules");
    search(&mut state, "dispatch");
    assert_eq!(selected_title(&state), "Pilots Return to the Harbour");

    search(&mut state, "tanker");
    assert_eq!(selected_title(&state), "Pilots Return to the Harbour");
    assert!(
        state
            .status
            .as_deref()
            .unwrap()
            .contains("No article title, author or publication")
    );
}

#[test]
fn library_scope_merges_glossaries() {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let per_article_max = articles.iter().map(|a| a.glossary.len()).max().unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::Cancel);
    update(&mut state, Action::ToggleScope);
    assert!(state.glossary_len() > per_article_max);
    assert!(
        state.library.merged_glossary.iter().any(|m| m.articles > 1),
        "some terms are shared"
    );
    // `G` and `g` reach the ends of the merged list, not of one article's.
    update(&mut state, Action::FocusNext);
    assert_eq!(state.focus, Focus::Glossary);
    update(&mut state, Action::Bottom);
    assert_eq!(state.reader.glossary_selected, state.glossary_len() - 1);
    update(&mut state, Action::Top);
    assert_eq!(state.reader.glossary_selected, 0);
}

/// The aid-only filter shows exactly the aid events, in timeline order, for
/// the article and for the library, and follows a timeline that arrives
/// later.
#[test]
fn aid_only_lists_the_aid_events() {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let shown = |state: &State| -> Vec<TimelineEvent> {
        let entries = state.timeline_entries();
        (0..entries.len())
            .map(|n| {
                let i = entries.get(n).unwrap();
                match state.library.scope {
                    Scope::Article => state.article().timeline[i].clone(),
                    Scope::Library => state.library.merged_timeline[i].event.clone(),
                }
            })
            .collect()
    };
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::Cancel);
    update(&mut state, Action::ToggleAidOnly);
    let expected: Vec<TimelineEvent> = (state.article().timeline.iter())
        .filter(|e| e.class.is_aid())
        .cloned()
        .collect();
    assert!(!expected.is_empty() && expected.len() < state.article().timeline.len());
    assert_eq!(shown(&state), expected);

    // A timeline that arrives after the article was opened: as long as the
    // first, with its first aid event no longer aid.
    let current = state.current;
    let mut later = state.article().timeline.clone();
    let first_aid = later.iter().position(|e| e.class.is_aid()).unwrap();
    later[first_aid].class = EventClass::Other;
    let glossary = state.article().glossary.clone();
    state.set_annotations(current, glossary, later);
    assert_eq!(shown(&state), expected[1..]);

    update(&mut state, Action::ToggleScope);
    let merged: Vec<TimelineEvent> = (state.library.merged_timeline.iter())
        .map(|m| m.event.clone())
        .filter(|e| e.class.is_aid())
        .collect();
    assert!(merged.len() > 1);
    assert_eq!(shown(&state), merged);
}

/// One pane at a time (80 columns): Enter on a glossary entry shows the
/// text at the occurrence, and Tab goes back to the list where it was, for
/// the next occurrence. Side by side (120 columns) the list keeps the focus.
#[test]
fn a_jump_from_a_list_shows_the_text_when_panes_take_turns() {
    let (name, text) = gloss::cli::sources::BUNDLED[0];
    let articles = load_bytes(text.as_bytes(), name, &[bundled()]).unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::FocusNext);
    let twice = state
        .article()
        .glossary
        .iter()
        .position(|e| e.occurrences.len() >= 2)
        .expect("a term used twice");
    for _ in 0..twice {
        update(&mut state, Action::Down);
    }
    update(&mut state, Action::Activate);
    assert_eq!(
        state.focus,
        Focus::Glossary,
        "wide: the text is beside the list"
    );

    update(&mut state, Action::Resize(80, 24));
    update(&mut state, Action::Activate);
    assert_eq!(state.focus, Focus::Text, "narrow: the text is shown");
    let second = state.article().glossary[twice].occurrences[1];
    assert_eq!(state.reader.highlight, Some(second));
    assert!(
        state
            .status
            .as_deref()
            .unwrap()
            .contains("Tab: back to the glossary")
    );
    update(&mut state, Action::FocusNext);
    assert_eq!(state.focus, Focus::Glossary);
    assert_eq!(
        state.reader.glossary_selected, twice,
        "the list kept its place"
    );
}

#[test]
fn outline_jumps_to_a_heading() {
    let articles = load_bytes(FIXTURE.as_bytes(), "f", &[]).unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(80, 12));
    update(&mut state, Action::ShowOutline);
    update(&mut state, Action::Down);
    update(&mut state, Action::Activate);
    assert!(state.overlay.is_none());
    let heading = state.reader.headings[1];
    let top = state.reader.visible.first().unwrap();
    assert_eq!(top.item, state.reader.layout.item_of_block(heading));
}

#[test]
fn links_list_asks_the_loop_to_open_the_selected_url() {
    let markdown = "# Notes\n\nSee [the report](https://example.org/report) and [a map](https://example.org/map).\n";
    let articles = load_bytes(markdown.as_bytes(), "notes.md", &[]).unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(100, 30));
    update(&mut state, Action::ShowLinks);
    update(&mut state, Action::Down);
    update(&mut state, Action::Activate);
    assert_eq!(state.open_url.as_deref(), Some("https://example.org/map"));
}

#[test]
fn only_web_links_are_handed_to_the_opener() {
    let refused = gloss::cli::run::open_url("file:///etc/passwd").unwrap_err();
    assert!(refused.contains("only http(s)"), "{refused}");
}

/// The reader on the first two sample articles at 120×40, the library
/// closed.
fn two_bundled_articles() -> State {
    let mut articles = Vec::new();
    for (name, text) in gloss::cli::sources::BUNDLED.iter().take(2) {
        articles.extend(load_bytes(text.as_bytes(), name, &[bundled()]).unwrap());
    }
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::Cancel);
    state
}

#[test]
fn notes_another_reader_saved_are_taken_in_and_every_glossary_rebuilt() {
    use gloss::core::glossary::lexicon::Lexicon;
    use gloss::core::model::EntrySource;
    let mut state = two_bundled_articles();
    state.set_user_note("Tokyo", "Japan's capital.");
    let version = state.notes_version;
    state.glossaries_due.clear();
    // The file held only this reader's note: nothing to do.
    state.adopt_saved_notes(state.user_notes.clone());
    assert_eq!(state.notes_version, version);
    assert!(state.glossaries_due.is_empty());
    let saved = Lexicon::parse(
        "[[entry]]\nterm = \"Nord Stream\"\ndefinition = \"Gas pipelines.\"\n\n\
         [[entry]]\nterm = \"Tokyo\"\ndefinition = \"Japan's capital.\"\n",
        EntrySource::User,
    )
    .unwrap();
    state.adopt_saved_notes(saved.clone());
    assert_eq!(state.user_notes.entries, saved.entries);
    assert!(
        state.notes_version > version,
        "older glossaries are out of date"
    );
    assert_eq!(state.glossaries_due, [0, 1]);
}

#[test]
fn a_user_note_joins_the_glossary_of_every_article() {
    let mut state = two_bundled_articles();
    // Search for a word, then write a note on the match.
    update(&mut state, Action::StartSearch);
    type_text(&mut state, "Tokyo");
    update(&mut state, Action::Submit);
    let timeline = state.article().timeline.clone();
    assert!(!timeline.is_empty());
    update(&mut state, Action::EditNote);
    assert!(state.note_editor.is_some());
    type_text(&mut state, "Japan's capital; shorthand for its government.");
    update(&mut state, Action::Submit);
    assert_eq!(
        state.notes_unsaved,
        [NoteChange {
            term: "Tokyo".to_owned(),
            text: "Japan's capital; shorthand for its government.".to_owned(),
        }],
        "the loop is asked to save the note"
    );
    assert_eq!(
        state.glossaries_due,
        vec![1],
        "the other article is rebuilt off the UI thread"
    );
    let entry = state
        .article()
        .glossary
        .iter()
        .find(|e| e.term == "Tokyo")
        .expect("note is a glossary entry");
    assert_eq!(entry.source, gloss::core::model::EntrySource::User);
    assert!(!entry.occurrences.is_empty());
    assert!(!all_marks(&state).is_empty());
    assert_eq!(
        state.article().timeline,
        timeline,
        "a note leaves the timeline"
    );

    // Empty text removes it.
    update(&mut state, Action::EditNote);
    let (_, text) = state.note_editor.clone().unwrap();
    for _ in 0..text.chars().count() {
        update(&mut state, Action::DeleteBack);
    }
    update(&mut state, Action::Submit);
    assert!(state.user_notes.entries.is_empty());
}

fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        update(state, Action::Input(c));
    }
}

/// Typed one key at a time, a space stays between words (each key used to
/// be sanitized alone, and a lone space came out empty); pasted text keeps
/// the spaces at its edges too.
#[test]
fn the_search_prompt_and_the_note_editor_keep_typed_spaces() {
    let text = "Ports\n\nA harbour wall in Riga fell. The harbour reopened.\n";
    let article = load_bytes(text.as_bytes(), "t", &[bundled()]).unwrap();
    let mut state = State::new(article, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::StartSearch);
    type_text(&mut state, "harbour  wall");
    assert_eq!(state.prompt.as_deref(), Some("harbour wall"));
    update(&mut state, Action::Submit);
    let found = state.search.current.expect("the phrase is found");
    assert_eq!(
        &state.article().blocks[found.block].text[found.start..found.end],
        "harbour wall"
    );

    update(&mut state, Action::EditNote);
    type_text(&mut state, "Where ships");
    update(&mut state, Action::Paste(" shelter, ".to_owned()));
    update(&mut state, Action::Paste("mostly".to_owned()));
    assert_eq!(
        state.note_editor.as_ref().map(|(_, t)| t.as_str()),
        Some("Where ships shelter, mostly")
    );
    update(&mut state, Action::Input(' '));
    update(&mut state, Action::Submit);
    assert_eq!(
        state.user_notes.entries[0].definition, "Where ships shelter, mostly",
        "the ends are trimmed when the note is saved"
    );
}

/// What the event loop's glossary thread does with `state.glossaries_due`.
fn rebuilt_glossary(state: &State, index: usize) -> Vec<gloss::core::model::GlossaryEntry> {
    gloss::core::glossary::build(
        &state.articles[index].blocks,
        &[bundled(), &state.user_notes],
    )
}

fn has_user_entry(state: &State, term: &str) -> bool {
    state
        .article()
        .glossary
        .iter()
        .any(|e| e.term == term && e.source == gloss::core::model::EntrySource::User)
}

/// On a large document a note does not rebuild the glossary on the UI
/// thread (seconds at 100 MB): the loop is asked to, and what comes back is
/// installed only if nothing made it out of date meanwhile.
#[test]
fn a_note_on_a_large_document_is_applied_off_the_ui_thread() {
    let text = gloss::eval::synth::generate(400_000, gloss::eval::synth::SynthFormat::Text);
    let article = load_bytes(text.as_bytes(), "big", &[bundled()])
        .unwrap()
        .remove(0);
    let mut state = State::new(vec![article], Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    state.set_user_note("Estonia", "A Baltic state.");
    assert!(
        !has_user_entry(&state, "Estonia"),
        "not built on the UI thread"
    );
    assert_eq!(state.glossaries_due, vec![0]);
    let first_version = state.notes_version;
    let built = rebuilt_glossary(&state, 0);

    // A second note before the first rebuild arrives: the first is stale.
    state.set_user_note("Finland", "A Nordic state.");
    let blocks = state.article().blocks.clone();
    state.set_glossary(0, first_version, &blocks, built);
    assert!(!has_user_entry(&state, "Estonia"), "built with older notes");

    // Built for other blocks (the article was replaced): not installed.
    let other_blocks = std::sync::Arc::new(blocks.as_ref().clone());
    let built = rebuilt_glossary(&state, 0);
    state.set_glossary(0, state.notes_version, &other_blocks, built);
    assert!(!has_user_entry(&state, "Estonia"));

    let built = rebuilt_glossary(&state, 0);
    state.set_glossary(0, state.notes_version, &blocks, built);
    assert!(has_user_entry(&state, "Estonia") && has_user_entry(&state, "Finland"));
}

/// The first annotations are built with the notes the reader started with:
/// arriving after a note was written, their glossary is rebuilt again.
#[test]
fn annotations_built_before_a_note_are_rebuilt_with_it() {
    let (name, text) = gloss::cli::sources::BUNDLED[0];
    let annotated = load_bytes(text.as_bytes(), name, &[bundled()])
        .unwrap()
        .remove(0);
    let parsed = parse_bytes(text.as_bytes(), name).unwrap();
    let mut state = State::new(parsed, Settings::default(), Keymap::default());
    state.annotated = 0;
    state.set_annotations(0, annotated.glossary.clone(), annotated.timeline.clone());
    assert!(state.glossaries_due.is_empty(), "no note yet: up to date");
    state.set_user_note("Tokyo", "Japan's capital.");
    state.glossaries_due.clear();
    state.set_annotations(0, annotated.glossary, annotated.timeline);
    assert_eq!(state.glossaries_due, vec![0]);
}

#[test]
fn a_large_document_shown_from_its_beginning_keeps_the_place_when_whole() {
    let text = gloss::eval::synth::generate(600_000, gloss::eval::synth::SynthFormat::Text);
    let cut = text[..200_000].rfind("\n\n").unwrap() + 1;
    let mut preview = parse_bytes(&text.as_bytes()[..cut], "big").unwrap();
    preview[0].meta.notices.push("loading the rest…".to_owned());
    let whole = parse_bytes(text.as_bytes(), "big").unwrap().remove(0);
    let mut state = State::new(preview, Settings::default(), Keymap::default());
    state.loading = 1;
    update(&mut state, Action::Resize(120, 40));
    for _ in 0..5 {
        update(&mut state, Action::PageDown);
    }
    let top_text = |s: &State| {
        let row = s.reader.visible.first().copied().unwrap();
        let lines = s.reader.layout.cached_lines(row.item).unwrap();
        let line = lines[row.line.unwrap()];
        s.reader
            .layout
            .text(s.article(), row.item, gloss::core::layout::Part::Text)
            [line.range.start as usize..line.range.end as usize]
            .to_owned()
    };
    let before = top_text(&state);
    let preview_blocks = state.article().blocks.len();
    state.replace_article(0, whole);
    assert_eq!(state.loading, 0);
    assert!(state.article().blocks.len() > preview_blocks);
    assert_eq!(top_text(&state), before, "the same line stays at the top");
    update(&mut state, Action::Bottom);
    assert!(state.reader.visible.last().unwrap().item + 1 >= state.reader.layout.item_count());
}

/// A state showing the first part of a document, as the reader does while
/// the rest loads, and the whole document.
fn loading_state() -> (State, gloss::core::model::Article) {
    let text = gloss::eval::synth::generate(600_000, gloss::eval::synth::SynthFormat::Text);
    let cut = text[..100_000].rfind("\n\n").unwrap() + 1;
    let mut preview = parse_bytes(&text.as_bytes()[..cut], "big").unwrap();
    // As the reader marks a document shown from its beginning.
    preview[0]
        .meta
        .notices
        .push("loading the rest of this 585 KB document…".to_owned());
    let whole = parse_bytes(text.as_bytes(), "big").unwrap().remove(0);
    let mut state = State::new(preview, Settings::default(), Keymap::default());
    state.loading = 1;
    update(&mut state, Action::Resize(120, 40));
    (state, whole)
}

fn at_the_end(state: &State) -> bool {
    state.reader.visible.last().unwrap().item + 1 >= state.reader.layout.item_count()
}

#[test]
fn bottom_while_loading_goes_to_the_real_end_once_loaded() {
    let (mut state, whole) = loading_state();
    update(&mut state, Action::Bottom);
    assert!(at_the_end(&state), "at the end of the part shown");
    assert!(state.status.as_deref().unwrap_or("").contains("real end"));
    state.replace_article(0, whole);
    assert!(at_the_end(&state), "at the end of the whole document");
}

#[test]
fn a_failed_load_keeps_the_beginning_and_says_why() {
    let (mut state, _) = loading_state();
    let blocks = state.article().blocks.len();
    state.loading_failed(0, "No such file or directory");
    assert_eq!(state.loading, 0);
    assert_eq!(state.article().blocks.len(), blocks);
    let notices = &state.article().meta.notices;
    assert!(!notices.iter().any(|n| n.starts_with("loading the rest")));
    assert!(notices.iter().any(|n| n.contains("No such file")));
    assert!(
        state
            .status
            .as_deref()
            .unwrap()
            .contains("only the beginning")
    );
}

#[test]
fn another_key_after_bottom_cancels_the_jump() {
    let (mut state, whole) = loading_state();
    update(&mut state, Action::Bottom);
    update(&mut state, Action::Top);
    state.replace_article(0, whole);
    assert!(!at_the_end(&state));
    assert_eq!(state.reader.anchor.item, 0);
}

/// The reader starts from a state laid out for its terminal; it must be
/// the state a default one resized to that terminal would be.
#[test]
fn a_state_made_for_a_size_is_a_default_state_resized() {
    for (columns, rows) in [(120, 40), (80, 24), (60, 10), (200, 60)] {
        let parsed = || parse_bytes(FIXTURE.as_bytes(), "f").unwrap();
        let mut resized = State::new(parsed(), Settings::default(), Keymap::default());
        update(&mut resized, Action::Resize(columns, rows));
        let sized = State::with_size(
            parsed(),
            Settings::default(),
            Keymap::default(),
            (columns, rows),
        );
        assert_eq!(sized.size, (columns, rows));
        assert_eq!(sized.text_viewport(), resized.text_viewport());
        assert_eq!(sized.reader.layout.width(), resized.reader.layout.width());
        assert_eq!(
            sized.reader.visible, resized.reader.visible,
            "{columns}x{rows}"
        );
    }
}

/// A post pasted without blank lines is one block: progress grows through
/// it page by page, and reaches 100 (the article counts as read) only when
/// its last line is on screen.
#[test]
fn progress_runs_through_a_single_long_paragraph() {
    let sentence = "Tokyo weighed how far its support for Kyiv could go without troops. ";
    let text = format!("One Long Paragraph\n\n{}\n", sentence.repeat(150));
    let articles = load_bytes(text.as_bytes(), "one.txt", &[]).unwrap();
    assert_eq!(articles[0].blocks.len(), 1, "{:?}", articles[0].blocks);
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(80, 24));
    update(&mut state, Action::Cancel);
    let mut seen = vec![state.progress()];
    assert!(seen[0] < 100 && !state.reader.seen_end);
    for _ in 0..4 {
        update(&mut state, Action::PageDown);
        seen.push(state.progress());
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert!(
        *seen.last().unwrap() < 100 && !state.reader.seen_end,
        "{seen:?}"
    );
    update(&mut state, Action::Bottom);
    assert_eq!(state.progress(), 100);
    assert!(state.reader.seen_end);
}

/// After a note is saved on the term under the focus, the focus stays on
/// that term: `e` opens the note just written.
#[test]
fn the_term_under_the_focus_survives_its_note() {
    let mut state = two_bundled_articles();
    update(&mut state, Action::NextTerm);
    let mark = state.reader.current_mark.expect("t selects a term");
    let term = state.article().glossary[mark.entry as usize].term.clone();
    update(&mut state, Action::EditNote);
    type_text(&mut state, "My own words.");
    update(&mut state, Action::Submit);
    assert!(state.note_editor.is_none());
    let after = state.reader.current_mark.expect("still on the term");
    assert_eq!((after.block, after.start), (mark.block, mark.start));
    assert_eq!(state.article().glossary[after.entry as usize].term, term);
    update(&mut state, Action::EditNote);
    assert_eq!(
        state.note_editor,
        Some((term, "My own words.".to_owned())),
        "e edits the note just written"
    );
}

/// Resizing while a note is being written lays the text out for the new
/// size and keeps the editor open with what was typed.
#[test]
fn a_resize_reaches_the_text_behind_the_note_editor() {
    let mut state = two_bundled_articles();
    update(&mut state, Action::NextTerm);
    update(&mut state, Action::EditNote);
    type_text(&mut state, "half a note");
    update(&mut state, Action::Resize(60, 20));
    assert_eq!(state.size, (60, 20));
    assert_eq!(
        state.note_editor.as_ref().map(|(_, text)| text.as_str()),
        Some("half a note")
    );
}

/// With the library shown, the wheel moves through its list and leaves the
/// article hidden behind it where it was.
#[test]
fn the_wheel_over_the_library_moves_its_selection() {
    let mut state = two_bundled_articles();
    update(&mut state, Action::ToggleLibrary);
    assert!(state.library.shown);
    let anchor = state.reader.anchor;
    let selected = state.library.selected;
    let wheel = |lines| Action::Wheel {
        column: 10,
        row: 5,
        lines,
    };
    update(&mut state, wheel(3));
    assert_eq!(state.library.selected, selected + 1, "clamped to the list");
    assert_eq!(state.reader.anchor, anchor, "the article did not scroll");
    update(&mut state, wheel(-3));
    assert_eq!(state.library.selected, 0);
}

/// Enter on a merged glossary entry walks its occurrences across articles:
/// opening another article keeps the entry selected.
#[test]
fn merged_glossary_enter_goes_on_across_articles() {
    let mut state = library_glossary_of_every_sample();
    let merged = &state.library.merged_glossary;
    let shared = merged.iter().position(|m| m.articles > 1).unwrap();
    for _ in 0..shared {
        update(&mut state, Action::Down);
    }
    let count = state.library.merged_glossary[shared].sources.len();
    let mut articles_seen = Vec::new();
    for _ in 0..count {
        update(&mut state, Action::Activate);
        state.focus = Focus::Glossary;
        assert_eq!(state.reader.glossary_selected, shared);
        articles_seen.push(state.current);
    }
    articles_seen.dedup();
    assert!(articles_seen.len() > 1, "{articles_seen:?}");
}

/// The library list opens on top of the first article: laid out behind the
/// list, a short article is not thereby read.
#[test]
fn an_article_behind_the_library_list_is_not_read_until_opened() {
    let mut articles = Vec::new();
    for name in ["one.txt", "two.txt"] {
        let text = format!("Short {name}\n\nA paragraph that fits on any screen.\n");
        articles.extend(load_bytes(text.as_bytes(), name, &[]).unwrap());
    }
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(100, 30));
    assert!(state.library.shown);
    assert_eq!(state.current, 0);
    assert_eq!(state.library.read, [false, false]);
    assert_eq!(state.library.progress, [0, 0]);
    assert!(!state.reader.seen_end);
    update(&mut state, Action::Activate);
    assert!(!state.library.shown);
    assert_eq!(state.library.read, [true, false], "all of it is on screen");
    assert_eq!(state.library.progress[0], 100);
}

/// The status line says which match is shown, of how many, with the query
/// as typed (matched in any case); `n` past the last match and `N` before
/// the first go round, and it says so; a query with no match says that
/// instead.
#[test]
fn searching_past_the_last_match_goes_round_and_says_so() {
    let text = "Ports\n\nThe harbour at Riga froze in January.\n\n\
        Ships waited outside for a week.\n\nBy March the harbour was open again.\n";
    let article = load_bytes(text.as_bytes(), "t", &[bundled()]).unwrap();
    let mut state = State::new(article, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::StartSearch);
    type_text(&mut state, "Harbour");
    update(&mut state, Action::Submit);
    let at = |state: &State| {
        let m = state.search.current.expect("a match");
        (m.block, state.status.clone().unwrap_or_default())
    };
    let (first, status) = at(&state);
    assert_eq!(status, "/Harbour — 1 of 2");
    update(&mut state, Action::SearchNext);
    let (second, status) = at(&state);
    assert!(second > first);
    assert_eq!(status, "/Harbour — 2 of 2");
    update(&mut state, Action::SearchNext);
    assert_eq!(
        at(&state),
        (
            first,
            "/Harbour — 1 of 2 — search went round to the top".to_owned()
        )
    );
    update(&mut state, Action::SearchPrevious);
    assert_eq!(
        at(&state),
        (
            second,
            "/Harbour — 2 of 2 — search went round to the end".to_owned()
        )
    );
    update(&mut state, Action::SearchPrevious);
    assert_eq!(at(&state), (first, "/Harbour — 1 of 2".to_owned()));

    update(&mut state, Action::StartSearch);
    type_text(&mut state, "icebreaker");
    update(&mut state, Action::Submit);
    assert_eq!(state.status.as_deref(), Some("Not found: icebreaker"));
}

/// The library's order is kept between keys, yet follows the articles: a
/// file read in the background takes its place by its own title, and a
/// file not yet read sorts by the name the row shows.
#[test]
fn the_library_order_follows_articles_that_change() {
    let note = |title: &str| {
        let text = format!("# {title}\n\nA note about the harbour and its cranes.\n");
        parse_bytes(text.as_bytes(), &format!("{title}.md"))
            .unwrap()
            .remove(0)
    };
    let mut unread = gloss::core::model::Article::default();
    unread.meta.source = Some("notes/zulu.md".to_owned());
    unread
        .meta
        .notices
        .push(gloss::app::state::STILL_BEING_READ.to_owned());
    let articles = vec![note("Charlie"), note("alpha"), unread, note("Bravo")];
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(100, 30));
    update(&mut state, Action::CycleSort);
    update(&mut state, Action::CycleSort);
    let order = |state: &State| state.library.order(&state.articles).into_owned();
    assert_eq!(order(&state), vec![1, 3, 0, 2]);
    state.replace_article(0, note("Aardvark"));
    assert_eq!(order(&state), vec![0, 1, 3, 2]);
    update(&mut state, Action::Down);
    assert_eq!(order(&state), vec![0, 1, 3, 2]);
    let screen = {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        terminal
            .draw(|f| f.render_widget(&state, f.area()))
            .unwrap();
        terminal.backend().to_string()
    };
    let rows: Vec<&str> = ["Aardvark", "alpha", "Bravo", "zulu.md"]
        .into_iter()
        .map(|t| {
            screen
                .lines()
                .find(|l| l.contains(t))
                .unwrap_or_else(|| panic!("{t} not in\n{screen}"))
        })
        .collect();
    let at = |row: &str| screen.lines().position(|l| l == row).unwrap();
    assert!(rows.windows(2).all(|w| at(w[0]) < at(w[1])), "{screen}");
    // The file not yet read says so in its row.
    assert!(rows[3].contains("still being read"), "{}", rows[3]);
}

/// A long article's matches are not counted at every `n`: the status line
/// shows the query alone.
#[test]
fn a_long_article_shows_the_query_without_a_count() {
    let text = gloss::eval::synth::generate(600_000, gloss::eval::synth::SynthFormat::Text);
    let article = parse_bytes(text.as_bytes(), "long").unwrap();
    let mut state = State::new(article, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    update(&mut state, Action::StartSearch);
    type_text(&mut state, "the");
    update(&mut state, Action::Submit);
    assert!(state.search.current.is_some());
    assert_eq!(state.status.as_deref(), Some("/the"));
}

/// The fixture read at 120×40: text, glossary and timeline side by side,
/// every line justified that can be.
fn wide_state() -> State {
    let articles = load_bytes(FIXTURE.as_bytes(), "f", &[bundled()]).unwrap();
    let settings = Settings {
        justify: true,
        ..Settings::default()
    };
    let mut state = State::new(articles, settings, Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    state
}

/// The symbol drawn at each cell of one frame of `state`.
fn cells(state: &State) -> ratatui::buffer::Buffer {
    let (w, h) = state.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| f.render_widget(state, f.area())).unwrap();
    terminal.backend().buffer().clone()
}

/// A click finds the character drawn in the cell clicked, on every cell
/// with a letter: past prefixes ("▣ ", "┃ ", bullets), the centred measure
/// and the spaces justification widens.
#[test]
fn a_click_in_the_text_finds_the_character_drawn_there() {
    use gloss::app::click::text_position_at;
    let mut state = wide_state();
    let mut checked = 0;
    for _ in 0..4 {
        let buffer = cells(&state);
        for row in 0..state.size.1 {
            for column in 0..state.size.0 {
                let symbol = buffer[(column, row)].symbol();
                let Some(place) = text_position_at(&state, column, row) else {
                    continue;
                };
                let (block, at) = (place.block, place.at);
                let text = &state.article().blocks[block].text;
                let drawn = text[at..].chars().next().unwrap().to_string();
                if drawn != " " {
                    assert_eq!(symbol, drawn, "cell {column},{row}");
                    checked += 1;
                }
            }
        }
        update(&mut state, Action::PageDown);
    }
    assert!(checked > 2000, "{checked} cells checked");
}

/// The cell of the first letter of a glossary term on screen, and the term's entry.
fn term_cell(state: &State) -> (u16, u16, u32) {
    use gloss::app::click::text_position_at;
    let marks = all_marks(state);
    for row in 0..state.size.1 {
        for column in 0..state.size.0 {
            if let Some(place) = text_position_at(state, column, row)
                && let Some(m) = marks
                    .iter()
                    .find(|m| m.block as usize == place.block && m.start as usize == place.at)
            {
                return (column, row, m.entry);
            }
        }
    }
    panic!("no term on screen");
}

#[test]
fn clicking_a_term_opens_its_note_and_a_click_closes_it() {
    let mut state = wide_state();
    update(&mut state, Action::FocusNext);
    let (column, row, entry) = term_cell(&state);
    update(&mut state, Action::Click { column, row });
    assert_eq!(state.focus, Focus::Text);
    assert_eq!(
        state.overlay,
        Some(gloss::app::state::Overlay::Note(entry as usize))
    );
    assert_eq!(state.reader.current_mark.map(|m| m.entry), Some(entry));
    update(&mut state, Action::Click { column: 0, row: 0 });
    assert_eq!(state.overlay, None);
    // Clicking plain text opens nothing.
    update(&mut state, Action::Click { column: 3, row: 1 });
    assert_eq!(state.overlay, None);
}

/// The screen row where `needle` is drawn inside the pane starting at `x`.
fn row_of(state: &State, x: u16, needle: &str) -> u16 {
    let buffer = cells(state);
    (0..state.size.1)
        .find(|&y| {
            let line: String = (x..state.size.0)
                .map(|c| buffer[(c, y)].symbol().to_owned())
                .collect();
            line.contains(needle)
        })
        .unwrap_or_else(|| panic!("{needle:?} is not on screen"))
}

#[test]
fn a_list_entry_clicked_is_selected_and_clicked_again_followed() {
    let mut state = wide_state();
    let panes = state.panes();
    let glossary = panes.glossary.unwrap();
    let second = state.article().glossary[1].term.clone();
    let row = row_of(&state, glossary.x, &second);
    let column = glossary.x + 3;
    update(&mut state, Action::Click { column, row });
    assert_eq!(state.focus, Focus::Glossary);
    assert_eq!(state.reader.glossary_selected, 1);
    assert_eq!(state.reader.highlight, None, "one click only selects");
    // Its definition row is the same entry's.
    update(
        &mut state,
        Action::Click {
            column,
            row: row + 1,
        },
    );
    let occurrence = state.article().glossary[1].occurrences[0];
    assert_eq!(state.reader.highlight, Some(occurrence));

    // Date rows start two columns in (labels four, year headings none):
    // the second one on screen is the second entry's.
    let timeline = panes.timeline.unwrap();
    let buffer = cells(&state);
    let row = (timeline.y + 1..timeline.y + timeline.height - 1)
        .filter(|&y| {
            let line: String = (timeline.x + 1..timeline.x + timeline.width - 1)
                .map(|c| buffer[(c, y)].symbol().to_owned())
                .collect();
            line.starts_with("  ") && !line.starts_with("   ")
        })
        .nth(1)
        .expect("a second entry on screen");
    let event = state.article().timeline[state.timeline_entries().get(1).unwrap()].clone();
    update(
        &mut state,
        Action::Click {
            column: timeline.x + 3,
            row,
        },
    );
    assert_eq!(state.focus, Focus::Timeline);
    assert_eq!(state.reader.timeline_selected, 1);
    update(
        &mut state,
        Action::Click {
            column: timeline.x + 3,
            row,
        },
    );
    assert_eq!(state.reader.highlight, Some(event.source));
}

#[test]
fn a_library_row_clicked_is_selected_and_clicked_again_opened() {
    let mut state = two_bundled_articles();
    update(&mut state, Action::ToggleLibrary);
    assert!(state.library.shown);
    let order = state.library.order(&state.articles).to_vec();
    // Row 0 is the border; rows 1 and 2 the two articles.
    update(&mut state, Action::Click { column: 5, row: 2 });
    assert!(state.library.shown);
    assert_eq!(state.library.selected, 1);
    update(&mut state, Action::Click { column: 5, row: 2 });
    assert!(!state.library.shown);
    assert_eq!(state.current, order[1]);
}

/// A click on a word that is no glossary term selects it as a search
/// match is selected: `e` then writes a note on that word.
#[test]
fn clicking_a_plain_word_selects_it_for_a_note_of_ones_own() {
    use gloss::app::click::text_position_at;
    let mut state = wide_state();
    let marks = all_marks(&state);
    let text_of = |state: &State, block: usize| state.article().blocks[block].text.clone();
    // The first cell on a letter of a long enough word outside every term.
    let (column, row, block, word) = (0..state.size.1)
        .flat_map(|row| (0..state.size.0).map(move |column| (column, row)))
        .find_map(|(column, row)| {
            let place = text_position_at(&state, column, row)?;
            let text = text_of(&state, place.block);
            let is_letter = |c: char| c.is_alphabetic();
            let start = text[..place.at]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_letter(c))
                .last()
                .map_or(place.at, |(i, _)| i);
            let end = text[place.at..]
                .char_indices()
                .find(|&(_, c)| !is_letter(c))
                .map_or(text.len(), |(i, _)| place.at + i);
            let inside_term = marks.iter().any(|m| {
                m.block as usize == place.block
                    && (m.start as usize) < end
                    && start < m.end as usize
            });
            (end - start >= 6 && !inside_term).then_some((column, row, place.block, start..end))
        })
        .expect("a plain word on screen");
    let expected = text_of(&state, block)[word.clone()].to_owned();
    // A term chosen before (with t) gives way to the word clicked.
    state.reader.current_mark = marks.first().copied();
    update(&mut state, Action::Click { column, row });
    let current = state.search.current.expect("the word is selected");
    assert_eq!((current.block, current.start..current.end), (block, word));
    assert_eq!(state.search.typed, expected);
    update(&mut state, Action::EditNote);
    assert_eq!(
        state.note_editor.as_ref().map(|(term, _)| term.as_str()),
        Some(expected.as_str())
    );
}

/// The outline popup answers clicks as the lists do: a heading clicked is
/// selected, clicked again jumped to; a click beside the popup closes it.
#[test]
fn a_heading_clicked_in_the_outline_is_selected_then_jumped_to() {
    let mut state = wide_state();
    update(&mut state, Action::ShowOutline);
    assert!(state.reader.headings.len() >= 2);
    let heading = state.reader.headings[1];
    let text = state.article().blocks[heading].text.to_string();
    let buffer = cells(&state);
    let (column, row) = (0..state.size.1)
        .find_map(|y| {
            let line: String = (0..state.size.0)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            let at = line.find(&text)?;
            Some((line[..at].chars().count() as u16, y))
        })
        .expect("the second heading is in the popup");
    update(&mut state, Action::Click { column, row });
    assert_eq!(state.overlay, Some(gloss::app::state::Overlay::Outline(1)));
    // The jump the keys make from the same place.
    let mut by_keys = state.clone();
    update(&mut by_keys, Action::Activate);
    update(&mut state, Action::Click { column, row });
    assert_eq!(state.overlay, None);
    assert_eq!(state.reader.anchor, by_keys.reader.anchor);
    assert!(
        state
            .reader
            .visible
            .iter()
            .any(|r| r.item == state.reader.layout.item_of_block(heading))
    );

    update(&mut state, Action::ShowOutline);
    update(&mut state, Action::Click { column: 0, row: 0 });
    assert_eq!(state.overlay, None, "a click beside the popup closes it");
}

/// The text pane's scrollbar, clicked or dragged, moves the view to the
/// same share of the document: its top to the top, its bottom to the end.
#[test]
fn the_scrollbar_clicked_or_dragged_moves_the_view() {
    // Two hundred paragraphs: many screens, so the middle of the bar is
    // not held back by the end.
    let mut text = String::from("A Long Read\n\n");
    for i in 0..200 {
        text.push_str(&format!(
            "Paragraph {i} goes on about the matter at hand for long enough to wrap.\n\n"
        ));
    }
    let articles = load_bytes(text.as_bytes(), "long.txt", &[]).unwrap();
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(120, 40));
    let pane = state.panes().text.unwrap();
    let bar = pane.x + pane.width - 1;
    let (top, bottom) = (pane.y + 1, pane.y + pane.height - 2);

    let mut at_end = state.clone();
    update(&mut at_end, Action::Bottom);
    update(
        &mut state,
        Action::Click {
            column: bar,
            row: bottom,
        },
    );
    assert_eq!(state.reader.anchor, at_end.reader.anchor);
    assert_eq!(state.progress(), 100);

    update(
        &mut state,
        Action::Drag {
            column: bar,
            row: top,
        },
    );
    assert_eq!(state.reader.anchor.item, 0);

    // Halfway down the bar, about halfway through the blocks.
    update(
        &mut state,
        Action::Drag {
            column: bar,
            row: (top + bottom) / 2,
        },
    );
    let count = state.reader.layout.item_count();
    let item = state.reader.anchor.item;
    assert!(
        item * 4 > count && item * 4 < count * 3,
        "{item} of {count}"
    );

    // A drag elsewhere moves nothing; a click on the text is no scroll.
    let anchor = state.reader.anchor;
    update(&mut state, Action::Drag { column: 5, row: 5 });
    update(&mut state, Action::Click { column: 5, row: 5 });
    assert_eq!(state.reader.anchor, anchor);
}
