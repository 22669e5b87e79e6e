//! The whole pipeline over one book, one stage per child module, in this order
//! (DESIGN.md §3):
//!
//! ```text
//! chapters --parse--> directives --resolve--> listings --key--> keys --plan--> fresh | stale
//!   --build--> binaries and diagnostics --run--> what each printed (runs start as cargo
//!   links each binary) --judge--> captures, problems, snapshots to write
//!   --snapshot--> written, only if nothing failed --render--> chapter Markdown
//! ```
//!
//! [`process_book`] calls one function per stage and passes typed values along; every
//! problem a stage finds is collected, and the run fails once, at the end of the stage
//! that found it, before anything is written. [`list_book`] runs the stages up to the
//! plan, for `list`. Stages use the leaf modules (listing, mode, files, report, ...) and
//! what earlier stages produced, never this module or a later stage.

mod build;
mod judge;
mod key;
mod parse;
mod plan;
mod render;
mod resolve;
mod run;
mod snapshot;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use mdbook_preprocessor::book::Book;

use crate::config::Config;
use crate::listing::Listing;
use crate::lock::WorkspaceLock;
use crate::mode::Mode;
use crate::progress::{Progress, Summary};
use crate::report::{self, Location, Problems};
use crate::run_log::{LastRun, RunLog};

use build::{BuildReport, BuildWatch, build_listings};
use judge::{Ran, Verdicts};
use key::KeyInputs;
use parse::Pages;
use resolve::{UsedListings, Workspace};
use run::{RunRequest, RunResult, Runs};

pub(crate) use plan::Status;
// For `crate::fuzzing` alone: the two stages that read text a person or git wrote.
pub(crate) use parse::parse_book;
pub(crate) use snapshot::Snapshot;

/// Runs the pipeline over `book` (the chapters after mdBook's `links` preprocessor),
/// replacing every directive. `root` is the book's root directory. `repeat` (at least 1)
/// is how many times each stale listing runs; runs that disagree name a flaky listing.
pub(crate) fn process_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    mode: Mode,
    repeat: usize,
) -> Result<()> {
    let progress = Progress::start();
    let mut problems = Problems::default();
    let config = Config::from_book(book_config)?;
    let pages = parse::parse_book(
        book,
        root,
        &book_config.book.src,
        config.chapter_offset,
        &mut problems,
    );
    if pages.uses.is_empty() && problems.is_empty() {
        return Ok(()); // a book without listings needs no workspace
    }
    let (workspace, rustc) = load_workspace(root, &config)?;
    let used = resolve::resolve_uses(&workspace, &pages.uses, &mut problems)?;
    if mode.fails_on_unused_listings() {
        problems.extend(judge::unused_listings(&workspace, &used));
    }
    let _lock = WorkspaceLock::acquire(&workspace.target_dir)?;
    let inputs = KeyInputs::read(&workspace.root, rustc)?;
    let plans = plan::plan_listings(&used, &config, &inputs, mode, &mut problems)?;
    problems.fail_if_any(used.len(), None)?; // nothing built yet
    for (name, _) in plans.iter().filter(|(_, plan)| !plan.is_stale()) {
        progress.cached(name);
    }

    let stale = plan::stale_listings(&used, &plans);
    let (built, rounds) = build_and_run(&workspace, &stale, &config, mode, repeat, &progress)?;
    let keys = key::keys_after_build(
        &stale,
        plan::planned_keys(&plans),
        &config,
        &inputs,
        &workspace.root,
    )?;
    let ran = Ran {
        stale: &stale,
        used: &used,
        plans: &plans,
        built: &built,
        rounds: &rounds,
        keys: &keys,
    };
    let verdicts = judge::judge(&ran, mode);
    let mut summary = Summary {
        listings: used.len(),
        cached: used.len() - stale.len(),
        ran: stale.len(),
        failed: verdicts.failed,
        written: 0,
    };
    fail_if_any_failed(&verdicts, &summary, &progress)?;

    snapshot::write_all(&verdicts.to_write, &used)?;
    summary.written = verdicts.to_write.len();
    let captures = plan::with_fresh_captures(verdicts.captures, plans);
    let rendered = render::render_pages(root, &pages, &used, &captures)?;
    book.for_each_chapter_mut(|chapter| {
        if let Some(content) = chapter.path.as_ref().and_then(|path| rendered.get(path)) {
            chapter.content = content.clone();
        }
    });
    progress.finish(&summary);
    Ok(())
}

/// Fails, after the closing summary, when judging found problems; with a hint when a
/// listing printed something other than its snapshot.
fn fail_if_any_failed(verdicts: &Verdicts, summary: &Summary, progress: &Progress) -> Result<()> {
    if verdicts.problems.is_empty() {
        return Ok(());
    }
    progress.finish(summary);
    let hint = (verdicts.differing > 0).then_some(
        "If the new output is right, accept it with `mdbook-transcript bless` (or `cargo book bless`).",
    );
    verdicts.problems.fail_if_any(summary.listings, hint)?;
    Ok(())
}

/// The listings' workspace and the compiler's `rustc -vV`. These two questions are most
/// of a warm build's time, so they are asked at once.
fn load_workspace(root: &Path, config: &Config) -> Result<(Workspace, String)> {
    let dir = root.join(&config.workspace);
    let (workspace, rustc) = std::thread::scope(|scope| {
        let rustc = scope.spawn(|| key::rustc_version(&dir));
        let workspace = Workspace::load(&dir);
        (
            workspace,
            rustc.join().expect("asking rustc does not panic"),
        )
    });
    Ok((workspace?, rustc?))
}

/// Builds the stale listings with one cargo call and runs each as soon as cargo reports
/// its binary linked, so runs overlap the rest of the build; then `repeat - 1` more
/// rounds of runs. Every run is noted in the run log.
fn build_and_run(
    workspace: &Workspace,
    stale: &[&Listing],
    config: &Config,
    mode: Mode,
    repeat: usize,
    progress: &Progress,
) -> Result<(BuildReport, Vec<Runs>)> {
    let mut run_log = RunLog::load(&workspace.target_dir);
    let log_run = std::cell::RefCell::new(&mut run_log);
    let finished = |name: &str, result: &RunResult| {
        progress.ran(name, &result.outcome, result.elapsed);
        log_run
            .borrow_mut()
            .record(name, &result.outcome, result.elapsed);
    };
    let by_name: HashMap<&str, &Listing> = stale.iter().map(|l| (l.name.as_str(), *l)).collect();
    let (sender, arrivals) = tokio::sync::mpsc::unbounded_channel();
    let (built, first) = std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            let mut linked = |name: &str, executable: &Path| {
                let request = request_for(by_name[name], executable.to_path_buf(), config);
                sender.send(request).is_ok()
            };
            let watch = BuildWatch {
                show_progress: progress.shows_lines(),
                linked: &mut linked,
            };
            build_listings(&workspace.root, stale, mode.builds_locked(), watch)
        });
        let runs = run::run_all(arrivals, config.jobs, &finished);
        (
            builder.join().expect("the build thread does not panic"),
            runs,
        )
    });
    let (built, mut rounds) = (built?, vec![first?]);
    let requests = requests_for_built(stale, &built, config);
    for round in 2..=repeat {
        progress.note(&format!("round {round} of {repeat}"));
        rounds.push(run::run_known(&requests, config.jobs, &finished)?);
    }
    if let Err(error) = run_log.save(&workspace.target_dir) {
        report::warning(format_args!("the run log was not updated: {error:#}"));
    }
    Ok((built, rounds))
}

fn request_for(listing: &Listing, executable: PathBuf, config: &Config) -> RunRequest {
    RunRequest {
        name: listing.name.clone(),
        executable,
        working_dir: listing.dir.clone(),
        timeout: listing.timeout(config.timeout),
        exclusive: listing.meta.exclusive,
        max_output: config.max_output,
        interleave: listing.meta.interleave,
    }
}

/// The runs of every stale listing that built, for a repeated round.
fn requests_for_built(stale: &[&Listing], built: &BuildReport, config: &Config) -> Vec<RunRequest> {
    stale
        .iter()
        .filter_map(|listing| {
            let executable = built.listings.get(&listing.name)?.executable.clone()?;
            Some(request_for(listing, executable, config))
        })
        .collect()
}

/// One line of `list`.
pub(crate) struct Listed {
    pub(crate) name: String,
    /// What it declares it does, in words ("a panic").
    pub(crate) expects: String,
    pub(crate) locations: Vec<Location>,
    pub(crate) status: Status,
    /// Its last run on this machine, if the run log remembers one.
    pub(crate) last_run: Option<LastRun>,
}

/// Every listing the book uses, with where and its status, for `list`. Runs nothing.
pub(crate) fn list_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &Book,
) -> Result<Vec<Listed>> {
    let mut problems = Problems::default();
    let config = Config::from_book(book_config)?;
    let Pages { uses, .. } = parse::parse_book(
        book,
        root,
        &book_config.book.src,
        config.chapter_offset,
        &mut problems,
    );
    if uses.is_empty() && problems.is_empty() {
        return Ok(Vec::new());
    }
    let (workspace, rustc) = load_workspace(root, &config)?;
    let used: UsedListings<'_> = resolve::resolve_uses(&workspace, &uses, &mut problems)?;
    problems.fail_if_any(used.len(), None)?;
    let inputs = KeyInputs::read(&workspace.root, rustc)?;
    let run_log = RunLog::load(&workspace.target_dir);
    used.values()
        .map(|one| {
            Ok(Listed {
                name: one.listing.name.clone(),
                expects: one.listing.meta.expect.to_string(),
                locations: one.locations.clone(),
                status: plan::status_of(one, &config, &inputs)?,
                last_run: run_log.runs.get(&one.listing.name).cloned(),
            })
        })
        .collect()
}
