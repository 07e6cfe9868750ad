//! Data-driven clutter rules per platform (`assets/platforms.toml`).
//!
//! The build script transcribes the TOML file into [`RAW_PLATFORMS`]: its
//! patterns are made into [`Pattern`]s on first use.

use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub struct Platform {
    pub name: &'static str,
    pub signature: Vec<Pattern>,
    pub header: Vec<Pattern>,
    pub paid: Vec<Pattern>,
    pub anywhere: Vec<Pattern>,
    pub paywall: Vec<Pattern>,
    pub footer: Vec<Pattern>,
    pub end: Vec<Pattern>,
}

/// A platform's rules as written in the rules file.
struct RawPlatform {
    name: &'static str,
    signature: &'static [&'static str],
    header: &'static [&'static str],
    paid: &'static [&'static str],
    anywhere: &'static [&'static str],
    paywall: &'static [&'static str],
    footer: &'static [&'static str],
    end: &'static [&'static str],
}

/// Every platform of `assets/platforms.toml`, in file order.
const RAW_PLATFORMS: &[RawPlatform] = include!(concat!(env!("OUT_DIR"), "/platform_rules.rs"));

/// All known platforms, made once from the embedded rules.
pub fn platforms() -> &'static [Platform] {
    static PLATFORMS: OnceLock<Vec<Platform>> = OnceLock::new();
    PLATFORMS.get_or_init(|| {
        let patterns = |sources: &[&str]| sources.iter().copied().map(Pattern::from).collect();
        RAW_PLATFORMS
            .iter()
            .map(|raw| Platform {
                name: raw.name,
                signature: patterns(raw.signature),
                header: patterns(raw.header),
                paid: patterns(raw.paid),
                anywhere: patterns(raw.anywhere),
                paywall: patterns(raw.paywall),
                footer: patterns(raw.footer),
                end: patterns(raw.end),
            })
            .collect()
    })
}

/// A whole-line pattern: case-insensitive, `*` matches any run of characters.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Lowercased literal pieces between the `*`s.
    pieces: Vec<String>,
    anchored_start: bool,
    anchored_end: bool,
}

impl From<&str> for Pattern {
    fn from(source: &str) -> Self {
        let lower = source.to_lowercase();
        Pattern {
            anchored_start: !lower.starts_with('*'),
            anchored_end: !lower.ends_with('*'),
            pieces: lower
                .split('*')
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

impl Pattern {
    /// Words of literal text the pattern asks for ("Keep reading with a
    /// *-day free trial" has seven, "Read more" two).
    pub fn literal_words(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| p.split_whitespace().count())
            .sum()
    }

    pub fn matches(&self, line: &str) -> bool {
        self.matches_lower(&line.trim().to_lowercase())
    }

    /// Like [`Pattern::matches`] on a line already trimmed and lowercased, so
    /// one line is lowercased once for a whole rule set.
    pub fn matches_lower(&self, line: &str) -> bool {
        let mut rest = line;
        let last = self.pieces.len().saturating_sub(1);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i == 0 && self.anchored_start {
                match rest.strip_prefix(piece.as_str()) {
                    Some(r) => rest = r,
                    None => return false,
                }
            } else if i == last && self.anchored_end {
                // The last piece must end the line, after at least what came before.
                return rest.ends_with(piece.as_str()) && rest.len() >= piece.len();
            } else {
                match rest.find(piece.as_str()) {
                    Some(at) => rest = &rest[at + piece.len()..],
                    None => return false,
                }
            }
        }
        !self.anchored_end || rest.is_empty() || self.pieces.is_empty()
    }
}

/// Clutter is always a short line; longer ones are text and never checked.
pub const MAX_CLUTTER_LINE: usize = 300;

pub fn any_matches(patterns: &[Pattern], line: &str) -> bool {
    if line.len() > MAX_CLUTTER_LINE {
        return false;
    }
    let lower = line.trim().to_lowercase();
    patterns.iter().any(|p| p.matches_lower(&lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(s: &str) -> Pattern {
        Pattern::from(s)
    }

    #[test]
    fn rules_file_parses_with_every_platform() {
        let names: Vec<_> = platforms().iter().map(|p| p.name).collect();
        assert!(names.contains(&"substack") && names.contains(&"medium"));
        // Each kind of rule made it through the build script.
        let substack = &platforms()[0];
        for (kind, rules) in [
            ("signature", &substack.signature),
            ("header", &substack.header),
            ("paid", &substack.paid),
            ("anywhere", &substack.anywhere),
            ("paywall", &substack.paywall),
            ("footer", &substack.footer),
            ("end", &substack.end),
        ] {
            assert!(!rules.is_empty(), "substack has no {kind} rules");
        }
        assert!(
            substack
                .signature
                .iter()
                .any(|p| p.matches("Ann Lee’s avatar"))
        );
        assert!(
            substack
                .paywall
                .iter()
                .any(|p| p.matches("This post is for paid subscribers"))
        );
    }

    #[test]
    fn literal_patterns_match_whole_lines_only() {
        assert!(pat("Share").matches("  share "));
        assert!(!pat("Share").matches("Share this"));
    }

    #[test]
    fn wildcards_match_inside_and_at_ends() {
        let p = pat("Subscribe to * to keep reading this post*");
        assert!(
            p.matches("Subscribe to The Ledger to keep reading this post and get 7 days free.")
        );
        assert!(!p.matches("Subscribe to The Ledger"));
        assert!(pat("*'s avatar").matches("Ann Lee's avatar"));
        assert!(pat("© * *").matches("© 2025 Ann Lee"));
        assert!(!pat("© * *").matches("©"));
        assert!(pat("* min read").matches("8 min read"));
    }
}
