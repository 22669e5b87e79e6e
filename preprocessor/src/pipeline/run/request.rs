//! One program to run, and which run of which listing it is.

use std::path::PathBuf;
use std::time::Duration;

/// Which run a request is: of which listing, which of its runs, which part of that run
/// (a `cargo test` run is one part per test executable).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct RunKey {
    pub(crate) listing: String,
    pub(crate) run: usize,
    pub(crate) part: usize,
}

/// One program to run.
#[derive(Debug, Clone)]
pub(crate) struct RunRequest {
    pub(crate) key: RunKey,
    pub(crate) executable: PathBuf,
    pub(crate) args: Vec<String>,
    /// Set on top of the fixed environment.
    pub(crate) env: Vec<(String, String)>,
    /// Written to its standard input, which is then closed (none: closed at once).
    pub(crate) stdin: Option<Vec<u8>>,
    /// A cargo command (`cargo-lines`): cargo's own environment is kept, and the
    /// package is cleaned first so that cargo shows it compiling.
    pub(crate) cargo_clean_first: Option<String>,
    pub(crate) working_dir: PathBuf,
    pub(crate) timeout: Duration,
    pub(crate) exclusive: bool,
    /// Bytes kept of each stream; the rest is drained, dropped and counted in a note.
    pub(crate) max_output: usize,
    /// One pipe for stdout and stderr, captured as stdout in the order written.
    pub(crate) interleave: bool,
}
