//! What one listing did: the typed result where build, run, judge, snapshot and render
//! meet. `judge` puts it together from what the build and the run stages report.

mod outcome;
mod paths;
mod styles;

use serde::{Deserialize, Serialize};

pub(crate) use outcome::Outcome;
pub(crate) use paths::{MachinePaths, Places};
pub(crate) use styles::Styles;

use crate::terminal;
use crate::timeline::Timeline;

/// The version of how a run is captured (environment, caps, notes, what counts as a
/// panic). It is part of every content key: bump it whenever a change to the tool can
/// change what a listing's capture holds, and every snapshot is taken again. The tool's
/// own version is in the key too, but that changes only at a release.
pub(crate) const CAPTURE_FORMAT: u32 = 5;

/// Everything a listing showed: what the compiler said (or clippy), then each run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Capture {
    /// For a listing that does not run (it does not compile, or it is only built or
    /// linted): the command whose output the diagnostics are, as a reader types it. A
    /// listing that runs has it on each run instead.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) command: String,
    /// Whether it compiled (for `clippy`: whether clippy found no error).
    pub(crate) compiled: bool,
    /// Lint names and error codes of the diagnostics, such as `unused_must_use`, `E0728`.
    #[serde(default)]
    pub(crate) codes: Vec<String>,
    /// The compiler's rendered diagnostics for this listing (empty when it had none).
    #[serde(default)]
    pub(crate) diagnostics: String,
    /// How the diagnostics were coloured.
    #[serde(default, skip_serializing_if = "Styles::is_empty")]
    pub(crate) styles: Styles,
    /// Each run, in the order the listing declares them (none for a build-only listing
    /// or one that did not compile).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) runs: Vec<RunCapture>,
}

/// One run of a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RunCapture {
    /// As a reader types it: `IGNORE_CASE=1 cargo run -p minigrep -- to poem.txt`.
    pub(crate) command: String,
    /// What it was given on its standard input, shown as typed input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) stdin: Option<String>,
    pub(crate) outcome: Outcome,
    #[serde(default)]
    pub(crate) stdout: String,
    #[serde(default)]
    pub(crate) stderr: String,
    /// How the output was coloured, when it was.
    #[serde(default, skip_serializing_if = "Styles::is_empty")]
    pub(crate) styles: Styles,
    /// What its tasks recorded on the side channel (`TRANSCRIPT_EVENTS`), if anything.
    #[serde(default, skip_serializing_if = "Timeline::is_empty")]
    pub(crate) timeline: Timeline,
}

/// What the build reported of a listing, as it printed it.
pub(crate) struct Built<'a> {
    pub(crate) command: String,
    pub(crate) compiled: bool,
    pub(crate) codes: Vec<String>,
    pub(crate) diagnostics: &'a str,
}

/// What one run printed, and how it ended.
pub(crate) struct Ran<'a> {
    pub(crate) command: String,
    pub(crate) stdin: Option<String>,
    pub(crate) outcome: Outcome,
    pub(crate) stdout: &'a str,
    pub(crate) stderr: &'a str,
    pub(crate) timeline: Timeline,
}

impl Capture {
    /// A capture of what was printed, as a terminal shows it ([`terminal`]): plain text
    /// and its styles, with the machine's paths rewritten ([`MachinePaths`]).
    pub(crate) fn of(built: &Built<'_>, runs: &[Ran<'_>], paths: &MachinePaths) -> Capture {
        let shown = |raw: &str| terminal::interpret(&paths.scrub(raw));
        let diagnostics = shown(built.diagnostics);
        Capture {
            command: if runs.is_empty() {
                built.command.clone()
            } else {
                String::new()
            },
            compiled: built.compiled,
            codes: built.codes.clone(),
            diagnostics: diagnostics.text,
            styles: Styles {
                diagnostics: diagnostics.spans,
                ..Styles::default()
            },
            runs: runs
                .iter()
                .map(|run| {
                    let (stdout, stderr) = (shown(run.stdout), shown(run.stderr));
                    RunCapture {
                        command: run.command.clone(),
                        stdin: run.stdin.clone(),
                        outcome: run.outcome.clone(),
                        stdout: stdout.text,
                        stderr: stderr.text,
                        styles: Styles {
                            stdout: stdout.spans,
                            stderr: stderr.spans,
                            ..Styles::default()
                        },
                        timeline: run.timeline.clone(),
                    }
                })
                .collect(),
        }
    }

    /// Whether it printed anything at all.
    pub(crate) fn is_silent(&self) -> bool {
        self.diagnostics.is_empty()
            && self
                .runs
                .iter()
                .all(|run| run.stdout.is_empty() && run.stderr.is_empty())
    }
}

#[cfg(test)]
impl Capture {
    /// A capture of one `cargo run -p demo` that ended with `outcome` and printed nothing,
    /// for unit tests; fill in the rest with `..`, or with [`Capture::printing`].
    pub(crate) fn fixture(outcome: Outcome) -> Capture {
        Capture {
            command: String::new(),
            compiled: true,
            codes: Vec::new(),
            diagnostics: String::new(),
            styles: Styles::default(),
            runs: vec![RunCapture {
                command: "cargo run -p demo".into(),
                stdin: None,
                outcome,
                stdout: String::new(),
                stderr: String::new(),
                styles: Styles::default(),
                timeline: Timeline::default(),
            }],
        }
    }

    /// A capture of a listing that did not compile, with these diagnostics.
    pub(crate) fn failed_to_compile(diagnostics: &str) -> Capture {
        Capture {
            command: "cargo run -p demo".into(),
            compiled: false,
            diagnostics: diagnostics.into(),
            runs: Vec::new(),
            ..Capture::fixture(Outcome::SUCCESS)
        }
    }

    /// The capture, its one run having printed `stdout` and `stderr`.
    pub(crate) fn printing(mut self, stdout: &str, stderr: &str) -> Capture {
        let run = &mut self.runs[0];
        run.stdout = stdout.into();
        run.stderr = stderr.into();
        self
    }
}

/// What a failed compile says first, for error reports: the first error's headline and
/// location (its whole block, up to `lines` lines), then how much more there is. The
/// end of rustc's output is its summary ("aborting due to..."), not what went wrong.
pub(crate) fn first_error(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    let Some(start) = all.iter().position(|line| line.starts_with("error")) else {
        return last_lines(text, lines);
    };
    let block: Vec<&str> = all[start..]
        .iter()
        .take_while(|line| !line.trim().is_empty())
        .take(lines)
        .copied()
        .collect();
    let rest = all.len() - block.len();
    let mut shown = block.join("\n");
    if rest > 0 {
        shown.push_str(&format!("\n[... {rest} more line(s)]"));
    }
    shown
}

/// The last `count` lines of `text`, for error reports.
pub(crate) fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_compile_is_reported_by_its_first_error_not_its_last_lines() {
        let diagnostics = "warning: unused import\n --> src/main.rs:1:5\n\nerror[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n4 |     println!(\"{v:?}\");\n  |              ^ value borrowed here after move\n\nerror: aborting due to 1 previous error\n";
        assert_eq!(
            first_error(diagnostics, 10),
            "error[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n4 |     println!(\"{v:?}\");\n  |              ^ value borrowed here after move\n[... 5 more line(s)]"
        );
        assert_eq!(first_error("no errors\nat all", 10), "no errors\nat all");
    }
}
