//! `check --changes PATH`: every listing whose transcript a run changed, written as one
//! Markdown report, the snapshot's text beside this run's, stream by stream, then the
//! unified diff. Writes a file, prints nothing.

use std::path::Path;

use crate::capture::Capture;
use crate::files::{FileError, write_atomically};
use crate::mode::Request;
use crate::report::Invocation;
use crate::toolchain::Toolchain;

/// One listing whose transcript differs from its snapshot.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub(crate) listing: String,
    /// Where the book uses it (`src/page.md:3:1`).
    pub(crate) places: Vec<String>,
    pub(crate) old: Capture,
    pub(crate) new: Capture,
    /// The unified diff, as `check` shows it.
    pub(crate) diff: String,
}

/// What the report is about: how many transcripts were compared, under which toolchain.
struct Summary<'a> {
    compared: usize,
    /// `--toolchain`'s name, when one was given.
    toolchain: Option<&'a str>,
}

/// A report written: how many of how many transcripts changed, and where it is.
pub(crate) struct Written<'a> {
    changed: usize,
    compared: usize,
    path: &'a Path,
    toolchain: Option<&'a str>,
}

impl Written<'_> {
    /// Says how many changed, where the report is, and what takes them.
    pub(crate) fn announce(&self, invocation: &Invocation) {
        crate::report::changes_written(
            (self.changed, self.compared),
            &under(self.toolchain),
            self.path,
            &invocation.to_take_changes(self.toolchain),
        );
    }
}

/// Under `check --changes PATH`, writes the report of `changes` (of `compared`
/// transcripts) to PATH, atomically.
pub(crate) fn write_report<'r>(
    request: &'r Request,
    compared: usize,
    changes: &[Change],
) -> Result<Option<Written<'r>>, FileError> {
    let Some(path) = &request.changes else {
        return Ok(None);
    };
    let toolchain = request.toolchain.as_ref().map(Toolchain::name);
    let summary = Summary {
        compared,
        toolchain,
    };
    write_atomically(path, render(changes, &summary).as_bytes())?;
    Ok(Some(Written {
        changed: changes.len(),
        compared,
        path,
        toolchain,
    }))
}

/// `under `NAME`` or, without `--toolchain`, `under this run's toolchain`.
fn under(toolchain: Option<&str>) -> String {
    toolchain.map_or("under this run's toolchain".into(), |name| {
        format!("under `{name}`")
    })
}

fn render(changes: &[Change], summary: &Summary<'_>) -> String {
    let mut text = format!(
        "# Transcript changes {}\n\n{} of {} transcripts change {} against their snapshots.\n",
        under(summary.toolchain),
        changes.len(),
        summary.compared,
        under(summary.toolchain),
    );
    for change in changes {
        text.push_str(&format!(
            "\n## `{}` ({})\n",
            change.listing,
            change.places.join(", ")
        ));
        for (stream, old, new) in streams(&change.old, &change.new) {
            if old != new {
                text.push_str(&format!("\n### {stream}\n\n"));
                text.push_str(&side_by_side(&old, &new, summary.toolchain));
            }
        }
        text.push_str(&format!(
            "\n<details><summary>diff</summary>\n\n```diff\n{}```\n\n</details>\n",
            change.diff
        ));
    }
    text
}

/// Each stream of both captures, by a name that says where it comes from: the build's
/// command and its diagnostics, then each run's command and its stdout and stderr.
fn streams(old: &Capture, new: &Capture) -> Vec<(String, String, String)> {
    let build = if new.command.is_empty() {
        "build".to_string()
    } else {
        format!("`{}`", new.command)
    };
    let mut streams = vec![(
        format!("{build}: diagnostics"),
        old.diagnostics.clone(),
        new.diagnostics.clone(),
    )];
    let runs = old.runs.len().max(new.runs.len());
    for index in 0..runs {
        let (old_run, new_run) = (old.runs.get(index), new.runs.get(index));
        let command = new_run.or(old_run).map_or("", |run| run.command.as_str());
        let text = |run: Option<&crate::capture::RunCapture>, stdout: bool| {
            run.map_or(String::new(), |run| {
                if stdout {
                    run.stdout.clone()
                } else {
                    run.stderr.clone()
                }
            })
        };
        for (name, stdout) in [("stdout", true), ("stderr", false)] {
            streams.push((
                format!("run {}, `{command}`: {name}", index + 1),
                text(old_run, stdout),
                text(new_run, stdout),
            ));
        }
    }
    streams
}

/// An HTML table (which Markdown viewers render) of the snapshot's text beside this
/// run's.
fn side_by_side(old: &str, new: &str, toolchain: Option<&str>) -> String {
    let heading = toolchain.map_or("this run".into(), |name| format!("under {name}"));
    format!(
        "<table>\n<tr><th>snapshot</th><th>{}</th></tr>\n<tr><td><pre>\n{}</pre></td><td><pre>\n{}</pre></td></tr>\n</table>\n",
        escaped(&heading),
        escaped(old),
        escaped(new)
    )
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
