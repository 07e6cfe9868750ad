// Shared by the loader targets (included with `mod common;`).

use gloss::core::model::Article;
use gloss::core::sanitize::is_forbidden;

/// Every string anywhere in the loaded articles passed the sanitizer.
pub fn assert_clean(articles: &[Article]) {
    fn walk(value: &serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                assert!(!s.chars().any(is_forbidden), "unsanitized {s:?}")
            }
            serde_json::Value::Array(items) => items.iter().for_each(walk),
            serde_json::Value::Object(map) => map.values().for_each(walk),
            _ => {}
        }
    }
    walk(&serde_json::to_value(articles).expect("articles serialize"));
}
