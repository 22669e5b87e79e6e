//! Stage 8, snapshot: one committed, human-readable file per listing, beside its code,
//! holding the content key and the capture. Written atomically (a temporary file in the
//! same directory, then a rename), so an interrupted run never leaves half a snapshot.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use anyhow::{Context, Result};
use regex::Regex;
use serde::{Deserialize, Serialize};
use similar::TextDiff;

use crate::capture::Capture;
use crate::listing_meta::Redaction;

/// The snapshot's file name inside the listing's crate directory.
pub const SNAPSHOT_FILE: &str = "transcript.toml";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub listing: String,
    pub key: String,
    #[serde(flatten)]
    pub capture: Capture,
}

pub fn snapshot_path(listing_dir: &Path) -> PathBuf {
    listing_dir.join(SNAPSHOT_FILE)
}

impl Snapshot {
    /// Reads a listing's snapshot; `None` when it has none yet.
    pub fn load(path: &Path) -> Result<Option<Snapshot>> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
        };
        if let Some(line) = conflict_marker_line(&text) {
            anyhow::bail!(
                "{}:{line}: the snapshot has merge-conflict markers; resolve the conflict by \
                 rerunning the listing: `bless` rewrites the snapshot from a fresh run",
                path.display()
            );
        }
        let snapshot = toml::from_str(&text).with_context(|| {
            format!(
                "{}: not a readable snapshot (delete it, or rerun with `bless` to rewrite it)",
                path.display()
            )
        })?;
        Ok(Some(snapshot))
    }

    /// Writes the snapshot atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        let body = toml::to_string_pretty(self).context("cannot serialise a snapshot")?;
        let text = format!(
            "# The real output of listing `{}`, captured by mdbook-transcript.\n\
             # Do not edit: rerun the book's build (or `bless`) to refresh it.\n{body}",
            self.listing
        );
        write_atomically(path, text.as_bytes())
    }
}

/// Replaces `path` with `bytes` all at once: a temporary file in the same directory,
/// synced, then renamed over it. A reader (or a crash) sees the old file or the new one,
/// never half of either. The file keeps the permissions of the one it replaces (new
/// files get 0644, not the temporary file's private 0600).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().context("a file path has a directory")?;
    let permissions = fs::metadata(path)
        .map(|old| old.permissions())
        .unwrap_or_else(|_| fs::Permissions::from_mode(0o644));
    let mut file = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().set_permissions(permissions))
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.persist(path)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(())
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

/// The text compared between a snapshot and a fresh run, with redactions applied.
fn comparable(capture: &Capture, redactions: &[Redaction]) -> String {
    let mut text = format!("outcome: {}\n", capture.outcome);
    for (name, body) in [
        ("diagnostics", &capture.diagnostics),
        ("stdout", &capture.stdout),
        ("stderr", &capture.stderr),
    ] {
        if !body.is_empty() {
            let body = PANIC_THREAD_ID.replace_all(body, "$1 ([ID])");
            text.push_str(&format!(
                "--- {name}\n{}",
                Redaction::apply_all(redactions, &body)
            ));
            if !body.ends_with('\n') {
                text.push_str("\n\\ no newline at end\n");
            }
        }
    }
    text
}

/// A unified diff from `old` to `new` (labelled by `labels`, old first), both in their
/// redacted forms (the labels then say so), or `None` when they agree after redaction.
pub fn diff(
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
#[path = "snapshot_tests.rs"]
mod tests;
