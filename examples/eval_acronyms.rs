//! Scores acronym extraction on BioC-style pair corpora:
//! `cargo run --release --example eval_acronyms -- PATHS...`

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        paths = vec![
            "/work/shared/corpora/acronyms-ab3p/Ab3P.pairs.jsonl".into(),
            "/work/shared/corpora/acronyms-bioadi/bioadi.pairs.jsonl".into(),
        ];
    }
    gloss::eval::acronyms::run(&paths, &mut std::io::stdout().lock())?;
    Ok(())
}
