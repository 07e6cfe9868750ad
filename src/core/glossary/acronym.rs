//! Acronym definitions: "Synthetic Aperture Radar (SAR)" and "SAR (Synthetic Aperture Radar)".
//!
//! The algorithm follows Schwartz & Hearst (2003): work only at brackets, take
//! the bracketed text (or the word before the bracket) as a candidate short
//! form and look for its letters, in order, in the words on the other side.
//! Where S&H match greedily right-to-left, this module scores every alignment
//! (a small dynamic programme, in the spirit of Ab3P's strategy cascade) so it
//! can prefer word-initial letters, accept letters from inside words, digits,
//! hyphenated and camel-case parts, a plural "s", and reject long forms that
//! carry unexplained words. The best-scoring long form wins if its cost is
//! under a threshold that grows with the short form's length.

use crate::core::text::balanced_brackets;
use std::cell::RefCell;
use std::ops::Range;

/// A short form and the long form the text pairs it with, as byte ranges into the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymDefinition {
    pub short: Range<usize>,
    pub long: Range<usize>,
}

/// Longest bracketed text examined, in bytes: long forms in brackets rarely
/// exceed a few dozen words, and the bound keeps unbalanced brackets cheap.
const MAX_INNER: usize = 400;
/// How far left of a bracket we look for a long form, in bytes.
const MAX_LEFT: usize = 300;
/// Longest word considered part of a long form, in bytes; longer "words"
/// are URLs or noise, and the bound keeps the work per bracket small.
const MAX_WORD: usize = 64;

/// Finds acronym definitions in `text`.
///
/// Runs in time linear in `text`: it only does work at `(` and `[`, and the
/// work there is bounded by `MAX_INNER` and `MAX_LEFT`.
pub fn find_definitions(text: &str) -> Vec<AcronymDefinition> {
    let mut pairs = bracket_pairs(text.as_bytes());
    // Nested pairs close first; report in text order.
    pairs.sort_unstable();
    pairs
        .into_iter()
        .filter_map(|(open, close)| definition_at(text, open, close))
        .map(|c| AcronymDefinition {
            short: c.short,
            long: c.long,
        })
        .collect()
}

/// Deepest bracket nesting tracked; deeper openings are forgotten, which
/// keeps a run of "((((" linear.
const MAX_DEPTH: usize = 16;

/// Matching `(`/`)` and `[`/`]` pairs within a paragraph, at most
/// [`MAX_INNER`] bytes apart, in one pass over the text.
fn bracket_pairs(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<usize> = Vec::with_capacity(MAX_DEPTH);
    // Two vectorised searches merged in order: a byte at a time, looking
    // for five bytes was a fifth of the acronym finder's time.
    let mut round = memchr::memchr3_iter(b'(', b')', b'\n', bytes).peekable();
    let mut square = memchr::memchr2_iter(b'[', b']', bytes).peekable();
    loop {
        let i = match (round.peek(), square.peek()) {
            (Some(&r), Some(&q)) if q < r => square.next(),
            (Some(_), _) => round.next(),
            (None, _) => square.next(),
        };
        let Some(i) = i else { break };
        match bytes[i] {
            b'(' | b'[' => {
                if stack.len() == MAX_DEPTH {
                    stack.remove(0);
                }
                stack.push(i);
            }
            // Brackets may wrap onto the next line, not into the next paragraph.
            b'\n' if is_paragraph_break(&bytes[i..]) => stack.clear(),
            b'\n' => {}
            close => {
                let want = if close == b')' { b'(' } else { b'[' };
                if let Some(pos) = stack.iter().rposition(|&o| bytes[o] == want) {
                    let open = stack[pos];
                    stack.truncate(pos);
                    if i - open <= MAX_INNER {
                        pairs.push((open, i));
                    }
                }
            }
        }
    }
    pairs
}

/// Whether `gap` (whitespace, or text starting at a line break) holds a
/// blank line.
fn is_paragraph_break(gap: &[u8]) -> bool {
    let mut newlines = 0;
    for &b in gap {
        match b {
            b'\n' => newlines += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => break,
        }
        if newlines >= 2 {
            return true;
        }
    }
    false
}

#[derive(Debug, Clone)]
struct Candidate {
    short: Range<usize>,
    long: Range<usize>,
    cost: f32,
}

/// Tries both orders at one bracket pair and keeps the cheaper.
fn definition_at(text: &str, open: usize, close: usize) -> Option<Candidate> {
    let mut inner = trim_range(text, open + 1..close);
    // "('RACE')": a quoted short form.
    let quoted = |c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
        )
    };
    let s = &text[inner.clone()];
    if s.len() > 2 && s.starts_with(quoted) && s.ends_with(quoted) {
        let a = s.chars().next().map_or(0, char::len_utf8);
        let b = s.chars().next_back().map_or(0, char::len_utf8);
        inner = inner.start + a..inner.end - b;
    }
    if inner.is_empty() {
        return None;
    }
    // "[Ca2+]i", "[3H]senktide": square brackets running into a word are
    // part of a formula, not a definition.
    if text.as_bytes()[open] == b'[' && text[close + 1..].starts_with(char::is_alphanumeric) {
        return None;
    }
    // "H(eff)", "k(a)", "FEV(1.0)": a bracket glued to the word before it,
    // holding no capital, is that symbol's subscript.
    if text[..open].ends_with(char::is_alphanumeric)
        && !text[inner.clone()].contains(char::is_uppercase)
    {
        return None;
    }
    [
        long_short(text, open, inner.clone()),
        short_long(text, open, inner.clone()),
        both_inside(text, inner.clone()),
        short_first_inside(text, inner),
    ]
    .into_iter()
    .flatten()
    // The first of equal costs wins: "long form (SF)" is the common order.
    .reduce(|a, b| if b.cost < a.cost { b } else { a })
}

/// "(blood-brain barrier, BBB)": both forms inside one bracket, the short
/// form last after a comma or semicolon.
fn both_inside(text: &str, inner: Range<usize>) -> Option<Candidate> {
    let s = &text[inner.clone()];
    let cut = s.rfind([',', ';'])?;
    let sr = trim_range(text, inner.start + cut + 1..inner.end);
    let short = &text[sr.clone()];
    // Stricter than in "long form (SF)": a plain word after a comma is a
    // list item, so ask for a capital.
    if !is_short_candidate(short) || !short.chars().any(char::is_uppercase) {
        return None;
    }
    let words = split_words(text, inner.start..inner.start + cut);
    long_form_in(text, sr, words, 1)
}

/// "(IAEA, the International Atomic Energy Agency)": both forms inside one
/// bracket, the short form first, the long form up to the next comma.
fn short_first_inside(text: &str, inner: Range<usize>) -> Option<Candidate> {
    let s = &text[inner.clone()];
    let first = s.find(',')?;
    let sr = trim_range(text, inner.start..inner.start + first);
    let short = &text[sr.clone()];
    if !is_short_candidate(short)
        || short.contains(char::is_whitespace)
        || !short
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return None;
    }
    let rest = inner.start + first + 1;
    let end = text[rest..inner.end]
        .find(',')
        .map_or(inner.end, |i| rest + i);
    // A colon makes the rest a remark.
    if text[rest..end].contains(':') {
        return None;
    }
    // One word after the comma is a list's next item ("(C-HC-4, C-HC-20)").
    long_form_in(text, sr, split_words(text, rest..end), 2)
}

/// The short form at `sr` defined by `words` (at least `min_words` of them
/// once a leading article is dropped), read from their first word on.
fn long_form_in(
    text: &str,
    sr: Range<usize>,
    mut words: Vec<Range<usize>>,
    min_words: usize,
) -> Option<Candidate> {
    let short = &text[sr.clone()];
    // A leading article is not part of the long form.
    if words
        .first()
        .is_some_and(|w| STOP.contains(&text[w.clone()].to_lowercase().as_str()))
    {
        words.remove(0);
    }
    let pattern = Pattern::new(short);
    let max_words = (pattern.len() + 5).min(pattern.len() * 2);
    if words.len() < min_words.max(1) || words.len() > max_words {
        return None;
    }
    let (_, start, cost) = align(text, &words, &pattern, true)?;
    let long = start..words[words.len() - 1].end;
    // Split at a comma inside code, "derive(Serialize, Deserialize)" leaves
    // each side with half a bracket: no definition.
    let whole = balanced_brackets(short) && balanced_brackets(&text[long.clone()]);
    (whole && cost <= pattern.threshold() && plausible_pair(short, &text[long.clone()])).then_some(
        Candidate {
            short: sr,
            long,
            cost,
        },
    )
}

/// "long form (SF)": the bracket holds the short form, maybe followed by
/// ", ..." or "; ..." (other remarks sharing the bracket).
fn long_short(text: &str, open: usize, inner: Range<usize>) -> Option<Candidate> {
    let mut shorts = vec![inner.clone()];
    let s = &text[inner.clone()];
    // "(Al, B, Ba, Ca)": a list of symbols, not a short form and remarks.
    let list = s.split(',').count() >= 3
        && s.split(',').all(|p| {
            // The last items may be joined by "and" or "or": "…, V, and
            // Zn", "…, V and Zn".
            p.split(" and ")
                .flat_map(|p| p.split(" or "))
                .map(|p| p.trim())
                .map(|p| {
                    p.strip_prefix("and ")
                        .or_else(|| p.strip_prefix("or "))
                        .unwrap_or(p)
                })
                .all(|p| p.chars().count() <= 12 && !p.contains(char::is_whitespace))
        });
    // "(Fru-2,6-P(2))": a comma between digits is a locant's, not a cut.
    let locant_comma = |(at, c): &(usize, char)| {
        *c == ','
            && s[..*at].ends_with(|c: char| c.is_ascii_digit())
            && s[at + 1..].starts_with(|c: char| c.is_ascii_digit())
    };
    if let Some((cut, _)) = s
        .char_indices()
        .filter(|&(_, c)| c == ',' || c == ';')
        .find(|ic| !locant_comma(ic))
        && !list
    {
        shorts.push(trim_range(text, inner.start..inner.start + cut));
    }
    // "(SAPK/JNKs)", "(CAD/DFF40)": the short form and another name of the
    // same thing, read only when the whole bracket defines nothing
    // ("sulbactam/cefoperazone (SBT/CPZ)"). Not two numbered members
    // ("FH1/FH2"), one name in two spellings ("SEMA6A-1/Sema6A-1"), or two
    // names for two named before ("kinase/phosphatase (PFK-2/FBPase-2)").
    let mut slash_first = None;
    let letters = |p: &str| -> String {
        p.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if let Some((first, second)) = s.split_once('/')
        && !second.contains('/')
        && [first, second].iter().all(|p| {
            p.chars().count() >= 2
                && !p.contains(char::is_whitespace)
                && p.chars().filter(|c| c.is_uppercase()).count() >= 2
        })
        && letters(first) != letters(second)
    {
        slash_first = Some(inner.start..inner.start + first.len());
    }
    // "Synthetic Aperture Radar (or SAR)", "(hereafter SAR)": a phrase that
    // introduces the short form is not part of it.
    const SHORT_FORM_INTRODUCERS: &[&str] = &[
        "or ",
        "known as ",
        "also known as ",
        "called ",
        "hereafter ",
        "henceforth ",
        "abbreviated ",
        "abbreviated as ",
        "designated ",
    ];
    // After "or" a lowercase word is a synonym ("limb buds (or limbs)").
    if let Some(rest) = SHORT_FORM_INTRODUCERS
        .iter()
        .find_map(|i| s.strip_prefix(i))
        && rest.contains(|c: char| c.is_uppercase() || c.is_ascii_digit())
    {
        shorts.push(trim_range(text, inner.end - rest.len()..inner.end));
    }
    // "glutathione peroxidase (EC 1.11.1.9; GPx)": a remark, then the short form.
    if let Some(cut) = s.rfind(';') {
        shorts.push(trim_range(text, inner.start + cut + 1..inner.end));
    }
    let mut best: Option<Candidate> = None;
    let n_shorts = shorts.len();
    for (i, sr) in shorts.into_iter().chain(slash_first).enumerate() {
        let slash_part = i == n_shorts;
        if slash_part && best.is_some() {
            break;
        }
        let short = &text[sr.clone()];
        if is_single_capital(short) || is_lowercase_letter_name(text, open, short) {
            // Alone in its bracket, or followed by a remark ("excitatory
            // (E, n = 20)"); "(C, D)" labels items.
            let rest = text[sr.end..inner.end].trim_start_matches([',', ' ']);
            let remark = text[sr.end..].starts_with(", ")
                && rest.chars().count() > 2
                && !rest.starts_with(char::is_uppercase);
            if (sr == inner || remark)
                && let Some(c) = single_letter(text, open, sr.clone())
            {
                best = Some(c);
            }
            continue;
        }
        // A short form of another shape ("A beta", "PS beta G") is read
        // only through its Greek letter.
        let greek = split_greek(short).filter(|(rest, _)| greek_rest_is_short(rest));
        let shaped = is_short_candidate(short);
        // "[Ca2+]i" has no acronym shape, but a shape of its own.
        let measured = !shaped && greek.is_none() && short.contains(['[', ']']);
        if !shaped && greek.is_none() && !measured {
            continue;
        }
        let pattern = Pattern::new(short);
        let max_words = (pattern.len() + 5).min(pattern.len() * 2);
        let words = left_words(text, open, max_words);
        if words.is_empty() {
            continue;
        }
        let mut found = None;
        if shaped {
            found = align(text, &words, &pattern, false)
                .filter(|a| a.2 <= pattern.threshold())
                .map(|(_, start, cost)| (start, cost))
                .or_else(|| number_first(text, &words, short))
                .or_else(|| rotated(text, &words, short, &pattern))
                .or_else(|| compartment(text, &words, short));
        }
        if measured {
            found = compartment(text, &words, short);
        }
        if found.is_none()
            && let Some((rest, name)) = &greek
        {
            found = greek_moved(text, &words, rest, name);
        }
        let Some((start, cost)) = found else {
            continue;
        };
        let mut long = start..words[words.len() - 1].end;
        // "cytochrome c oxidase (COX)": a long form starting at a one- or
        // two-letter lowercase word takes in the word before it when that word starts
        // with the same letter; the short letter is a label inside the name.
        if let Some(wi) = words.iter().position(|w| w.start == start)
            && wi > 0
            && text[words[wi].clone()].chars().count() <= 2
            && text[words[wi].clone()].chars().all(char::is_lowercase)
        {
            let prev = &text[words[wi - 1].clone()];
            let first = prev.chars().next().map(lower);
            let stop = STOP.iter().any(|w| w.eq_ignore_ascii_case(prev));
            if first == pattern.chars.first().copied()
                && !stop
                && prev.chars().all(char::is_alphabetic)
                && prev.chars().count() >= 3
            {
                long.start = words[wi - 1].start;
            }
        }
        // "type 2 NO synthase (NOS2)", "type B NP receptor (NPR-B)": the
        // type the short form ends with is named before the long form (or
        // starts it, when read as a rotation: "type B ration pack (RP-B)").
        if let Some(wi) = words.iter().position(|w| w.start == long.start) {
            let is_type = |i: usize| text[words[i].clone()].eq_ignore_ascii_case("type");
            let names = |i: usize| is_closing_type(&text[words[i].clone()], short);
            if wi >= 2 && is_type(wi - 2) && names(wi - 1) {
                long.start = words[wi - 2].start;
            } else if wi >= 1 && is_type(wi - 1) && names(wi) {
                long.start = words[wi - 1].start;
            }
        }
        // "5'-untranslated region (UTR)", "60-kilobase (kb)": a number
        // joined to the first word counts or places the thing the short
        // form names; without a digit of its own the short form leaves it out.
        if let Some(head) = numeric_head(&text[long.clone()])
            && !short.chars().any(|c| c.is_ascii_digit())
            && text[long.start + head.len()..].chars().next().map(lower)
                == pattern.chars.first().copied()
        {
            long.start += head.len();
        }
        // "the European Central Bank's (ECB)": the possessive is not part of it.
        for poss in ["'s", "\u{2019}s"] {
            if text[long.clone()].ends_with(poss) && !short.ends_with('s') {
                long.end -= poss.len();
            }
        }
        if !plausible_pair(&text[sr.clone()], &text[long.clone()])
            || (slash_part && text[long.clone()].contains('/'))
        {
            continue;
        }
        if best.as_ref().is_none_or(|b| cost < b.cost) {
            best = Some(Candidate {
                short: sr,
                long,
                cost,
            });
        }
    }
    best
}

/// The quantity and hyphen a long form starts with ("60-", "130,000-"), or
/// a strand end ("5'-"), if any. Chemical locants ("2,4-", "3-") belong to
/// the name and are not taken: a quantity has two digits or more, in
/// thousands groups.
fn numeric_head(long: &str) -> Option<&str> {
    let (head, _) = long.split_once('-')?;
    let mut groups = head.split(',');
    let first = groups.next()?;
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let quantity = digits(first)
        && first.len() <= 3
        && groups.clone().next().is_some()
        && groups.all(|g| g.len() == 3 && digits(g))
        || digits(first) && first.len() >= 2 && !head.contains(',');
    // "5'-untranslated region (UTR)": the strand end, not part of the name.
    let strand_end = matches!(
        head,
        "5'" | "3'" | "5\u{2032}" | "3\u{2032}" | "5\u{2019}" | "3\u{2019}"
    );
    (quantity || strand_end).then(|| &long[..head.len() + 1])
}

/// Whether `word` names the type a short form ends with: its closing
/// number ("2", "II" for "NOS2") or its closing capital ("B" for "NPR-B").
fn is_closing_type(word: &str, short: &str) -> bool {
    let number_start = short
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit())
        .last()
        .map(|(i, _)| i);
    match number_start {
        Some(i) => {
            let number = &short[i..];
            word == number
                || (word.chars().all(char::is_alphabetic) && number_word(word) == Some(number))
        }
        None => {
            let mut closing = short.chars().rev();
            let last = closing.next();
            last.is_some_and(char::is_uppercase)
                && closing.next() == Some('-')
                && word.chars().eq(last)
        }
    }
}

fn is_single_capital(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.next().is_none()
}

/// "human (h) and mouse (m)": a lowercase letter can name the word before
/// it, but "signal(s)" is a plural and "(a)", "(i)" label list items.
fn is_lowercase_letter_name(text: &str, open: usize, short: &str) -> bool {
    let mut cs = short.chars();
    let (Some(c), None) = (cs.next(), cs.next()) else {
        return false;
    };
    let spaced = text[..open].ends_with(' ');
    c.is_ascii_lowercase() && !"abcdeivx".contains(c) && spaced
}

/// "masseter (M)": a capital letter abbreviates the one word before the
/// bracket if that word starts with it and is a plain word of four letters
/// or more; a lowercase letter, of three or more ("rat (r)").
fn single_letter(text: &str, open: usize, sr: Range<usize>) -> Option<Candidate> {
    let words = left_words(text, open, 1);
    let w = words.first()?.clone();
    let word = &text[w.clone()];
    let letter = text[sr.clone()].chars().next()?;
    let first = word.chars().next()?;
    let ok = first.eq_ignore_ascii_case(&letter)
        && word.chars().count() >= if letter.is_lowercase() { 3 } else { 4 }
        && word.chars().all(char::is_alphabetic)
        && !STOP.contains(&word);
    ok.then_some(Candidate {
        short: sr,
        long: w,
        cost: 0.0,
    })
}

/// "20-item Toronto Alexithymia Scale (TAS-20)", "70 kDa peroxisomal
/// membrane protein (PMP70)": the short form's trailing number comes first
/// in the long form. Aligns the letters, then looks for the number in the
/// one or two words before the long form.
fn number_first(text: &str, words: &[Range<usize>], short: &str) -> Option<(usize, f32)> {
    let letters = short.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = &short[letters.len()..];
    let letters = letters.trim_end_matches(['-', ' ']);
    if number.is_empty() || letters.is_empty() {
        return None;
    }
    let pattern = Pattern::new(letters);
    if pattern.len() < 2 {
        return None;
    }
    let (j, _, cost) = align(text, words, &pattern, false)?;
    if cost > pattern.threshold() {
        return None;
    }
    (j.saturating_sub(2)..j).rev().find_map(|w| {
        let t = &text[words[w].clone()];
        let rest = t.strip_prefix(number)?;
        (!rest.starts_with(|c: char| c.is_ascii_digit())).then_some((words[w].start, cost))
    })
}

/// "intracellular Ca2+ concentration ([Ca2+]i)", "extracellular pH (pHo)":
/// a quantity with the subscript that says on which side of the cell it is
/// measured (i: inside; o, e: outside), which no letter of the long form
/// spells. The long form starts at the word naming that side and holds the
/// quantity as written; a bracketed one ("[K+]") is a concentration.
fn compartment(text: &str, words: &[Range<usize>], short: &str) -> Option<(usize, f32)> {
    let (quantity, side) = ["(i)", "(o)", "(e)", "i", "o", "e"]
        .iter()
        .find_map(|s| Some((short.strip_suffix(s)?, s.trim_matches(['(', ')']))))?;
    let sides: &[&str] = if side == "i" {
        &["intracellular", "internal", "cytosolic"]
    } else {
        &["extracellular", "external"]
    };
    let (name, concentration) = match quantity.strip_prefix('[') {
        Some(inner) => (inner.strip_suffix(']')?, true),
        None => (quantity, false),
    };
    // A symbol ("Ca2+", "pH"), not a word that happens to end in "i".
    if name.is_empty() || !name.contains(|c: char| c.is_uppercase() || c == '+') {
        return None;
    }
    let last = &text[words.last()?.clone()];
    let ends_right = if concentration {
        last.to_ascii_lowercase().starts_with("concentration")
    } else {
        last == name
    };
    if !ends_right {
        return None;
    }
    // The side opens the long form, at most three words before its end
    // ("intracellular free Ca2+ concentrations").
    let from = words.len().saturating_sub(5);
    let at = (from..words.len()).find(|&w| {
        let word = text[words[w].clone()].to_ascii_lowercase();
        sides.contains(&word.as_str())
    })?;
    let names_it = words[at..].iter().any(|w| &text[w.clone()] == name);
    names_it.then_some((words[at].start, P.rotation))
}

/// "Myotonic dystrophy (DM)", "cell adhesion molecule L1 (L1CAM)", "ninth
/// embryonic day (E9)": the short form names its parts in another order
/// than the long form, which reads them as a rotation of the short form (its
/// tail, then its head). Tried only when the in-order alignment fails, for
/// short forms in acronym shape, at an extra cost, and only with the moved
/// head taken from the start of a word or word part.
fn rotated(
    text: &str,
    words: &[Range<usize>],
    short: &str,
    pattern: &Pattern,
) -> Option<(usize, f32)> {
    let k = pattern.len();
    let upper = short.chars().filter(|c| c.is_uppercase()).count();
    if !(2..=6).contains(&k) || upper == 0 {
        return None;
    }
    // A head noun after the rotated parts ("ninth embryonic day (E9)") is
    // paid for as a skipped last word, outside the cap, which stays strict
    // for letters taken from inside words.
    let without_head = &words[..words.len().saturating_sub(1)];
    let mut best: Option<(usize, f32)> = None;
    for (words, head) in [(words, 0.0), (without_head, P.word_last)] {
        for i in 1..k {
            let rot = pattern.rotated(i);
            let Some((_, start, cost)) = align(text, words, &rot, false) else {
                continue;
            };
            if cost > P.rotation_cap {
                continue;
            }
            let cost = cost + head + P.rotation;
            if cost <= pattern.threshold() && best.is_none_or(|(_, b)| cost < b) {
                best = Some((start, cost));
            }
        }
    }
    best
}

/// Names of Greek letters, as biomedical text spells them out. Only these
/// can be glued to the rest of a short form ("Abeta", "TNFalpha"): the
/// shorter names ("eta", "mu") end too many ordinary words.
const GREEK_GLUED: &[&str] = &[
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "iota", "kappa", "lambda",
    "sigma", "upsilon", "omega",
];
const GREEK_SHORT: &[&str] = &[
    "eta", "mu", "nu", "xi", "pi", "rho", "tau", "phi", "chi", "psi",
];

/// A short form holding a Greek letter's name, as the rest and the name:
/// "A beta" and "Abeta" give ("A", "beta"), "IFN-gamma" ("IFN", "gamma"),
/// "beta c" ("c", "beta"), "PS beta G" ("PS G", "beta"). None when the
/// rest has no letter.
fn split_greek(short: &str) -> Option<(String, &'static str)> {
    let is_name =
        |s: &str, names: &[&'static str]| names.iter().copied().find(|n| s.eq_ignore_ascii_case(n));
    let separated = |s: &str| is_name(s, GREEK_GLUED).or_else(|| is_name(s, GREEK_SHORT));
    let parts: Vec<&str> = short.split([' ', '-']).collect();
    let (rest, name) = if let Some((i, name)) = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| separated(p).map(|n| (i, n)))
    {
        let mut rest: Vec<&str> = parts.clone();
        rest.remove(i);
        (rest.join(" "), name)
    } else {
        // Glued at the end after a capital: "Abeta", "PKCepsilon".
        GREEK_GLUED.iter().copied().find_map(|name| {
            let cut = short.len().checked_sub(name.len())?;
            let (head, tail) = (short.get(..cut)?, short.get(cut..)?);
            (tail.eq_ignore_ascii_case(name) && head.ends_with(|c: char| c.is_ascii_uppercase()))
                .then(|| (head.to_owned(), name))
        })?
    };
    let rest = rest.trim().to_owned();
    rest.chars()
        .any(char::is_alphabetic)
        .then_some((rest, name))
}

/// Whether the rest of a short form with a Greek letter's name can stand
/// as one: a short-form shape, or a single letter ("A beta", "beta c").
fn greek_rest_is_short(rest: &str) -> bool {
    is_short_candidate(rest) || (rest.chars().count() == 1 && rest.chars().all(char::is_alphabetic))
}

/// "beta-amyloid peptide (A beta)", "gamma-interferon (IFN-gamma)": the
/// Greek letter named in the short form is a word or hyphen part of the
/// long form, but not where the short form has it. The rest of the short
/// form is aligned without it; the name must then be inside the long form
/// or just before it.
fn greek_moved(text: &str, words: &[Range<usize>], rest: &str, name: &str) -> Option<(usize, f32)> {
    let pattern = Pattern::new(rest);
    let mut reduced = Vec::with_capacity(words.len());
    let mut name_at = None;
    for w in words {
        let word = &text[w.clone()];
        if name_at.is_none() {
            if word.eq_ignore_ascii_case(name) {
                name_at = Some(w.start);
                continue;
            }
            let head = word
                .get(..name.len())
                .filter(|h| h.eq_ignore_ascii_case(name));
            if head.is_some() && word[name.len()..].starts_with('-') && word.len() > name.len() + 1
            {
                name_at = Some(w.start);
                reduced.push(w.start + name.len() + 1..w.end);
                continue;
            }
            // `get`: the cut may fall inside a character ("aébeta").
            let cut = word.len().saturating_sub(name.len() + 1);
            let tail = word.get(cut..).filter(|_| word.len() > name.len() + 1);
            if tail.is_some_and(|t| t.starts_with('-') && t[1..].eq_ignore_ascii_case(name)) {
                name_at = Some(w.start + cut + 1);
                reduced.push(w.start..w.start + cut);
                continue;
            }
        }
        reduced.push(w.clone());
    }
    let name_at = name_at?;
    let (_, start, cost) = align(text, &reduced, &pattern, false)?;
    let cost = cost + P.greek;
    if cost > pattern.threshold() {
        return None;
    }
    if name_at < start {
        // Just before: no word of the rest between the name and the start.
        let between = reduced.iter().any(|w| w.start > name_at && w.end <= start);
        return (!between).then_some((name_at, cost));
    }
    // A single letter and the name are one phrase ("beta chain (beta c)"),
    // not a name somewhere in a long form ("addition to the major beta/A4
    // protein (A beta)").
    (pattern.len() > 1).then_some((start, cost))
}

/// "SF (long form)": the word before the bracket is the short form.
fn short_long(text: &str, open: usize, inner: Range<usize>) -> Option<Candidate> {
    let sr = word_before(text, open)?;
    short_long_from(text, sr.clone(), inner.clone()).or_else(|| {
        // "p75/AIRM1 (for adhesion …)": the name after the slash is defined
        // ("Ena/VASP (enabled/vasodilator-stimulated …)" is one name).
        let slash = text[sr.clone()].rfind('/')?;
        let after = sr.start + slash + 1..sr.end;
        (after.len() >= 2)
            .then(|| short_long_from(text, after, inner))
            .flatten()
    })
}

/// [`short_long`] for the short form at `sr`.
fn short_long_from(text: &str, sr: Range<usize>, inner: Range<usize>) -> Option<Candidate> {
    let short = &text[sr.clone()];
    if !is_short_candidate(short) || short.split_whitespace().count() > 1 {
        return None;
    }
    // A capitalised word before a bracket is usually a name ("Smith (who ...)"),
    // so ask for acronym shape: two capitals, or a capital and a digit.
    let upper = short.chars().filter(|c| c.is_uppercase()).count();
    let digit = short.chars().any(|c| c.is_ascii_digit());
    // "a gene, designated MCG18 (…)", "a protein named Lad (…)": the writer
    // says a name is being given, so its expansion in brackets is expected.
    let named = word_before(text, sr.start).is_some_and(|w| {
        NAMING_VERBS
            .iter()
            .any(|v| v.eq_ignore_ascii_case(&text[w.clone()]))
    });
    let strict = upper < 2 && !(upper == 1 && digit) && !named;
    let s = &text[inner.clone()];
    if s.contains(['"', '\u{201c}', '\u{201d}']) {
        // Quoted speech, not a definition.
        return None;
    }
    let mut longs = vec![inner.clone()];
    if let Some(cut) = s.find([',', ';']) {
        longs.push(trim_range(text, inner.start..inner.start + cut));
    }
    // "MDC9 (for metalloprotease ...)", "HIMARS (short for High Mobility
    // …)": the words introducing the long form are not part of it.
    const LONG_FORM_INTRODUCERS: &[&str] = &[
        "for ",
        "short for ",
        "which stands for ",
        "stands for ",
        "standing for ",
        "meaning ",
    ];
    if let Some(rest) = LONG_FORM_INTRODUCERS.iter().find_map(|i| s.strip_prefix(i)) {
        let st = inner.end - rest.len();
        longs.push(trim_range(text, st..inner.end));
        if let Some(cut) = rest.find([',', ';']) {
            longs.push(trim_range(text, st..st + cut));
        }
    }
    let pattern = Pattern::new(short);
    let max_words = (pattern.len() + 5).min(pattern.len() * 2);
    let mut best: Option<Candidate> = None;
    for lr in longs {
        let words = split_words(text, lr.clone());
        if words.is_empty() || words.len() > max_words {
            continue;
        }
        let Some((_, _, cost)) = align(text, &words, &pattern, true) else {
            continue;
        };
        let long = words[0].start..words[words.len() - 1].end;
        // "FILENAME [FILENAME2 [...]]": a command's syntax, not a name.
        if text[long.clone()].contains("...") || text[long.clone()].contains('…') {
            continue;
        }
        if !plausible_pair(short, &text[long.clone()]) {
            continue;
        }
        // Without acronym shape, only a letter per word will do: "Rif (Rho in
        // filopodia)", "rh (recombinant human)".
        if strict
            && (cost > 0.0 || words.len() != pattern.len() || pattern.len() < 2)
            && !spells_part_starts(short, &text[long.clone()])
        {
            continue;
        }
        let threshold = if named {
            pattern.threshold() * NAMED_SLACK
        } else {
            pattern.threshold()
        };
        if cost <= threshold && best.as_ref().is_none_or(|b| cost < b.cost) {
            best = Some(Candidate {
                short: sr.clone(),
                long,
                cost,
            });
        }
    }
    best
}

/// Whether the short form's letters are the first letters of the long
/// form's words and hyphenated parts, one each and in order, none left over:
/// "Ptpl (protein tyrosine phosphatase-like)".
fn spells_part_starts(short: &str, long: &str) -> bool {
    let starts = long
        .split([' ', '-'])
        .filter_map(|part| part.chars().next())
        .map(lower);
    short.chars().count() >= 3 && short.chars().map(lower).eq(starts)
}

/// Verbs that give a name: the word after them is being named.
const NAMING_VERBS: &[&str] = &[
    "designated",
    "designate",
    "named",
    "termed",
    "called",
    "dubbed",
];
/// How much looser the alignment may be for a name being given.
const NAMED_SLACK: f32 = 1.5;

/// Words that bracket text starts with when it is a remark, not a short form.
const NOT_SHORT: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "but", "by", "cf", "e.g", "eg", "etc", "for", "from",
    "he", "her", "here", "his", "i.e", "ibid", "ie", "in", "is", "it", "its", "not", "of", "on",
    "or", "see", "she", "sic", "so", "than", "that", "the", "their", "there", "they", "this", "to",
    "vs", "was", "we", "were", "which", "who", "with", "you", "also", "above", "below", "now",
    "only",
    // Data types after a parameter's name in reference pages: "interval (int)".
    "int", "uint", "bool", "char", "float", "enum", "dict",
];

/// Stop words inside long forms: cheap to leave unmatched.
const STOP: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to",
    "with", "via", "its", "per", "against", "between", "within", "without", "plus",
];

/// Schwartz & Hearst's shape test for a short form, widened as Ab3P does.
fn is_short_candidate(s: &str) -> bool {
    let n = s.chars().count();
    if !(2..=12).contains(&n) {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > 2 {
        return false;
    }
    let first = s.chars().next().unwrap_or(' ');
    if !first.is_alphanumeric() || !s.chars().any(char::is_alphabetic) {
        return false;
    }
    // "(2b)", "(1a)": labels of items in a list.
    let digits = s.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < s.len()
        && digits.len() == 1
        && digits.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return false;
    }
    // "(C, D)": several items; "(default: 0)": a setting and its value.
    if s.contains(", ") || s.contains(": ") {
        return false;
    }
    // Comparisons and statistics: "(p < 0.05)", "(n = 12)", "(95%)".
    if s.contains([
        '=', '<', '>', '\u{2264}', '\u{2265}', '\u{b1}', '%', '"', '\u{201c}', '\u{201d}',
    ]) {
        return false;
    }
    // Remarks start with a lowercase or capitalised word ("see", "See");
    // an all-caps "EG" or "SO" is a short form.
    let head = words[0].trim_end_matches(['.', ',', ':']);
    let caps = head.chars().filter(|c| c.is_uppercase()).count();
    if caps <= 1 && NOT_SHORT.contains(&head.to_lowercase().as_str()) {
        return false;
    }
    let has_upper = s.chars().any(char::is_uppercase);
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    if !has_upper && !has_digit {
        // Lowercase short forms exist ("kb", "wt") but long lowercase words
        // in brackets are nearly always plain words.
        if words.len() > 1 || n > 5 {
            return false;
        }
    }
    true
}

/// Pair-level sanity checks from S&H: the long form is longer and does not
/// merely contain the short form. Holding it whole past its start
/// ("uPA (r-uPAwt)"), the long form names a variant, not the meaning.
fn plausible_pair(short: &str, long: &str) -> bool {
    long.chars().count() > short.chars().count()
        && !contains_word(long, short)
        && !long.match_indices(short).any(|(at, _)| at > 0)
        && !names_the_short_form(long, short)
        && !is_code(short)
        && !is_code(long)
        && !ends_in_function_word(long)
        && has_content_word(long)
}

/// "Na+-H+ and Cl(-)-OH- (HCO3-)": symbols and a conjunction name nothing;
/// a long form spells out at least one word of three letters or more
/// besides "and", "the" and "for" (or any word in a script without
/// capitals, where two characters are a word: "日本").
fn has_content_word(long: &str) -> bool {
    long.split(|c: char| !c.is_alphabetic()).any(|w| {
        let long_enough = w.chars().count() >= 3 || !w.is_ascii();
        long_enough && !matches!(w.to_ascii_lowercase().as_str(), "and" | "the" | "for")
    })
}

/// Program text that prose about software quotes: `&'static [Boundary]`,
/// `x86_64-unknown-linux-gnu`, `Option<u16>`, `lab::labs_to_rgbs`.
fn is_code(s: &str) -> bool {
    s.contains(['_', '<', '>', '{', '}', '=', '`'])
        || s.contains("::")
        || s.contains("&'")
        || s.contains("&[")
}

/// "UTF-16 as (u16, …)", "UTF-8 & (u8 …)": a name does not end in "as",
/// "of", "the" or a sign (a capital letter is a name's part: "protein
/// kinase A").
fn ends_in_function_word(long: &str) -> bool {
    long.split_whitespace()
        .next_back()
        .is_some_and(|w| (w.len() > 1 && STOP.contains(&w)) || !w.contains(char::is_alphanumeric))
}

/// Whether a word of the long form is the short form with more code after
/// it: the bracket gives a shorter name of the same thing ("L1CAM (L1)",
/// "SHP-1C455S (SHP-1)"), not a definition. Only for short forms with a
/// digit, continued by a capital or a digit: "D-Galactosamine (D-Gal)" and
/// "CrB positive (CrB(+))" are definitions.
fn names_the_short_form(long: &str, short: &str) -> bool {
    short.chars().any(|c| c.is_ascii_digit())
        && long
            .split(|c: char| c.is_whitespace() || c == '(' || c == '[')
            .filter_map(|word| word.strip_prefix(short))
            .any(|rest| rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
}

/// Whether `needle` occurs in `hay` as a whole word: "Smoothened (Smo)" and
/// "D-Galactosamine (D-Gal)" are fine, "IL-2 and IL-2 (IL-2)" is not.
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A short form's alphanumeric characters, lowercased, as matched.
struct Pattern {
    chars: Vec<char>,
    /// Cost of leaving each character unmatched; infinite for the first.
    /// Digits ("FEV1", "hIF2") and a trailing plural "s" ("HMOs") are cheap
    /// to skip, other letters dear ("thyrotropin receptor (TSHR)").
    skip: Vec<f32>,
    /// Lowercase or a capitalised word: held to a stricter threshold.
    lowercase_only: bool,
}

impl Pattern {
    fn new(short: &str) -> Pattern {
        let raw: Vec<char> = short.chars().filter(|c| c.is_alphanumeric()).collect();
        let chars = raw.iter().copied().map(lower).collect();
        let n = raw.len();
        // "FEV(1.0)", "PGE(2)": a subscript in brackets at the end costs at
        // most what one digit does to leave unmatched.
        let subscript = short
            .strip_suffix(')')
            .and_then(|s| s.rfind('(').map(|at| &s[at + 1..]))
            .filter(|sub| !sub.is_empty() && short.len() > sub.len() + 3)
            .map_or(0, |sub| sub.chars().filter(|c| c.is_alphanumeric()).count());
        let skip = raw
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if i == 0 {
                    f32::INFINITY
                } else if i >= n - subscript {
                    P.skip_digit / subscript as f32
                } else if c.is_ascii_digit() {
                    P.skip_digit
                } else if i == n - 1 && n >= 3 && c == 's' && raw[i - 1].is_uppercase() {
                    P.skip_plural
                } else {
                    P.skip_letter
                }
            })
            .collect();
        Pattern {
            chars,
            skip,
            lowercase_only: !short
                .chars()
                .any(|c| c.is_uppercase() || c.is_ascii_digit())
                || is_capitalised_word(short),
        }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The pattern read from character `i` on, then its first `i`
    /// characters; every character must match.
    fn rotated(&self, i: usize) -> Pattern {
        let mut chars = self.chars[i..].to_vec();
        chars.extend_from_slice(&self.chars[..i]);
        let mut skip = vec![f32::INFINITY; chars.len()];
        skip[0] = f32::INFINITY;
        Pattern {
            chars,
            skip,
            lowercase_only: self.lowercase_only,
        }
    }

    /// The highest alignment cost accepted.
    fn threshold(&self) -> f32 {
        let k = self.len() as f32;
        if self.lowercase_only {
            P.lower_per_char * k
        } else {
            P.base + P.per_char * k
        }
    }
}

/// Alignment costs. The values were set by a coarse grid search on the
/// development corpora; recall and precision sit on a broad plateau around
/// them, so they are not fitted to individual examples.
struct Params {
    /// Matching the start of a hyphen, slash, camel-case or digit part.
    sub: f32,
    /// Each comma inside the long form.
    comma: f32,
    /// Starting the long form inside a compound ("anti-|tubular").
    mid_start: f32,
    /// A letter right after the previous matched one ("Fed" in "Federal").
    inner_next: f32,
    /// Any other letter from inside a word.
    inner: f32,
    /// A content word the short form skips.
    word_content: f32,
    /// The word next to the bracket when skipped (often a head noun).
    word_last: f32,
    /// A stop word the short form skips ("of", "the").
    word_stop: f32,
    /// A long form starting with a stop word: effectively forbidden.
    start_stop: f32,
    /// A digit of the short form not found in the long form.
    skip_digit: f32,
    /// A plural "s" of the short form not found in the long form.
    skip_plural: f32,
    /// Any other letter of the short form not found in the long form: names
    /// drift from their abbreviations ("glutathione (GSH)"), but one missing
    /// letter must be paid for by an otherwise clean alignment.
    skip_letter: f32,
    /// Reading the short form as a rotation of the long form.
    rotation: f32,
    /// A Greek letter's name found elsewhere in the long form than in the
    /// short form.
    greek: f32,
    /// Highest alignment cost of a rotation before its extra cost.
    rotation_cap: f32,
    /// Threshold: base + per_char * (short-form characters).
    base: f32,
    per_char: f32,
    /// Threshold for lowercase or capitalised-word short forms.
    lower_per_char: f32,
}

const P: Params = Params {
    sub: 0.5,
    comma: 3.0,
    mid_start: 0.5,
    inner_next: 0.25,
    inner: 1.0,
    word_content: 1.5,
    word_last: 1.0,
    word_stop: 0.25,
    start_stop: 10.0,
    skip_digit: 3.5,
    skip_plural: 0.0,
    skip_letter: 4.0,
    rotation: 1.5,
    greek: 0.5,
    rotation_cap: 0.75,
    base: 1.5,
    per_char: 0.75,
    lower_per_char: 0.75,
};

/// "Reuters", "Smith": in brackets usually a source or a name, so held to
/// the stricter threshold of lowercase short forms.
fn is_capitalised_word(s: &str) -> bool {
    let mut cs = s.chars();
    s.chars().count() >= 5
        && cs.next().is_some_and(char::is_uppercase)
        && cs.all(char::is_lowercase)
}

fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Where in its word a long-form character sits; letters at word and
/// sub-word starts are what acronyms are usually made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    WordStart,
    SubStart,
    Inner,
}

struct LChar {
    c: char,
    kind: Kind,
    word: usize,
}

/// Aligns `pattern` onto the words and returns the best long-form start
/// (word index and byte offset) and the cost. With `fixed_start` the long form must start at the first word.
///
/// `h[i][x]` is the cheapest way to match `pattern[i..]` after `pattern[i-1]` was
/// matched at long-form character `x`; it does not depend on where the long
/// form starts, so one table serves every start.
fn align(
    text: &str,
    words: &[Range<usize>],
    pattern: &Pattern,
    fixed_start: bool,
) -> Option<(usize, usize, f32)> {
    if pattern.len() == 0 {
        return None;
    }
    // Its ten tables are kept by the thread: allocated and freed for each
    // candidate pair, they were a fifth of aligning.
    thread_local! {
        static TABLES: RefCell<AlignTables> = RefCell::new(AlignTables::default());
    }
    TABLES.with_borrow_mut(|tables| align_in(tables, text, words, pattern, fixed_start))
}

/// [`align`]'s working tables.
#[derive(Default)]
struct AlignTables {
    chars: Vec<LChar>,
    starts: Vec<(usize, usize, usize, f32)>,
    word_pen: Vec<f32>,
    cstart: Vec<usize>,
    pre: Vec<f32>,
    commas: Vec<usize>,
    h: Vec<f32>,
    a: Vec<f32>,
    same: Vec<f32>,
    far: Vec<f32>,
}

fn emptied<T>(table: &mut Vec<T>) -> &mut Vec<T> {
    table.clear();
    table
}

/// `table` emptied and filled with `len` copies of `value`.
fn reset<T: Clone>(table: &mut Vec<T>, len: usize, value: T) -> &mut Vec<T> {
    table.clear();
    table.resize(len, value);
    table
}

fn align_in(
    tables: &mut AlignTables,
    text: &str,
    words: &[Range<usize>],
    pattern: &Pattern,
    fixed_start: bool,
) -> Option<(usize, usize, f32)> {
    let k = pattern.len();
    let chars = emptied(&mut tables.chars);
    // Where the long form may start: (word, char, byte, extra cost).
    let starts = emptied(&mut tables.starts);
    let word_pen = emptied(&mut tables.word_pen);
    // First character index of each word, and one past the last.
    let cstart = emptied(&mut tables.cstart);
    for (wi, w) in words.iter().enumerate() {
        cstart.push(chars.len());
        let s = &text[w.clone()];
        if is_bracketed(s) {
            // Not matched against, cheap to carry.
            word_pen.push(P.word_stop);
            continue;
        }
        let core = s.trim_matches(|c: char| !c.is_alphanumeric());
        // "A kinase-anchoring proteins (AKAPs)": a capital "A" is a letter.
        let stop = core != "A" && STOP.iter().any(|w| w.eq_ignore_ascii_case(core));
        let last = wi + 1 == words.len();
        word_pen.push(if stop {
            P.word_stop
        } else if last {
            // The word next to the bracket is in every candidate long form
            // and is often a head noun the short form skips ("nucleus").
            P.word_last
        } else {
            P.word_content
        });
        let mut first = None;
        let mut first_letter = None;
        let mut prev: Option<char> = None;
        let starts_alnum = s.chars().next().is_some_and(char::is_alphanumeric);
        for (bi, c) in s.char_indices() {
            if !c.is_alphanumeric() {
                prev = Some(c);
                continue;
            }
            // "2,3,7,8-tetrachlorodibenzo-p-dioxin (TCDD)": a numeric
            // prefix does not stop the first letter from starting the word.
            let numeric_prefix = first.is_some() && first_letter.is_none() && c.is_alphabetic();
            let kind = match prev {
                _ if numeric_prefix => Kind::WordStart,
                None if first.is_none() => Kind::WordStart,
                None => Kind::SubStart,
                Some(p) if !p.is_alphanumeric() => {
                    if first.is_none() {
                        Kind::WordStart
                    } else {
                        Kind::SubStart
                    }
                }
                Some(p) if p.is_lowercase() && c.is_uppercase() => Kind::SubStart,
                Some(p) if p.is_alphabetic() != c.is_alphabetic() => Kind::SubStart,
                _ => Kind::Inner,
            };
            // "three-dimensional (3D)", "Group of Seven (G7)": a number word
            // can stand for the digits of the short form. They go in as
            // extra characters just before the word.
            if c.is_alphabetic()
                && kind != Kind::Inner
                && let Some(digits) = number_word(&s[bi..])
            {
                if first.is_none() {
                    first = Some(chars.len());
                    if starts_alnum {
                        starts.push((wi, chars.len(), w.start, 0.0));
                    }
                }
                for (di, d) in digits.chars().enumerate() {
                    chars.push(LChar {
                        c: d,
                        kind: if di == 0 { kind } else { Kind::Inner },
                        word: wi,
                    });
                }
            }
            let here = chars.len();
            if first.is_none() {
                first = Some(here);
                if starts_alnum {
                    starts.push((wi, here, w.start, 0.0));
                }
            }
            if first_letter.is_none() && c.is_alphabetic() {
                first_letter = Some(here);
                if starts_alnum && kind == Kind::WordStart && first != Some(here) {
                    starts.push((wi, here, w.start, 0.0));
                }
            }
            // The short form may start inside a hyphenated word. Usually the
            // whole word is the name ("c-Jun N-terminal kinase (JNK)",
            // "12-O-tetradecanoylphorbol-13-acetate (TPA)"), but after a
            // modifying prefix or a dash the long form starts inside it
            // ("anti-tubular basement membrane (TBM)", "pro-Russian ...").
            // A long form that must start at its first word may still start
            // at a name's part ("(al-Shabaab Youth Movement, SYM)").
            if kind == Kind::SubStart && matches!(prev, Some('-' | '/')) {
                let head = &s[..bi - 1];
                let name_part = prev == Some('-') && !is_modifier_prefix(head);
                if name_part {
                    starts.push((wi, here, w.start, 0.0));
                } else if !fixed_start {
                    starts.push((wi, here, w.start + bi, P.mid_start));
                }
            }
            chars.push(LChar {
                c: lower(c),
                kind,
                word: wi,
            });
            prev = Some(c);
        }
    }
    let m = chars.len();
    // No start spells the pattern's first character: nothing to align (most
    // brackets after prose are such; the tables below are the cost).
    let first = pattern.chars[0];
    if !starts
        .iter()
        .any(|&(j, p, _, _)| chars[p].c == first && (!fixed_start || j == 0))
    {
        return None;
    }
    cstart.push(m);
    // Penalty of words wholly before index w: prefix sums.
    let pre = reset(&mut tables.pre, words.len() + 1, 0.0f32);
    for (i, p) in word_pen.iter().enumerate() {
        pre[i + 1] = pre[i] + p;
    }
    let n_words = words.len();
    let commas = reset(&mut tables.commas, n_words + 1, 0usize);
    for (i, w) in words.iter().enumerate() {
        commas[i + 1] = commas[i] + usize::from(text[w.end..].starts_with(','));
    }
    const INF: f32 = f32::INFINITY;
    // h[i * m + x]
    let h = reset(&mut tables.h, (k + 1) * m, INF);
    for x in 0..m {
        h[k * m + x] = pre[n_words] - pre[chars[x].word + 1];
    }
    // Linear in m per pattern character: the cost of going from x to y is
    // kind(y) + rest(y), plus the penalty of the words strictly between,
    // pre[word(y)] - pre[word(x) + 1]. Suffix minima give the best y in the
    // same word, in the next word, and in any later word.
    let a = reset(&mut tables.a, m, INF); // kind(y) + rest(y)
    let same = reset(&mut tables.same, m + 1, INF); // min a[y..end of y's word]
    let far = reset(&mut tables.far, m + 1, INF); // min a[y'] + pre[word(y')] over y' >= y
    for i in (1..k).rev() {
        let pc = pattern.chars[i];
        let (done, rest) = h.split_at_mut((i + 1) * m);
        let rest = &rest[..m];
        let cur = &mut done[i * m..];
        for y in (0..m).rev() {
            let ch = &chars[y];
            a[y] = if ch.c == pc && rest[y] < INF {
                rest[y]
                    + match ch.kind {
                        Kind::WordStart => 0.0,
                        Kind::SubStart => P.sub,
                        Kind::Inner => P.inner,
                    }
            } else {
                INF
            };
            let same_next = if y + 1 < m && chars[y + 1].word == ch.word {
                same[y + 1]
            } else {
                INF
            };
            same[y] = a[y].min(same_next);
            far[y] = (a[y] + pre[ch.word]).min(far[y + 1]);
        }
        for x in 0..m {
            let wx = chars[x].word;
            let mut best = pattern.skip[i] + rest[x];
            if x + 1 < m && chars[x + 1].word == wx {
                best = best.min(same[x + 1]);
                // Letters next to each other in a word ("Fed" in "Federal").
                let y = x + 1;
                if chars[y].c == pc && chars[y].kind == Kind::Inner {
                    best = best.min(P.inner_next + rest[y]);
                }
            }
            if wx + 1 < n_words && cstart[wx + 1] < cstart[wx + 2] {
                best = best.min(same[cstart[wx + 1]]);
            }
            if wx + 2 < n_words {
                best = best.min(far[cstart[wx + 2]] - pre[wx + 1]);
            }
            cur[x] = best;
        }
    }
    let mut best: Option<(usize, usize, f32)> = None;
    // Nearer starts are visited first, so ties keep the shorter long form.
    for &(j, p, byte, extra) in starts.iter().rev() {
        if fixed_start && j != 0 {
            continue;
        }
        if chars[p].c != pattern.chars[0] {
            continue;
        }
        let mut cost = h[m + p] + extra;
        if cost == INF {
            continue;
        }
        if word_pen[j] == P.word_stop {
            cost += P.start_stop;
        }
        // Commas separate list items and clauses far more often than they
        // sit inside a long form.
        cost += P.comma * (commas[n_words] - commas[j]) as f32;
        if best.is_none_or(|(_, _, b)| cost < b) {
            best = Some((j, byte, cost));
        }
    }
    best
}

/// The digits a number word at the start of `s` stands for, if the word ends
/// there: "two-dimensional" gives "2", "Twenty" gives "20".
fn number_word(s: &str) -> Option<&'static str> {
    const NUMBERS: &[(&str, &str)] = &[
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("ten", "10"),
        ("eleven", "11"),
        ("twelve", "12"),
        ("twenty", "20"),
        ("first", "1"),
        ("second", "2"),
        ("third", "3"),
        ("fourth", "4"),
        ("fifth", "5"),
        ("sixth", "6"),
        ("seventh", "7"),
        ("eighth", "8"),
        ("ninth", "9"),
        ("tenth", "10"),
    ];
    /// Roman numerals, upper case only: "casein kinase II (CK2)".
    const ROMAN: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    const DIGITS: &[&str] = &[
        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
        "17", "18", "19", "20",
    ];
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let word = &s[..end];
    if let Some(i) = ROMAN.iter().position(|r| *r == word) {
        return Some(DIGITS[i]);
    }
    NUMBERS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, d)| d)
}

/// Whether the part of a word before a hyphen modifies the name after it
/// rather than belonging to it: "anti-", "non-", "pro-", or a dash ("--").
fn is_modifier_prefix(head: &str) -> bool {
    const MODIFIERS: &[&str] = &[
        "anti", "non", "pro", "pre", "post", "ex", "pan", "semi", "multi", "inter", "intra",
        "trans", "cross", "self", "over", "under", "neo", "pseudo", "quasi",
    ];
    if head.ends_with('-') || head.is_empty() {
        return true;
    }
    let last = head.rsplit(['-', '/']).next().unwrap_or(head);
    MODIFIERS.iter().any(|m| m.eq_ignore_ascii_case(last))
}

/// Up to `max_words` words ending just before `open`, in text order, not
/// crossing a sentence end or an unbalanced bracket.
fn left_words(text: &str, open: usize, max_words: usize) -> Vec<Range<usize>> {
    let mut lo = open.saturating_sub(MAX_LEFT);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut words: Vec<Range<usize>> = Vec::new();
    let mut end = open;
    let bytes = text.as_bytes();
    // The long form must touch the bracket: only spaces in between.
    let before = &text[lo..open];
    let trimmed = before.trim_end();
    if trimmed.len() + 3 < before.len() {
        return words; // a line break or a gap, not "long form (SF)"
    }
    loop {
        // Skip whitespace, but not a paragraph break.
        let gap_end = end;
        while end > lo && bytes[end - 1].is_ascii_whitespace() {
            end -= 1;
        }
        if end <= lo || words.len() >= max_words || is_paragraph_break(&bytes[end..gap_end]) {
            break;
        }
        let mut start = end;
        while start > lo && end - start <= MAX_WORD && !bytes[start - 1].is_ascii_whitespace() {
            start -= 1;
        }
        if (start == lo && lo > 0) || end - start > MAX_WORD {
            break; // the word may be cut by the window, or is no word
        }
        let mut w = trim_word(text, start..end);
        let first = words.is_empty();
        if w.is_empty() || ends_clause(&text[start..end], first) || is_barrier(&text[w.clone()]) {
            break;
        }
        // "Oxytocin (OT) receptors (OTRs)": an earlier bracket inside the
        // long form is skipped over; one ending a list item or touching our
        // bracket ends the search.
        if is_bracketed(&text[w.clone()])
            && (first
                || text[start..end].ends_with([',', ';'])
                || text[w.end..end].contains(',')
                || !is_short_candidate(&text[w.start + 1..w.end - 1]))
        {
            break;
        }
        if !balanced_brackets(&text[w.clone()]) {
            // "[tensor palatini (TP), ...": an opening bracket starts the
            // phrase; keep what follows it and stop there.
            let s = &text[w.clone()];
            let t = s.trim_start_matches(['(', '[']);
            if t.len() == s.len() || !balanced_brackets(t) || t.is_empty() {
                break;
            }
            w.start += s.len() - t.len();
            words.push(w);
            break;
        }
        push_split(text, w, &mut words);
        end = start;
    }
    words.reverse();
    words
}

/// Pushes a word, right to left, split at slashes: in "PAK-1/protein kinase
/// N (PKN)" the long form starts after the slash, and "PAK-1" is a word the
/// short form leaves out, not a free prefix.
fn push_split(text: &str, w: Range<usize>, words: &mut Vec<Range<usize>>) {
    let s = &text[w.clone()];
    let ok = s.contains('/')
        && s.split('/')
            .all(|p| p.chars().count() >= 2 && balanced_brackets(p))
        && !is_bracketed(s);
    if !ok {
        words.push(w);
        return;
    }
    let mut end = w.end;
    for piece in s.rsplit('/') {
        let start = end - piece.len();
        words.push(start..end);
        end = start.saturating_sub(1);
    }
}

/// Words that belong to the sentence around a name, never inside one:
/// verbs like "is", pronouns, conjunctions that start clauses.
fn is_barrier(w: &str) -> bool {
    const BARRIER: &[&str] = &[
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "which", "that",
        "who", "whom", "whose", "when", "where", "while", "whereas", "than", "then", "we", "our",
        "they", "their", "these", "those", "this", "it", "he", "she", "his", "her", "also", "not",
        "but", "if", "because", "said", "says",
    ];
    // Finite verbs: a long form is a noun phrase, so a verb ends it ("the
    // ectodomain binds ectodysplasin-A2 (EDA-A2)"). Forms that double as
    // nouns in names ("Show", "Increases", "Causes") are left out.
    const VERBS: &[&str] = &[
        "activate",
        "activates",
        "became",
        "becomes",
        "bind",
        "binds",
        "consists",
        "contain",
        "contains",
        "converts",
        "elicit",
        "elicits",
        "encode",
        "encodes",
        "exhibit",
        "exhibits",
        "indicate",
        "indicates",
        "induce",
        "induces",
        "inhibit",
        "inhibits",
        "interacted",
        "interacts",
        "involve",
        "involves",
        "mediate",
        "mediates",
        "promote",
        "promotes",
        "provides",
        "reduce",
        "reduces",
        "regulate",
        "regulates",
        "remains",
        "represents",
        "require",
        "requires",
        "reveal",
        "revealed",
        "reveals",
        "showed",
        "shows",
        "suggest",
        "suggests",
    ];
    BARRIER.iter().any(|b| b.eq_ignore_ascii_case(w))
        || VERBS.iter().any(|v| v.eq_ignore_ascii_case(w))
}

/// Whether a word (left of the long form) closes the previous sentence or
/// clause, so the long form cannot reach across it. For the word next to the
/// bracket, a trailing comma or period already rules out "long form (SF)".
fn ends_clause(w: &str, next_to_bracket: bool) -> bool {
    let t = w.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}']);
    let Some(last) = t.chars().last() else {
        return true;
    };
    if last == ',' && next_to_bracket {
        return true;
    }
    if matches!(last, ';' | ':' | '!' | '?') {
        return true;
    }
    if last == '.' {
        // "U.S." is an abbreviation, not a sentence end.
        let inner_dot = t[..t.len() - 1].contains('.');
        // Nor is "Corp." in "British Aircraft Corp. (BAC)".
        let name_part = NAME_ABBREVIATIONS.iter().any(|a| t.eq_ignore_ascii_case(a));
        // Nor is a name's initial, "John F. Kennedy", "O. novo-ulmi".
        let initial = t.len() == 2 && t.as_bytes()[0].is_ascii_uppercase();
        let abbreviation = (inner_dot && t.len() <= 6) || name_part || initial;
        return !abbreviation;
    }
    false
}

/// Abbreviated words of organisations' and places' names, which end in a
/// period inside a long form: "Tokyo Electric Power Co. (TEPCO)".
const NAME_ABBREVIATIONS: &[&str] = &[
    "Co.", "Cos.", "Corp.", "Inc.", "Ltd.", "Bros.", "Assn.", "Assoc.", "Dept.", "Univ.", "Inst.",
    "Intl.", "Natl.", "Mfg.", "Govt.", "St.", "Mt.", "Ft.",
];

/// A whole word in brackets, like "(Erk1)," left of the long form: an earlier
/// remark or definition, which a long form does not run across.
fn is_bracketed(w: &str) -> bool {
    let t = w.trim_end_matches([',', ';', '.']);
    (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']'))
}

/// Strips quotes and trailing commas around a word; keeps inner punctuation.
fn trim_word(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let quote = |c: char| {
        matches!(
            c,
            '"' | '\'' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}'
        )
    };
    let t = s.trim_start_matches(quote);
    let start = r.start + (s.len() - t.len());
    let t2 = t.trim_end_matches(|c: char| quote(c) || c == ',');
    start..start + t2.len()
}

/// Words of `r`, split on whitespace.
fn split_words(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[r.clone()];
    let mut out = Vec::new();
    let mut pos = 0;
    for w in s.split_whitespace() {
        let off = s[pos..].find(w).map_or(pos, |o| pos + o);
        out.push(r.start + off..r.start + off + w.len());
        pos = off + w.len();
    }
    out
}

/// The word directly before `open` (a space or nothing between), trimmed of quotes.
fn word_before(text: &str, open: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut end = open;
    if end > 0 && bytes[end - 1] == b' ' {
        end -= 1;
    }
    let lo = open.saturating_sub(MAX_WORD);
    let mut start = end;
    while start > lo && !bytes[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    // Empty, or longer than a word (and maybe cut inside a character).
    if start == end || (start == lo && lo > 0) {
        return None;
    }
    let raw = &text[start..end];
    // "U.S. (United States)": an abbreviation's final period is no sentence end.
    let abbreviation = raw.ends_with('.') && raw[..raw.len() - 1].contains('.');
    if (raw.ends_with([',', '.', ';', ':']) && !abbreviation) || !balanced_brackets(raw) {
        return None;
    }
    let r = trim_word(text, start..end);
    (!r.is_empty()).then_some(r)
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_start();
    let start = r.start + (s.len() - t.len());
    start..start + t.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&str, &str)> {
        find_definitions(text)
            .into_iter()
            .map(|d| (&text[d.short], &text[d.long]))
            .collect()
    }

    #[test]
    fn basic_long_short() {
        assert_eq!(
            pairs("Japan shares Synthetic Aperture Radar (SAR) imagery."),
            vec![("SAR", "Synthetic Aperture Radar")]
        );
    }

    #[test]
    fn bracket_pairs_nest_and_stop_at_paragraphs() {
        let t = b"a (b [c] (d) e) f (g\nh) (i\n\nj) k)";
        let mut p = bracket_pairs(t);
        p.sort_unstable();
        assert_eq!(p, vec![(2, 14), (5, 7), (9, 11), (18, 22)]);
        // A long run of openings is forgotten, not rescanned.
        let many = "(".repeat(10_000) + "SAR)";
        assert_eq!(bracket_pairs(many.as_bytes()).len(), 1);
    }

    #[test]
    fn whole_word_containment() {
        assert!(contains_word("IL-2 receptor", "IL-2"));
        assert!(!contains_word("Smoothened", "Smo"));
        assert!(!contains_word("D-Galactosamine", "D-Gal"));
    }

    #[test]
    fn number_words_and_prefixes() {
        assert_eq!(number_word("three-dimensional"), Some("3"));
        assert_eq!(number_word("Seventh"), Some("7"));
        assert_eq!(number_word("tension"), None);
        assert!(is_modifier_prefix("anti"));
        assert!(is_modifier_prefix("malformations-"));
        assert!(!is_modifier_prefix("c"));
        assert!(!is_modifier_prefix("12-O"));
    }

    #[test]
    fn short_candidate_shapes() {
        assert!(is_short_candidate("SAR"));
        assert!(is_short_candidate("IL-2"));
        assert!(is_short_candidate("mAb"));
        assert!(!is_short_candidate("a"));
        assert!(!is_short_candidate("2023"));
        assert!(!is_short_candidate("see below"));
        assert!(!is_short_candidate("p < 0.05"));
        assert!(!is_short_candidate("e.g. tanks"));
    }
}
