//! Terms an article defines itself: one positive per pattern, and the
//! sentences that look like definitions but are not.

use gloss::core::glossary::definitions::{FoundDefinition, find};
use gloss::core::model::{Article, Block, BlockKind, EntryKind, EntrySource, GlossaryEntry};

/// The article's glossary entry for `term`.
fn entry<'a>(article: &'a Article, term: &str) -> &'a GlossaryEntry {
    article
        .glossary
        .iter()
        .find(|e| e.term == term)
        .unwrap_or_else(|| panic!("{term} is in the glossary"))
}

/// The only definition in `text`.
fn one(text: &str) -> FoundDefinition {
    let found = find(text);
    assert_eq!(
        found.len(),
        1,
        "expected one definition in {text:?}: {found:#?}"
    );
    found.into_iter().next().unwrap()
}

/// Checks term, where it is named, the start of the definition and the aliases.
fn check(text: &str, term: &str, named: &str, definition_start: &str, aliases: &[&str]) {
    let d = one(text);
    assert_eq!(d.term, term, "{d:#?}");
    let at = text.find(named).expect("named text in fixture");
    assert_eq!(d.term_at, at..at + named.len(), "{d:#?}");
    assert_eq!(&text[d.term_at.clone()], term);
    assert!(
        d.definition.starts_with(definition_start),
        "definition {:?} should start with {definition_start:?}",
        d.definition
    );
    assert_eq!(d.aliases, aliases, "{d:#?}");
}

fn none(text: &str) {
    let found = find(text);
    assert!(found.is_empty(), "expected nothing in {text:?}: {found:#?}");
}

#[test]
fn note_explaining_a_quoted_term_takes_the_next_sentence() {
    let text = "Note: I want to explain “Kettle Politics” from the headline. This refers to \
                the habit of settling disputes over tea, a custom known as tea diplomacy.";
    check(
        text,
        "Kettle Politics",
        "Kettle Politics",
        "The habit of settling disputes over tea, a custom known as tea diplomacy.",
        &["tea diplomacy"],
    );
}

#[test]
fn follow_up_with_it_means() {
    let text = "A word on the phrase “quiet quitting”. It means doing only what a job requires.";
    check(
        text,
        "quiet quitting",
        "quiet quitting",
        "Doing only what a job requires.",
        &[],
    );
}

#[test]
fn subject_refers_to() {
    check(
        "Gastrodiplomacy refers to the use of cuisine in foreign policy.",
        "Gastrodiplomacy",
        "Gastrodiplomacy",
        "The use of cuisine in foreign policy.",
        &[],
    );
}

#[test]
fn the_term_quoted_refers_to() {
    let text = "The term “grey zone” refers to hostile acts kept below the threshold of war.";
    check(
        text,
        "grey zone",
        "grey zone",
        "Hostile acts kept below",
        &[],
    );
}

#[test]
fn subject_means() {
    check(
        "Strategic ambiguity means keeping an adversary unsure of how you will respond.",
        "Strategic ambiguity",
        "Strategic ambiguity",
        "Keeping an adversary unsure",
        &[],
    );
}

#[test]
fn subject_is_a_that() {
    check(
        "A drawdown is a transfer of weapons that come from existing stocks.",
        "drawdown",
        "drawdown",
        "A transfer of weapons that",
        &[],
    );
}

/// A clause before the verb is no term: "Note that this function is a …".
#[test]
fn a_clause_before_is_a_is_no_term() {
    none("Note that this function is a low-level tool that should be used with care.");
    none("Following that route is a gamble which few captains take.");
    // A term may still hold "and" or "of".
    check(
        "Search and rescue is a service that finds people lost at sea or in the mountains.",
        "Search and rescue",
        "Search and rescue",
        "A service that finds people",
        &[],
    );
}

#[test]
fn subject_is_the_practice_of() {
    check(
        "Friendshoring is the practice of moving supply chains to allied countries.",
        "Friendshoring",
        "Friendshoring",
        "The practice of moving",
        &[],
    );
}

#[test]
fn quoted_subject_is_a_which() {
    let text = "“Salami slicing” is a tactic which takes territory in small bites.";
    check(
        text,
        "Salami slicing",
        "Salami slicing",
        "A tactic which takes",
        &[],
    );
}

#[test]
fn subject_with_appositive_alias() {
    let text = "Gastrodiplomacy, also known as culinary diplomacy, is the use of food to win \
                hearts abroad.";
    check(
        text,
        "Gastrodiplomacy",
        "Gastrodiplomacy",
        "The use of food",
        &["culinary diplomacy"],
    );
}

#[test]
fn subject_with_or_gloss() {
    let text = "Deterrence, or dissuasion, means making an attack cost more than it gains.";
    check(
        text,
        "Deterrence",
        "Deterrence",
        "Making an attack",
        &["dissuasion"],
    );
}

#[test]
fn what_is_called() {
    let text = "Moscow mixes cyberattacks with sabotage in what is called hybrid warfare.";
    check(
        text,
        "hybrid warfare",
        "hybrid warfare",
        "Moscow mixes cyberattacks",
        &[],
    );
}

#[test]
fn so_called_quoted_and_bare() {
    check(
        "Ships of the so-called shadow fleet of old tankers carry oil.",
        "shadow fleet",
        "shadow fleet",
        "Ships of the",
        &[],
    );
    check(
        "Tokyo joined the so-called “coalition of the willing” last spring.",
        "coalition of the willing",
        "coalition of the willing",
        "Tokyo joined",
        &[],
    );
}

#[test]
fn so_called_term_explained_by_the_next_sentence() {
    let text = "Officials fear the so-called shadow fleet. This refers to ageing tankers with \
                murky owners.";
    check(
        text,
        "shadow fleet",
        "shadow fleet",
        "Ageing tankers with murky owners.",
        &[],
    );
}

#[test]
fn a_practice_known_as() {
    check(
        "Tokyo wins friends abroad with food and cooking classes, a practice known as \
         gastrodiplomacy.",
        "gastrodiplomacy",
        "gastrodiplomacy",
        "Tokyo wins friends abroad with food and cooking classes.",
        &[],
    );
}

#[test]
fn generic_phrase_known_as_defines_the_name() {
    let text = "Russia ships its crude in a fleet of ageing tankers with murky owners, known \
                as the shadow fleet.";
    check(
        text,
        "shadow fleet",
        "shadow fleet",
        "A fleet of ageing tankers with murky owners.",
        &[],
    );
}

#[test]
fn specific_name_known_as_gets_an_alias() {
    let text = "The Black Sea Grain Initiative, known as the grain deal, expired in 2023.";
    check(
        text,
        "Black Sea Grain Initiative",
        "Black Sea Grain Initiative",
        "The Black Sea Grain Initiative, known as",
        &["grain deal"],
    );
}

/// "the issue, dubbed X": a single plain word is the thing at hand, so the
/// name it was given is the term.
#[test]
fn a_plain_word_dubbed_gives_its_name_as_the_term() {
    let text = "The response to the outage, dubbed “Cablegate” by the press, came late.";
    check(
        text,
        "Cablegate",
        "Cablegate",
        "The response to the outage, dubbed",
        &[],
    );
}

#[test]
fn bracketed_also_known_as() {
    let text = "Ports now rely on the grain corridor (also known as the Ukrainian corridor) \
                for exports.";
    check(
        text,
        "grain corridor",
        "grain corridor",
        "Ports now rely",
        &["Ukrainian corridor"],
    );
}

#[test]
fn is_also_known_as() {
    let text = "Gastrodiplomacy is also known as culinary diplomacy.";
    check(
        text,
        "Gastrodiplomacy",
        "Gastrodiplomacy",
        "Gastrodiplomacy is also known as",
        &["culinary diplomacy"],
    );
}

#[test]
fn term_at_is_a_byte_range_after_multibyte_text() {
    let text = "Kyiv’s “drone wall” — ready in 2025. Note: “drone wall” refers to a belt of \
                sensors and interceptors along a border.";
    let d = one(text);
    assert_eq!(d.term, "drone wall");
    assert_eq!(&text[d.term_at.clone()], "drone wall");
    assert!(d.term_at.start > text.find("Note").unwrap());
}

#[test]
fn pronoun_subjects_are_not_terms() {
    none("It is a plan that could work.");
    none("This is the moment that matters.");
    none("That means more drones for the front.");
    none("There is a risk that talks collapse.");
    none("This refers to the plan. It means war for everyone involved.");
}

#[test]
fn proper_names_are_described_not_defined() {
    none("Japan is a country that values consensus.");
    none("Ishiba is the leader who made the pledge.");
    none("NATO is an alliance that has grown since 1949.");
    none("Tokyo means business this time around.");
    none("Beijing is the capital that matters most here.");
    none("Russian aggression is a threat that Europe cannot ignore.");
}

#[test]
fn specific_the_noun_subjects_are_descriptions() {
    none("The deal is a gamble that could backfire.");
    none("The minister refers to the pact as a milestone.");
}

#[test]
fn plural_terms_are_defined_too() {
    check(
        "Loitering munitions are drones that circle a target area before striking.",
        "Loitering munitions",
        "Loitering munitions",
        "Drones that circle a target area before striking.",
        &[],
    );
    check(
        "Glide bombs are unpowered bombs which carry wings and a guidance kit.",
        "Glide bombs",
        "Glide bombs",
        "Unpowered bombs which carry wings and a guidance kit.",
        &[],
    );
}

#[test]
fn plural_predicates_that_do_not_define() {
    none("Prices are higher in towns that lost their rail links.");
    none("Both sides are countries that border the Black Sea.");
    none("Talks are continuing on points that remain open.");
    none("The talks are steps that lead nowhere.");
    none("They are officials who asked not to be named.");
    none("Japan and Korea are neighbours that rarely agree.");
}

#[test]
fn ordinary_predicates_are_not_definitions() {
    none("Diplomacy is a slow business.");
    none("Sanctions is the word on everyone's lips in Brussels today and tomorrow, frankly.");
}

#[test]
fn quoted_speech_is_not_a_term() {
    none("“We’re in,” she said. This means Tokyo will act.");
    none("“Full Support” was what the minister said. This means Tokyo will act.");
}

#[test]
fn brackets_and_means_idioms_are_not_definitions() {
    none("Sanctions from the US (and its allies) bite hard.");
    none("The details are in the annex (see below).");
    none("Japan signed a security pact (2023) with Kyiv.");
    none("A ferry is still a means of transport for many islanders.");
    none("This is by no means the end of the war.");
    none("Restraint is what is called for now.");
    none("He is known as a hawk in the cabinet.");
    // "is called" here means invoked, and what follows is no name.
    none("An error is raised if the hook is called more than once.");
    none("The pilot boat is called again when the fog lifts.");
}

#[test]
fn so_called_with_nothing_nameable() {
    none("The reform was, so-called, a success.");
    none("They were so-called and then forgotten.");
}

#[test]
fn long_sentences_are_not_glosses() {
    let long = format!(
        "Gastrodiplomacy refers to {}.",
        "the slow and patient use of food and hospitality ".repeat(10)
    );
    none(&long);
}

#[test]
fn questions_are_not_definitions() {
    none("What does gastrodiplomacy refer to? Deterrence means what, exactly?");
    none("Is gastrodiplomacy a practice that works?");
}

#[test]
fn paragraphs_without_cues_are_skipped() {
    none("Tokyo has shipped drones, helmets and winter kits since 2022.");
}

#[test]
fn build_attaches_alias_occurrences_to_the_article_entry() {
    let note = "Note: a word on “Ramen Diplomacy” in the headline. This refers to using \
                noodle bars to win friends abroad, a practice known as culinary diplomacy.";
    let later = "Seoul answered with culinary diplomacy of its own.";
    let blocks = vec![
        Block {
            id: 0,
            kind: BlockKind::Note,
            text: note.into(),
        },
        Block {
            id: 1,
            kind: BlockKind::Paragraph,
            text: later.into(),
        },
    ];
    let entries = gloss::core::glossary::build(&blocks, &[]);
    let article: Vec<_> = entries
        .iter()
        .filter(|e| e.source == EntrySource::Article)
        .collect();
    assert_eq!(article.len(), 1, "{entries:#?}");
    let entry = article[0];
    assert_eq!(entry.term, "Ramen Diplomacy");
    assert_eq!(entry.kind, EntryKind::Definition);
    assert!(entry.definition.starts_with("Using noodle bars"));
    assert_eq!(entry.aliases, vec!["culinary diplomacy"]);
    let start = later.find("culinary diplomacy").unwrap() as u32;
    assert!(
        entry
            .occurrences
            .iter()
            .any(|o| o.block == 1 && o.start == start && o.end == start + 18),
        "{:#?}",
        entry.occurrences
    );
}

#[test]
fn code_blocks_define_nothing() {
    // "textwrap::wrap(text, 28)" in a fenced block looked like "long form (SF)".
    let md = "# Wrapping\n\nThe `wrap` function splits lines.\n\n```rust\nlet lines = textwrap::wrap(text, 28);\n```\n\nSynthetic Aperture Radar (SAR) sees through cloud.\n";
    let article = gloss::core::load::load_bytes(md.as_bytes(), "note.md", &[])
        .unwrap()
        .remove(0);
    assert!(article.blocks.iter().any(|b| b.kind == BlockKind::Code));
    let terms: Vec<&str> = article
        .glossary
        .iter()
        .filter(|e| e.source == EntrySource::Article)
        .map(|e| e.term.as_str())
        .collect();
    assert_eq!(terms, ["SAR"]);
}

#[test]
fn terms_in_code_are_not_uses() {
    // A JSON sample's "10 Downing Street" and a derive list split at its
    // comma, "derive(Serialize, Deserialize)", gave entries to a README.
    let md = "# Serde notes\n\nSetting up `#[derive(Serialize, Deserialize)]` is easy.\n\n\
              ```json\n{\"street\": \"10 Downing Street\", \"alliance\": \"NATO\"}\n```\n\n\
              NATO troops trained there.\n";
    let lexicon = gloss::core::glossary::lexicon::bundled();
    let article = gloss::core::load::load_bytes(md.as_bytes(), "serde.md", &[lexicon])
        .unwrap()
        .remove(0);
    let terms: Vec<&str> = article.glossary.iter().map(|e| e.term.as_str()).collect();
    assert_eq!(terms, ["NATO"], "{:#?}", article.glossary);
    let code = article
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Code)
        .expect("the sample is a code block")
        .id;
    assert!(
        article.glossary[0]
            .occurrences
            .iter()
            .all(|o| o.block != code),
        "NATO in the code is not counted"
    );
}

#[test]
fn an_article_glossary_holds_only_the_entries_it_uses() {
    // A feed of thousands of items keeps thousands of glossaries: each must
    // be sized for the few bundled entries its text uses, not for all of them.
    let lexicon = gloss::core::glossary::lexicon::bundled();
    let blocks = [Block {
        id: 0,
        kind: BlockKind::Paragraph,
        text: "NATO allies sent HIMARS and body armor.".into(),
    }];
    let entries = gloss::core::glossary::build(&blocks, &[lexicon]);
    assert!((2..10).contains(&entries.len()), "{entries:#?}");
    assert!(lexicon.entries.len() > 150);
    assert!(
        entries.capacity() < 2 * entries.len() + 4,
        "room for {} entries, {} used",
        entries.capacity(),
        entries.len()
    );
}

#[test]
fn a_users_note_on_a_bundled_term_joins_its_entry() {
    use gloss::core::glossary::lexicon::{Lexicon, bundled};
    let notes = Lexicon::parse(
        "[[entry]]\nterm = \"himars\"\ndefinition = \"My note: the launchers Kyiv asked for.\"\n\
         aliases = [\"M142\"]\n",
        EntrySource::User,
    )
    .unwrap();
    let blocks = [Block {
        id: 0,
        kind: BlockKind::Paragraph,
        text: "More HIMARS arrived, and an M142 was seen near the front.".into(),
    }];
    let entries = gloss::core::glossary::build(&blocks, &[bundled(), &notes]);
    let himars: Vec<_> = entries.iter().filter(|e| e.term == "HIMARS").collect();
    assert_eq!(himars.len(), 1, "{entries:#?}");
    let entry = himars[0];
    // The bundled entry, whole, with the note beside it and its alias added.
    assert_eq!(entry.source, EntrySource::Bundled);
    assert!(
        entry
            .definition
            .starts_with("The High Mobility Artillery Rocket System")
    );
    assert_eq!(entry.category.as_deref(), Some("defence"));
    assert_eq!(
        entry.aliases,
        ["High Mobility Artillery Rocket System", "M142"]
    );
    assert_eq!(entry.see_also.len(), 1);
    assert_eq!(entry.see_also[0].source, EntrySource::User);
    assert_eq!(
        entry.see_also[0].definition,
        "My note: the launchers Kyiv asked for."
    );
    // Both names count: "HIMARS" and the note's "M142".
    assert_eq!(entry.occurrences.len(), 2);
    assert!(entries.iter().all(|e| !e.term.is_empty()));
}

#[test]
fn a_table_of_contents_describes_chapters_not_terms() {
    none("How to read gloss describes how to read with gloss; most users need only this part.");
    none("Writing with the library describes the programming interface in detail.");
    none("What changed describes the fixes of each release.");
    // A term in -ing that stands alone is still defined.
    check(
        "Friendshoring describes moving supply chains to allied countries.",
        "Friendshoring",
        "Friendshoring",
        "Moving supply chains",
        &[],
    );
}

#[test]
fn a_connective_does_not_start_a_term() {
    none(
        "The port picks the \"best\" berth it can. However this means that the \
         berth is often one of a few, so ships often wait for the same one.",
    );
}

#[test]
fn a_glossary_written_as_a_list_defines_its_terms() {
    let md = "# Key terms\n\nThe words this briefing uses:\n\n\
        - HIMARS: High Mobility Artillery Rocket System - a truck-mounted launcher.\n\
        - Sushi diplomacy: using Japanese food to win friends abroad.\n\
        - Security guarantees: promises by other states to help defend a country.\n\
        - Note: some of these are also in the bundled glossary.\n\n\
        Later, HIMARS batteries moved east.\n\n\
        A changelog names parts, not terms:\n\n\
        - ci: drop the old compiler job\n\
        - ci: stop installing the nightly toolchain\n\
        - docs: say which ports are covered\n\n\
        An API reference labels a function's parts:\n\n\
        - Type: a number from one to ninety\n\
        - Default: the berth the office assigned\n\
        - Returns: the number of the berth given\n\n\
        The signing command takes these options:\n\n\
        - in: the file with the signed certificate\n\
        - inkey: the file with its private key\n\
        - certfile: the chain of authority certificates\n\
        - passin: the password source for the key\n";
    let article = gloss::core::load::load_bytes(md.as_bytes(), "terms.md", &[])
        .expect("Markdown loads")
        .remove(0);
    let defined: Vec<(&str, &str)> = article
        .glossary
        .iter()
        .filter(|e| e.source == EntrySource::Article && e.kind == EntryKind::Definition)
        .map(|e| (e.term.as_str(), e.definition.as_str()))
        .collect();
    assert!(
        defined.contains(&(
            "Sushi diplomacy",
            "using Japanese food to win friends abroad."
        )),
        "{defined:?}"
    );
    let himars = entry(&article, "HIMARS");
    assert!(
        himars
            .definition
            .starts_with("High Mobility Artillery Rocket System")
    );
    assert_eq!(himars.occurrences.len(), 2, "{himars:#?}");
    // "in" is a function word, not an option's name; the others are.
    assert!(defined.iter().any(|(t, _)| *t == "inkey"), "{defined:?}");
    // "Note:" labels an item; "ci" and "docs" are parts of a project;
    // "Returns:" a part of a function.
    assert!(
        defined.iter().all(|(t, _)| !matches!(
            *t,
            "Note" | "ci" | "docs" | "Type" | "Default" | "Returns" | "in"
        )),
        "{defined:?}"
    );
}

#[test]
fn an_html_definition_list_of_explanations_defines_its_terms() {
    let html = "<html><head><title>Harbour words</title></head><body><article>\
        <h1>Harbour words</h1><p>Words the port office uses in its notices, and what \
        they mean for crews who visit for the first time.</p><dl>\
        <dt>Berth</dt><dd>A place at a quay where one ship is moored.</dd>\
        <dt>Draught:</dt><dd>The depth of water a ship needs below its waterline.</dd>\
        <dt>Slack water</dt><dd>The short time between tides when the current is \
        <em>weakest</em>.</dd></dl>\
        <p>The draught limits change with the season, so check before you sail.</p>\
        <p>Pilots board in one of the two slack waters of the day.</p>\
        <h2>Contents</h2><dl><dt>Part one</dt><dd><a href=#a>Berths and quays</a></dd>\
        <dt>Part two</dt><dd><a href=#b>Tides and currents</a></dd>\
        <dt>Part three</dt><dd><a href=#c>Pilots and tugs</a></dd></dl>\
        </article></body></html>";
    let article = gloss::core::load::load_bytes(html.as_bytes(), "words.html", &[])
        .expect("HTML loads")
        .remove(0);
    let item = |text: &str| {
        article
            .blocks
            .iter()
            .any(|b| matches!(b.kind, BlockKind::ListItem { .. }) && b.text == text)
    };
    assert!(item(
        "Draught: The depth of water a ship needs below its waterline."
    ));
    assert!(item(
        "Slack water: The short time between tides when the current is weakest."
    ));
    // Capitalised by its place in the list only: the text writes it in
    // lower case too, so the term is lowercased and every use found.
    let draught = entry(&article, "draught");
    assert_eq!(draught.source, EntrySource::Article);
    assert_eq!(draught.occurrences.len(), 2, "{draught:#?}");
    // So is one written in lower case only in the plural.
    let slack = entry(&article, "slack water");
    assert_eq!(slack.occurrences.len(), 2, "{slack:#?}");
    // A term never written in lower case keeps its capital.
    assert_eq!(entry(&article, "Berth").source, EntrySource::Article);
    // A contents list links its entries: they stay as they were.
    assert!(!item("Part one: Berths and quays"));
    assert!(article.glossary.iter().all(|e| e.term != "Part one"));
}

/// A term first only described ("…, a practice known as Y") and later
/// defined outright takes the definition, and is found where it is defined;
/// a term defined first keeps that definition against a later description.
#[test]
fn a_plain_definition_replaces_an_earlier_description() {
    let text = "Lima courts its neighbours with ceviche, a practice known as \
                gastrodiplomacy. Gastrodiplomacy refers to winning friends abroad \
                through a nation's food.";
    let d = one(text);
    assert_eq!(d.term.to_lowercase(), "gastrodiplomacy", "{d:#?}");
    assert!(d.definition.starts_with("Winning friends abroad"), "{d:#?}");
    let defined_at = text.find("Gastrodiplomacy refers").unwrap();
    assert_eq!(d.term_at.start, defined_at, "{d:#?}");

    let text = "Gastrodiplomacy refers to winning friends abroad through a nation's \
                food. Seoul funds kimchi festivals, a practice known as gastrodiplomacy.";
    let d = one(text);
    assert!(d.definition.starts_with("Winning friends abroad"), "{d:#?}");
    assert_eq!(d.term_at.start, 0, "{d:#?}");
}

/// "The" and a compound of plain words names a kind of thing; one word, a
/// qualifier, a name or a plural after it is the thing at hand.
#[test]
fn the_and_a_compound_names_a_kind() {
    let text = "The shadow fleet is a group of ageing tankers that carry oil past sanctions.";
    check(
        text,
        "shadow fleet",
        "shadow fleet",
        "A group of ageing tankers that carry oil",
        &[],
    );
    let text = "The security guarantee means a promise by allies to defend Kyiv if attacked.";
    check(
        text,
        "security guarantee",
        "security guarantee",
        "A promise by allies",
        &[],
    );
    none("The deal is a gamble that could backfire.");
    none("The new plan is a gamble that could backfire.");
    none("The Kremlin line is a position that never changes.");
    none("The peace talks are meetings that go nowhere.");
    // "describes" reports on a thing rather than defining a kind.
    none("The annual report describes the attacks in detail for the first time.");
}

#[test]
fn a_degree_or_an_unfinished_clause_is_no_definition() {
    none("Sabotage is a bit special in that it leaves no trace that courts accept.");
    // The sentence goes on in a list the definition would need.
    none("Hybrid warfare is a strategy that:");
}

/// A lexicon with one entry, "shadow fleet" alias "dark fleet".
fn fleet_lexicon() -> gloss::core::glossary::lexicon::Lexicon {
    gloss::core::glossary::lexicon::Lexicon::parse(
        "[[entry]]\nterm = \"shadow fleet\"\n\
         definition = \"Old tankers that carry sanctioned oil.\"\n\
         aliases = [\"dark fleet\"]\n",
        EntrySource::Bundled,
    )
    .unwrap()
}

/// "the so-called X" only names X: where a glossary explains it, that
/// explanation leads and the article's sentence stays beside it.
#[test]
fn a_term_only_named_takes_the_glossarys_explanation() {
    let lexicon = fleet_lexicon();
    let blocks =
        Block::paragraphs(&["Officials say the so-called dark fleet has grown since 2022."]);
    let entries = gloss::core::glossary::build(&blocks, &[&lexicon]);
    assert_eq!(entries.len(), 1, "{entries:#?}");
    let entry = &entries[0];
    assert_eq!(entry.source, EntrySource::Bundled, "{entry:#?}");
    assert_eq!(entry.definition, "Old tankers that carry sanctioned oil.");
    assert_eq!(entry.see_also.len(), 1);
    assert_eq!(entry.see_also[0].source, EntrySource::Article);
    assert!(entry.see_also[0].definition.starts_with("Officials say"));
    assert_eq!(entry.occurrences.len(), 1);

    // An appositive after the name defines it: the article's stays first.
    let blocks = Block::paragraphs(&[
        "The tanker belongs to the so-called dark fleet, the elderly vessels that \
         carry oil around the price cap.",
    ]);
    let entries = gloss::core::glossary::build(&blocks, &[&lexicon]);
    assert_eq!(entries[0].source, EntrySource::Article, "{entries:#?}");
    assert_eq!(entries[0].see_also[0].source, EntrySource::Bundled);
}

/// A term the article defines and another name of it the article only
/// names: one entry, holding both uses.
#[test]
fn a_second_name_only_named_joins_the_defined_term() {
    let lexicon = fleet_lexicon();
    let defined = "The shadow fleet is a group of ageing tankers that carry oil past sanctions.";
    let named = "Officials say the so-called dark fleet has grown since 2022.";
    // Either paragraph first.
    for texts in [[defined, named], [named, defined]] {
        let entries = gloss::core::glossary::build(&Block::paragraphs(&texts), &[&lexicon]);
        assert_eq!(entries.len(), 1, "{entries:#?}");
        assert_eq!(entries[0].term, "shadow fleet");
        assert_eq!(entries[0].source, EntrySource::Article);
        let blocks_used: Vec<u32> = entries[0].occurrences.iter().map(|o| o.block).collect();
        assert_eq!(blocks_used, [0, 1]);
    }
}

/// A description in one paragraph and a definition in a later one: the
/// definition is the entry's, found where it is given.
#[test]
fn a_later_paragraphs_definition_replaces_a_description() {
    let blocks = Block::paragraphs(&[
        "Lima courts its neighbours with ceviche, a practice known as gastrodiplomacy.",
        "Gastrodiplomacy refers to winning friends abroad through a nation's food.",
    ]);
    let entries = gloss::core::glossary::build(&blocks, &[]);
    let entry = &entries[0];
    assert!(
        entry.definition.starts_with("Winning friends"),
        "{entry:#?}"
    );
    assert_eq!(entry.defined_at.map(|s| s.block), Some(1));

    // Another name given later joins the term found first.
    let blocks = Block::paragraphs(&[
        "Gastrodiplomacy refers to winning friends abroad through a nation's food.",
        "Gastrodiplomacy, also known as culinary diplomacy, is an old habit of states.",
    ]);
    let entries = gloss::core::glossary::build(&blocks, &[]);
    assert_eq!(entries[0].aliases, ["culinary diplomacy"], "{entries:#?}");
    assert_eq!(entries[0].defined_at.map(|s| s.block), Some(0));
}

/// A quoted coinage glossed right after its closing quote: by a comma
/// (inside or outside the quotes), an aside between dashes, or a colon.
#[test]
fn a_quoted_coinage_and_its_gloss() {
    check(
        "Analysts speak of “salami slicing,” a strategy of small steps that never \
         quite trigger a response.",
        "salami slicing",
        "salami slicing",
        "A strategy of small steps that never quite trigger a response.",
        &[],
    );
    check(
        "Tokyo leans on “kitchen statecraft” — the use of food as a tool of foreign \
         policy — to win friends in Asia.",
        "kitchen statecraft",
        "kitchen statecraft",
        "The use of food as a tool of foreign policy.",
        &[],
    );
    check(
        "The navy calls this “gray hulling”: using coast guard ships instead of \
         warships to press a claim.",
        "gray hulling",
        "gray hulling",
        "Using coast guard ships instead of warships",
        &[],
    );
    check(
        "Officials call it “burden sharing,” meaning that allies split the cost of \
         defending Europe.",
        "burden sharing",
        "burden sharing",
        "Allies split the cost of defending Europe.",
        &[],
    );
    // Quoted speech, a quoted description and a colon before a clause.
    none("“We’re in,” a senior official said that day.");
    none("“Hold the line,” a commander who asked not to be named told reporters.");
    none("He called it “a mess,” a word that stuck.");
    none("The sign read “closed”: nobody came for hours.");
}

/// An entry is named as the text first writes it when that is not its term
/// (a bundled entry found by an alias), its term after it; a plural, a
/// possessive or another case of the term is the term; an entry the
/// article defines keeps the name it defines.
#[test]
fn entries_are_named_as_the_text_writes_them() {
    use gloss::core::glossary::{build, label, lexicon::bundled};
    let blocks = [
        Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: "Officials at Japan’s Ministry of Defense said drones, body armour and \
                   NATO’s Security guarantees mattered, as did the GDP."
                .into(),
        },
        Block {
            id: 1,
            kind: BlockKind::Paragraph,
            text: "Later the MoD spoke of food. Gastrodiplomacy refers to the use of a \
                   nation's cuisine as a tool of influence abroad. The Joint Harbour Survey \
                   (JHS) mapped the port."
                .into(),
        },
    ];
    let entries = build(&blocks, &[bundled()]);
    let named = |term: &str| {
        let entry = entries
            .iter()
            .find(|e| e.term.eq_ignore_ascii_case(term))
            .unwrap_or_else(|| panic!("no {term} in {entries:#?}"));
        label(entry, &blocks).into_owned()
    };
    assert_eq!(named("MoD"), "Ministry of Defense (MoD)");
    assert_eq!(named("drone"), "drone");
    assert_eq!(named("NATO"), "NATO");
    assert_eq!(named("body armor"), "body armor");
    assert_eq!(named("GDP"), "GDP");
    assert_eq!(named("security guarantees"), "security guarantees");
    let defined = |kind: EntryKind| {
        let entry = entries
            .iter()
            .find(|e| e.source == EntrySource::Article && e.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} in {entries:#?}"));
        label(entry, &blocks).into_owned()
    };
    assert_eq!(defined(EntryKind::Definition), "Gastrodiplomacy");
    // Its long form comes first in the text; the entry is the acronym.
    assert_eq!(defined(EntryKind::Acronym), "JHS");
}
