//! The wrapper: every line fits its width, ranges are ordered and on char
//! boundaries, and only glyphs wider than the line may be dropped.
#![no_main]

use gloss::core::layout::{str_width, wrap};
use libfuzzer_sys::fuzz_target;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let width = (w as usize).max(1);
    let text = String::from_utf8_lossy(rest);
    let mut kept = String::new();
    let mut previous_end = 0;
    for line in wrap(&text, width) {
        let (start, end) = (line.start as usize, line.end as usize);
        assert!(previous_end <= start && start <= end);
        let slice = &text[start..end];
        assert!(str_width(slice) <= width, "{slice:?} wider than {width}");
        kept.push_str(slice);
        previous_end = end;
    }
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>();
    let too_wide = text
        .split([' ', '\n'])
        .flat_map(|w| w.graphemes(true))
        .any(|g| g.width() > width);
    if !too_wide {
        assert_eq!(visible(&kept), visible(&text));
    }
});
