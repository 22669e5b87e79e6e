//! Any text, as a chapter's directives: the parse stage must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    mdbook_transcript::fuzzing::parse_chapter(text);
});
