//! Times a terminal program in a pseudo-terminal: from just before the
//! process is spawned until a marker text is on the emulated screen (its
//! first screen), and optionally how long each of a list of keys takes to
//! change the screen. Reading the pty directly resolves well under a
//! millisecond, where polling `tmux capture-pane` (scripts/bench-compare.sh)
//! costs several milliseconds a round trip and so cannot show a 16 ms target
//! or a 2 ms keypress.
//!
//! ```text
//! cargo run --release --example first_screen -- [--runs N] [--size COLSxROWS] \
//!     --marker TEXT [--keys j,space,G,g,click@74:20 [--ready TEXT]] -- COMMAND [ARGS...] \
//!     [-- COMMAND [ARGS...]]...
//! ```
//!
//! Several commands (each after its own `--`) are run in turn, one run of
//! each per round, so that a drift in the machine's speed during the
//! measurement touches them alike; each gets its median.
//!
//! Without `--keys`, prints `run N: X ms` per run and the median. With it,
//! each run waits after the first screen for `--ready` text (if given) and
//! for the output to fall quiet, then sends the keys one at a time, each
//! when the screen has settled, and times each until the screen (text or
//! colours) changes. Key names: a single character, `space`, `enter`, `tab`,
//! `esc`, `up`, `down`, `pageup`, `pagedown`, `home`, `end`, and `click@X:Y`
//! (the main mouse button at cell X, Y, counted from 0). The program is
//! killed at the end of each run, so it never has to quit by itself.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Options {
    runs: usize,
    cols: u16,
    rows: u16,
    marker: String,
    keys: Vec<String>,
    ready: Option<String>,
    /// Every command to time, in the order given.
    commands: Vec<Vec<String>>,
    /// The one being run.
    command: Vec<String>,
    timeout: Duration,
}

fn parse_options() -> anyhow::Result<Options> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        runs: 5,
        cols: 120,
        rows: 40,
        marker: String::new(),
        keys: Vec::new(),
        ready: None,
        commands: Vec::new(),
        command: Vec::new(),
        timeout: Duration::from_secs(60),
    };
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| anyhow::anyhow!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--runs" => options.runs = value()?.parse()?,
            "--marker" => options.marker = value()?,
            "--keys" => {
                options.keys = value()?.split(',').map(str::to_owned).collect();
                for key in &options.keys {
                    key_bytes(key)?;
                }
            }
            "--ready" => options.ready = Some(value()?),
            "--timeout" => options.timeout = Duration::from_secs(value()?.parse()?),
            "--size" => {
                let size = value()?;
                let (cols, rows) = size
                    .split_once('x')
                    .ok_or_else(|| anyhow::anyhow!("--size is COLSxROWS, not {size}"))?;
                options.cols = cols.parse()?;
                options.rows = rows.parse()?;
            }
            "--" => {
                let rest: Vec<String> = args.by_ref().collect();
                options.commands = rest
                    .split(|arg| arg == "--")
                    .map(<[String]>::to_vec)
                    .collect();
                break;
            }
            other => anyhow::bail!("unknown argument {other}; see the file's doc comment"),
        }
    }
    anyhow::ensure!(!options.marker.is_empty(), "--marker is required");
    anyhow::ensure!(
        !options.commands.is_empty() && options.commands.iter().all(|c| !c.is_empty()),
        "no command after --"
    );
    anyhow::ensure!(options.runs > 0, "--runs must be at least 1");
    Ok(options)
}

/// What a key sends to the program, as a terminal in normal cursor mode would.
fn key_bytes(name: &str) -> anyhow::Result<Vec<u8>> {
    let bytes: &[u8] = match name {
        "space" => b" ",
        "enter" => b"\r",
        "tab" => b"\t",
        "esc" => b"\x1b",
        "up" => b"\x1b[A",
        "down" => b"\x1b[B",
        "pageup" => b"\x1b[5~",
        "pagedown" => b"\x1b[6~",
        "home" => b"\x1b[H",
        "end" => b"\x1b[F",
        single if single.chars().count() == 1 => single.as_bytes(),
        other => {
            // "click@X:Y": the main button pressed and released at that
            // cell (counted from 0), as a terminal in SGR mouse mode sends.
            let Some((x, y)) = other
                .strip_prefix("click@")
                .and_then(|cell| cell.split_once(':'))
                .and_then(|(x, y)| Some((x.parse::<u16>().ok()?, y.parse::<u16>().ok()?)))
            else {
                anyhow::bail!("unknown key name {other:?}")
            };
            let (x, y) = (x + 1, y + 1);
            return Ok(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").into_bytes());
        }
    };
    Ok(bytes.to_vec())
}

/// The emulated screen, fed by a reader thread.
struct Screen {
    parser: vt100::Parser,
    /// Bumped after every chunk of output.
    version: u64,
    last_output: Instant,
}

struct Session {
    screen: Arc<Mutex<Screen>>,
    closed: Arc<AtomicBool>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    watcher: Option<std::thread::JoinHandle<()>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// How often the waits look at the screen: far below what is measured.
const POLL: Duration = Duration::from_micros(20);

impl Session {
    fn spawn(options: &Options) -> anyhow::Result<(Session, Instant)> {
        let pair = native_pty_system().openpty(PtySize {
            rows: options.rows,
            cols: options.cols,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        // portable-pty looks only in PATH, so a program given by a relative
        // path is made absolute first.
        let program = std::path::Path::new(&options.command[0]);
        let program = if program.components().count() > 1 {
            std::fs::canonicalize(program)?.into_os_string()
        } else {
            program.as_os_str().to_owned()
        };
        let mut command = CommandBuilder::new(program);
        command.args(&options.command[1..]);
        command.cwd(std::env::current_dir()?);
        command.env("TERM", "xterm-256color");
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let rows = NonZeroU16::new(options.rows).unwrap_or(NonZeroU16::MIN);
        let cols = NonZeroU16::new(options.cols).unwrap_or(NonZeroU16::MIN);
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(rows, cols, 0),
            version: 0,
            last_output: Instant::now(),
        }));
        let closed = Arc::new(AtomicBool::new(false));

        let start = Instant::now();
        let child = pair.slave.spawn_command(command)?;
        drop(pair.slave);
        // The reader blocks, so it runs on its own thread.
        let watcher = {
            let screen = Arc::clone(&screen);
            let closed = Arc::clone(&closed);
            std::thread::spawn(move || {
                let mut buf = vec![0u8; 64 * 1024];
                while let Ok(n @ 1..) = reader.read(&mut buf) {
                    let mut screen = screen.lock().expect("screen lock");
                    screen.parser.process(&buf[..n]);
                    screen.version += 1;
                    screen.last_output = Instant::now();
                }
                closed.store(true, Ordering::SeqCst);
            })
        };
        let session = Session {
            screen,
            closed,
            writer,
            child,
            watcher: Some(watcher),
            _master: pair.master,
        };
        Ok((session, start))
    }

    /// Waits until `holds` is true of the screen; the moment it was seen,
    /// or None at `deadline` or when the program has closed the pty.
    fn wait_for(
        &self,
        deadline: Instant,
        holds: impl Fn(&vt100::Screen) -> bool,
    ) -> Option<Instant> {
        let mut seen = u64::MAX;
        loop {
            {
                let screen = self.screen.lock().expect("screen lock");
                if screen.version != seen {
                    seen = screen.version;
                    if holds(screen.parser.screen()) {
                        return Some(Instant::now());
                    }
                }
            }
            if Instant::now() > deadline || self.closed.load(Ordering::SeqCst) {
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until nothing has been output for `quiet`.
    fn wait_quiet(&self, quiet: Duration, deadline: Instant) {
        while Instant::now() < deadline {
            let last = self.screen.lock().expect("screen lock").last_output;
            if last.elapsed() >= quiet {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn formatted(&self) -> String {
        let screen = self.screen.lock().expect("screen lock");
        screen.parser.screen().contents_formatted()
    }

    fn send(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()?;
        Ok(())
    }

    fn end(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop(self.writer);
        drop(self._master);
        if let Some(watcher) = self.watcher.take() {
            let _ = watcher.join();
        }
    }
}

/// One run: the first screen's time, then each key's, in milliseconds
/// (None where the screen never showed or never changed).
fn time_run(options: &Options) -> anyhow::Result<Vec<Option<f64>>> {
    let (mut session, start) = Session::spawn(options)?;
    let ms = |from: Instant, to: Instant| (to - from).as_secs_f64() * 1000.0;
    let marker = options.marker.as_str();
    let first = session.wait_for(start + options.timeout, |s| s.contents().contains(marker));
    let mut times = vec![first.map(|at| ms(start, at))];
    if first.is_some() && !options.keys.is_empty() {
        let deadline = Instant::now() + options.timeout;
        if let Some(ready) = &options.ready {
            session.wait_for(deadline, |s| s.contents().contains(ready.as_str()));
        }
        for key in &options.keys {
            // Settled: the last frame (and any status update) is drawn.
            session.wait_quiet(Duration::from_millis(150), deadline);
            let before = session.formatted();
            let sent = Instant::now();
            session.send(&key_bytes(key)?)?;
            let changed = session.wait_for(sent + Duration::from_secs(5), |s| {
                s.contents_formatted() != before
            });
            times.push(changed.map(|at| ms(sent, at)));
        }
    }
    session.end();
    Ok(times)
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

fn main() -> anyhow::Result<()> {
    let mut options = parse_options()?;
    let names: Vec<String> = std::iter::once("first".to_owned())
        .chain(options.keys.iter().cloned())
        .collect();
    let commands = options.commands.clone();
    let several = commands.len() > 1;
    // Per command, per name: the times seen.
    let mut samples: Vec<Vec<Vec<f64>>> = vec![vec![Vec::new(); names.len()]; commands.len()];
    for run in 1..=options.runs {
        for (command, samples) in commands.iter().zip(samples.iter_mut()) {
            options.command = command.clone();
            let times = time_run(&options)?;
            let shown: Vec<String> = names
                .iter()
                .zip(&times)
                .map(|(name, time)| match time {
                    Some(ms) => format!("{name} {ms:.2} ms"),
                    None => format!("{name} not seen"),
                })
                .collect();
            let label = if several {
                format!("{}: ", command.join(" "))
            } else {
                String::new()
            };
            if options.keys.is_empty() {
                // The shape scripts/bench-compare.sh reads: "run N: X ms".
                match times[0] {
                    Some(ms) => println!("{label}run {run}: {ms:.2} ms"),
                    None => println!("{label}run {run}: marker not seen (timeout or exit)"),
                }
            } else {
                println!("{label}run {run}: {}", shown.join(", "));
            }
            for (sample, time) in samples.iter_mut().zip(times) {
                sample.extend(time);
            }
        }
    }
    for (command, samples) in commands.iter().zip(samples) {
        anyhow::ensure!(
            !samples[0].is_empty(),
            "the marker never showed for {}",
            command.join(" ")
        );
        if several {
            println!("{}:", command.join(" "));
        }
        for (name, sample) in names.iter().zip(samples) {
            let n = sample.len();
            let (min, max) = sample
                .iter()
                .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
            match median(sample) {
                Some(m) if options.keys.is_empty() => {
                    println!("median {m:.2} ms over {n} run(s) (min {min:.2}, max {max:.2})")
                }
                Some(m) => println!(
                    "{name}: median {m:.2} ms over {n} run(s) (min {min:.2}, max {max:.2})"
                ),
                None => println!("{name}: never seen"),
            }
        }
    }
    Ok(())
}
