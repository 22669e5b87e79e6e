//! `mdbook-transcript`: an mdBook preprocessor that builds and runs every listing of a
//! book and embeds its real captured output, so the prose cannot drift from code that
//! works.
//!
//! The crate is laid out as its architecture; imports only go down this list:
//!
//! - `cli`: the command line, one module per command (`build`, `check` and `bless`,
//!   `list`, `serve`) and mdBook's preprocessor protocol.
//! - `pipeline`: the stages, one child module each, in order: `parse`, `resolve`, `key`,
//!   `plan`, `build`, `run`, `judge` (with the expectation check under it), `snapshot`,
//!   `render`. Its `mod.rs` names the order and calls one function per stage.
//! - Leaf modules the stages share: `listing` (a listing and what it declares: metadata,
//!   `Expectation`, `Redaction`), `mode` (build, check, bless and every rule that follows
//!   from them), `config` (the book's `[preprocessor.transcript]`), `capture` (what a
//!   listing did), `anchor` (a source as shown), `files` (reads and atomic writes that
//!   name the file, and which files are sources), `report` and `progress` (everything
//!   printed to a person), `interrupt` (Ctrl-C stops every listing), `lock` (one run per
//!   workspace at a time), `run_log` (when each listing last ran), `duration`.
//!
//! Only [`main`] is public: the binary is the interface, and the tests drive it. The one
//! exception is the hidden [`fuzzing`] module, for the fuzz targets in `fuzz/`.

mod anchor;
mod capture;
mod ci_report;
mod cli;
mod config;
mod digest;
mod duration;
mod files;
mod interrupt;
mod listing;
mod lock;
mod mode;
mod pipeline;
mod progress;
mod report;
mod run_log;
mod shard;
mod terminal;
mod timeline;
mod toolchain;

pub use cli::main;

/// Entry points for the fuzz targets in `fuzz/` (and the test that replays their seeds):
/// the two places where the tool reads text that a person or git wrote. Not an API.
#[doc(hidden)]
pub mod fuzzing {
    use std::path::Path;

    use mdbook_preprocessor::book::{Book, Chapter};

    use crate::pipeline::{Snapshot, parse_book};
    use crate::report::Problems;

    /// Parses `text` as a chapter's directives, as a build does (the parse stage, with
    /// every malformed directive turned into a located problem).
    pub fn parse_chapter(text: &str) {
        let mut book = Book::new();
        book.push_item(Chapter::new(
            "Fuzzed",
            text.to_string(),
            "fuzzed.md",
            Vec::new(),
        ));
        // The page as written is looked for under a root that does not exist, so the
        // chapter's own text is what errors point into.
        let root = Path::new("/nonexistent/mdbook-transcript-fuzzing");
        let mut problems = Problems::default();
        let _ = parse_book(&book, root, Path::new("src"), 11, &mut problems);
    }

    /// Reads `text` as a listing's snapshot file; one that reads must read back the same
    /// after being written out again (what `save` writes, `load` takes).
    pub fn read_snapshot(text: &str) {
        let path = Path::new("code/fuzzed/transcript.toml");
        if let Ok(snapshot) = Snapshot::parse(path, text) {
            let written = snapshot.to_text();
            let reread = Snapshot::parse(path, &written);
            assert!(
                reread.as_ref().is_ok_and(|again| *again == snapshot),
                "a snapshot that was read does not read back the same once written:\n\
                 read {snapshot:?}\nwrote {written:?}\nread back {reread:?}"
            );
        }
    }
}
