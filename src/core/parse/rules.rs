//! Data-driven clutter rules per platform (`assets/platforms.toml`).

use serde::Deserialize;
use std::sync::OnceLock;

const PLATFORMS_TOML: &str = include_str!("../../../assets/platforms.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Platform {
    pub name: String,
    #[serde(default)]
    pub signature: Vec<Pattern>,
    #[serde(default)]
    pub header: Vec<Pattern>,
    #[serde(default)]
    pub paid: Vec<Pattern>,
    #[serde(default)]
    pub anywhere: Vec<Pattern>,
    #[serde(default)]
    pub paywall: Vec<Pattern>,
    #[serde(default)]
    pub footer: Vec<Pattern>,
    #[serde(default)]
    pub end: Vec<Pattern>,
}

#[derive(Debug, Deserialize)]
struct PlatformFile {
    platform: Vec<Platform>,
}

/// All known platforms, parsed once from the embedded rules file.
pub fn platforms() -> &'static [Platform] {
    static PLATFORMS: OnceLock<Vec<Platform>> = OnceLock::new();
    PLATFORMS.get_or_init(|| {
        toml::from_str::<PlatformFile>(PLATFORMS_TOML)
            .expect("assets/platforms.toml is valid (checked by tests)")
            .platform
    })
}

/// A whole-line pattern: case-insensitive, `*` matches any run of characters.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "String")]
pub struct Pattern {
    /// Lowercased literal pieces between the `*`s.
    pieces: Vec<String>,
    anchored_start: bool,
    anchored_end: bool,
}

impl From<String> for Pattern {
    fn from(source: String) -> Self {
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
        Pattern::from(s.to_owned())
    }

    #[test]
    fn rules_file_parses_with_every_platform() {
        let names: Vec<_> = platforms().iter().map(|p| p.name.as_str()).collect();
        assert!(names.contains(&"substack") && names.contains(&"medium"));
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
