//! Scores the TIMEX3 tagger on a development corpus:
//! `cargo run --release --example eval_timex -- [PATH]`.

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let path = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(gloss::eval::timex::DEFAULT_CORPUS));
    gloss::eval::timex::run(&path, &mut std::io::stdout().lock())?;
    Ok(())
}
