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
mod changes;
mod exercise;
mod judge;
mod key;
mod parse;
mod plan;
mod render;
mod resolve;
mod run;
mod snapshot;
mod unchanged;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use mdbook_preprocessor::book::Book;

use crate::capture::{MachinePaths, Places};
use crate::ci_report::{self, ListingResult};
use crate::config::Config;
use crate::lock::WorkspaceLock;
use crate::mode::Request;
use crate::progress::{Progress, Summary};
use crate::report::{Invocation, Location, Problems};
use crate::run_log::{LastRun, RunLog};
use crate::toolchain::Toolchain;

use judge::{Ran, Verdicts};
use key::KeyInputs;
use parse::Pages;
use render::{RenderContext, SourceLinks};
use resolve::{Described, UsedListings, Workspace, WorkspaceFiles};
use unchanged::{Before, Known};

pub(crate) use plan::Status;
// For `crate::fuzzing` alone: the two stages that read text a person or git wrote.
pub(crate) use parse::parse_book;
pub(crate) use snapshot::Snapshot;

/// Runs the pipeline over `book` (the chapters after mdBook's `links` preprocessor),
/// replacing every directive. `root` is the book's root directory. Runs of one listing
/// that disagree (`request.repeat` > 1) name a flaky listing.
pub(crate) fn process_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    request: &Request,
) -> Result<()> {
    let (mode, invocation) = (request.mode, &request.invocation);
    let toolchain = request.toolchain.as_ref();
    let progress = Progress::start();
    let Some((config, mut before)) = unless_unchanged(root, book_config, book, request, &progress)?
    else {
        return Ok(()); // nothing changed since the last build: its pages are in place
    };
    let mut problems = Problems::default();
    let known = (toolchain, std::mem::take(&mut before.known));
    let Some(Loaded {
        config,
        pages,
        workspace,
        rustc,
    }) = load(root, (book_config, config), book, known, &mut problems)?
    else {
        return Ok(()); // a book without listings needs no workspace
    };
    let used = resolve_shard(&workspace, &pages, request, &mut problems)?;
    let _lock = WorkspaceLock::acquire(&workspace.target_dir, &workspace.root)?;
    let inputs = KeyInputs::read(&workspace.root, rustc)?
        .with_walk(&workspace.files.root, &workspace.files.sources);
    let plans = plan::plan_listings(&used, &config, &inputs, request, &mut problems)?;
    problems.fail_if_any(used.len(), None)?; // nothing built yet
    for (name, _) in plans.iter().filter(|(_, plan)| !plan.is_stale()) {
        progress.cached(name);
    }

    let stale = plan::stale_listings(&used, &plans);
    let (built, rounds) = exercise::build_and_run(&workspace, &stale, &config, request, &progress)?;
    let keys = key::keys_after_build(
        &stale,
        plan::planned_keys(&plans),
        &config,
        &inputs,
        &workspace.root,
    )?;
    let machine = machine_paths(&workspace, root);
    let ran = Ran {
        stale: &stale,
        used: &used,
        plans: &plans,
        built: &built,
        rounds: &rounds,
        keys: &keys,
        machine: &machine,
        invocation,
        workspace_root: &workspace.root,
        with_package: config.package_in_commands,
        collect_changes: request.changes.is_some(),
    };
    let verdicts = judge::judge(&ran, mode);
    let mut summary = Summary::before_writing(used.len(), stale.len(), verdicts.failed);
    write_reports(request, &used, &verdicts, &workspace)?;
    let changes = changes::write_report(request, used.len(), &verdicts.changes)?;
    fail_if_any_failed(&verdicts, &summary, &progress, invocation)?;

    snapshot::write_all(&verdicts.to_write, &used)?;
    summary.written = verdicts.to_write.len();
    let captures = plan::with_fresh_captures(verdicts.captures, plans);
    let context = RenderContext {
        workspace_root: &workspace.root,
        source_links: SourceLinks::of_book(root, book_config, &config.source_ref),
    };
    let rendered = render_book(book, &context, &pages, &used, &captures)?;
    before.remember(&workspace, &used, &summary, rendered);
    progress.finish(&summary);
    changes.inspect(|written| written.announce(invocation));
    Ok(())
}

/// The book's settings and what is known before reading anything, unless nothing
/// changed since the last build, whose pages then replace the chapters.
fn unless_unchanged(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    request: &Request,
    progress: &Progress,
) -> Result<Option<(Config, Before)>> {
    let config = Config::from_book(book_config)?;
    let workspace = root.join(&config.workspace);
    let mut before = Before::take(root, book_config, book, (&workspace, request.mode));
    if let Some(listings) = before.replay(book) {
        progress.finish_cached(&listings);
        return Ok(None);
    }
    Ok(Some((config, before)))
}

/// The listings the pages use, and unused listings as problems when the mode fails on
/// them; under `--shard`, only the shard's own.
fn resolve_shard<'w>(
    workspace: &'w Workspace,
    pages: &Pages,
    request: &Request,
    problems: &mut Problems,
) -> Result<UsedListings<'w>> {
    let mine = request
        .shard
        .map(|shard| (shard, plan::listings_of_shard(workspace, shard)));
    // A directive naming another shard's listing is that shard's to judge; one naming
    // no listing of the workspace is every shard's.
    let uses = pages.uses.iter().filter(|one| {
        let name = &one.directive.listing;
        mine.as_ref()
            .is_none_or(|(_, mine)| mine.contains(name) || !workspace.listings.contains_key(name))
    });
    let mut used = resolve::resolve_uses(workspace, uses, problems)?;
    if let Some((shard, mine)) = &mine {
        used.retain(|name, _| mine.contains(name));
        crate::report::status(format_args!(
            "shard {shard}: {} of the workspace's {} listing(s)",
            mine.len(),
            workspace.listings.len()
        ));
    }
    if request.mode.fails_on_unused_listings() {
        let in_shard = |name: &str| mine.as_ref().is_none_or(|(_, mine)| mine.contains(name));
        problems.extend(judge::unused_listings(workspace, &used, in_shard));
    }
    Ok(used)
}

/// Writes `check --report`'s reports: every listing of this run (of the shard), with
/// its places, the run log's time and its problems; and prints the ten slowest.
fn write_reports(
    request: &Request,
    used: &UsedListings<'_>,
    verdicts: &Verdicts,
    workspace: &Workspace,
) -> Result<()> {
    if request.reports.is_empty() {
        return Ok(());
    }
    let run_log = RunLog::load(&workspace.target_dir);
    let results: Vec<ListingResult> = used
        .values()
        .map(|one| {
            let name = &one.listing.name;
            let failures = verdicts.failures.get(name).cloned().unwrap_or_default();
            ListingResult {
                name: name.clone(),
                pages: one.locations.iter().map(ToString::to_string).collect(),
                seconds: run_log.runs.get(name).map(|run| run.seconds),
                passed: failures.is_empty(),
                failures,
            }
        })
        .collect();
    let times: Vec<(String, f64)> = results
        .iter()
        .filter_map(|result| Some((result.name.clone(), result.seconds?)))
        .collect();
    crate::report::slowest(&times, 10);
    for spec in &request.reports {
        ci_report::write(spec, &results, request.shard.map(|s| s.to_string()))?;
    }
    Ok(())
}

/// Fails, after the closing summary, when judging found problems; with a hint when a
/// listing printed something other than its snapshot.
fn fail_if_any_failed(
    verdicts: &Verdicts,
    summary: &Summary,
    progress: &Progress,
    invocation: &Invocation,
) -> Result<()> {
    if verdicts.problems.is_empty() {
        return Ok(());
    }
    progress.finish(summary);
    let hint = (verdicts.differing > 0).then(|| invocation.to_accept_new_output());
    verdicts
        .problems
        .fail_if_any(summary.listings, hint.as_deref())?;
    Ok(())
}

/// A book's settings, pages and listings' workspace.
struct Loaded {
    config: Config,
    pages: Pages,
    workspace: Workspace,
    /// The compiler's `rustc -vV`.
    rustc: String,
}

/// Parses the book's pages and loads the listings' workspace (under `toolchain`, with
/// `rustc -vV` when it is known already); `None` for a book that uses no listing (and
/// has no problem), which needs no workspace.
fn load(
    root: &Path,
    (book_config, config): (&mdbook_preprocessor::config::Config, Config),
    book: &Book,
    (toolchain, known): (Option<&Toolchain>, Known),
    problems: &mut Problems,
) -> Result<Option<Loaded>> {
    let pages = parse::parse_book(
        book,
        root,
        &book_config.book.src,
        config.chapter_offset,
        problems,
    );
    if pages.uses.is_empty() && problems.is_empty() {
        return Ok(None);
    }
    let (workspace, rustc) = load_workspace(root, &config, (toolchain, known), problems)?;
    Ok(Some(Loaded {
        config,
        pages,
        workspace,
        rustc,
    }))
}

/// Renders every page and puts it in place of the chapter's content; the pages.
fn render_book(
    book: &mut Book,
    context: &RenderContext<'_>,
    pages: &Pages,
    used: &UsedListings<'_>,
    captures: &HashMap<String, crate::capture::Capture>,
) -> Result<HashMap<PathBuf, String>> {
    let rendered = match render::render_pages(context, pages, used, captures) {
        Ok(rendered) => rendered,
        Err(problems) => {
            problems.fail_if_any(used.len(), None)?;
            return Ok(HashMap::new());
        }
    };
    render::into_chapters(book, &rendered);
    Ok(rendered)
}

/// This machine's paths, as captures must not show them.
fn machine_paths(workspace: &Workspace, book_root: &Path) -> MachinePaths {
    MachinePaths::new(&Places::of_this_machine(
        &workspace.root,
        &workspace.target_dir,
        book_root,
    ))
}

/// The listings' workspace and the compiler's `rustc -vV`. Asking rustc is done while
/// the workspace is walked and described (cargo's description is remembered by the
/// compiler, and checked against it once rustc answers).
fn load_workspace(
    root: &Path,
    config: &Config,
    (toolchain, known): (Option<&Toolchain>, Known),
    problems: &mut Problems,
) -> Result<(Workspace, String)> {
    let dir = root.join(&config.workspace);
    let Known { rustc, files } = known;
    let (described, rustc) = std::thread::scope(|scope| {
        let rustc = scope.spawn(|| rustc.map_or_else(|| key::rustc_version(&dir, toolchain), Ok));
        let described =
            WorkspaceFiles::walk(&dir, files).and_then(|files| Described::read(files, toolchain));
        (
            described,
            rustc.join().expect("asking rustc does not panic"),
        )
    });
    let (described, rustc) = (described?, rustc?);
    let described = described.under_compiler(&rustc)?;
    let workspace = Workspace::load(described, root, problems)?;
    Ok((workspace, rustc))
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
    let Some(Loaded {
        config,
        pages,
        workspace,
        rustc,
    }) = load(
        root,
        (book_config, Config::from_book(book_config)?),
        book,
        (None, Known::default()),
        &mut problems,
    )?
    else {
        return Ok(Vec::new());
    };
    let used: UsedListings<'_> = resolve::resolve_uses(&workspace, &pages.uses, &mut problems)?;
    problems.fail_if_any(used.len(), None)?;
    let inputs = KeyInputs::read(&workspace.root, rustc)?
        .with_walk(&workspace.files.root, &workspace.files.sources);
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
