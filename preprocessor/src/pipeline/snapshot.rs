//! Stage 8, snapshot: one committed, human-readable file per listing, beside its code,
//! holding the content key and the capture. `plan` reads them, `judge` compares with
//! them, and this stage writes them, only once every listing passed, each atomically
//! (a temporary file in the same directory, then a rename), so an interrupted run never
//! leaves half a snapshot.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use similar::TextDiff;

use crate::capture::Capture;
use crate::files::{self, FileError, SNAPSHOT_FILE};
use crate::listing::{Listing, Redaction};

use super::resolve::UsedListings;

/// A snapshot that cannot be taken as it is.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SnapshotError {
    #[error(
        "{}:{line}: the snapshot has merge-conflict markers; resolve the conflict by \
         rerunning the listing",
        path.display()
    )]
    ConflictMarkers { path: PathBuf, line: usize },
    #[error(
        "{}: not a readable snapshot",
        path.display()
    )]
    Unreadable {
        path: PathBuf,
        #[source]
        source: toml::de::Error,
    },
    #[error(
        "{}: written by another version of mdbook-transcript, in a form this one does not read",
        path.display()
    )]
    Outdated { path: PathBuf },
    #[error(transparent)]
    File(#[from] FileError),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub(crate) listing: String,
    pub(crate) key: String,
    #[serde(flatten)]
    pub(crate) capture: Capture,
}

pub(crate) fn snapshot_path(listing_dir: &Path) -> PathBuf {
    listing_dir.join(SNAPSHOT_FILE)
}

impl Snapshot {
    /// Reads a listing's snapshot; `None` when it has none yet.
    pub(crate) fn load_for(listing: &Listing) -> Result<Option<Snapshot>, SnapshotError> {
        Snapshot::load(&snapshot_path(&listing.dir))
    }

    /// Reads the snapshot at `path`; `None` when there is none.
    pub(crate) fn load(path: &Path) -> Result<Option<Snapshot>, SnapshotError> {
        let Some(text) = files::read_to_string_optional(path)? else {
            return Ok(None);
        };
        Snapshot::parse(path, &text).map(Some)
    }

    /// Reads `text` as the snapshot at `path` (which only names it in errors).
    pub(crate) fn parse(path: &Path, text: &str) -> Result<Snapshot, SnapshotError> {
        if let Some(line) = conflict_marker_line(text) {
            return Err(SnapshotError::ConflictMarkers {
                path: path.to_path_buf(),
                line,
            });
        }
        toml::from_str(text).map_err(|source| {
            // A snapshot whose header reads, but not the rest, is from another capture
            // format: out of date, not damaged. Its key cannot match any more.
            let path = path.to_path_buf();
            let header = toml::from_str::<toml::Table>(text).is_ok_and(|table| {
                ["listing", "key"]
                    .iter()
                    .all(|field| table.get(*field).is_some_and(toml::Value::is_str))
            });
            if header {
                SnapshotError::Outdated { path }
            } else {
                SnapshotError::Unreadable { path, source }
            }
        })
    }

    /// The snapshot's file as [`save`](Snapshot::save) writes it: TOML with each output
    /// as a block of lines, to read and to diff. When a line of that would look like a
    /// git conflict marker (a listing printed `=======`), every string is written on one
    /// line instead, escapes and all, or [`load`](Snapshot::load) would refuse the file.
    pub(crate) fn to_text(&self) -> String {
        let pretty = toml::to_string_pretty(self).expect("a snapshot serialises");
        let body = match conflict_marker_line(&pretty) {
            None => pretty,
            Some(_) => one_line_strings(self),
        };
        // Escaped, so no name can end the comment line (a package name never would).
        format!(
            "# The real output of listing `{}`, captured by mdbook-transcript.\n\
             # Do not edit: rerun the book's build (or `bless`) to refresh it.\n{body}",
            self.listing.escape_debug()
        )
    }

    /// Writes the snapshot atomically.
    pub(crate) fn save(&self, path: &Path) -> Result<(), FileError> {
        files::write_atomically(path, self.to_text().as_bytes())
    }
}

/// Writes every snapshot in `to_write` beside its listing, first removing what an
/// earlier run that was killed mid-write left in that directory (the caller holds the
/// workspace lock, so no other run is writing there).
pub(crate) fn write_all(to_write: &[Snapshot], used: &UsedListings<'_>) -> Result<(), FileError> {
    for snapshot in to_write {
        let dir = &used[&snapshot.listing].listing.dir;
        files::remove_leftover_temporaries(dir)?;
        snapshot.save(&snapshot_path(dir))?;
    }
    Ok(())
}

/// `snapshot` as TOML with every string, in arrays too, as a one-line basic string.
fn one_line_strings(snapshot: &Snapshot) -> String {
    use toml_writer::{ToTomlKey, ToTomlValue, TomlStringBuilder};
    fn one_line(value: &toml::Value) -> String {
        match value {
            toml::Value::String(text) => TomlStringBuilder::new(text).as_basic().to_toml_value(),
            toml::Value::Array(items) => {
                let items: Vec<String> = items.iter().map(one_line).collect();
                format!("[{}]", items.join(", "))
            }
            toml::Value::Table(table) => {
                let entries: Vec<String> = table
                    .iter()
                    .map(|(key, value)| format!("{} = {}", key.to_toml_key(), one_line(value)))
                    .collect();
                format!("{{ {} }}", entries.join(", "))
            }
            other => other.to_string(),
        }
    }
    let table = toml::Table::try_from(snapshot).expect("a snapshot serialises");
    table
        .iter()
        .map(|(key, value)| format!("{} = {}\n", key.to_toml_key(), one_line(value)))
        .collect()
}

/// The first line (1-based) that git wrote as a merge-conflict marker, if any. Captured
/// output sits inside TOML strings, so a marker could only be real text if a listing
/// printed one at the start of a line; a conflict is far the likelier reading.
fn conflict_marker_line(text: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            line.starts_with("<<<<<<< ") || line == "=======" || line.starts_with(">>>>>>> ")
        })
        .map(|index| index + 1)
}

/// Volatile text every listing may print: Rust's panic message names the thread's OS
/// id (`thread 'main' (8780) panicked`), which differs on every run.
static PANIC_THREAD_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(thread '[^'\n]*') \(\d+\)").expect("the pattern is valid"));

/// `finished in 0.00s` (the test harness), `target(s) in 0.52s` (cargo).
static ELAPSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:finished|target\(s\)) in )\d+(?:\.\d+)?s").expect("the pattern is valid")
});

/// `deps/name-0123456789abcdef` (cargo's hashed file names, in `Running` lines).
static HASHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(deps/[\w-]+?)-[0-9a-f]{16}").expect("the pattern is valid"));

/// The text compared between a snapshot and a fresh run, with redactions applied.
fn comparable(capture: &Capture, redactions: &[Redaction]) -> String {
    let mut text = format!("compiled: {}\n", capture.compiled);
    if !capture.command.is_empty() {
        text.push_str(&format!("command: {}\n", capture.command));
    }
    section(&mut text, "diagnostics", &capture.diagnostics, redactions);
    for (index, run) in capture.runs.iter().enumerate() {
        text.push_str(&format!(
            "=== run {}: {}\noutcome: {}\n",
            index + 1,
            run.command,
            run.outcome
        ));
        section(&mut text, "stdin", run.stdin.as_deref().unwrap_or(""), &[]);
        section(&mut text, "stdout", &run.stdout, redactions);
        section(&mut text, "stderr", &run.stderr, redactions);
        section(&mut text, "timeline", &run.timeline.comparable(), &[]);
    }
    text
}

/// One stream, normalised and redacted, under its name; nothing when it is empty.
fn section(text: &mut String, name: &str, body: &str, redactions: &[Redaction]) {
    if body.is_empty() {
        return;
    }
    let body = normalised(body);
    text.push_str(&format!(
        "--- {name}\n{}",
        Redaction::apply_all(redactions, &body)
    ));
    if !body.ends_with('\n') {
        text.push_str("\n\\ no newline at end\n");
    }
}

/// What differs between runs of any listing without a change in what it did: a panic's
/// thread id, the time cargo and the test harness say they took, a hash in a path.
fn normalised(body: &str) -> String {
    let body = PANIC_THREAD_ID.replace_all(body, "$1 ([ID])");
    let body = ELAPSED.replace_all(&body, "$1[TIME]");
    HASHED.replace_all(&body, "$1-[HASH]").into_owned()
}

/// A unified diff from `old` to `new` (labelled by `labels`, old first), both in their
/// redacted forms (the labels then say so), or `None` when they agree after redaction.
pub(crate) fn diff(
    labels: (&str, &str),
    old: &Capture,
    new: &Capture,
    redactions: &[Redaction],
) -> Option<String> {
    let old = comparable(old, redactions);
    let new = comparable(new, redactions);
    if old == new {
        return None;
    }
    // Say so when what is compared is not exactly what was printed.
    let suffix = if redactions.is_empty() {
        ""
    } else {
        ", redacted"
    };
    let diff = TextDiff::from_lines(&old, &new);
    Some(
        diff.unified_diff()
            .context_radius(3)
            .header(
                &format!("{}{suffix}", labels.0),
                &format!("{}{suffix}", labels.1),
            )
            .to_string(),
    )
}

#[cfg(test)]
mod tests;
