//! The timeline built from a post in the reference article's shape: dated
//! statements, aid placed by context, classes and precision.

use gloss::core::load::load_bytes;
use gloss::core::model::{EventClass, Precision, TimelineEvent};
use gloss::core::timeline::dates::describe;
use gloss::core::timeline::event_label;

fn timeline() -> Vec<TimelineEvent> {
    let text = include_str!("fixtures/timeline/tokyo-kyiv-brief.txt");
    let mut articles = load_bytes(text.as_bytes(), "brief", &[]).expect("loads");
    articles.remove(0).timeline
}

#[test]
fn aid_timeline_reads_in_order() {
    let aid: Vec<TimelineEvent> = timeline()
        .into_iter()
        .filter(|e| e.class.is_aid())
        .collect();
    let dates: Vec<String> = aid
        .iter()
        .map(|e| describe(e.value(), e.precision))
        .collect();
    assert_eq!(
        dates,
        ["since 2022", "2023", "since 2023", "Aug 2025, week 35"],
        "{aid:#?}"
    );

    // Aid begins in 2022: the items listed in the following paragraphs belong to it.
    assert_eq!(aid[0].precision, Precision::OpenEnded);
    for item in [
        "drones",
        "protective helmets",
        "ordnance-handling kits",
        "tents",
        "winter clothing",
        "medical supplies",
    ] {
        assert!(
            aid[0].items().iter().any(|i| i == item),
            "2022 items lack {item}: {:?}",
            aid[0].items()
        );
    }
    // The pact, and what it covers.
    assert_eq!(aid[1].class, EventClass::Agreement);
    assert_eq!(
        aid[1].items(),
        [
            "non-lethal aid",
            "humanitarian assistance",
            "reconstruction"
        ]
    );
    assert_eq!(aid[1].recipient(), Some("Ukraine"));
    // "Tokyo has since shipped …": dated by context, after the pact.
    assert!(aid[2].inferred);
    assert_eq!(aid[2].class, EventClass::MilitaryNonLethal);
    assert!(
        aid[2]
            .items()
            .iter()
            .any(|i| i.contains("SAR satellite data"))
    );
    assert_eq!(aid[2].actor(), Some("Tokyo"));
    // The statement of the week of publication.
    assert_eq!(aid[3].class, EventClass::Statement);
    assert_eq!(aid[3].value(), "2025-W35");
    assert_eq!(aid[3].expression(), "this week");
}

#[test]
fn photo_caption_is_dated_but_not_aid() {
    let all = timeline();
    let caption = all
        .iter()
        .find(|e| e.value() == "2025-06-06")
        .expect("caption date is an event");
    assert!(!caption.class.is_aid());
    assert_eq!(caption.source.block, 0, "the caption is the first block");
}

#[test]
fn events_point_at_their_sentences() {
    let text = include_str!("fixtures/timeline/tokyo-kyiv-brief.txt");
    let article = load_bytes(text.as_bytes(), "brief", &[]).unwrap().remove(0);
    for event in &article.timeline {
        let block = &article.blocks[event.source.block as usize].text;
        let sentence: String = block
            .chars()
            .skip(event.source.start as usize)
            .take((event.source.end - event.source.start) as usize)
            .collect();
        assert!(
            sentence.contains(event.expression()) || event.inferred,
            "{sentence:?} lacks {:?}",
            event.expression()
        );
    }
}

/// Labels are made from the event's sentence when shown, and exported with it.
#[test]
fn labels_come_from_the_sentence_and_are_exported() {
    let text = include_str!("fixtures/timeline/tokyo-kyiv-brief.txt");
    let article = load_bytes(text.as_bytes(), "brief", &[]).unwrap().remove(0);
    let pact = article
        .timeline
        .iter()
        .find(|e| e.value() == "2023" && !e.inferred)
        .expect("the 2023 pact");
    assert_eq!(
        event_label(pact, &article.blocks),
        // The date sits mid-sentence, so it stays (see `label`).
        "Japan signed a ten-year security pact with Ukraine in 2023, covering…"
    );
    let export: serde_json::Value = serde_json::from_str(&gloss::cli::commands::export(
        std::slice::from_ref(&article),
    ))
    .unwrap();
    let events = export["articles"][0]["timeline"].as_array().unwrap();
    assert_eq!(events.len(), article.timeline.len());
    for (json, event) in events.iter().zip(&article.timeline) {
        assert_eq!(json["label"], event_label(event, &article.blocks));
        assert_eq!(json["value"], event.value());
    }
}

#[test]
fn without_a_publication_date_relative_times_stay_unanchored() {
    let text = "A Short Note\n\nThe minister said this week that Japan is prepared to join the guarantees.\n";
    let article = load_bytes(text.as_bytes(), "note", &[]).unwrap().remove(0);
    assert!(article.meta.published.is_none());
    assert!(
        !article.timeline.is_empty(),
        "the statement is still an event"
    );
    for event in &article.timeline {
        assert_eq!(event.precision, Precision::Unanchored, "{event:?}");
        assert!(event.sort_key.is_none());
    }
}

/// Aid placed by context after an open-ended date says so once: "since 2022".
#[test]
fn an_inferred_event_after_an_open_ended_date_says_since_once() {
    let text = "Relief Notes\n\n\
                Since 2022 Tokyo has sent aid to Ukraine.\n\n\
                Kyiv has also received generators and winter tents.\n";
    let articles = load_bytes(text.as_bytes(), "notes", &[]).expect("loads");
    let inferred: Vec<&TimelineEvent> =
        articles[0].timeline.iter().filter(|e| e.inferred).collect();
    assert_eq!(inferred.len(), 1, "{:#?}", articles[0].timeline);
    assert_eq!(inferred[0].expression(), "since 2022");
    assert_eq!(inferred[0].recipient(), Some("Kyiv"));
    assert_eq!(inferred[0].actor(), None);
}

/// "March of that year" two sentences after a full date is dated by that
/// date's year, also when the year was named in an earlier paragraph.
#[test]
fn that_year_dates_an_event_by_the_year_named_before() {
    let text = "Aid Notes\n\nBy A. Writer · Aug 27, 2025\n\n\
                The invasion began on February 24, 2022.\n\n\
                In early March of that year the ministry shipped helmets to Kyiv.\n";
    let articles = load_bytes(text.as_bytes(), "notes", &[]).expect("loads");
    let timeline = &articles[0].timeline;
    let march = timeline
        .iter()
        .find(|e| e.expression() == "early March")
        .unwrap_or_else(|| panic!("no March event in {timeline:#?}"));
    assert_eq!(march.value(), "2022-03", "{march:?}");
}

/// Aid "since the invasion" is dated by the invasion, not by whatever was
/// dated last.
#[test]
fn since_the_invasion_dates_aid_by_the_invasion() {
    let text = "Aid Notes\n\nBy A. Writer · Aug 27, 2025\n\n\
                The full-scale invasion began on February 24, 2022.\n\n\
                In 2023 the two governments signed a security pact.\n\n\
                Since the invasion, Japan has sent drones and winter tents to Kyiv.\n\n\
                Since then, Japan has also delivered generators to Kyiv.\n";
    let articles = load_bytes(text.as_bytes(), "notes", &[]).expect("loads");
    let timeline = &articles[0].timeline;
    let inferred: Vec<&TimelineEvent> = timeline.iter().filter(|e| e.inferred).collect();
    assert_eq!(inferred.len(), 2, "{timeline:#?}");
    let by_item = |item: &str| {
        inferred
            .iter()
            .find(|e| e.items().iter().any(|i| i == item))
            .unwrap_or_else(|| panic!("no event with {item} in {timeline:#?}"))
    };
    assert_eq!(by_item("drones").value(), "2022-02-24");
    // Without a named event, the latest dated one.
    assert_eq!(by_item("generators").value(), "2023");
}

#[test]
fn a_news_lead_without_a_date_is_dated_by_publication() {
    let text = include_str!("fixtures/pasted/news-site-byline-below.txt");
    let articles = load_bytes(text.as_bytes(), "pasted", &[]).expect("loads");
    let article = &articles[0];
    assert_eq!(article.meta.published.as_deref(), Some("2023-03-21"));
    let timeline = &article.timeline;
    assert_eq!(timeline.len(), 1, "{timeline:#?}");
    let lead = &timeline[0];
    assert_eq!(
        (lead.value(), lead.precision),
        ("2023-03-21", Precision::Day)
    );
    assert!(lead.inferred, "dated by publication, not by the sentence");
    let label = event_label(lead, &article.blocks);
    assert!(
        label.starts_with("Japan's prime minister has arrived in Kyiv"),
        "{label}"
    );
    assert_eq!(
        gloss::core::timeline::dates::describe_event(lead),
        "Mar 21, 2023 (inferred)"
    );
}
