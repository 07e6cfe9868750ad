//! Reading state that survives restarts: one JSON file in the platform's state
//! directory, written atomically under a lock so two running readers merge
//! their changes instead of overwriting each other's.
//!
//! ```json
//! {"version": 1, "articles": {"<content hash>": {"title": "…",
//!   "position": {"block": 3, "offset": 120}, "read": false, "progress": 40,
//!   "bookmarks": [{"block": 5, "offset": 0, "label": "…"}],
//!   "last_read": "2025-09-01T10:00:00Z"}}}
//! ```
//!
//! Also the reader's glossary notes (`notes.toml` in the data directory).

use crate::app::State;
use crate::app::state::{Bookmark, NoteChange, Position};
use crate::core::glossary::lexicon::Lexicon;
use crate::core::model::{Article, EntrySource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The state file's format version; any other version is moved aside.
pub const VERSION: u32 = 1;
pub const STATE_FILE: &str = "state.json";
const LOCK_FILE: &str = "state.lock";
pub const NOTES_FILE: &str = "notes.toml";
/// Taken while the notes file is read, changed and written.
const NOTES_LOCK_FILE: &str = "notes.lock";
/// How long a save waits for another gloss to finish its own.
const LOCK_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u32,
    #[serde(default)]
    pub articles: BTreeMap<String, ArticleRecord>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: VERSION,
            articles: BTreeMap::new(),
        }
    }
}

/// What is remembered about one article, keyed by [`article_key`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub position: Position,
    #[serde(default)]
    pub read: bool,
    #[serde(default)]
    pub progress: u8,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// ISO 8601 UTC time of the last save of this record.
    #[serde(default)]
    pub last_read: Option<String>,
}

/// A stable identity for an article: FNV-1a (64 bits) over its cleaned block
/// texts, so renaming or moving the file keeps its place, and the hash does
/// not change between Rust versions as `DefaultHasher` may.
pub fn article_key(article: &Article) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for block in article.blocks.iter() {
        feed(block.text.as_bytes());
        // A separator so ["ab", "c"] and ["a", "bc"] differ.
        feed(&[0]);
    }
    format!("{hash:016x}")
}

/// The record for the article being read now.
pub fn snapshot(state: &State) -> (String, ArticleRecord) {
    let key = article_key(state.article());
    (key, record_of(state))
}

/// The current article's record, without its key (hashing the text is the
/// expensive part, so the loop keeps the key per article).
fn record_of(state: &State) -> ArticleRecord {
    let article = state.article();
    ArticleRecord {
        title: article.meta.title.clone(),
        position: state.position(),
        read: state.reader.seen_end,
        progress: state.progress(),
        bookmarks: state.reader.bookmarks.clone(),
        last_read: None,
    }
}

/// Applies a saved record to the state's current article.
pub fn apply(state: &mut State, record: &ArticleRecord) {
    state.restore(record.position, record.bookmarks.clone(), record.read);
}

fn env_dir(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gloss")
}

/// `GLOSS_STATE_DIR`, else the platform's state directory (the local data
/// directory where there is none, as on macOS and Windows).
pub fn state_dir() -> Option<PathBuf> {
    env_dir("GLOSS_STATE_DIR").or_else(|| {
        let dirs = project_dirs()?;
        Some(
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_path_buf(),
        )
    })
}

/// `GLOSS_DATA_DIR`, else the platform's data directory.
pub fn data_dir() -> Option<PathBuf> {
    env_dir("GLOSS_DATA_DIR").or_else(|| Some(project_dirs()?.data_dir().to_path_buf()))
}

/// An exclusive advisory lock on the file `name` in `dir` (created, and
/// the directory with it), waiting up to [`LOCK_WAIT`] for another gloss.
fn lock_in(dir: &Path, name: &str) -> io::Result<File> {
    fs::create_dir_all(dir)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(name))?;
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    "another gloss is holding the lock",
                ));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Writes `bytes` to `path` so that readers see the old or the new content,
/// never a mix: a temporary file in the same directory, fsync, rename over,
/// fsync the directory (so the rename itself survives a power cut).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let temp = dir.join(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Directories cannot be opened for syncing there; the rename is enough.
    Ok(())
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The state file in one directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The store in [`state_dir`].
    pub fn open_default() -> Option<Store> {
        state_dir().map(Store::new)
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Reads the state file. A missing file gives defaults silently; an
    /// unreadable one gives defaults and a message for the status line, and if
    /// its content is bad it is moved aside as `state.json.corrupt-<unix time>`
    /// so nothing is lost and the next save starts clean.
    pub fn load(&self) -> (StateFile, Option<String>) {
        // Saves replace the file whole (a rename), so reading it needs no
        // lock, nor the directory to exist: the first screen never waits for
        // another gloss's save. Only moving a bad file aside does, since a
        // save may be replacing it meanwhile.
        match fs::read(self.path()) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (StateFile::default(), None),
            Ok(bytes) => {
                if let Ok(file) = parse(&bytes) {
                    return (file, None);
                }
            }
            Err(_) => {}
        }
        let _lock = self.lock().ok();
        self.load_unlocked()
    }

    fn load_unlocked(&self) -> (StateFile, Option<String>) {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return (StateFile::default(), None),
            Err(e) => {
                return (
                    StateFile::default(),
                    Some(format!(
                        "Cannot read the reading state {}: {e}",
                        path.display()
                    )),
                );
            }
        };
        match parse(&bytes) {
            Ok(file) => (file, None),
            Err(why) => {
                let message = match self.move_aside() {
                    Ok(aside) => format!(
                        "Reading state was {why}: moved it to {} and started afresh",
                        aside.display()
                    ),
                    Err(e) => format!("Reading state was {why} (and could not be moved: {e})"),
                };
                (StateFile::default(), Some(message))
            }
        }
    }

    fn move_aside(&self) -> io::Result<PathBuf> {
        let base = format!("{STATE_FILE}.corrupt-{}", unix_now());
        let mut aside = self.dir.join(&base);
        let mut n = 1;
        while aside.exists() {
            aside = self.dir.join(format!("{base}-{n}"));
            n += 1;
        }
        fs::rename(self.path(), &aside)?;
        Ok(aside)
    }

    /// An exclusive advisory lock on `state.lock`, waiting up to [`LOCK_WAIT`].
    fn lock(&self) -> io::Result<File> {
        lock_in(&self.dir, LOCK_FILE)
    }

    /// Saves `records` (the articles this instance changed): under the lock,
    /// re-reads the file, replaces those articles and keeps every other one, so
    /// what another running gloss saved is not lost. Returns a note when the
    /// file on disk was bad and was moved aside first.
    pub fn save(
        &self,
        records: &BTreeMap<String, ArticleRecord>,
    ) -> Result<Option<String>, String> {
        let fail =
            |e: io::Error| format!("Cannot save reading state in {}: {e}", self.dir.display());
        let _lock = self.lock().map_err(fail)?;
        let (mut file, note) = self.load_unlocked();
        let now = jiff::Timestamp::now()
            .round(jiff::Unit::Second)
            .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string());
        for (key, record) in records {
            let mut record = record.clone();
            // Read once is read for good, whichever instance saw the end.
            record.read |= file.articles.get(key).is_some_and(|r| r.read);
            record.last_read = Some(now.clone());
            file.articles.insert(key.clone(), record);
        }
        let mut json = serde_json::to_vec_pretty(&file).expect("the state serializes");
        json.push(b'\n');
        write_atomic(&self.path(), &json).map_err(fail)?;
        Ok(note)
    }
}

/// Parses a state file, or says what is wrong with it.
pub fn parse(bytes: &[u8]) -> Result<StateFile, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty".to_owned());
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            "truncated".to_owned()
        } else {
            format!("not valid JSON ({e})")
        }
    })?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => return Err(format!("of unknown version {v}")),
        None => return Err("without a version".to_owned()),
    }
    serde_json::from_value(value).map_err(|e| format!("malformed ({e})"))
}

/// Saves from the event loop: at most every [`Persistence::DEBOUNCE`] after a
/// change, and at once on exit. Also restores an article when it is opened.
pub struct Persistence {
    store: Option<Store>,
    file: StateFile,
    /// Records changed since the last successful save.
    dirty: BTreeMap<String, ArticleRecord>,
    /// The current article's record as last seen, to notice changes.
    seen: Option<(String, ArticleRecord)>,
    /// `State::opened` when the record was last put back: a reopened
    /// article gets a fresh reader, which needs it again.
    applied_for: u64,
    /// The current article's index and key: the key hashes the whole text, so
    /// it is computed once per article, not once per keypress.
    current_key: Option<(usize, String)>,
    due: Option<Instant>,
    last_error: Option<String>,
}

impl Persistence {
    pub const DEBOUNCE: Duration = Duration::from_secs(2);

    /// Loads the state file; the message (if any) is for the status line.
    pub fn open(store: Option<Store>) -> (Persistence, Option<String>) {
        let (file, message) = match &store {
            Some(store) => store.load(),
            None => (StateFile::default(), None),
        };
        let persistence = Persistence {
            store,
            file,
            dirty: BTreeMap::new(),
            seen: None,
            applied_for: 0,
            current_key: None,
            due: None,
            last_error: None,
        };
        (persistence, message)
    }

    /// Nothing is read or written.
    pub fn disabled() -> Persistence {
        Persistence::open(None).0
    }

    pub fn record(&self, key: &str) -> Option<&ArticleRecord> {
        self.file.articles.get(key)
    }

    /// Call after every batch of updates: restores a newly opened article,
    /// notes changes to the current one and saves when the debounce is due.
    /// Returns a message for the status line (a failed save).
    ///
    /// An article still loading (a large document's beginning, a file
    /// behind a stand-in) is a partial one: its key and positions are not
    /// the real article's, so nothing is restored or recorded until it is
    /// whole. Other files loading do not hold back the one being read.
    pub fn after_update(&mut self, state: &mut State, now: Instant) -> Option<String> {
        if !state.is_loading(state.current) {
            let key = self.key(state);
            if self.seen.as_ref().is_none_or(|(k, _)| *k != key) || self.applied_for != state.opened
            {
                if let Some(record) = self.file.articles.get(&key).cloned() {
                    apply(state, &record);
                }
                self.seen = Some((key, record_of(state)));
                self.applied_for = state.opened;
            }
            self.note(state, now);
        }
        // Due changes of articles read before are saved all the same (the
        // loop wakes up for them, and would again at once).
        if self.due.is_some_and(|due| now >= due) {
            return self.save_now();
        }
        None
    }

    fn key(&mut self, state: &State) -> String {
        match &self.current_key {
            Some((index, key)) if *index == state.current => key.clone(),
            _ => {
                let key = article_key(state.article());
                self.current_key = Some((state.current, key.clone()));
                key
            }
        }
    }

    /// Records the current article's state if it changed since last seen.
    fn note(&mut self, state: &State, now: Instant) {
        let current = (self.key(state), record_of(state));
        if self.seen.as_ref() != Some(&current) {
            self.file
                .articles
                .insert(current.0.clone(), current.1.clone());
            self.dirty.insert(current.0.clone(), current.1.clone());
            self.seen = Some(current);
            publish_for_panic(self.store.as_ref(), &self.dirty);
            self.due.get_or_insert(now + Self::DEBOUNCE);
        }
    }

    /// On exit: records the last changes and saves now.
    pub fn finish(&mut self, state: &State) -> Option<String> {
        if self.seen.is_some() && !state.is_loading(state.current) {
            self.note(state, Instant::now());
        }
        self.save_now()
    }

    /// When the loop should wake up to save, if a save is pending.
    pub fn due(&self) -> Option<Instant> {
        self.due
    }

    /// Writes pending changes; a message if that failed (repeated failures
    /// with the same cause are reported once).
    pub fn save_now(&mut self) -> Option<String> {
        self.due = None;
        let store = self.store.as_ref()?;
        if self.dirty.is_empty() {
            return None;
        }
        match store.save(&self.dirty) {
            Ok(note) => {
                self.dirty.clear();
                publish_for_panic(None, &self.dirty);
                self.last_error = None;
                note
            }
            Err(e) => {
                if self.last_error.as_ref() == Some(&e) {
                    return None;
                }
                self.last_error = Some(e.clone());
                Some(e)
            }
        }
    }
}

type PanicSave = (Store, BTreeMap<String, ArticleRecord>);

/// Unsaved changes, for the panic hook's best-effort save.
static PENDING: Mutex<Option<PanicSave>> = Mutex::new(None);

fn publish_for_panic(store: Option<&Store>, dirty: &BTreeMap<String, ArticleRecord>) {
    if let Ok(mut pending) = PENDING.lock() {
        *pending = store
            .filter(|_| !dirty.is_empty())
            .map(|s| (s.clone(), dirty.clone()));
    }
}

/// Called from the panic hook: saves what was not saved yet. Never blocks on
/// a poisoned or busy mutex (the panic may have happened while holding it).
pub fn save_on_panic() {
    let Ok(mut pending) = PENDING.try_lock() else {
        return;
    };
    if let Some((store, dirty)) = pending.take() {
        let _ = store.save(&dirty);
    }
}

/// The reader's own glossary notes (`notes.toml` in [`data_dir`]); a missing
/// file is an empty glossary, a bad one an error message.
pub fn load_notes() -> Result<Lexicon, String> {
    let Some(dir) = data_dir() else {
        return Ok(Lexicon::default());
    };
    load_notes_from(&dir.join(NOTES_FILE))
}

pub fn load_notes_from(path: &Path) -> Result<Lexicon, String> {
    let text = read_notes(path)?;
    Lexicon::parse(&text, EntrySource::User)
        .map_err(|e| format!("{}: {}", path.display(), e.message()))
}

/// The notes file's text; a missing file is an empty one.
fn read_notes(path: &Path) -> Result<String, String> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes the reader's note changes into `notes.toml` in [`data_dir`]
/// (see [`save_note_changes_to`]).
pub fn save_note_changes(changes: &[NoteChange]) -> Result<Lexicon, String> {
    let dir = data_dir().ok_or("no data directory for the notes file")?;
    save_note_changes_to(&dir.join(NOTES_FILE), changes)
}

/// Applies `changes` to the notes file as it is on disk now, under a lock,
/// and writes it atomically; returns the notes as saved. Re-reading first
/// keeps the notes another running gloss saved since this one started. A
/// file that does not parse (edited by hand) is left exactly as it is and
/// nothing is saved: rewriting it from what gloss could read would lose
/// every note in it.
pub fn save_note_changes_to(path: &Path, changes: &[NoteChange]) -> Result<Lexicon, String> {
    let fail = |e: io::Error| format!("cannot save {}: {e}", path.display());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let _lock = lock_in(dir, NOTES_LOCK_FILE).map_err(fail)?;
    let on_disk = read_notes(path)?;
    let mut notes = Lexicon::parse(&on_disk, EntrySource::User).map_err(|e| {
        format!(
            "{}: {} (the file was left as it is; fix it to save notes)",
            path.display(),
            e.message()
        )
    })?;
    let changes: Vec<(&str, &str)> = changes
        .iter()
        .map(|c| (c.term.as_str(), c.text.as_str()))
        .collect();
    // Edited in place, so the reader's own comments and layout survive; a
    // shape the editor does not know is rewritten whole, as read.
    let text = match Lexicon::edit_notes_file(&on_disk, &changes) {
        Ok(text) => text,
        Err(_) => {
            for (term, text) in &changes {
                notes.set_note(term, text);
            }
            notes.to_toml()
        }
    };
    let notes = Lexicon::parse(&text, EntrySource::User)
        .map_err(|e| format!("cannot save {}: {}", path.display(), e.message()))?;
    write_atomic(path, text.as_bytes()).map_err(fail)?;
    Ok(notes)
}

/// The hidden `__save-loop DIR` stress command: saves as fast as it can,
/// forever, for the test that kills it mid-write.
pub fn save_loop(dir: &Path) -> ! {
    let store = Store::new(dir);
    let mut n: u64 = 0;
    loop {
        n += 1;
        let record = ArticleRecord {
            title: Some(format!("stress {n}")),
            position: Position {
                block: (n % 50) as usize,
                offset: (n % 977) as usize,
            },
            progress: (n % 100) as u8,
            bookmarks: (0..(n % 20))
                .map(|i| Bookmark {
                    block: i as usize,
                    offset: 0,
                    label: "x".repeat((n % 300) as usize),
                })
                .collect(),
            ..ArticleRecord::default()
        };
        let records = BTreeMap::from([(format!("{:016x}", n % 7), record)]);
        if let Err(e) = store.save(&records) {
            eprintln!("gloss: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Block;

    fn article(texts: &[&str]) -> Article {
        Article {
            blocks: Block::paragraphs(texts).into(),
            ..Article::default()
        }
    }

    #[test]
    fn key_is_stable_and_content_based() {
        // Pinned (checked by hand with FNV-1a over b"a\0"): keys must never change.
        assert_eq!(article_key(&article(&["a"])), "089be207b544f1e4");
        assert_ne!(
            article_key(&article(&["ab", "c"])),
            article_key(&article(&["a", "bc"]))
        );
        let mut renamed = article(&["a"]);
        renamed.meta.source = Some("elsewhere.txt".into());
        assert_eq!(article_key(&renamed), article_key(&article(&["a"])));
    }

    #[test]
    fn parse_kinds_of_bad() {
        assert_eq!(parse(b"").unwrap_err(), "empty");
        assert_eq!(parse(b"{\"version\": 1, \"art").unwrap_err(), "truncated");
        assert!(parse(b"hello").unwrap_err().starts_with("not valid JSON"));
        assert!(
            parse(b"{\"version\": 7}")
                .unwrap_err()
                .contains("version 7")
        );
        assert!(parse(b"{\"version\": 1}").is_ok());
    }
}
