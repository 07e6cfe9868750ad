//! The config file: valid files, the printed default, and one fixture per
//! kind of mistake, each giving one line that names the key and its line.

use gloss::app::action::Action;
use gloss::app::keymap::Keymap;
use gloss::app::panes::Focus;
use gloss::app::state::Settings;
use gloss::cli::config::{Config, default_config};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

fn parse_fixture(name: &str) -> Result<Config, String> {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    Config::parse(&text, name)
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn printed_default_parses_back_to_the_defaults() {
    let text = default_config();
    let config = Config::parse(&text, "default").unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(config.settings(false), Settings::default());
    assert_eq!(config.keymap().describe(), Keymap::default().describe());
    // Every bindable action is in it, with a comment.
    for (_, action) in Keymap::default().describe() {
        assert!(text.contains(action.describe()), "{action:?}");
    }
    // Same as an empty file.
    assert_eq!(
        Config::parse("", "empty").unwrap().settings(false),
        config.settings(false)
    );
}

#[test]
fn a_valid_file_applies() {
    let config = parse_fixture("valid.toml").unwrap();
    let settings = config.settings(false);
    assert_eq!(settings.max_width, 72);
    assert!(settings.justify);
    assert!(!settings.underline_terms);
    assert_eq!(settings.panes, vec![Focus::Timeline]);
    assert_eq!(settings.palette.heading, Color::LightMagenta);
    assert_eq!(settings.palette.term, Color::Rgb(0x88, 0xc0, 0xd0));
    assert_eq!(settings.palette.accent, Color::Indexed(208));
    assert_eq!(settings.palette.current_match, Color::Green);
    assert_eq!(settings.palette.search, Settings::default().palette.search);
    // Unchanged roles keep their defaults.
    assert_eq!(
        settings.palette.highlight,
        Settings::default().palette.highlight
    );
    let keymap = config.keymap();
    assert_eq!(keymap.action_for(&key('x')), Some(Action::Quit));
    assert_eq!(keymap.action_for(&key('q')), None);
    assert_eq!(keymap.action_for(&key('M')), Some(Action::SetBookmark));
    assert_eq!(keymap.action_for(&key('j')), Some(Action::Down));
}

/// Each bad fixture: the error is one line, names the file, the line and the
/// key, and says what is wrong.
#[test]
fn each_mistake_names_key_and_line() {
    let cases = [
        (
            "unknown-key.toml",
            "line 3",
            "reader.line_spacing",
            "unknown field",
        ),
        (
            "bad-value-type.toml",
            "line 4",
            "reader.underline_terms",
            "invalid type",
        ),
        (
            "unknown-action.toml",
            "line 3",
            "keys.teleport",
            "unknown action",
        ),
        (
            "bad-key-name.toml",
            "line 4",
            "keys.quit",
            "unknown key \"hyper-q\"",
        ),
        (
            "bad-colour.toml",
            "line 3",
            "theme.heading",
            "unknown colour \"blurple\"",
        ),
        (
            "bad-width.toml",
            "line 2",
            "reader.max_width",
            "out of range",
        ),
        (
            "unknown-section.toml",
            "line 4",
            "[colours]",
            "unknown field",
        ),
    ];
    for (name, line, key, what) in cases {
        let error = parse_fixture(name).unwrap_err();
        assert!(!error.contains('\n'), "{name}: not one line: {error}");
        let expected = format!("{name}: {line}: {key}: ");
        assert!(error.starts_with(&expected), "{name}: {error}");
        assert!(error.contains(what), "{name}: {error}");
    }
}

#[test]
fn a_bad_config_exits_with_status_2_and_one_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--config")
        .arg(fixture("bad-colour.toml"))
        .env(
            "GLOSS_STATE_DIR",
            std::env::temp_dir().join("gloss-config-test-state"),
        )
        .env(
            "GLOSS_DATA_DIR",
            std::env::temp_dir().join("gloss-config-test-data"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("line 3: theme.heading"), "{stderr}");
}

#[test]
fn gloss_config_env_names_the_file() {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .env("GLOSS_CONFIG", fixture("unknown-action.toml"))
        .env(
            "GLOSS_STATE_DIR",
            std::env::temp_dir().join("gloss-config-test-state"),
        )
        .env(
            "GLOSS_DATA_DIR",
            std::env::temp_dir().join("gloss-config-test-data"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("keys.teleport"));
    // An explicitly named file that does not exist is an error too.
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .env("GLOSS_CONFIG", fixture("no-such-file.toml"))
        .env(
            "GLOSS_STATE_DIR",
            std::env::temp_dir().join("gloss-config-test-state"),
        )
        .env(
            "GLOSS_DATA_DIR",
            std::env::temp_dir().join("gloss-config-test-data"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read config"));
}

#[test]
fn print_default_config_prints_what_parses() {
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .arg("--print-default-config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text, default_config());
    assert!(text.contains("[keys]") && text.contains("[theme]") && text.contains("[reader]"));
}

/// A config that leaves no key bound to quit is refused: in raw mode
/// nothing else ends the reader.
#[test]
fn a_config_must_leave_a_key_to_quit() {
    let refused = |text: &str| Config::parse(text, "c.toml").unwrap_err();
    for text in [
        "[keys]\nquit = []\n",
        "[keys]\ndown = [\"q\", \"ctrl-c\"]\n",
    ] {
        let error = refused(text);
        assert_eq!(error, "c.toml: keys.quit: no key is left to quit", "{text}");
    }
    assert!(
        Config::parse("[keys]\ndown = [\"q\"]\n", "c.toml").is_ok(),
        "ctrl-c still quits"
    );
}
