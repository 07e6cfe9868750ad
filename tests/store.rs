//! The reading-state file: round trips, corrupt files moved aside, two
//! writers merging, crashes mid-save, unwritable directories, and restoring a
//! position and bookmarks in the reader. Every test uses its own temporary
//! directory; nothing touches the real home.

use gloss::app::state::{Bookmark, Overlay, Position, Settings};
use gloss::app::{Action, State, keymap::Keymap, update};
use gloss::cli::store::{self, ArticleRecord, Persistence, STATE_FILE, Store};
use gloss::core::load::load_bytes;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh, empty directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    // Under target/tmp, one folder per test, emptied at the start of each run:
    // nothing accumulates in the system's temporary directory.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("store-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn record(title: &str, block: usize) -> ArticleRecord {
    ArticleRecord {
        title: Some(title.to_owned()),
        position: Position { block, offset: 7 },
        progress: 42,
        bookmarks: vec![Bookmark {
            block: 1,
            offset: 0,
            label: "Second paragraph".to_owned(),
        }],
        ..ArticleRecord::default()
    }
}

fn corrupt_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect()
}

#[test]
fn round_trip() {
    let dir = temp_dir("round-trip");
    let store = Store::new(&dir);
    let records = BTreeMap::from([("00000000000000aa".to_owned(), record("A", 3))]);
    assert_eq!(store.save(&records).unwrap(), None);
    let (file, message) = store.load();
    assert_eq!(message, None);
    let saved = &file.articles["00000000000000aa"];
    assert!(saved.last_read.as_deref().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(
        ArticleRecord {
            last_read: None,
            ..saved.clone()
        },
        records["00000000000000aa"]
    );
    // The file is the documented JSON shape.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join(STATE_FILE)).unwrap()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(
        json["articles"]["00000000000000aa"]["position"]["offset"],
        7
    );
    // No temporary files left behind.
    let names: Vec<_> = fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 2, "state.json and state.lock only");
}

#[test]
fn missing_file_is_silent_defaults() {
    let dir = temp_dir("missing");
    let (file, message) = Store::new(dir.join("not-yet")).load();
    assert!(file.articles.is_empty());
    assert_eq!(message, None);
    // Reading leaves no trace: no directory, no lock file (the first screen
    // does not wait on the file system, nor on another gloss's save).
    assert!(!dir.join("not-yet").exists());
}

#[test]
fn each_kind_of_corruption_is_moved_aside() {
    let kinds: &[(&str, &[u8])] = &[
        ("empty", b""),
        (
            "truncated",
            b"{\"version\": 1, \"articles\": {\"ab\": {\"tit",
        ),
        ("not JSON", b"\x00\x01 this is not json"),
        ("unknown version", b"{\"version\": 99, \"articles\": {}}"),
        ("wrong shape", b"{\"version\": 1, \"articles\": [1, 2]}"),
    ];
    for (i, (kind, bytes)) in kinds.iter().enumerate() {
        let dir = temp_dir(&format!("corrupt-{i}"));
        fs::write(dir.join(STATE_FILE), bytes).unwrap();
        let store = Store::new(&dir);
        let (file, message) = store.load();
        assert!(file.articles.is_empty(), "{kind}");
        let message = message.unwrap_or_else(|| panic!("{kind}: no message"));
        assert!(message.contains("moved it to"), "{kind}: {message}");
        assert!(!dir.join(STATE_FILE).exists(), "{kind}");
        let aside = corrupt_files(&dir);
        assert_eq!(aside.len(), 1, "{kind}: {aside:?}");
        // The bad bytes are kept, not destroyed.
        assert_eq!(fs::read(dir.join(&aside[0])).unwrap(), *bytes, "{kind}");
        // And saving afterwards works from a clean file.
        let records = BTreeMap::from([("k".to_owned(), record("A", 0))]);
        store.save(&records).unwrap();
        assert_eq!(store.load().0.articles.len(), 1, "{kind}");
    }
}

#[test]
fn a_corrupt_file_found_while_saving_is_moved_aside_too() {
    let dir = temp_dir("corrupt-on-save");
    fs::write(dir.join(STATE_FILE), b"{").unwrap();
    let records = BTreeMap::from([("k".to_owned(), record("A", 0))]);
    let note = Store::new(&dir).save(&records).unwrap();
    assert!(note.is_some_and(|n| n.contains("truncated")));
    assert_eq!(corrupt_files(&dir).len(), 1);
    assert_eq!(Store::new(&dir).load().0.articles.len(), 1);
}

#[test]
fn two_writers_keep_each_others_articles() {
    let dir = temp_dir("two-writers");
    let (a, b) = (Store::new(&dir), Store::new(&dir));
    for round in 0..5 {
        a.save(&BTreeMap::from([("aaaa".to_owned(), record("A", round))]))
            .unwrap();
        b.save(&BTreeMap::from([("bbbb".to_owned(), record("B", round))]))
            .unwrap();
    }
    let (file, _) = a.load();
    assert_eq!(file.articles["aaaa"].position.block, 4);
    assert_eq!(file.articles["bbbb"].position.block, 4);
}

#[test]
fn read_stays_read_when_another_instance_saves_unread() {
    let dir = temp_dir("read-merge");
    let store = Store::new(&dir);
    let read = ArticleRecord {
        read: true,
        ..record("A", 9)
    };
    store
        .save(&BTreeMap::from([("k".to_owned(), read)]))
        .unwrap();
    store
        .save(&BTreeMap::from([("k".to_owned(), record("A", 2))]))
        .unwrap();
    let saved = &store.load().0.articles["k"];
    assert!(saved.read);
    assert_eq!(saved.position.block, 2);
}

#[test]
fn writers_in_threads_lose_nothing() {
    let dir = temp_dir("threads");
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let store = Store::new(dir);
                for i in 0..10 {
                    let key = format!("t{t}-{i}");
                    store
                        .save(&BTreeMap::from([(key, record("T", i))]))
                        .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(Store::new(&dir).load().0.articles.len(), 40);
}

#[test]
fn killed_mid_save_leaves_a_file_that_parses() {
    let dir = temp_dir("crash");
    let mut completed = 0;
    for i in 0..30u64 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
            .arg("__save-loop")
            .arg(&dir)
            .env("GLOSS_STATE_DIR", &dir)
            .spawn()
            .expect("the binary starts");
        // Varying, arbitrary delays: where the kill lands is what varies.
        std::thread::sleep(Duration::from_millis(1 + (i * 37) % 41));
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        match fs::read(dir.join(STATE_FILE)) {
            Ok(bytes) => {
                store::parse(&bytes).unwrap_or_else(|e| {
                    panic!(
                        "iteration {i}: state file is {e}: {:?}",
                        String::from_utf8_lossy(&bytes)
                    )
                });
                completed += 1;
            }
            // Killed before its first save finished: no file yet is fine.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("iteration {i}: {e}"),
        }
    }
    assert!(corrupt_files(&dir).is_empty());
    // Stray temporary files from killed writers do not stop a later save.
    let records = BTreeMap::from([("k".to_owned(), record("A", 0))]);
    Store::new(&dir).save(&records).unwrap();
    eprintln!("{completed} of 30 iterations had a state file");
}

#[test]
fn hidden_stress_command_is_not_in_help() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("save-loop"));
}

/// True if the directory really refuses writes (root ignores permissions).
fn unwritable(dir: &Path) -> bool {
    let probe = dir.join("probe");
    match fs::write(&probe, b"x") {
        Ok(()) => {
            let _ = fs::remove_file(probe);
            false
        }
        Err(_) => true,
    }
}

#[cfg(unix)]
#[test]
fn read_only_directory_gives_a_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("read-only");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    if !unwritable(&dir) {
        eprintln!("skipped: permissions are not enforced for this user (root?)");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let (mut persistence, message) = Persistence::open(Some(Store::new(&dir)));
    assert_eq!(message, None);
    let mut state = reader_state();
    persistence.after_update(&mut state, Instant::now());
    update(&mut state, Action::PageDown);
    let message = persistence.finish(&state).expect("a message");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        message.starts_with("Cannot save reading state"),
        "{message}"
    );
}

#[test]
fn unusable_state_dir_gives_a_message_not_a_panic() {
    // A state "directory" that is a file: fails for root too.
    let dir = temp_dir("file-as-dir");
    let file = dir.join("plain-file");
    fs::write(&file, b"").unwrap();
    let (mut persistence, _) = Persistence::open(Some(Store::new(&file)));
    let mut state = reader_state();
    let now = Instant::now();
    persistence.after_update(&mut state, now);
    update(&mut state, Action::PageDown);
    assert_eq!(persistence.after_update(&mut state, now), None);
    let later = now + Persistence::DEBOUNCE;
    let message = persistence.after_update(&mut state, later);
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.starts_with("Cannot save reading state")),
        "{message:?}"
    );
    // The same failure is not repeated on every save; reading goes on.
    update(&mut state, Action::PageDown);
    assert_eq!(persistence.finish(&state), None);
}

/// A long plain-text article in a reader of 80×24.
fn reader_state() -> State {
    let mut text = String::from("A Long Read\n\n");
    for i in 0..60 {
        text.push_str(&format!(
            "Paragraph number {i} says several things about the matter at hand, \
             at length, so that it wraps over more than one line of the view.\n\n"
        ));
    }
    let articles = load_bytes(text.as_bytes(), "long.txt", &[]).expect("loads");
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(80, 24));
    state
}

/// [`reader_state`] with its state saved in a fresh folder, seen once.
fn saving_reader(name: &str) -> (PathBuf, Persistence, State, Instant) {
    let dir = temp_dir(name);
    let start = Instant::now();
    let (mut persistence, _) = Persistence::open(Some(Store::new(&dir)));
    let mut state = reader_state();
    persistence.after_update(&mut state, start);
    (dir, persistence, state, start)
}

#[test]
fn position_and_bookmarks_survive_a_restart() {
    let (dir, mut first, mut state, start) = saving_reader("restart");
    for _ in 0..3 {
        update(&mut state, Action::PageDown);
    }
    update(&mut state, Action::SetBookmark);
    assert_eq!(state.reader.bookmarks.len(), 1);
    update(&mut state, Action::PageDown);
    // Debounced: nothing is written until the delay has passed.
    first.after_update(&mut state, start);
    assert!(!dir.join(STATE_FILE).exists());
    assert!(first.due().is_some());
    first.after_update(&mut state, start + Persistence::DEBOUNCE);
    assert!(dir.join(STATE_FILE).exists());
    let position = state.position();
    assert!(position.block > 0);

    // A new run of gloss on a renamed copy of the same text.
    let (mut second, message) = Persistence::open(Some(Store::new(&dir)));
    assert_eq!(message, None);
    let mut again = reader_state();
    again.articles[0].meta.source = Some("renamed.txt".into());
    second.after_update(&mut again, Instant::now());
    assert_eq!(again.position(), position);
    assert_eq!(again.reader.bookmarks, state.reader.bookmarks);

    // The bookmark popup jumps back to the bookmark.
    update(&mut again, Action::ListBookmarks);
    assert_eq!(again.overlay, Some(Overlay::Bookmarks));
    update(&mut again, Action::Activate);
    assert_eq!(again.overlay, None);
    let mark = &again.reader.bookmarks[0];
    assert_eq!(
        again.position(),
        Position {
            block: mark.block,
            offset: mark.offset
        }
    );
}

#[test]
fn out_of_range_positions_are_clamped() {
    let mut state = reader_state();
    state.restore(
        Position {
            block: 10_000,
            offset: 10_000,
        },
        vec![Bookmark {
            block: 10_000,
            offset: 0,
            label: "gone".into(),
        }],
        false,
    );
    // At the end, which is on screen, so the article counts as read.
    assert!(state.reader.seen_end);
    assert_eq!(state.progress(), 100);
    assert!(state.reader.bookmarks.is_empty());
    state.go_to(Position {
        block: 3,
        offset: 10_000,
    });
    assert_eq!(state.position().block, 3);
}

#[test]
fn an_article_is_read_once_its_end_was_on_screen() {
    let mut state = reader_state();
    assert!(!state.reader.seen_end);
    update(&mut state, Action::Bottom);
    update(&mut state, Action::Top);
    assert!(state.reader.seen_end);
    let (_, record) = store::snapshot(&state);
    assert!(record.read);
    assert_eq!(record.position, Position::default());
}

#[test]
fn bookmarks_without_any_say_so() {
    let mut state = reader_state();
    update(&mut state, Action::ListBookmarks);
    assert_eq!(state.overlay, None);
    assert!(state.status.as_deref().unwrap().contains("No bookmarks"));
    update(&mut state, Action::SetBookmark);
    update(&mut state, Action::SetBookmark);
    assert_eq!(state.reader.bookmarks.len(), 1, "no duplicate at one place");
    assert_eq!(state.reader.bookmarks[0].label, "A Long Read");
}

#[test]
fn notes_round_trip_through_the_data_dir() {
    use gloss::app::state::NoteChange;
    use gloss::core::model::EntrySource;
    let dir = temp_dir("notes");
    let path = dir.join("sub").join(store::NOTES_FILE);
    assert!(store::load_notes_from(&path).unwrap().entries.is_empty());
    let change = |term: &str, text: &str| NoteChange {
        term: term.to_owned(),
        text: text.to_owned(),
    };
    let saved = store::save_note_changes_to(&path, &[change("Widget", "A thing.")]).unwrap();
    let loaded = store::load_notes_from(&path).unwrap();
    assert_eq!(loaded.entries, saved.entries);
    assert_eq!(loaded.entries.len(), 1);
    assert_eq!(loaded.entries[0].definition, "A thing.");
    assert_eq!(loaded.entries[0].source, Some(EntrySource::User));
    // An empty note removes the entry.
    store::save_note_changes_to(&path, &[change("widget", "")]).unwrap();
    assert!(store::load_notes_from(&path).unwrap().entries.is_empty());
    fs::write(&path, "[[entry]\n").unwrap();
    assert!(store::load_notes_from(&path).is_err());
}

#[test]
fn a_note_saved_by_one_reader_keeps_the_notes_another_saved_meanwhile() {
    use gloss::app::state::NoteChange;
    let dir = temp_dir("notes-two");
    let path = dir.join(store::NOTES_FILE);
    let change = |term: &str, text: &str| NoteChange {
        term: term.to_owned(),
        text: text.to_owned(),
    };
    // Reader B saves first; reader A, started before, saves its own note.
    store::save_note_changes_to(&path, &[change("Nord Stream", "Gas pipelines.")]).unwrap();
    let saved = store::save_note_changes_to(&path, &[change("1991 lesson", "Gulf War.")]).unwrap();
    let on_disk = store::load_notes_from(&path).unwrap();
    let terms: Vec<&str> = on_disk.entries.iter().map(|e| e.term.as_str()).collect();
    assert_eq!(terms, ["Nord Stream", "1991 lesson"]);
    assert_eq!(saved.entries, on_disk.entries, "A learns of B's note");
}

#[test]
fn a_notes_file_that_does_not_parse_is_never_overwritten() {
    use gloss::app::state::NoteChange;
    let dir = temp_dir("notes-bad");
    let path = dir.join(store::NOTES_FILE);
    let hand_written = "[[entry]]\nterm = \"Keep me\"\ndefinition = \"Mine.\"\n\n[[entry]]\nterm = \"Broken\ndefinition = \"x\"\n";
    fs::write(&path, hand_written).unwrap();
    let change = NoteChange {
        term: "Tokyo".to_owned(),
        text: "Capital.".to_owned(),
    };
    let error = store::save_note_changes_to(&path, &[change]).unwrap_err();
    assert!(error.contains("left as it is"), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), hand_written);
}

/// Opening the article being read again (from the library) starts a fresh
/// reader; its bookmarks come back from the saved record instead of being
/// saved away as none.
#[test]
fn reopening_the_same_article_keeps_its_bookmarks() {
    let (dir, mut persistence, mut state, start) = saving_reader("reopen");
    update(&mut state, Action::PageDown);
    update(&mut state, Action::SetBookmark);
    persistence.after_update(&mut state, start);
    let bookmarks = state.reader.bookmarks.clone();
    assert_eq!(bookmarks.len(), 1);
    state.open_article(0);
    persistence.after_update(&mut state, start);
    assert_eq!(state.reader.bookmarks, bookmarks);
    persistence.after_update(&mut state, start + Persistence::DEBOUNCE);
    let (_, message) = Persistence::open(Some(Store::new(&dir)));
    assert_eq!(message, None);
    let saved = fs::read_to_string(dir.join(STATE_FILE)).unwrap();
    assert!(saved.contains(&bookmarks[0].label), "{saved}");
}

/// The rest of a large document arriving (a reader rebuilt on the same
/// article) keeps the bookmarks made on its beginning.
#[test]
fn bookmarks_survive_the_rest_of_the_document_arriving() {
    let mut state = reader_state();
    update(&mut state, Action::PageDown);
    update(&mut state, Action::SetBookmark);
    let bookmarks = state.reader.bookmarks.clone();
    assert_eq!(bookmarks.len(), 1);
    let whole = state.articles[0].clone();
    state.replace_article(0, whole);
    assert_eq!(state.reader.bookmarks, bookmarks);
}

/// Two short articles, read as a library.
fn library_state() -> State {
    let mut articles = Vec::new();
    for (name, title) in [("first.txt", "First Piece"), ("second.txt", "Second Piece")] {
        let mut text = format!("{title}\n\n");
        for i in 0..30 {
            text.push_str(&format!(
                "Line {i} of {title} goes on long enough to wrap in a narrow view.\n\n"
            ));
        }
        articles.extend(load_bytes(text.as_bytes(), name, &[]).expect("loads"));
    }
    let mut state = State::new(articles, Settings::default(), Keymap::default());
    update(&mut state, Action::Resize(80, 24));
    state
}

/// Runs the reader's loop on a test terminal over `events`, then `q`.
fn run_until_quit(
    state: &mut State,
    persistence: &mut Persistence,
    events: Vec<gloss::cli::run::LoopEvent>,
) {
    use gloss::cli::run::{self, LoopEvent};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (sender, received) = std::sync::mpsc::channel();
    for event in events {
        sender.send(event).unwrap();
    }
    let quit = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    sender.send(LoopEvent::Terminal(Event::Key(quit))).unwrap();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let exit = run::run(
        &mut terminal,
        state,
        &received,
        |_| Ok(()),
        persistence,
        || {},
        |_| {},
    )
    .unwrap();
    assert_eq!(exit, run::Exit::Quit);
}

#[test]
fn the_library_shows_what_earlier_sessions_read() {
    use gloss::cli::run;

    let dir = temp_dir("library-marks");
    // First session: both articles are read to their end, and the first
    // one left at its top again.
    let (mut first, _) = Persistence::open(Some(Store::new(&dir)));
    let mut state = library_state();
    first.after_update(&mut state, Instant::now());
    state.open_article(0);
    first.after_update(&mut state, Instant::now());
    update(&mut state, Action::Bottom);
    update(&mut state, Action::Top);
    first.after_update(&mut state, Instant::now());
    state.open_article(1);
    first.after_update(&mut state, Instant::now());
    update(&mut state, Action::Bottom);
    first.after_update(&mut state, Instant::now());
    assert_eq!(first.finish(&state), None);

    // Second session: the library opens on the first article, and the
    // annotation thread (which hashes each article) brings the marks.
    let (mut second, _) = Persistence::open(Some(Store::new(&dir)));
    let mut state = library_state();
    assert_eq!(state.current, 0);
    assert!(!state.library.read[1]);
    // The open article's own record is put back by the first update.
    second.after_update(&mut state, Instant::now());
    assert!(state.library.read[0], "read before, though left at its top");
    assert_eq!(state.library.progress[0], 0);
    let (annotations, annotated) = std::sync::mpsc::channel();
    run::spawn_annotation_thread(
        run::annotation_work(&state.articles),
        run::FeedLinks::of(&state.articles),
        Vec::new(),
        Default::default(),
        annotations,
    );
    run_until_quit(&mut state, &mut second, annotated.iter().collect());
    assert_eq!(state.current, 0, "the first article is still the one open");
    assert!(state.library.read[1]);
    assert_eq!(state.library.progress[1], 100);
    assert!(state.library.read[0]);
}

#[test]
fn a_note_saved_from_the_reader_keeps_a_hand_edited_file_as_written() {
    use gloss::app::state::NoteChange;
    let dir = temp_dir("notes-comments");
    let path = dir.join(store::NOTES_FILE);
    let hand_written = "# My notes for the Baltic reading group.\n\
                        \n\
                        [[entry]]\n\
                        term = \"Nord Stream\"   # both pipelines\n\
                        definition = \"Gas pipelines under the Baltic.\"\n\
                        aliases = [\"Nord Stream 2\"]\n\
                        category = \"energy\"\n\
                        \n\
                        # Ask Ingrid about this one.\n\
                        [[entry]]\n\
                        term = \"Balticconnector\"\n\
                        definition = \"A gas pipeline from Finland to Estonia.\"\n";
    fs::write(&path, hand_written).unwrap();
    let change = |term: &str, text: &str| NoteChange {
        term: term.to_owned(),
        text: text.to_owned(),
    };
    let saved = store::save_note_changes_to(
        &path,
        &[
            change(
                "balticconnector",
                "Finland–Estonia gas pipeline, damaged in 2023.",
            ),
            change("Estlink 2", "A power cable from Finland to Estonia."),
        ],
    )
    .unwrap();
    let on_disk = fs::read_to_string(&path).unwrap();
    for kept in [
        "# My notes for the Baltic reading group.\n",
        "term = \"Nord Stream\"   # both pipelines\n",
        "aliases = [\"Nord Stream 2\"]\n",
        "# Ask Ingrid about this one.\n[[entry]]\nterm = \"Balticconnector\"\n",
    ] {
        assert!(on_disk.contains(kept), "lost {kept:?} from:\n{on_disk}");
    }
    let terms: Vec<(&str, &str)> = saved
        .entries
        .iter()
        .map(|e| (e.term.as_str(), e.definition.as_str()))
        .collect();
    assert_eq!(
        terms,
        [
            ("Nord Stream", "Gas pipelines under the Baltic."),
            (
                "Balticconnector",
                "Finland–Estonia gas pipeline, damaged in 2023."
            ),
            ("Estlink 2", "A power cable from Finland to Estonia."),
        ]
    );
    assert_eq!(
        store::load_notes_from(&path).unwrap().entries,
        saved.entries
    );
    // Removing a note takes its table out and leaves the rest alone, the
    // file's header comment included; a comment right above a removed
    // table goes with it.
    store::save_note_changes_to(&path, &[change("NORD STREAM", "")]).unwrap();
    let on_disk = fs::read_to_string(&path).unwrap();
    assert!(!on_disk.contains("Gas pipelines under the Baltic."));
    assert!(on_disk.starts_with("# My notes for the Baltic reading group.\n"));
    assert!(on_disk.contains("# Ask Ingrid about this one.\n[[entry]]"));
    store::save_note_changes_to(&path, &[change("Balticconnector", "")]).unwrap();
    let on_disk = fs::read_to_string(&path).unwrap();
    assert!(!on_disk.contains("Ask Ingrid"), "{on_disk}");
    assert!(on_disk.starts_with("# My notes for the Baltic reading group.\n"));
    let terms: Vec<String> = store::load_notes_from(&path)
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.term)
        .collect();
    assert_eq!(terms, ["Estlink 2"]);
}

/// A place saved in an earlier run of [`reader_state`]'s article: three
/// pages down. Returns the folder and that place.
fn saved_place(name: &str) -> (PathBuf, gloss::app::state::Position) {
    let (dir, mut first, mut state, _) = saving_reader(name);
    for _ in 0..3 {
        update(&mut state, Action::PageDown);
    }
    assert_eq!(first.finish(&state), None);
    (dir, state.position())
}

/// The open article is only a large document's beginning: its text, and so
/// its key, is not the whole one's, and its place is neither put back nor
/// recorded until the rest is in.
#[test]
fn a_document_still_loading_is_neither_restored_nor_recorded() {
    use gloss::app::state::LOADING_THE_REST;
    let (dir, saved) = saved_place("still-loading");
    let (mut second, _) = Persistence::open(Some(Store::new(&dir)));
    let mut state = reader_state();
    let whole = state.articles[0].clone();
    let mut beginning = whole.clone();
    beginning
        .meta
        .notices
        .push(format!("{LOADING_THE_REST} 3 MB document…"));
    state.replace_article(0, beginning);
    second.after_update(&mut state, Instant::now());
    assert_eq!(state.position().block, 0, "not put back while loading");
    update(&mut state, Action::PageDown);
    second.after_update(&mut state, Instant::now());
    assert_eq!(second.finish(&state), None);
    let (reopened, _) = Persistence::open(Some(Store::new(&dir)));
    let key = store::article_key(&whole);
    assert_eq!(
        reopened.record(&key).map(|r| r.position),
        Some(saved),
        "the partial place was not recorded over the saved one"
    );

    // The rest arrives: the saved place comes back.
    state.replace_article(0, whole);
    second.after_update(&mut state, Instant::now());
    assert_eq!(state.position(), saved);
}

/// Files of a directory still being read in the background do not hold
/// back the article open: its place comes back with the first frame, not
/// (with a jump) when the last file is in.
#[test]
fn other_files_still_loading_do_not_hold_back_the_open_article() {
    use gloss::app::state::STILL_BEING_READ;

    let (dir, saved) = saved_place("others-loading");
    let (mut second, _) = Persistence::open(Some(Store::new(&dir)));
    let mut state = reader_state();
    let mut stand_in = load_bytes(b"later.txt\n\nNot read yet.\n", "later.txt", &[]).unwrap();
    stand_in[0].meta.notices.push(STILL_BEING_READ.to_owned());
    state.articles.extend(stand_in);
    state.loading = 1;

    run_until_quit(&mut state, &mut second, Vec::new());
    assert_eq!(state.loading, 1, "the other file is still being read");
    assert_eq!(state.position(), saved);
}

/// Changes noted before another article was opened are saved when due even
/// while that one loads: the loop wakes up for a due save, and would at
/// once again were it left pending.
#[test]
fn a_due_save_happens_while_the_open_article_loads() {
    use gloss::app::state::STILL_BEING_READ;
    let (dir, mut persistence, mut state, start) = saving_reader("due-while-loading");
    update(&mut state, Action::PageDown);
    persistence.after_update(&mut state, start);
    assert!(persistence.due().is_some());
    let mut stand_in = load_bytes(b"later.txt\n\nNot read yet.\n", "later.txt", &[]).unwrap();
    stand_in[0].meta.notices.push(STILL_BEING_READ.to_owned());
    state.articles.extend(stand_in);
    state.open_article(1);
    persistence.after_update(&mut state, start + Persistence::DEBOUNCE);
    assert_eq!(persistence.due(), None);
    assert!(dir.join(STATE_FILE).exists());
}
