//! Byte-level tokenizer: words, numbers and single punctuation marks with
//! byte offsets. Whitespace is dropped but remembered (`space_before`) because
//! "F-16" and "mid-2024" differ from "F - 16" only by adjacency.

use super::lexicon::{self, Lex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    /// Letters only (non-ASCII letters count as letters).
    Word,
    /// Digits only, possibly with internal `,` or `.` groups ("1,500", "2.5").
    Num,
    /// Letters and digits mixed: "1990s", "27th", "A380", "9mm".
    Alnum,
    /// One punctuation mark; dashes and curly quotes are normalised to ASCII.
    Punct,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub space_before: bool,
    pub newline_before: bool,
    /// Normalised punctuation byte for `Punct`, 0 otherwise.
    pub punct: u8,
    /// Value of a plain digit run (no separators), if it fits.
    pub num: Option<u32>,
    /// Digit count of a plain digit run.
    pub ndigits: u8,
    /// Lexicon entry of a word (lower-cased lookup).
    pub lex: Lex,
    /// First letter is upper case.
    pub capital: bool,
}

impl Tok {
    pub fn is_punct(&self, c: u8) -> bool {
        self.kind == TokKind::Punct && self.punct == c
    }
}

const SPACE: u8 = 0;
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const PUNCT: u8 = 3;
const NEWLINE: u8 = 4;
/// Non-ASCII lead or continuation byte: decided by looking at the sequence.
const HIGH: u8 = 5;

static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b == b'\n' || b == b'\r' {
            NEWLINE
        } else if b == b' ' || b == b'\t' || b == 0x0b || b == 0x0c {
            SPACE
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b >= 0x80 {
            HIGH
        } else {
            PUNCT
        };
        i += 1;
    }
    t
};

/// Classifies the non-ASCII character at `i`: returns (class, normalised punct, length).
/// Only the few characters that matter in dates are singled out; every other
/// non-ASCII character is treated as a letter so that names stay whole words.
#[inline]
fn high_char(b: &[u8], i: usize) -> (u8, u8, usize) {
    let lead = b[i];
    if lead == 0xC2 && b.get(i + 1) == Some(&0xA0) {
        return (SPACE, 0, 2); // no-break space
    }
    if lead == 0xE2 && b.get(i + 1) == Some(&0x80) {
        match b.get(i + 2) {
            Some(0x93) | Some(0x94) | Some(0x90) | Some(0x91) => return (PUNCT, b'-', 3),
            Some(0x98) | Some(0x99) => return (PUNCT, b'\'', 3),
            Some(0x9C) | Some(0x9D) => return (PUNCT, b'"', 3),
            Some(0xAF) | Some(0x89) | Some(0x8A) => return (SPACE, 0, 3), // narrow/thin spaces
            _ => {}
        }
    }
    let len = match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    };
    (ALPHA, 0, len.min(b.len() - i))
}

/// Appends the tokens of `text[from..to]` to `out`.
pub(super) fn tokenize(text: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    let b = text.as_bytes();
    let mut i = from;
    let mut space_before = true;
    let mut newline_before = true;
    while i < to {
        let c = CLASS[b[i] as usize];
        match c {
            SPACE => {
                space_before = true;
                i += 1;
            }
            NEWLINE => {
                space_before = true;
                newline_before = true;
                i += 1;
            }
            PUNCT => {
                out.push(punct_tok(i, i + 1, b[i], space_before, newline_before));
                space_before = false;
                newline_before = false;
                i += 1;
            }
            HIGH => {
                let (hc, p, len) = high_char(b, i);
                match hc {
                    SPACE => {
                        space_before = true;
                        i += len;
                    }
                    PUNCT => {
                        out.push(punct_tok(i, i + len, p, space_before, newline_before));
                        space_before = false;
                        newline_before = false;
                        i += len;
                    }
                    _ => {
                        i = word(text, i, to, space_before, newline_before, out);
                        space_before = false;
                        newline_before = false;
                    }
                }
            }
            _ => {
                i = word(text, i, to, space_before, newline_before, out);
                space_before = false;
                newline_before = false;
            }
        }
    }
}

fn punct_tok(start: usize, end: usize, p: u8, space_before: bool, newline_before: bool) -> Tok {
    Tok {
        start,
        end,
        kind: TokKind::Punct,
        space_before,
        newline_before,
        punct: p,
        num: None,
        ndigits: 0,
        lex: Lex::None,
        capital: false,
    }
}

/// Scans one word/number token starting at `start`; returns its end.
#[inline]
fn word(
    text: &str,
    start: usize,
    to: usize,
    space_before: bool,
    newline_before: bool,
    out: &mut Vec<Tok>,
) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut has_alpha = false;
    let mut has_digit = false;
    let mut has_sep = false;
    while i < to {
        // Fast path: runs of ASCII letters are by far the most common bytes.
        let run_start = i;
        while i < to && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        if i > run_start {
            has_alpha = true;
            continue;
        }
        match CLASS[b[i] as usize] {
            ALPHA => {
                has_alpha = true;
                i += 1;
            }
            DIGIT => {
                has_digit = true;
                i += 1;
            }
            HIGH => {
                let (hc, _, len) = high_char(b, i);
                if hc != ALPHA {
                    break;
                }
                has_alpha = true;
                i += len;
            }
            PUNCT => {
                // Digit groups: "1,500" and "2.5" stay one number.
                let c = b[i];
                if (c == b',' || c == b'.')
                    && has_digit
                    && !has_alpha
                    && i + 1 < to
                    && b[i + 1].is_ascii_digit()
                {
                    has_sep = true;
                    i += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    let kind = match (has_alpha, has_digit) {
        (true, false) => TokKind::Word,
        (false, true) => TokKind::Num,
        _ => TokKind::Alnum,
    };
    let mut num = None;
    let mut ndigits = 0;
    if kind == TokKind::Num && !has_sep && i - start <= 9 {
        ndigits = (i - start) as u8;
        num = Some(
            b[start..i]
                .iter()
                .fold(0u32, |a, &d| a * 10 + (d - b'0') as u32),
        );
    }
    let lex = if kind == TokKind::Word {
        lexicon::lookup(&b[start..i])
    } else {
        Lex::None
    };
    out.push(Tok {
        start,
        end: i,
        kind,
        space_before,
        newline_before,
        punct: 0,
        num,
        ndigits,
        lex,
        capital: b[start].is_ascii_uppercase(),
    });
    i
}
