//! The whole pipeline over one book, in the order of DESIGN.md §3:
//!
//! parse -> resolve -> key -> plan -> build -> run -> verify -> snapshot -> render
//!
//! Each stage lives in its own module; this one only passes typed results along,
//! collects every problem, and fails once at the end, before anything is written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use mdbook_preprocessor::book::{Book, BookItem};

use crate::build::{BuildReport, build_listings};
use crate::capture::{Capture, Outcome};
use crate::config::Config;
use crate::key::{KeyInputs, listing_key};
use crate::parse::{Directive, DirectiveKind, parse_directives};
use crate::render::{Caption, render_listing, render_transcript};
use crate::report::{Location, Problem, fail_with};
use crate::resolve::{Listing, Workspace, rustc_version};
use crate::run::{RunRequest, RunResult, run_all};
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

/// One directive in one page.
struct Use {
    page: usize,
    directive: Directive,
    location: Location,
}

/// One chapter with a file behind it.
struct Page {
    path: PathBuf,
    content: String,
    /// The number used in listing labels (top-level chapter number + offset).
    chapter: Option<u32>,
}

/// Where a listing's capture comes from this time.
enum Plan {
    Fresh(Snapshot),
    Stale { previous: Option<Snapshot> },
}

/// Runs the pipeline over `book` (the chapters after mdBook's `links` preprocessor),
/// replacing every directive. `root` is the book's root directory.
pub fn process_book(
    root: &Path,
    book_config: &mdbook_preprocessor::config::Config,
    book: &mut Book,
    mode: Mode,
) -> Result<Summary> {
    let config = Config::from_book(book_config)?;
    let writes = match mode {
        Mode::Build => !is_ci(),
        Mode::Check => false,
        Mode::Bless => true,
    };
    let pages = collect_pages(book, &config);
    let src_dir = book_config.book.src.clone();
    let mut problems = Vec::new();

    // parse
    let mut uses = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        let file = src_dir.join(&page.path);
        for parsed in parse_directives(&page.content) {
            match parsed {
                Ok(directive) => {
                    let location = Location {
                        file: file.clone(),
                        line: directive.line,
                        column: directive.column,
                    };
                    uses.push(Use {
                        page: index,
                        directive,
                        location,
                    });
                }
                Err(error) => problems.push(Problem::at(
                    Location {
                        file: file.clone(),
                        line: error.line,
                        column: error.column,
                    },
                    error.message,
                )),
            }
        }
    }
    if uses.is_empty() && problems.is_empty() {
        return Ok(Summary::default());
    }

    // resolve
    let workspace = Workspace::load(&root.join(&config.workspace))?;
    let mut used: BTreeMap<&str, (&Listing, Vec<Location>)> = BTreeMap::new();
    let mut sources: HashMap<&str, String> = HashMap::new();
    for one in &uses {
        let listing = match workspace.get(&one.directive.listing) {
            Ok(listing) => listing,
            Err(message) => {
                problems.push(Problem::at(one.location.clone(), message));
                continue;
            }
        };
        if !sources.contains_key(listing.name.as_str()) {
            let text = std::fs::read_to_string(&listing.main_source)
                .with_context(|| format!("cannot read {}", listing.main_source.display()))?;
            sources.insert(&listing.name, text);
        }
        if let DirectiveKind::Listing {
            anchor: Some(anchor),
        } = &one.directive.kind
            && let Err(message) =
                crate::anchor::shown_source(&sources[listing.name.as_str()], Some(anchor))
        {
            problems.push(Problem::at(
                one.location.clone(),
                format!(
                    "listing `{}`, anchor `{anchor}`: {message} ({})",
                    listing.name,
                    listing.main_source.display()
                ),
            ));
        }
        used.entry(&listing.name)
            .or_insert_with(|| (listing, Vec::new()))
            .1
            .push(one.location.clone());
    }

    // key and plan
    let inputs = KeyInputs::read(&workspace.root, rustc_version(&workspace.root)?)?;
    let mut plans: BTreeMap<&str, Plan> = BTreeMap::new();
    for (name, (listing, locations)) in &used {
        let timeout = listing.meta.timeout.unwrap_or(config.timeout);
        let key = listing_key(listing, timeout, &inputs)?;
        let previous = match Snapshot::load(&snapshot_path(&listing.dir)) {
            Ok(previous) => previous,
            Err(_) if mode == Mode::Bless => None,
            Err(error) => {
                problems.push(Problem {
                    message: format!("listing `{name}`: {error:#}"),
                    locations: locations.clone(),
                    details: vec![],
                });
                None
            }
        };
        let plan = match previous {
            Some(snapshot) if mode == Mode::Build && snapshot.key == key => Plan::Fresh(snapshot),
            previous => Plan::Stale { previous },
        };
        plans.insert(name, plan);
    }

    // build and run
    let stale: Vec<&Listing> = used
        .values()
        .map(|(listing, _)| *listing)
        .filter(|listing| matches!(plans[listing.name.as_str()], Plan::Stale { .. }))
        .collect();
    let locked = is_ci() || mode == Mode::Check;
    let built = build_listings(&workspace.root, &stale, locked)?;
    let runs = run_all(run_requests(&stale, &built, &config), parallelism())?;

    // The build may have created or updated Cargo.lock: key what was actually built.
    let inputs = KeyInputs::read(&workspace.root, inputs.rustc_version)?;

    // verify, then compare with or prepare new snapshots
    let mut captures: HashMap<&str, Capture> = HashMap::new();
    let mut to_write = Vec::new();
    let mut differing = 0;
    for listing in &stale {
        let name = listing.name.as_str();
        let locations = &used[name].1;
        let Plan::Stale { previous, .. } = &plans[name] else {
            unreachable!("only stale listings are built")
        };
        let key = &listing_key(
            listing,
            listing.meta.timeout.unwrap_or(config.timeout),
            &inputs,
        )?;
        let capture = match capture_of(listing, &built, runs.get(name)) {
            Ok(capture) => capture,
            Err(problem) => {
                problems.push(Problem {
                    locations: locations.clone(),
                    ..problem
                });
                continue;
            }
        };
        if let Err(actual) = verify(&listing.meta.expect, &capture) {
            problems.push(Problem {
                message: format!("listing `{name}` did not do what it declares"),
                locations: locations.clone(),
                details: vec![
                    format!("expected: {}", listing.meta.expect),
                    format!("actual:   {actual}"),
                    format!("stderr (last lines):\n{}", capture.stderr_tail(10)),
                ],
            });
        } else if !writes {
            match previous {
                None => problems.push(Problem {
                    message: format!(
                        "listing `{name}` has no snapshot ({}); build the book locally and commit it",
                        snapshot_path(&listing.dir).display()
                    ),
                    locations: locations.clone(),
                    details: vec![],
                }),
                Some(previous) => {
                    if let Some(diff) = diff(name, &previous.capture, &capture, &listing.meta.redact) {
                        differing += 1;
                        problems.push(Problem {
                            message: format!("listing `{name}` printed something other than its snapshot"),
                            locations: locations.clone(),
                            details: vec![diff],
                        });
                    } else if previous.key != *key && mode == Mode::Check {
                        eprintln!(
                            "transcript: note: listing `{name}`: same output, but the snapshot's key is stale (bless to refresh it)"
                        );
                    }
                }
            }
        } else {
            let unchanged = previous
                .as_ref()
                .is_some_and(|p| p.key == *key && p.capture == capture);
            if !unchanged {
                to_write.push(Snapshot {
                    listing: name.to_string(),
                    key: key.clone(),
                    capture: capture.clone(),
                });
            }
        }
        captures.insert(name, capture);
    }

    if !problems.is_empty() {
        let hint = (differing > 0).then_some(
            "If the new output is right, accept it with `mdbook-transcript bless` (or `cargo book bless`).",
        );
        return Err(fail_with(&problems, used.len(), hint));
    }

    // snapshot: written only once every listing has passed
    for snapshot in &to_write {
        let listing = used[snapshot.listing.as_str()].0;
        snapshot.save(&snapshot_path(&listing.dir))?;
    }
    for (name, plan) in &plans {
        if let Plan::Fresh(snapshot) = plan {
            captures.insert(name, snapshot.capture.clone());
        }
    }

    // render
    let rendered = render_pages(root, &pages, &uses, &workspace, &sources, &captures)?;
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

fn collect_pages(book: &Book, config: &Config) -> Vec<Page> {
    book.iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => Some(chapter),
            _ => None,
        })
        .filter_map(|chapter| {
            Some(Page {
                path: chapter.path.clone()?,
                content: chapter.content.clone(),
                chapter: chapter
                    .number
                    .as_ref()
                    .and_then(|n| n.first())
                    .map(|n| n + config.chapter_offset),
            })
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
            let executable = built.listings.get(&listing.name)?.executable.clone()?;
            Some(RunRequest {
                name: listing.name.clone(),
                executable,
                working_dir: listing.dir.clone(),
                timeout: listing.meta.timeout.unwrap_or(config.timeout),
                exclusive: listing.meta.exclusive,
            })
        })
        .collect()
}

/// Puts a listing's compiler result and run together.
fn capture_of(
    listing: &Listing,
    built: &BuildReport,
    run: Option<&RunResult>,
) -> Result<Capture, Problem> {
    let compiled = built
        .listings
        .get(&listing.name)
        .cloned()
        .unwrap_or_default();
    match (run, compiled.had_errors) {
        (Some(run), _) => Ok(Capture {
            outcome: run.outcome.clone(),
            codes: compiled.codes,
            diagnostics: compiled.diagnostics,
            stdout: run.stdout.clone(),
            stderr: run.stderr.clone(),
        }),
        (None, true) => Ok(Capture {
            outcome: Outcome::CompileError,
            codes: compiled.codes,
            diagnostics: compiled.diagnostics,
            stdout: String::new(),
            stderr: String::new(),
        }),
        (None, false) => {
            let tail: Vec<&str> = built.cargo_stderr.lines().collect();
            Err(Problem {
                message: format!(
                    "listing `{}` did not build, and rustc reported no error in it (expected: {})",
                    listing.name, listing.meta.expect
                ),
                locations: vec![],
                details: vec![format!(
                    "cargo said:\n{}",
                    tail[tail.len().saturating_sub(15)..].join("\n")
                )],
            })
        }
    }
}

fn render_pages(
    root: &Path,
    pages: &[Page],
    uses: &[Use],
    workspace: &Workspace,
    sources: &HashMap<&str, String>,
    captures: &HashMap<&str, Capture>,
) -> Result<HashMap<PathBuf, String>> {
    let book_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut counters: HashMap<Option<u32>, usize> = HashMap::new();
    let mut rendered = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let mut content = page.content.clone();
        let mut replacements = Vec::new();
        for one in uses.iter().filter(|one| one.page == index) {
            let listing = workspace
                .get(&one.directive.listing)
                .map_err(anyhow::Error::msg)?;
            let capture = &captures[listing.name.as_str()];
            let text = match &one.directive.kind {
                DirectiveKind::Output => render_transcript(listing, capture),
                DirectiveKind::Listing { anchor } => {
                    let counter = counters.entry(page.chapter).or_insert(0);
                    *counter += 1;
                    let label = page
                        .chapter
                        .map(|chapter| format!("Listing {chapter}-{counter}"));
                    let file = listing
                        .main_source
                        .strip_prefix(&book_root)
                        .unwrap_or(&listing.main_source);
                    let caption = Caption { label, file };
                    render_listing(
                        listing,
                        &sources[listing.name.as_str()],
                        anchor.as_deref(),
                        &caption,
                        capture,
                    )
                    .map_err(anyhow::Error::msg)?
                }
            };
            replacements.push((
                one.directive.range.clone(),
                indent_continuation(&content, one.directive.range.start, &text),
            ));
        }
        for (range, text) in replacements.into_iter().rev() {
            content.replace_range(range, &text);
        }
        rendered.insert(page.path.clone(), content);
    }
    Ok(rendered)
}

/// A directive indented inside a list item keeps its replacement inside the item:
/// every line after the first gets the directive's own indentation.
fn indent_continuation(content: &str, at: usize, text: &str) -> String {
    let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &content[line_start..at];
    if prefix.is_empty() || !prefix.chars().all(|c| c == ' ') {
        return text.trim_end().to_string();
    }
    text.trim_end()
        .replace('\n', &format!("\n{prefix}"))
        .replace(&format!("\n{prefix}\n"), "\n\n")
}
