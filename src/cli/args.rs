//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gloss",
    version,
    about = "A terminal reader for long-form news, with glossary notes and a timeline",
    long_about = "A terminal reader for long-form news and analysis. gloss cleans a pasted \
                  newsletter post, saved page, feed or Markdown note of page clutter, and shows \
                  it with glossary notes for the terms it uses and a timeline of the events it \
                  reports.\n\nWith no PATH, gloss opens its bundled sample library.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Articles to read: files, directories, or - for standard input.
    pub paths: Vec<PathBuf>,

    /// The config file (default: config.toml in the platform's config
    /// directory, or $GLOSS_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Print a complete, commented default config file and exit.
    #[arg(long)]
    pub print_default_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the cleaned article as wrapped plain text.
    Dump {
        /// Wrap width in columns.
        #[arg(long, default_value_t = 80)]
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
        #[arg(long, value_parser = ["text", "markdown", "html"], default_value = "text")]
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
