//! Does what the listing did match what it declares? A listing that should fail but
//! compiles, or should succeed but panics, or points its error at another line than the
//! one pinned, fails the run; `judge` reports it with where the listing is used.

use std::path::PathBuf;

use crate::capture::{Capture, Outcome};
use crate::listing::Expectation;
use crate::listing::expectation::is_error_code;

use super::super::build::Located;

/// An expectation that did not hold, and what happened instead, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unmet {
    pub(super) actual: String,
}

/// What a listing declares of how it ends, for each of its runs.
pub(super) struct Declared<'a> {
    pub(super) expect: &'a Expectation,
    /// Each run's own expectation, where it has one.
    pub(super) per_run: Vec<Option<&'a Expectation>>,
    /// Where the expected diagnostic must point: the file as rustc names it (relative to
    /// the listings' workspace) and the line.
    pub(super) pinned: Option<(PathBuf, usize)>,
}

/// Checks `capture` (and where its diagnostics point, `located`) against `declared`.
pub(super) fn check(
    declared: &Declared<'_>,
    capture: &Capture,
    located: &[Located],
) -> Result<(), Unmet> {
    let unmet = |actual: String| Err(Unmet { actual });
    let held = match declared.expect {
        Expectation::CompileError(what) => !capture.compiled && diagnosed(capture, what),
        Expectation::Warning(lint) => capture.compiled && capture.codes.contains(lint),
        _ => capture.compiled,
    };
    if !held {
        return unmet(describe(capture));
    }
    if let Some((file, line)) = &declared.pinned {
        let what = match declared.expect {
            Expectation::CompileError(what) | Expectation::Warning(what) => what,
            _ => "",
        };
        let found: Vec<&Located> = located.iter().filter(|l| is_the(l, what)).collect();
        if !found.iter().any(|l| &l.file == file && l.line == *line) {
            let places: Vec<String> = found
                .iter()
                .map(|l| format!("{}:{}", l.file.display(), l.line))
                .collect();
            return unmet(format!(
                "{what} points at {}, not at {}:{line}",
                places.join(", "),
                file.display()
            ));
        }
    }
    for (index, run) in capture.runs.iter().enumerate() {
        let expect = declared.per_run[index].unwrap_or(declared.expect);
        if !run_held(expect, &run.outcome) {
            let which = if capture.runs.len() > 1 {
                format!("run {} (`{}`): ", index + 1, run.command)
            } else {
                String::new()
            };
            return unmet(format!("{which}{}", describe_run(capture, &run.outcome)));
        }
    }
    Ok(())
}

/// Whether a compile error that is `what` (a code, or a message's text) was reported.
fn diagnosed(capture: &Capture, what: &str) -> bool {
    if is_error_code(what) {
        capture.codes.iter().any(|code| code == what)
    } else {
        capture
            .diagnostics
            .lines()
            .any(|line| line.starts_with("error") && line.contains(what))
    }
}

/// Whether a located diagnostic is the expected one.
fn is_the(located: &Located, what: &str) -> bool {
    located.code == what || !is_error_code(what) && located.is_error
}

fn run_held(expect: &Expectation, outcome: &Outcome) -> bool {
    match (expect, outcome) {
        (
            Expectation::Success | Expectation::Warning(_),
            Outcome::Exited {
                code: 0,
                panicked: false,
            },
        ) => true,
        (Expectation::Panic, Outcome::Exited { panicked: true, .. }) => true,
        (
            Expectation::Exit(want),
            Outcome::Exited {
                code,
                panicked: false,
            },
        ) => want == code,
        (Expectation::Timeout, Outcome::TimedOut { .. }) => true,
        _ => false,
    }
}

fn codes(capture: &Capture) -> String {
    if capture.codes.is_empty() {
        String::new()
    } else {
        format!(" (diagnostics: {})", capture.codes.join(", "))
    }
}

/// What a capture shows, in words, for "expected X, but Y".
fn describe(capture: &Capture) -> String {
    match capture.runs.first() {
        _ if !capture.compiled => format!("it failed to compile{}", codes(capture)),
        None => format!("it compiled{}", codes(capture)),
        Some(run) => describe_run(capture, &run.outcome),
    }
}

fn describe_run(capture: &Capture, outcome: &Outcome) -> String {
    let codes = codes(capture);
    match outcome {
        Outcome::Exited {
            code,
            panicked: true,
        } => format!("it compiled{codes}, then panicked (exit status {code})"),
        Outcome::Exited {
            code,
            panicked: false,
        } => format!("it compiled{codes}, then exited with status {code}"),
        Outcome::Signalled(signal) => {
            format!("it compiled{codes}, then was killed by signal {signal}")
        }
        Outcome::TimedOut { after_ms } => {
            format!("it compiled{codes}, then ran past its {after_ms} ms timeout and was killed")
        }
    }
}

#[cfg(test)]
mod tests;
