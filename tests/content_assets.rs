//! Consistency checks for the content gloss ships and tests against: the bundled
//! glossary files and the pasted-text fixtures' expect files.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    term: String,
    definition: String,
    #[serde(default)]
    aliases: Vec<String>,
    category: String,
}

#[test]
fn bundled_glossary_is_well_formed_and_unique() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/glossary");
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut total = 0;
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let file: GlossaryFile = toml::from_str(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for entry in &file.entry {
            total += 1;
            assert_eq!(
                entry.category,
                stem,
                "{}: category of {}",
                path.display(),
                entry.term
            );
            assert!(
                !entry.term.trim().is_empty(),
                "{}: empty term",
                path.display()
            );
            assert!(
                entry.definition.len() > 20 && entry.definition.ends_with('.'),
                "{}: definition of {}",
                path.display(),
                entry.term
            );
            for name in std::iter::once(&entry.term).chain(&entry.aliases) {
                let key = name.to_lowercase();
                if let Some(other) = seen.insert(key, format!("{stem}: {}", entry.term)) {
                    panic!(
                        "{name:?} in {stem}: {} is already used by {other}",
                        entry.term
                    );
                }
            }
        }
    }
    assert!(total >= 170, "only {total} glossary entries");
}

/// Joins the lines of each paragraph, so hard-wrapped fixtures compare like the others.
fn unwrap_paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(|para| para.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn pasted_fixture_expectations_match_their_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pasted");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let Some(stem) = name.strip_suffix(".expect.toml") else {
            continue;
        };
        count += 1;
        let expect: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let raw = fs::read_to_string(dir.join(format!("{stem}.txt")))
            .unwrap_or_else(|e| panic!("{stem}.txt: {e}"));
        let text = unwrap_paragraphs(&raw);
        for key in [
            "publication",
            "title",
            "subtitle",
            "author",
            "caption",
            "caption_credit",
            "caption_license",
            "body_first",
            "body_last",
        ] {
            if let Some(value) = expect.get(key) {
                let value = value
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: {key} is not a string"));
                // A subtitle may join several lines of the page with " · "
                // (a wire's summary points).
                // Several authors may have been written apart ("Ann Lee
                // (now) and Bo Kim (earlier)").
                let parts: Vec<&str> = match key {
                    "subtitle" => value.split(" · ").collect(),
                    "author" => value.split(" and ").collect(),
                    _ => vec![value],
                };
                for part in parts {
                    assert!(
                        text.contains(part)
                            || raw.contains(part)
                            // Names a wire writes in capitals read as names.
                            || key == "author" && raw.contains(&part.to_uppercase()),
                        "{name}: {key} {part:?} not in the fixture"
                    );
                }
            }
        }
        for key in ["title", "body_first", "body_last"] {
            assert!(expect.contains_key(key), "{name}: missing {key}");
        }
        for key in ["headings", "clutter"] {
            for item in expect
                .get(key)
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                let item = item.as_str().unwrap();
                let is_line = |item: &str| {
                    text.lines().any(|l| l == item) || raw.lines().any(|l| l.trim() == item)
                };
                // A book's chapter heading joins its number's line and its
                // title's ("Chapter 1" over "The Keeper's Daughter").
                let joins_lines = || {
                    item.match_indices(' ').any(|(at, _)| {
                        let number = &item[..at];
                        is_line(number.strip_suffix(':').unwrap_or(number))
                            && is_line(&item[at + 1..])
                    })
                };
                assert!(
                    is_line(item) || key == "headings" && joins_lines(),
                    "{name}: {key} {item:?} is not a line of the fixture"
                );
            }
        }
        assert_eq!(
            raw.contains("\nNote: "),
            expect
                .get("note")
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            "{name}: note"
        );
        if let Some(date) = expect.get("published") {
            let date = date.as_str().unwrap();
            // A book's original publication may give only its year.
            let year = date.len() == 4 && date.bytes().all(|b| b.is_ascii_digit());
            assert!(
                year || jiff::civil::Date::strptime("%Y-%m-%d", date).is_ok(),
                "{name}: published {date:?}"
            );
            assert!(
                raw.contains(date) || !year,
                "{name}: published {date:?} not in the fixture"
            );
        }
    }
    assert!(count >= 6, "only {count} pasted fixtures");
}
