//! Scores acronym extraction on BioC-style pair corpora.

pub fn run(_paths: &[std::path::PathBuf], _out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    anyhow::bail!("acronym evaluation is not built yet")
}
