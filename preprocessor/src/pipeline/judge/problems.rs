//! The problems judging finds, each naming the listing and where the book uses it: a
//! listing that broke its promise, one that did not build, a flaky one, one whose output
//! differs from its snapshot.

use crate::capture::{Capture, first_error, last_lines};
use crate::files::SNAPSHOT_FILE;
use crate::report::Problem;
use crate::timeline::Compare;

use super::super::resolve::Used;
use super::super::snapshot::{Snapshot, diff};
use super::assemble::NotBuilt;
use crate::capture::MachinePaths;
use crate::report::Invocation;

/// Compares the first run of a listing with a later one, for `check --repeat`.
pub(super) fn flaky(
    one: &Used<'_>,
    first: &Capture,
    again: &Capture,
    round: usize,
) -> Option<Problem> {
    let name = &one.listing.name;
    let diff = diff(
        (&format!("{name} (run 1)"), &format!("{name} (run {round})")),
        first,
        again,
        &one.listing.meta.redact,
    )?;
    Some(
        Problem::new(format_args!(
            "listing `{name}` is flaky: run {round} printed something other than run 1 (after redaction)"
        ))
        .at_each(&one.locations)
        .detail("make it deterministic, or redact what legitimately varies (`redact` in its Cargo.toml)")
        .detail(diff),
    )
}

/// A listing that declares a timeline, one of whose runs recorded no event.
pub(super) fn recorded_no_timeline(one: &Used<'_>, capture: &Capture) -> Option<Problem> {
    let compare = one.listing.meta.timeline?;
    let run = capture
        .runs
        .iter()
        .position(|run| run.timeline.events.is_empty())?;
    let declared = match compare {
        Compare::Exact => "exact",
        Compare::Shape => "shape",
    };
    Some(
        Problem::new(format_args!(
            "listing `{}` declares `timeline = \"{declared}\"`, but run {} recorded no timeline event",
            one.listing.name,
            run + 1
        ))
        .at_each(&one.locations)
        .detail(
            "wrap its tasks in `support::timeline::task(NAME, future)` (it writes to the file \
             that $TRANSCRIPT_EVENTS names), or remove `timeline` from its Cargo.toml",
        ),
    )
}

pub(super) fn did_not_build(one: &Used<'_>, not_built: &NotBuilt) -> Problem {
    Problem::new(format_args!(
        "listing `{}` did not build, and rustc reported no error in it (expected: {})",
        one.listing.name, one.listing.meta.expect
    ))
    .at_each(&one.locations)
    .detail(format!("cargo said:\n{}", not_built.cargo_said))
}

pub(super) fn broke_its_promise(one: &Used<'_>, actual: &str, capture: &Capture) -> Problem {
    let mut problem = Problem::new(format_args!(
        "listing `{}` did not do what it declares",
        one.listing.name
    ))
    .at_each(&one.locations)
    .detail(format!("expected: {}", one.listing.meta.expect))
    .detail(format!("actual:   {actual}"));
    if !capture.compiled || capture.runs.is_empty() {
        if capture.diagnostics.is_empty() {
            return problem.detail("the compiler said nothing");
        }
        return problem.detail(format!(
            "the compiler said:\n{}",
            first_error(&capture.diagnostics, 15)
        ));
    }
    for (index, run) in capture.runs.iter().enumerate() {
        let which = if capture.runs.len() > 1 {
            format!("run {} (`{}`): ", index + 1, run.command)
        } else {
            String::new()
        };
        let printed = [("stdout", &run.stdout), ("stderr", &run.stderr)];
        if printed.iter().all(|(_, text)| text.is_empty()) {
            problem = problem.detail(format!("{which}it printed nothing"));
        }
        for (stream, text) in printed.into_iter().filter(|(_, text)| !text.is_empty()) {
            problem = problem.detail(format!(
                "{which}{stream} (last lines):\n{}",
                last_lines(text, 10)
            ));
        }
    }
    problem
}

/// Compares a new capture with the committed snapshot, for runs that never write.
/// What a comparison needs to say where and how.
pub(super) struct Comparing<'a> {
    pub(super) machine: &'a MachinePaths,
    pub(super) invocation: &'a Invocation,
}

pub(super) fn compare(
    comparing: &Comparing<'_>,
    one: &Used<'_>,
    previous: Option<&Snapshot>,
    capture: &Capture,
) -> Option<Problem> {
    let name = &one.listing.name;
    let invocation = comparing.invocation;
    let Some(previous) = previous else {
        return Some(
            Problem::new(format_args!(
                "listing `{name}` has no snapshot ({})",
                comparing
                    .machine
                    .scrub(&one.listing.dir.join(SNAPSHOT_FILE).display().to_string())
            ))
            .at_each(&one.locations)
            .detail(invocation.to_write_a_snapshot()),
        );
    };
    if let Some(diff) = diff(
        (&format!("{name} (snapshot)"), &format!("{name} (this run)")),
        &previous.capture,
        capture,
        &one.listing.meta.redact,
    ) {
        return Some(
            Problem::new(format_args!(
                "listing `{name}` printed something other than its snapshot"
            ))
            .at_each(&one.locations)
            .detail(diff),
        );
    }
    None
}

/// One note for every listing that printed what its snapshot holds although the
/// snapshot's key is stale (a new compiler, say): the first few named, the rest counted.
pub(super) fn note_stale_keys(names: &[String], invocation: &Invocation) {
    const NAMED: usize = 5;
    if names.is_empty() {
        return;
    }
    let mut named: Vec<String> = names.iter().take(NAMED).map(|n| format!("`{n}`")).collect();
    if names.len() > NAMED {
        named.push(format!("and {} more", names.len() - NAMED));
    }
    crate::report::note(format_args!(
        "{} listing(s) printed what their snapshots hold, but the snapshots' keys are stale: {} ({})",
        names.len(),
        named.join(", "),
        invocation.to_refresh_keys()
    ));
}
