//! The command line as a user runs it: export round-trips through dump, bad
//! input gets one line and exit status 2.

use std::path::Path;
use std::process::{Command, Output};

fn gloss(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env(
            "GLOSS_STATE_DIR",
            std::env::temp_dir().join("gloss-cli-test-state"),
        )
        .env(
            "GLOSS_DATA_DIR",
            std::env::temp_dir().join("gloss-cli-test-data"),
        )
        .output()
        .expect("runs gloss")
}

/// `gloss terms PATH`: its output, and each line as JSON.
fn terms_of(path: &str) -> (String, Vec<serde_json::Value>) {
    let out = gloss(&["terms", path]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let entries = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (text, entries)
}

/// Where an entry of `gloss terms` says its term occurs, and what the
/// input (as characters) has there.
fn occurrences_in(entry: &serde_json::Value, input: &[char]) -> Vec<(usize, String)> {
    entry["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let start = o["start"].as_u64().unwrap() as usize;
            let end = o["end"].as_u64().unwrap() as usize;
            (start, input[start..end].iter().collect())
        })
        .collect()
}

/// Runs gloss with `input` on its standard input.
fn gloss_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(args)
        .env(
            "GLOSS_STATE_DIR",
            std::env::temp_dir().join("gloss-cli-test-state"),
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs gloss");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    // Written from another thread: gloss may print while it still reads.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("gloss finishes");
    writer.join().expect("writer").expect("stdin written");
    output
}

/// Standard input reads as the same text as a file: small (read whole) and
/// large (its first 256 KB read, the rest streamed through the sanitizer).
#[test]
fn standard_input_dumps_like_the_same_file() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let small = std::fs::read(fixture("tests/fixtures/pasted/substack-full.txt")).unwrap();
    let large =
        gloss::eval::synth::generate(700_000, gloss::eval::synth::SynthFormat::Text).into_bytes();
    for (name, bytes) in [("small.txt", small), ("large.txt", large)] {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let from_file = gloss(&["dump", "--width", "80", &path.display().to_string()]);
        let from_stdin = gloss_with_stdin(&["dump", "--width", "80", "-"], &bytes);
        assert!(
            from_file.status.success() && from_stdin.status.success(),
            "{name}"
        );
        assert!(from_file.stdout.len() > bytes.len() / 2, "{name}: printed");
        assert!(
            from_file.stdout == from_stdin.stdout,
            "{name}: standard input printed differently"
        );
    }
}

/// A large document's text is printed while its glossary and timeline are
/// built on other threads: the output is still the library's `dump` of the
/// annotated article, glossary and timeline included.
#[test]
fn a_large_dump_printed_while_annotating_is_the_plain_dump() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let text = gloss::eval::synth::generate(600_000, gloss::eval::synth::SynthFormat::Text);
    let path = dir.join("large.txt");
    std::fs::write(&path, &text).unwrap();
    let printed = gloss(&["dump", "--width", "72", &path.display().to_string()]);
    assert!(printed.status.success());
    let articles = annotated_by_the_library(&text, "large.txt");
    assert!(gloss::core::load::is_large(&articles[0]));
    assert!(!articles[0].glossary.is_empty() && !articles[0].timeline.is_empty());
    let expected = gloss::cli::commands::dump(&articles[0], 72, false);
    assert!(
        String::from_utf8_lossy(&printed.stdout) == expected,
        "the dump printed while annotating differs"
    );
}

/// What the command line should print, made through the library: the
/// input read and annotated with the bundled glossary, one article at a time.
fn annotated_by_the_library(input: &str, name: &str) -> Vec<gloss::core::model::Article> {
    gloss::core::load::load_bytes(
        input.as_bytes(),
        name,
        &[gloss::core::glossary::lexicon::bundled()],
    )
    .expect("the input reads")
}

fn fixture(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

#[test]
fn export_then_dump_prints_the_same_as_dump() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    for input in [
        "tests/fixtures/pasted/substack-full.txt",
        "tests/fixtures/timeline/tokyo-kyiv-brief.txt",
        "tests/fixtures/formats/note.md",
        "tests/fixtures/formats/news-jsonld.html",
        "tests/fixtures/formats/feed-rss.xml",
    ] {
        let path = fixture(input);
        let export = gloss(&["export", &path]);
        assert!(export.status.success(), "{input}: export failed");
        let json = dir.join("a.json");
        std::fs::write(&json, &export.stdout).unwrap();
        let direct = gloss(&["dump", &path]);
        let through_json = gloss(&["dump", &json.display().to_string()]);
        assert!(direct.status.success() && through_json.status.success());
        assert_eq!(
            String::from_utf8_lossy(&direct.stdout),
            String::from_utf8_lossy(&through_json.stdout),
            "{input}: dump of the export differs"
        );
    }
}

#[test]
fn bad_inputs_get_one_line_and_status_2() {
    let missing = gloss(&["dump", "/nonexistent/post.txt"]);
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("gloss: cannot read"), "{err}");

    let binary = gloss(&["dump", env!("CARGO_BIN_EXE_gloss")]);
    assert_eq!(binary.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&binary.stderr).contains("binary file"));
    // A document gloss cannot read says what it is, and what to do instead.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-binary-kinds");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, bytes, kind) in [
        (
            "page.webarchive",
            &b"bplist00\x00\x01\x02\x03WebMainResource"[..],
            "Safari web archive",
        ),
        ("report.pdf", &b"%PDF-1.7\n\x00\x01\x02\x03"[..], "a PDF"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = gloss(&["dump", &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("binary file") && err.contains(kind), "{err}");
    }

    let empty_dir_guard = tempfile::tempdir().unwrap();
    let empty_dir = empty_dir_guard.path().to_path_buf();
    let none = gloss(&["dump", &empty_dir.display().to_string()]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no articles"));
}

#[test]
fn timex_offsets_point_into_the_input_as_read() {
    let path = fixture("tests/fixtures/timeline/tokyo-kyiv-brief.txt");
    let input = std::fs::read_to_string(&path).unwrap();
    let out = gloss(&["timex", &path]);
    assert!(out.status.success());
    let lines = String::from_utf8(out.stdout).unwrap();
    assert!(lines.lines().count() >= 5);
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        let text: String = input.chars().skip(start).take(end - start).collect();
        assert_eq!(text, v["text"].as_str().unwrap());
    }
    assert!(
        lines.contains(r#""text":"this week","type":"DATE","value":"2025-W35""#),
        "{lines}"
    );
}

/// A book's offsets count the characters of its text as the reader reads
/// it (its archive is no text): its blocks, a blank line apart.
#[test]
fn terms_and_timex_read_a_book_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.epub");
    let book = gloss::eval::synth::generate_book(60_000);
    std::fs::write(&path, &book).unwrap();
    let article = gloss::core::load::parse_bytes(&book, "long.epub")
        .unwrap()
        .remove(0);
    let text: Vec<char> = article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
        .chars()
        .collect();
    let (lines, entries) = terms_of(&path.display().to_string());
    assert!(entries.len() > 5, "{lines}");
    for entry in &entries {
        let term = entry["term"].as_str().unwrap().to_lowercase();
        let aliases: Vec<String> = entry["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_lowercase())
            .collect();
        for (_, found) in occurrences_in(entry, &text) {
            let found = found.to_lowercase();
            assert!(
                found.starts_with(&term) || aliases.iter().any(|a| found.starts_with(a)),
                "{found:?} for {term:?}"
            );
        }
    }
    let out = gloss(&["timex", &path.display().to_string()]);
    assert!(out.status.success(), "{out:?}");
    let timexes = String::from_utf8(out.stdout).unwrap();
    let mut checked = 0;
    for line in timexes.lines() {
        let t: serde_json::Value = serde_json::from_str(line).unwrap();
        let (start, end) = (t["start"].as_u64().unwrap(), t["end"].as_u64().unwrap());
        let found: String = text[start as usize..end as usize].iter().collect();
        assert_eq!(found, t["text"].as_str().unwrap());
        checked += 1;
    }
    assert!(checked > 5, "{timexes}");
    // Anchored on the book's date: "this week" is the week of 2025-08-27.
    assert!(timexes.contains(r#""value":"2025-W35""#), "{timexes}");
}

#[test]
fn terms_offsets_point_into_the_input_as_read() {
    let path = fixture("tests/fixtures/timeline/tokyo-kyiv-brief.txt");
    let input = std::fs::read_to_string(&path).unwrap();
    let (text, entries) = terms_of(&path);
    let mut checked = 0;
    for v in entries {
        let names: Vec<String> = std::iter::once(v["term"].as_str().unwrap().to_lowercase())
            .chain(
                v["aliases"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_lowercase()),
            )
            .collect();
        for o in v["occurrences"].as_array().unwrap() {
            let (s, e) = (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
            );
            let found: String = input
                .chars()
                .skip(s)
                .take(e - s)
                .collect::<String>()
                .to_lowercase();
            assert!(
                names.iter().any(|n| found.starts_with(n.as_str())),
                "{found:?} is not {names:?}"
            );
            checked += 1;
        }
    }
    assert!(checked > 5, "{text}");
    assert!(text.contains(r#""term":"SAR""#), "{text}");
}

/// A term the article defines and the bundled glossary explains too: the
/// article's definition is the entry's, the bundled one stays beside it.
#[test]
fn terms_keep_the_bundled_definition_an_article_overrides() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-terms-see-also");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("post.txt");
    std::fs::write(
        &path,
        "Kitchen Statecraft\n\nLima courts its neighbours with ceviche, a practice \
         known as gastrodiplomacy. Gastrodiplomacy refers to winning friends abroad \
         through a nation's food.\n",
    )
    .unwrap();
    let (text, entries) = terms_of(path.to_str().unwrap());
    let entry = entries
        .into_iter()
        .find(|v| {
            v["term"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case("gastrodiplomacy")
        })
        .unwrap_or_else(|| panic!("{text}"));
    assert_eq!(entry["source"], "article", "{entry}");
    assert!(
        entry["definition"]
            .as_str()
            .unwrap()
            .contains("a nation's food"),
        "{entry}"
    );
    let others = entry["see_also"].as_array().expect("see_also");
    assert_eq!(others.len(), 1, "{entry}");
    assert_eq!(others[0]["source"], "bundled", "{entry}");
    let bundled = others[0]["definition"].as_str().unwrap();
    assert!(!bundled.is_empty());
    // The dump prints both, the bundled one labelled, under the entry.
    let out = gloss(&["dump", "--width", "200", path.to_str().unwrap()]);
    let dump = String::from_utf8(out.stdout).unwrap();
    let glossary = &dump[dump.find("\nGlossary\n").expect("a glossary")..];
    let own = glossary
        .find("a nation's food")
        .expect("the article's definition");
    let other = glossary
        .find(&format!("  gloss glossary: {bundled}"))
        .unwrap_or_else(|| panic!("{dump}"));
    assert!(own < other, "{dump}");
}

/// A page's dates are found in its text, anchored by its metadata.
#[test]
fn timex_of_a_page_skips_its_markup() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-timex-page");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.html");
    let page = "<html><head><meta property=\"article:published_time\" content=\"2025-08-27T10:00:00Z\">\
                <script>const built = \"2019-01-01\";</script></head><body>\
                <p>On 3&nbsp;May <b>2024</b> the envoy spoke. <time datetime=\"2023-02-02\">Last year</time> it rained.</p>\
                </body></html>";
    std::fs::write(&path, page).unwrap();
    let out = gloss(&["timex", path.to_str().unwrap()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let found: Vec<(String, String)> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| {
            (
                v["text"].as_str().unwrap().to_owned(),
                v["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let expected = [("3\u{a0}May 2024", "2024-05-03"), ("Last year", "2024")];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(t, v)| (t.to_string(), v.to_string()))
        .collect();
    assert_eq!(found, expected, "{text}");
    // Offsets point into the page: the first date runs from its "3" over
    // the reference and the tag to its year.
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let chars: Vec<char> = page.chars().collect();
    let (start, end) = (
        first["start"].as_u64().unwrap(),
        first["end"].as_u64().unwrap(),
    );
    let span: String = chars[start as usize..end as usize].iter().collect();
    assert_eq!(span, "3&nbsp;May <b>2024", "{text}");
}

/// A page's terms are found in its text, not in its scripts, styles,
/// attributes or comments; offsets still count the page's characters.
#[test]
fn terms_of_a_page_skip_its_markup() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-terms-page");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("page.html");
    let page = "<html><head><title>Brief</title><script>const NATO = 'NATO’s';</script>\
                <style>.NATO { color: red }</style></head><body>\
                <p>Japan’s envoy met the North Atlantic Treaty Organization (NATO) in July.</p>\
                <!-- NATO draft --><p>Later <a href=\"https://example.org/NATO\">NATO</a> agreed.</p>\
                </body></html>";
    std::fs::write(&path, page).unwrap();
    let (text, entries) = terms_of(path.to_str().unwrap());
    let nato = entries
        .into_iter()
        .find(|v| v["term"] == "NATO")
        .unwrap_or_else(|| panic!("no NATO in {text}"));
    assert_eq!(
        nato["expansion"], "North Atlantic Treaty Organization",
        "{text}"
    );
    let chars: Vec<char> = page.chars().collect();
    let found = occurrences_in(&nato, &chars);
    // The long form, "(NATO)" and the link's text: nothing in the markup.
    let words: Vec<&str> = found.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        words,
        ["North Atlantic Treaty Organization", "NATO", "NATO"],
        "{found:?}"
    );
    let link_text = page.find(">NATO</a>").unwrap() + 1;
    assert_eq!(found[2].0, page[..link_text].chars().count(), "{found:?}");
}

/// Markup inside a word or a name does not cut it, and character
/// references are read as what they stand for, in a page, in Markdown and
/// in a feed's escaped HTML:
/// `gloss terms` reads the prose the reader shows ("NATO", "R&D",
/// "panic-unwind column"), and its offsets still point into the input,
/// from a term's first character to its last.
#[test]
fn terms_read_words_that_markup_cuts_or_escapes() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-terms-inline");
    std::fs::create_dir_all(&dir).unwrap();
    let page = "<html><body><p>The <b>N</b>orth <em>Atlantic</em> Treaty Organization (NATO) met. \
                Research &amp; Development (R&amp;D) grew.</p>\
                <p>The <code>panic</code>-unwind column refers to panics of every kind.</p></body></html>";
    let notes = "The **N**orth *Atlantic* Treaty Organization (NATO) met. \
                 Research &amp; Development (R&amp;D) grew.\n\n\
                 The `panic`-unwind column refers to panics of every kind.\n";
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ledger</title>\
                <item><title>Brief</title><description>&lt;p&gt;The &lt;b&gt;N&lt;/b&gt;orth Atlantic \
                Treaty Organization (NATO) met. Research &amp;amp; Development (R&amp;amp;D) grew.&lt;/p&gt;\
                &lt;p&gt;The &lt;code&gt;panic&lt;/code&gt;-unwind column refers to panics of every kind.\
                &lt;/p&gt;</description></item></channel></rss>";
    for (name, input, amp) in [
        ("page.html", page, "&amp;"),
        ("notes.md", notes, "&amp;"),
        ("feed.xml", feed, "&amp;amp;"),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, input).unwrap();
        let (text, entries) = terms_of(path.to_str().unwrap());
        let find = |term: &str| {
            entries
                .iter()
                .find(|v| v["term"] == term)
                .unwrap_or_else(|| panic!("no {term:?} in {name}: {text}"))
        };
        assert_eq!(
            find("NATO")["expansion"],
            "North Atlantic Treaty Organization",
            "{text}"
        );
        assert_eq!(find("R&D")["expansion"], "Research & Development", "{text}");
        find("panic-unwind column");
        // What each occurrence spans in the input, as written there.
        let chars: Vec<char> = input.chars().collect();
        let spans = |term: &str| -> Vec<String> {
            occurrences_in(find(term), &chars)
                .into_iter()
                .map(|(_, text)| text)
                .collect()
        };
        let nato = spans("NATO");
        assert!(
            nato[0].starts_with('N') && nato[0].ends_with("Treaty Organization"),
            "{name}: {nato:?}"
        );
        assert_eq!(nato[1], "NATO", "{name}");
        assert_eq!(
            spans("R&D"),
            [format!("Research {amp} Development"), format!("R{amp}D")],
            "{name}"
        );
        let column = &spans("panic-unwind column")[0];
        assert!(
            column.starts_with("panic") && column.ends_with("-unwind column"),
            "{name}: {column:?}"
        );
    }
}

/// A glossary list is structure: a page's `<dl>` and a Markdown list of
/// "Term: definition" items define their terms for `gloss terms` as for the
/// reader, their uses found in the input as written. So does a definition
/// that markup interrupts (a link around a long form).
#[test]
fn terms_include_what_the_parsed_document_defines() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-terms-list");
    std::fs::create_dir_all(&dir).unwrap();
    let page = "<html><body><article><h1>Harbour words</h1>\
        <p>Words the port office uses in its notices.</p><dl>\
        <dt>Berth</dt><dd>A place at a quay where one ship is moored.</dd>\
        <dt>Draught:</dt><dd>The depth of water a ship needs below its waterline.</dd>\
        <dt>Slack water</dt><dd>The short time between tides.</dd></dl>\
        <p>The draught limits change with the season.</p></article></body></html>";
    let notes = "# Harbour words\n\nWords the port office uses:\n\n\
        - Berth: a place at a quay where one ship is moored.\n\
        - Draught: the depth of water a ship needs below its waterline.\n\
        - Slack water: the short time between tides.\n\n\
        The draught limits change with the season.\n\n\
        The [Harbour Master's Office](https://example.org/hmo) (HMO) sets them; ask the HMO.\n";
    for (name, input) in [("words.html", page), ("words.md", notes)] {
        let path = dir.join(name);
        std::fs::write(&path, input).unwrap();
        let (text, entries) = terms_of(path.to_str().unwrap());
        let chars: Vec<char> = input.chars().collect();
        // What each entry's occurrences point at in the input.
        let uses = |v: &serde_json::Value| -> Vec<String> {
            occurrences_in(v, &chars)
                .into_iter()
                .map(|(_, text)| text)
                .collect()
        };
        let found: Vec<(String, Vec<String>)> = entries
            .iter()
            .filter(|v| v["kind"] == "definition")
            .map(|v| (v["term"].as_str().unwrap().to_owned(), uses(v)))
            .collect();
        let expected = [
            ("Berth", vec!["Berth"]),
            ("draught", vec!["Draught", "draught"]),
            ("Slack water", vec!["Slack water"]),
        ];
        let expected: Vec<(String, Vec<String>)> = expected
            .iter()
            .map(|(t, u)| (t.to_string(), u.iter().map(|s| s.to_string()).collect()))
            .collect();
        assert_eq!(found, expected, "{name}: {text}");
        if name == "words.md" {
            let hmo = entries
                .iter()
                .find(|v| v["term"] == "HMO")
                .unwrap_or_else(|| panic!("no HMO in {text}"));
            assert_eq!(hmo["expansion"], "Harbour Master's Office", "{text}");
            assert_eq!(
                uses(hmo),
                ["Harbour Master's Office", "HMO", "HMO"],
                "{text}"
            );
        }
    }
}

/// Every kind of file gloss reads alone it reads in a directory too: each
/// format fixture gives an article when its folder is opened.
#[test]
fn a_directory_reads_every_format_gloss_reads() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(fixtures).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::copy(&path, dir.join(&name)).unwrap();
            names.push(name);
        }
    }
    names.sort();
    let output = gloss(&["export", &dir.display().to_string()]);
    assert!(output.status.success(), "{output:?}");
    let export: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut read: Vec<String> = export["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let source = a["meta"]["source"].as_str().unwrap();
            Path::new(source)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    read.sort();
    read.dedup();
    assert_eq!(read, names, "{}", String::from_utf8_lossy(&output.stderr));
}

/// A directory is read once however links point back into it, and a FIFO
/// named like an article is skipped instead of blocking the read forever.
#[cfg(unix)]
#[test]
fn directories_are_walked_once_and_only_regular_files_read() {
    use std::time::{Duration, Instant};
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-walk");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.txt"), "Tokyo pledged aid to Kyiv in 2023.\n").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub").join("up")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("here")).unwrap();
    let made = Command::new("mkfifo").arg(dir.join("b.txt")).status();
    let fifo = made.is_ok_and(|s| s.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["export", &dir.display().to_string()])
        .env("GLOSS_STATE_DIR", dir.join("state"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs gloss");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("gloss export did not finish: a loop or a blocking read");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let export: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let articles = export["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1, "a.txt once, through no link");
    if fifo {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not a regular file"), "{stderr}");
    }
}

/// A notes vault's hidden settings and a saved page's folder of frames are
/// not articles; the page beside its folder is.
#[test]
fn hidden_files_and_saved_page_folders_are_not_read() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-walk-vault");
    let _ = std::fs::remove_dir_all(&dir);
    for sub in [".obsidian", "Harbour_files", "Other_files"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join(".obsidian/app.json"), "{\"theme\": \"dark\"}\n").unwrap();
    std::fs::write(dir.join(".draft.md"), "# Draft\n\nNot yet.\n").unwrap();
    std::fs::write(
        dir.join("Harbour.html"),
        "<html><head><title>Harbour</title></head><body><p>Pilots board at dawn.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("Harbour_files/frame.html"),
        "<html><body><p>An advertisement frame.</p></body></html>",
    )
    .unwrap();
    // No page of that name beside it: an ordinary folder.
    std::fs::write(dir.join("Other_files/notes.txt"), "Tugs wait offshore.\n").unwrap();
    let output = gloss(&["export", &dir.display().to_string()]);
    assert!(output.status.success(), "{output:?}");
    let export: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut titles: Vec<String> = export["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            a["blocks"][0]["text"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    titles.sort();
    assert_eq!(titles, ["Pilots board at dawn.", "Tugs wait offshore."]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Harbour_files (the files of a saved page)"),
        "{stderr}"
    );
}

/// `--config` is the reader's: a command does not take it, and a command
/// placed after it (read as a file to open) gets a hint.
#[test]
fn config_is_an_option_of_the_reader_alone() {
    let post = fixture("tests/fixtures/pasted/substack-full.txt");
    let config = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-empty-config.toml");
    std::fs::write(&config, "").unwrap();
    let config = config.display().to_string();
    let after = gloss(&["dump", "--config", &config, &post]);
    assert_eq!(after.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&after.stderr).contains("--config"));
    let before = gloss(&["--config", &config, "dump", &post]);
    assert_eq!(before.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&before.stderr);
    assert!(
        stderr.contains("to run `gloss dump`, put it first"),
        "{stderr}"
    );
}

/// `-` named twice is standard input once, not a second, empty article;
/// a zero wrap width is refused.
#[test]
fn standard_input_is_read_once_and_width_zero_is_refused() {
    let once = gloss_with_stdin(&["export", "-", "-"], b"Tokyo sent aid to Kyiv in 2023.\n");
    assert!(once.status.success(), "{once:?}");
    let export: serde_json::Value = serde_json::from_slice(&once.stdout).unwrap();
    assert_eq!(export["articles"].as_array().unwrap().len(), 1);
    let zero = gloss(&["dump", "--width", "0", "-"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("at least 1"));
}

/// Two saved copies of one feed: the item both hold is shown once, with the
/// later copy's content, in the earlier one's place.
#[test]
fn an_item_in_two_copies_of_a_feed_is_shown_once() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let item = |title: &str, slug: &str, date: &str, body: &str| {
        format!(
            "<item><title>{title}</title><link>https://harbour.example/log/{slug}</link>\
             <pubDate>{date}</pubDate><description>{body}</description></item>"
        )
    };
    let feed = |items: &[String]| {
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Log</title>{}</channel></rss>",
            items.concat()
        )
    };
    let monday = feed(&[
        item(
            "Pilots wait longer",
            "pilots",
            "Mon, 03 Mar 2025 08:00:00 GMT",
            "Waits have doubled.",
        ),
        item(
            "New berth opens",
            "berth",
            "Sun, 02 Mar 2025 08:00:00 GMT",
            "It opened on Sunday.",
        ),
    ]);
    let tuesday = feed(&[
        item(
            "Gale closes the station",
            "gale",
            "Tue, 04 Mar 2025 08:00:00 GMT",
            "No pilots today.",
        ),
        item(
            "Pilots wait longer still",
            "pilots",
            "Mon, 03 Mar 2025 18:00:00 GMT",
            "The port replied.",
        ),
    ]);
    let (a, b) = (dir.join("a-monday.xml"), dir.join("b-tuesday.xml"));
    std::fs::write(&a, monday).unwrap();
    std::fs::write(&b, tuesday).unwrap();
    let out = gloss(&[
        "dump",
        "--width",
        "80",
        &a.display().to_string(),
        &b.display().to_string(),
    ]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let titles: Vec<&str> = stdout
        .lines()
        .zip(stdout.lines().skip(1))
        .filter(|(_, next)| next.starts_with('═'))
        .map(|(title, _)| title)
        .collect();
    assert_eq!(
        titles,
        [
            "Pilots wait longer still",
            "New berth opens",
            "Gale closes the station"
        ]
    );
    assert!(stdout.contains("The port replied.") && !stdout.contains("Waits have doubled."));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 feed item(s) found again"), "{stderr}");
}

/// A feed of more items than `gloss dump` annotates at a time (they are
/// annotated two threads at a time, a batch ahead of writing): every item
/// comes out in order with its own glossary and timeline, as annotated one
/// by one through the library.
#[test]
fn every_item_of_a_long_feed_is_dumped_with_its_notes_in_order() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let items: String = (0..300)
        .map(|i| {
            let year = 2000 + i % 25;
            format!(
                "<item><title>Shipment {i}</title><link>https://harbour.example/s/{i}</link>\
                 <pubDate>Mon, 03 Mar 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;In \
                 March {year}, crate {i} of body armor left the port as non-lethal aid.&lt;/p&gt;\
                 </description></item>"
            )
        })
        .collect();
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Log</title>\
         {items}</channel></rss>"
    );
    let path = dir.join("long.xml");
    std::fs::write(&path, &feed).unwrap();
    let out = gloss(&["dump", "--width", "70", &path.display().to_string()]);
    assert!(out.status.success());
    let articles = annotated_by_the_library(&feed, "long.xml");
    assert_eq!(articles.len(), 300);
    assert!(
        articles
            .iter()
            .all(|a| !a.glossary.is_empty() && !a.timeline.is_empty())
    );
    let expected: Vec<String> = articles
        .iter()
        .map(|a| gloss::cli::commands::dump(a, 70, false))
        .collect();
    assert!(
        String::from_utf8_lossy(&out.stdout) == expected.join("\n\n"),
        "the feed's dump differs from its items dumped one by one"
    );
}
