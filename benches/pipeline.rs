//! Benchmarks for each stage of the pipeline and for a full render cycle.
//!
//! `cargo bench --bench pipeline` runs them all; results and method are in
//! docs/PERFORMANCE.md. Sizes: a seed-sized post (3 KB) and larger synthetic
//! documents built from the bundled samples.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gloss::app::{Action, State, keymap::Keymap, state::Settings, update};
use gloss::core::glossary::{self, lexicon::bundled};
use gloss::core::layout::wrap;
use gloss::core::load::{annotate, parse_bytes};
use gloss::core::sanitize::sanitize;
use gloss::core::timeline::timex;
use gloss::eval::synth::{SynthFormat, generate};
use ratatui::{Terminal, backend::TestBackend};
use std::hint::black_box;

const SIZES: [(&str, usize); 2] = [("3KB", 3 * 1024), ("10MB", 10 * 1024 * 1024)];

fn stages(c: &mut Criterion) {
    for (label, size) in SIZES {
        let text = generate(size, SynthFormat::Text);
        let article = parse_bytes(text.as_bytes(), "bench")
            .expect("parses")
            .remove(0);
        let bytes = text.len() as u64;

        let mut group = c.benchmark_group("stages");
        group.throughput(Throughput::Bytes(bytes));
        if size > 1024 * 1024 {
            group.sample_size(10);
        }
        group.bench_function(BenchmarkId::new("sanitize", label), |b| {
            b.iter(|| sanitize(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("parse_plain", label), |b| {
            b.iter(|| parse_bytes(black_box(text.as_bytes()), "bench"))
        });
        // The other formats, each read and sanitized as a file of its kind
        // is (the name tells a feed from a page). At 10 MB a page is past
        // html::MAX_BYTES and is read as plain text as it comes, as a
        // document that large always is.
        for (stage, format, name) in [
            ("parse_markdown", SynthFormat::Markdown, "bench.md"),
            ("parse_html", SynthFormat::Html, "bench.html"),
            ("parse_feed", SynthFormat::Feed, "bench.xml"),
        ] {
            let input = generate(size, format);
            group.throughput(Throughput::Bytes(input.len() as u64));
            group.bench_function(BenchmarkId::new(stage, label), |b| {
                b.iter(|| parse_bytes(black_box(input.as_bytes()), name))
            });
        }
        group.throughput(Throughput::Bytes(bytes));
        let lexicon = bundled();
        group.bench_function(BenchmarkId::new("glossary", label), |b| {
            b.iter(|| glossary::build(black_box(&article.blocks), &[lexicon]))
        });
        group.bench_function(BenchmarkId::new("timex", label), |b| {
            b.iter(|| timex::tag(black_box(&text), "2025-08-27".parse().ok()))
        });
        group.bench_function(BenchmarkId::new("layout_wrap_80", label), |b| {
            b.iter(|| {
                article
                    .blocks
                    .iter()
                    .map(|block| wrap(&block.text, 80).len())
                    .sum::<usize>()
            })
        });
        group.finish();
    }
}

/// One keypress: update plus a full frame on a 120×40 TestBackend. The cost
/// must not grow with the document.
/// One update, then a full frame: what a keypress costs.
fn step_and_draw(state: &mut State, terminal: &mut Terminal<TestBackend>, action: Action) {
    update(state, action);
    terminal
        .draw(|f| f.render_widget(&*state, f.area()))
        .expect("draws");
}

fn render_cycle(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_cycle");
    for (label, size) in [("3KB", 3 * 1024), ("100MB", 100 * 1024 * 1024)] {
        let text = generate(size, SynthFormat::Text);
        let mut article = parse_bytes(text.as_bytes(), "bench")
            .expect("parses")
            .remove(0);
        drop(text);
        annotate(&mut article, &[bundled()]);
        let mut state = State::new(vec![article], Settings::default(), Keymap::default());
        update(&mut state, Action::Resize(120, 40));
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        group.bench_function(BenchmarkId::new("page_down_and_draw", label), |b| {
            b.iter(|| step_and_draw(&mut state, &mut terminal, Action::PageDown))
        });
        group.bench_function(BenchmarkId::new("bottom_top_and_draw", label), |b| {
            b.iter(|| {
                step_and_draw(&mut state, &mut terminal, Action::Bottom);
                step_and_draw(&mut state, &mut terminal, Action::Top);
            })
        });
        // `t`, then `T` back: each searches every entry's occurrences for
        // the nearest term; a frame finds the marks of the blocks on screen.
        group.bench_function(
            BenchmarkId::new("next_previous_term_and_draw", label),
            |b| {
                b.iter(|| {
                    step_and_draw(&mut state, &mut terminal, Action::NextTerm);
                    step_and_draw(&mut state, &mut terminal, Action::NextTerm);
                    step_and_draw(&mut state, &mut terminal, Action::PreviousTerm);
                })
            },
        );
        // The timeline filtered to aid: the pane shows a window of the
        // filtered list, which must not cost a pass over every event.
        update(&mut state, Action::ToggleAidOnly);
        group.bench_function(
            BenchmarkId::new("aid_only_page_down_and_draw", label),
            |b| b.iter(|| step_and_draw(&mut state, &mut terminal, Action::PageDown)),
        );
        update(&mut state, Action::ToggleAidOnly);
        group.bench_function(BenchmarkId::new("resize_and_draw", label), |b| {
            let mut wide = false;
            b.iter(|| {
                wide = !wide;
                let width = if wide { 120 } else { 100 };
                step_and_draw(&mut state, &mut terminal, Action::Resize(width, 40));
            })
        });
    }
    group.finish();
}

/// The term matcher alone with 1,000+ terms (bundled entries, their aliases
/// and synthetic ones) over 10 MB: the one pass that finds every term.
fn term_matching(c: &mut Criterion) {
    use gloss::core::glossary::matcher::TermMatcher;
    let text = generate(10 * 1024 * 1024, SynthFormat::Text);
    let mut terms: Vec<String> = bundled()
        .entries
        .iter()
        .flat_map(|e| std::iter::once(e.term.clone()).chain(e.aliases.iter().cloned()))
        .collect();
    for i in 0..(1200usize.saturating_sub(terms.len())) {
        terms.push(format!("synthetic term {i}"));
    }
    let matcher = TermMatcher::new(terms.iter().enumerate().map(|(i, t)| (i, t.as_str())));
    let mut group = c.benchmark_group("glossary_matching");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function(
        BenchmarkId::new(format!("{}_terms", terms.len()), "10MB"),
        |b| b.iter(|| matcher.find_iter(black_box(&text)).count()),
    );
    group.finish();
}

criterion_group!(benches, stages, render_cycle, term_matching);
criterion_main!(benches);
