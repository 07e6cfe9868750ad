//! The command line: arguments, subcommands, and the interactive reader's
//! terminal session.

pub mod args;
pub mod commands;
pub mod config;
mod inputs;
pub mod run;
pub mod sources;
pub mod store;
pub mod terminal;

use crate::app::State;
use crate::core::glossary::lexicon::{Lexicon, bundled};
use crate::core::load;
use crate::core::model::{Article, Format};
use crate::core::prose::Prose;
use args::{Cli, ColorChoice, Command, EvalCommand};
use inputs::{PREVIEW_THRESHOLD, ReaderInputs, parse_for_reader};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status for bad input (missing file, binary file, no articles).
const EXIT_BAD_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = Cli::from_env();
    match dispatch(cli) {
        Ok(code) => code,
        Err(message) => {
            // One line, sanitized: file names are untrusted too.
            eprintln!(
                "gloss: {}",
                crate::core::sanitize::sanitize_inline(&message)
            );
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

fn lexicons() -> Vec<&'static Lexicon> {
    vec![bundled()]
}

/// Reads and annotates every input for a command; directory entries that
/// were skipped are named on standard error, one line each.
fn load_all(paths: &[PathBuf]) -> Result<Vec<Article>, String> {
    let mut articles = parse_all(paths)?;
    annotate_all(&mut articles, &lexicons(), |_| true);
    Ok(articles)
}

/// Annotates the articles `which` picks on two threads, half the list
/// each: a feed's thousands of small items took one core otherwise (a
/// large article is annotated on two threads by itself).
fn annotate_all(
    articles: &mut [Article],
    lexicons: &[&Lexicon],
    which: impl Fn(&Article) -> bool + Sync,
) {
    let (first, second) = articles.split_at_mut(articles.len() / 2);
    let annotate = |articles: &mut [Article]| {
        for article in articles.iter_mut().filter(|a| which(a)) {
            load::annotate(article, lexicons);
        }
    };
    if first.is_empty() {
        return annotate(second);
    }
    crate::core::parallel::both(|| annotate(first), || annotate(second));
}

/// Articles `gloss dump` annotates at a time before writing them: a few
/// hundred feed items, so a feed's text starts to come out at once.
const DUMP_BATCH: usize = 256;

/// Writes a large article as `gloss dump` does, annotating it on the way:
/// its text is printed while its timeline is built on another
/// thread, and its glossary is built on this one once the text is out (both
/// are printed after the text). Two threads, not three: sharing two cores,
/// the text and the glossary each took turns with the timeline, the
/// longest of the three, which then ran alone for 0.15–0.3 s on 100 MB.
fn dump_annotating(
    out: &mut impl std::io::Write,
    article: &mut Article,
    lexicons: &[&Lexicon],
    width: usize,
    color: bool,
) -> std::io::Result<()> {
    let shown: &Article = article;
    let ((written, glossary), timeline) = crate::core::parallel::both(
        || {
            let written = commands::dump_text_to(out, shown, width, color);
            (
                written,
                crate::core::glossary::build(&shown.blocks, lexicons),
            )
        },
        || load::timeline_of(shown),
    );
    written?;
    article.glossary = glossary;
    article.timeline = timeline;
    commands::dump_notes_to(out, article, width, color)
}

/// Reads and parses every input for a command, without annotating;
/// directory entries that were skipped are named on standard error.
fn parse_all(paths: &[PathBuf]) -> Result<Vec<Article>, String> {
    let inputs = parse_for_reader(paths, usize::MAX)?;
    for entry in inputs.skipped {
        // A file name is untrusted text like any other.
        eprintln!(
            "gloss: skipped {}",
            crate::core::sanitize::sanitize_inline(&entry)
        );
    }
    if inputs.merged > 0 {
        eprintln!(
            "gloss: {} feed item(s) found again in another copy of the feed, shown once",
            inputs.merged
        );
    }
    Ok(inputs.articles)
}

fn print(text: &str) -> Result<ExitCode, String> {
    write_out(|out| out.write_all(text.as_bytes()))
}

/// Writes to stdout through a buffer, so large outputs stream instead of
/// being built whole in memory first.
fn write_out(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) -> Result<ExitCode, String> {
    let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
    match write(&mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`gloss dump | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

/// The one input of a command `gloss terms` or `gloss timex` reads.
struct Input {
    /// Its text: a file's as read; a book's, its chapters' text as the
    /// reader reads it, a blank line between blocks.
    text: String,
    name: Option<String>,
    /// A book, parsed already (its archive is no text to parse again).
    book: Option<Vec<crate::core::model::Article>>,
}

impl Input {
    /// The articles the input holds, parsed as the reader parses them.
    fn articles(&self) -> Result<std::borrow::Cow<'_, [crate::core::model::Article]>, String> {
        match &self.book {
            Some(book) => Ok(std::borrow::Cow::Borrowed(book)),
            None => load::parse_bytes(self.text.as_bytes(), self.name.as_deref().unwrap_or("-"))
                .map(std::borrow::Cow::Owned)
                .map_err(|e| e.to_string()),
        }
    }

    /// The prose whose characters the offsets count.
    fn prose(&self) -> Prose {
        match self.book {
            Some(_) => Prose::verbatim(&self.text),
            None => text_of(&self.text, self.name.clone()),
        }
    }
}

/// The one input of a command, and its file name if it has one.
fn named_input(path: Option<PathBuf>) -> Result<Input, String> {
    let name = path.as_ref().map(|p| p.to_string_lossy().into_owned());
    let paths = path
        .map(|p| vec![p])
        .unwrap_or_else(|| vec![PathBuf::from("-")]);
    let gathered = sources::gather(&paths)?;
    let source = gathered.sources.into_iter().next().ok_or("no input")?;
    if load::is_book(&source.bytes, &source.name) {
        let book = load::parse_bytes(&source.bytes, &source.name)
            .map_err(|e| format!("{}: {e}", source.name))?;
        let text = book
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| b.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n\n");
        return Ok(Input {
            text,
            name,
            book: Some(book),
        });
    }
    if load::looks_binary(&source.bytes) {
        let error = load::LoadError::Binary(load::binary_kind(&source.bytes));
        return Err(format!("{}: {error}", source.name));
    }
    Ok(Input {
        text: String::from_utf8_lossy(&source.bytes).into_owned(),
        name,
        book: None,
    })
}

/// The text `gloss terms` and `gloss timex` look at: the input as read,
/// except that the markup of a page, a feed or a Markdown document is not
/// its text, so only its prose is read, with where each character stands
/// in the input (offsets count the input's characters; a message's, those
/// of its decoded body).
fn text_of(input: &str, name: Option<String>) -> Prose {
    match crate::core::parse::detect_format(input, name.as_deref()) {
        Format::Html => crate::core::parse::html::page_prose(input),
        Format::Feed => crate::core::parse::feed::prose(input),
        Format::Markdown => crate::core::parse::markdown::prose(input),
        Format::Message => crate::core::parse::message::prose(input),
        _ => Prose::verbatim(input),
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode, String> {
    if cli.print_default_config {
        return print(&config::default_config());
    }
    match cli.command {
        None => read(&cli.paths, cli.config.as_deref()),
        Some(Command::Dump {
            width,
            color,
            inputs,
        }) => {
            let mut articles = parse_all(&inputs.paths)?;
            let color = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let lexicons = lexicons();
            let count = articles.len();
            write_out(|out| {
                for (b, batch) in articles.chunks_mut(DUMP_BATCH).enumerate() {
                    // Large ones are annotated as they are written.
                    annotate_all(batch, &lexicons, |a| !load::is_large(a));
                    for (i, article) in batch.iter_mut().enumerate() {
                        if b > 0 || i > 0 {
                            out.write_all(b"\n\n")?;
                        }
                        if load::is_large(article) {
                            dump_annotating(out, article, &lexicons, width, color)?;
                        } else {
                            commands::dump_to(out, article, width, color)?;
                        }
                        // Written: nothing needs it again. The last one's
                        // memory goes back when the process ends, at once:
                        // freed piece by piece, a large document's blocks,
                        // glossary and timeline took 15 ms more.
                        let written = std::mem::take(article);
                        if b * DUMP_BATCH + i + 1 == count {
                            std::mem::forget(written);
                        }
                    }
                }
                Ok(())
            })
        }
        Some(Command::Export { inputs }) => {
            let articles = load_all(&inputs.paths)?;
            write_out(|out| commands::export_to(out, &articles))
        }
        Some(Command::Terms { path }) => {
            let input = named_input(path)?;
            // A glossary list is structure (a page's <dl>, a Markdown list),
            // read from the parsed document as the reader reads it.
            let given = input
                .articles()?
                .iter()
                .flat_map(|article| crate::core::glossary::article_entries(&article.blocks))
                .collect();
            print(&commands::terms(&input.prose(), &lexicons(), given))
        }
        Some(Command::Timex { dct, path }) => {
            let input = named_input(path)?;
            let anchor = match dct {
                Some(d) => Some(
                    d.parse()
                        .map_err(|_| format!("--dct {d:?} is not a date (YYYY-MM-DD)"))?,
                ),
                None => input
                    .articles()?
                    .first()
                    .and_then(|a| a.meta.published.as_deref())
                    .and_then(|p| p.get(..10)?.parse().ok()),
            };
            print(&commands::timex_lines(&input.prose(), anchor))
        }
        Some(Command::Timeline { json, aid, inputs }) => {
            let articles = load_all(&inputs.paths)?;
            if json {
                print(&commands::timeline_json(&articles, aid))
            } else {
                let tables: Vec<String> = articles
                    .iter()
                    .map(|a| {
                        format!(
                            "{}\n{}",
                            a.meta.display_title(),
                            commands::timeline_table(a, aid)
                        )
                    })
                    .collect();
                print(&tables.join("\n"))
            }
        }
        Some(Command::Eval { what }) => eval(what),
        Some(Command::SaveLoop { dir }) => store::save_loop(&dir),
        Some(Command::Generate { bytes, format }) => {
            use crate::eval::synth::{SynthFormat, generate, generate_book};
            if format == "epub" {
                let book = generate_book(bytes);
                return write_out(|out| out.write_all(&book));
            }
            let format = match format.as_str() {
                "markdown" => SynthFormat::Markdown,
                "html" => SynthFormat::Html,
                "feed" => SynthFormat::Feed,
                _ => SynthFormat::Text,
            };
            print(&generate(bytes, format))
        }
    }
}

fn eval(what: EvalCommand) -> Result<ExitCode, String> {
    match run_eval(what) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // `gloss eval acronyms | head`, as with `print`.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Err(format!("{e:#}")),
    }
}

fn run_eval(what: EvalCommand) -> anyhow::Result<()> {
    let corpora = PathBuf::from("../shared/corpora");
    let mut out = std::io::stdout().lock();
    match what {
        EvalCommand::Acronyms { paths } => {
            let paths = if paths.is_empty() {
                vec![
                    corpora.join("acronyms-ab3p/Ab3P.pairs.jsonl"),
                    corpora.join("acronyms-bioadi/bioadi.pairs.jsonl"),
                ]
            } else {
                paths
            };
            crate::eval::acronyms::run(&paths, &mut out)?;
        }
        EvalCommand::Timex { path, whole } => {
            let path =
                path.unwrap_or_else(|| corpora.join("timex-meantime/meantime_en.timex.jsonl"));
            if whole {
                crate::eval::timex::run_with(&path, &mut out, None)?;
            } else {
                crate::eval::timex::run(&path, &mut out)?;
            }
        }
    }
    Ok(())
}

/// The interactive reader.
fn read(paths: &[PathBuf], config_path: Option<&std::path::Path>) -> Result<ExitCode, String> {
    let on_terminal = std::io::stdout().is_terminal();
    // Nothing is written to the terminal until the input has parsed, so an
    // error leaves the screen as it was.
    let prepared = on_terminal
        .then(|| {
            // Handed back over a channel: joining would also wait for the
            // thread to exit.
            let (sender, receiver) = std::sync::mpsc::sync_channel(1);
            std::thread::Builder::new()
                .name("terminal".to_owned())
                // Nobody receives when the input failed to load: fine.
                .spawn(move || drop(sender.send(terminal::prepare())))
                .ok()
                .map(|_| receiver)
        })
        .flatten();
    let config = config::load(config_path)?;
    let mut notices = Vec::new();
    // The reader's own notes join the bundled glossary; a bad notes file is
    // reported, not fatal.
    let notes = store::load_notes().unwrap_or_else(|e| {
        notices.push(format!("Glossary notes not loaded: {e}"));
        Lexicon::default()
    });
    // The text is shown as soon as it is parsed (a large file from its
    // beginning); the rest, the glossary and the timeline are built in the
    // background and fill in when ready.
    let ReaderInputs {
        articles,
        pending,
        skipped,
        merged,
    } = parse_for_reader(paths, PREVIEW_THRESHOLD)?;
    if !on_terminal {
        return Err("the reader needs a terminal; use `gloss dump` to print".to_owned());
    }
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut state = State::with_size(articles, config.settings(no_color), config.keymap(), size);
    if !skipped.is_empty() {
        notices.push(format!(
            "Skipped {} file(s) that are not articles: {}",
            skipped.len(),
            skipped.join(", ")
        ));
    }
    state.feed_items_merged = merged;
    if merged > 0 {
        notices.push(format!(
            "{merged} feed item(s) found again in another copy of the feed, shown once"
        ));
    }
    for p in &pending {
        if let run::Shown::FeedItems(count) = p.shown {
            let name = crate::core::sanitize::sanitize_inline(&p.name);
            notices.push(format!(
                "{name}: first {count} items shown, loading the rest…"
            ));
        }
    }
    let (mut persistence, message) = store::Persistence::open(store::Store::open_default());
    notices.extend(message);
    if !notices.is_empty() {
        state.status = Some(notices.join(" · "));
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    state.user_notes = notes.clone();
    state.annotated = 0;
    state
        .status
        .get_or_insert_with(|| "Building glossary and timeline…".to_owned());
    state.loading = pending.len();
    let work = run::annotation_work(&state.articles);
    let links = run::FeedLinks::of(&state.articles);
    let annotation_sender = sender.clone();
    let glossary_sender = sender.clone();
    let signals = run::watch_signals().map_err(|e| format!("cannot watch signals: {e}"))?;
    // Prepared here if the thread could not start or did not finish.
    let prepared = prepared
        .and_then(|receiver| receiver.recv().ok())
        .unwrap_or_else(terminal::prepare);
    let mut terminal = prepared
        .and_then(terminal::enter)
        .map_err(|e| format!("cannot set up the terminal: {e}"))?;
    let result = run::run(
        &mut terminal,
        &mut state,
        &receiver,
        terminal::suspend,
        &mut persistence,
        // Threads start after the first frame: spawning one costs the
        // first screen 0.1-0.3 ms. Keys typed meanwhile wait in the terminal.
        move || {
            signals.forward(sender.clone());
            run::spawn_input_thread(sender);
            run::spawn_annotation_thread(work, links, pending, notes, annotation_sender);
        },
        move |work| run::spawn_glossary_thread(work, glossary_sender.clone()),
    );
    terminal::restore();
    // Quit, a signal or a terminal error: keep the place either way.
    if let Some(message) = persistence.finish(&state) {
        eprintln!(
            "gloss: {}",
            crate::core::sanitize::sanitize_inline(&message)
        );
    }
    match result {
        Ok(run::Exit::Quit) => Ok(ExitCode::SUCCESS),
        Ok(run::Exit::Signal(signal)) => Ok(ExitCode::from(128u8.saturating_add(signal as u8))),
        Err(e) => Err(format!("terminal error: {e}")),
    }
}
