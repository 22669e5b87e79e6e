//! Stages 7 and 8 meet here: each listing that ran is judged against what it declares
//! (verify), against its other runs (`check --repeat`), and against its committed
//! snapshot (check, CI), and what is to be written is decided. Every failure becomes a
//! [`Problem`] that names the listing and where the book uses it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::Result;

use crate::build::BuildReport;
use crate::capture::{Capture, last_lines};
use crate::pipeline::Mode;
use crate::plan::Plan;
use crate::report::Problem;
use crate::resolve::{Listing, Used, Workspace};
use crate::run::RunResult;
use crate::snapshot::{Snapshot, diff, snapshot_path};
use crate::verify::verify;

/// What was built and run this time.
pub struct Ran<'a> {
    pub stale: &'a [&'a Listing],
    pub used: &'a BTreeMap<String, Used<'a>>,
    pub plans: &'a BTreeMap<String, Plan>,
    pub built: &'a BuildReport,
    /// Each round's runs (more than one with `check --repeat`).
    pub rounds: &'a [HashMap<String, RunResult>],
}

/// The outcome of judging every listing that ran.
pub struct Verdicts {
    pub captures: HashMap<String, Capture>,
    /// Snapshots to write once nothing failed.
    pub to_write: Vec<Snapshot>,
    pub problems: Vec<Problem>,
    /// How many listings printed something other than their snapshot.
    pub differing: usize,
    /// How many listings have at least one problem.
    pub failed: usize,
}

/// Judges every stale listing. `key_now` gives a listing's key again when the build
/// changed what keys cover (`None`: the planned key stands); `writes` says whether
/// snapshots are written (build, bless) or compared (check, CI).
pub fn judge(
    ran: &Ran<'_>,
    key_now: &dyn Fn(&Listing) -> Result<Option<String>>,
    mode: Mode,
    writes: bool,
) -> Result<Verdicts> {
    let mut verdicts = Verdicts {
        captures: HashMap::new(),
        to_write: Vec::new(),
        problems: Vec::new(),
        differing: 0,
        failed: 0,
    };
    let mut failed = BTreeSet::new();
    for listing in ran.stale {
        let one = &ran.used[&listing.name];
        let Plan::Stale { key, previous } = &ran.plans[&listing.name] else {
            unreachable!("only stale listings ran")
        };
        let capture_of = |runs: &HashMap<String, RunResult>| {
            Capture::from_build_and_run(
                ran.built.listings.get(&listing.name),
                runs.get(&listing.name),
                &ran.built.cargo_stderr,
            )
        };
        let problems = &mut verdicts.problems;
        let capture = match capture_of(&ran.rounds[0]) {
            Ok(capture) => capture,
            Err(cargo_said) => {
                problems.push(did_not_build(one, &cargo_said));
                failed.insert(listing.name.clone());
                continue;
            }
        };
        let problems_before = problems.len();
        for (index, runs) in ran.rounds.iter().enumerate().skip(1) {
            if let Ok(again) = capture_of(runs) {
                problems.extend(flaky(one, &capture, &again, index + 1));
            }
        }
        let key = key_now(listing)?.unwrap_or_else(|| key.clone());
        if let Err(actual) = verify(&listing.meta.expect, &capture) {
            problems.push(broke_its_promise(one, &actual, &capture));
        } else if !writes {
            if let Some(problem) = compare(one, previous.as_ref(), &capture, &key, mode) {
                verdicts.differing += usize::from(previous.is_some());
                problems.push(problem);
            }
        } else if !previous
            .as_ref()
            .is_some_and(|p| p.key == key && p.capture == capture)
        {
            verdicts.to_write.push(Snapshot {
                listing: listing.name.clone(),
                key,
                capture: capture.clone(),
            });
        }
        if problems.len() > problems_before {
            failed.insert(listing.name.clone());
        }
        verdicts.captures.insert(listing.name.clone(), capture);
    }
    verdicts.failed = failed.len();
    Ok(verdicts)
}

/// In `check`, a listing no page uses is a problem: nothing would ever verify it.
pub fn unused_listings(workspace: &Workspace, used: &BTreeMap<String, Used<'_>>) -> Vec<Problem> {
    workspace
        .listings
        .values()
        .filter(|listing| !used.contains_key(&listing.name))
        .map(|listing| Problem {
            message: format!(
                "listing `{}` ({}) is not used by any chapter, so nothing shows or checks it",
                listing.name,
                listing.dir.display()
            ),
            locations: vec![],
            details: vec![
                "use it with {{#listing NAME}} on a page, or remove its package".to_string(),
            ],
        })
        .collect()
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
    Some(Problem {
        message: format!(
            "listing `{name}` is flaky: run {round} printed something other than run 1 (after redaction)"
        ),
        locations: one.locations.clone(),
        details: vec![
            "make it deterministic, or redact what legitimately varies (`redact` in its Cargo.toml)".to_string(),
            diff,
        ],
    })
}

fn did_not_build(one: &Used<'_>, cargo_said: &str) -> Problem {
    Problem {
        message: format!(
            "listing `{}` did not build, and rustc reported no error in it (expected: {})",
            one.listing.name, one.listing.meta.expect
        ),
        locations: one.locations.clone(),
        details: vec![format!("cargo said:\n{cargo_said}")],
    }
}

fn broke_its_promise(one: &Used<'_>, actual: &str, capture: &Capture) -> Problem {
    Problem {
        message: format!("listing `{}` did not do what it declares", one.listing.name),
        locations: one.locations.clone(),
        details: [
            format!("expected: {}", one.listing.meta.expect),
            format!("actual:   {actual}"),
        ]
        .into_iter()
        .chain(
            (!capture.stdout.is_empty())
                .then(|| format!("stdout (last lines):\n{}", last_lines(&capture.stdout, 10))),
        )
        .chain([format!("stderr (last lines):\n{}", capture.stderr_tail(10))])
        .collect(),
    }
}

/// Compares a new capture with the committed snapshot, for runs that never write.
fn compare(
    one: &Used<'_>,
    previous: Option<&Snapshot>,
    capture: &Capture,
    key: &str,
    mode: Mode,
) -> Option<Problem> {
    let name = &one.listing.name;
    let Some(previous) = previous else {
        return Some(Problem {
            message: format!(
                "listing `{name}` has no snapshot ({}); build the book locally and commit it",
                snapshot_path(&one.listing.dir).display()
            ),
            locations: one.locations.clone(),
            details: vec![],
        });
    };
    if let Some(diff) = diff(
        (&format!("{name} (snapshot)"), &format!("{name} (this run)")),
        &previous.capture,
        capture,
        &one.listing.meta.redact,
    ) {
        return Some(Problem {
            message: format!("listing `{name}` printed something other than its snapshot"),
            locations: one.locations.clone(),
            details: vec![diff],
        });
    }
    if previous.key != key && mode == Mode::Check {
        eprintln!(
            "transcript: note: listing `{name}`: same output, but its snapshot's key is stale (bless refreshes it)"
        );
    }
    None
}
