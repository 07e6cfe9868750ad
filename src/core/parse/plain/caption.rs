//! A photo caption's parts: its text, the photographer's or agency's
//! credit and the licence, however the page wrote them.

use memchr::memmem::Finder;
use std::sync::LazyLock;

pub(crate) struct Caption {
    pub(crate) text: String,
    pub(crate) credit: Option<String>,
    pub(crate) license: Option<String>,
}

/// Licences that follow a photo credit.
pub(super) const LICENSES: &[&str] = &[
    "public domain",
    "all rights reserved",
    "cc0",
    "cc by",
    "cc-by",
    "creative commons",
    "used with permission",
    "licensed under",
    "fair use",
];

/// Words that make a parenthesised remark a photo credit.
pub(super) const CREDIT_CUES: &[&str] = &[
    "photo",
    "image",
    "picture",
    "credit",
    "courtesy",
    "getty",
    "reuters",
    "afp",
    "ap/",
    "epa",
    "shutterstock",
    "wikimedia",
    "via ",
    "file/",
];

/// A paragraph ending in a photo credit, "(DoD photo by Jane Roe). Public domain",
/// "Photo: Jane Roe/Reuters" or similar. A credit that does not name a photo
/// makes a caption only when it is the first paragraph, where captions stand.
pub(crate) fn split_caption(text: &str, first_paragraph: bool) -> Option<Caption> {
    // "[1/4] …": a gallery's counter before the caption.
    let counted = gallery_counter(text);
    let text = text[counted..].trim_end();
    // "… REUTERS/Ann Lee Purchase Licensing Rights": a button after the credit.
    let text = CAPTION_BUTTONS
        .iter()
        .find_map(|b| text.strip_suffix(b))
        .map_or(text, str::trim_end);
    split_parenthesised_credit(text, first_paragraph)
        .or_else(|| split_bracketed_credit(text))
        .or_else(|| split_piped_credit(text))
        .or_else(|| split_trailing_credit(text))
        .or_else(|| (first_paragraph || counted > 0).then(|| split_agency_credit(text))?)
}

/// "… before the session in Tokyo [File: Ann Lee/Reuters]": a credit in
/// square brackets that ends the caption, as some news sites write it. An
/// editor's brackets in a quotation ("\[sic\]", "\[the ministry\]") stand
/// inside the sentence and name no agency or photographer.
pub(super) fn split_bracketed_credit(text: &str) -> Option<Caption> {
    let inner = text.strip_suffix(']')?;
    let open = inner.rfind('[')?;
    let credit = inner[open + 1..].trim();
    let caption = inner[..open].trim_end();
    let lower = credit.to_lowercase();
    // "Name/Agency", "File: Name/Agency", "Courtesy of …".
    let name_slash_agency = credit.split_once('/').is_some_and(|(name, agency)| {
        name.trim_start_matches("File:")
            .trim()
            .starts_with(char::is_uppercase)
            && agency.trim().starts_with(char::is_uppercase)
    });
    // A bare agency ("[Reuters]") after a full stop attributes a paragraph.
    let cue = CREDIT_CUES.iter().any(|c| lower.contains(c))
        && !caption.ends_with(['.', '!', '?', '"', '”']);
    let credited = credit.len() <= 80 && (cue || name_slash_agency);
    (credited && caption.split_whitespace().count() >= 3).then(|| Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// "… in Washington. | Pool photo by Ann Lee/Getty Images": a credit after a
/// bar, as some news sites set it; a credit's opening or an agency's name
/// tells it from a title's "… | Section".
pub(super) fn split_piped_credit(text: &str) -> Option<Caption> {
    // The bar is looked for near the end only: every paragraph comes here.
    let mut near_end = text.len().saturating_sub(MAX_PIPED_CREDIT + 3);
    while !text.is_char_boundary(near_end) {
        near_end += 1;
    }
    let bar = near_end + last_bar(&text.as_bytes()[near_end..])?;
    let (caption, credit) = (text[..bar].trim_end(), text[bar + 3..].trim());
    let lower = credit.to_lowercase();
    let opens = ["pool photo by ", "file photo by "]
        .iter()
        .chain(CREDIT_LEADS)
        .any(|lead| lower.starts_with(lead));
    let agency = CREDIT_CUES.iter().any(|c| lower.contains(c));
    let credited = (opens || agency)
        && credit.len() <= MAX_PIPED_CREDIT
        && credit.split_whitespace().count() <= 10;
    // One bar: a row of a table set in bars has more.
    let captioned = caption.split_whitespace().count() >= 3 && !caption.contains(" | ");
    (credited && captioned).then(|| Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// Where the last " | " in `bytes` starts: a byte search, as every
/// paragraph's end is looked at.
pub(super) fn last_bar(bytes: &[u8]) -> Option<usize> {
    let mut end = bytes.len();
    while let Some(bar) = memchr::memrchr(b'|', &bytes[..end]) {
        if bar > 0 && bytes[bar - 1] == b' ' && bytes.get(bar + 1) == Some(&b' ') {
            return Some(bar - 1);
        }
        end = bar;
    }
    None
}

/// Longest credit after a bar, in bytes.
pub(super) const MAX_PIPED_CREDIT: usize = 100;

/// Buttons that news sites print after a photo's credit.
pub(super) const CAPTION_BUTTONS: &[&str] =
    &["Purchase Licensing Rights", "Acquire Licensing Rights"];

/// The length of a gallery's counter ("[1/4] ") at the start of `text`, or 0.
pub(super) fn gallery_counter(text: &str) -> usize {
    let Some(rest) = text.strip_prefix('[') else {
        return 0;
    };
    let Some(close) = rest.find(']') else {
        return 0;
    };
    let inside = &rest[..close];
    let counter = inside.split_once('/').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if !counter {
        return 0;
    }
    let after = &rest[close + 1..];
    1 + close + 1 + (after.len() - after.trim_start().len())
}

/// "… in Kyiv, March 21, 2023. REUTERS/Ann Lee": a news agency's credit,
/// its name in capitals before a slash and the photographer's name, as
/// the last sentence of a caption.
pub(super) fn split_agency_credit(text: &str) -> Option<Caption> {
    let dot = text.rfind(". ")?;
    let credit = text[dot + 2..].trim().trim_end_matches('.');
    let (agency, name) = credit.split_once('/')?;
    let capitals = agency.len() >= 2 && agency.bytes().all(|b| b.is_ascii_uppercase());
    let words = name.split(['/', ' ']).filter(|w| !w.is_empty());
    let named = name.split_whitespace().count() <= 6
        && words.clone().count() > 0
        && words.into_iter().all(|w| w.starts_with(char::is_uppercase));
    if !capitals || !named || credit.len() > 80 {
        return None;
    }
    Some(Caption {
        text: text[..=dot].to_owned(),
        credit: Some(credit.to_owned()),
        license: None,
    })
}

/// Openings of a credit written as a sentence of its own after the caption.
pub(super) const CREDIT_LEADS: &[&str] = &[
    "photo by ",
    "photo: ",
    "photograph by ",
    "photograph: ",
    "image: ",
    "image by ",
    "picture: ",
    "credit: ",
    // "… on Tuesday.Credit...Ann Lee for The Times": the credit under a
    // photo, copied onto the caption's line.
    "credit...",
    "credit…",
    "photo courtesy of ",
    "illustration by ",
];

/// "Cranes at dusk. Photo by Ann Lee on Unsplash" (the credit often sits on
/// its own line under the caption, joined into one paragraph here).
pub(super) fn split_trailing_credit(text: &str) -> Option<Caption> {
    // Cheap tests first: captions are short and name a photo, image or credit.
    // Every paragraph comes here: the words are looked for with searchers
    // built once, not a new one per word and paragraph.
    static CUES: LazyLock<[Finder<'static>; 5]> =
        LazyLock::new(|| ["hoto", "mage", "redit", "icture", "llustration"].map(Finder::new));
    if text.len() > 1200 || !CUES.iter().any(|c| c.find(text.as_bytes()).is_some()) {
        return None;
    }
    // The last lead, in any ASCII case, that starts a sentence: found by
    // walking back over sentence ends, which a caption has few of (an
    // automaton built on first use cost the first screen 50 µs). Compared
    // over the text as written: offsets into a lowercased copy are not
    // offsets into the text once a letter changes length ("İ").
    let bytes = text.as_bytes();
    let at = (0..bytes.len())
        .rev()
        .filter(|&end| match bytes[end] {
            b'.' | b'!' | b'?' | b'"' => true,
            // The last byte of a closing quote "”".
            0x9D => bytes[..=end].ends_with("”".as_bytes()),
            _ => false,
        })
        .map(|end| {
            let after = &text[end + 1..];
            end + 1 + (after.len() - after.trim_start().len())
        })
        .find(|&start| {
            CREDIT_LEADS.iter().any(|lead| {
                bytes
                    .get(start..start + lead.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(lead.as_bytes()))
            })
        })?;
    let caption = text[..at].trim_end();
    let credit_text = text[at..].trim().trim_end_matches('.');
    // "Credit...Ann Lee": the label is the page's, the credit the name.
    let credit_text = ["credit...", "credit…"]
        .iter()
        .find_map(|label| {
            credit_text
                .get(..label.len())
                .filter(|head| head.eq_ignore_ascii_case(label))
                .map(|_| &credit_text[label.len()..])
        })
        .unwrap_or(credit_text);
    if credit_text.len() > 120 || caption.is_empty() {
        return None;
    }
    // A licence after the credit: "Photo: Ann Lee. CC BY 4.0".
    let (credit, license) = match credit_text.rfind(". ") {
        Some(dot)
            if LICENSES
                .iter()
                .any(|l| credit_text[dot + 2..].to_lowercase().starts_with(l)) =>
        {
            (&credit_text[..dot], Some(credit_text[dot + 2..].to_owned()))
        }
        _ => (credit_text, None),
    };
    Some(Caption {
        text: caption.to_owned(),
        credit: Some(credit.to_owned()),
        license,
    })
}

pub(super) fn split_parenthesised_credit(text: &str, first_paragraph: bool) -> Option<Caption> {
    let open = text.rfind('(')?;
    let close = open + text[open..].find(')')?;
    let credit = text[open + 1..close].trim();
    let tail = text[close + 1..]
        .trim()
        .trim_start_matches('.')
        .trim()
        .trim_end_matches('.');
    // What rules it out without lowering anything: a long credit, or a
    // tail too long to be a licence (most brackets stand mid-paragraph).
    if credit.len() > 120 || tail.len() > 60 {
        return None;
    }
    let credit_lower = credit.to_lowercase();
    let tail_lower = tail.to_lowercase();
    let is_license =
        tail.is_empty() || (tail.len() <= 60 && LICENSES.iter().any(|l| tail_lower.starts_with(l)));
    let names_photo = ["photo", "image", "picture"]
        .iter()
        .any(|c| credit_lower.contains(c));
    // "Photo taken Feb. 19 shows … (Kyodo)": a caption that says it is one,
    // credited to a name.
    let photo_lead = [
        "photo taken",
        "photo shows",
        "file photo",
        "picture taken",
        "picture shows",
        "image taken",
        "image shows",
    ]
    .iter()
    .any(|lead| {
        text.as_bytes()
            .get(..lead.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(lead.as_bytes()))
    });
    let credit_name = credit.split_whitespace().count() <= 4
        && credit.split_whitespace().all(|w| {
            w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit())
        });
    let cue = CREDIT_CUES.iter().any(|c| credit_lower.contains(c)) || (photo_lead && credit_name);
    let names_photo = names_photo || photo_lead;
    if !is_license
        || !cue
        || credit.len() > 120
        || !(first_paragraph || names_photo || !tail.is_empty())
    {
        return None;
    }
    let caption = text[..open].trim_end().to_owned();
    if caption.is_empty() {
        return None;
    }
    Some(Caption {
        text: caption,
        credit: Some(credit.to_owned()),
        license: (!tail.is_empty()).then(|| tail.to_owned()),
    })
}
