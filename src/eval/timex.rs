//! Scores the TIMEX3 tagger on a MEANTIME-style JSON-lines corpus, the way
//! TempEval-3 task A does: strict and relaxed extent precision/recall/F1, and
//! value and type accuracy over the relaxed matches.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

use crate::core::timeline::timex::{self, TimexType};

/// Where the development corpus lives on the project's machines.
pub const DEFAULT_CORPUS: &str = "/work/shared/corpora/timex-meantime/meantime_en.timex.jsonl";

/// MEANTIME annotates only the title, the dateline and the first sentences of
/// each article (one sentence per line); expressions further down are not
/// annotated, so system output there is neither right nor wrong and is
/// ignored.
pub const ANNOTATED_LINES: usize = 6;

/// One annotation or system expression; offsets are character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
}

/// Raw matching counts, summable over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value_correct: usize,
    pub type_correct: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value_correct += o.value_correct;
        self.type_correct += o.type_correct;
    }
}

/// Result of matching one document: counts plus which items went unmatched.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    pub counts: Counts,
    /// Gold indices with no overlapping system expression.
    pub missed: Vec<usize>,
    /// System indices with no overlapping gold expression.
    pub spurious: Vec<usize>,
    /// (gold, system) relaxed pairs whose values differ.
    pub wrong_value: Vec<(usize, usize)>,
    /// (gold, system) pairs that overlap without equal extents.
    pub partial: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, system: usize, gold: usize) -> Prf {
        let precision = ratio(tp, system);
        let recall = ratio(tp, gold);
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub documents: usize,
    pub counts: Counts,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Share of relaxed matches whose value equals gold's.
    pub value_accuracy: f64,
    /// Share of relaxed matches whose type equals gold's.
    pub type_accuracy: f64,
}

impl Report {
    fn from_counts(documents: usize, c: Counts) -> Report {
        Report {
            documents,
            counts: c,
            strict: Prf::new(c.strict, c.system, c.gold),
            relaxed: Prf::new(c.relaxed, c.system, c.gold),
            value_accuracy: ratio(c.value_correct, c.relaxed),
            type_accuracy: ratio(c.type_correct, c.relaxed),
        }
    }
}

fn overlap(a: &Span, b: &Span) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Matches system spans to gold spans one-to-one: exact extents first, then
/// the largest overlap among what is left.
pub fn score(gold: &[Span], system: &[Span]) -> Matching {
    let mut gold_match: Vec<Option<usize>> = vec![None; gold.len()];
    let mut sys_taken = vec![false; system.len()];
    let mut strict = 0;
    for (g, gs) in gold.iter().enumerate() {
        if let Some(s) = (0..system.len())
            .find(|&s| !sys_taken[s] && system[s].start == gs.start && system[s].end == gs.end)
        {
            gold_match[g] = Some(s);
            sys_taken[s] = true;
            strict += 1;
        }
    }
    for (g, gs) in gold.iter().enumerate() {
        if gold_match[g].is_some() {
            continue;
        }
        let best = (0..system.len())
            .filter(|&s| !sys_taken[s] && overlap(gs, &system[s]) > 0)
            .max_by_key(|&s| overlap(gs, &system[s]));
        if let Some(s) = best {
            gold_match[g] = Some(s);
            sys_taken[s] = true;
        }
    }
    let mut m = Matching {
        counts: Counts {
            gold: gold.len(),
            system: system.len(),
            strict,
            ..Counts::default()
        },
        ..Matching::default()
    };
    for (g, sm) in gold_match.iter().enumerate() {
        match *sm {
            Some(s) => {
                m.counts.relaxed += 1;
                if gold[g].value == system[s].value {
                    m.counts.value_correct += 1;
                } else {
                    m.wrong_value.push((g, s));
                }
                if gold[g].kind == system[s].kind {
                    m.counts.type_correct += 1;
                }
                if (gold[g].start, gold[g].end) != (system[s].start, system[s].end) {
                    m.partial.push((g, s));
                }
            }
            None => m.missed.push(g),
        }
    }
    m.spurious = (0..system.len()).filter(|&s| !sys_taken[s]).collect();
    m
}

#[derive(Deserialize)]
struct GoldTimex {
    #[serde(rename = "type")]
    kind: TimexType,
    value: String,
    start: usize,
    end: usize,
    #[serde(rename = "functionInDocument", default)]
    function: Option<String>,
}

#[derive(Deserialize)]
struct Doc {
    doc: String,
    dct: Option<GoldTimex>,
    text: String,
    #[serde(default)]
    timexes: Vec<GoldTimex>,
}

/// One error for the "worst misses" listing, grouped by surface text.
struct Miss {
    count: usize,
    example: String,
}

/// Runs the tagger over every document in `path` and writes a score table and
/// the most frequent misses to `out`, scoring the first [`ANNOTATED_LINES`]
/// lines of each document as MEANTIME annotates them, or more where gold
/// lies further down.
pub fn run(path: &Path, out: &mut dyn Write) -> anyhow::Result<Report> {
    run_with(path, out, Some(ANNOTATED_LINES))
}

/// Like [`run`], scoring the first `annotated_lines` lines of each document
/// (through the line of its last gold expression, when that is further down,
/// so a corpus annotated throughout keeps all its gold), or whole documents
/// with `None`.
pub fn run_with(
    path: &Path,
    out: &mut dyn Write,
    annotated_lines: Option<usize>,
) -> anyhow::Result<Report> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut total = Counts::default();
    let mut documents = 0;
    let mut misses: HashMap<String, Miss> = HashMap::new();
    let mut value_errors: HashMap<String, Miss> = HashMap::new();
    let mut extent_errors: HashMap<String, Miss> = HashMap::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Doc = serde_json::from_str(&line)
            .with_context(|| format!("line {} of {}", n + 1, path.display()))?;
        documents += 1;
        let anchor = doc
            .dct
            .as_ref()
            .map(|d| d.value.as_str())
            .or_else(|| {
                doc.timexes
                    .iter()
                    .find(|t| t.function.as_deref() == Some("CREATION_TIME"))
                    .map(|t| t.value.as_str())
            })
            .and_then(|v| v.get(..10)?.parse::<jiff::civil::Date>().ok())
            .or_else(|| dateline(&doc.text));

        let text = &doc.text;
        let byte_to_char = char_index(text);
        let region_end_byte = annotated_lines.map_or(text.len(), |n| {
            let last_gold = doc.timexes.iter().map(|t| t.start).max();
            let last_gold_byte = last_gold
                .and_then(|c| text.char_indices().nth(c))
                .map(|(b, _)| b);
            region_end(text, n).max(last_gold_byte.map_or(0, |b| line_end(text, b)))
        });
        let region_end_char = byte_to_char[region_end_byte];

        let gold: Vec<Span> = doc
            .timexes
            .iter()
            .filter(|t| t.start < region_end_char)
            .map(|t| Span {
                start: t.start,
                end: t.end,
                kind: t.kind,
                value: t.value.clone(),
            })
            .collect();
        let system: Vec<Span> = timex::tag(text, anchor)
            .into_iter()
            .filter(|t| t.start < region_end_byte)
            .map(|t| Span {
                start: byte_to_char[t.start],
                end: byte_to_char[t.end],
                kind: t.kind,
                value: t.value,
            })
            .collect();
        let m = score(&gold, &system);
        total.add(&m.counts);

        let chars: Vec<char> = text.chars().collect();
        let note = |map: &mut HashMap<String, Miss>, key: String, s: &Span, extra: &str| {
            let e = map.entry(key).or_insert_with(|| Miss {
                count: 0,
                example: format!("{} {}{}", doc.doc, context(&chars, s), extra),
            });
            e.count += 1;
        };
        for &g in &m.missed {
            let s = &gold[g];
            let key = format!("FN {:?} {}", s.kind, surface(&chars, s).to_lowercase());
            note(&mut misses, key, s, &format!("  gold={}", s.value));
        }
        for &si in &m.spurious {
            let s = &system[si];
            let key = format!("FP {:?} {}", s.kind, surface(&chars, s).to_lowercase());
            note(&mut misses, key, s, &format!("  sys={}", s.value));
        }
        for &(g, si) in &m.partial {
            let key = format!(
                "gold [{}] sys [{}]",
                surface(&chars, &gold[g]),
                surface(&chars, &system[si])
            );
            note(&mut extent_errors, key, &gold[g], "");
        }
        for &(g, si) in &m.wrong_value {
            let key = format!("{} -> {}", surface(&chars, &gold[g]), system[si].value);
            note(
                &mut value_errors,
                key,
                &gold[g],
                &format!("  gold={} sys={}", gold[g].value, system[si].value),
            );
        }
    }
    let report = Report::from_counts(documents, total);
    write_report(
        out,
        path,
        annotated_lines,
        &report,
        [&misses, &value_errors, &extent_errors],
    )?;
    Ok(report)
}

fn write_report(
    out: &mut dyn Write,
    path: &Path,
    annotated_lines: Option<usize>,
    r: &Report,
    [misses, value_errors, extent_errors]: [&HashMap<String, Miss>; 3],
) -> anyhow::Result<()> {
    let c = &r.counts;
    writeln!(out, "TIMEX3 evaluation: {}", path.display())?;
    let region = annotated_lines.map_or("whole documents".to_string(), |n| {
        format!("first {n} lines each, or to the last annotated line")
    });
    writeln!(
        out,
        "{} documents ({region}), {} gold, {} system",
        r.documents, c.gold, c.system
    )?;
    writeln!(out, "{:<10}{:>10}{:>10}{:>10}", "extent", "P", "R", "F1")?;
    for (name, p) in [("strict", r.strict), ("relaxed", r.relaxed)] {
        writeln!(
            out,
            "{:<10}{:>10.3}{:>10.3}{:>10.3}",
            name, p.precision, p.recall, p.f1
        )?;
    }
    writeln!(
        out,
        "value accuracy {:.3} ({}/{}), type accuracy {:.3} ({}/{})",
        r.value_accuracy, c.value_correct, c.relaxed, r.type_accuracy, c.type_correct, c.relaxed
    )?;
    let sections: [(&str, &HashMap<String, Miss>, usize); 3] = [
        ("worst misses (FN = missed gold, FP = spurious)", misses, 20),
        ("most frequent value errors", value_errors, 10),
        ("most frequent extent differences", extent_errors, 10),
    ];
    for (title, map, n) in sections {
        let mut rows: Vec<(&String, &Miss)> = map.iter().collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        writeln!(out, "\n{title}:")?;
        for (key, m) in rows.iter().take(n) {
            writeln!(out, "{:>3}  {key}\n       e.g. {}", m.count, m.example)?;
        }
    }
    Ok(())
}

/// When the creation time is missing or malformed, the first full date in
/// the text (the dateline under the title) stands in for it.
fn dateline(text: &str) -> Option<jiff::civil::Date> {
    timex::tag(text, None)
        .into_iter()
        .find_map(|t| t.value.parse::<jiff::civil::Date>().ok())
}

/// Maps every byte offset (at char boundaries, and the end) to a char offset.
fn char_index(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut c = 0;
    for (b, ch) in text.char_indices() {
        for slot in &mut map[b..b + ch.len_utf8()] {
            *slot = c;
        }
        c += 1;
    }
    map[text.len()] = c;
    map
}

/// The byte after the end of the line holding byte `at`.
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// Byte offset where line `lines` starts (or the text's end).
fn region_end(text: &str, lines: usize) -> usize {
    text.match_indices('\n')
        .nth(lines.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i + 1)
}

fn surface(chars: &[char], s: &Span) -> String {
    chars[s.start.min(chars.len())..s.end.min(chars.len())]
        .iter()
        .collect()
}

fn context(chars: &[char], s: &Span) -> String {
    let from = s.start.saturating_sub(40);
    let to = (s.end + 40).min(chars.len());
    let before: String = chars[from..s.start].iter().collect();
    let after: String = chars[s.end..to].iter().collect();
    format!("…{}[{}]{}…", before, surface(chars, s), after).replace('\n', " / ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: TimexType, value: &str) -> Span {
        Span {
            start,
            end,
            kind,
            value: value.to_string(),
        }
    }

    /// A one-document corpus of eight sentence lines: gold for the opening
    /// line's "2018", and for the last line's "2019" when `annotate_end`.
    fn corpus(name: &str, annotate_end: bool) -> std::path::PathBuf {
        let lines: Vec<String> = (2..=7)
            .map(|n| format!("Sentence {n} of the story ."))
            .collect();
        let text = format!(
            "Sales grew in 2018 .\n{}\nThe plant closed in 2019 .\n",
            lines.join("\n")
        );
        let at = |needle: &str| text.find(needle).unwrap();
        let timex = |start: usize, value: &str| serde_json::json!({"type": "DATE", "value": value, "start": start, "end": start + 4});
        let mut timexes = vec![timex(at("2018"), "2018")];
        if annotate_end {
            timexes.push(timex(at("2019"), "2019"));
        }
        let doc = serde_json::json!({"doc": "d", "text": text, "timexes": timexes});
        let path = std::env::temp_dir().join(format!("gloss-{name}-{}.jsonl", std::process::id()));
        std::fs::write(&path, format!("{doc}\n")).unwrap();
        path
    }

    #[test]
    fn gold_below_the_opening_lines_is_scored_and_unannotated_lines_are_not() {
        // Annotated, line 8's "2019" is gold and found; unannotated, it is
        // neither found nor spurious.
        for (annotate_end, gold_and_found) in [(true, 2), (false, 1)] {
            let path = corpus(&format!("timex-{annotate_end}"), annotate_end);
            let report = run(&path, &mut Vec::new()).unwrap();
            std::fs::remove_file(&path).unwrap();
            let c = report.counts;
            assert_eq!(
                (c.gold, c.system, c.strict),
                (gold_and_found, gold_and_found, gold_and_found)
            );
        }
    }

    #[test]
    fn exact_match_counts_strict_and_relaxed() {
        let gold = [span(0, 5, TimexType::Date, "2025")];
        let sys = [span(0, 5, TimexType::Date, "2025")];
        let m = score(&gold, &sys);
        assert_eq!(m.counts.strict, 1);
        assert_eq!(m.counts.relaxed, 1);
        assert_eq!(m.counts.value_correct, 1);
        assert_eq!(m.counts.type_correct, 1);
        assert!(m.missed.is_empty() && m.spurious.is_empty());
    }

    #[test]
    fn overlap_is_relaxed_only_and_value_checked() {
        // gold "early 2023" (0..10), system "2023" (6..10) with another value.
        let gold = [span(0, 10, TimexType::Date, "2023")];
        let sys = [span(6, 10, TimexType::Duration, "P1Y")];
        let m = score(&gold, &sys);
        assert_eq!(m.counts.strict, 0);
        assert_eq!(m.counts.relaxed, 1);
        assert_eq!(m.counts.value_correct, 0);
        assert_eq!(m.counts.type_correct, 0);
        assert_eq!(m.wrong_value, vec![(0, 0)]);
    }

    #[test]
    fn misses_and_spurious_are_reported() {
        let gold = [
            span(0, 4, TimexType::Date, "2020"),
            span(20, 25, TimexType::Set, "P1W"),
        ];
        let sys = [
            span(0, 4, TimexType::Date, "2020"),
            span(10, 12, TimexType::Date, "X"),
        ];
        let m = score(&gold, &sys);
        assert_eq!(m.missed, vec![1]);
        assert_eq!(m.spurious, vec![1]);
        let r = Report::from_counts(1, m.counts);
        assert!((r.strict.precision - 0.5).abs() < 1e-9);
        assert!((r.strict.recall - 0.5).abs() < 1e-9);
        assert!((r.relaxed.f1 - 0.5).abs() < 1e-9);
    }

    #[test]
    fn one_system_span_matches_one_gold_only() {
        // Two gold expressions inside one long system expression.
        let gold = [
            span(0, 4, TimexType::Date, "2009"),
            span(8, 12, TimexType::Date, "2011"),
        ];
        let sys = [span(0, 12, TimexType::Duration, "P2Y")];
        let m = score(&gold, &sys);
        assert_eq!(m.counts.relaxed, 1);
        assert_eq!(m.missed.len(), 1);
        assert!(m.spurious.is_empty());
    }

    #[test]
    fn strict_pairs_take_priority_over_overlaps() {
        let gold = [
            span(0, 10, TimexType::Date, "a"),
            span(6, 10, TimexType::Date, "b"),
        ];
        let sys = [span(6, 10, TimexType::Date, "b")];
        let m = score(&gold, &sys);
        assert_eq!(m.counts.strict, 1);
        assert_eq!(m.missed, vec![0]);
    }

    #[test]
    fn empty_inputs_score_zero_without_dividing_by_zero() {
        let r = Report::from_counts(0, score(&[], &[]).counts);
        assert_eq!(r.strict.f1, 0.0);
        assert_eq!(r.value_accuracy, 0.0);
    }

    #[test]
    fn run_scores_a_tiny_corpus_file() {
        let dir_guard = tempfile::tempdir().unwrap();
        let dir = dir_guard.path().to_path_buf();
        let path = dir.join("tiny.jsonl");
        // "Talks resumed on Tuesday in 2023." with gold "Tuesday" and "2023" (char offsets).
        let doc = r#"{"doc":"t","dct":{"type":"DATE","value":"2025-08-27","start":0,"end":0},"text":"Talks resumed on Tuesday in 2023 .","timexes":[{"type":"DATE","value":"2025-08-26","start":17,"end":24},{"type":"DATE","value":"2022","start":28,"end":32}]}"#;
        std::fs::write(&path, format!("{doc}\n")).unwrap();
        let mut out = Vec::new();
        let r = run(&path, &mut out).unwrap();
        assert_eq!(r.documents, 1);
        assert_eq!(r.counts.strict, 2);
        assert_eq!(r.counts.value_correct, 1);
        assert!((r.value_accuracy - 0.5).abs() < 1e-9);
        let table = String::from_utf8(out).unwrap();
        assert!(table.contains("strict"), "{table}");
        assert!(table.contains("2023 -> 2023"), "{table}");
    }

    #[test]
    fn char_offsets_and_region() {
        let text = "é1\nab\ncd";
        let map = char_index(text);
        assert_eq!(map[2], 1); // after the two-byte é
        assert_eq!(map[text.len()], 8);
        assert_eq!(region_end(text, 1), 4);
        assert_eq!(region_end(text, 2), 7);
        assert_eq!(region_end(text, 5), text.len());
    }
}
