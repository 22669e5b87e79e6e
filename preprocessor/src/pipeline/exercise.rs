//! Stages 5 and 6 together: the build, and the runs starting as the build links each
//! program, so they overlap; then the runs that wait for the whole build (a library's
//! tests, cargo's own commands), then `check --repeat`'s further rounds. Every run is
//! noted in the run log.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;

use crate::config::Config;
use crate::listing::Listing;
use crate::mode::{Mode, Request};
use crate::progress::Progress;
use crate::report;
use crate::run_log::RunLog;

use super::build::{BuildReport, BuildWatch, Cargo, build_listings};
use super::resolve::Workspace;
use super::run::{self, RunKey, RunRequest, RunResult, RunSettings, Runs};

/// Builds `stale` and runs each of them, `request.repeat` rounds of runs, under the
/// request's toolchain.
pub(super) fn build_and_run(
    workspace: &Workspace,
    stale: &[&Listing],
    config: &Config,
    request: &Request,
    progress: &Progress,
) -> Result<(BuildReport, Vec<Runs>)> {
    let repeat = request.repeat;
    let settings = RunSettings {
        config,
        cargo: std::env::var_os("CARGO")
            .unwrap_or_else(|| "cargo".into())
            .into(),
        toolchain: request.toolchain.as_ref(),
    };
    let mut run_log = RunLog::load(&workspace.target_dir);
    let took: RefCell<HashMap<String, (std::time::Duration, crate::capture::Outcome)>> =
        RefCell::new(HashMap::new());
    let finished = |key: &RunKey, result: &RunResult| {
        progress.ran(&name_of(key), &result.outcome, result.elapsed);
        let mut took = took.borrow_mut();
        let entry = took
            .entry(key.listing.clone())
            .or_insert((std::time::Duration::ZERO, result.outcome.clone()));
        entry.0 += result.elapsed;
        if result.outcome != crate::capture::Outcome::SUCCESS {
            entry.1 = result.outcome.clone();
        }
    };
    let sent: RefCell<Vec<RunRequest>> = RefCell::new(Vec::new());
    let (built, first) = first_round(
        workspace,
        stale,
        &settings,
        request.mode,
        progress,
        &finished,
        &sent,
    )?;
    let mut rounds = vec![first];
    let requests = sent.into_inner();
    for round in 2..=repeat {
        progress.note(&format!("round {round} of {repeat}"));
        rounds.push(run::run_known(&requests, config.jobs, &finished)?);
    }
    for (listing, (elapsed, outcome)) in took.into_inner() {
        run_log.record(&listing, &outcome, elapsed);
    }
    if let Err(error) = run_log.save(&workspace.target_dir) {
        report::warning(format_args!("the run log was not updated: {error:#}"));
    }
    Ok((built, rounds))
}

/// How progress names a run: the listing, and which run of it when it has several.
fn name_of(key: &RunKey) -> String {
    match (key.run, key.part) {
        (0, 0) => key.listing.clone(),
        (run, 0) => format!("{} (run {})", key.listing, run + 1),
        (run, part) => format!("{} (run {}, part {})", key.listing, run + 1, part + 1),
    }
}

/// The build, with each program's runs sent to the runner as it is linked, and the runs
/// that need the whole build sent after it; every request sent is kept in `sent`.
fn first_round(
    workspace: &Workspace,
    stale: &[&Listing],
    settings: &RunSettings<'_>,
    mode: Mode,
    progress: &Progress,
    finished: run::Finished<'_>,
    sent: &RefCell<Vec<RunRequest>>,
) -> Result<(BuildReport, Runs)> {
    let by_name: HashMap<&str, &Listing> = stale.iter().map(|l| (l.name.as_str(), *l)).collect();
    let (sender, arrivals) = tokio::sync::mpsc::unbounded_channel::<RunRequest>();
    let (built, runs) = std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            let mut requests = Vec::new();
            let mut send = |request: RunRequest| {
                requests.push(request.clone());
                sender.send(request).is_ok()
            };
            let mut linked = |name: &str, executable: &Path| {
                run::at_link(by_name[name], executable, settings)
                    .into_iter()
                    .all(&mut send)
            };
            let watch = BuildWatch {
                show_progress: progress.shows_lines(),
                linked: &mut linked,
            };
            let cargo = Cargo {
                root: &workspace.root,
                locked: mode.builds_locked(),
                toolchain: settings.toolchain,
            };
            let built = build_listings(&cargo, stale, watch)?;
            for listing in stale {
                for request in
                    run::after_build(listing, built.listings.get(&listing.name), settings)
                {
                    send(request);
                }
            }
            Ok::<_, anyhow::Error>((built, requests))
        });
        let runs = run::run_all(arrivals, settings.config.jobs, finished);
        (
            builder.join().expect("the build thread does not panic"),
            runs,
        )
    });
    let (built, requests) = built?;
    *sent.borrow_mut() = requests;
    Ok((built, runs?))
}
