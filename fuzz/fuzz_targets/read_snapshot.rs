//! Any text, as a listing's `transcript.toml`: reading must never panic, and a snapshot
//! that reads must read back the same once written.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    mdbook_transcript::fuzzing::read_snapshot(text);
});
