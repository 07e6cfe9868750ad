//! Acronym definitions in news-style sentences, through the public API.

use gloss::core::glossary::acronym::find_definitions;

/// The (short, long) texts found in `text`.
fn pairs(text: &str) -> Vec<(&str, &str)> {
    find_definitions(text)
        .into_iter()
        .map(|d| (&text[d.short], &text[d.long]))
        .collect()
}

fn assert_pair(text: &str, short: &str, long: &str) {
    assert_eq!(pairs(text), vec![(short, long)], "in {text:?}");
}

fn assert_none(text: &str) {
    assert_eq!(pairs(text), vec![], "in {text:?}");
}

// --- Long form, then short form in brackets -------------------------------

#[test]
fn long_then_short() {
    assert_pair(
        "Japan shares Synthetic Aperture Radar (SAR) imagery with its allies.",
        "SAR",
        "Synthetic Aperture Radar",
    );
    assert_pair(
        "Kyiv received the High Mobility Artillery Rocket System (HIMARS) in June.",
        "HIMARS",
        "High Mobility Artillery Rocket System",
    );
}

#[test]
fn lowercase_long_form() {
    assert_pair(
        "Clearing unexploded ordnance (UXO) will take decades.",
        "UXO",
        "unexploded ordnance",
    );
    assert_pair(
        "It tested an intercontinental ballistic missile (ICBM) on Friday.",
        "ICBM",
        "intercontinental ballistic missile",
    );
}

#[test]
fn square_brackets() {
    assert_pair(
        "A spokesman for the World Health Organization [WHO] declined to comment.",
        "WHO",
        "World Health Organization",
    );
}

#[test]
fn stop_words_inside_long_form() {
    assert_pair(
        "Leaders of the Organization of the Petroleum Exporting Countries (OPEC) met.",
        "OPEC",
        "Organization of the Petroleum Exporting Countries",
    );
    assert_pair(
        "Fighting spread in the Democratic Republic of the Congo (DRC) this week.",
        "DRC",
        "Democratic Republic of the Congo",
    );
    // "plus" joins two things; a long form does not start with it.
    assert_pair(
        "Patients received psoralen plus ultraviolet A (PUVA) twice a week.",
        "PUVA",
        "psoralen plus ultraviolet A",
    );
    assert_none("Patients received methoxsalen plus UVA light (PUVA) twice a week.");
}

#[test]
fn leading_the_is_left_out() {
    let p = pairs("Officials at the International Atomic Energy Agency (IAEA) said.");
    assert_eq!(p, vec![("IAEA", "International Atomic Energy Agency")]);
}

#[test]
fn mixed_case_and_letters_inside_words() {
    assert_pair(
        "Britain's Ministry of Defence (MoD) confirmed the flight.",
        "MoD",
        "Ministry of Defence",
    );
    assert_pair(
        "The trial used a monoclonal antibody (mAb) against the virus.",
        "mAb",
        "monoclonal antibody",
    );
    assert_pair(
        "The Federal Reserve (Fed) raised rates again.",
        "Fed",
        "Federal Reserve",
    );
}

#[test]
fn digits_and_hyphens() {
    assert_pair(
        "Doses of interleukin-2 (IL-2) were doubled.",
        "IL-2",
        "interleukin-2",
    );
    assert_pair(
        "Kyiv asked for more short-range air defense (SHORAD) systems.",
        "SHORAD",
        "short-range air defense",
    );
    assert_pair(
        "A group of non-governmental organizations (NGOs) wrote to the minister.",
        "NGOs",
        "non-governmental organizations",
    );
}

#[test]
fn a_subscript_in_brackets_ends_the_short_form() {
    assert_pair(
        "Spirometry gave lower forced expiratory volumes (FEV(1.0)) at altitude.",
        "FEV(1.0)",
        "forced expiratory volumes",
    );
    assert_pair(
        "The plant's peak power (PP(max)) fell in the heat wave.",
        "PP(max)",
        "peak power",
    );
    // A bracket glued to a symbol is its subscript, not a short form.
    assert_none("The effective fields H(eff) and couplings J(eff) were fitted.");
    assert_none("Rates of association k(a) were higher.");
}

#[test]
fn hyphenated_words_before_the_long_form() {
    // A modifying prefix stays out, a name's own prefix stays in.
    assert_pair(
        "Shelling by the pro-Russian Donetsk People's Republic (DPR) resumed.",
        "DPR",
        "Donetsk People's Republic",
    );
    assert_pair(
        "Blocking the c-Jun N-terminal kinase (JNK) pathway failed.",
        "JNK",
        "c-Jun N-terminal kinase",
    );
}

#[test]
fn units_and_name_particles() {
    assert_pair(
        "Winds reached 120 kilometres per hour (km/h) on the coast.",
        "km/h",
        "kilometres per hour",
    );
    assert_pair(
        "Volunteers from Doctors Without Borders (DWB) arrived.",
        "DWB",
        "Doctors Without Borders",
    );
    assert_pair(
        "The von der Leyen Commission (VDLC) proposed it.",
        "VDLC",
        "von der Leyen Commission",
    );
}

#[test]
fn plural_short_form() {
    assert_pair(
        "Sales of electric vehicles (EVs) rose by a third.",
        "EVs",
        "electric vehicles",
    );
    assert_pair(
        "Swarms of unmanned aerial vehicles (UAVs) crossed the border.",
        "UAVs",
        "unmanned aerial vehicles",
    );
}

#[test]
fn quotes_and_possessives_are_trimmed() {
    assert_pair(
        "It carries a so-called \"Synthetic Aperture Radar\" (SAR) sensor.",
        "SAR",
        "Synthetic Aperture Radar",
    );
    assert_pair(
        "Markets waited for the European Central Bank's (ECB) decision.",
        "ECB",
        "European Central Bank",
    );
}

#[test]
fn remark_after_short_form_in_the_bracket() {
    assert_pair(
        "The Committee to Protect Journalists (CPJ, a press freedom group) objected.",
        "CPJ",
        "Committee to Protect Journalists",
    );
    assert_pair(
        "Shares of the Liberal Democratic Party (LDP; in power since 2012) fell.",
        "LDP",
        "Liberal Democratic Party",
    );
    // A comma between digits is a locant inside the short form, not the
    // start of a remark.
    assert_pair(
        "Cells use fructose-2,6-bisphosphate (Fru-2,6-P2) to steer glycolysis.",
        "Fru-2,6-P2",
        "fructose-2,6-bisphosphate",
    );
}

#[test]
fn another_name_after_a_slash_in_the_bracket() {
    assert_pair(
        "Fighters of the Islamic State (IS/ISIL) withdrew from the town.",
        "IS",
        "Islamic State",
    );
    // Two numbered members are not a short form and its synonym.
    assert_none("A protein with formin homology (FH1/FH2) domains was found.");
    // Each name stands for one of two things named before the bracket.
    assert_none("Crowds at the Paris/Berlin Fashion Week (PFW/BFW) thinned.");
}

#[test]
fn number_before_the_long_form() {
    assert_pair(
        "Members of the 27-nation European Union (EU27) agreed.",
        "EU27",
        "27-nation European Union",
    );
}

#[test]
fn a_quantity_joined_to_the_long_form_is_left_out() {
    assert_pair(
        "The plant's six 950-megawatt (MW) reactors stay shut down.",
        "MW",
        "megawatt",
    );
    assert_pair(
        "Gunners fired 1,500-kilogram (kg) bombs at the bridge.",
        "kg",
        "kilogram",
    );
    // A strand end ("5'-") names where, not what.
    assert_pair(
        "The gene's 5'-untranslated region (UTR) was sequenced.",
        "UTR",
        "untranslated region",
    );
    assert_pair(
        "Its 3'-untranslated region (3'-UTR) is short.",
        "3'-UTR",
        "3'-untranslated region",
    );
    // A chemical locant belongs to the name; so does a number the short
    // form spells.
    assert_pair(
        "Soil near the depot held 2,4-dinitrotoluene (DNT) residues.",
        "DNT",
        "2,4-dinitrotoluene",
    );
    assert_pair(
        "The 155-millimetre shell (155MS) is in short supply.",
        "155MS",
        "155-millimetre shell",
    );
}

#[test]
fn number_words_stand_for_digits() {
    assert_pair(
        "Engineers built a three-dimensional (3D) model of the dam.",
        "3D",
        "three-dimensional",
    );
    assert_pair(
        "Leaders of the Group of Seven (G7) met in Hiroshima.",
        "G7",
        "Group of Seven",
    );
    assert_pair(
        "The G20 (Group of Twenty) summit opened.",
        "G20",
        "Group of Twenty",
    );
}

#[test]
fn roman_numerals_stand_for_digits() {
    assert_pair(
        "The treaty covered the Strategic Arms Reduction Treaty II (START2) limits.",
        "START2",
        "Strategic Arms Reduction Treaty II",
    );
    assert_pair(
        "Cells lacking casein kinase II (CK2) divided slowly.",
        "CK2",
        "casein kinase II",
    );
    // Lower case "ii" is a list label, not a numeral.
    assert_none("Their casein kinase ii (CK2) results were poor.");
}

#[test]
fn abbreviation_inside_long_form() {
    assert_pair(
        "The U.S. Securities and Exchange Commission (SEC) sued.",
        "SEC",
        "Securities and Exchange Commission",
    );
}

#[test]
fn abbreviated_word_of_a_name_inside_long_form() {
    assert_pair(
        "Shares of Kansai Electric Power Co. (KEPCO) fell on Monday.",
        "KEPCO",
        "Kansai Electric Power Co.",
    );
    assert_pair(
        "The St. Vincent Maritime Institute (SVMI) trains pilots.",
        "SVMI",
        "St. Vincent Maritime Institute",
    );
    // A sentence that ends before the bracket still ends the long form.
    assert_none("Talks stalled in Rome. (RT) Officials left.");
}

#[test]
fn initial_of_a_name_inside_long_form() {
    // A capital and a period is a name's initial, not a sentence's end.
    assert_pair(
        "Flights to John F. Kennedy International Airport (JFK) resumed.",
        "JFK",
        "John F. Kennedy International Airport",
    );
    assert_pair(
        "The George C. Marshall European Center (GCMEC) hosts the course.",
        "GCMEC",
        "George C. Marshall European Center",
    );
}

#[test]
fn remark_before_short_form_in_the_bracket() {
    assert_pair(
        "Tariffs on electric vehicles (imports only; EVs) rose.",
        "EVs",
        "electric vehicles",
    );
}

#[test]
fn both_forms_inside_the_bracket() {
    assert_pair(
        "Fighters of the group (the Islamic State, IS) fled.",
        "IS",
        "Islamic State",
    );
    assert_pair(
        "The rules (General Data Protection Regulation, GDPR) apply.",
        "GDPR",
        "General Data Protection Regulation",
    );
    // The short form may start at a part of the name's first word.
    assert_pair(
        "The militants (al-Shabaab Youth Movement, SYM) attacked.",
        "SYM",
        "al-Shabaab Youth Movement",
    );
}

#[test]
fn single_capital_for_one_word() {
    assert_pair(
        "The survey asked about turnout (T) and income.",
        "T",
        "turnout",
    );
    // A remark may share the bracket with the letter.
    assert_pair(
        "The survey asked about turnout (T, in per cent) and income.",
        "T",
        "turnout",
    );
}

#[test]
fn lowercase_letter_for_one_word() {
    assert_eq!(
        pairs("Ratings from human (h) and machine (m) graders were compared."),
        vec![("h", "human"), ("m", "machine")]
    );
    // A word of three letters is long enough for a lowercase letter.
    assert_eq!(
        pairs("Samples of rat (r) and pig (p) tissue were compared."),
        vec![("r", "rat"), ("p", "pig")]
    );
    // A plural marker and list labels are not short forms.
    assert_none("Every signal(s) sent was logged.");
    assert_none("The panel will assess (a) whether aid arrived and (b) when.");
    assert_none("The treaty includes (i) a ceasefire and (ii) an exchange.");
}

#[test]
fn one_letter_missing_from_a_long_form() {
    // Names drift from their abbreviations; with four letters or more one
    // missing letter is affordable when the rest aligns cleanly.
    assert_pair(
        "Antibodies to the thyrotropin receptor (TSHR) were measured.",
        "TSHR",
        "thyrotropin receptor",
    );
    // Three letters with one missing are too little evidence.
    assert_none("Ukraine's security service (SBU) made the arrest.");
}

// --- Short form, then long form in brackets -------------------------------

#[test]
fn short_then_long() {
    assert_pair(
        "NATO (North Atlantic Treaty Organization) leaders met in Vilnius.",
        "NATO",
        "North Atlantic Treaty Organization",
    );
    assert_pair(
        "Satellites carrying SAR (synthetic aperture radar) see through cloud.",
        "SAR",
        "synthetic aperture radar",
    );
    assert_pair(
        "COVID-19 (coronavirus disease 2019) spread quickly.",
        "COVID-19",
        "coronavirus disease 2019",
    );
    assert_pair(
        "The U.S. (United States) abstained.",
        "U.S.",
        "United States",
    );
    // A longer code holding the short form names a variant of it.
    assert_none("The lab compared the wild-type uPA (r-uPAwt) with its mutants.");
}

/// A short form without acronym shape (one capital, or none) before its
/// long form needs a letter per word, each starting it: a capitalised word
/// before a bracket is usually a name with a remark.
#[test]
fn short_then_long_without_acronym_shape_needs_a_letter_per_word() {
    assert_pair(
        "The air wing's Tac (tactical air control) cell moved forward.",
        "Tac",
        "tactical air control",
    );
    assert_pair(
        "Doses of rh (recombinant human) insulin were flown in.",
        "rh",
        "recombinant human",
    );
    // The parts of a hyphenated word count as words.
    assert_pair(
        "Its Mrap (mine-resistant ambush protected) trucks arrived.",
        "Mrap",
        "mine-resistant ambush protected",
    );
    for text in [
        "Smith (senior minister) declined to comment.",
        "Adams (a Tory) walked out.",
        "Kyiv (the capital) was hit again.",
        "Naval (naval aviation) units sailed.",
    ] {
        assert_none(text);
    }
}

/// "X/SF (long form)": when the whole word is not defined, the name after
/// the slash may be.
#[test]
fn short_then_long_after_a_slash() {
    assert_pair(
        "The maker's AQ-400/LRSD (long-range strike drone) flew 700 km.",
        "LRSD",
        "long-range strike drone",
    );
    // A whole word that is defined stays whole.
    assert_pair(
        "The satellite's SAR/EO (synthetic aperture radar/electro-optical) payload.",
        "SAR/EO",
        "synthetic aperture radar/electro-optical",
    );
}

/// Words that introduce the short form in its bracket are not part of it.
#[test]
fn long_then_short_after_an_introducing_word() {
    assert_pair(
        "Japan shares Synthetic Aperture Radar (or SAR) imagery.",
        "SAR",
        "Synthetic Aperture Radar",
    );
    assert_pair(
        "The International Atomic Energy Agency (hereafter IAEA) sent a team.",
        "IAEA",
        "International Atomic Energy Agency",
    );
    // A lowercase word after "or" is a synonym.
    assert_none("Soldiers dug new front lines (or trenches) overnight.");
}

/// Words that introduce the long form are not part of it.
#[test]
fn short_then_long_after_an_introducing_phrase() {
    for (text, long) in [
        (
            "Kyiv wants more HIMARS (short for High Mobility Artillery Rocket System).",
            "High Mobility Artillery Rocket System",
        ),
        (
            "The ZNPP (which stands for Zaporizhzhia Nuclear Power Plant) lost power.",
            "Zaporizhzhia Nuclear Power Plant",
        ),
        (
            "Aid reached IDPs (meaning internally displaced persons) in Kharkiv.",
            "internally displaced persons",
        ),
    ] {
        let short = text.split(" (").next().unwrap().rsplit(' ').next().unwrap();
        assert_pair(text, short, long);
    }
}

/// Both forms inside one bracket, the short form first.
#[test]
fn short_then_long_inside_one_bracket() {
    assert_pair(
        "Inspectors from the agency (IAEA, the International Atomic Energy Agency) arrived.",
        "IAEA",
        "International Atomic Energy Agency",
    );
    assert_pair(
        "Kyiv asked for more launchers (HIMARS, High Mobility Artillery Rocket System, in US service).",
        "HIMARS",
        "High Mobility Artillery Rocket System",
    );
    for text in [
        "The three donors (UK, France and Germany) pledged more.",
        "The capital (Kyiv, Ukraine) was hit.",
        "The pact (EU, 2023) was renewed.",
        "The alliance (NATO, which Japan is not part of) met.",
        "Variants (C-HC-4, C-HC-20) were compared.",
    ] {
        assert_none(text);
    }
}

#[test]
fn short_then_long_with_remark() {
    assert_pair(
        "The EU (European Union, which has 27 members) responded.",
        "EU",
        "European Union",
    );
}

// --- Several definitions, offsets -----------------------------------------

#[test]
fn several_definitions_with_byte_offsets() {
    let text = "The Kyiv Independent reported that unexploded ordnance (UXO) and \
                improvised explosive devices (IEDs) litter the fields – the \
                Organization for Security and Co-operation in Europe (OSCE) agreed.";
    let defs = find_definitions(text);
    let got: Vec<_> = defs
        .iter()
        .map(|d| (&text[d.short.clone()], &text[d.long.clone()]))
        .collect();
    assert_eq!(
        got,
        vec![
            ("UXO", "unexploded ordnance"),
            ("IEDs", "improvised explosive devices"),
            (
                "OSCE",
                "Organization for Security and Co-operation in Europe"
            ),
        ]
    );
    let first = &defs[0];
    assert_eq!(
        first.short,
        text.find("UXO").unwrap()..text.find("UXO").unwrap() + 3
    );
    assert_eq!(first.long.start, text.find("unexploded").unwrap());
}

#[test]
fn non_ascii_text_around_definitions() {
    assert_pair(
        "«Préparez-vous» – the Agence France-Presse (AFP) quoted him — café.",
        "AFP",
        "Agence France-Presse",
    );
}

// --- Negatives --------------------------------------------------------------

#[test]
fn country_then_remark() {
    assert_none("Japan and the US (and its allies) agreed on new export controls.");
}

#[test]
fn cross_reference() {
    assert_none("The figures (see below) are stark.");
    assert_none("The figures (See below) are stark.");
}

#[test]
fn a_list_of_symbols_or_names() {
    assert_none("Samples held traces of additional elements (Al, B, Ba, Ca, V, and Zn).");
    assert_none("Samples held traces of additional elements (Al, B, Ba, Ca, V and Zn).");
    assert_none("Drones struck several eastern cities (Kharkiv, Sumy, Izium or Kupiansk).");
}

#[test]
fn year() {
    assert_none("The Strategic Defence Review (2023) said so.");
}

#[test]
fn for_example_and_that_is() {
    assert_none("Heavy weapons (e.g. tanks) were sent to the front.");
    assert_none("Cheap drones (i.e. commercial ones) were used.");
    assert_none("Cheap drones (ie commercial ones) were used.");
}

#[test]
fn statistics() {
    assert_none("The effect was significant (p < 0.05) in every region.");
    assert_none("We interviewed residents (n = 12) in the town.");
    assert_none("Turnout fell sharply (42%) in the capital.");
}

/// "key: value" in brackets is a remark on a setting, not a short form.
#[test]
fn a_setting_in_brackets() {
    assert_none("Reconnecting is the default behaviour (default: 0) of the client.");
    assert_none("The delivery window stays open (Since: 2.2) for every convoy.");
    // A reference page's parameter and its data type.
    assert_none("interval (int) -- the time between two convoys, in seconds.");
    assert_none("strict (bool) -- whether late convoys are turned back.");
}

#[test]
fn quoted_speech() {
    assert_none("He said (\u{201c}we will never surrender\u{201d}) and left.");
    assert_none("The WSJ (\"We Stand Joined\", a campaign slogan) was everywhere.");
}

#[test]
fn clause_in_brackets() {
    assert_none("The minister resigned (she had been in office for two years) on Monday.");
    assert_none("The government (which took office in 2022) said it would appeal.");
    assert_none("NATO (now with 32 members) met in Vilnius.");
}

#[test]
fn a_verb_ends_the_long_form() {
    // A long form is a noun phrase: the subject and verb before it are not
    // part of it, even when their initials fit the short form.
    assert_none("Dynein subunits contain a domain (DS domain) that binds tubulin.");
    assert_none("The survey showed positive returns (SPR) for exporters.");
    assert_pair(
        "In mice the receptor binds ectodysplasin-A2 (EDA-A2) tightly.",
        "EDA-A2",
        "ectodysplasin-A2",
    );
    assert_pair(
        "Sanctions reduce state petroleum revenue (SPR) sharply.",
        "SPR",
        "state petroleum revenue",
    );
}

#[test]
fn a_shorter_code_of_the_same_name_is_no_definition() {
    // The bracket shortens a code the text already gives.
    assert_none("The adhesion molecule L1CAM (L1) is expressed in neurons.");
    assert_none("A mutant kinase SHP-2C459S (SHP-2) was inactive.");
    assert_none("Ukraine received the fighter jet F-16AM (F-16) in 2024.");
    // A sign or a lowercase continuation is spelt out: definitions.
    assert_pair(
        "Counts of CD4 positive cells (CD4+) fell.",
        "CD4+",
        "CD4 positive cells",
    );
    assert_pair(
        "Neural cell adhesion molecule L1 (L1CAM) is large.",
        "L1CAM",
        "cell adhesion molecule L1",
    );
}

#[test]
fn the_type_a_short_form_ends_with_is_part_of_the_long_form() {
    assert_pair(
        "The navy retired the type II patrol boat (PB2) last year.",
        "PB2",
        "type II patrol boat",
    );
    assert_pair(
        "Officials blamed a type 4 rotary engine (RE4) for the fault.",
        "RE4",
        "type 4 rotary engine",
    );
    assert_pair(
        "Officials ordered the type B ration pack (RP-B) for troops.",
        "RP-B",
        "type B ration pack",
    );
    // Another type than the short form's stays outside.
    assert_pair(
        "The navy retired the type III patrol boat (PB2) last year.",
        "PB2",
        "patrol boat",
    );
}

#[test]
fn single_letters() {
    assert_none("Option one (a) is cheap, option two (b) is not.");
    assert_none("Sanctions on banks (b) and energy (e) were eased.");
    assert_none("The Agency for Research (A) report was late.");
    assert_none("Senator Lindsey Graham (R) objected.");
}

#[test]
fn lists_and_item_labels() {
    assert_none("Two clauses (C, D) were struck out.");
    assert_none("The G7 members (Canada, France, Germany, Italy) met.");
    assert_none("Steel and aluminium tariffs (SA, SB, SC) rose.");
    assert_none("The second scenario (2b) assumes a ceasefire.");
}

#[test]
fn names_and_sources_in_brackets() {
    assert_none("Officials in Kyiv (Ukraine's capital) said the strike hit a school.");
    assert_none("The talks were held in Brussels (Belgium) on Monday.");
    assert_none("The head of the company (Apple) declined to comment.");
    assert_none("Reuters reported the news (Reuters) on Monday.");
    assert_none("Several agencies (Reuters, AP) reported it.");
}

#[test]
fn no_long_form_match() {
    // The letters are not there, in order, from a word start.
    assert_none("Fighters of the Kurdistan Workers' Party (PKK) withdrew.");
    assert_none("The broadcaster told viewers (BBC) on Sunday.");
}

#[test]
fn long_form_does_not_take_in_verbs() {
    assert_none("The funds have already been wired (HABW) to Kyiv.");
    assert_pair(
        "Officials said the Kerch Strait Bridge (KSB) was hit.",
        "KSB",
        "Kerch Strait Bridge",
    );
}

#[test]
fn long_form_does_not_cross_a_sentence() {
    assert_none("It rained in Spain. Also (AIS) was cancelled.");
}

#[test]
fn hard_wrapped_lines_but_not_paragraphs() {
    assert_pair(
        "Satellites carrying Synthetic Aperture\nRadar (SAR) see through cloud.",
        "SAR",
        "Synthetic Aperture\nRadar",
    );
    assert_pair(
        "NATO (North Atlantic\nTreaty Organization) met.",
        "NATO",
        "North Atlantic\nTreaty Organization",
    );
    assert_none("The Americas Service\n\nSpecial Report (ASSR) on trade.");
    assert_none("NATO (North Atlantic\n\nTreaty Organization) met.");
}

#[test]
fn unbalanced_and_empty_brackets() {
    assert_none("An unclosed (SAR bracket and a stray ) and () and [].");
    assert_none("(");
    assert_none("");
}

// --- Robustness -------------------------------------------------------------

mod robustness {
    use super::find_definitions;
    use proptest::prelude::*;

    proptest! {
        // Arbitrary text mixing brackets, separators and multi-byte letters:
        // no panic, and every range lies on character boundaries.
        #[test]
        fn ranges_are_valid(text in "([A-Za-z0-9é語Ω ,;.\\-/'\"()\\[\\]\n]|ÉTAT|Über){0,200}") {
            for d in find_definitions(&text) {
                prop_assert!(d.short.start < d.short.end && d.short.end <= text.len());
                prop_assert!(d.long.start < d.long.end && d.long.end <= text.len());
                prop_assert!(text.is_char_boundary(d.short.start) && text.is_char_boundary(d.short.end));
                prop_assert!(text.is_char_boundary(d.long.start) && text.is_char_boundary(d.long.end));
            }
        }
    }

    proptest! {
        /// Greek letters' names among wide characters and hyphens, before
        /// a short form naming one: the shapes the Greek-letter reading
        /// cuts words at.
        #[test]
        fn greek_letter_shapes_give_valid_ranges(
            tokens in proptest::collection::vec(
                proptest::sample::select(vec![
                    "beta", "alpha", "mu", "é", "ü", "aé", "-", " ", " ", "A", "gamma", "x",
                    "β", "peptide", "amyloid",
                ]),
                0..30,
            ),
            short in proptest::sample::select(vec![
                "A beta", "Abeta", "IFN-gamma", "beta c", "PS beta G", "mu x",
            ]),
        ) {
            let text = format!("{} ({short}) here", tokens.concat());
            for d in find_definitions(&text) {
                prop_assert!(text.get(d.short.clone()).is_some());
                prop_assert!(text.get(d.long.clone()).is_some());
            }
        }
    }

    #[test]
    fn long_multibyte_word_before_a_bracket() {
        let text = format!("{} (ÉÉ)", "é".repeat(100));
        assert!(find_definitions(&text).is_empty());
        let text = format!("x {}(SAR)", "語".repeat(40));
        assert!(find_definitions(&text).is_empty());
    }
}

// --- Relaxed strategies, tried when the in-order alignment fails -----------

#[test]
fn short_form_names_the_parts_in_another_order() {
    // The short form's tail comes first in the long form.
    assert_pair(
        "Officials blamed the Forces of Rapid Support (RSF) for the attack.",
        "RSF",
        "Forces of Rapid Support",
    );
}

#[test]
fn quoted_short_form_in_brackets() {
    assert_pair(
        "They flew unmanned aerial vehicles ('UAVs') over the border.",
        "UAVs",
        "unmanned aerial vehicles",
    );
}

#[test]
fn short_lowercase_label_does_not_start_the_long_form() {
    // A one-letter label inside the name: the word before it is the start.
    assert_pair(
        "The embassy stopped issuing category c visas (CV) in March.",
        "CV",
        "category c visas",
    );
}

// --- Greek letters named in the short form ---------------------------------

#[test]
fn a_greek_letter_stands_elsewhere_in_the_long_form() {
    assert_pair(
        "Plaques of beta-amyloid protein (A beta) build up in the ageing brain.",
        "A beta",
        "beta-amyloid protein",
    );
    assert_pair(
        "Plaques of beta-amyloid (Abeta) build up in the ageing brain.",
        "Abeta",
        "beta-amyloid",
    );
    assert_pair(
        "Cells were primed with gamma-interferon (IFN-gamma) overnight.",
        "IFN-gamma",
        "gamma-interferon",
    );
    assert_pair(
        "The receptor's common beta chain (beta c) carries the signal.",
        "beta c",
        "beta chain",
    );
    // Three words, the letter in the middle, read in order without it.
    assert_pair(
        "Serum trophoblast-specific beta 1-glycoprotein (TS beta G) rose in May.",
        "TS beta G",
        "trophoblast-specific beta 1-glycoprotein",
    );
}

#[test]
fn a_greek_letter_alone_or_far_away_defines_nothing() {
    assert_none("The second dose (beta) was smaller.");
    // The letter is in the long form, but the rest of the short form is not
    // next to it.
    assert_none("Both the beta subunit and several amyloid fibres (A beta) were seen.");
}

#[test]
fn greek_names_next_to_wide_characters_do_not_panic() {
    // A word ending in a name after a two-byte character: the cut before
    // "-beta" falls inside "é" (it panicked).
    assert_eq!(
        pairs("Deposits of aébeta peptide and of xé-beta (A beta) were found."),
        vec![]
    );
}

#[test]
fn a_quantity_with_the_side_of_the_cell_it_is_measured_on() {
    assert_pair(
        "Stores were emptied and the intracellular free Ca2+ concentration ([Ca2+]i) rose.",
        "[Ca2+]i",
        "intracellular free Ca2+ concentration",
    );
    assert_pair(
        "Cells kept their internal Mg2+ concentration ([Mg2+](i)) steady.",
        "[Mg2+](i)",
        "internal Mg2+ concentration",
    );
    assert_pair(
        "We also recorded the extracellular pH (pHo) every minute.",
        "pHo",
        "extracellular pH",
    );
}

#[test]
fn a_subscript_needs_the_side_and_the_quantity() {
    // No side of the cell named, or the quantity is not in the long form,
    // or it is not a concentration.
    assert_none("The mean free Ca2+ concentration ([Ca2+]i) was higher.");
    assert_none("We measured the intracellular sodium concentration ([Ca2+]i) too.");
    assert_none("Samples of intracellular Ca2+ stores ([Ca2+]i) were taken.");
    assert_none("The extracellular matrix of the graft (pHo) was intact.");
}

#[test]
fn a_name_being_given_takes_its_expansion_after_it() {
    assert_pair(
        "The lab described a new kinase, named Tak (transforming growth factor-activated kinase), in the paper.",
        "Tak",
        "transforming growth factor-activated kinase",
    );
    // Without the naming verb, a capitalised word before a bracket is a name
    // with a remark unless each letter starts one word.
    assert_none(
        "The lab described a new kinase, Tak (transforming growth factor-activated kinase), in the paper.",
    );
}

#[test]
fn a_name_being_given_still_needs_its_letters() {
    assert_none("The tanker, named Eagle (registered in the Cook Islands), dragged its anchor.");
    assert_none("A man called Smith (who declined to comment) said the port was closed.");
    assert_none("The group, called Tak (the site's own name), met in May.");
}

#[test]
fn command_syntax_defines_nothing() {
    assert_none("Usage: compare FILENAME [FILENAME2 [...]] and print the result.");
    assert_none("Run it as check HOSTS (HOST1 HOST2 …) once a day.");
}

#[test]
fn code_quoted_in_prose_defines_nothing() {
    // Inline code loses its backticks on the way into a block.
    assert_none("Convert to and from UTF-16 as (u16, Option<u16>) or slice.");
    assert_none("The converter holds boundaries with type &'static [Boundary] now.");
    assert_none("The default target is Linux (x86_64_unknown_linux_gnu) for now.");
    assert_none("Decode from UTF-8 & (u8 slices) in one call.");
    // A capital letter at the end is part of a name.
    assert_pair(
        "It binds protein kinase A (PKA) in the cell.",
        "PKA",
        "protein kinase A",
    );
}

#[test]
fn a_short_form_may_name_its_parts_in_another_order() {
    // The short form's head ("E", "L") comes after the number it names.
    assert_pair(
        "Samples were taken on the ninth training day (T9) of the course.",
        "T9",
        "ninth training day",
    );
    assert_pair(
        "Crews reported a myotonic dystrophy (DM) case in the camp.",
        "DM",
        "myotonic dystrophy",
    );
    // The moved letter must start a word of the long form.
    assert_none("Reporters met on the ninth floor office (T9) that week.");
    assert_none("Fighters of the Kurdistan Workers' Party (KPW) withdrew.");
}

#[test]
fn symbols_alone_are_no_long_form() {
    assert_none("Exchange of Na+-H+ and Cl(-)-OH- (HCO3-) was blocked.");
    assert_none("Both U.S. and E.U. (EU) envoys came.");
    // A word of three letters or more makes it a name.
    assert_pair(
        "Pumps move Na+ and K+ ions (NKI) across it.",
        "NKI",
        "Na+ and K+ ions",
    );
}
