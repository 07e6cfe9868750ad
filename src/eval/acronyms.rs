//! Scores acronym extraction on BioC-style pair corpora.
//!
//! Each corpus is JSON lines, one document per line: `passages` (`[{type,
//! offset, text}]`) and gold `pairs` (`[{short: {text, ..}, long: {text, ..}}]`).
//! Extraction runs per passage; the document's pairs are then scored.
//!
//! Scoring choice: per document, gold and system are compared as *sets* of
//! (short text, long text) pairs. The corpus README says a pair is found when
//! the texts match and offsets only tell which occurrence; a definition is
//! one fact about the document however often it is restated (e.g. in title
//! and abstract), so duplicates are collapsed on both sides. Whitespace runs
//! are collapsed before comparing, nothing else is normalised: a long form
//! with an extra or missing word is both a false positive and a false
//! negative, as in the usual pair scoring.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::core::glossary::acronym::find_definitions;

/// A (short form, long form) pair of texts.
pub type Pair = (String, String);

/// Scores of one corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub corpus: String,
    pub gold: usize,
    pub system: usize,
    pub tp: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold pairs not found, with their document id.
    pub misses: Vec<(String, Pair)>,
    /// System pairs not in gold, with their document id.
    pub false_alarms: Vec<(String, Pair)>,
}

/// Counts of one document's comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocScore {
    pub gold: usize,
    pub system: usize,
    pub tp: usize,
    pub misses: Vec<Pair>,
    pub false_alarms: Vec<Pair>,
}

/// Compares one document's gold and system pairs as sets (see module docs).
pub fn score_document(gold: &[Pair], system: &[Pair]) -> DocScore {
    let g: BTreeSet<Pair> = gold.iter().map(normalise).collect();
    let s: BTreeSet<Pair> = system.iter().map(normalise).collect();
    DocScore {
        gold: g.len(),
        system: s.len(),
        tp: g.intersection(&s).count(),
        misses: g.difference(&s).cloned().collect(),
        false_alarms: s.difference(&g).cloned().collect(),
    }
}

/// Precision, recall and F1; an empty denominator scores 0.
pub fn prf(gold: usize, system: usize, tp: usize) -> (f64, f64, f64) {
    let p = if system == 0 {
        0.0
    } else {
        tp as f64 / system as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn normalise(p: &Pair) -> Pair {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    (squash(&p.0), squash(&p.1))
}

#[derive(Deserialize)]
struct Doc {
    doc_id: String,
    passages: Vec<Passage>,
    pairs: Vec<GoldPair>,
}

#[derive(Deserialize)]
struct Passage {
    text: String,
}

#[derive(Deserialize)]
struct GoldPair {
    short: Span,
    long: Span,
}

#[derive(Deserialize)]
struct Span {
    text: String,
}

/// The system's pairs for a document, extracted passage by passage.
pub fn extract_pairs<'a>(passages: impl IntoIterator<Item = &'a str>) -> Vec<Pair> {
    let mut out = Vec::new();
    for text in passages {
        for d in find_definitions(text) {
            out.push((text[d.short].to_string(), text[d.long].to_string()));
        }
    }
    out
}

/// Scores one corpus file.
pub fn score_corpus(path: &Path) -> Result<Report> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut totals = DocScore::default();
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc = serde_json::from_str(&line)
            .with_context(|| format!("{}:{}: bad document", path.display(), n + 1))?;
        let gold: Vec<Pair> = doc
            .pairs
            .into_iter()
            .map(|p| (p.short.text, p.long.text))
            .collect();
        let system = extract_pairs(doc.passages.iter().map(|p| p.text.as_str()));
        let s = score_document(&gold, &system);
        totals.gold += s.gold;
        totals.system += s.system;
        totals.tp += s.tp;
        misses.extend(s.misses.into_iter().map(|p| (doc.doc_id.clone(), p)));
        false_alarms.extend(s.false_alarms.into_iter().map(|p| (doc.doc_id.clone(), p)));
    }
    let (precision, recall, f1) = prf(totals.gold, totals.system, totals.tp);
    let corpus = path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    Ok(Report {
        corpus,
        gold: totals.gold,
        system: totals.system,
        tp: totals.tp,
        precision,
        recall,
        f1,
        misses,
        false_alarms,
    })
}

/// How many misses and false alarms to print per corpus; the environment
/// variable `GLOSS_EVAL_SHOW` overrides it when developing.
const SHOW: usize = 25;

/// Scores each corpus, prints a table and the first misses and false alarms.
pub fn run(paths: &[PathBuf], out: &mut dyn Write) -> Result<Vec<Report>> {
    let show = std::env::var("GLOSS_EVAL_SHOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SHOW);
    let reports = paths
        .iter()
        .map(|p| score_corpus(p))
        .collect::<Result<Vec<_>>>()?;
    writeln!(
        out,
        "{:<24} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "corpus", "gold", "system", "TP", "P", "R", "F1"
    )?;
    let (mut g, mut s, mut t) = (0, 0, 0);
    for r in &reports {
        writeln!(
            out,
            "{:<24} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
            r.corpus, r.gold, r.system, r.tp, r.precision, r.recall, r.f1
        )?;
        g += r.gold;
        s += r.system;
        t += r.tp;
    }
    if reports.len() > 1 {
        let (p, r, f) = prf(g, s, t);
        writeln!(
            out,
            "{:<24} {:>6} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3}",
            "all", g, s, t, p, r, f
        )?;
    }
    for r in &reports {
        writeln!(
            out,
            "\n{}: misses (FN), first {show} of {}",
            r.corpus,
            r.misses.len()
        )?;
        for (doc, (short, long)) in r.misses.iter().take(show) {
            writeln!(out, "  {doc}\t{short}\t{long}")?;
        }
        writeln!(
            out,
            "{}: false alarms (FP), first {show} of {}",
            r.corpus,
            r.false_alarms.len()
        )?;
        for (doc, (short, long)) in r.false_alarms.iter().take(show) {
            writeln!(out, "  {doc}\t{short}\t{long}")?;
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, l: &str) -> Pair {
        (s.to_string(), l.to_string())
    }

    #[test]
    fn scores_sets_of_text_pairs() {
        let gold = vec![
            p("SAR", "Synthetic Aperture Radar"),
            p("UXO", "unexploded ordnance"),
        ];
        let system = vec![
            p("SAR", "Synthetic Aperture Radar"),
            // restated in a second passage: one fact, counted once
            p("SAR", "Synthetic  Aperture Radar"),
            p("UXO", "ordnance"),
        ];
        let s = score_document(&gold, &system);
        assert_eq!((s.gold, s.system, s.tp), (2, 2, 1));
        assert_eq!(s.misses, vec![p("UXO", "unexploded ordnance")]);
        assert_eq!(s.false_alarms, vec![p("UXO", "ordnance")]);
    }

    #[test]
    fn duplicate_gold_counts_once() {
        let gold = vec![p("EU", "European Union"), p("EU", "European Union")];
        let s = score_document(&gold, &[]);
        assert_eq!((s.gold, s.system, s.tp), (1, 0, 0));
    }

    #[test]
    fn prf_handles_empty() {
        assert_eq!(prf(0, 0, 0), (0.0, 0.0, 0.0));
        let (p, r, f) = prf(4, 2, 2);
        assert_eq!((p, r), (1.0, 0.5));
        assert!((f - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn runs_on_a_tiny_corpus_file() {
        let doc = r#"{"doc_id": "d1", "passages": [{"type": "title", "offset": 0, "text": "Unexploded ordnance (UXO) in fields."}, {"type": "abstract", "offset": 37, "text": "Teams from the Mine Action Service (MAS) and the Red Cross (RC) helped."}], "pairs": [{"short": {"text": "UXO", "doc_offset": 21, "passage_offset": 21, "length": 3}, "long": {"text": "Unexploded ordnance", "doc_offset": 0, "passage_offset": 0, "length": 19}}, {"short": {"text": "MAS", "doc_offset": 0, "passage_offset": 0, "length": 3}, "long": {"text": "United Nations Mine Action Service", "doc_offset": 0, "passage_offset": 0, "length": 34}}]}"#;
        let path =
            std::env::temp_dir().join(format!("gloss-acr-eval-{}.jsonl", std::process::id()));
        std::fs::write(&path, format!("{doc}\n\n")).unwrap();
        let mut out = Vec::new();
        let reports = run(std::slice::from_ref(&path), &mut out).unwrap();
        std::fs::remove_file(&path).unwrap();
        let r = &reports[0];
        assert_eq!((r.gold, r.system, r.tp), (2, 3, 1));
        assert_eq!(
            r.misses,
            vec![(
                "d1".to_string(),
                p("MAS", "United Nations Mine Action Service")
            )]
        );
        assert_eq!(r.false_alarms.len(), 2);
        let printed = String::from_utf8(out).unwrap();
        assert!(printed.starts_with("corpus"));
        assert!(printed.contains("United Nations Mine Action Service"));
    }

    #[test]
    fn extracts_per_passage() {
        let pairs = extract_pairs([
            "The North Atlantic Treaty Organization (NATO) met.",
            "Unexploded ordnance (UXO) remains.",
        ]);
        assert_eq!(
            pairs,
            vec![
                p("NATO", "North Atlantic Treaty Organization"),
                p("UXO", "Unexploded ordnance")
            ]
        );
    }
}
