//! The article model: what every parser produces and every view reads.
//!
//! Offsets in [`Span`] are character offsets (Unicode scalar values, end-exclusive)
//! into a block's text, so the JSON export is meaningful outside Rust.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One article, ready to read: cleaned text blocks plus what gloss derived from them.
/// Serialized by hand: each timeline event is written with its label, which
/// is not stored but made from the event's sentence.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Article {
    pub meta: Meta,
    /// Shared, not copied, with the thread that builds the glossary and
    /// timeline: on a 100 MB document a copy would cost another 100 MB.
    pub blocks: Arc<Vec<Block>>,
    #[serde(default)]
    pub glossary: Vec<GlossaryEntry>,
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
}

impl Serialize for Article {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};

        struct Labelled<'a> {
            article: &'a Article,
        }
        impl Serialize for Labelled<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #[derive(Serialize)]
                struct Event<'a> {
                    #[serde(flatten)]
                    event: &'a TimelineEvent,
                    label: String,
                }
                let timeline = &self.article.timeline;
                let mut seq = serializer.serialize_seq(Some(timeline.len()))?;
                for event in timeline {
                    let label = crate::core::timeline::event_label(event, &self.article.blocks);
                    seq.serialize_element(&Event { event, label })?;
                }
                seq.end()
            }
        }

        let mut article = serializer.serialize_struct("Article", 4)?;
        article.serialize_field("meta", &self.meta)?;
        article.serialize_field("blocks", &*self.blocks)?;
        article.serialize_field("glossary", &self.glossary)?;
        article.serialize_field("timeline", &Labelled { article: self })?;
        article.end()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// ISO 8601 date (`2025-08-27`) or date-time, when the source states one;
    /// a book's original publication may give only a year (`1904`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Where the article was read from (a path, `-` for stdin, `bundled:NAME`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default)]
    pub format: Format,
    /// The text stops at a paywall or "read more" cut-off.
    #[serde(default)]
    pub truncated: bool,
    /// What was read holds only the start of the text, an excerpt a feed
    /// gives ("… \[…\]", "Continue reading →"), not a paywall's cut.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excerpt: bool,
    /// The post was marked as for paying subscribers.
    #[serde(default)]
    pub paid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engagement: Option<Engagement>,
    /// Where a truncated article continues (subscribe page), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Things the reader should know about how the text was read
    /// ("invalid UTF-8 replaced", "empty file").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<String>,
    /// Links found in a Markdown or HTML text, in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// The feed an article came from (its title), so the library can group them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

impl Meta {
    /// The title to show: the article's own, else its file name (a README
    /// that opens with badges has no heading), else "Untitled".
    pub fn display_title(&self) -> &str {
        let file_name = || {
            let source = self.source.as_deref().filter(|s| *s != "-")?;
            source
                .rsplit(['/', '\\', ':'])
                .find(|part| !part.is_empty())
        };
        self.title
            .as_deref()
            .or_else(file_name)
            .unwrap_or("Untitled")
    }
}

/// A link's text and target, as the source wrote them (sanitized).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Like / comment / restack counts as shown under a newsletter post's byline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Engagement {
    pub likes: u64,
    pub comments: u64,
    pub restacks: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    PlainText,
    Markdown,
    Html,
    Feed,
    /// An email or a page saved as one file (MIME): its body is read as a
    /// page or as text.
    Message,
    /// An Org mode note (Emacs).
    Org,
    /// An EPUB book: its chapters in reading order.
    Epub,
    GlossJson,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::PlainText => "plain text",
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Feed => "feed",
            Format::Message => "email or saved page",
            Format::Org => "Org",
            Format::Epub => "EPUB",
            Format::GlossJson => "gloss JSON",
        }
    }
}

/// Stable index of a block within its article.
pub type BlockId = u32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub id: BlockId,
    #[serde(flatten)]
    pub kind: BlockKind,
    pub text: BlockText,
}

impl Block {
    /// Plain paragraphs numbered from 0: blocks for text a caller holds as
    /// paragraphs rather than as a parsed document.
    pub fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                id: i as BlockId,
                kind: BlockKind::Paragraph,
                text: (*t).into(),
            })
            .collect()
    }
}

// A large document has hundreds of thousands of blocks: their size is
// memory budget, checked when compiling.
const _: () = assert!(std::mem::size_of::<Block>() <= 48);

/// Bytes of text in `blocks`: what decides how a document is worked on
/// (threads, previews, reservations).
pub fn text_len(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.len()).sum()
}

/// A block's text: its own string, or a range of a buffer that all blocks of
/// a large plain-text document share, so that document's text is held once
/// instead of once whole and again in 300,000 small strings.
#[derive(Clone)]
pub struct BlockText(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Own {
        text: Box<str>,
        ascii: bool,
    },
    Shared {
        buffer: Arc<String>,
        start: u32,
        end: u32,
        ascii: bool,
    },
}

impl BlockText {
    /// `buffer[range]`, without copying it; `range` must lie on character
    /// boundaries (it is copied instead when it does not, or when the
    /// buffer is too large for 32-bit offsets).
    pub fn shared(buffer: &Arc<String>, range: std::ops::Range<usize>) -> BlockText {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if buffer.get(range.clone()).is_some() => {
                BlockText(TextRepr::Shared {
                    buffer: Arc::clone(buffer),
                    start,
                    end,
                    ascii: buffer[range].is_ascii(),
                })
            }
            _ => BlockText::from(buffer.get(range).unwrap_or_default()),
        }
    }

    /// [`BlockText::shared`] for a caller that has just told, while the
    /// text was in the cache, that `range` lies on character boundaries of
    /// `buffer` and whether its text is ASCII. (Were it wrong, reading the
    /// text would panic: it is sliced with checks.)
    pub(crate) fn shared_on_boundaries(
        buffer: &Arc<String>,
        range: std::ops::Range<usize>,
        ascii: bool,
    ) -> BlockText {
        debug_assert!(
            buffer
                .get(range.clone())
                .is_some_and(|text| text.is_ascii() == ascii)
        );
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) if range.end <= buffer.len() => BlockText(TextRepr::Shared {
                buffer: Arc::clone(buffer),
                start,
                end,
                ascii,
            }),
            _ => BlockText::shared(buffer, range),
        }
    }

    /// [`crate::core::text::byte_offset`] in this text, at once when the
    /// text is ASCII (known from when it was made).
    pub fn byte_offset(&self, chars: usize) -> usize {
        match self.0 {
            TextRepr::Own { ascii: true, .. } | TextRepr::Shared { ascii: true, .. } => {
                chars.min(self.len())
            }
            _ => crate::core::text::byte_offset(self, chars),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Own { text, .. } => text,
            TextRepr::Shared {
                buffer, start, end, ..
            } => &buffer[*start as usize..*end as usize],
        }
    }
}

impl Default for BlockText {
    fn default() -> Self {
        BlockText(TextRepr::Own {
            text: Box::default(),
            ascii: true,
        })
    }
}

impl std::ops::Deref for BlockText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for BlockText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for BlockText {
    fn from(text: String) -> Self {
        let ascii = text.is_ascii();
        BlockText(TextRepr::Own {
            text: text.into_boxed_str(),
            ascii,
        })
    }
}

impl From<&str> for BlockText {
    fn from(text: &str) -> Self {
        BlockText(TextRepr::Own {
            ascii: text.is_ascii(),
            text: text.into(),
        })
    }
}

impl PartialEq for BlockText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for BlockText {}

impl PartialEq<str> for BlockText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for BlockText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for BlockText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for BlockText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for BlockText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for BlockText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for BlockText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(BlockText::from)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    /// Boxed: captions are few, and their two strings would otherwise make
    /// every block of a large document 32 bytes bigger.
    Caption(Box<Attribution>),
    Note,
    Quote,
    ListItem {
        /// The item's number in an ordered list.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<u32>,
        #[serde(default)]
        depth: u8,
    },
    Code,
}

impl BlockKind {
    pub fn is_heading(&self) -> bool {
        matches!(self, BlockKind::Heading { .. })
    }

    pub fn caption(credit: Option<String>, license: Option<String>) -> BlockKind {
        BlockKind::Caption(Box::new(Attribution { credit, license }))
    }

    /// A caption's credit and licence; none for other blocks.
    pub fn attribution(&self) -> Option<&Attribution> {
        match self {
            BlockKind::Caption(attribution) => Some(attribution),
            _ => None,
        }
    }
}

/// Who a captioned picture is by, and under which licence.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// A range of characters in one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub block: BlockId,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrySource {
    /// Defined by the article itself.
    Article,
    /// From gloss's bundled glossary.
    Bundled,
    /// The reader's own note.
    User,
}

impl EntrySource {
    /// How a definition that another overrides is introduced beside it, in
    /// the reader's popup and in `gloss dump`.
    pub fn see_also_label(self) -> &'static str {
        match self {
            EntrySource::Bundled => "gloss glossary",
            EntrySource::User => "your note",
            EntrySource::Article => "this article",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An explained term ("X refers to ...").
    Definition,
    /// A short form with its expansion ("Synthetic Aperture Radar (SAR)").
    Acronym,
    /// An entry from a glossary file (bundled or user).
    Reference,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub term: String,
    pub definition: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The long form of an acronym as the text wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expansion: Option<String>,
    pub source: EntrySource,
    pub kind: EntryKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Where the article defines the term, for article entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defined_at: Option<Span>,
    /// Other explanations of the same term (a bundled one when the article defines it too).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<OtherDefinition>,
    #[serde(default)]
    pub occurrences: Vec<Span>,
}

impl GlossaryEntry {
    /// The term, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherDefinition {
    pub source: EntrySource,
    pub definition: String,
}

/// How exactly a timeline date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Year,
    Decade,
    Range,
    /// "since 2022": from a date onwards.
    OpenEnded,
    /// A relative expression with no publication date to anchor it.
    Unanchored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventClass {
    MilitaryNonLethal,
    Military,
    Humanitarian,
    Intelligence,
    Financial,
    Agreement,
    Statement,
    Other,
}

impl EventClass {
    pub fn is_aid(self) -> bool {
        matches!(
            self,
            EventClass::MilitaryNonLethal
                | EventClass::Military
                | EventClass::Humanitarian
                | EventClass::Intelligence
                | EventClass::Financial
                | EventClass::Agreement
                | EventClass::Statement
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            EventClass::MilitaryNonLethal => "non-lethal military",
            EventClass::Military => "military",
            EventClass::Humanitarian => "humanitarian",
            EventClass::Intelligence => "intelligence/data",
            EventClass::Financial => "financial",
            EventClass::Agreement => "agreement",
            EventClass::Statement => "statement",
            EventClass::Other => "event",
        }
    }
}

/// One dated event. A large document has hundreds of thousands of them, so
/// the in-memory shape is compact (56 bytes, checked when compiling): the
/// date's value and expression are short, so one `CompactString` holds both
/// inline ("2025-W35" then "this week"); the sort key is a date rather than
/// its text; and who gave what to whom, which most events lack and the rest
/// mostly repeat ("Japan"), is behind a pointer that events with the same
/// parties share. The JSON shape is the flat record `EventRecord`
/// describes.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "EventRecord")]
pub struct TimelineEvent {
    /// The value, then the expression: see [`Self::value`], [`Self::expression`].
    date_text: CompactString,
    value_len: u16,
    parties: Option<Arc<Parties>>,
    /// The sentence the event came from.
    pub source: Span,
    /// First day the date covers, for sorting; none when unanchored.
    pub sort_key: Option<jiff::civil::Date>,
    pub precision: Precision,
    pub class: EventClass,
    /// Dated from context rather than by its own time expression.
    pub inferred: bool,
}

const _: () = assert!(std::mem::size_of::<TimelineEvent>() <= 56);

/// What was given or agreed, by whom, to whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Parties {
    pub items: Vec<CompactString>,
    pub actor: Option<CompactString>,
    pub recipient: Option<CompactString>,
}

impl Parties {
    pub fn is_empty(&self) -> bool {
        *self == Parties::default()
    }
}

impl TimelineEvent {
    /// An event without items, actor or recipient (see [`Self::with_parties`]).
    pub fn new(
        value: &str,
        expression: &str,
        precision: Precision,
        sort_key: Option<jiff::civil::Date>,
        class: EventClass,
        source: Span,
    ) -> TimelineEvent {
        // Values are a few characters; an absurd one (from a hand-made
        // file) is cut to what the length field holds.
        let mut value_len = value.len().min(usize::from(u16::MAX));
        while !value.is_char_boundary(value_len) {
            value_len -= 1;
        }
        let mut date_text = CompactString::with_capacity(value_len + expression.len());
        date_text.push_str(&value[..value_len]);
        date_text.push_str(expression);
        TimelineEvent {
            date_text,
            value_len: value_len as u16,
            parties: None,
            source,
            sort_key,
            precision,
            class,
            inferred: false,
        }
    }

    /// TIMEX3 value of the date (`2023`, `2025-W35`, `2025-06-06`).
    pub fn value(&self) -> &str {
        &self.date_text[..usize::from(self.value_len)]
    }

    /// The time expression as written ("this week").
    pub fn expression(&self) -> &str {
        &self.date_text[usize::from(self.value_len)..]
    }

    /// What was given or agreed, when the event is aid or a commitment.
    pub fn items(&self) -> &[CompactString] {
        self.parties.as_deref().map_or(&[], |p| &p.items)
    }

    /// Who gave or agreed: a named subject of the sentence.
    pub fn actor(&self) -> Option<&str> {
        self.parties.as_deref()?.actor.as_deref()
    }

    /// Who received.
    pub fn recipient(&self) -> Option<&str> {
        self.parties.as_deref()?.recipient.as_deref()
    }

    /// The event with these parties (none for empty ones), perhaps shared
    /// with other events.
    pub fn with_parties(mut self, parties: Option<Arc<Parties>>) -> TimelineEvent {
        self.parties = parties.filter(|p| !p.is_empty());
        self
    }

    #[cfg(test)]
    pub(crate) fn shared_parties(&self) -> Option<&Arc<Parties>> {
        self.parties.as_ref()
    }

    /// Adds an item unless the event lists it already (the event's own
    /// copy of its parties from then on).
    pub fn add_item(&mut self, item: CompactString) {
        let parties = Arc::make_mut(self.parties.get_or_insert_with(Arc::default));
        if !parties.items.contains(&item) {
            parties.items.push(item);
        }
    }
}

/// A timeline event as JSON: flat, with the sort key as an ISO 8601 date.
#[derive(Serialize, Deserialize)]
struct EventRecord {
    value: CompactString,
    precision: Precision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sort_key: Option<CompactString>,
    expression: CompactString,
    class: EventClass,
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    items: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recipient: Option<CompactString>,
    #[serde(default)]
    inferred: bool,
    source: Span,
}

impl Serialize for TimelineEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EventRecord {
            value: self.value().into(),
            precision: self.precision,
            sort_key: self.sort_key.map(|d| compact_str::format_compact!("{d}")),
            expression: self.expression().into(),
            class: self.class,
            items: self.items().to_vec(),
            actor: self.actor().map(CompactString::from),
            recipient: self.recipient().map(CompactString::from),
            inferred: self.inferred,
            source: self.source,
        }
        .serialize(serializer)
    }
}

impl From<EventRecord> for TimelineEvent {
    fn from(record: EventRecord) -> TimelineEvent {
        let parties = Arc::new(Parties {
            items: record.items,
            actor: record.actor,
            recipient: record.recipient,
        });
        let mut event = TimelineEvent::new(
            &record.value,
            &record.expression,
            record.precision,
            // Written by gloss from a date; anything else sorts as undated.
            record.sort_key.and_then(|k| k.parse().ok()),
            record.class,
            record.source,
        )
        .with_parties(Some(parties));
        event.inferred = record.inferred;
        event
    }
}

#[cfg(test)]
mod block_text_tests {
    use super::BlockText;
    use std::sync::Arc;

    #[test]
    fn byte_offsets_agree_with_the_text_whatever_it_holds() {
        let buffer = Arc::new("plain words, then Japan’s aid".to_owned());
        let texts = [
            BlockText::from("plain words"),
            BlockText::from("Japan’s aid"),
            BlockText::shared(&buffer, 0..11),
            BlockText::shared(&buffer, 18..buffer.len()),
        ];
        for text in &texts {
            for chars in 0..=text.chars().count() + 1 {
                let expected = crate::core::text::byte_offset(text, chars);
                assert_eq!(text.byte_offset(chars), expected, "{text:?} at {chars}");
            }
        }
    }
}

#[cfg(test)]
mod display_title_tests {
    use super::Meta;

    fn meta(title: Option<&str>, source: Option<&str>) -> Meta {
        Meta {
            title: title.map(str::to_owned),
            source: source.map(str::to_owned),
            ..Meta::default()
        }
    }

    #[test]
    fn the_title_then_the_file_name_then_untitled() {
        assert_eq!(
            meta(Some("A Title"), Some("x/y.md")).display_title(),
            "A Title"
        );
        assert_eq!(
            meta(None, Some("crates/ratatui/README.md")).display_title(),
            "README.md"
        );
        assert_eq!(
            meta(None, Some("bundled:sample.txt")).display_title(),
            "sample.txt"
        );
        assert_eq!(meta(None, Some("-")).display_title(), "Untitled");
        assert_eq!(meta(None, None).display_title(), "Untitled");
    }
}

#[cfg(test)]
mod event_json_tests {
    use super::{EventClass, Parties, Precision, Span, TimelineEvent};
    use std::sync::Arc;

    fn event() -> TimelineEvent {
        let source = Span {
            block: 3,
            start: 10,
            end: 60,
        };
        let day = jiff::civil::date(2023, 5, 4);
        let e = TimelineEvent::new(
            "2023-05",
            "May 2023",
            Precision::Month,
            Some(day),
            EventClass::Military,
            source,
        );
        let parties = Arc::new(Parties {
            items: vec!["drones".into()],
            actor: Some("Tokyo".into()),
            recipient: None,
        });
        let mut e = e.with_parties(Some(Arc::clone(&parties)));
        e.add_item("radios".into());
        e.add_item("drones".into());
        // The event wrote to its own copy.
        assert_eq!(parties.items, ["drones"]);
        e
    }

    #[test]
    fn an_event_is_a_flat_record_with_an_iso_sort_key() {
        let json = serde_json::to_value(event()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "value": "2023-05", "precision": "month", "sort_key": "2023-05-04",
                "expression": "May 2023", "class": "military",
                "items": ["drones", "radios"], "actor": "Tokyo", "inferred": false,
                "source": {"block": 3, "start": 10, "end": 60}
            })
        );
        let back: TimelineEvent = serde_json::from_value(json).unwrap();
        assert_eq!(back, event());
    }

    #[test]
    fn value_and_expression_come_apart_as_given() {
        let e = event();
        assert_eq!((e.value(), e.expression()), ("2023-05", "May 2023"));
        let span = e.source;
        let long = TimelineEvent::new(
            "P1Y",
            "a year and — “more”",
            Precision::Year,
            None,
            EventClass::Other,
            span,
        );
        assert_eq!(
            (long.value(), long.expression()),
            ("P1Y", "a year and — “more”")
        );
        // A value too long for its length field is cut on a character
        // boundary, never split inside one.
        let huge = "é".repeat(40_000);
        let cut = TimelineEvent::new(&huge, "now", Precision::Day, None, EventClass::Other, span);
        assert_eq!(cut.value().len(), 65_534);
        assert!(huge.starts_with(cut.value()));
        assert_eq!(cut.expression(), "now");
    }

    #[test]
    fn an_event_without_parties_writes_none_and_holds_none() {
        let e = event().with_parties(Some(Arc::default()));
        assert_eq!(e.items(), [] as [&str; 0]);
        assert_eq!((e.actor(), e.recipient()), (None, None));
        let json = serde_json::to_value(&e).unwrap();
        for key in ["items", "actor", "recipient"] {
            assert!(json.get(key).is_none(), "{key} in {json}");
        }
        // Nothing boxed for nothing, written or read back.
        assert!(e.parties.is_none());
        let back = serde_json::from_value::<TimelineEvent>(json).unwrap();
        assert!(back.parties.is_none());
        assert_eq!(back, e);
    }
}
