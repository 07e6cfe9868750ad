//! The one gate where text enters gloss.
//!
//! Articles are untrusted and end up in a terminal, where an escape sequence can
//! retitle the window, write the clipboard (OSC 52) or hide text. Every string the
//! model holds has passed through [`Sanitizer`], so everything downstream may assume:
//! no C0/C1 control character except `\n`, no escape sequence (not even its
//! payload), no bidi control, no invisible zero-width or tag character (a ZWJ
//! inside an emoji sequence stays), tabs expanded, line ends normalised to `\n`,
//! and runs of combining marks capped.
//!
//! The sanitizer is a small state machine so it can be fed a file in chunks:
//! escape sequences and CRLF pairs may straddle chunk boundaries.

/// Columns between tab stops when expanding tabs.
pub const TAB_WIDTH: usize = 4;
/// Combining marks kept after one base character; zalgo text piles up dozens.
pub const MAX_COMBINING_MARKS: u32 = 3;
/// An OSC/DCS/APC/PM/SOS payload longer than this is treated as ended, so an
/// unterminated sequence cannot swallow the rest of an article.
const MAX_STRING_SEQUENCE: usize = 64 * 1024;

/// Sanitize a whole text (block bodies, notes): see the module docs.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut s = Sanitizer::new();
    s.push(input, &mut out);
    s.finish(&mut out);
    out
}

/// Sanitize a one-line field (titles, names, search input): line breaks and runs
/// of spaces become one space, and the ends are trimmed.
pub fn sanitize_inline(input: &str) -> String {
    let full = sanitize(input);
    let mut out = String::with_capacity(full.len());
    for word in full.split([' ', '\n']).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What reading a document's bytes as text took, for the notices it calls for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Decoding {
    /// Bytes that could not be read were replaced with "\u{FFFD}".
    pub replaced: bool,
    /// The encoding read in, when it is not UTF-8.
    pub encoding: Option<FoundEncoding>,
}

impl Decoding {
    /// Read as UTF-8, as every stream is.
    pub fn utf8(replaced: bool) -> Self {
        Decoding {
            replaced,
            encoding: None,
        }
    }
}

/// Decode bytes in the encoding [`text_encoding`] finds for them (UTF-8,
/// replacing invalid sequences, unless their start tells otherwise) and
/// sanitize them.
pub fn sanitize_bytes(bytes: &[u8]) -> (String, Decoding) {
    // The common case validated once.
    if let Ok(text) = std::str::from_utf8(bytes)
        && utf16_encoding(&bytes[..bytes.len().min(ENCODING_SNIFF_LEN)]).is_none()
    {
        return (sanitize(text), Decoding::utf8(false));
    }
    match text_encoding(bytes) {
        None => {
            let (text, replaced) = sanitize_utf8(bytes);
            (text, Decoding::utf8(replaced))
        }
        Some(found) => {
            let (text, replaced) = decode_in(bytes, found.encoding);
            let decoding = Decoding {
                replaced,
                encoding: Some(found),
            };
            (sanitize(&text), decoding)
        }
    }
}

/// Bytes read as UTF-8, each invalid sequence replaced, and sanitized.
fn sanitize_utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (sanitize(text), false),
        Err(_) => (sanitize(&String::from_utf8_lossy(bytes)), true),
    }
}

/// How much of a document's start decides the encoding it is read in: the
/// whole file and a stream read a chunk at a time must decide alike.
pub const ENCODING_SNIFF_LEN: usize = 8192;

/// A document's encoding when it is not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundEncoding {
    pub encoding: &'static encoding_rs::Encoding,
    /// Not declared nor marked: told from the bytes.
    pub guessed: bool,
}

/// The encoding a whole document is in when it is not UTF-8: UTF-16
/// marked by a byte-order mark or plainly spelt (mostly ASCII, every other
/// byte NUL), the legacy encoding it declares in an XML prolog or a `<meta
/// charset>`, or else, when it reads as text in a legacy encoding rather
/// than as UTF-8 with a few damaged bytes, the one a browser would guess.
/// None: UTF-8 (a declaration is not believed over valid UTF-8).
///
/// The guess looks at the first [`ENCODING_SNIFF_LEN`] bytes or, when
/// those are ASCII, at as many from the first byte that is not UTF-8: a
/// stream, which cannot look ahead, decides from its start alone.
pub fn text_encoding(bytes: &[u8]) -> Option<FoundEncoding> {
    let head = &bytes[..bytes.len().min(ENCODING_SNIFF_LEN)];
    let marked = |encoding| FoundEncoding {
        encoding,
        guessed: false,
    };
    if let Some(utf16) = utf16_encoding(head) {
        return Some(marked(utf16));
    }
    let Err(error) = std::str::from_utf8(bytes) else {
        return None;
    };
    if let Some(declared) = declared_label(head) {
        return declared_encoding(declared).map(marked);
    }
    let first_invalid = error.valid_up_to();
    let from = if first_invalid >= head.len() && bytes[..first_invalid].is_ascii() {
        first_invalid
    } else {
        0
    };
    let window = &bytes[from..bytes.len().min(from + ENCODING_SNIFF_LEN)];
    head_is_legacy(window)
        .then(|| guess_encoding(&bytes[from..]))
        .flatten()
        .map(|encoding| FoundEncoding {
            encoding,
            guessed: true,
        })
}

/// Whether a document starting with `head` may be in another encoding than
/// UTF-8, so is to be read whole, not a chunk at a time: whatever
/// [`text_encoding`] finds from the head is found here. (What it finds past
/// an ASCII head, a stream reads as UTF-8.)
pub fn may_not_be_utf8(head: &[u8]) -> bool {
    let head = &head[..head.len().min(ENCODING_SNIFF_LEN)];
    utf16_encoding(head).is_some()
        || match declared_label(head) {
            Some(declared) => declared_encoding(declared).is_some(),
            None => head_is_legacy(head),
        }
}

/// UTF-16 by its byte-order mark, or by its shape: text in Latin script
/// has a NUL as nearly every other byte, and hardly ever elsewhere.
pub fn utf16_encoding(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match head {
        [0xFF, 0xFE, ..] => return Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => return Some(encoding_rs::UTF_16BE),
        _ => {}
    }
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Three in four characters ASCII at least, and almost no NUL on the
    // other side (a NUL character is not text).
    let shaped = |nuls: usize, others: usize| nuls * 4 >= pairs * 3 && others * 50 <= pairs;
    if shaped(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if shaped(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether a document's start is not UTF-8 (past a character its end cuts)
/// and reads as a legacy encoding rather than as UTF-8 with damaged bytes:
/// it has more invalid sequences than valid characters outside ASCII.
/// Text in a legacy encoding rarely spells valid UTF-8 by chance; UTF-8
/// with a stray byte has its other accents and quotes intact.
fn head_is_legacy(head: &[u8]) -> bool {
    let Err(error) = std::str::from_utf8(head) else {
        return false;
    };
    if error.error_len().is_none() {
        return false;
    }
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut pieces = head.utf8_chunks().peekable();
    while let Some(piece) = pieces.next() {
        valid += piece.valid().chars().filter(|c| !c.is_ascii()).count();
        // A sequence cut by the end of the head is not counted.
        if !piece.invalid().is_empty() && pieces.peek().is_some() {
            invalid += 1;
        }
    }
    invalid > valid
}

/// How much of a document the encoding detector reads.
const GUESS_SAMPLE_LEN: usize = 256 << 10;

/// The legacy encoding chardetng (Firefox's detector) guesses for bytes
/// that are not UTF-8, as a browser would for a page that does not say.
fn guess_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let sample = &bytes[..bytes.len().min(GUESS_SAMPLE_LEN)];
    // ISO-2022-JP is seven-bit, so never reaches here (valid UTF-8).
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, sample.len() == bytes.len());
    Some(detector.guess(None, chardetng::Utf8Detection::Deny)).filter(|e| *e != encoding_rs::UTF_8)
}

/// Bytes decoded whole in `encoding`, and whether anything was malformed.
/// An XML prolog is made to say UTF-8, so that the feed parser does not
/// decode the text a second time.
fn decode_in(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> (String, bool) {
    // A byte-order mark is dropped with the encoding it names.
    let (text, malformed) = encoding.decode_with_bom_removal(bytes);
    let mut text = text.into_owned();
    if text.starts_with("<?xml")
        && let Some(end) = text.find("?>")
        && let Some(at) = text[..end].to_ascii_lowercase().find("encoding=")
    {
        // Everything from the declaration to the prolog's end (a
        // `standalone` after it goes too, which no parser here reads).
        text.replace_range(at..end, "encoding=\"UTF-8\"");
    }
    (text, malformed)
}

/// The encoding a document declares in its first kilobyte (an XML
/// prolog's `encoding="ISO-8859-1"`, an HTML `<meta charset>`), if
/// encoding_rs knows its label.
fn declared_label(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &head[..head.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let label = ["encoding=", "charset="].iter().find_map(|key| {
        let at = memchr::memmem::find(&lower, key.as_bytes())? + key.len();
        let rest = &lower[at..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':')))
            .unwrap_or(rest.len());
        Some(&rest[..end])
    })?;
    encoding_rs::Encoding::for_label(label)
}

/// A declared encoding gloss reads in: not UTF-8, which is the default,
/// nor UTF-16, which cannot be declared in ASCII (its prolog would hold
/// NULs), nor "replacement", which would turn the text into one "\u{FFFD}".
fn declared_encoding(
    declared: &'static encoding_rs::Encoding,
) -> Option<&'static encoding_rs::Encoding> {
    Some(declared).filter(|e| {
        ![
            encoding_rs::UTF_8,
            encoding_rs::UTF_16LE,
            encoding_rs::UTF_16BE,
            encoding_rs::REPLACEMENT,
        ]
        .contains(e)
    })
}

/// Like [`sanitize_bytes`] on everything `reader` gives, read and decoded a
/// chunk at a time: a large file is never held twice, raw and clean (on
/// 100 MB that was the reader's peak). `capacity` is the expected size.
pub fn sanitize_reader(
    reader: impl std::io::Read,
    capacity: usize,
) -> std::io::Result<(String, bool)> {
    sanitize_chunks(reader, capacity, 1 << 20)
}

fn sanitize_chunks(
    mut reader: impl std::io::Read,
    capacity: usize,
    chunk: usize,
) -> std::io::Result<(String, bool)> {
    let mut out = String::with_capacity(capacity);
    let mut stream = StreamSanitizer::default();
    while stream.read_chunk(&mut reader, chunk, &mut out)? {}
    Ok((out, stream.lossy()))
}

/// The sanitizer for input read a chunk at a time: bytes of a character
/// that a chunk cuts are decoded with the next, so the text comes out as
/// if the input had been decoded whole.
#[derive(Default)]
pub struct StreamSanitizer {
    sanitizer: Sanitizer,
    /// The start of a sequence the last chunk cut, then the chunk read.
    buf: Vec<u8>,
    lossy: bool,
}

impl StreamSanitizer {
    /// Reads up to `chunk` bytes from `reader` and appends their clean text
    /// to `out`. Returns false once the input has ended (and is finished).
    pub fn read_chunk(
        &mut self,
        reader: &mut impl std::io::Read,
        chunk: usize,
        out: &mut String,
    ) -> std::io::Result<bool> {
        use std::io::Read;
        let (sanitizer, buf) = (&mut self.sanitizer, &mut self.buf);
        let read = reader.take(chunk as u64).read_to_end(buf)?;
        let end = read == 0;
        let mut keep = 0;
        // Validated first the fast way: `utf8_chunks` checks a byte at a
        // time (a tenth of the load of a 100 MB text), and text is nearly
        // always valid.
        let valid_up_to = match std::str::from_utf8(buf) {
            Ok(valid) => {
                sanitizer.push(valid, out);
                buf.len()
            }
            Err(error) => {
                let valid_up_to = error.valid_up_to();
                let valid = std::str::from_utf8(&buf[..valid_up_to]).expect("valid up to here");
                sanitizer.push(valid, out);
                valid_up_to
            }
        };
        let mut pieces = buf[valid_up_to..].utf8_chunks().peekable();
        while let Some(piece) = pieces.next() {
            sanitizer.push(piece.valid(), out);
            let invalid = piece.invalid();
            if invalid.is_empty() {
                continue;
            }
            if pieces.peek().is_none() && !end {
                // Maybe a sequence the next chunk completes: decoded with it,
                // exactly as if the input had been decoded whole.
                keep = invalid.len();
            } else {
                // One replacement per invalid sequence, as `from_utf8_lossy`.
                sanitizer.push("\u{FFFD}", out);
                self.lossy = true;
            }
        }
        if end {
            sanitizer.finish(out);
            return Ok(false);
        }
        let from = buf.len() - keep;
        buf.copy_within(from.., 0);
        buf.truncate(keep);
        Ok(true)
    }

    /// Whether anything had to be replaced so far.
    pub fn lossy(&self) -> bool {
        self.lossy
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    /// After ESC.
    Escape,
    /// After ESC plus intermediate bytes (`ESC ( B`): a final byte ends it.
    EscapeIntermediate,
    /// Control sequence: parameters and intermediates until a final byte.
    Csi,
    /// OSC, DCS, SOS, PM or APC payload, until BEL or ST.
    StringSequence,
    /// ESC seen inside a string sequence: `\` would make it ST.
    StringEscape,
}

/// Streaming sanitizer. Feed text with [`Sanitizer::push`], then call
/// [`Sanitizer::finish`].
#[derive(Debug, Clone)]
pub struct Sanitizer {
    mode: Mode,
    string_len: usize,
    /// Characters since the last line break, for tab stops.
    column: usize,
    pending_cr: bool,
    /// A ZWJ (or ZWNJ) waiting to see whether the next character joins it.
    pending_joiner: Option<char>,
    last_was_emoji: bool,
    last_was_letter: bool,
    combining_run: u32,
}

impl Default for Sanitizer {
    fn default() -> Self {
        Self::new()
    }
}

impl Sanitizer {
    pub fn new() -> Self {
        Sanitizer {
            mode: Mode::Text,
            string_len: 0,
            column: 0,
            pending_cr: false,
            pending_joiner: None,
            last_was_emoji: false,
            last_was_letter: false,
            combining_run: 0,
        }
    }

    pub fn push(&mut self, input: &str, out: &mut String) {
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of printable ASCII in plain text is copied as is.
            if self.mode == Mode::Text && !self.pending_cr && self.pending_joiner.is_none() {
                let run = printable_ascii_run(&bytes[i..]);
                if run > 0 {
                    out.push_str(&input[i..i + run]);
                    self.column += run;
                    self.last_was_emoji = false;
                    self.last_was_letter = bytes[i + run - 1].is_ascii_alphabetic();
                    self.combining_run = 0;
                    i += run;
                    continue;
                }
            }
            let c = input[i..]
                .chars()
                .next()
                .expect("in bounds at a char boundary");
            i += c.len_utf8();
            self.push_char(c, out);
        }
    }

    /// Ends the input: drops an unterminated escape sequence and flushes state.
    pub fn finish(&mut self, out: &mut String) {
        if self.pending_cr {
            self.pending_cr = false;
            self.newline(out);
        }
        self.pending_joiner = None;
        self.mode = Mode::Text;
    }

    fn push_char(&mut self, c: char, out: &mut String) {
        match self.mode {
            Mode::Text => self.text_char(c, out),
            Mode::Escape => self.escape_char(c, out),
            Mode::EscapeIntermediate => match c {
                // More intermediates (`ESC SP SP F`), then one final byte.
                '\u{20}'..='\u{2f}' => {}
                '\u{30}'..='\u{7e}' => self.mode = Mode::Text,
                '\u{1b}' => self.mode = Mode::Escape,
                // Anything else aborts the sequence and is read again: a C1
                // control here ("ESC SP U+009D…") still starts its own sequence.
                _ => {
                    self.mode = Mode::Text;
                    self.text_char(c, out);
                }
            },
            Mode::Csi => match c {
                '\u{30}'..='\u{3f}' | '\u{20}'..='\u{2f}' => {}
                '\u{40}'..='\u{7e}' => self.mode = Mode::Text,
                '\u{1b}' => self.mode = Mode::Escape,
                // Anything else aborts the sequence and is read as text again.
                _ => {
                    self.mode = Mode::Text;
                    self.text_char(c, out);
                }
            },
            Mode::StringSequence => {
                self.string_len += 1;
                match c {
                    '\u{07}' | '\u{9c}' => self.mode = Mode::Text,
                    '\u{1b}' => self.mode = Mode::StringEscape,
                    // A line break ends the payload so an unterminated sequence
                    // cannot hide the rest of the text.
                    '\n' | '\r' => {
                        self.mode = Mode::Text;
                        self.text_char(c, out);
                    }
                    _ if self.string_len > MAX_STRING_SEQUENCE => self.mode = Mode::Text,
                    _ => {}
                }
            }
            Mode::StringEscape => {
                if c == '\\' {
                    self.mode = Mode::Text;
                } else {
                    // ESC followed by something else starts a new sequence.
                    self.mode = Mode::Escape;
                    self.escape_char(c, out);
                }
            }
        }
    }

    fn escape_char(&mut self, c: char, out: &mut String) {
        self.mode = match c {
            '[' => Mode::Csi,
            ']' | 'P' | 'X' | '^' | '_' => {
                self.string_len = 0;
                Mode::StringSequence
            }
            '\u{1b}' => Mode::Escape,
            '\u{20}'..='\u{2f}' => Mode::EscapeIntermediate,
            '\u{30}'..='\u{7e}' => Mode::Text,
            // ESC before a line break or other text: drop only the ESC.
            _ => {
                self.mode = Mode::Text;
                self.text_char(c, out);
                return;
            }
        };
    }

    fn text_char(&mut self, c: char, out: &mut String) {
        if self.pending_cr {
            self.pending_cr = false;
            self.newline(out);
            if c == '\n' {
                return;
            }
        }
        if let Some(joiner) = self.pending_joiner.take() {
            let keep = match joiner {
                '\u{200d}' => self.last_was_emoji && is_emoji_like(c),
                _ => self.last_was_letter && c.is_alphabetic() && !c.is_ascii(),
            };
            if keep {
                out.push(joiner);
            }
        }
        match c {
            '\n' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' => self.newline(out),
            '\u{2029}' => {
                self.newline(out);
                self.newline(out);
            }
            '\r' => self.pending_cr = true,
            '\t' => {
                let spaces = TAB_WIDTH - self.column % TAB_WIDTH;
                for _ in 0..spaces {
                    out.push(' ');
                }
                self.column += spaces;
                self.last_was_emoji = false;
                self.last_was_letter = false;
            }
            '\u{1b}' => self.mode = Mode::Escape,
            '\u{9b}' => self.mode = Mode::Csi,
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                self.string_len = 0;
                self.mode = Mode::StringSequence;
            }
            '\u{200d}' | '\u{200c}' => {
                if self.last_was_emoji || self.last_was_letter {
                    self.pending_joiner = Some(c);
                }
            }
            c if is_dropped(c) => {}
            c if is_combining_mark(c) => {
                self.combining_run += 1;
                if self.combining_run <= MAX_COMBINING_MARKS {
                    out.push(c);
                }
            }
            c => {
                out.push(c);
                self.column += 1;
                self.combining_run = 0;
                // Variation selectors and skin tones continue an emoji.
                self.last_was_emoji = is_emoji_like(c)
                    || (self.last_was_emoji && (c == '\u{fe0f}' || c == '\u{fe0e}'));
                self.last_was_letter = c.is_alphabetic();
            }
        }
    }

    fn newline(&mut self, out: &mut String) {
        out.push('\n');
        self.column = 0;
        self.last_was_emoji = false;
        self.last_was_letter = false;
        self.combining_run = 0;
    }
}

/// How many bytes at the start of `bytes` are printable ASCII. Checked
/// sixteen at a time without branching (the check vectorizes), then one
/// at a time: a byte-at-a-time search was a tenth of loading a large file.
fn printable_ascii_run(bytes: &[u8]) -> usize {
    let printable = |b: u8| b.wrapping_sub(0x20) < 0x5f;
    let (blocks, _) = bytes.as_chunks::<16>();
    let whole = blocks
        .iter()
        .take_while(|block| block.iter().fold(true, |all, &b| all & printable(b)))
        .count()
        * 16;
    whole
        + bytes[whole..]
            .iter()
            .position(|&b| !printable(b))
            .unwrap_or(bytes.len() - whole)
}

/// Characters removed outright: controls, bidi controls, invisible formatting.
fn is_dropped(c: char) -> bool {
    matches!(c,
        '\u{00}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Soft hyphen: a hint for hyphenation, invisible or not depending on the terminal.
        | '\u{ad}'
        // Arabic letter mark and bidi embeddings, overrides, isolates, marks.
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // Zero-width space, word joiner and invisible operators, deprecated format chars.
        | '\u{180e}' | '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}'
        // Byte order mark / zero-width no-break space, interlinear annotation.
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        // Tag characters.
        | '\u{e0000}'..='\u{e007f}'
    )
}

/// Combining diacritical marks (the blocks zalgo text is built from).
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36f}'
        | '\u{483}'..='\u{489}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}'
    )
}

/// Pictographs that may take part in a ZWJ emoji sequence.
fn is_emoji_like(c: char) -> bool {
    matches!(c,
        '\u{2190}'..='\u{21ff}'
        | '\u{2300}'..='\u{23ff}'
        | '\u{2600}'..='\u{27bf}'
        | '\u{2b00}'..='\u{2bff}'
        | '\u{1f000}'..='\u{1faff}'
    )
}

/// True for characters no sanitized text may contain; used by tests and asserts.
pub fn is_forbidden(c: char) -> bool {
    (c != '\n' && c.is_control())
        || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_in_chunks_gives_what_decoding_whole_gives() {
        let cases: &[&[u8]] = &[
            "Japan’s aid — drones 🇯🇵\r\n\tnext".as_bytes(),
            b"cut \xe2\x82 sequence \xff\xfe end \xe2",
            b"\x1b]0;title\x07 after \x1b[31mred\r",
            b"",
        ];
        for bytes in cases {
            for chunk in [1, 2, 3, 5, 64] {
                let streamed = sanitize_chunks(*bytes, 0, chunk).expect("reads from memory");
                assert_eq!(
                    streamed,
                    sanitize_utf8(bytes),
                    "{bytes:?} in chunks of {chunk}"
                );
            }
        }
    }

    use proptest::prelude::{Just, Strategy, any};

    proptest::proptest! {
        #[test]
        fn any_bytes_in_any_chunks(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    any::<u8>().prop_map(|b| vec![b]),
                    any::<char>().prop_map(|c| c.to_string().into_bytes()),
                    Just(b"\x1b[1m\r\n\t".to_vec()),
                ],
                0..80,
            ),
            chunk in 1usize..16,
        ) {
            let bytes = pieces.concat();
            let (text, replaced) = sanitize_chunks(bytes.as_slice(), 0, chunk).expect("reads from memory");
            proptest::prop_assert_eq!((&text, replaced), (&sanitize_utf8(&bytes).0, sanitize_utf8(&bytes).1));
            // What is not read whole is read as the whole would be.
            if !may_not_be_utf8(&bytes) {
                proptest::prop_assert_eq!((text, Decoding::utf8(replaced)), sanitize_bytes(&bytes));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn printable_runs_end_at_the_first_other_byte(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![8 => 0x20u8..0x7f, 1 => any::<u8>()],
                0..200,
            ),
        ) {
            let expected = bytes
                .iter()
                .position(|b| !(0x20..0x7f).contains(b))
                .unwrap_or(bytes.len());
            proptest::prop_assert_eq!(printable_ascii_run(&bytes), expected);
        }
    }

    #[test]
    fn plain_text_is_unchanged() {
        let text = "Japan’s aid — drones, tents.\nSecond line 日本 🇯🇵";
        assert_eq!(sanitize(text), text);
    }

    #[test]
    fn csi_sequences_are_dropped_whole() {
        assert_eq!(sanitize("a\x1b[2J\x1b[1;31mred\x1b[0m b"), "ared b");
        assert_eq!(sanitize("a\u{9b}31mb"), "ab");
    }

    #[test]
    fn osc_sequences_are_dropped_with_payload() {
        assert_eq!(sanitize("x\x1b]0;evil title\x07y"), "xy");
        assert_eq!(sanitize("x\x1b]52;c;aGVsbG8=\x1b\\y"), "xy");
        assert_eq!(
            sanitize("\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\"),
            "link"
        );
        assert_eq!(sanitize("x\u{9d}0;t\u{9c}y"), "xy");
    }

    #[test]
    fn an_escape_with_intermediates_ends_at_its_final_byte_only() {
        assert_eq!(sanitize("a\x1b(Bb"), "ab");
        assert_eq!(sanitize("a\x1b  Fb"), "ab");
        // Found by the hostile-rendering property test: a C1 string
        // introducer right after "ESC SP" was taken as the final byte, and
        // its payload shown as text.
        assert_eq!(sanitize("x\x1b \u{9d}0;c1-title\u{9c}y"), "xy");
    }

    #[test]
    fn dcs_apc_pm_sos_are_dropped() {
        for intro in ["P", "X", "^", "_"] {
            let s = format!("a\x1b{intro}payload\x1b\\b");
            assert_eq!(sanitize(&s), "ab", "{intro}");
        }
    }

    #[test]
    fn unterminated_osc_stops_at_line_break() {
        assert_eq!(sanitize("a\x1b]0;title\nrest of text"), "a\nrest of text");
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(sanitize("a\r\nb\rc\u{2028}d\u{0c}e"), "a\nb\nc\nd\ne");
        assert_eq!(sanitize("a\u{2029}b"), "a\n\nb");
    }

    #[test]
    fn crlf_split_across_chunks_is_one_line_break() {
        let mut s = Sanitizer::new();
        let mut out = String::new();
        s.push("a\r", &mut out);
        s.push("\nb", &mut out);
        s.finish(&mut out);
        assert_eq!(out, "a\nb");
    }

    #[test]
    fn escape_split_across_chunks_is_dropped() {
        let mut s = Sanitizer::new();
        let mut out = String::new();
        s.push("a\x1b]0;ti", &mut out);
        s.push("tle\x07b", &mut out);
        s.finish(&mut out);
        assert_eq!(out, "ab");
    }

    #[test]
    fn tabs_expand_to_stops() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("abcd\tx"), "abcd    x");
    }

    #[test]
    fn bidi_and_invisible_characters_are_removed() {
        assert_eq!(
            sanitize("a\u{202e}b\u{2066}c\u{200b}d\u{feff}e\u{e0041}f"),
            "abcdef"
        );
    }

    #[test]
    fn zwj_survives_inside_emoji_only() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(sanitize(family), family);
        assert_eq!(sanitize("a\u{200d}b"), "ab");
        assert_eq!(sanitize("👍\u{200d}"), "👍");
    }

    #[test]
    fn zalgo_is_capped() {
        let zalgo = format!("Z{}", "\u{301}".repeat(40));
        assert_eq!(
            sanitize(&zalgo).chars().count(),
            1 + MAX_COMBINING_MARKS as usize
        );
    }

    #[test]
    fn inline_collapses_whitespace() {
        assert_eq!(sanitize_inline("  a\n b \x1b[1m c  "), "a b c");
    }
}
