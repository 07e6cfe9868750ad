//! The config file: `config.toml` in the platform's config directory,
//! `$GLOSS_CONFIG`, or `--config PATH`. Every value is checked while parsing,
//! so a mistake is one error naming the key and its line.

use crate::app::action::Action;
use crate::app::keymap::{DEFAULT_KEYMAP, Key, Keymap};
use crate::app::panes::Focus;
use crate::app::state::{Palette, Settings};
use ratatui::style::Color;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub const CONFIG_FILE: &str = "config.toml";

/// Narrowest and widest text measure accepted.
const WIDTH_RANGE: std::ops::RangeInclusive<usize> = 20..=1000;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Action name → keys; an action listed here loses its default keys.
    #[serde(default)]
    pub keys: BTreeMap<ActionName, Vec<KeyName>>,
    #[serde(default)]
    pub theme: ThemeConfig,
    #[serde(default)]
    pub reader: ReaderConfig,
}

impl Default for Config {
    /// What an empty file means. (The printed default config lists every
    /// binding explicitly; it resolves to the same keymap.)
    fn default() -> Self {
        Config {
            keys: BTreeMap::new(),
            theme: ThemeConfig::default(),
            reader: ReaderConfig::default(),
        }
    }
}

/// A bindable action's config name (`page_down`), checked against [`Action`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ActionName(pub String);

impl<'de> Deserialize<'de> for ActionName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        action_of(&name)
            .map(|_| ActionName(name.clone()))
            .ok_or_else(|| serde::de::Error::custom(format!("unknown action {name:?}")))
    }
}

fn action_of(name: &str) -> Option<Action> {
    Action::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name))
        .ok()
}

/// A key as the keymap writes it (`ctrl-d`, `G`, `pagedown`), checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyName(pub String);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Key::parse(&name).map_err(serde::de::Error::custom)?;
        Ok(KeyName(name))
    }
}

/// A colour: a name (`cyan`, `light-cyan`, `reset`), `#rrggbb`, or 0–255.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorValue(pub Color);

impl<'de> Deserialize<'de> for ColorValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text).map(ColorValue).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown colour {text:?} (use a name like \"cyan\", \"#rrggbb\" or 0-255)"
            ))
        })
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub text: ColorValue,
    pub heading: ColorValue,
    pub term: ColorValue,
    pub highlight: ColorValue,
    pub accent: ColorValue,
    pub search: ColorValue,
    pub current_match: ColorValue,
}

impl Default for ThemeConfig {
    fn default() -> Self {
        let p = Palette::default();
        ThemeConfig {
            text: ColorValue(p.text),
            heading: ColorValue(p.heading),
            term: ColorValue(p.term),
            highlight: ColorValue(p.highlight),
            accent: ColorValue(p.accent),
            search: ColorValue(p.search),
            current_match: ColorValue(p.current_match),
        }
    }
}

/// The text measure, range-checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Width(pub usize);

impl<'de> Deserialize<'de> for Width {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        usize::try_from(n)
            .ok()
            .filter(|n| WIDTH_RANGE.contains(n))
            .map(Width)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "{n} is out of range ({}-{} columns)",
                    WIDTH_RANGE.start(),
                    WIDTH_RANGE.end()
                ))
            })
    }
}

/// A side pane by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaneName {
    Glossary,
    Timeline,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReaderConfig {
    pub max_width: Width,
    pub justify: bool,
    pub underline_terms: bool,
    pub panes: Vec<PaneName>,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        let s = Settings::default();
        ReaderConfig {
            max_width: Width(s.max_width),
            justify: s.justify,
            underline_terms: s.underline_terms,
            panes: s
                .panes
                .iter()
                .filter_map(|f| match f {
                    Focus::Glossary => Some(PaneName::Glossary),
                    Focus::Timeline => Some(PaneName::Timeline),
                    Focus::Text => None,
                })
                .collect(),
        }
    }
}

impl Config {
    /// Parses a config file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| describe_error(text, origin, &e))?;
        // In raw mode Ctrl-c is a key like any other: without a binding
        // for quit, only `kill` would end the reader.
        let bound = config.keymap().describe();
        if !bound.iter().any(|(_, action)| *action == Action::Quit) {
            return Err(format!("{origin}: keys.quit: no key is left to quit"));
        }
        Ok(config)
    }

    /// The settings this config gives (`no_color` from `NO_COLOR`).
    pub fn settings(&self, no_color: bool) -> Settings {
        let t = &self.theme;
        Settings {
            max_width: self.reader.max_width.0,
            underline_terms: self.reader.underline_terms,
            no_color,
            justify: self.reader.justify,
            panes: self
                .reader
                .panes
                .iter()
                .map(|p| match p {
                    PaneName::Glossary => Focus::Glossary,
                    PaneName::Timeline => Focus::Timeline,
                })
                .collect(),
            palette: Palette {
                text: t.text.0,
                heading: t.heading.0,
                term: t.term.0,
                highlight: t.highlight.0,
                accent: t.accent.0,
                search: t.search.0,
                current_match: t.current_match.0,
            },
        }
    }

    /// The default keymap with this config's `[keys]` applied.
    pub fn keymap(&self) -> Keymap {
        let table: BTreeMap<String, Vec<String>> = self
            .keys
            .iter()
            .map(|(a, keys)| (a.0.clone(), keys.iter().map(|k| k.0.clone()).collect()))
            .collect();
        let mut keymap = Keymap::default();
        keymap
            .apply(&table)
            .expect("names were checked while parsing");
        keymap
    }
}

/// One line: `PATH: line N: section.key: what is wrong`.
fn describe_error(text: &str, origin: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    let Some(span) = error.span() else {
        return format!("{origin}: {message}");
    };
    let mut start = span.start.min(text.len());
    // A bad element of a multi-line array is reported on the whole array:
    // point at the element the message quotes instead.
    if let Some(quoted) = message.split('"').nth(1).map(|q| format!("\"{q}\""))
        && let Some(found) = text
            .get(start..span.end.min(text.len()))
            .and_then(|t| t.find(&quoted))
    {
        start += found;
    }
    let line_no = text[..start].matches('\n').count() + 1;
    let lines: Vec<&str> = text.lines().collect();
    let mut section: Option<String> = None;
    let mut key: Option<String> = None;
    // Walk up from the error's line: the nearest `key =` (a value may span
    // lines) and the `[section]` it is in.
    for (index, line) in lines.iter().enumerate().take(line_no).rev() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let name = header.split(']').next().unwrap_or("").trim().to_owned();
            if index + 1 == line_no {
                // The error is the header itself (an unknown section).
                return format!("{origin}: line {line_no}: [{name}]: {message}");
            }
            section = Some(name);
            break;
        }
        if key.is_none()
            && let Some((k, _)) = trimmed.split_once('=')
        {
            key = Some(k.trim().trim_matches('"').to_owned());
        }
    }
    let path = match (section, key) {
        (Some(s), Some(k)) => format!("{s}.{k}"),
        (None, Some(k)) => k,
        (Some(s), None) => s,
        (None, None) => return format!("{origin}: line {line_no}: {message}"),
    };
    format!("{origin}: line {line_no}: {path}: {message}")
}

/// Where the config comes from: `--config`, `$GLOSS_CONFIG`, or the default
/// location. Only a missing file at the default location is not an error.
pub fn locate(explicit: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = explicit {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = std::env::var_os("GLOSS_CONFIG").filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let dirs = directories::ProjectDirs::from("", "", "gloss")?;
    Some((dirs.config_dir().join(CONFIG_FILE), false))
}

/// Reads and checks the config.
pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
    let Some((path, required)) = locate(explicit) else {
        return Ok(Config::default());
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, &path.display().to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
        Err(e) => Err(format!("cannot read config {}: {e}", path.display())),
    }
}

fn color_name(color: Color) -> String {
    match color {
        Color::Rgb(..) | Color::Indexed(_) => color.to_string(),
        // Display gives "LightCyan"; the file's style is "light-cyan"-free lowercase.
        other => other.to_string().to_lowercase(),
    }
}

/// A complete config file with every default written out and explained.
pub fn default_config() -> String {
    let mut out = String::from(
        "# gloss configuration. Every setting is shown with its default value;\n\
         # delete what you do not change. Unknown keys are errors.\n\n\
         # Key bindings: action = [keys]. Listing an action replaces all its\n\
         # default keys. Keys: a character (\"G\", \"/\"), \"space\", \"enter\", \"esc\",\n\
         # \"tab\", \"backtab\", \"backspace\", arrows (\"up\"), \"home\", \"end\",\n\
         # \"pageup\", \"pagedown\", \"delete\", \"insert\", \"f1\"…\"f12\", with \"ctrl-\"\n\
         # or \"alt-\" in front.\n[keys]\n",
    );
    for line in DEFAULT_KEYMAP.lines() {
        let name = line.split(' ').next().unwrap_or_default();
        if let Some(action) = action_of(name) {
            out.push_str(&format!("# {}\n", action.describe()));
        }
        out.push_str(line);
        out.push('\n');
    }
    let t = ThemeConfig::default();
    let r = ReaderConfig::default();
    let panes: Vec<String> = r
        .panes
        .iter()
        .map(|p| match p {
            PaneName::Glossary => "\"glossary\"".to_owned(),
            PaneName::Timeline => "\"timeline\"".to_owned(),
        })
        .collect();
    out.push_str(&format!(
        "\n# Colours: a name (\"cyan\", \"light-cyan\", \"dark-gray\", \"reset\" for the\n\
         # terminal's own), \"#rrggbb\", or a palette index 0-255. NO_COLOR turns\n\
         # all colour off.\n[theme]\n\
         # body text\ntext = \"{}\"\n\
         # headings\nheading = \"{}\"\n\
         # glossary terms in the text\nterm = \"{}\"\n\
         # background of text highlighted after a jump\nhighlight = \"{}\"\n\
         # titles, and what is on screen in the side panes\naccent = \"{}\"\n\
         # background of search matches, and of the one n and N went to\n\
         search = \"{}\"\ncurrent_match = \"{}\"\n\
         \n[reader]\n\
         # widest text measure, in columns ({}-{})\nmax_width = {}\n\
         # justify paragraphs\njustify = {}\n\
         # underline glossary terms (else colour only)\nunderline_terms = {}\n\
         # side panes shown at start: \"glossary\", \"timeline\"\npanes = [{}]\n",
        color_name(t.text.0),
        color_name(t.heading.0),
        color_name(t.term.0),
        color_name(t.highlight.0),
        color_name(t.accent.0),
        color_name(t.search.0),
        color_name(t.current_match.0),
        WIDTH_RANGE.start(),
        WIDTH_RANGE.end(),
        r.max_width.0,
        r.justify,
        r.underline_terms,
        panes.join(", "),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_default() {
        assert_eq!(Config::parse("", "c").unwrap(), Config::default());
    }

    #[test]
    fn error_names_section_key_and_line() {
        let e = Config::parse("[reader]\n\nmax_width = \"wide\"\n", "c.toml").unwrap_err();
        assert!(e.starts_with("c.toml: line 3: reader.max_width: "), "{e}");
    }

    #[test]
    fn unknown_section_is_named() {
        let e = Config::parse("[colours]\ntext = \"red\"\n", "c.toml").unwrap_err();
        assert!(e.contains("line 1") && e.contains("colours"), "{e}");
    }
}
