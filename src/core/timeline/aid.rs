//! Recognises aid and commitments in a sentence: what was given, shipped,
//! pledged, signed or announced, by whom, to whom, and of which class.

use crate::core::model::{EventClass, Parties};
use crate::core::text::CaseVariants;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use compact_str::CompactString;
use memchr::memmem::Finder;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub class: EventClass,
    /// Items, actor and recipient.
    pub parties: Parties,
    /// The sentence lists more of what a previous sentence's event gave
    /// ("This includes …", "Add to that …").
    pub continues_previous: bool,
}

impl Analysis {
    pub fn is_aid(&self) -> bool {
        self.class.is_aid()
    }
}

/// Verbs of giving; the list of items follows them.
const GIVING: &[&str] = &[
    "shipped ",
    "sent ",
    "delivered ",
    "provided ",
    "supplied ",
    "donated ",
    "gave ",
    "given ",
    "pledged ",
    "promised ",
    "handed over ",
    "transferred ",
    "committed ",
    "allocated ",
    "offered ",
    "include ",
    "includes ",
    "included ",
    "including ",
    "covering ",
    "covers ",
    "add to that ",
    "added ",
    "also sent ",
    "shipping ",
    "sending ",
    "received ",
    "receives ",
    "delivering ",
    "providing ",
    // A pledge in the future tense, as "pledged" and "promised" are.
    "will give ",
    "will send ",
    "will provide ",
    "will supply ",
    "will deliver ",
];
const AGREEMENT: &[&str] = &[
    " pact",
    " agreement",
    " treaty",
    " accord",
    " memorandum",
    " signed",
    " deal ",
    " partnership",
    " alliance",
];
const STATEMENT: &[&str] = &[
    " said",
    " says",
    " stated",
    " announced",
    " declared",
    " made it official",
    " told ",
    " pledged",
    " vowed",
    " is prepared to",
    " would play",
    " confirmed",
];
/// Topics that make a statement a commitment worth a place in the aid timeline.
const COMMITMENT_TOPICS: &[&str] = &[
    "security guarantee",
    "support",
    "aid",
    "assistance",
    "join",
    "peacekeep",
    "troops",
    "commit",
    "pledge",
    "sanction",
    "reconstruction",
    "defend",
];
const CONTINUATION: &[&str] = &[
    "this includes",
    "these include",
    "this included",
    "these included",
    "add to that",
    "that includes",
    "it also",
    "they also",
    "this also",
    "on top of that",
    "there were also",
    "there are also",
];

/// Item words by class, checked in order: the first class with a hit wins.
const CLASS_WORDS: &[(EventClass, &[&str])] = &[
    (
        EventClass::Intelligence,
        &[
            "satellite data",
            "intelligence",
            "imagery",
            "sar ",
            "reconnaissance data",
            "surveillance data",
        ],
    ),
    (
        EventClass::Financial,
        &[
            "billion",
            "million",
            "$",
            "€",
            "¥",
            "£",
            " yen",
            " dollars",
            " euros",
            "loan",
            "grant",
            "budget support",
            "funding",
            "financial",
        ],
    ),
    (
        EventClass::Military,
        &[
            "tanks",
            "missiles",
            "himars",
            "artillery",
            "ammunition",
            "rockets",
            "weapons",
            "fighter",
            "warships",
            "fighter jets",
            "howitzers",
            "shells",
            "air defence",
            "air defense",
            "air-defence",
            "air-defense",
            "rifles",
            "helicopters",
            "munitions",
            "mortars",
            "launchers",
        ],
    ),
    (
        EventClass::MilitaryNonLethal,
        &[
            // Also "drone detection systems", "anti-drone guns".
            "drone",
            "detection",
            "armor",
            "armour",
            "detector",
            "radios",
            "trucks",
            "night-vision",
            "uniforms",
            "mine-clearing",
            "body armor",
            "body armour",
            "helmets",
            "ordnance",
            "demining",
            "mine-clearing",
            "vehicles",
            "radar",
            "bulletproof",
            "protective gear",
            "non-lethal",
            "winter kits",
        ],
    ),
    (
        EventClass::Humanitarian,
        &[
            "tents",
            "ambulance",
            "fuel",
            "clothing",
            "vaccines",
            "shelters",
            "heaters",
            "grain",
            "wheat",
            "transformers",
            "medical",
            "medicine",
            "food",
            "winter clothing",
            "blankets",
            "generators",
            "shelter",
            "humanitarian",
            "water",
            "reconstruction",
        ],
    ),
];

/// Reads sentences for what was given, agreed or said, with a cue search
/// suited to how much text there is to read.
#[derive(Clone, Copy)]
pub struct Analyser(&'static CueSearch);

impl Analyser {
    /// From this much text on, the cues are searched with a DFA.
    const FAST_FROM: usize = 1 << 20;

    pub fn for_text_len(len: usize) -> Analyser {
        if len >= Self::FAST_FROM {
            Analyser(&FAST_CUES)
        } else {
            Analyser(&SMALL_CUES)
        }
    }

    pub fn analyse(self, sentence: &str) -> Analysis {
        analyse_with(self.0, sentence)
    }
}

fn analyse_with(search: &CueSearch, sentence: &str) -> Analysis {
    // One search over the sentence as written (every cue is ASCII and
    // matched in any ASCII case, so offsets stay valid in `sentence`; a
    // Unicode lowering, or turning ’ into ', shifted them and cut list items
    // in the wrong place: "Japan’s … sent drones" gave "t drones").
    let cues = Cues::of(search, sentence);
    let start = sentence.trim_start();
    let continues_previous = CONTINUATION
        .iter()
        .any(|c| starts_with_ignore_ascii_case(start, c));
    let (items, indirect) = items_after_giving_verb(sentence, &cues.verbs);
    let gives = !items.is_empty();
    let agreement = cues.agreement;
    let statement = cues.statement && cues.topic;

    // The class most items belong to: drones and body armour outvote one
    // line of satellite data.
    let mut votes: Vec<(EventClass, usize)> = Vec::new();
    for &(_, class) in &items {
        match votes.iter_mut().find(|(c, _)| *c == class) {
            Some((_, n)) => *n += 1,
            None => votes.push((class, 1)),
        }
    }
    let item_class = votes.iter().max_by_key(|(_, n)| *n).map(|(c, _)| *c);
    let class = if agreement {
        EventClass::Agreement
    } else if let Some(c) = item_class.filter(|_| gives) {
        c
    } else if statement {
        EventClass::Statement
    } else {
        EventClass::Other
    };
    let mut actor = actor(sentence);
    let mut recipient = cues
        .recipient
        .map(|(_, _, who)| who)
        .or(indirect)
        .map(|who| capitalised(KNOWN_RECIPIENTS[who]));
    // "Kyiv has received body armor": the subject is given to, not giving.
    if let Some(subject) = &actor
        && receives(after(sentence, subject))
    {
        recipient = recipient.or(actor.take());
    }
    Analysis {
        class,
        parties: Parties {
            items: items.into_iter().map(|(item, _)| item).collect(),
            actor: actor.map(CompactString::from),
            recipient: recipient.map(CompactString::from),
        },
        continues_previous,
    }
}

/// What a sentence's words say about it, from one search.
#[derive(Debug, Default)]
struct Cues {
    /// Each giving verb's first occurrence at a word start, in text order.
    verbs: Vec<(usize, &'static str)>,
    agreement: bool,
    statement: bool,
    topic: bool,
    /// A known recipient after "to", "for" or "with": (preposition rank,
    /// position, index into [`KNOWN_RECIPIENTS`]); "to" outranks "for",
    /// which outranks "with", then the earliest wins.
    recipient: Option<(usize, usize, usize)>,
}

#[derive(Debug, Clone, Copy)]
enum Cue {
    Giving(usize),
    Agreement,
    Statement,
    Topic,
    Recipient { preposition: usize, who: usize },
}

const RECIPIENT_PREPOSITIONS: [&str; 3] = [" to ", " for ", " with "];

/// Every cue of [`Analyser::analyse`] in one automaton, in any ASCII case: one
/// search per sentence instead of a search per kind of cue over a
/// lowercased copy (together a third of the timeline's time).
struct CueSearch {
    search: AhoCorasick,
    cues: Vec<Cue>,
}

/// For long texts a DFA, which the builder picks only for up to 100
/// patterns: it took the timeline of 100 MB from 1.43 to 1.07 s.
static FAST_CUES: LazyLock<CueSearch> = LazyLock::new(|| cue_search(AhoCorasickKind::DFA));

/// For short texts an NFA, 0.2 MB smaller than the DFA (a 3 KB article's
/// whole reader stays under 10 MB only with little to spare).
static SMALL_CUES: LazyLock<CueSearch> =
    LazyLock::new(|| cue_search(AhoCorasickKind::ContiguousNFA));

fn cue_search(kind: AhoCorasickKind) -> CueSearch {
    let mut patterns: Vec<String> = Vec::new();
    let mut cues = Vec::new();
    let mut add = |pattern: String, cue: Cue| {
        patterns.push(pattern);
        cues.push(cue);
    };
    for (i, verb) in GIVING.iter().enumerate() {
        add((*verb).to_owned(), Cue::Giving(i));
    }
    for cue in AGREEMENT {
        add((*cue).to_owned(), Cue::Agreement);
    }
    for cue in STATEMENT {
        add((*cue).to_owned(), Cue::Statement);
    }
    // At a word start: " aid" but not "said".
    for topic in COMMITMENT_TOPICS {
        add(format!(" {topic}"), Cue::Topic);
    }
    for (preposition, p) in RECIPIENT_PREPOSITIONS.iter().enumerate() {
        for (who, name) in KNOWN_RECIPIENTS.iter().enumerate() {
            add(format!("{p}{name}"), Cue::Recipient { preposition, who });
        }
    }
    let search = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(kind))
        .build(&patterns)
        .expect("cues are plain strings");
    CueSearch { search, cues }
}

impl Cues {
    fn of(search: &CueSearch, sentence: &str) -> Cues {
        // Padded so that cues written with their surrounding spaces (" pact",
        // " deal ") match at either end.
        padded(sentence, |padded| Cues::of_padded(search, sentence, padded))
    }

    fn of_padded(search: &CueSearch, sentence: &str, padded: &str) -> Cues {
        let CueSearch {
            search,
            cues: kinds,
        } = search;
        let mut cues = Cues::default();
        let mut first = [usize::MAX; GIVING.len()];
        for m in search.find_overlapping_iter(padded) {
            match kinds[m.pattern().as_usize()] {
                Cue::Giving(i) => {
                    // The verb's own trailing space must be the sentence's.
                    let at = m.start() - 1;
                    if m.end() < padded.len()
                        && first[i] == usize::MAX
                        && is_word_start(sentence, at)
                    {
                        first[i] = at;
                    }
                }
                Cue::Agreement => cues.agreement = true,
                Cue::Statement => cues.statement = true,
                Cue::Topic => cues.topic = true,
                Cue::Recipient { preposition, who } => {
                    // The whole word: "to Georgia", not "to Georgians".
                    let whole = !padded[m.end()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                    let found = (preposition, m.start(), who);
                    if whole && cues.recipient.is_none_or(|r| found < r) {
                        cues.recipient = Some(found);
                    }
                }
            }
        }
        cues.verbs = first
            .iter()
            .zip(GIVING)
            .filter(|(at, _)| **at != usize::MAX)
            .map(|(at, verb)| (*at, *verb))
            .collect();
        cues.verbs.sort_unstable();
        cues
    }
}

fn is_word_start(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn starts_with_ignore_ascii_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn ends_with_ignore_ascii_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.as_bytes()[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// "ukraine" → "Ukraine".
fn capitalised(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The giving verbs alone, as prose writes them, for the quick test; those
/// that hold another ("also sent ") go without saying.
static GIVING_VERBS: LazyLock<CaseVariants> = LazyLock::new(|| {
    let verbs: Vec<&str> = GIVING
        .iter()
        .filter(|verb| {
            !GIVING
                .iter()
                .any(|other| other != *verb && verb.contains(other))
        })
        .copied()
        .collect();
    CaseVariants::new(&verbs)
});

/// Whether the sentence has a giving verb at a word start, so that
/// [`Analyser::analyse`] can find items in it. A cheap test (no copy, fewer cues) for
/// the many undated sentences that could only matter as aid.
pub fn might_give(sentence: &str) -> bool {
    GIVING_VERBS.any(sentence, |_, range| {
        !sentence[..range.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// Whether a giving verb is anywhere in `text`, at a word start or not:
/// where none is, no sentence of it [`might_give`].
pub fn mentions_giving(text: &str) -> bool {
    GIVING_VERBS.any(text, |_, _| true)
}

/// The comma/and list after the first giving verb: "shipped drones, body armor,
/// and even access to SAR data" → ["drones", "body armor", "access to SAR data"],
/// each with its class.
fn items_after_giving_verb(
    sentence: &str,
    verbs: &[(usize, &str)],
) -> (Vec<(CompactString, EventClass)>, Option<usize>) {
    // "hasn't sent tanks, but has delivered …": a negated verb lists what was not given.
    let Some(&(pos, verb)) = verbs.iter().find(|(p, _)| !negated(&sentence[..*p])) else {
        return (Vec::new(), None);
    };
    let rest = &sentence[pos + verb.len()..];
    // "SENT HELMETS, BODY ARMOR AND DRONES TO UKRAINE": the list's words
    // (" and ", " to ") are matched in lower case, so a sentence in capitals
    // is read lowercased (ASCII lowering keeps every offset).
    // Its capitals no longer tell a recipient: after "to", any word is one.
    if !rest.contains(char::is_lowercase) && rest.contains(char::is_uppercase) {
        return (list_items(&rest.to_ascii_lowercase(), true), None);
    }
    let (rest, indirect) = indirect_object(rest);
    (list_items(rest, false), indirect)
}

/// "sent Ukraine helmets and tents": a recipient named right after the
/// verb, before what it was given. Returns the words after it and the
/// recipient (an index into [`KNOWN_RECIPIENTS`]), or `rest` as it is.
fn indirect_object(rest: &str) -> (&str, Option<usize>) {
    let after_space = rest.trim_start();
    let words = after_space.strip_prefix("the ").unwrap_or(after_space);
    let end = words
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(words.len());
    let (name, after) = words.split_at(end);
    let who = KNOWN_RECIPIENTS
        .iter()
        .position(|r| r.eq_ignore_ascii_case(name));
    // A capitalised name followed by more words: not "sent Ukraine." nor
    // "sent Ukraine’s army …" (a possessive begins the list itself).
    let given_after =
        after.starts_with(' ') && after.trim_start().starts_with(char::is_alphanumeric);
    match who {
        // "supplied Kyiv with air defence systems": the gift after "with".
        Some(who) if name.starts_with(char::is_uppercase) && given_after => {
            let after = after.trim_start();
            (after.strip_prefix("with ").unwrap_or(after), Some(who))
        }
        _ => (rest, None),
    }
}

/// The items of the list that `rest` (the words after a giving verb) opens;
/// `capitals` when it was written all in capitals. Only items of a class
/// are kept, each with it.
fn list_items(rest: &str, capitals: bool) -> Vec<(CompactString, EventClass)> {
    // The list ends with the sentence or a clause that is not part of it:
    // the earliest of these, found in one pass (a search per ending was a
    // tenth of the timeline's time on 100 MB).
    static LIST_ENDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build([
                ". ", "; ", " that ", " which ", " so that", " because", " but ", " but,",
                " while ",
            ])
            .expect("the list endings are plain strings")
    });
    let end = LIST_ENDS.find(rest).map_or(rest.len(), |m| m.start());
    // "… and reconstruction.[1]": the footnote's mark is not the item's.
    let list = crate::core::text::without_closing_citations(&rest[..end])
        .trim_end_matches(['.', '!', '?']);
    split_on(list, &COMMA)
        .map(|part| item_head(part, capitals))
        .flat_map(|part| split_on(part, &AND).flat_map(|p| split_on(p, &OR)))
        .filter_map(clean_item)
        .filter_map(|item| Some((CompactString::from(item), class_of(item)?)))
        .collect()
}

/// The separators and words that join and qualify list items, each
/// searched for with a searcher built once: `str::split(" and ")` built one
/// per item, a few percent of the timeline.
static AND: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" and "));
static OR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" or "));
static COMMA: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(", "));
static SUCH_AS: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" such as "));
static TO: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" to "));
static ON: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" on "));

/// `text` split where `separator` stands, as `str::split` would.
fn split_on<'t>(
    text: &'t str,
    separator: &'static Finder<'static>,
) -> impl Iterator<Item = &'t str> {
    let mut from = 0;
    let mut found = separator.find_iter(text.as_bytes());
    std::iter::from_fn(move || {
        let start = from;
        match found.next() {
            Some(at) => {
                from = at + separator.needle().len();
                Some(&text[start..at])
            }
            None if from <= text.len() => {
                from = text.len() + 1;
                Some(&text[start..])
            }
            None => None,
        }
    })
}

/// Is the verb that follows `before` negated ("hasn't", "did not", "never")?
fn negated(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    words.iter().any(|w| {
        ends_with_ignore_ascii_case(w, "n't")
            || ends_with_ignore_ascii_case(w, "n’t")
            || ["not", "never", "no", "nor", "neither"]
                .iter()
                .any(|n| w.eq_ignore_ascii_case(n))
    })
}

/// Cuts a list part to its head: "tents for displaced families" → "tents".
fn item_head(part: &str, capitals: bool) -> &str {
    // What follows an item's name: its purpose, a clause, or when it was
    // given ("generators since 2022").
    const CUTS: [&str; 13] = [
        " for ",
        " to help",
        " that ",
        " which ",
        " in ",
        " from ",
        " through ",
        " to keep",
        " since ",
        " until ",
        " during ",
        " last ",
        " earlier ",
    ];
    // "equipment such as helmets": the examples are the items given.
    let part = SUCH_AS
        .find(part.as_bytes())
        .map_or(part, |at| &part[at + SUCH_AS.needle().len()..]);
    // Most parts ("drones", "body armor") hold none: one pass says so.
    static ANY_CUT: LazyLock<AhoCorasick> =
        LazyLock::new(|| AhoCorasick::new(CUTS).expect("the cuts are plain strings"));
    // Each cut's searcher built once: `str::find` built one per cut and
    // part, about 1 % of the timeline's time on 100 MB.
    static CUT_FINDERS: LazyLock<Vec<Finder<'static>>> =
        LazyLock::new(|| CUTS.iter().map(Finder::new).collect());
    let mut item = part;
    if ANY_CUT.is_match(part) {
        for cut in CUT_FINDERS.iter() {
            if let Some(at) = cut.find(item.as_bytes()) {
                item = &item[..at];
            }
        }
    }
    match recipient_or_date(item, capitals) {
        Some(at) => &item[..at],
        None => item,
    }
}

/// Where an item's recipient or date begins: " to Kyiv", " to the Ukrainian
/// army", " on 1 March". A capitalised word after "to" names a recipient,
/// unless it is an acronym: "access to SAR satellite data" stays whole.
fn recipient_or_date(item: &str, capitals: bool) -> Option<usize> {
    let to = TO.find_iter(item.as_bytes()).find(|&at| {
        let rest = &item[at + " to ".len()..];
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        let word = rest
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().any(char::is_lowercase);
        capitals || capitalised || KNOWN_RECIPIENTS.contains(&word.to_lowercase().as_str())
    });
    let on = ON.find_iter(item.as_bytes()).find(|&at| {
        item[at + " on ".len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
    });
    to.into_iter().chain(on).min()
}

/// The class an item belongs to by its words, if any.
fn class_of(item: &str) -> Option<EventClass> {
    // All classes' words in one search; the earliest class with a hit wins.
    static WORDS: LazyLock<(AhoCorasick, Vec<usize>)> = LazyLock::new(|| {
        let (patterns, classes): (Vec<&str>, Vec<usize>) = CLASS_WORDS
            .iter()
            .enumerate()
            .flat_map(|(i, (_, words))| words.iter().map(move |w| (*w, i)))
            .unzip();
        let search = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("class words are plain strings");
        (search, classes)
    });
    let (search, classes) = &*WORDS;
    padded(item, |text| {
        search
            .find_overlapping_iter(text)
            .map(|m| classes[m.pattern().as_usize()])
            .min()
            .map(|i| CLASS_WORDS[i].0)
    })
}

/// `f` of " {text} ", written in a buffer the thread keeps: a copy made
/// for each sentence and item was an allocation and a free each time.
/// `f` must not pad another text (the buffer is in use).
fn padded<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static PADDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    PADDED.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.push(' ');
        buffer.push_str(text);
        buffer.push(' ');
        f(buffer)
    })
}

fn clean_item(part: &str) -> Option<&str> {
    let mut item = part.trim();
    for lead in [
        "and ",
        "or ",
        "even ",
        "also ",
        "the ",
        "a ",
        "an ",
        "some ",
        "more than ",
        "over ",
        "more ",
        "to that ",
        "along with ",
        "as well as ",
        "including ",
        "plus ",
    ] {
        if let Some(rest) = item.strip_prefix(lead) {
            item = rest.trim_start();
        }
    }
    let item = item.trim().trim_end_matches([',', '.']);
    let words = item.split_whitespace().count();
    ((1..=6).contains(&words)).then_some(item)
}

/// The subject at the start of a sentence, when it is a country or capital-like
/// proper noun ("Japan", "Tokyo", "The European Union"): not a label ("Note:"),
/// a function word ("For a government…"), a demonym ("Japanese prime
/// ministers") or people named by their role ("Officials").
fn actor(sentence: &str) -> Option<String> {
    let first = sentence.split_whitespace().next()?;
    if first.ends_with(':') {
        return None;
    }
    let mut words = Vec::new();
    for word in sentence.split_whitespace() {
        let bare = word.trim_end_matches([',', ':', '.']);
        let bare = bare
            .strip_suffix("’s")
            .or_else(|| bare.strip_suffix("'s"))
            .unwrap_or(bare);
        if bare.chars().next().is_some_and(char::is_uppercase) && words.len() < 4 {
            words.push(bare);
            if bare.len() != word.len() {
                break;
            }
        } else {
            break;
        }
    }
    // "The European Union", "The JSDF": the article is not part of the
    // name. One word after it is more often a thing's name ("The Estlink
    // cable") than an actor's, unless it is an acronym.
    if words.len() > 1 && words[0] == "The" {
        words.remove(0);
        let acronym = |w: &str| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        };
        if words.len() == 1 && !acronym(words[0]) {
            return None;
        }
    }
    let skip = [
        "This",
        "That",
        "These",
        "Those",
        "It",
        "They",
        "The",
        "So",
        "And",
        "But",
        "Since",
        "In",
        "On",
        "If",
        "Add",
        "A",
        "An",
        "For",
        "At",
        "By",
        "As",
        "With",
        "From",
        "After",
        "Before",
        "When",
        "While",
        "Although",
        "Here",
        "There",
        "Now",
        "Then",
        "Yet",
        "Still",
        "Also",
        "Even",
        "Only",
        "Once",
        "Today",
        "We",
        "He",
        "She",
        "I",
        "You",
        "Its",
        "Their",
        "Our",
        "What",
        "Why",
        "How",
        "Officials",
        "Commentators",
        "Analysts",
        "Critics",
        "Experts",
        "Diplomats",
        "Leaders",
        "Donors",
        "Allies",
        "Lawmakers",
        "Ministers",
        "Observers",
        "Sources",
        "Residents",
        "Troops",
        "Soldiers",
        "Researchers",
        "Authorities",
        "Readers",
    ];
    let demonym =
        |w: &str| words.len() == 1 && ["ese", "ian", "ish"].iter().any(|e| w.ends_with(e));
    match words.first() {
        Some(first)
            if !skip.contains(first) && !demonym(first) && !opens_with_participle(sentence) =>
        {
            Some(words.join(" "))
        }
        _ => None,
    }
}

/// "Speaking at the conference, …", "According to the ministry, …": a
/// sentence opened by a participle, what it governs and a comma has its
/// subject after the comma. A place ending in "-ing" is the subject itself
/// ("Beijing on Monday sent …").
fn opens_with_participle(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    let (Some(first), Some(next)) = (words.next(), words.next()) else {
        return false;
    };
    const GOVERNED: [&str; 14] = [
        "at", "to", "in", "on", "with", "from", "for", "after", "about", "the", "a", "an", "his",
        "her",
    ];
    const PLACES: [&str; 7] = [
        "Beijing",
        "Nanjing",
        "Chongqing",
        "Kunming",
        "Xining",
        "Wyoming",
        "Reading",
    ];
    first.len() > 4
        && first.ends_with("ing")
        && GOVERNED.contains(&next)
        && !PLACES.contains(&first)
        && sentence[first.len()..].contains(", ")
}

/// The sentence after the words of its subject.
fn after<'a>(sentence: &'a str, subject: &str) -> &'a str {
    sentence
        .find(subject)
        .map_or(sentence, |at| &sentence[at + subject.len()..])
}

/// Whether what follows a sentence's subject says it was given something:
/// "has received", "was given", "got".
fn receives(after_subject: &str) -> bool {
    let mut words = after_subject.split_whitespace().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    });
    let mut word = words.next();
    let auxiliaries = [
        "has", "have", "had", "will", "is", "are", "was", "were", "also",
    ];
    while word.as_deref().is_some_and(|w| auxiliaries.contains(&w)) {
        word = words.next();
    }
    let Some(word) = word else {
        return false;
    };
    word.starts_with("receiv")
        || word == "got"
        || word == "obtained"
        || (word == "been" && words.next().as_deref() == Some("given"))
        || word == "given"
}

/// Common recipients of aid in the news; others stay unnamed rather than guessed.
const KNOWN_RECIPIENTS: &[&str] = &[
    "ukraine",
    "kyiv",
    "gaza",
    "sudan",
    "syria",
    "yemen",
    "afghanistan",
    "haiti",
    "israel",
    "taiwan",
    "moldova",
    "georgia",
    "lebanon",
    "somalia",
    "ethiopia",
    "myanmar",
    "philippines",
    "poland",
    "jordan",
    "iraq",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence read as in a short text.
    fn analyse(sentence: &str) -> Analysis {
        Analyser::for_text_len(0).analyse(sentence)
    }

    proptest::proptest! {
        /// Items are split as `str::split` splits them.
        #[test]
        fn splitting_on_a_searcher_is_splitting_on_the_string(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![" and ", " or ", "and", "or", " ", "a", "d "]),
                0..8,
            ),
        ) {
            let text = pieces.concat();
            for (finder, separator) in [(&AND, " and "), (&OR, " or ")] {
                let ours: Vec<&str> = split_on(&text, finder).collect();
                let std: Vec<&str> = text.split(separator).collect();
                proptest::prop_assert_eq!(ours, std);
            }
        }
    }

    #[test]
    fn a_sentence_in_capitals_lists_its_items() {
        let items = |s: &str| analyse(s).parties.items;
        assert_eq!(
            items("CANADA SHIPPED BODY ARMOR AND HELMETS TO THE UKRAINIAN ARMY."),
            ["body armor", "helmets"]
        );
        // Mixed case is read as written: "to SAR" names no recipient.
        assert_eq!(
            items("Japan shipped drones and even access to SAR satellite data."),
            ["drones", "access to SAR satellite data"]
        );
    }

    #[test]
    fn items_end_where_their_recipient_or_date_begins() {
        let items = |s: &str| analyse(s).parties.items;
        assert_eq!(items("Germany sent tents to Ukraine."), ["tents"]);
        assert_eq!(
            items("Japan delivered generators and water purifiers to Kyiv."),
            ["generators", "water purifiers"]
        );
        assert_eq!(
            items("Canada shipped body armor and helmets to the Ukrainian army."),
            ["body armor", "helmets"]
        );
        assert_eq!(
            items("The government sent drones to Ukraine on 1 March 2024."),
            ["drones"]
        );
        assert_eq!(items("Norway sent drones on Monday."), ["drones"]);
        // A capitalised acronym is part of the item, not its recipient.
        assert_eq!(
            items("Tokyo has provided access to SAR satellite data."),
            ["access to SAR satellite data"]
        );
    }

    /// The verbs a search per verb finds: the reference for the one-pass search.
    fn verbs_one_by_one(sentence: &str) -> Vec<(usize, &'static str)> {
        let lower = sentence.to_ascii_lowercase();
        let mut verbs: Vec<_> = GIVING
            .iter()
            .filter_map(|v| find_word(&lower, v).map(|p| (p, *v)))
            .collect();
        verbs.sort_unstable();
        verbs
    }

    fn find_word(text: &str, word: &str) -> Option<usize> {
        let mut from = 0;
        while let Some(i) = text[from..].find(word) {
            let at = from + i;
            if at == 0
                || !text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                return Some(at);
            }
            from = at + word.len();
        }
        None
    }

    #[test]
    fn one_pass_finds_the_verbs_a_search_per_verb_finds() {
        let articles = [
            include_str!("../../../assets/articles/japan-ukraine-aid.txt"),
            include_str!("../../../assets/articles/baltic-undersea-cables.txt"),
            include_str!("../../../assets/articles/sudan-food-aid.txt"),
            include_str!("../../../assets/articles/arctic-shipping-routes.txt"),
        ];
        let mut checked = 0;
        for text in articles {
            for sentence in text.split(['.', '\n']) {
                let one_pass = Cues::of(&SMALL_CUES, sentence).verbs;
                checked += usize::from(!one_pass.is_empty());
                assert_eq!(one_pass, verbs_one_by_one(sentence), "{sentence}");
            }
        }
        assert!(checked > 10, "only {checked} sentences with a giving verb");
    }

    #[test]
    fn short_and_long_texts_read_a_sentence_alike() {
        let articles = [
            include_str!("../../../assets/articles/japan-ukraine-aid.txt"),
            include_str!("../../../assets/articles/sudan-food-aid.txt"),
        ];
        let mut aid = 0;
        for text in articles {
            for sentence in text.split(['.', '\n']) {
                let short = Analyser::for_text_len(1).analyse(sentence);
                let long = Analyser::for_text_len(100 << 20).analyse(sentence);
                aid += usize::from(short.is_aid());
                assert_eq!(short, long, "{sentence}");
            }
        }
        assert!(aid > 5, "only {aid} aid sentences");
        assert!(!std::ptr::eq(
            Analyser::for_text_len(1).0,
            Analyser::for_text_len(100 << 20).0
        ));
    }

    #[test]
    fn items_named_with_their_use_keep_their_class() {
        let a = analyse("Japan sent generators and drone detection systems.");
        assert_eq!(a.parties.items, ["generators", "drone detection systems"]);
        assert_eq!(
            class_of("drone detection systems"),
            Some(EventClass::MilitaryNonLethal)
        );
        assert_eq!(class_of("air defence systems"), Some(EventClass::Military));
        assert_eq!(class_of("an ambulance"), Some(EventClass::Humanitarian));
        assert_eq!(class_of("diesel fuel"), Some(EventClass::Humanitarian));
    }

    #[test]
    fn curly_apostrophes_do_not_shift_the_items() {
        let a = analyse("Japan’s government sent drones, generators and tents.");
        assert_eq!(a.parties.items, ["drones", "generators", "tents"]);
        // Many of them before the verb, with wide characters around: the
        // cut must stay on the verb, never inside a character.
        let a = analyse("’’’ 日本日本 ’’ the ministry’s team sent drones and radios.");
        assert_eq!(a.parties.items, ["drones", "radios"]);
        assert!(analyse("Japan hasn’t sent tanks.").parties.items.is_empty());
    }

    #[test]
    fn the_quick_gate_lets_every_aid_sentence_through() {
        let articles = [
            include_str!("../../../assets/articles/japan-ukraine-aid.txt"),
            include_str!("../../../assets/articles/sudan-food-aid.txt"),
        ];
        let (mut aid, mut shut) = (0, 0);
        for text in articles {
            for sentence in text.split(['.', '\n']) {
                let gives = !Cues::of(&SMALL_CUES, sentence).verbs.is_empty();
                assert_eq!(might_give(sentence), gives, "{sentence}");
                aid += usize::from(gives && !analyse(sentence).parties.items.is_empty());
                shut += usize::from(!gives);
            }
        }
        assert!(
            aid > 3 && shut > 20,
            "{aid} aid sentences, {shut} turned away"
        );
        // Word starts only, in any case.
        assert!(might_give("Sent on Monday: drones"));
        assert!(!might_give("They resent the delay"));
    }

    #[test]
    fn a_recipient_right_after_the_verb_is_no_item() {
        let a = analyse(
            "Japan has sent Ukraine non-lethal equipment such as helmets, body armour and generators since 2022, along with mine-clearing machines.",
        );
        assert_eq!(
            a.parties.items,
            [
                "helmets",
                "body armour",
                "generators",
                "mine-clearing machines"
            ]
        );
        assert_eq!(a.parties.recipient.as_deref(), Some("Ukraine"));
        let a = analyse("In 2023 Germany supplied Kyiv with generators and tents.");
        assert_eq!(a.parties.items, ["generators", "tents"]);
        assert_eq!(a.parties.recipient.as_deref(), Some("Kyiv"));
        // A possessive starts the list; a lowercase word is no name.
        let a = analyse("In 2023 Japan sent Ukraine’s army helmets.");
        assert_eq!(a.parties.items, ["Ukraine’s army helmets"]);
        let a = analyse("In 2023 Japan sent georgia helmets.");
        assert_eq!(a.parties.items, ["georgia helmets"]);
    }

    #[test]
    fn a_pledge_in_the_future_tense_lists_its_items() {
        let a = analyse("On Monday Japan will send Ukraine mine detectors and generators.");
        assert_eq!(a.parties.items, ["mine detectors", "generators"]);
        assert_eq!(a.parties.recipient.as_deref(), Some("Ukraine"));
        let a = analyse("Japan will give Ukraine a further $4.5 billion, its prime minister said.");
        assert_eq!(a.class, EventClass::Financial);
        // Not what was not pledged, nor a speech.
        assert!(
            analyse("Japan will not send tanks.")
                .parties
                .items
                .is_empty()
        );
        assert_eq!(
            analyse("The minister will give a speech on Monday.").class,
            EventClass::Other
        );
    }

    #[test]
    fn a_participle_opening_a_sentence_is_no_actor() {
        let a = analyse("Speaking at the summit on Monday, the minister pledged more aid.");
        assert_eq!(a.parties.actor, None);
        let a = analyse("According to the ministry, Japan sent tents in 2023.");
        assert_eq!(a.parties.actor, None);
        // A capital whose name ends in "-ing" is still one.
        let a = analyse("Beijing sent tents to Syria in 2023.");
        assert_eq!(a.parties.actor.as_deref(), Some("Beijing"));
        let a = analyse("Beijing on Monday sent tents to Syria, its ministry said.");
        assert_eq!(a.parties.actor.as_deref(), Some("Beijing"));
        // Without the comma that closes an opening phrase, the word is read
        // as a name.
        let a = analyse("Harding at the time sent tents to Syria.");
        assert_eq!(a.parties.actor.as_deref(), Some("Harding"));
    }

    #[test]
    fn a_contrast_ends_the_list() {
        let a = analyse(
            "Japan has supplied generators, body armour and helmets but, bound by its constitution, no weapons.",
        );
        assert_eq!(
            a.parties.items,
            vec!["generators", "body armour", "helmets"]
        );
    }

    #[test]
    fn shipments_list_their_items() {
        let a = analyse(
            "Tokyo has since shipped drones, body armor, winter kits, and even access to radar data.",
        );
        assert_eq!(
            a.parties.items,
            vec![
                "drones",
                "body armor",
                "winter kits",
                "access to radar data"
            ]
        );
        assert_eq!(a.class, EventClass::MilitaryNonLethal);
        assert_eq!(a.parties.actor.as_deref(), Some("Tokyo"));
        // A footnote's mark closing the sentence is no part of the last item.
        let a = analyse("Tokyo has shipped drones and body armor.[1]");
        assert_eq!(a.parties.items, vec!["drones", "body armor"]);
    }

    #[test]
    fn the_actor_is_a_named_subject() {
        let actor = |s: &str| analyse(s).parties.actor.map(|a| a.to_string());
        assert_eq!(actor("Britain sent tanks in 2023."), Some("Britain".into()));
        assert_eq!(
            actor("The European Union sent tents to Syria."),
            Some("European Union".into())
        );
        assert_eq!(actor("The JSDF sent tents."), Some("JSDF".into()));
        assert_eq!(actor("The Estlink cable failed in 2023."), None);
        assert_eq!(
            actor("Prime Minister Aiko Mori signed the pact in 2024."),
            Some("Prime Minister Aiko Mori".into())
        );
        for sentence in [
            "Note: readers asked about the 1991 lesson.",
            "For a government that moves slowly, the 2025 statement was direct.",
            "Officials who were junior in 1991 are senior now.",
            "Japanese prime ministers attended summits from 2022.",
            "A Ukrainian deminer sweeps a field in 2024.",
        ] {
            assert_eq!(actor(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn a_subject_that_receives_is_the_recipient() {
        let a = analyse("Kyiv has received further body armor and winter kits.");
        assert_eq!(a.parties.actor, None);
        assert_eq!(a.parties.recipient.as_deref(), Some("Kyiv"));
        let a = analyse("Moldova was given tents and generators in 2023.");
        assert_eq!(a.parties.actor, None);
        assert_eq!(a.parties.recipient.as_deref(), Some("Moldova"));
        let a = analyse("Tokyo has sent drones to Kyiv.");
        assert_eq!(a.parties.actor.as_deref(), Some("Tokyo"));
        assert_eq!(a.parties.recipient.as_deref(), Some("Kyiv"));
    }

    #[test]
    fn pacts_are_agreements() {
        let a = analyse(
            "Japan signed a ten-year pact with Ukraine, covering non-lethal aid and reconstruction.",
        );
        assert_eq!(a.class, EventClass::Agreement);
        assert_eq!(a.parties.recipient.as_deref(), Some("Ukraine"));
        assert_eq!(a.parties.items, vec!["non-lethal aid", "reconstruction"]);
    }

    #[test]
    fn continuation_is_flagged() {
        let a = analyse("These include tents for families and medical supplies.");
        assert!(a.continues_previous);
        assert_eq!(a.class, EventClass::Humanitarian);
    }

    #[test]
    fn a_block_mentions_giving_wherever_a_sentence_might_give() {
        let block = "Talks went on. Japan sent tents. It resent the letter.";
        assert!(mentions_giving(block));
        for sentence in ["Japan sent tents.", "Sent tents went out."] {
            assert!(might_give(sentence) && mentions_giving(sentence));
        }
        // Not at a word start: mentioned, though no sentence gives.
        assert!(!might_give("It resent the letter.") && mentions_giving("It resent the letter."));
        assert!(!mentions_giving("Talks went on all week."));
    }

    #[test]
    fn cues_are_found_in_any_case() {
        let a = analyse("Tokyo SENT drones and tents to UKRAINE.");
        assert_eq!(a.parties.items, ["drones", "tents"]);
        assert_eq!(a.parties.recipient.as_deref(), Some("Ukraine"));
        assert!(analyse("Never sent: tanks.").parties.items.is_empty());
        assert!(
            analyse("Tokyo DIDN'T send tanks, it NEVER sent jets.")
                .parties
                .items
                .is_empty()
        );
        assert!(analyse("THESE INCLUDE tents.").continues_previous);
        assert_eq!(analyse("Japan SIGNED a PACT.").class, EventClass::Agreement);
    }

    #[test]
    fn the_recipient_is_a_whole_word_after_to_before_for_before_with() {
        let who = |s: &str| analyse(s).parties.recipient;
        assert_eq!(
            who("Aid for Sudan and help to Gaza.").as_deref(),
            Some("Gaza")
        );
        assert_eq!(
            who("Talks with Syria, then aid for Yemen.").as_deref(),
            Some("Yemen")
        );
        assert_eq!(
            who("Tents went to Georgians, with Moldova watching.").as_deref(),
            Some("Moldova")
        );
        assert_eq!(
            who("Tents went to Ukraine’s army.").as_deref(),
            Some("Ukraine")
        );
        assert_eq!(who("A verb at the end was sent"), None);
    }

    #[test]
    fn plain_statements_are_not_aid() {
        assert_eq!(
            analyse("The minister said the weather was cold.").class,
            EventClass::Other
        );
        assert_eq!(
            analyse("The premier said Japan is prepared to join security guarantees.").class,
            EventClass::Statement
        );
    }
}
