//! Times a terminal program's first screen in a pseudo-terminal: from just
//! before the process is spawned until a marker text is on the emulated
//! screen. Reading the pty directly resolves well under a millisecond, where
//! polling `tmux capture-pane` (scripts/bench-compare.sh) costs about 14 ms
//! a round trip and so cannot show a 16 ms target.
//!
//! ```text
//! cargo run --release --example first_screen -- [--runs N] [--size COLSxROWS] \
//!     --marker TEXT -- COMMAND [ARGS...]
//! ```
//!
//! Prints one line per run and the median, in milliseconds. The program is
//! killed once the marker shows, so it never has to quit by itself.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::num::NonZeroU16;
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Options {
    runs: usize,
    cols: u16,
    rows: u16,
    marker: String,
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
                options.command = args.by_ref().collect();
                break;
            }
            other => anyhow::bail!("unknown argument {other}; see the file's doc comment"),
        }
    }
    anyhow::ensure!(!options.marker.is_empty(), "--marker is required");
    anyhow::ensure!(!options.command.is_empty(), "no command after --");
    anyhow::ensure!(options.runs > 0, "--runs must be at least 1");
    Ok(options)
}

/// One run: the time until the marker is on screen, or `None` on timeout
/// or if the program exits first.
fn time_first_screen(options: &Options) -> anyhow::Result<Option<Duration>> {
    let pair = native_pty_system().openpty(PtySize {
        rows: options.rows,
        cols: options.cols,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    // portable-pty looks only in PATH, so a program given by a relative path
    // is made absolute first.
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
    let rows = NonZeroU16::new(options.rows).unwrap_or(NonZeroU16::MIN);
    let cols = NonZeroU16::new(options.cols).unwrap_or(NonZeroU16::MIN);

    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command)?;
    drop(pair.slave);

    // The reader blocks, so it runs on its own thread and reports the moment
    // the marker first shows; the main thread only enforces the timeout.
    let (found, found_at) = mpsc::channel();
    let marker = options.marker.clone();
    let watcher = std::thread::spawn(move || {
        let mut parser = vt100::Parser::new(rows, cols, 0);
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    parser.process(&buf[..n]);
                    if parser.screen().contents().contains(&marker) {
                        let _ = found.send(start.elapsed());
                        return;
                    }
                }
            }
        }
    });
    let elapsed = found_at.recv_timeout(options.timeout).ok();
    let _ = child.kill();
    let _ = child.wait();
    drop(pair.master);
    let _ = watcher.join();
    Ok(elapsed)
}

fn main() -> anyhow::Result<()> {
    let options = parse_options()?;
    let mut times = Vec::with_capacity(options.runs);
    for run in 1..=options.runs {
        match time_first_screen(&options)? {
            Some(elapsed) => {
                let ms = elapsed.as_secs_f64() * 1000.0;
                println!("run {run}: {ms:.2} ms");
                times.push(ms);
            }
            None => println!("run {run}: marker not seen (timeout or exit)"),
        }
    }
    times.sort_by(f64::total_cmp);
    match times.len() {
        0 => anyhow::bail!("the marker never showed"),
        n => {
            let median = if n % 2 == 1 {
                times[n / 2]
            } else {
                (times[n / 2 - 1] + times[n / 2]) / 2.0
            };
            println!(
                "median {median:.2} ms over {n} run(s) (min {:.2}, max {:.2})",
                times[0],
                times[n - 1]
            );
        }
    }
    Ok(())
}
