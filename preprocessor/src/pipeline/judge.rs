//! Stage 7, judge: each listing that ran is put together from what the build and the run
//! reported ([`Capture`]), checked against what it declares ([`expectation`]), against
//! its other runs (`check --repeat`) and against its committed snapshot (check, CI), and
//! what is to be written is decided. Every failure becomes a [`Problem`] that names the
//! listing and where the book uses it.

mod assemble;
mod expectation;
mod problems;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::capture::{Capture, MachinePaths};
use crate::listing::Listing;
use crate::mode::Mode;
use crate::report::{Invocation, Problem, Problems};

use super::build::BuildReport;
use super::changes::Change;
use super::plan::{Plan, Plans};
use super::resolve::{UsedListings, Workspace};
use super::run::Runs;
use super::snapshot::{Snapshot, diff};

use expectation::Declared;
use problems::Comparing;

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
    /// The listings' workspace, which diagnostics name files relative to.
    pub(crate) workspace_root: &'a Path,
    /// Whether commands a reader types name the package (`cargo run -p NAME`).
    pub(crate) with_package: bool,
    /// `check --changes`: a transcript that differs from its snapshot (even one that
    /// now breaks its expectation) is a change to report, not a problem.
    pub(crate) collect_changes: bool,
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
    /// Each failed listing's problems, in full, for the reports.
    pub(crate) failures: BTreeMap<String, Vec<String>>,
    /// `check --changes`: each listing whose transcript differs from its snapshot.
    pub(crate) changes: Vec<Change>,
    /// Listings that printed what their snapshot holds, under a key that is stale.
    pub(crate) stale_keys: Vec<String>,
}

/// Judges every stale listing.
pub(crate) fn judge(ran: &Ran<'_>, mode: Mode) -> Verdicts {
    let mut verdicts = Verdicts::default();
    for listing in ran.stale {
        let problems_before = verdicts.problems.count();
        judge_one(ran, listing, mode, &mut verdicts);
        if verdicts.problems.count() > problems_before {
            verdicts.failed += 1;
            let found = verdicts.problems.since(problems_before);
            let found = found.iter().map(ToString::to_string).collect();
            verdicts.failures.insert(listing.name.clone(), found);
        }
    }
    if mode.notes_stale_keys() {
        problems::note_stale_keys(&verdicts.stale_keys, ran.invocation);
    }
    verdicts
}

fn judge_one(ran: &Ran<'_>, listing: &Listing, mode: Mode, verdicts: &mut Verdicts) {
    let one = &ran.used[&listing.name];
    let Plan::Stale { previous, .. } = &ran.plans[&listing.name] else {
        unreachable!("only stale listings ran")
    };
    let capture_in =
        |runs: &Runs| assemble::capture_of(listing, ran.built, runs, ran.machine, ran.with_package);
    let capture = match capture_in(&ran.rounds[0]) {
        Ok(capture) => capture,
        Err(not_built) => {
            verdicts
                .problems
                .push(problems::did_not_build(one, &not_built));
            return;
        }
    };
    for (index, runs) in ran.rounds.iter().enumerate().skip(1) {
        if let Ok(again) = capture_in(runs) {
            verdicts
                .problems
                .extend(problems::flaky(one, &capture, &again, index + 1));
        }
    }
    if let Some(problem) = problems::recorded_no_timeline(one, &capture) {
        verdicts.problems.push(problem);
        return;
    }
    let key = &ran.keys[&listing.name];
    let located = ran
        .built
        .listings
        .get(&listing.name)
        .map_or(&[][..], |compiled| &compiled.located);
    let checked = expectation::check(&declared(ran, listing), &capture, located);
    if let Some(change) = as_change(ran, one, previous.as_ref(), &capture) {
        verdicts.changes.push(change);
    } else if let Err(unmet) = checked {
        verdicts
            .problems
            .push(problems::broke_its_promise(one, &unmet.actual, &capture));
    } else if !mode.writes_snapshots() {
        let comparing = Comparing {
            machine: ran.machine,
            invocation: ran.invocation,
        };
        if let Some(problem) = problems::compare(&comparing, one, previous.as_ref(), &capture) {
            verdicts.differing += usize::from(previous.is_some());
            verdicts.problems.push(problem);
        } else if previous
            .as_ref()
            .is_some_and(|previous| previous.key != *key)
        {
            verdicts.stale_keys.push(listing.name.clone());
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

/// Under `check --changes`, a listing whose transcript differs from its snapshot.
fn as_change(
    ran: &Ran<'_>,
    one: &super::resolve::Used<'_>,
    previous: Option<&Snapshot>,
    capture: &Capture,
) -> Option<Change> {
    let previous = previous.filter(|_| ran.collect_changes)?;
    let name = &one.listing.name;
    let diff = diff(
        (&format!("{name} (snapshot)"), &format!("{name} (this run)")),
        &previous.capture,
        capture,
        &one.listing.meta.redact,
    )?;
    Some(Change {
        listing: name.clone(),
        places: one.locations.iter().map(ToString::to_string).collect(),
        old: previous.capture.clone(),
        new: capture.clone(),
        diff,
    })
}

/// What the listing declares: its expectation, each run's, and where a diagnostic must
/// point, as rustc names the file.
fn declared<'a>(ran: &Ran<'_>, listing: &'a Listing) -> Declared<'a> {
    let meta = &listing.meta;
    let pinned = meta.pin.as_ref().map(|pin| {
        let file = listing.dir.join(&pin.file);
        let file = file
            .strip_prefix(ran.workspace_root)
            .unwrap_or(&file)
            .to_path_buf();
        (file, pin.line)
    });
    Declared {
        expect: &meta.expect,
        per_run: meta
            .exercise
            .runs
            .iter()
            .map(|run| run.expect.as_ref())
            .collect(),
        pinned,
    }
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

/// A listing no page uses: a problem in `check`, since nothing would ever verify it.
pub(crate) fn unused_listings(
    workspace: &Workspace,
    used: &UsedListings<'_>,
    considered: impl Fn(&str) -> bool,
) -> impl Iterator<Item = Problem> {
    workspace
        .listings
        .values()
        .filter(|listing| !used.contains_key(&listing.name) && considered(&listing.name))
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
