//! A listing's capture, put together from what the build made of it (diagnostics, codes)
//! and each of its runs: a `cargo test` run's parts (one per test executable) become one
//! run, in order.

use crate::capture::{Built, Capture, MachinePaths, Outcome, Ran, first_error};
use crate::listing::Listing;
use crate::listing::exercise::{Command, Stdin};
use crate::timeline::Timeline;

use super::super::build::BuildReport;
use super::super::run::{RunKey, RunResult, Runs};

/// A listing that neither built nor drew a compiler error (a broken dependency, a stale
/// lock file): what cargo said instead.
pub(super) struct NotBuilt {
    pub(super) cargo_said: String,
}

/// The listing's capture from the build and one round of runs.
pub(super) fn capture_of(
    listing: &Listing,
    built: &BuildReport,
    runs: &Runs,
    machine: &MachinePaths,
    with_package: bool,
) -> Result<Capture, NotBuilt> {
    let compiled = built
        .listings
        .get(&listing.name)
        .cloned()
        .unwrap_or_default();
    let not_built = || NotBuilt {
        cargo_said: first_error(&built.cargo_stderr, 15),
    };
    if !compiled.had_errors && !compiled.artifacts {
        return Err(not_built());
    }
    let specs = &listing.meta.exercise.runs;
    let first_spec = (listing.command() == Command::Run).then(|| &specs[0]);
    let build = Built {
        command: listing.command_line(first_spec, with_package),
        compiled: !compiled.had_errors,
        codes: compiled.codes.clone(),
        diagnostics: &compiled.diagnostics,
    };
    let mut ran: Vec<Ran<'_>> = Vec::new();
    let mut merged: Vec<(String, String)> = Vec::new();
    if !compiled.had_errors && listing.command().runs() {
        for (index, spec) in specs.iter().enumerate() {
            let parts = parts_of(runs, &listing.name, index);
            if parts.is_empty() {
                return Err(not_built());
            }
            let spec = (listing.command() == Command::Run).then_some(spec);
            merged.push(merge(&parts));
            ran.push(Ran {
                command: listing.command_line(spec, with_package),
                stdin: spec.and_then(|spec| match &spec.stdin {
                    Some(Stdin::Text(text)) => Some(text.clone()),
                    _ => None,
                }),
                outcome: outcome_of(&parts),
                stdout: "",
                stderr: "",
                timeline: Timeline {
                    compare: listing.meta.timeline.unwrap_or_default(),
                    ..Timeline::parse(&events_of(&parts))
                },
            });
        }
    }
    for (run, (stdout, stderr)) in ran.iter_mut().zip(&merged) {
        run.stdout = stdout;
        run.stderr = stderr;
    }
    Ok(Capture::of(&build, &ran, machine))
}

/// The parts of one run, in order.
fn parts_of<'r>(runs: &'r Runs, listing: &str, run: usize) -> Vec<&'r RunResult> {
    let mut parts: Vec<(&RunKey, &RunResult)> = runs
        .iter()
        .filter(|(key, _)| key.listing == listing && key.run == run)
        .collect();
    parts.sort_by_key(|(key, _)| key.part);
    parts.into_iter().map(|(_, result)| result).collect()
}

/// The parts' output, one after the other.
fn merge(parts: &[&RunResult]) -> (String, String) {
    let stdout = parts.iter().map(|part| part.stdout.as_str()).collect();
    let stderr = parts.iter().map(|part| part.stderr.as_str()).collect();
    (stdout, stderr)
}

/// The parts' timeline events, one after the other.
fn events_of(parts: &[&RunResult]) -> String {
    parts.iter().map(|part| part.events.as_str()).collect()
}

/// How a run of several parts ended: as its first part that did not succeed did.
fn outcome_of(parts: &[&RunResult]) -> Outcome {
    parts
        .iter()
        .map(|part| part.outcome.clone())
        .find(|outcome| *outcome != Outcome::SUCCESS)
        .unwrap_or(Outcome::SUCCESS)
}
