//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gloss",
    version,
    about = "A terminal reader for long-form news, with glossary notes and a timeline",
    long_about = "A terminal reader for long-form news and analysis. gloss cleans a pasted \
                  newsletter post, saved page (.html, .mhtml), email (.eml), feed, Markdown or Org note, \
                  Project Gutenberg or EPUB book of page clutter, and shows it with glossary notes for the terms it uses and a timeline of the events it \
                  reports.\n\nWith no PATH, gloss opens its bundled sample library.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Articles to read: files, directories, or - for standard input.
    pub paths: Vec<PathBuf>,

    /// The config file (default: config.toml in the platform's config
    /// directory, or $GLOSS_CONFIG). Only the reader has settings, so the
    /// commands do not take it.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print a complete, commented default config file and exit.
    #[arg(long)]
    pub print_default_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the process's arguments. The common case, `gloss [PATH...]`,
    /// skips clap: building its whole command tree (every subcommand's
    /// arguments and help) costs about 0.3 ms, 5 % of the reader's first
    /// screen. Anything else, options and subcommands included, goes
    /// through clap.
    pub fn from_env() -> Self {
        Self::plain_paths(std::env::args_os().skip(1)).unwrap_or_else(Self::parse)
    }

    /// The arguments as paths to read, when they are nothing else: none is
    /// an option (`-` alone is standard input) and the first does not name
    /// a subcommand.
    pub fn plain_paths(args: impl IntoIterator<Item = OsString>) -> Option<Self> {
        let paths: Vec<OsString> = args.into_iter().collect();
        let option = |arg: &OsString| arg.as_encoded_bytes().starts_with(b"-") && arg != "-";
        let subcommand = paths
            .first()
            .is_some_and(|first| SUBCOMMAND_NAMES.iter().any(|name| first == *name));
        if subcommand || paths.iter().any(option) {
            return None;
        }
        Some(Cli {
            paths: paths.into_iter().map(PathBuf::from).collect(),
            config: None,
            print_default_config: false,
            command: None,
        })
    }
}

/// Every word clap reads as a subcommand in first place (tested against
/// clap's own list).
pub const SUBCOMMAND_NAMES: [&str; 9] = [
    "dump",
    "export",
    "terms",
    "timex",
    "timeline",
    "eval",
    "help",
    "__save-loop",
    "__generate",
];

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the cleaned article as wrapped plain text.
    Dump {
        /// Wrap width in columns.
        #[arg(long, default_value_t = 80, value_parser = at_least_one)]
        width: usize,
        /// Colour and styles: only with `always` (or `auto` on a terminal).
        #[arg(long, value_enum, default_value_t = ColorChoice::Never)]
        color: ColorChoice,
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Print the articles as JSON: {"articles": [...]}.
    Export {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Print the glossary entries found in the text, one JSON object per line.
    Terms {
        /// The input (a file or - for standard input).
        path: Option<PathBuf>,
    },
    /// Print the time expressions in the raw text, one JSON object per line.
    Timex {
        /// Anchor for relative expressions (YYYY-MM-DD); default: the article's date.
        #[arg(long)]
        dct: Option<String>,
        /// The input (a file or - for standard input).
        path: Option<PathBuf>,
    },
    /// Print the timeline as a table (or JSON).
    Timeline {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only aid and commitments.
        #[arg(long)]
        aid: bool,
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Score the extractors on annotated corpora.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Test aid: save reading state in DIR in a tight loop until killed.
    #[command(name = "__save-loop", hide = true)]
    SaveLoop { dir: PathBuf },
    /// Benchmark aid: print a synthetic document of at least N bytes
    /// (scripts/bench-compare.sh).
    #[command(name = "__generate", hide = true)]
    Generate {
        #[arg(long)]
        bytes: usize,
        #[arg(long, value_parser = ["text", "markdown", "html", "feed", "epub"], default_value = "text")]
        format: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Acronym definitions on BioC-style pair corpora (JSON lines).
    Acronyms {
        /// Corpus files; default: the development corpora in ../shared/corpora.
        paths: Vec<PathBuf>,
    },
    /// Time expressions on a TimeML corpus in JSON lines, TempEval-3 style.
    Timex {
        /// Corpus file; default: ../shared/corpora/timex-meantime/meantime_en.timex.jsonl.
        path: Option<PathBuf>,
        /// Score whole articles, not only the annotated opening lines (MEANTIME
        /// annotates the title, dateline and first sentences only).
        #[arg(long)]
        whole: bool,
    },
}

#[derive(Debug, Args)]
pub struct Inputs {
    /// Files, directories, or - for standard input; none: the bundled samples.
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A width of one column or more.
fn at_least_one(arg: &str) -> Result<usize, String> {
    match arg.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_subcommand_list_is_claps() {
        let mut names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        // clap adds `help` when it builds the command for parsing.
        names.push("help".to_owned());
        names.sort();
        let mut ours: Vec<String> = SUBCOMMAND_NAMES.iter().map(|s| s.to_string()).collect();
        ours.sort();
        assert_eq!(ours, names);
    }

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn plain_paths_agree_with_clap_or_defer_to_it() {
        let cases: &[&[&str]] = &[
            &[],
            &["post.txt"],
            &["-"],
            &["a.md", "notes/", "-"],
            &["dump", "post.txt"],
            &["help"],
            &["post.txt", "--config", "c.toml"],
            &["--print-default-config"],
            &["-h"],
            &["post.txt", "dump"],
            &["dumpster.txt", "Dump"],
        ];
        for &case in cases {
            let fast = Cli::plain_paths(os(case));
            let clap = Cli::try_parse_from(std::iter::once("gloss").chain(case.iter().copied()));
            match (fast, clap) {
                (Some(fast), Ok(clap)) => {
                    assert_eq!(fast.paths, clap.paths, "{case:?}");
                    assert!(clap.command.is_none() && clap.config.is_none(), "{case:?}");
                    assert!(!clap.print_default_config, "{case:?}");
                }
                (Some(_), Err(e)) => panic!("{case:?}: clap refuses it: {e}"),
                (None, _) => {
                    let deferred = case.first().is_some_and(|a| SUBCOMMAND_NAMES.contains(a))
                        || case.iter().any(|a| a.starts_with('-') && *a != "-");
                    assert!(deferred, "{case:?} should be read without clap");
                }
            }
        }
    }
}
