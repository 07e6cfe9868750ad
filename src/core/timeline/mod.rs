//! Timeline: time expressions and the dated events built on them.

pub mod aid;
pub mod dates;
pub mod timex;

use crate::core::model::{Block, BlockKind, Parties, Precision, Span, TimelineEvent};
use crate::core::text::{
    CharCounter, byte_offset, is_clock_time, sentences, without_closing_citations,
};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;
use timex::TimexType;

/// Longest label kept for an event, in characters.
const LABEL_LEN: usize = 72;

/// Builds the article's timeline: one event per dated sentence, plus aid
/// statements without a date of their own, placed by context. Sorted by date.
pub fn build(blocks: &[Block], published: Option<Date>) -> Vec<TimelineEvent> {
    // Reserved at once for a generous estimate (news dates about one
    // sentence in three, ~450 bytes of text per event): grown by doubling
    // instead, each larger copy leaves the old one behind as a hole the
    // allocator keeps, megabytes on a large document. Pages reserved and
    // never written cost no memory, and the excess is given back below.
    let text_len = crate::core::model::text_len(blocks);
    let mut events: Vec<TimelineEvent> = Vec::with_capacity(text_len / 200);
    let analyser = aid::Analyser::for_text_len(text_len);
    // The latest dated event in reading order, for statements dated by context.
    let mut context: Option<usize> = None;
    let mut shared = SharedParties::default();
    // "that year" in one paragraph may mean a year named in an earlier one.
    let mut discourse = timex::Discourse::default();

    for (at, block) in blocks.iter().enumerate() {
        // Code is not prose: a test's "2017-06-17" dates nothing.
        if block.kind.is_heading() || block.kind == BlockKind::Code {
            continue;
        }
        let text = block.text.as_str();
        let anchor = quoted_post_day(blocks, at).or(published);
        let timexes = timex::tag_in(text, anchor, &mut discourse);
        // Without a date, a block's sentences matter only as aid placed by
        // context, which needs a giving verb: most such blocks have none,
        // and are not split into sentences.
        if timexes.is_empty() && (context.is_none() || !aid::mentions_giving(text)) {
            continue;
        }
        // Sentences and expressions both come in text order: walk them together.
        let mut next_timex = 0;
        let mut chars = CharCounter::new(text);
        // Where the paragraph first refers back to earlier events, found
        // once when needed (a long paragraph is not searched per sentence).
        let mut referring_back: Option<Option<usize>> = None;
        for sentence in sentences(text) {
            while timexes
                .get(next_timex)
                .is_some_and(|t| t.start < sentence.start)
            {
                next_timex += 1;
            }
            // The sentence's first date: the one its event is dated by.
            let dated = timexes[next_timex..]
                .iter()
                .take_while(|t| t.start < sentence.end)
                .find(|t| t.kind == TimexType::Date && t.end <= sentence.end);
            // An undated sentence matters only as aid placed by context,
            // and aid needs a giving verb.
            if dated.is_none() && (context.is_none() || !aid::might_give(&text[sentence.clone()])) {
                continue;
            }
            if dated.is_some()
                && (is_copyright(&text[sentence.clone()])
                    || is_stamp(text, sentence.clone(), &timexes[next_timex..]))
            {
                continue;
            }
            let analysis = analyser.analyse(&text[sentence.clone()]);
            let source = Span {
                block: block.id,
                start: chars.at(sentence.start) as u32,
                end: chars.at(sentence.end) as u32,
            };
            if let Some(t) = dated {
                let Some(date) = dates::EventDate::from_timex(&t.value, open_ended(text, t.start))
                else {
                    continue;
                };
                let event = TimelineEvent::new(
                    &t.value,
                    &text[t.start..t.end],
                    date.precision,
                    date.first_day,
                    analysis.class,
                    source,
                )
                .with_parties(shared.get(analysis.parties));
                events.push(event);
                context = Some(events.len() - 1);
            } else if let Some(ctx) = context
                && analysis.is_aid()
                && !analysis.parties.items.is_empty()
            {
                if analysis.continues_previous {
                    // "This includes drones, …": more of what the dated event gave.
                    let event = &mut events[ctx];
                    for item in analysis.parties.items {
                        event.add_item(item);
                    }
                    if !event.class.is_aid() {
                        event.class = analysis.class;
                    }
                } else if events[ctx].source.block == block.id
                    || events[ctx].precision == Precision::OpenEnded
                    || referring_back
                        .get_or_insert_with(|| first_referring_back(text))
                        .is_some_and(|at| at < sentence.end)
                {
                    // Placed by the dated event before it only when it goes
                    // on from it: in the same paragraph, in a period still
                    // running ("since 2022"), or the paragraph says so ("has
                    // since shipped", "More recently …"). "Japan has provided
                    // aid" after a story's news of the day tells of the years
                    // before it, not of aid since that day.
                    // "since the invasion": the event the sentence names, when
                    // one was dated before; else the latest dated one.
                    let named_event = since_the(&text[sentence.clone()])
                        .and_then(|noun| latest_naming(&events, blocks, noun));
                    let anchor = &events[named_event.unwrap_or(ctx)];
                    let mut event = TimelineEvent::new(
                        anchor.value(),
                        // "since 2022", also when the anchor is itself
                        // open-ended ("since 2022", not "since since 2022").
                        &dates::describe(anchor.value(), Precision::OpenEnded),
                        Precision::OpenEnded,
                        anchor.sort_key,
                        analysis.class,
                        source,
                    );
                    event.inferred = true;
                    events.push(event.with_parties(shared.get(analysis.parties)));
                }
            }
        }
    }
    if let Some(published) = published
        && let Some((event, parties)) = lead_event(blocks, &events, published, analyser)
    {
        events.push(event.with_parties(shared.get(parties)));
    }
    // Events of the same date keep reading order (one event per sentence, so
    // the source orders them); aid placed by context ("since 2022",
    // inferred) follows, while a lead dated by publication keeps its place
    // at the top. Unstable: a stable sort would borrow a buffer of half the
    // events, 17 MB on a 100 MB document.
    let placed_after = |e: &TimelineEvent| e.inferred && e.precision == Precision::OpenEnded;
    events.sort_unstable_by(|a, b| {
        (a.sort_key.is_none(), a.sort_key, placed_after(a), a.source).cmp(&(
            b.sort_key.is_none(),
            b.sort_key,
            placed_after(b),
            b.source,
        ))
    });
    // Kept as long as the article: no room left for growth.
    events.shrink_to_fit();
    events
}

/// A news story's lead that reports in the present perfect ("Japan has
/// promised a further package of loans …", "The prime minister has arrived
/// in Kyiv …") tells what happened by the time it was published, and often
/// names no date: it is dated by publication, as inferred. Only the first
/// sentence of the first paragraph of some length, and only when no event
/// came from it already.
fn lead_event(
    blocks: &[Block],
    events: &[TimelineEvent],
    published: Date,
    analyser: aid::Analyser,
) -> Option<(TimelineEvent, Parties)> {
    let block = blocks.iter().find(|b| {
        b.kind == BlockKind::Paragraph
            && words_of(&b.text).take(LEAD_MIN_WORDS).count() == LEAD_MIN_WORDS
    })?;
    let text = block.text.as_str();
    // Only the opening is split: a one-line book is one paragraph.
    let mut head = text.len().min(LEAD_MAX_BYTES);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let opening = sentences(&text[..head]);
    let first = opening.first()?.clone();
    if opening.len() == 1 && head < text.len() {
        return None; // longer than any lead
    }
    let start = text[..first.start].chars().count() as u32;
    if events
        .iter()
        .any(|e| e.source.block == block.id && e.source.start == start)
    {
        return None;
    }
    let sentence = &text[first.clone()];
    if !reports_just_now(sentence) && !attributed(sentence) {
        return None;
    }
    let analysis = analyser.analyse(sentence);
    let value = published.to_string();
    let mut event = TimelineEvent::new(
        &value,
        &dates::describe(&value, Precision::Day),
        Precision::Day,
        Some(published),
        analysis.class,
        Span {
            block: block.id,
            start,
            end: start + sentence.chars().count() as u32,
        },
    );
    event.inferred = true;
    Some((event, analysis.parties))
}

/// How far into its paragraph a lead's first sentence must end.
const LEAD_MAX_BYTES: usize = 2048;

/// A lead is a sentence of news, not a stray line ("Listen to this article").
const LEAD_MIN_WORDS: usize = 6;

/// Whether a sentence reports, in the present perfect, something its
/// subject did or had done to it: "Japan’s prime minister has made an
/// unannounced visit", "Two envoys have been expelled". Not a state ("has
/// been consistent", "has had"), an ongoing or long run of things ("has
/// been sending", "has long", "so far", "since"), a denial ("has not"), or a
/// writer's aside ("I have", "It has been a busy week").
fn reports_just_now(sentence: &str) -> bool {
    // Each word with the comma-separated part it stands in.
    let words: Vec<(String, usize)> = sentence
        .split(", ")
        .enumerate()
        .flat_map(|(part, text)| {
            words_of(text)
                .filter(|w| !w.is_empty())
                .map(move |w| (w.to_lowercase(), part))
        })
        .collect();
    let Some((first, _)) = words.first() else {
        return false;
    };
    if NOT_A_SUBJECT.contains(&first.as_str()) {
        return false;
    }
    let Some(aux) = words
        .iter()
        .take(LEAD_SUBJECT_WORDS + 1)
        .position(|(w, _)| w == "has" || w == "have")
        .filter(|&i| i > 0)
    else {
        return false;
    };
    // The main clause ends with the verb's part ("Japan's prime minister,
    // Fumio Kishida, has made …"): what follows a comma after it ("…, as
    // officials met to discuss farmland damaged in two years of war") is
    // not what the lead says happened.
    let verb_part = words[aux].1;
    let lower: Vec<String> = words
        .into_iter()
        .take_while(|(_, part)| *part <= verb_part)
        .map(|(w, _)| w)
        .collect();
    let is = |i: usize, w: &str| lower.get(i).is_some_and(|l| l == w);
    if lower.iter().any(|w| DURATIVE.contains(&w.as_str()))
        || lower
            .windows(2)
            .any(|p| DURATIVE_PAIRS.contains(&(p[0].as_str(), p[1].as_str())))
    {
        return false;
    }
    // Subordinate words before the verb: "Tokyo, which has …", "As Japan has
    // …"; and a perfect that is not the present one: "Readers will have
    // noticed", "Japan is said to have sent".
    if lower[..aux]
        .iter()
        .any(|w| CLAUSE_WORDS.contains(&w.as_str()))
        || MODALS.contains(&lower[aux - 1].as_str())
    {
        return false;
    }
    let mut at = aux + 1;
    while lower
        .get(at)
        .is_some_and(|w| LEAD_ADVERBS.contains(&w.as_str()) || (w.ends_with("ly") && w.len() > 4))
    {
        at += 1;
    }
    if is(at, "been") {
        // The passive: "has been appointed", not "has been a", "has been sending".
        at += 1;
    }
    // "has had", "has got": a state, and neither is in the list.
    lower.get(at).is_some_and(|w| is_participle(w))
}

/// Whether a sentence is news attributed at its end, as agencies write
/// it: "Japan will send more generators to Ukraine, the foreign minister
/// said." The attribution is a short clause after the last comma, ending
/// in "said", "says" or "announced" (a day after it dates the sentence
/// itself).
fn attributed(sentence: &str) -> bool {
    let text = sentence.trim_end().trim_end_matches(['.', '!']).trim_end();
    // The last comma, also one closing a quotation: "“…,” the minister said".
    let Some((at, comma)) = [", ", ",” ", ",\" ", ",’ "]
        .iter()
        .filter_map(|comma| text.rfind(comma).map(|at| (at, comma.len())))
        .max()
    else {
        return false;
    };
    let (claim, by) = (&text[..at], &text[at + comma..]);
    let by: Vec<&str> = words_of(by).filter(|w| !w.is_empty()).collect();
    let claim_words = words_of(claim).filter(|w| !w.is_empty()).count();
    let Some((verb, who)) = by.split_last() else {
        return false;
    };
    matches!(*verb, "said" | "says" | "announced")
        && (1..=ATTRIBUTION_WORDS).contains(&who.len())
        && claim_words >= LEAD_MIN_WORDS
        && !who
            .iter()
            .any(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// How many words may name who said it: "Foreign Minister Yoko Kamikawa".
const ATTRIBUTION_WORDS: usize = 8;

/// How many words a lead's subject may take before "has"/"have".
const LEAD_SUBJECT_WORDS: usize = 12;

/// Words after which "has"/"have" belongs to a clause, not the lead's verb.
const CLAUSE_WORDS: &[&str] = &[
    "who", "which", "that", "if", "as", "since", "when", "while", "after", "before", "because",
    "although", "though", "where", "whether", "what",
];

/// Words before "have" that make it no present perfect.
const MODALS: &[&str] = &[
    "will", "would", "could", "should", "may", "might", "must", "to", "shall", "can",
];

/// Words that say the perfect tells of a long run, not of news.
const DURATIVE: &[&str] = &[
    "since",
    "long",
    "already",
    "ever",
    "never",
    "repeatedly",
    "always",
    "yet",
    "not",
    "hasn't",
    "haven't",
    "decades",
    "years",
    "months",
];

const DURATIVE_PAIRS: &[(&str, &str)] = &[("so", "far"), ("to", "date"), ("for", "years")];

/// Sentence openings that are no news subject.
const NOT_A_SUBJECT: &[&str] = &[
    "i",
    "we",
    "you",
    "it",
    "there",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "much",
    "many",
    "some",
    "few",
    "little",
    "nothing",
    "everyone",
    "everybody",
    "everything",
    "something",
    "someone",
    "anyone",
    "anything",
    "all",
    "most",
    "what",
    "who",
    "which",
    "how",
    "why",
    "when",
    "where",
    "if",
    "as",
    "since",
    "for",
    "over",
    "in",
    "throughout",
    "each",
    "such",
    "one",
    "our",
    "my",
    "your",
    "their",
    "his",
    "her",
    "its",
];

/// Adverbs that may stand between "has" and its participle.
const LEAD_ADVERBS: &[&str] = &["now", "just", "also", "again", "once", "quietly", "finally"];

/// Past participles: the regular ones, and the irregular ones news uses.
fn is_participle(word: &str) -> bool {
    (word.len() >= 4 && word.ends_with("ed")) || IRREGULAR_PARTICIPLES.contains(&word)
}

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "made",
    "sent",
    "given",
    "won",
    "met",
    "said",
    "told",
    "held",
    "taken",
    "begun",
    "become",
    "left",
    "brought",
    "built",
    "chosen",
    "come",
    "done",
    "drawn",
    "driven",
    "fallen",
    "flown",
    "found",
    "gone",
    "grown",
    "hit",
    "known",
    "led",
    "lost",
    "paid",
    "put",
    "run",
    "seen",
    "sold",
    "set",
    "shown",
    "shut",
    "spoken",
    "spent",
    "struck",
    "sworn",
    "thrown",
    "undertaken",
    "withdrawn",
    "written",
    "cut",
    "split",
    "bought",
    "caught",
    "fought",
    "sought",
    "laid",
    "kept",
    "dealt",
    "broken",
    "frozen",
    "stolen",
    "risen",
    "forbidden",
    "beaten",
    "overtaken",
    "sunk",
    "stood",
    "lent",
    "fled",
    "arisen",
    "upheld",
    "overseen",
];

/// Kinds of event a later sentence may date itself by: "since the invasion".
const EVENT_NOUNS: &[&str] = &[
    "invasion",
    "war",
    "annexation",
    "occupation",
    "ceasefire",
    "coup",
    "election",
    "referendum",
    "earthquake",
    "flood",
    "attack",
    "attacks",
    "pact",
    "agreement",
    "treaty",
    "summit",
    "pandemic",
    "outbreak",
    "revolution",
    "uprising",
    "blockade",
    "withdrawal",
    "takeover",
    "famine",
];

/// The words of `sentence` without their punctuation.
fn words_of(sentence: &str) -> impl Iterator<Item = &str> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// Where `text` first places itself after something told before it
/// ("has since shipped", "More recently"): the byte offset of the word.
fn first_referring_back(text: &str) -> Option<usize> {
    text.split_whitespace()
        .find(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            REFERRING_BACK.iter().any(|r| w.eq_ignore_ascii_case(r))
        })
        .map(|w| w.as_ptr() as usize - text.as_ptr() as usize)
}

/// Words that place a sentence after an event told before it.
const REFERRING_BACK: &[&str] = &[
    "since",
    "then",
    "later",
    "recently",
    "afterwards",
    "subsequently",
    "thereafter",
];

/// The latest dated event (of the last [`NAMING_LOOKBACK`]) whose sentence
/// names `noun` as a word. Looked up only when a sentence refers back
/// ("since the invasion"), rare, rather than noted for every dated one.
fn latest_naming(events: &[TimelineEvent], blocks: &[Block], noun: &str) -> Option<usize> {
    events
        .iter()
        .enumerate()
        .rev()
        .take(NAMING_LOOKBACK)
        .filter(|(_, e)| !e.inferred)
        .find(|(_, e)| words_of(event_sentence(e, blocks)).any(|w| w.eq_ignore_ascii_case(noun)))
        .map(|(i, _)| i)
}

/// How many events back "since the invasion" looks for the invasion.
const NAMING_LOOKBACK: usize = 200;

/// "Copyright © 2001-2022 Colin Watson", "© 2024 The Harbour Letter": a
/// notice's years date no event.
fn is_copyright(sentence: &str) -> bool {
    let start = sentence.trim_start();
    sentence.contains('©')
        || start
            .get(..9)
            .is_some_and(|w| w.eq_ignore_ascii_case("copyright"))
}

/// Whether `text` is short and has a colon, as a time line does: checked
/// before the closer look, which tagging every dated sentence could not
/// afford.
fn may_be_stamp(text: &str) -> bool {
    text.len() <= 80 && text.contains(':')
}

/// The day of a social post quoted in the article, for the quote block at
/// `at` that is its text: the post's own time line, a quote block right
/// after it ("8:41 AM · Sep 4, 2025"), anchors its "today" and "yesterday",
/// not the article's date.
fn quoted_post_day(blocks: &[Block], at: usize) -> Option<Date> {
    if blocks[at].kind != BlockKind::Quote {
        return None;
    }
    let stamp = blocks.get(at + 1).filter(|b| b.kind == BlockKind::Quote)?;
    let text = stamp.text.as_str();
    if !may_be_stamp(text) {
        return None;
    }
    let whole = 0..text.len();
    let timexes = timex::tag(text, None);
    if !is_stamp(text, whole, &timexes) {
        return None;
    }
    let day = timexes.iter().find(|t| t.kind == TimexType::Date)?;
    day.value.get(..10)?.parse().ok()
}

/// "8:41 AM · Sep 4, 2025", "September 4, 2025 at 10:15 AM": a sentence
/// of nothing but its time expressions (an embedded post's time, a
/// dateline) says nothing happened.
fn is_stamp(text: &str, sentence: std::ops::Range<usize>, timexes: &[timex::Timex]) -> bool {
    if !may_be_stamp(&text[sentence.clone()]) {
        return false;
    }
    let mut rest = String::with_capacity(sentence.len());
    let mut at = sentence.start;
    for t in timexes.iter().take_while(|t| t.start < sentence.end) {
        rest.push_str(&text[at..t.start.max(at)]);
        at = at.max(t.end);
    }
    rest.push_str(&text[at.min(sentence.end)..sentence.end]);
    // A stamp has a clock time, and what is left is that and its joints: a
    // date alone may be a reference's ("Oslo. 28-30 March 2000.", labelled by the
    // sentence before), and a version number ("1.3.0 - 2017-10-15" in
    // release notes) is news of a release.
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| c.is_whitespace() || matches!(c, '·' | '∙' | ',' | '|' | '(' | ')'))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .map(str::to_lowercase)
            .collect()
    };
    words(&text[sentence]).iter().any(|w| is_clock_time(w))
        && words(&rest).iter().all(|w| {
            is_clock_time(w) || ["at", "on", "am", "pm", "a.m.", "p.m."].contains(&w.as_str())
        })
}

/// The sentence an event was taken from.
fn event_sentence<'a>(event: &TimelineEvent, blocks: &'a [Block]) -> &'a str {
    let Some(block) = blocks.get(event.source.block as usize) else {
        return "";
    };
    let text = block.text.as_str();
    let start = block.text.byte_offset(event.source.start as usize);
    // From the start: a sentence's length, not the paragraph's.
    let chars = event.source.end.saturating_sub(event.source.start) as usize;
    let end = start + byte_offset(&text[start..], chars);
    &text[start..end.max(start)]
}

/// The kind of event "since the (full-scale) invasion" names, if any: one of
/// [`EVENT_NOUNS`] within three words after "since the".
fn since_the(sentence: &str) -> Option<&'static str> {
    // Most sentences have no "since the": answer before splitting words.
    if !sentence.contains("ince the ") {
        return None;
    }
    let words: Vec<&str> = words_of(sentence).collect();
    let at = words
        .windows(2)
        .position(|w| w[0].eq_ignore_ascii_case("since") && w[1].eq_ignore_ascii_case("the"))?;
    words[at + 2..].iter().take(3).find_map(|w| {
        EVENT_NOUNS
            .iter()
            .find(|n| w.eq_ignore_ascii_case(n))
            .copied()
    })
}

/// One copy of each distinct parties of a timeline: names repeat ("Japan"
/// gives in sentence after sentence), and each copy is 96 bytes.
#[derive(Default)]
struct SharedParties(HashSet<Arc<Parties>>);

impl SharedParties {
    fn get(&mut self, parties: Parties) -> Option<Arc<Parties>> {
        if parties.is_empty() {
            return None;
        }
        if let Some(known) = self.0.get(&parties) {
            return Some(Arc::clone(known));
        }
        let shared = Arc::new(parties);
        self.0.insert(Arc::clone(&shared));
        Some(shared)
    }
}

/// "since 2022", "from 2022": the date opens a period that is still running.
fn open_ended(text: &str, start: usize) -> bool {
    // Only the few words before the expression matter; never lowercase the
    // whole paragraph (quadratic on a long one).
    let mut from = start.saturating_sub(24);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text[from..start].trim_end().to_lowercase();
    // "since the winter of 1861"
    let before = before.strip_suffix(" the").unwrap_or(&before);
    before.ends_with("since")
}

/// An event's label: its sentence without the time expression, short. Made
/// when shown rather than stored: on a large document the labels of 200,000
/// events would take 20 MB.
pub fn event_label(event: &TimelineEvent, blocks: &[Block]) -> String {
    let expression = if event.inferred {
        ""
    } else {
        event.expression()
    };
    let own = label(event_sentence(event, blocks), expression);
    if own.contains(char::is_alphanumeric) {
        return own;
    }
    // A sentence that is only its date ("Snowbird, Utah. 28-30 March
    // 2000."): the sentence before it says what was dated.
    label(sentence_before(event, blocks), "")
}

/// The sentence before the one an event was taken from, in its block.
fn sentence_before<'a>(event: &TimelineEvent, blocks: &'a [Block]) -> &'a str {
    let Some(block) = blocks.get(event.source.block as usize) else {
        return "";
    };
    let head = &block.text[..block.text.byte_offset(event.source.start as usize)];
    sentences(head).last().map_or("", |r| &head[r.clone()])
}

/// The sentence without its time expression, trimmed to a short label.
/// Called for every event a dump prints (200,000 on 100 MB), so it copies the
/// sentence once and lowercases only the few words before the expression.
fn label(sentence: &str, expression: &str) -> String {
    // A label is one line: a line break in the block ("Julian Seward<br>On
    // the Performance of …") is a space, not nothing.
    let lined: Cow<str> = if sentence.contains('\n') {
        Cow::Owned(sentence.replace('\n', " "))
    } else {
        Cow::Borrowed(sentence)
    };
    let mut text: Cow<str> = Cow::Borrowed(&lined);
    if !expression.is_empty()
        && let Some(pos) = lined.find(expression)
    {
        let before = lined[..pos].trim_end();
        // "in the spring of 1871": the article goes with the date, then
        // the preposition.
        let unarticled = ["the", "a", "an"]
            .iter()
            .find_map(|w| {
                let rest = before.strip_suffix(w)?;
                (rest.is_empty() || rest.ends_with(' ')).then(|| rest.trim_end())
            })
            .unwrap_or(before);
        let cut = unarticled.len() - dropped_preposition(unarticled).map_or(0, str::len);
        let after = &lined[pos + expression.len()..];
        // "On 25 December, the …", "Jan 31 - Feb 2, 1996. ftp://…".
        let after = after.trim_start_matches([',', '.', ';', ' ']);
        // "In March of that year, the ministry …": the rest of the date phrase.
        let after = ["of that year", "of the same year", "that year"]
            .iter()
            .find_map(|p| after.strip_prefix(p))
            .map_or(after, |rest| {
                rest.strip_prefix(',').unwrap_or(rest).trim_start()
            });
        let before = lined[..cut].trim_end().trim_end_matches(',');
        // The date is shown beside the label, so it goes when it opens or
        // closes the sentence; taken from the middle it leaves a broken
        // sentence ("spent much of leading talks"), so there it stays.
        let opens = before.trim().is_empty();
        // "… in 2014.[1]": a footnote's mark closes the sentence too.
        let closes = without_closing_citations(after.trim_end_matches(['.', '!', '?', ' ']))
            .trim_matches(['.', '!', '?', ' '])
            .is_empty();
        // "Until this week’s news, …": the date is part of a noun phrase.
        let possessive = after.starts_with("’s") || after.starts_with("'s");
        if (opens || closes) && !possessive {
            text = Cow::Owned(format!("{before} {after}"));
        }
    }
    let text = without_closing_citations(&text)
        .trim_end_matches('.')
        .trim();
    // A footnote's own "[1] " is not what it says.
    let text = crate::core::text::citation_mark(text).map_or(text, |len| text[len..].trim_start());
    let mut chars = text.chars();
    let mut capitalized = String::with_capacity(text.len());
    // A link or a name like "iPhone" keeps its case.
    let first_word = text.split_whitespace().next().unwrap_or("");
    let keep_case =
        first_word.contains("://") || first_word.chars().skip(1).any(char::is_uppercase);
    if let Some(first) = chars.next() {
        if keep_case {
            capitalized.push(first);
        } else {
            capitalized.extend(first.to_uppercase());
        }
    }
    capitalized.push_str(chars.as_str());
    if capitalized.contains(" :") || capitalized.contains(" ,") {
        capitalized = capitalized.replace(" :", ":").replace(" ,", ",");
    }
    shorten_owned(capitalized, LABEL_LEN)
}

/// The preposition or determiner ("since", "as of", "last") that ends the
/// words before a date, as written: it goes with the date.
fn dropped_preposition(before: &str) -> Option<&str> {
    // Not "before" or "after": without them the label would say the event
    // happened on the date.
    const WORDS: [&str; 18] = [
        "since",
        "in",
        "on",
        "by",
        "during",
        "from",
        "until",
        "as of",
        "this",
        "last",
        "next",
        "for",
        "at",
        "over",
        "within",
        "through",
        "throughout",
        "around",
    ];
    WORDS.iter().find_map(|w| {
        let at = before.len().checked_sub(w.len())?;
        let tail = before.get(at..)?;
        let whole = at == 0 || before[..at].ends_with(' ');
        (whole && tail.eq_ignore_ascii_case(w)).then_some(tail)
    })
}

pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    cut_short(text, max)
}

/// [`shorten`] of a string the caller no longer needs: kept when it fits.
fn shorten_owned(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    cut_short(&text, max)
}

fn cut_short(text: &str, max: usize) -> String {
    // A slice, not a copy made a character at a time (a third of a
    // dump's timeline table).
    let end = text
        .char_indices()
        .nth(max)
        .map_or(text.len(), |(at, _)| at);
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::{attributed, build, label, reports_just_now};
    use crate::core::model::{Block, BlockKind, EventClass, Precision};

    #[test]
    fn a_lead_in_the_present_perfect_is_dated_by_publication() {
        let published = "2024-02-19".parse().ok();
        let blocks = Block::paragraphs(&[
            "Japan has promised a further package of grants and loans for Ukraine, \
             as donors met in Tokyo to discuss farmland damaged in two years of war.",
            "Canada has sent radios to Ukraine as well, officials said.",
        ]);
        let events = build(&blocks, published);
        assert_eq!(events.len(), 1, "{events:#?}");
        let lead = &events[0];
        assert_eq!(lead.value(), "2024-02-19");
        // Before the same day's dated events, as it reads.
        let mut later = blocks.clone();
        later.push(Block {
            id: 2,
            kind: BlockKind::Paragraph,
            text: "The minister spoke at the conference on February 19.".into(),
        });
        let days: Vec<(u32, bool)> = build(&later, published)
            .iter()
            .map(|e| (e.source.block, e.inferred))
            .collect();
        assert_eq!(days, [(0, true), (2, false)]);
        assert_eq!(lead.precision, Precision::Day);
        assert!(lead.inferred);
        assert_eq!(lead.class, EventClass::Financial);
        assert_eq!(lead.actor(), Some("Japan"));
        assert_eq!((lead.source.block, lead.source.start), (0, 0));
        // Without a publication date there is nothing to date it by.
        assert!(build(&blocks, None).is_empty());
    }

    #[test]
    fn seasons_are_events_and_since_the_season_runs_on() {
        let blocks = Block::paragraphs(&[
            "Snow closed the pass in the winter of 1861.",
            "The keeper has trimmed the wicks since the summer of 1862.",
        ]);
        let events = build(&blocks, None);
        let dated: Vec<(&str, Precision, String)> = events
            .iter()
            .map(|e| (e.value(), e.precision, super::event_label(e, &blocks)))
            .collect();
        assert_eq!(
            dated,
            [
                (
                    "1861-WI",
                    Precision::Season,
                    "Snow closed the pass".to_owned()
                ),
                (
                    "1862-SU",
                    Precision::OpenEnded,
                    "The keeper has trimmed the wicks".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn a_lead_with_its_own_date_is_not_dated_twice() {
        let blocks =
            Block::paragraphs(&["Japan has sent helmets to Ukraine on Monday, the ministry said."]);
        let events = build(&blocks, "2024-02-21".parse().ok());
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(events[0].value(), "2024-02-19");
        assert!(!events[0].inferred);
    }

    #[test]
    fn only_the_lead_of_the_first_paragraph_of_some_length_counts() {
        let blocks = Block::paragraphs(&[
            "Listen to this article",
            "Officials said talks went on into the night in Tokyo.",
            "Japan has signed a pact with Ukraine, the ministry said.",
        ]);
        assert!(build(&blocks, "2024-06-14".parse().ok()).is_empty());
        let stray_first = &blocks[..1];
        assert!(build(stray_first, "2024-06-14".parse().ok()).is_empty());
        let lead_second = [blocks[0].clone(), blocks[2].clone()];
        assert_eq!(build(&lead_second, "2024-06-14".parse().ok()).len(), 1);
    }

    #[test]
    fn undated_aid_goes_on_from_the_event_before_only_when_the_text_says_so() {
        let published = "2023-03-23".parse().ok();
        let visit = "The prime minister visited Kyiv on Tuesday.";
        let aid = "Japan has provided helmets and generators to Ukraine.";
        let dated = |texts: &[&str]| -> Vec<(String, bool)> {
            build(&Block::paragraphs(texts), published)
                .iter()
                .map(|e| (e.value().to_owned(), e.inferred))
                .collect()
        };
        // A paragraph of its own, after the news of the day: the years before it.
        assert_eq!(dated(&[visit, aid]), [("2023-03-21".to_owned(), false)]);
        // What the paragraph says after the sentence does not place it.
        let then_after = format!("{aid} Talks then went on into the night.");
        assert_eq!(
            dated(&[visit, &then_after]),
            [("2023-03-21".to_owned(), false)]
        );
        let placed = [
            ("2023-03-21".to_owned(), false),
            ("2023-03-21".to_owned(), true),
        ];
        for texts in [
            [
                visit,
                "Japan has since provided helmets and generators to Ukraine.",
            ],
            [visit, &format!("More recently the help has grown. {aid}")],
            [&format!("{visit} {aid}"), "The visit lasted a day."],
        ] {
            assert_eq!(dated(&texts), placed, "{texts:?}");
        }
    }

    #[test]
    fn a_lead_is_found_in_the_opening_of_a_long_paragraph_only() {
        let published = "2024-02-19".parse().ok();
        let lead = "Japan has promised a further package of loans for Ukraine.";
        let filler = " The talks went on. ".repeat(400);
        let long_paragraph = format!("{lead}{filler}");
        let events = build(&Block::paragraphs(&[&long_paragraph]), published);
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(events[0].source.end as usize, lead.chars().count());
        // A first sentence longer than any lead is none.
        let run_on = format!("Japan has promised{}.", " more loans and".repeat(200));
        assert!(build(&Block::paragraphs(&[&run_on]), published).is_empty());
    }

    #[test]
    fn a_lead_attributed_at_its_end_is_news_of_the_day() {
        for news in [
            "Japan will send more generators to Ukraine, the foreign minister said.",
            "Tokyo plans a new aid package for Kyiv, officials announced.",
            "“We are ready to help Ukraine rebuild its power grid,” the minister said.",
        ] {
            assert!(attributed(news), "{news}");
        }
        for not_news in [
            "The past is never dead, it is not even past, as Faulkner once said.",
            "He said.",
            "Yes, she said.",
            "Japan will send more generators to Ukraine, a long list of officials \
             from both ministries of defence and foreign affairs said.",
            "Japan will send generators to Ukraine, the minister said on Monday.",
        ] {
            assert!(!attributed(not_news), "{not_news}");
        }
        let blocks = Block::paragraphs(&[
            "Japan will send more generators to Ukraine, the foreign minister said.",
        ]);
        let events = build(&blocks, "2024-03-05".parse().ok());
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(
            (events[0].value(), events[0].inferred),
            ("2024-03-05", true)
        );
    }

    #[test]
    fn news_in_the_present_perfect_is_told_from_states_and_long_runs() {
        for news in [
            "Japan’s prime minister has made an unannounced visit to Kyiv.",
            "Japan’s prime minister, Fumio Kishida, has made an unannounced visit to Kyiv.",
            "The prime minister has arrived in Kyiv on a trip that was kept secret until he crossed the border.",
            "Two Russian envoys have been expelled from Tokyo, the ministry said.",
            "The European Union has formally agreed a new round of sanctions.",
        ] {
            assert!(reports_just_now(news), "{news}");
        }
        for not_news in [
            "Japan has been consistent in its support.",
            "Japan has long been wary of sending weapons abroad.",
            "Japan has been sending generators for months.",
            "Japan has sent more than $12 billion since the invasion.",
            "Japan has not ruled out sending more.",
            "Japan has had a difficult year.",
            "It has been a busy week in Tokyo for the foreign ministry.",
            "I have written about sushi diplomacy before.",
            "Tokyo, which has sent helmets, is now weighing more.",
            "Officials who have seen the plan say it is ready.",
            "Regular readers will have noticed a change of tone.",
            "The minister is understood to have signed the deal.",
            "Has Japan done enough for Ukraine?",
        ] {
            assert!(!reports_just_now(not_news), "{not_news}");
        }
    }

    #[test]
    fn events_with_the_same_parties_share_one_copy() {
        let text = "Japan sent helmets to Ukraine in 2022. Japan sent helmets to Ukraine \
                    in 2023. Canada sent radios to Ukraine in 2024.";
        let blocks = [Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: text.into(),
        }];
        let events = build(&blocks, None);
        assert_eq!(events.len(), 3);
        assert_eq!(events[0].actor(), Some("Japan"));
        assert_eq!(events[2].actor(), Some("Canada"));
        let (a, b, c) = (
            events[0].shared_parties(),
            events[1].shared_parties(),
            events[2].shared_parties(),
        );
        assert!(a.is_some_and(|a| b.is_some_and(|b| std::sync::Arc::ptr_eq(a, b))));
        assert!(!a.is_some_and(|a| c.is_some_and(|c| std::sync::Arc::ptr_eq(a, c))));
    }

    #[test]
    fn a_date_that_opens_or_closes_the_sentence_leaves_the_label() {
        assert_eq!(
            label("On 25 December, the cable went dark.", "25 December"),
            "The cable went dark"
        );
        assert_eq!(
            label("In March of that year, the ministry sent helmets.", "March"),
            "The ministry sent helmets"
        );
        assert_eq!(
            label("Two cables were cut in November 2024.", "November 2024"),
            "Two cables were cut"
        );
        assert_eq!(
            label("Japan eased its export rules in 2014.[1]", "2014"),
            "Japan eased its export rules"
        );
        assert_eq!(
            label(
                "[1] The pact was signed in June 2024 in Italy.",
                "June 2024"
            ),
            "The pact was signed in June 2024 in Italy"
        );
        assert_eq!(
            label("She moved there in the spring of 1871.", "spring of 1871"),
            "She moved there"
        );
        assert_eq!(
            label(
                "In the summer of 1902 the pier was built.",
                "summer of 1902"
            ),
            "The pier was built"
        );
        assert_eq!(
            label("The vote is set for March 3, 2025.", "March 3, 2025"),
            "The vote is set"
        );
        assert_eq!(
            label("Around 1990 the agency was founded.", "1990"),
            "The agency was founded"
        );
        // Before and after say how the event stands to the date: they stay.
        assert_eq!(
            label("The talks collapsed before March 2025.", "March 2025"),
            "The talks collapsed before"
        );
        // Only a whole word goes: "Athe" is no article.
        assert_eq!(
            label("They reached Athe 1902.", "1902"),
            "They reached Athe"
        );
    }

    #[test]
    fn a_line_break_in_the_sentence_is_a_space_in_the_label() {
        assert_eq!(
            label("Ann Lee\nOn the Speed of Sorting, 2000.", "2000"),
            "Ann Lee On the Speed of Sorting"
        );
    }

    #[test]
    fn a_sentence_that_is_only_its_date_is_labelled_by_the_one_before() {
        let text = "Ann Lee, On Sorting Fast. Proceedings of the Compression Meeting, \
                    Oslo. 28-30 March 2000.";
        let blocks = [Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: text.into(),
        }];
        let events = build(&blocks, None);
        let spanned = events
            .iter()
            .find(|e| e.value() == "2000-03-28")
            .expect("the span of days is dated by its first day");
        assert_eq!(
            super::event_label(spanned, &blocks),
            "Proceedings of the Compression Meeting, Oslo"
        );
    }

    #[test]
    fn a_link_after_the_date_keeps_its_case() {
        assert_eq!(
            label(
                "Jan 31 - Feb 2, 1996. ftp://example.org/paper.ps",
                "Jan 31 - Feb 2, 1996"
            ),
            "ftp://example.org/paper.ps"
        );
        assert_eq!(
            label("On 3 May, iPhone sales fell.", "3 May"),
            "iPhone sales fell"
        );
    }

    #[test]
    fn code_dates_nothing() {
        let blocks = [
            Block {
                id: 0,
                kind: BlockKind::Code,
                text: "assert_eq!(parse(\"2017-06-17\"), Some((2017, 6, 17)));".into(),
            },
            Block {
                id: 1,
                kind: BlockKind::Paragraph,
                text: "The parser shipped in 2023.".into(),
            },
        ];
        let values: Vec<String> = build(&blocks, None)
            .iter()
            .map(|e| e.value().to_owned())
            .collect();
        assert_eq!(values, ["2023"]);
    }

    #[test]
    fn copyright_notices_date_nothing() {
        let text = "Copyright © 2001, 2002 Ann Lee. Copyright 2005 Bo Chen. \
                    © 2024 The Harbour Letter. The harbour reopened in 2023.";
        let blocks = [Block {
            id: 0,
            kind: BlockKind::Paragraph,
            text: text.into(),
        }];
        let events = build(&blocks, None);
        let values: Vec<&str> = events.iter().map(|e| e.value()).collect();
        assert_eq!(values, ["2023"]);
    }

    #[test]
    fn a_time_stamp_alone_dates_nothing_and_a_release_line_does() {
        let blocks = Block::paragraphs(&[
            "8:41 AM · Sep 4, 2025",
            "September 4, 2025 at 10:15 AM",
            "1.3.0 - 2017-10-15",
            "The harbour reopened on 3 May 2023.",
        ]);
        let events = build(&blocks, None);
        let values: Vec<&str> = events.iter().map(|e| e.value()).collect();
        assert_eq!(values, ["2017-10-15", "2023-05-03"]);
    }

    #[test]
    fn a_quoted_posts_today_is_the_day_of_its_time_line() {
        let quote = |text: &str| Block {
            id: 0,
            kind: BlockKind::Quote,
            text: text.into(),
        };
        let published = jiff::civil::Date::new(2025, 9, 5).ok();
        let mut blocks = vec![
            quote("Today we agreed to widen the exchange of imagery."),
            quote("8:41 AM · Sep 4, 2025"),
        ];
        let values: Vec<String> = build(&blocks, published)
            .iter()
            .map(|e| e.value().to_owned())
            .collect();
        assert_eq!(values, ["2025-09-04"]);
        // The article's own paragraph keeps the article's day.
        blocks[0].kind = BlockKind::Paragraph;
        let values: Vec<String> = build(&blocks, published)
            .iter()
            .map(|e| e.value().to_owned())
            .collect();
        assert_eq!(values, ["2025-09-05"]);
    }

    #[test]
    fn a_date_in_a_possessive_stays() {
        assert_eq!(
            label(
                "Until this week’s news, nobody knew the model.",
                "this week"
            ),
            "Until this week’s news, nobody knew the model"
        );
    }

    #[test]
    fn a_date_inside_the_sentence_stays() {
        assert_eq!(
            label(
                "Britain has spent much of this year leading talks.",
                "this year"
            ),
            "Britain has spent much of this year leading talks"
        );
    }
}
