//! Stage 7, judge: each listing that ran is put together from what the build and the run
//! reported ([`Capture`]), checked against what it declares ([`expectation`]), against
//! its other runs (`check --repeat`) and against its committed snapshot (check, CI), and
//! what is to be written is decided. Every failure becomes a [`Problem`] that names the
//! listing and where the book uses it.

mod expectation;

use std::collections::{BTreeMap, HashMap};

use crate::capture::{Capture, MachinePaths, Outcome, Printed, first_error, last_lines};
use crate::files::SNAPSHOT_FILE;
use crate::listing::Listing;
use crate::mode::Mode;
use crate::report::{Invocation, Problem, Problems};

use super::build::{BuildReport, Compiled};
use super::plan::{Plan, Plans};
use super::resolve::{Used, UsedListings, Workspace};
use super::run::{RunResult, Runs};
use super::snapshot::{Snapshot, diff};

/// What was built and run this time.
pub(crate) struct Ran<'a> {
    pub(crate) stale: &'a [&'a Listing],
    pub(crate) used: &'a UsedListings<'a>,
    pub(crate) plans: &'a Plans,
    pub(crate) built: &'a BuildReport,
    /// Each round's runs (more than one with `check --repeat`).
    pub(crate) rounds: &'a [Runs],
    /// Each stale listing's content key, as of what was built.
    pub(crate) keys: &'a BTreeMap<String, String>,
    /// This machine's paths, rewritten in every capture.
    pub(crate) machine: &'a MachinePaths,
    /// How the tool was started, for hints.
    pub(crate) invocation: &'a Invocation,
}

/// The outcome of judging every listing that ran.
#[derive(Default)]
pub(crate) struct Verdicts {
    pub(crate) captures: HashMap<String, Capture>,
    /// Snapshots to write once nothing failed.
    pub(crate) to_write: Vec<Snapshot>,
    pub(crate) problems: Problems,
    /// How many listings printed something other than their snapshot.
    pub(crate) differing: usize,
    /// How many listings have at least one problem.
    pub(crate) failed: usize,
}

/// A listing that neither ran nor drew a compiler error (a broken dependency, a stale
/// lock file): what cargo said instead.
struct NotBuilt {
    cargo_said: String,
}

/// Judges every stale listing.
pub(crate) fn judge(ran: &Ran<'_>, mode: Mode) -> Verdicts {
    let mut verdicts = Verdicts::default();
    for listing in ran.stale {
        let problems_before = verdicts.problems.count();
        judge_one(ran, listing, mode, &mut verdicts);
        if verdicts.problems.count() > problems_before {
            verdicts.failed += 1;
        }
    }
    verdicts
}

fn judge_one(ran: &Ran<'_>, listing: &Listing, mode: Mode, verdicts: &mut Verdicts) {
    let one = &ran.used[&listing.name];
    let Plan::Stale { previous, .. } = &ran.plans[&listing.name] else {
        unreachable!("only stale listings ran")
    };
    let capture_in = |runs: &Runs| {
        capture_of(
            ran.built.listings.get(&listing.name),
            runs.get(&listing.name),
            &ran.built.cargo_stderr,
            ran.machine,
        )
    };
    let capture = match capture_in(&ran.rounds[0]) {
        Ok(capture) => capture,
        Err(not_built) => {
            verdicts.problems.push(did_not_build(one, &not_built));
            return;
        }
    };
    for (index, runs) in ran.rounds.iter().enumerate().skip(1) {
        if let Ok(again) = capture_in(runs) {
            verdicts
                .problems
                .extend(flaky(one, &capture, &again, index + 1));
        }
    }
    let key = &ran.keys[&listing.name];
    if let Err(unmet) = expectation::check(&listing.meta.expect, &capture) {
        verdicts
            .problems
            .push(broke_its_promise(one, &unmet.actual, &capture));
    } else if !mode.writes_snapshots() {
        if let Some(problem) = compare(ran, one, previous.as_ref(), &capture, key, mode) {
            verdicts.differing += usize::from(previous.is_some());
            verdicts.problems.push(problem);
        }
    } else {
        let (snapshot, changed) = to_keep(listing, previous.as_ref(), capture, key);
        verdicts
            .captures
            .insert(listing.name.clone(), snapshot.capture.clone());
        if changed {
            verdicts.to_write.push(snapshot);
        }
        return;
    }
    verdicts.captures.insert(listing.name.clone(), capture);
}

/// The snapshot to keep for a listing that passed, and whether it differs from the one
/// committed. A run that printed what the snapshot holds, up to what is redacted or
/// normalised (timings, a panic's thread id), in the same colours, keeps the snapshot's
/// text byte for byte: only a new key is written, and only when the key changed.
fn to_keep(
    listing: &Listing,
    previous: Option<&Snapshot>,
    capture: Capture,
    key: &str,
) -> (Snapshot, bool) {
    let same_output = previous.is_some_and(|previous| {
        previous.capture.styles == capture.styles
            && diff(("", ""), &previous.capture, &capture, &listing.meta.redact).is_none()
    });
    match previous {
        Some(previous) if same_output => (
            Snapshot {
                key: key.to_string(),
                ..previous.clone()
            },
            previous.key != key,
        ),
        _ => (
            Snapshot {
                listing: listing.name.clone(),
                key: key.to_string(),
                capture,
            },
            true,
        ),
    }
}

/// Puts a listing's compiler result and its run together.
fn capture_of(
    compiled: Option<&Compiled>,
    run: Option<&RunResult>,
    cargo_stderr: &str,
    machine: &MachinePaths,
) -> Result<Capture, NotBuilt> {
    let compiled = compiled.cloned().unwrap_or_default();
    let (outcome, stdout, stderr) = match (run, compiled.had_errors) {
        (Some(run), _) => (
            run.outcome.clone(),
            run.stdout.as_str(),
            run.stderr.as_str(),
        ),
        (None, true) => (Outcome::CompileError, "", ""),
        (None, false) => {
            return Err(NotBuilt {
                cargo_said: first_error(cargo_stderr, 15),
            });
        }
    };
    let printed = Printed {
        diagnostics: &compiled.diagnostics,
        stdout,
        stderr,
    };
    Ok(Capture::of(outcome, compiled.codes, &printed, machine))
}

/// A listing no page uses: a problem in `check`, since nothing would ever verify it.
pub(crate) fn unused_listings(
    workspace: &Workspace,
    used: &UsedListings<'_>,
) -> impl Iterator<Item = Problem> {
    workspace
        .listings
        .values()
        .filter(|listing| !used.contains_key(&listing.name))
        .map(|listing| {
            Problem::new(format_args!(
                "listing `{}` ({}) is not used by any chapter, so nothing shows or checks it",
                listing.name,
                listing.dir.display()
            ))
            .detail("use it with {{#listing NAME}} on a page, or remove its package")
        })
        .collect::<Vec<_>>()
        .into_iter()
}

/// Compares the first run of a listing with a later one, for `check --repeat`.
fn flaky(one: &Used<'_>, first: &Capture, again: &Capture, round: usize) -> Option<Problem> {
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

fn did_not_build(one: &Used<'_>, not_built: &NotBuilt) -> Problem {
    Problem::new(format_args!(
        "listing `{}` did not build, and rustc reported no error in it (expected: {})",
        one.listing.name, one.listing.meta.expect
    ))
    .at_each(&one.locations)
    .detail(format!("cargo said:\n{}", not_built.cargo_said))
}

fn broke_its_promise(one: &Used<'_>, actual: &str, capture: &Capture) -> Problem {
    let mut problem = Problem::new(format_args!(
        "listing `{}` did not do what it declares",
        one.listing.name
    ))
    .at_each(&one.locations)
    .detail(format!("expected: {}", one.listing.meta.expect))
    .detail(format!("actual:   {actual}"));
    if capture.outcome == Outcome::CompileError {
        return problem.detail(format!(
            "the compiler said:\n{}",
            first_error(&capture.diagnostics, 15)
        ));
    }
    let printed = [("stdout", &capture.stdout), ("stderr", &capture.stderr)];
    if printed.iter().all(|(_, text)| text.is_empty()) {
        return problem.detail("it printed nothing");
    }
    for (stream, text) in printed.into_iter().filter(|(_, text)| !text.is_empty()) {
        problem = problem.detail(format!("{stream} (last lines):\n{}", last_lines(text, 10)));
    }
    problem
}

/// Compares a new capture with the committed snapshot, for runs that never write.
fn compare(
    ran: &Ran<'_>,
    one: &Used<'_>,
    previous: Option<&Snapshot>,
    capture: &Capture,
    key: &str,
    mode: Mode,
) -> Option<Problem> {
    let name = &one.listing.name;
    let invocation = ran.invocation;
    let Some(previous) = previous else {
        return Some(
            Problem::new(format_args!(
                "listing `{name}` has no snapshot ({})",
                ran.machine
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
    if previous.key != key && mode.notes_stale_keys() {
        crate::report::note(format_args!(
            "listing `{name}`: same output, but its snapshot's key is stale ({})",
            invocation.to_refresh_a_key()
        ));
    }
    None
}
