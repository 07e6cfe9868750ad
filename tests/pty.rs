//! End-to-end tests: the real `gloss` binary in a pseudo-terminal, its output
//! fed to a `vt100` emulator. Every wait has a generous deadline and polls, so
//! a slow machine only makes the tests slower, never red.
#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// Long enough for a loaded CI machine; a passing test never waits this long.
const TIMEOUT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(20);

const LONG_FIXTURE: &str = "tests/fixtures/pty/long-newsletter.txt";
const LONG_TITLE: &str = "Danube Ports Learn to Live With the Drones";

/// What the reader thread has seen so far.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    output: Arc<Mutex<Output>>,
    /// Set by the reader thread at end of file (the child closed the pty).
    eof: Arc<AtomicBool>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("non-zero size")
}

/// A private HOME/XDG tree so a user's config or saved state cannot change
/// what the tests see.
fn sandbox_home(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("pty-home-{name}"));
    std::fs::create_dir_all(&dir).expect("creating the sandbox home");
    dir
}

impl Session {
    fn start(name: &str, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(size(ROWS, COLS))
            .expect("opening a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gloss"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let home = sandbox_home(name);
        cmd.env("HOME", &home);
        for var in ["XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"] {
            cmd.env(var, home.join(var));
        }
        cmd.env("TERM", "xterm-256color");
        for var in ["GLOSS_TEST_PANIC", "NO_COLOR", "GLOSS_CONFIG"] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawning gloss");
        // Only the child may hold the slave side, so the reader sees EOF when it exits.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(nz(ROWS), nz(COLS), 0),
            raw: Vec::new(),
        }));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        {
            let output = Arc::clone(&output);
            let eof = Arc::clone(&eof);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => {
                            let mut out = output.lock().unwrap();
                            out.parser.process(&buf[..n]);
                            out.raw.extend_from_slice(&buf[..n]);
                        }
                    }
                }
                eof.store(true, Ordering::SeqCst);
            });
        }
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            master: pair.master,
            writer,
            child,
            output,
            eof,
        }
    }

    fn screen_text(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    fn raw_len(&self) -> usize {
        self.output.lock().unwrap().raw.len()
    }

    /// Polls `check` on the output until it holds; panics with the screen after
    /// the deadline.
    fn wait_for(&self, what: &str, check: impl Fn(&Output) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if check(&self.output.lock().unwrap()) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; screen:\n{}",
                    self.screen_text()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn wait_for_text(&self, needle: &str) {
        self.wait_for(&format!("{needle:?} on screen"), |o| {
            o.parser.screen().contents().contains(needle)
        });
    }

    /// Resizes the pty and the screen model together. The reader thread waits
    /// on the lock meanwhile, so every byte gloss writes after it notices the
    /// new size is read at that size (a frame drawn for 120×40 but read at
    /// 1×1 was lost, and the next frame only drew its changes).
    fn resize(&self, rows: u16, cols: u16) {
        let mut output = self.output.lock().unwrap();
        output.parser.set_size(nz(rows), nz(cols));
        self.master
            .resize(size(rows, cols))
            .expect("resizing the pty");
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("writing to the pty");
        self.writer.flush().expect("flushing the pty");
    }

    fn pid(&self) -> i32 {
        self.child.process_id().expect("child pid") as i32
    }

    /// Waits for the child to exit and its output to be fully read.
    fn finish(mut self) -> (ExitStatus, Output) {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "gloss did not exit; screen:\n{}",
                    self.output.lock().unwrap().parser.screen().contents()
                );
            }
            std::thread::sleep(POLL);
        };
        let deadline = Instant::now() + TIMEOUT;
        while !self.eof.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(POLL);
        }
        drop(self.writer);
        drop(self.master);
        let output = Arc::try_unwrap(self.output)
            .ok()
            .map(|m| m.into_inner().unwrap())
            .unwrap_or_else(|| panic!("the reader thread did not finish"));
        (status, output)
    }
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The terminal is back to how gloss found it, judged both by the emulator's
/// state and by the raw bytes (the last enable of each mode is followed by its
/// disable).
fn assert_restored(output: &Output) {
    let screen = output.parser.screen();
    assert!(!screen.alternate_screen(), "still on the alternate screen");
    assert!(!screen.hide_cursor(), "cursor still hidden");
    assert!(!screen.bracketed_paste(), "bracketed paste still on");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture still on"
    );
    let raw = &output.raw;
    for mode in ["1000", "1002", "1003", "1006", "2004", "1049"] {
        let on = format!("\x1b[?{mode}h");
        let off = format!("\x1b[?{mode}l");
        let last_on = rfind(raw, on.as_bytes());
        assert!(last_on.is_some(), "mode {mode} was never enabled");
        let last_off = rfind(raw, off.as_bytes());
        assert!(
            last_off > last_on,
            "mode {mode}: last enable at {last_on:?} not followed by a disable ({last_off:?})"
        );
    }
    assert_eq!(
        count(raw, b"\x1b[?1049l"),
        1,
        "the alternate screen should be left exactly once"
    );
}

/// The term of the second glossary entry, as the reader will list it.
fn glossary_len() -> usize {
    let bytes = std::fs::read(LONG_FIXTURE).expect("reading the fixture");
    let lexicon = gloss::core::glossary::lexicon::bundled();
    gloss::core::load::load_bytes(&bytes, "long-newsletter.txt", &[lexicon]).unwrap()[0]
        .glossary
        .len()
}

fn second_glossary_term() -> String {
    let bytes = std::fs::read(LONG_FIXTURE).expect("reading the fixture");
    let lexicon = gloss::core::glossary::lexicon::bundled();
    let articles =
        gloss::core::load::load_bytes(&bytes, "long-newsletter.txt", &[lexicon]).unwrap();
    let glossary = &articles[0].glossary;
    assert!(
        glossary.len() >= 2,
        "the fixture needs two glossary entries"
    );
    glossary[1].term.clone()
}

#[test]
fn read_navigate_and_quit_restores_the_terminal() {
    let mut s = Session::start("main", &[LONG_FIXTURE], &[]);
    s.wait_for_text(LONG_TITLE);
    // The glossary is built in the background; wait until it has arrived so
    // the keys below act on it.
    s.wait_for_text(&format!("Glossary ({})", glossary_len()));

    s.send(b"G");
    s.wait_for_text("paywall");
    s.wait_for_text("100%");

    s.send(b"\t");
    s.wait_for("the status line to name the Glossary focus", |o| {
        let screen = o.parser.screen();
        screen
            .contents()
            .lines()
            .last()
            .unwrap_or("")
            .contains("Glossary")
    });

    // The selection is drawn as a style, so compare formatted contents.
    let before_j = s.output.lock().unwrap().parser.screen().clone();
    s.send(b"j");
    s.wait_for("the glossary selection to move", |o| {
        !o.parser.screen().contents_diff(&before_j).is_empty()
    });

    let before_enter = s.screen_text();
    let term = second_glossary_term();
    s.send(b"\r");
    s.wait_for_text(&format!("{term}: occurrence 1 of"));
    let after_enter = s.screen_text();
    assert_ne!(before_enter, after_enter);
    // The jump scrolled the text up from the end to the term's first use.
    assert!(!after_enter.contains("paywall"), "{after_enter}");

    s.send(b"q");
    let (status, output) = s.finish();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&output);
}

#[test]
fn panic_restores_the_terminal_once() {
    let s = Session::start("panic", &[LONG_FIXTURE], &[("GLOSS_TEST_PANIC", "1")]);
    let (status, output) = s.finish();
    assert!(!status.success(), "a panic must not exit 0: {status:?}");
    assert_restored(&output);
    // The panic message is printed after the restore, on the main screen.
    assert!(
        output
            .parser
            .screen()
            .contents()
            .contains("GLOSS_TEST_PANIC"),
        "{}",
        output.parser.screen().contents()
    );
}

fn signal_exits_cleanly(signal: i32, name: &str) {
    let s = Session::start(name, &[LONG_FIXTURE], &[]);
    // The title is drawn after the signal handlers are installed.
    s.wait_for_text(LONG_TITLE);
    // SAFETY: kill(2) with a pid we spawned and a valid signal number.
    let rc = unsafe { libc::kill(s.pid(), signal) };
    assert_eq!(rc, 0, "kill failed");
    let (status, output) = s.finish();
    assert_eq!(
        status.signal(),
        None,
        "killed instead of exiting: {status:?}"
    );
    assert_eq!(status.exit_code(), 128 + signal as u32, "{status:?}");
    assert_restored(&output);
}

#[test]
fn sigterm_restores_and_exits_128_plus_15() {
    signal_exits_cleanly(libc::SIGTERM, "sigterm");
}

#[test]
fn sighup_restores_and_exits_128_plus_1() {
    signal_exits_cleanly(libc::SIGHUP, "sighup");
}

#[test]
fn sigquit_restores_and_exits_128_plus_3() {
    signal_exits_cleanly(libc::SIGQUIT, "sigquit");
}

#[test]
fn resize_to_one_cell_and_back() {
    let mut s = Session::start("resize", &[LONG_FIXTURE], &[]);
    s.wait_for_text(LONG_TITLE);

    let mark = s.raw_len();
    s.resize(1, 1);
    // ratatui clears the screen when it notices a new size: wait for that so the
    // two resizes are not coalesced into none.
    s.wait_for("the 1×1 frame", |o| count(&o.raw[mark..], b"\x1b[2J") > 0);

    s.resize(ROWS, COLS);
    s.wait_for_text(LONG_TITLE);

    s.send(b"q");
    let (status, output) = s.finish();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&output);
}

/// A file over the preview threshold (2 MB) is shown from its first
/// kilobytes at once; the rest is read and parsed in the background, and
/// `G` then reaches the real end, far past the preview.
#[test]
fn a_large_file_opens_from_its_beginning_and_loads_the_rest() {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pty-large-archive.txt");
    let mut text = String::from("Tide Tables of a Very Long Archive\n\n");
    for n in 0..20_000 {
        text.push_str(&format!(
            "Entry {n}: the harbour master noted the tide, the wind from the \
             north-west, two ferries delayed and one freighter waiting for a \
             berth at the outer quay until the evening.\n\n"
        ));
    }
    text.push_str("The last entry of the archive is zyzzogeton.\n");
    assert!(text.len() > 3 * 1024 * 1024, "{} bytes", text.len());
    std::fs::write(&path, &text).expect("writing the large fixture");

    // A fresh home: a saved reading position from an earlier run would open
    // the document at its end.
    std::fs::remove_dir_all(sandbox_home("large")).expect("clearing the sandbox home");
    let mut s = Session::start("large", &[path.to_str().expect("utf-8 path")], &[]);
    s.wait_for_text("Tide Tables of a Very Long Archive");
    // The preview notice goes once the whole document has replaced it.
    s.wait_for("the whole document to load", |o| {
        let screen = o.parser.screen().contents();
        screen.contains("Entry 0:") && !screen.contains("loading the rest")
    });
    s.send(b"G");
    s.wait_for_text("zyzzogeton");
    s.send(b"q");
    let (status, output) = s.finish();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&output);
    std::fs::remove_file(&path).ok();
}

/// Input that arrives faster than one read takes it (here 5,000 typed
/// characters and Enter in one write, as a paste without bracketed paste
/// arrives) is all read: the Enter saves the note without another key.
#[test]
fn a_burst_of_typing_is_read_to_its_end() {
    let data = sandbox_home("burst").join("data");
    let _ = std::fs::remove_dir_all(&data);
    let data_dir = data.display().to_string();
    let mut s = Session::start("burst", &[LONG_FIXTURE], &[("GLOSS_DATA_DIR", &data_dir)]);
    s.wait_for_text(LONG_TITLE);
    // `t` needs the glossary, built in the background.
    s.wait_for_text(&format!("Glossary ({})", glossary_len()));
    s.send(b"t");
    s.wait_for_text("press Enter for its note");
    s.send(b"e");
    s.wait_for_text("Your note on");
    let mut burst = vec![b'x'; 5000];
    burst.push(b'\r');
    s.send(&burst);
    let notes = data.join("notes.toml");
    let deadline = Instant::now() + TIMEOUT;
    while !std::fs::read_to_string(&notes).is_ok_and(|t| t.matches('x').count() >= 5000) {
        assert!(
            Instant::now() < deadline,
            "the note was not saved; screen:\n{}",
            s.screen_text()
        );
        std::thread::sleep(POLL);
    }
    s.send(b"q");
    let (status, _) = s.finish();
    assert!(status.success());
}

/// The mouse reaches the reader: two clicks on a glossary entry (sent as a
/// terminal in SGR mouse mode sends them) select it and jump to its term.
#[test]
fn two_clicks_on_a_glossary_entry_follow_it() {
    let mut s = Session::start("click", &[LONG_FIXTURE], &[]);
    s.wait_for_text(&format!("Glossary ({})", glossary_len()));
    let term = second_glossary_term();
    // The entry's term row in the glossary pane, right of the text pane.
    let (row, column) = {
        let output = s.output.lock().unwrap();
        let contents = output.parser.screen().contents();
        contents
            .lines()
            .enumerate()
            .find_map(|(y, line)| {
                // "· term  ×3": the term, then its count.
                let at = line.find(&format!("{term}  ×"))?;
                let x = line[..at].chars().count();
                (x > usize::from(COLS) / 2).then_some((y, x))
            })
            .unwrap_or_else(|| panic!("{term:?} is not in the glossary pane:\n{contents}"))
    };
    // SGR coordinates count from 1.
    let click = format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        column + 1,
        row + 1,
        column + 1,
        row + 1
    );
    s.send(click.as_bytes());
    s.wait_for("the status line to name the Glossary focus", |o| {
        let contents = o.parser.screen().contents();
        contents
            .lines()
            .last()
            .unwrap_or("")
            .contains("│ Glossary │")
    });
    s.send(click.as_bytes());
    s.wait_for_text(&format!("{term}: occurrence 1 of"));
    s.send(b"q");
    let (status, output) = s.finish();
    assert!(status.success(), "exit status {status:?}");
    assert_restored(&output);
}
