//! The event loop, generic over the backend so tests can drive it on
//! ratatui's `TestBackend`.

use super::store::Persistence;
use crate::app::library::Scope;
use crate::app::{Action, State, input::translate, update};
use crate::core::glossary::lexicon::{Lexicon, bundled};
use crate::core::load;
use crate::core::model::{Article, Block, Format, GlossaryEntry, Meta, TimelineEvent};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// What the loop waits for.
#[derive(Debug)]
pub enum LoopEvent {
    Terminal(Event),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: quit cleanly.
    Signal(i32),
    /// The input thread could not read the terminal any more.
    InputClosed,
    /// A large article, shown from its beginning, is now parsed whole.
    Loaded {
        index: usize,
        article: Box<Article>,
    },
    /// The items of a large feed after those shown first, to add at the end,
    /// and the metadata of those shown first (articles `shown_from..`) as
    /// the whole feed gives it: fields the feed sets after its items, such
    /// as a JSON Feed's title, were not in the preview.
    MoreItems {
        articles: Vec<Article>,
        shown_from: usize,
        shown_meta: Vec<Meta>,
    },
    /// One of a directory's files that a stand-in held the place of, read:
    /// its article takes the place, and any more it holds (a feed the
    /// stand-in did not look like) go after every article.
    Read {
        index: usize,
        article: Box<Article>,
        more: Vec<Article>,
    },
    /// One of a directory's feeds read after the first frame (no stand-in
    /// held its place): its items to add after every article and how many
    /// were left out as shown already from another copy of the feed, or why
    /// it could not be read.
    Appended {
        name: String,
        read: Result<(Vec<Article>, usize), String>,
    },
    /// The rest of a large article could not be read or parsed.
    LoadFailed {
        index: usize,
        reason: String,
    },
    /// The glossary and timeline of article `index` are ready, with the
    /// article's persistence key (hashing its text is left to this thread).
    Annotated {
        index: usize,
        key: String,
        glossary: Vec<GlossaryEntry>,
        timeline: Vec<TimelineEvent>,
    },
    /// Article `index`'s glossary rebuilt with the notes of `notes_version`,
    /// for `blocks`.
    Reglossed {
        index: usize,
        notes_version: u64,
        blocks: Arc<Vec<Block>>,
        glossary: Vec<GlossaryEntry>,
    },
}

/// Why the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
}

/// Reads events until the state asks to quit or a signal arrives. `suspend`
/// is called for Ctrl-Z (the real terminal stops the process there).
/// `persistence` restores the article and saves as the reader moves (the
/// caller saves once more after the loop ends). `after_first_frame` starts
/// the background work; `rebuild_glossaries` is handed the glossaries a
/// changed note made out of date (see [`spawn_glossary_thread`]).
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &Receiver<LoopEvent>,
    mut suspend: impl FnMut(&mut Terminal<B>) -> std::io::Result<()>,
    persistence: &mut Persistence,
    after_first_frame: impl FnOnce(),
    mut rebuild_glossaries: impl FnMut(GlossaryWork),
) -> std::io::Result<Exit>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io_error)?;
    update(state, Action::Resize(size.width, size.height));
    note_saved(state, persistence);
    draw(terminal, state)?;
    // Background work starts only now, so it never competes with the first
    // frame for a core.
    after_first_frame();
    if std::env::var_os("GLOSS_TEST_PANIC").is_some() {
        panic!("GLOSS_TEST_PANIC is set: panicking on purpose after the first frame");
    }
    let mut last_merge = None;
    let newest_notes = Arc::new(AtomicU64::new(state.notes_version));
    loop {
        // Wake up for a pending save even when no key is pressed.
        let first = match persistence.due() {
            Some(due) => match events.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => {
                    note_saved(state, persistence);
                    draw(terminal, state)?;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
            },
            None => match events.recv() {
                Ok(event) => event,
                Err(_) => return Ok(Exit::Quit),
            },
        };
        // Apply everything already queued before drawing once: a resize storm
        // or a held key costs one frame, not one per event.
        for event in std::iter::once(first).chain(events.try_iter()) {
            match event {
                LoopEvent::Signal(signal) => return Ok(Exit::Signal(signal)),
                LoopEvent::InputClosed => return Ok(Exit::Quit),
                LoopEvent::Terminal(Event::Key(key))
                    if is_suspend(&key) && state.prompt.is_none() =>
                {
                    suspend(terminal)?;
                    let size = terminal.size().map_err(io_error)?;
                    update(state, Action::Resize(size.width, size.height));
                }
                LoopEvent::Terminal(event) => {
                    if let Some(action) = translate(state, &event) {
                        update(state, action);
                    }
                    if let Some(url) = state.open_url.take()
                        && let Err(message) = open_url(&url)
                    {
                        state.status = Some(message);
                    }
                    if !state.notes_unsaved.is_empty() {
                        let changes = std::mem::take(&mut state.notes_unsaved);
                        match super::store::save_note_changes(&changes) {
                            Ok(saved) => state.adopt_saved_notes(saved),
                            Err(message) => {
                                state.status = Some(format!("Note not saved: {message}"));
                            }
                        }
                    }
                }
                LoopEvent::Annotated {
                    index,
                    key,
                    glossary,
                    timeline,
                } => {
                    state.set_annotations(index, glossary, timeline);
                    // The library list shows what earlier sessions read.
                    if let Some(record) = persistence.record(&key) {
                        state.restore_library_marks(index, record.read, record.progress);
                    }
                }
                LoopEvent::Reglossed {
                    index,
                    notes_version,
                    blocks,
                    glossary,
                } => state.set_glossary(index, notes_version, &blocks, glossary),
                LoopEvent::Loaded { index, article } => state.replace_article(index, *article),
                LoopEvent::MoreItems {
                    articles,
                    shown_from,
                    shown_meta,
                } => state.feed_loaded(shown_from, shown_meta, articles),
                LoopEvent::LoadFailed { index, reason } => state.loading_failed(index, &reason),
                LoopEvent::Appended { name, read } => state.feed_appended(&name, read),
                LoopEvent::Read {
                    index,
                    article,
                    more,
                } => state.fill_in(index, *article, more),
            }
            if state.should_quit {
                return Ok(Exit::Quit);
            }
        }
        if !state.glossaries_due.is_empty() {
            newest_notes.store(state.notes_version, Ordering::Relaxed);
            rebuild_glossaries(glossary_work(state, &newest_notes));
        }
        note_saved(state, persistence);
        merge_library(state, &mut last_merge);
        draw(terminal, state)?;
    }
}

/// Glossaries to rebuild with the reader's notes as they are now.
pub struct GlossaryWork {
    pub notes: Lexicon,
    pub notes_version: u64,
    /// Article index and the blocks to build for, in the order to build.
    pub articles: Vec<(usize, Arc<Vec<Block>>)>,
    /// The newest notes version: work for older notes stops early.
    pub newest: Arc<AtomicU64>,
}

/// Takes the glossaries the state marked as out of date.
fn glossary_work(state: &mut State, newest: &Arc<AtomicU64>) -> GlossaryWork {
    let due = std::mem::take(&mut state.glossaries_due);
    GlossaryWork {
        notes: state.user_notes.clone(),
        notes_version: state.notes_version,
        articles: due
            .into_iter()
            .filter_map(|i| Some((i, state.articles.get(i)?.blocks.clone())))
            .collect(),
        newest: Arc::clone(newest),
    }
}

/// Off the UI thread: rebuilds glossaries after a note changed, sending each
/// as it is ready. Stops when a newer change makes its notes out of date.
pub fn spawn_glossary_thread(work: GlossaryWork, sender: Sender<LoopEvent>) {
    let spawned = std::thread::Builder::new()
        .name("glossaries".into())
        .spawn(move || {
            let lexicons = [bundled(), &work.notes];
            for (index, blocks) in work.articles {
                if work.newest.load(Ordering::Relaxed) != work.notes_version {
                    return;
                }
                let glossary = crate::core::glossary::build(&blocks, &lexicons);
                let event = LoopEvent::Reglossed {
                    index,
                    notes_version: work.notes_version,
                    blocks,
                    glossary,
                };
                if sender.send(event).is_err() {
                    return;
                }
            }
        });
    // Without a thread the glossaries keep the notes they were built with.
    drop(spawned);
}

/// How often the library's merged glossary and timeline are rebuilt while
/// annotations are still arriving (each rebuild walks every article).
const MERGE_INTERVAL: Duration = Duration::from_millis(500);

/// Rebuilds the merged views for the library scope: once all articles are
/// annotated, and meanwhile at most every [`MERGE_INTERVAL`], so a large
/// library keeps answering keys while it is annotated.
fn merge_library(state: &mut State, last_merge: &mut Option<Instant>) {
    let all_in = state.annotated >= state.articles.len() && state.loading == 0;
    let due = last_merge.is_none_or(|at| at.elapsed() >= MERGE_INTERVAL);
    if state.library.scope == Scope::Library && !state.library.is_merged() && (all_in || due) {
        state.library.ensure_merged(&state.articles);
        *last_merge = Some(Instant::now());
    }
}

/// Lets persistence see the state; a failed save shows on the status line.
fn note_saved(state: &mut State, persistence: &mut Persistence) {
    if let Some(message) = persistence.after_update(state, Instant::now()) {
        state.status = Some(message);
    }
}

/// A backend's error as an I/O error: crossterm's already is one, and
/// `TestBackend`'s (which cannot happen) is wrapped.
fn io_error<E: std::error::Error + Send + Sync + 'static>(error: E) -> std::io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
    match boxed.downcast::<std::io::Error>() {
        Ok(io) => *io,
        Err(other) => std::io::Error::other(other),
    }
}

fn is_suspend(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL)
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, state: &mut State) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    // Articles read in the background since the last key may have
    // changed the library's order.
    state.library.refresh_order(&state.articles);
    // The terminal may have been resized with the event still queued behind
    // this frame's: lay out for the size the frame will have.
    let size = terminal.size().map_err(io_error)?;
    if (size.width, size.height) != state.size {
        update(state, Action::Resize(size.width, size.height));
    }
    terminal
        .draw(|frame| frame.render_widget(&*state, frame.area()))
        .map(|_| ())
        .map_err(io_error)
}

/// Forwards terminal events from a blocking reader thread.
pub fn spawn_input_thread(sender: Sender<LoopEvent>) {
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                let event = match ratatui::crossterm::event::read() {
                    Ok(event) => LoopEvent::Terminal(event),
                    Err(_) => LoopEvent::InputClosed,
                };
                let closed = matches!(event, LoopEvent::InputClosed);
                if sender.send(event).is_err() || closed {
                    break;
                }
            }
        })
        .expect("spawning the input thread");
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT, caught from [`watch_signals`] on and
/// forwarded as events once [`SignalWatch::forward`] runs, so the loop can
/// restore the terminal and save state before exiting. The two steps are
/// apart so that the forwarding thread starts after the first frame: a
/// signal in between waits in signal-hook's queue.
pub struct SignalWatch {
    #[cfg(unix)]
    signals: signal_hook::iterator::Signals,
}

/// Catches the signals that must restore the terminal (see [`SignalWatch`]).
pub fn watch_signals() -> std::io::Result<SignalWatch> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        // SIGQUIT too: its default (a core dump) left the terminal raw,
        // in the alternate screen, with no cursor.
        let signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        Ok(SignalWatch { signals })
    }
    #[cfg(not(unix))]
    Ok(SignalWatch {})
}

impl SignalWatch {
    /// Sends every signal caught, including those caught before this call.
    pub fn forward(self, sender: Sender<LoopEvent>) {
        #[cfg(unix)]
        {
            let mut signals = self.signals;
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        if sender.send(LoopEvent::Signal(signal)).is_err() {
                            break;
                        }
                    }
                })
                .expect("spawning the signal thread");
        }
        #[cfg(not(unix))]
        let _ = sender;
    }
}

/// A large input shown from its beginning, to be parsed whole.
pub struct PendingParse {
    /// The article showing its beginning (a feed's first item).
    pub index: usize,
    pub name: String,
    pub input: PendingInput,
    pub shown: Shown,
}

/// What of a large input is on screen while the rest loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The beginning of one article, replaced by the whole when parsed.
    Beginning,
    /// A feed's first items; the others are added after all articles, so
    /// no article's index changes under the reader.
    FeedItems(usize),
    /// Nothing yet: a stand-in holds the place of one of a directory's
    /// files, read once the articles shown first are annotated.
    Later,
    /// Nothing, and no place held: one of a directory's feeds, read once
    /// the articles shown first are annotated, its items then added after
    /// every article (those an earlier copy of the feed shows left out).
    Appended,
}

/// The feed items shown so far, by link, with the file each came from:
/// what a feed read later is merged into.
#[derive(Debug, Default)]
pub struct FeedLinks(std::collections::HashMap<String, Option<String>>);

impl FeedLinks {
    pub fn of(articles: &[Article]) -> FeedLinks {
        let mut links = FeedLinks::default();
        for article in articles {
            links.admit(article);
        }
        links
    }

    /// Whether `article` is to be shown: not a feed item whose link an item
    /// of another file has (within one file, items sharing a link are the
    /// feed's own separate items, as at the start).
    fn admit(&mut self, article: &Article) -> bool {
        let meta = &article.meta;
        let Some(url) = meta.url.as_ref().filter(|_| meta.format == Format::Feed) else {
            return true;
        };
        match self.0.get(url) {
            Some(source) => *source == meta.source,
            None => {
                self.0.insert(url.clone(), meta.source.clone());
                true
            }
        }
    }
}

/// The whole text of a large input: already in memory, a file of which only
/// the beginning was read, or standard input after its first bytes.
pub enum PendingInput {
    Bytes(Vec<u8>),
    File(std::path::PathBuf),
    Stdin(Vec<u8>),
}

/// What the annotation thread needs of each article: its blocks (shared
/// with the UI, which only reads them) and publication date.
pub type AnnotationWork = Vec<(Arc<Vec<Block>>, Option<String>)>;

/// What the annotation thread needs, without copying any text.
pub fn annotation_work(articles: &[Article]) -> AnnotationWork {
    articles
        .iter()
        .map(|a| (a.blocks.clone(), a.meta.published.clone()))
        .collect()
}

/// Off the UI thread: parses the large inputs that were shown from their
/// beginning (`pending`: article index, name, bytes), builds every shown
/// article's glossary and timeline, so the first frame never waits for them,
/// then reads and annotates a directory's files that only a stand-in holds
/// the place of ([`Shown::Later`]).
pub fn spawn_annotation_thread(
    mut work: AnnotationWork,
    mut links: FeedLinks,
    pending: Vec<PendingParse>,
    notes: Lexicon,
    sender: Sender<LoopEvent>,
) {
    let spawned = std::thread::Builder::new()
        .name("annotate".into())
        .spawn(move || {
            let (later, now): (Vec<_>, Vec<_>) = pending
                .into_iter()
                .partition(|p| matches!(p.shown, Shown::Later | Shown::Appended));
            for PendingParse {
                index,
                name,
                input,
                shown,
            } in now
            {
                let parsed = match parse_pending(input, &name) {
                    Ok(parsed) => parsed,
                    Err(reason) => {
                        let _ = sender.send(LoopEvent::LoadFailed { index, reason });
                        continue;
                    }
                };
                let event = match shown {
                    // (Stand-ins and appended feeds are read later, below.)
                    Shown::Beginning | Shown::Later | Shown::Appended => {
                        loaded(&mut work, index, parsed)
                    }
                    Shown::FeedItems(count) => {
                        let mut parsed = parsed;
                        let articles: Vec<Article> = parsed.split_off(count.min(parsed.len()));
                        work.extend(annotation_work(&articles));
                        // Shown now: a copy read later leaves them out.
                        for article in &articles {
                            links.admit(article);
                        }
                        LoopEvent::MoreItems {
                            articles,
                            shown_from: index,
                            shown_meta: parsed.into_iter().map(|a| a.meta).collect(),
                        }
                    }
                };
                if sender.send(event).is_err() {
                    return;
                }
            }
            let lexicons = [bundled(), &notes];
            // An appended feed holds no place: its index is only where its
            // items would have gone.
            let stand_ins: std::collections::HashSet<usize> = later
                .iter()
                .filter(|p| p.shown == Shown::Later)
                .map(|p| p.index)
                .collect();
            for (index, (blocks, published)) in work.iter().enumerate() {
                if stand_ins.contains(&index) {
                    continue;
                }
                if sender
                    .send(annotated(index, blocks, published, &lexicons))
                    .is_err()
                {
                    return;
                }
            }
            read_later(later, &mut work, &mut links, &lexicons, &sender);
        });
    // Without a thread the reader still works, just without annotations.
    drop(spawned);
}

/// A directory's files that stand-ins held the places of, and its feeds
/// read after the first frame, read on every core a few at a time, so each
/// shows up soon, and annotated here. A large one is read alone, so two are
/// never half parsed in memory at once. Stops when the reader has gone.
fn read_later(
    later: Vec<PendingParse>,
    work: &mut AnnotationWork,
    links: &mut FeedLinks,
    lexicons: &[&Lexicon],
    sender: &Sender<LoopEvent>,
) {
    let annotate = |work: &AnnotationWork, index: usize| {
        let (blocks, published) = &work[index];
        sender.send(annotated(index, blocks, published, lexicons))
    };
    let mut later = later.into_iter().peekable();
    while let Some(first) = later.next() {
        let alone = reads_alone(&first.input);
        let mut batch = vec![first];
        while !alone
            && batch.len() < LATER_BATCH
            && let Some(next) = later.next_if(|p| !reads_alone(&p.input))
        {
            batch.push(next);
        }
        let parsed = crate::core::parallel::map_in_order(batch, |p| {
            let parsed = parse_pending(p.input, &p.name);
            (p.index, p.shown, p.name, parsed)
        });
        for (index, shown, name, parsed) in parsed {
            if shown == Shown::Appended {
                let read = parsed.map(|parsed| {
                    let count = parsed.len();
                    let new: Vec<Article> = parsed.into_iter().filter(|a| links.admit(a)).collect();
                    let merged = count - new.len();
                    (new, merged)
                });
                let added = work.len()..work.len() + read.as_ref().map_or(0, |(new, _)| new.len());
                if let Ok((new, _)) = &read {
                    work.extend(annotation_work(new));
                }
                if sender.send(LoopEvent::Appended { name, read }).is_err()
                    || added.into_iter().any(|i| annotate(work, i).is_err())
                {
                    return;
                }
                continue;
            }
            let mut parsed = match parsed {
                Ok(parsed) => parsed,
                // The stand-in stays, saying why, and counts as annotated
                // so the reader still learns that all is done.
                Err(reason) => {
                    if sender
                        .send(LoopEvent::LoadFailed { index, reason })
                        .is_err()
                        || annotate(work, index).is_err()
                    {
                        return;
                    }
                    continue;
                }
            };
            let more = parsed.split_off(1);
            let article = parsed.remove(0);
            for shown in std::iter::once(&article).chain(&more) {
                links.admit(shown);
            }
            work[index] = (article.blocks.clone(), article.meta.published.clone());
            let added = work.len()..work.len() + more.len();
            work.extend(annotation_work(&more));
            let event = LoopEvent::Read {
                index,
                article: Box::new(article),
                more,
            };
            if sender.send(event).is_err() {
                return;
            }
            for i in std::iter::once(index).chain(added) {
                if annotate(work, i).is_err() {
                    return;
                }
            }
        }
    }
}

/// Whether an input is parsed alone rather than with others: a large one,
/// whose parse takes much memory and already uses two cores.
fn reads_alone(input: &PendingInput) -> bool {
    match input {
        PendingInput::Bytes(bytes) => bytes.len() as u64 > super::inputs::TOGETHER_LIMIT,
        PendingInput::File(path) => {
            std::fs::metadata(path).map_or(true, |m| m.len() > super::inputs::TOGETHER_LIMIT)
        }
        PendingInput::Stdin(_) => true,
    }
}

/// How many of a directory's later files are read at once.
const LATER_BATCH: usize = 32;

/// A pending input parsed whole, or why it could not be. The file may have
/// gone or changed since it was first read: the reader says why.
fn parse_pending(input: PendingInput, name: &str) -> Result<Vec<Article>, String> {
    let parsed = match input {
        PendingInput::Bytes(bytes) => load::parse_owned(bytes, name),
        PendingInput::Stdin(head) => super::sources::parse_stdin_after(head, name),
        // Streamed: the raw file is never held whole beside its text.
        PendingInput::File(path) => std::fs::File::open(path)
            .and_then(|file| Ok((file.metadata()?.len(), file)))
            .map_err(load::LoadError::Read)
            .and_then(|(len, file)| load::parse_file(file, len as usize, name)),
    };
    match parsed {
        Ok(parsed) if !parsed.is_empty() => Ok(parsed),
        Ok(_) => Err("no article in it".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Article `index` parsed whole: its first article takes the place, and
/// the annotation work follows it.
fn loaded(work: &mut AnnotationWork, index: usize, mut parsed: Vec<Article>) -> LoopEvent {
    let article = parsed.remove(0);
    work[index] = (article.blocks.clone(), article.meta.published.clone());
    LoopEvent::Loaded {
        index,
        article: Box::new(article),
    }
}

/// The glossary and timeline of article `index`.
fn annotated(
    index: usize,
    blocks: &Arc<Vec<Block>>,
    published: &Option<String>,
    lexicons: &[&Lexicon],
) -> LoopEvent {
    let mut article = Article {
        blocks: blocks.clone(),
        ..Article::default()
    };
    article.meta.published.clone_from(published);
    crate::core::load::annotate(&mut article, lexicons);
    LoopEvent::Annotated {
        index,
        key: super::store::article_key(&article),
        glossary: article.glossary,
        timeline: article.timeline,
    }
}

/// Opens a link with the system's opener: `$BROWSER` if set, else `xdg-open`
/// (or `open` on macOS). The URL is one argument, never part of a shell
/// string, and only web and mail links are opened.
pub fn open_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    if !["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Err(format!(
            "not opening {url}: only http(s) and mailto links are opened"
        ));
    }
    let opener = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| {
            if cfg!(target_os = "macos") {
                "open".to_owned()
            } else {
                "xdg-open".to_owned()
            }
        });
    std::process::Command::new(opener.trim())
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| format!("cannot start {opener}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{keymap::Keymap, state::Settings};
    use crate::core::load::{load_bytes, parse_bytes};

    fn glossary_work_for(texts: &[&str], newest: u64) -> GlossaryWork {
        let mut notes = Lexicon::default();
        notes
            .entries
            .push(crate::core::glossary::lexicon::LexiconEntry {
                term: "harbour".to_owned(),
                definition: "Where ships shelter.".to_owned(),
                aliases: Vec::new(),
                category: None,
                source: Some(crate::core::model::EntrySource::User),
            });
        let articles = texts
            .iter()
            .enumerate()
            .map(|(i, t)| (i, parse_bytes(t.as_bytes(), "t").unwrap().remove(0).blocks))
            .collect();
        GlossaryWork {
            notes,
            notes_version: 3,
            articles,
            newest: Arc::new(AtomicU64::new(newest)),
        }
    }

    /// The glossary thread sends each article's glossary, built with the
    /// notes it was given, in order; work for older notes stops.
    #[test]
    fn the_glossary_thread_rebuilds_in_order_and_stops_when_out_of_date() {
        let texts = [
            "One\n\nThe harbour reopened.\n",
            "Two\n\nA harbour wall fell.\n",
        ];
        let work = glossary_work_for(&texts, 3);
        let (sender, receiver) = std::sync::mpsc::channel();
        spawn_glossary_thread(work, sender);
        let got: Vec<(usize, u64, bool)> = receiver
            .iter()
            .map(|event| match event {
                LoopEvent::Reglossed {
                    index,
                    notes_version,
                    glossary,
                    ..
                } => (
                    index,
                    notes_version,
                    glossary.iter().any(|e| e.term == "harbour"),
                ),
                other => panic!("unexpected {other:?}"),
            })
            .collect();
        assert_eq!(got, vec![(0, 3, true), (1, 3, true)]);

        let stale = glossary_work_for(&texts, 4);
        let (sender, receiver) = std::sync::mpsc::channel();
        spawn_glossary_thread(stale, sender);
        assert_eq!(
            receiver.iter().count(),
            0,
            "newer notes exist: nothing built"
        );
    }

    /// While annotations arrive, the library's merged views are rebuilt at
    /// most every MERGE_INTERVAL, not once per article; when all are in, at once.
    #[test]
    fn the_library_merge_waits_while_annotations_arrive() {
        let texts = [
            "One\n\nOn 3 May 2024 the minister said the harbour talks would resume.\n",
            "Two\n\nOn 3 May 2024 the minister said harbour talks would resume soon.\n",
        ];
        let parsed: Vec<Article> = texts
            .iter()
            .flat_map(|t| parse_bytes(t.as_bytes(), "t").unwrap())
            .collect();
        let mut state = State::new(parsed, Settings::default(), Keymap::default());
        state.annotated = 0;
        update(&mut state, Action::Resize(120, 40));
        update(&mut state, Action::ToggleScope);
        assert_eq!(state.library.scope, Scope::Library);
        let mut last_merge = Some(Instant::now());

        let annotated = |i: usize| load_bytes(texts[i].as_bytes(), "t", &[]).unwrap().remove(0);
        let first = annotated(0);
        state.set_annotations(0, first.glossary, first.timeline);
        merge_library(&mut state, &mut last_merge);
        assert!(!state.library.is_merged(), "merged just now: waits");

        let second = annotated(1);
        state.set_annotations(1, second.glossary, second.timeline);
        merge_library(&mut state, &mut last_merge);
        assert!(state.library.is_merged(), "all annotated: merged at once");
        assert_eq!(state.library.merged_timeline.len(), 1);
        assert_eq!(state.library.merged_timeline[0].sources.len(), 2);
    }
}
