//! Stage 5, build: one cargo call per kind of build, for every stale listing at once, so
//! cargo parallelises and compiles shared dependencies once: `cargo build` for the
//! listings that run or are only built, `cargo build --tests` for those whose point is
//! their tests, `cargo clippy` for those whose transcript is clippy's lints.
//! `--keep-going` lets one broken listing (or one that exists to show a compile error)
//! not hide the others; each listing's diagnostics are collected from cargo's JSON
//! messages by package, with where each points ([`messages`]).
//!
//! Each program is announced the moment cargo reports it linked, so the run stage can
//! start it while cargo is still compiling the rest: runs overlap the build instead of
//! adding up after it.

mod messages;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cargo_metadata::PackageId;

use crate::listing::Listing;
use crate::listing::exercise::Command as ListingCommand;
use crate::report;
use crate::toolchain::Toolchain;

pub(crate) use messages::{BuildError, Compiled, Located};

/// The result of the cargo calls.
#[derive(Debug, Default)]
pub(crate) struct BuildReport {
    pub(crate) listings: HashMap<String, Compiled>,
    /// Cargo's own stderr, for reporting a listing that failed without diagnostics
    /// (a broken dependency, a stale lock file).
    pub(crate) cargo_stderr: String,
}

/// How the build is watched: cargo's progress lines shown or not, and who hears of each
/// program as soon as it is linked (returning `false` stops the build).
pub(crate) struct BuildWatch<'a> {
    pub(crate) show_progress: bool,
    pub(crate) linked: &'a mut dyn FnMut(&str, &Path) -> bool,
}

/// The cargo calls, in the order they are made.
const CALLS: [(&str, &[&str]); 3] = [
    ("build", &["build"]),
    ("build --tests", &["build", "--tests"]),
    ("clippy", &["clippy"]),
];

/// Which cargo call builds a listing.
fn call_of(listing: &Listing) -> usize {
    match listing.command() {
        ListingCommand::Run | ListingCommand::Build => 0,
        ListingCommand::Test => 1,
        ListingCommand::Clippy => 2,
    }
}

/// How cargo is called: in which workspace, whether it may change `Cargo.lock`, and
/// under which toolchain.
pub(crate) struct Cargo<'a> {
    pub(crate) root: &'a Path,
    /// `--locked`: cargo may not change `Cargo.lock`.
    pub(crate) locked: bool,
    pub(crate) toolchain: Option<&'a Toolchain>,
}

/// Builds `listings` with `cargo`.
pub(crate) fn build_listings(
    cargo: &Cargo<'_>,
    listings: &[&Listing],
    watch: BuildWatch<'_>,
) -> Result<BuildReport, BuildError> {
    let mut report = BuildReport::default();
    if listings.is_empty() {
        return Ok(report);
    }
    if watch.show_progress {
        report::status(format_args!(
            "building {} listing(s) with cargo",
            listings.len()
        ));
    }
    for (index, (name, args)) in CALLS.iter().enumerate() {
        let group: Vec<&Listing> = listings
            .iter()
            .copied()
            .filter(|listing| call_of(listing) == index)
            .collect();
        if group.is_empty() {
            continue;
        }
        let command = cargo_command(cargo, args, &group);
        let (compiled, stderr) =
            run_cargo(name, command, &group, watch.show_progress, watch.linked)?;
        report.listings.extend(compiled);
        report.cargo_stderr.push_str(&stderr);
    }
    Ok(report)
}

/// `cargo ARGS` for `listings`, with the features compile-fail listings need.
fn cargo_command(cargo: &Cargo<'_>, args: &[&str], listings: &[&Listing]) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(program);
    command
        .envs(cargo.toolchain.map(Toolchain::variable))
        .current_dir(cargo.root)
        .args(args)
        .args([
            "--keep-going",
            "--message-format=json-diagnostic-rendered-ansi",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if cargo.locked {
        command.arg("--locked");
    }
    let mut features = Vec::new();
    for listing in listings {
        command.args(["-p", &listing.name]);
        features.extend(
            listing
                .required_features
                .iter()
                .map(|f| format!("{}/{f}", listing.name)),
        );
    }
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    command
}

/// Runs one cargo call to its end: what it built of each listing, and its stderr.
fn run_cargo(
    name: &'static str,
    mut command: Command,
    listings: &[&Listing],
    show_progress: bool,
    linked: &mut dyn FnMut(&str, &Path) -> bool,
) -> Result<(HashMap<String, Compiled>, String), BuildError> {
    let mut child = command
        .spawn()
        .map_err(|error| BuildError::Start(name, error))?;
    let stderr = child.stderr.take().expect("stderr is piped");
    let stderr_reader = std::thread::spawn(move || forward_progress(stderr, show_progress));
    let by_id: HashMap<PackageId, &Listing> = listings
        .iter()
        .map(|l| (l.package_id.clone(), *l))
        .collect();
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let compiled = messages::read(stdout, &by_id, &mut |listing: &str, exe: &PathBuf| {
        let keep_going = linked(listing, exe);
        if !keep_going {
            let _ = child.kill(); // nobody will run what it builds
        }
        keep_going
    });
    let waited = child.wait();
    let cargo_stderr = stderr_reader.join().unwrap_or_default();
    let compiled = compiled?;
    waited.map_err(|error| BuildError::Wait(name, error))?;
    Ok((compiled, cargo_stderr))
}

/// Passes cargo's progress lines ("Compiling tokio ...") on to our stderr when `show`,
/// keeping all of its stderr for error reports.
fn forward_progress(stderr: impl std::io::Read, show: bool) -> String {
    const PROGRESS: [&str; 5] = [
        "Compiling",
        "Downloading",
        "Downloaded",
        "Updating",
        "Locking",
    ];
    let mut kept = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        let trimmed = line.trim_start();
        if show && PROGRESS.iter().any(|word| trimmed.starts_with(word)) {
            report::passed_on(&line);
        }
        kept.push_str(&line);
        kept.push('\n');
    }
    kept
}
