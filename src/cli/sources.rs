//! Where articles come from: files, directories, standard input, and the
//! sample library embedded in the binary.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The bundled sample articles, embedded so `gloss` works from any directory.
pub const BUNDLED: &[(&str, &str)] = &[
    (
        "japan-ukraine-aid.txt",
        include_str!("../../assets/articles/japan-ukraine-aid.txt"),
    ),
    (
        "baltic-undersea-cables.txt",
        include_str!("../../assets/articles/baltic-undersea-cables.txt"),
    ),
    (
        "sudan-food-aid.txt",
        include_str!("../../assets/articles/sudan-food-aid.txt"),
    ),
    (
        "arctic-shipping-routes.txt",
        include_str!("../../assets/articles/arctic-shipping-routes.txt"),
    ),
];

/// One input's bytes and the name it is shown under.
pub struct Source {
    pub name: String,
    pub bytes: Vec<u8>,
    /// Set when `bytes` is only the beginning of a large input (see
    /// [`gather_heads`]): where the whole is read later.
    pub rest_of: Option<RestOf>,
    /// The input's whole size in bytes; for standard input with more to
    /// read, what has been read so far.
    pub len: u64,
}

/// Where the rest of an input shown from its beginning comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestOf {
    /// The file, read again whole.
    File(PathBuf),
    /// Standard input, after the bytes already read: a pipe is read once.
    Stdin,
}

/// What reading the inputs gave: the sources, and inputs that were skipped.
#[derive(Default)]
pub struct Gathered {
    pub sources: Vec<Source>,
    /// Files in directories that are not articles, with why.
    pub skipped: Vec<String>,
}

/// File extensions read when walking a directory.
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xml", "rss", "atom", "json", "eml", "emlx",
    "mhtml", "mht", "org", "epub",
];

/// Reads every input. A path given by name that cannot be read is an error;
/// files inside a directory that are not articles are skipped with a note.
pub fn gather(paths: &[PathBuf]) -> Result<Gathered, String> {
    gather_with(paths, None)
}

/// Like [`gather`], but of a file that is larger than `over` bytes only the
/// first `head` bytes are read, so the reader can show its beginning without
/// waiting for 100 MB to come off the disk; and after the first
/// `whole_files` files, of every file only enough to tell what it is
/// ([`SNIFF_LEN`]): the reader shows a directory's files after its first
/// ones by name and reads them after the first frame (a directory of 2,475
/// saved pages, 122 MB, was read whole before it).
pub fn gather_heads(
    paths: &[PathBuf],
    over: u64,
    head: u64,
    whole_files: usize,
) -> Result<Gathered, String> {
    gather_with(
        paths,
        Some(Heads {
            over,
            head,
            whole_files,
        }),
    )
}

/// How much of a file after the first ones is read before the first frame:
/// enough to tell a binary file, a feed or a page.
pub const SNIFF_LEN: u64 = 4096;

/// Which files are read only in part, and how much of them.
#[derive(Clone, Copy)]
struct Heads {
    over: u64,
    head: u64,
    whole_files: usize,
}

impl Heads {
    /// `(over, head)` for the next file, `read` files in.
    fn for_file(self, read: usize) -> (u64, u64) {
        if read >= self.whole_files {
            (0, SNIFF_LEN)
        } else {
            (self.over, self.head)
        }
    }
}

fn gather_with(paths: &[PathBuf], heads: Option<Heads>) -> Result<Gathered, String> {
    let mut out = Gathered::default();
    if paths.is_empty() {
        out.sources = bundled();
        return Ok(out);
    }
    let mut stdin_read = false;
    for path in paths {
        if path.as_os_str() == "-" {
            // Standard input is one input however often it is named: a
            // second read finds it at its end (an empty "Untitled").
            if std::mem::replace(&mut stdin_read, true) {
                continue;
            }
            let cannot = |e: std::io::Error| format!("cannot read standard input: {e}");
            let mut bytes = Vec::new();
            let stdin = std::io::stdin();
            // Its size is unknown: read past `over` and, if there is more,
            // leave the rest to be streamed, as of a large file.
            let rest_of = match heads {
                Some(Heads { over, .. }) => {
                    stdin
                        .lock()
                        .take(over + 1)
                        .read_to_end(&mut bytes)
                        .map_err(cannot)?;
                    (bytes.len() as u64 > over).then_some(RestOf::Stdin)
                }
                None => {
                    stdin.lock().read_to_end(&mut bytes).map_err(cannot)?;
                    None
                }
            };
            out.sources.push(Source {
                name: "-".to_owned(),
                len: bytes.len() as u64,
                bytes,
                rest_of,
            });
        } else if path.is_dir() {
            walk(path, heads, &mut out, &mut HashSet::new())?;
        } else {
            let cannot = |e: std::io::Error| {
                // "gloss --config x dump a.txt": options after the reader's
                // own make clap read the command as a file to open.
                let hint = match path.to_str() {
                    Some(name) if super::args::SUBCOMMAND_NAMES.contains(&name) => {
                        format!(" (to run `gloss {name}`, put it first)")
                    }
                    _ => String::new(),
                };
                format!("cannot read {}: {}{hint}", path.display(), io_reason(&e))
            };
            let heads = heads.map(|h| h.for_file(out.sources.len()));
            out.sources.push(read_file(path, heads).map_err(cannot)?);
        }
    }
    if out.sources.is_empty() {
        return Err(format!(
            "no articles found in {}",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(out)
}

/// Parses standard input whole, given the bytes already read from it: the
/// rest is streamed through the sanitizer, never held raw.
pub fn parse_stdin_after(
    head: Vec<u8>,
    name: &str,
) -> Result<Vec<crate::core::model::Article>, crate::core::load::LoadError> {
    let input = std::io::Cursor::new(head).chain(std::io::stdin().lock());
    crate::core::load::parse_reader(input, 0, name)
}

pub fn bundled() -> Vec<Source> {
    BUNDLED
        .iter()
        .map(|(name, text)| Source {
            name: format!("bundled:{name}"),
            bytes: text.as_bytes().to_vec(),
            rest_of: None,
            len: text.len() as u64,
        })
        .collect()
}

/// Reads the articles under `dir`, each directory once: `visited` holds
/// the real paths walked so far, so a link back up the tree ("loop ->
/// ..") is not followed round and round.
fn walk(
    dir: &Path,
    heads: Option<Heads>,
    out: &mut Gathered,
    visited: &mut HashSet<PathBuf>,
) -> Result<(), String> {
    if let Ok(real) = std::fs::canonicalize(dir)
        && !visited.insert(real)
    {
        out.skipped.push(format!(
            "{} (a link to a directory already read)",
            dir.display()
        ));
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {}", dir.display(), io_reason(&e)))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in &entries {
        let name = path.file_name().map(|n| n.to_string_lossy());
        // A hidden file or directory is a tool's (".git", ".obsidian" with
        // its settings as JSON), not the user's reading.
        if name.as_ref().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if path.is_dir() {
            if saved_page_files(path, &entries) {
                out.skipped
                    .push(format!("{} (the files of a saved page)", path.display()));
                continue;
            }
            walk(path, heads, out, visited)?;
            continue;
        }
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if !known {
            out.skipped
                .push(format!("{} (not an article type)", path.display()));
            continue;
        }
        // A FIFO or a device named like an article would block the read
        // until something writes to it.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            out.skipped
                .push(format!("{} (not a regular file)", path.display()));
            continue;
        }
        match read_file(path, heads.map(|h| h.for_file(out.sources.len()))) {
            Ok(source)
                if crate::core::load::looks_binary(&source.bytes)
                    && !crate::core::load::is_book(&source.bytes, &source.name) =>
            {
                let kind = crate::core::load::binary_kind(&source.bytes).unwrap_or("binary");
                out.skipped.push(format!("{} ({kind})", path.display()));
            }
            Ok(source) => out.sources.push(source),
            Err(e) => out
                .skipped
                .push(format!("{} ({})", path.display(), io_reason(&e))),
        }
    }
    Ok(())
}

/// True for the folder a browser saves a page's images, scripts and frames
/// in ("Page_files" beside "Page.html"): its frames are ads and widgets.
fn saved_page_files(dir: &Path, siblings: &[PathBuf]) -> bool {
    let Some(page) = dir
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_files"))
    else {
        return false;
    };
    ["html", "htm"]
        .iter()
        .any(|ext| siblings.contains(&dir.with_file_name(format!("{page}.{ext}"))))
}

/// A file read whole, or, with `heads` `(over, head)` and larger than
/// `over` bytes, only its first `head` bytes, the rest left to be read
/// later: a large file in a directory, like one named on the command line,
/// does not keep the reader's first screen waiting.
fn read_file(path: &Path, heads: Option<(u64, u64)>) -> std::io::Result<Source> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    let mut bytes = Vec::new();
    let rest_of = match heads {
        Some((over, head)) if len > over => {
            // Read in one call: grown from empty, the buffer took a dozen
            // reads and copies, 0.1 ms of the first screen.
            bytes.reserve_exact(head as usize);
            (&mut file).take(head).read_to_end(&mut bytes)?;
            Some(RestOf::File(path.to_path_buf()))
        }
        _ => {
            file.read_to_end(&mut bytes)?;
            None
        }
    };
    Ok(Source {
        name: path.display().to_string(),
        bytes,
        rest_of,
        len,
    })
}

/// The OS reason without Rust's "(os error 2)" suffix.
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
