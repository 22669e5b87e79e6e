//! The whole pipeline over one book, in the order of DESIGN.md §3:
//!
//! parse -> resolve -> key/plan -> build -> run -> verify -> snapshot -> render
//!
//! Each stage lives in its own module; this one only passes typed results along,
//! collects every problem, and fails once at the end, before anything is written.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use mdbook_preprocessor::book::Book;

use crate::build::{BuildReport, build_listings};
use crate::capture::Capture;
use crate::config::Config;
use crate::key::KeyInputs;
use crate::parse::{Page, Use, parse_book};
use crate::plan::{Plan, Status, plan_listings, status_of};
use crate::render::render_pages;
use crate::report::{Problem, fail_with};
use crate::resolve::{Listing, Used, Workspace, resolve_uses, rustc_version};
use crate::run::{RunRequest, run_all};
use crate::snapshot::{Snapshot, diff, snapshot_path};
use crate::verify::verify;

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

/// What a successful run did, for the closing line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub listings: usize,
    pub fresh: usize,
    pub ran: usize,
    pub written: usize,
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
    workspace: Option<Workspace>,
}

fn parse_and_load(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &Book,
    problems: &mut Vec<Problem>,
) -> Result<Parsed> {
    let config = Config::from_book(book_config)?;
    let (pages, uses) = parse_book(book, &book_config.book.src, config.chapter_offset, problems);
    let workspace = if uses.is_empty() && problems.is_empty() {
        None // a book without listings needs no workspace
    } else {
        Some(Workspace::load(&root.join(&config.workspace))?)
    };
    Ok(Parsed {
        config,
        pages,
        uses,
        workspace,
    })
}

/// Runs the pipeline over `book` (the chapters after mdBook's `links` preprocessor),
/// replacing every directive. `root` is the book's root directory.
pub fn process_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    mode: Mode,
) -> Result<Summary> {
    let mut problems = Vec::new();
    let Parsed {
        config,
        pages,
        uses,
        workspace,
    } = parse_and_load(root, book_config, book, &mut problems)?;
    let Some(workspace) = workspace else {
        return Ok(Summary::default());
    };
    let used = resolve_uses(&workspace, &uses, &mut problems)?;
    if mode == Mode::Check {
        for name in workspace
            .listings
            .keys()
            .filter(|name| !used.contains_key(*name))
        {
            eprintln!(
                "transcript: note: listing `{name}` is not used by any chapter, so nothing checks it"
            );
        }
    }
    let rustc = rustc_version(&workspace.root)?;
    let inputs = KeyInputs::read(&workspace.root, rustc.clone())?;
    let plans = plan_listings(&used, &config, &inputs, mode, &mut problems)?;
    if !problems.is_empty() {
        return Err(fail_with(&problems, used.len(), None)); // nothing built yet
    }

    // build and run
    let stale: Vec<&Listing> = used
        .values()
        .map(|one| one.listing)
        .filter(|l| plans[&l.name].is_stale())
        .collect();
    let built = build_listings(&workspace.root, &stale, is_ci() || mode == Mode::Check)?;
    let runs = run_all(run_requests(&stale, &built, &config), parallelism())?;

    // verify, and compare with or prepare new snapshots. If the build created or
    // updated Cargo.lock, keys are taken again, of what was actually built.
    let inputs_after = KeyInputs::read(&workspace.root, rustc)?;
    let lock_changed = inputs_after.cargo_lock != inputs.cargo_lock;
    let writes = match mode {
        Mode::Build => !is_ci(),
        Mode::Check => false,
        Mode::Bless => true,
    };
    let mut captures = HashMap::new();
    let mut to_write = Vec::new();
    let mut differing = 0;
    for listing in &stale {
        let one = &used[&listing.name];
        let Plan::Stale { key, previous } = &plans[&listing.name] else {
            unreachable!("only stale listings ran")
        };
        let capture = match Capture::from_build_and_run(
            built.listings.get(&listing.name),
            runs.get(&listing.name),
            &built.cargo_stderr,
        ) {
            Ok(capture) => capture,
            Err(cargo_said) => {
                problems.push(did_not_build(one, &cargo_said));
                continue;
            }
        };
        let key = if lock_changed {
            crate::key::listing_key(listing, config.timeout_of(listing), &inputs_after)?
        } else {
            key.clone()
        };
        if let Err(actual) = verify(&listing.meta.expect, &capture) {
            problems.push(broke_its_promise(one, &actual, &capture));
        } else if !writes {
            if let Some(problem) = compare(one, previous.as_ref(), &capture, &key, mode) {
                differing += usize::from(previous.is_some());
                problems.push(problem);
            }
        } else if !previous
            .as_ref()
            .is_some_and(|p| p.key == key && p.capture == capture)
        {
            to_write.push(Snapshot {
                listing: listing.name.clone(),
                key,
                capture: capture.clone(),
            });
        }
        captures.insert(listing.name.clone(), capture);
    }
    if !problems.is_empty() {
        let hint = (differing > 0)
            .then_some("If the new output is right, accept it with `mdbook-transcript bless` (or `cargo book bless`).");
        return Err(fail_with(&problems, used.len(), hint));
    }

    // snapshot: written only once every listing has passed
    for snapshot in &to_write {
        snapshot.save(&snapshot_path(&used[&snapshot.listing].listing.dir))?;
    }
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

    let summary = Summary {
        listings: used.len(),
        fresh: used.len() - stale.len(),
        ran: stale.len(),
        written: to_write.len(),
    };
    eprintln!(
        "transcript: {} listing(s): {} fresh, {} run, {} snapshot(s) written",
        summary.listings, summary.fresh, summary.ran, summary.written
    );
    Ok(summary)
}

/// Every listing the book uses, with where and its status, for `list`. Runs nothing.
pub fn list_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &Book,
) -> Result<Vec<(Listing, Vec<crate::report::Location>, Status)>> {
    let mut problems = Vec::new();
    let Parsed {
        config,
        uses,
        workspace,
        ..
    } = parse_and_load(root, book_config, book, &mut problems)?;
    let Some(workspace) = workspace else {
        return Ok(Vec::new());
    };
    let used = resolve_uses(&workspace, &uses, &mut problems)?;
    if !problems.is_empty() {
        return Err(fail_with(&problems, used.len(), None));
    }
    let inputs = KeyInputs::read(&workspace.root, rustc_version(&workspace.root)?)?;
    used.values()
        .map(|one| {
            Ok((
                one.listing.clone(),
                one.locations.clone(),
                status_of(one, &config, &inputs)?,
            ))
        })
        .collect()
}

fn parallelism() -> usize {
    std::thread::available_parallelism().map_or(2, usize::from)
}

fn run_requests(stale: &[&Listing], built: &BuildReport, config: &Config) -> Vec<RunRequest> {
    stale
        .iter()
        .filter_map(|listing| {
            Some(RunRequest {
                name: listing.name.clone(),
                executable: built.listings.get(&listing.name)?.executable.clone()?,
                args: Vec::new(),
                working_dir: listing.dir.clone(),
                timeout: config.timeout_of(listing),
                exclusive: listing.meta.exclusive,
            })
        })
        .collect()
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
        details: vec![
            format!("expected: {}", one.listing.meta.expect),
            format!("actual:   {actual}"),
            format!("stderr (last lines):\n{}", capture.stderr_tail(10)),
        ],
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
    if let Some(diff) = diff(name, &previous.capture, capture, &one.listing.meta.redact) {
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
