//! Keys to actions, through a table that a config file can replace.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The default bindings, in the config file's own format: action = \[keys\].
pub const DEFAULT_KEYMAP: &str = r#"down = ["j", "down"]
up = ["k", "up"]
page_down = ["space", "pagedown", "ctrl-f"]
page_up = ["b", "pageup", "ctrl-b"]
half_page_down = ["ctrl-d"]
half_page_up = ["ctrl-u"]
top = ["g", "home"]
bottom = ["G", "end"]
next_heading = ["]"]
previous_heading = ["["]
next_term = ["t"]
previous_term = ["T"]
focus_next = ["tab"]
focus_previous = ["backtab"]
activate = ["enter"]
open_note = ["o"]
toggle_aid_only = ["a"]
start_search = ["/"]
search_next = ["n"]
search_previous = ["N"]
toggle_help = ["?", "f1"]
toggle_library = ["L", "backspace"]
next_article = [">"]
previous_article = ["<"]
cycle_sort = ["s"]
toggle_scope = ["w"]
show_outline = ["O"]
show_links = ["u"]
edit_note = ["e"]
set_bookmark = ["m"]
list_bookmarks = ["'"]
cancel = ["esc"]
quit = ["q", "ctrl-c"]
"#;

/// A key with its modifiers, as written in the config ("ctrl-d", "G", "tab").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    pub code: KeyCodeName,
    pub ctrl: bool,
    pub alt: bool,
}

/// The part of a key code gloss binds; ordered so the help lists keys stably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyCodeName {
    Char(char),
    F(u8),
    Named(&'static str),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut ctrl = false;
        let mut alt = false;
        let mut rest = text;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = if rest == "space" {
            KeyCodeName::Char(' ')
        } else if let Some(&(name, _)) = NAMED.iter().find(|(n, _)| *n == rest) {
            KeyCodeName::Named(name)
        } else if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            KeyCodeName::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCodeName::Char(c),
                _ => return Err(format!("unknown key {text:?}")),
            }
        };
        Ok(Key { code, ctrl, alt })
    }

    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeName::Char(c),
            KeyCode::F(n) => KeyCodeName::F(n),
            other => KeyCodeName::Named(NAMED.iter().find(|(_, k)| *k == other)?.0),
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.code {
            KeyCodeName::Char(' ') => write!(f, "Space"),
            KeyCodeName::Char(c) => write!(f, "{c}"),
            KeyCodeName::F(n) => write!(f, "F{n}"),
            KeyCodeName::Named(n) => {
                let mut chars = n.chars();
                let first: String = chars
                    .next()
                    .map(|c| c.to_uppercase().collect())
                    .unwrap_or_default();
                write!(f, "{first}{}", chars.as_str())
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
        };
        keymap
            .apply(&default_table())
            .expect("the default keymap is valid (checked by tests)");
        keymap
    }
}

/// [`DEFAULT_KEYMAP`] as a table, read line by line: every line there is
/// `name = ["key", …]` with no quote, comma or backslash in a key. The TOML
/// parser's first use cost the first screen 60 µs; a test checks that both
/// read the same table.
fn default_table() -> BTreeMap<String, Vec<String>> {
    DEFAULT_KEYMAP
        .lines()
        .filter_map(|line| {
            let (name, keys) = line.split_once(" = ")?;
            let keys = keys.strip_prefix('[')?.strip_suffix(']')?;
            let keys = keys.split(", ").map(|k| k.trim_matches('"').to_owned());
            Some((name.to_owned(), keys.collect()))
        })
        .collect()
}

impl Keymap {
    /// Reads `action = ["key", …]` lines; later bindings of a key win.
    pub fn from_toml(text: &str) -> Result<Keymap, String> {
        let table: BTreeMap<String, Vec<String>> =
            toml::from_str(text).map_err(|e| e.to_string())?;
        let mut keymap = Keymap {
            bindings: BTreeMap::new(),
        };
        keymap.apply(&table)?;
        Ok(keymap)
    }

    /// Overrides bindings from a config table (action name → keys).
    pub fn apply(&mut self, table: &BTreeMap<String, Vec<String>>) -> Result<(), String> {
        for (name, keys) in table {
            let action = Action::deserialize(serde::de::value::StrDeserializer::<
                serde::de::value::Error,
            >::new(name))
            .map_err(|_| format!("unknown action {name:?}"))?;
            // Rebinding an action replaces its default keys.
            self.bindings.retain(|_, a| *a != action);
            for key in keys {
                self.bindings.insert(Key::parse(key)?, action.clone());
            }
        }
        Ok(())
    }

    pub fn action_for(&self, event: &KeyEvent) -> Option<Action> {
        // Shifted letters arrive as uppercase chars, so SHIFT is not part of a binding.
        self.bindings.get(&Key::from_event(event)?).cloned()
    }

    /// Keys bound to each action, in the default file's order, for the help.
    pub fn describe(&self) -> Vec<(String, Action)> {
        let mut by_action: Vec<(Action, Vec<String>)> = Vec::new();
        for (key, action) in &self.bindings {
            match by_action.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(key.to_string()),
                None => by_action.push((action.clone(), vec![key.to_string()])),
            }
        }
        let order: Vec<&str> = DEFAULT_KEYMAP
            .lines()
            .filter_map(|l| l.split(' ').next())
            .collect();
        by_action.sort_by_key(|(a, _)| {
            let name = serde_json::to_value(a)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            order.iter().position(|n| *n == name).unwrap_or(usize::MAX)
        });
        by_action
            .into_iter()
            .map(|(a, keys)| (keys.join(" "), a))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_default_table_reads_as_toml_reads_it() {
        let by_toml: BTreeMap<String, Vec<String>> =
            toml::from_str(DEFAULT_KEYMAP).expect("the default keymap is TOML");
        assert_eq!(default_table(), by_toml);
        assert_eq!(by_toml.len(), DEFAULT_KEYMAP.lines().count());
    }

    #[test]
    fn default_bindings() {
        let km = Keymap::default();
        assert_eq!(
            km.action_for(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrevious)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::PageDown)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('x'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn rebinding_replaces_defaults() {
        let mut km = Keymap::default();
        let table = BTreeMap::from([("quit".to_owned(), vec!["x".to_owned()])]);
        km.apply(&table).unwrap();
        assert_eq!(
            km.action_for(&key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            km.action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn unknown_names_are_errors() {
        assert!(
            Keymap::from_toml("fly = [\"f\"]")
                .unwrap_err()
                .contains("fly")
        );
        assert!(
            Keymap::from_toml("quit = [\"hyper-q\"]")
                .unwrap_err()
                .contains("hyper-q")
        );
    }
}
