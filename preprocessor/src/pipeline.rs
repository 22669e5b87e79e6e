//! The whole pipeline over one book, in the order of DESIGN.md §3:
//!
//! parse -> resolve -> key/plan -> build -> run -> verify -> snapshot -> render
//!
//! Each stage lives in its own module; this one only passes typed results along,
//! collects every problem, and fails once at the end, before anything is written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use mdbook_preprocessor::book::Book;

use crate::build::{BuildReport, BuildWatch, build_listings};
use crate::config::Config;
use crate::judge::{Ran, Verdicts, judge, unused_listings};
use crate::key::{KeyInputs, listing_key};
use crate::lock::WorkspaceLock;
use crate::parse::{Page, Use, parse_book};
use crate::plan::{Plan, Status, plan_listings, status_of};
use crate::progress::{Progress, Summary};
use crate::render::render_pages;
use crate::report::{Problem, fail_with};
use crate::resolve::{Listing, Workspace, resolve_uses, rustc_version};
use crate::run::{RunRequest, RunResult, run_all, run_known};
use crate::run_log::{LastRun, RunLog};
use crate::snapshot::snapshot_path;

/// What a run may do with snapshots (DESIGN.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Run stale listings only and write their snapshots (under `CI=true`: compare, never write).
    Build,
    /// Run every listing, compare with the snapshots, never write.
    Check,
    /// Run every listing and rewrite every snapshot.
    Bless,
}

/// Whether we are under CI, where a build must never write snapshots.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

/// The book's pages and directives, and its listings' workspace when it needs one.
struct Parsed {
    config: Config,
    pages: Vec<Page>,
    uses: Vec<Use>,
    /// The workspace and the compiler's `rustc -vV`.
    workspace: Option<(Workspace, String)>,
}

fn parse_and_load(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &Book,
    problems: &mut Vec<Problem>,
) -> Result<Parsed> {
    let config = Config::from_book(book_config)?;
    let (pages, uses) = parse_book(
        book,
        root,
        &book_config.book.src,
        config.chapter_offset,
        problems,
    );
    let workspace = if uses.is_empty() && problems.is_empty() {
        None // a book without listings needs no workspace
    } else {
        // `cargo metadata` and `rustc -vV` are most of a warm build's time: ask both at once.
        let dir = root.join(&config.workspace);
        let (workspace, rustc) = std::thread::scope(|scope| {
            let rustc = scope.spawn(|| rustc_version(&dir));
            let workspace = Workspace::load(&dir);
            (
                workspace,
                rustc.join().expect("asking rustc does not panic"),
            )
        });
        Some((workspace?, rustc?))
    };
    Ok(Parsed {
        config,
        pages,
        uses,
        workspace,
    })
}

/// Runs the pipeline over `book` (the chapters after mdBook's `links` preprocessor),
/// replacing every directive. `root` is the book's root directory. `repeat` (at least 1)
/// is how many times each stale listing runs; runs that disagree name a flaky listing.
pub fn process_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    mode: Mode,
    repeat: usize,
) -> Result<Summary> {
    let progress = Progress::start();
    let mut problems = Vec::new();
    let Parsed {
        config,
        pages,
        uses,
        workspace,
    } = parse_and_load(root, book_config, book, &mut problems)?;
    let Some((workspace, rustc)) = workspace else {
        return Ok(Summary::default());
    };
    let used = resolve_uses(&workspace, &uses, &mut problems)?;
    if mode == Mode::Check {
        problems.extend(unused_listings(&workspace, &used));
    }
    let _lock = WorkspaceLock::acquire(&workspace.target_dir)?;
    let inputs = KeyInputs::read(&workspace.root, rustc.clone())?;
    let plans = plan_listings(&used, &config, &inputs, mode, &mut problems)?;
    if !problems.is_empty() {
        return Err(fail_with(&problems, used.len(), None)); // nothing built yet
    }
    for (name, plan) in &plans {
        if !plan.is_stale() {
            progress.cached(name);
        }
    }

    // build and run, the runs starting as the binaries are linked
    let stale: Vec<&Listing> = used
        .values()
        .map(|one| one.listing)
        .filter(|l| plans[&l.name].is_stale())
        .collect();
    let locked = is_ci() || mode == Mode::Check;
    let (built, first_runs) = build_and_run(&workspace.root, &stale, &config, locked, &progress)?;
    let mut run_log = RunLog::load(&workspace.target_dir);
    run_log.record(&first_runs);
    if let Err(error) = run_log.save(&workspace.target_dir) {
        eprintln!("transcript: warning: the run log was not updated: {error:#}");
    }
    let mut rounds = vec![first_runs];
    let requests = if repeat > 1 {
        run_requests(&stale, &built, &config)
    } else {
        Vec::new()
    };
    for round in 2..=repeat {
        progress.note(&format!("round {round} of {repeat}"));
        rounds.push(run_known(&requests, config.jobs, &|name, result| {
            progress.ran(name, result)
        })?);
    }

    // verify, and compare with or prepare new snapshots. If the build created or
    // updated Cargo.lock, keys are taken again, of what was actually built.
    let inputs_after = KeyInputs::read(&workspace.root, rustc)?;
    let lock_changed = inputs_after.cargo_lock != inputs.cargo_lock;
    let key_now = |listing: &Listing| -> Result<Option<String>> {
        lock_changed
            .then(|| listing_key(listing, &config, &inputs_after))
            .transpose()
    };
    let writes = match mode {
        Mode::Build => !is_ci(),
        Mode::Check => false,
        Mode::Bless => true,
    };
    let Verdicts {
        mut captures,
        to_write,
        problems,
        differing,
        failed,
    } = judge(
        &Ran {
            stale: &stale,
            used: &used,
            plans: &plans,
            built: &built,
            rounds: &rounds,
        },
        &key_now,
        mode,
        writes,
    )?;
    let mut summary = Summary {
        listings: used.len(),
        cached: used.len() - stale.len(),
        ran: stale.len(),
        failed,
        written: 0,
    };
    if !problems.is_empty() {
        progress.finish(&summary);
        let hint = (differing > 0)
            .then_some("If the new output is right, accept it with `mdbook-transcript bless` (or `cargo book bless`).");
        return Err(fail_with(&problems, used.len(), hint));
    }

    // snapshot: written only once every listing has passed
    for snapshot in &to_write {
        snapshot.save(&snapshot_path(&used[&snapshot.listing].listing.dir))?;
    }
    summary.written = to_write.len();
    for (name, plan) in plans {
        if let Plan::Fresh(snapshot) = plan {
            captures.insert(name, snapshot.capture);
        }
    }

    // render
    let rendered =
        render_pages(root, &pages, &uses, &used, &captures).map_err(anyhow::Error::msg)?;
    book.for_each_chapter_mut(|chapter| {
        if let Some(content) = chapter.path.as_ref().and_then(|path| rendered.get(path)) {
            chapter.content = content.clone();
        }
    });
    progress.finish(&summary);
    Ok(summary)
}

/// Builds the stale listings with one cargo call and runs each as soon as cargo reports
/// its binary linked, so runs overlap the rest of the build.
fn build_and_run(
    root: &Path,
    stale: &[&Listing],
    config: &Config,
    locked: bool,
    progress: &Progress,
) -> Result<(BuildReport, HashMap<String, RunResult>)> {
    let by_name: HashMap<&str, &Listing> = stale.iter().map(|l| (l.name.as_str(), *l)).collect();
    let (sender, arrivals) = tokio::sync::mpsc::unbounded_channel();
    std::thread::scope(|scope| {
        let builder = scope.spawn(move || {
            let mut linked = |name: &str, executable: &Path| {
                let request = request_for(by_name[name], executable.to_path_buf(), config);
                sender.send(request).is_ok()
            };
            let watch = BuildWatch {
                show_progress: progress.shows_lines(),
                linked: &mut linked,
            };
            build_listings(root, stale, locked, watch)
        });
        let runs = run_all(arrivals, config.jobs, &|name, result| {
            progress.ran(name, result)
        });
        let built = builder.join().expect("the build thread does not panic");
        Ok((built?, runs?))
    })
}

/// One line of `list`.
pub struct Listed {
    pub listing: Listing,
    pub locations: Vec<crate::report::Location>,
    pub status: Status,
    /// Its last run on this machine, if the run log remembers one.
    pub last_run: Option<LastRun>,
}

/// Every listing the book uses, with where and its status, for `list`. Runs nothing.
pub fn list_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &Book,
) -> Result<Vec<Listed>> {
    let mut problems = Vec::new();
    let Parsed {
        config,
        uses,
        workspace,
        ..
    } = parse_and_load(root, book_config, book, &mut problems)?;
    let Some((workspace, rustc)) = workspace else {
        return Ok(Vec::new());
    };
    let used = resolve_uses(&workspace, &uses, &mut problems)?;
    if !problems.is_empty() {
        return Err(fail_with(&problems, used.len(), None));
    }
    let inputs = KeyInputs::read(&workspace.root, rustc)?;
    let run_log = RunLog::load(&workspace.target_dir);
    used.values()
        .map(|one| {
            Ok(Listed {
                listing: one.listing.clone(),
                locations: one.locations.clone(),
                status: status_of(one, &config, &inputs)?,
                last_run: run_log.runs.get(&one.listing.name).cloned(),
            })
        })
        .collect()
}

fn request_for(listing: &Listing, executable: PathBuf, config: &Config) -> RunRequest {
    RunRequest {
        name: listing.name.clone(),
        executable,
        args: Vec::new(),
        working_dir: listing.dir.clone(),
        timeout: config.timeout_of(listing),
        exclusive: listing.meta.exclusive,
        max_output: config.max_output,
        interleave: listing.meta.interleave,
    }
}

/// The runs of every stale listing that built, for a repeated round.
fn run_requests(stale: &[&Listing], built: &BuildReport, config: &Config) -> Vec<RunRequest> {
    stale
        .iter()
        .filter_map(|listing| {
            let executable = built.listings.get(&listing.name)?.executable.clone()?;
            Some(request_for(listing, executable, config))
        })
        .collect()
}
