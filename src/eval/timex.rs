//! Scores the time tagger the way TempEval-3 task A does.

pub fn run(_path: &std::path::Path, _out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    anyhow::bail!("timex evaluation is not built yet")
}
