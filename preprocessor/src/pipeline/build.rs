//! Stage 5, build: one `cargo build` for every stale listing, so cargo parallelises and
//! compiles shared dependencies once. `--keep-going` lets one broken listing (or one
//! that exists to show a compile error) not hide the others; each listing's diagnostics
//! are collected from cargo's JSON messages by package.
//!
//! Each binary is announced the moment cargo reports it linked, so the run stage can
//! start it while cargo is still compiling the rest: runs overlap the build instead of
//! adding up after it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
use cargo_metadata::{Message, PackageId};

use crate::listing::Listing;
use crate::report;

/// What the compiler made of one listing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    /// The binary, when it compiled.
    pub(crate) executable: Option<PathBuf>,
    /// Rendered diagnostics, in the order rustc gave them.
    pub(crate) diagnostics: String,
    /// Error codes and lint names of those diagnostics.
    pub(crate) codes: Vec<String>,
    /// Whether any diagnostic was an error.
    pub(crate) had_errors: bool,
}

/// The result of the one cargo call.
#[derive(Debug, Default)]
pub(crate) struct BuildReport {
    pub(crate) listings: HashMap<String, Compiled>,
    /// Cargo's own stderr, for reporting a listing that failed without diagnostics
    /// (a broken dependency, a stale lock file).
    pub(crate) cargo_stderr: String,
}

/// How the build is watched: cargo's progress lines shown or not, and who hears of each
/// listing binary as soon as it is linked (returning `false` stops the build).
pub(crate) struct BuildWatch<'a> {
    pub(crate) show_progress: bool,
    pub(crate) linked: &'a mut dyn FnMut(&str, &Path) -> bool,
}

/// The build could not be run to its end.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BuildError {
    #[error("cannot start `cargo build`")]
    Start(#[source] std::io::Error),
    #[error("cannot read cargo's JSON messages")]
    Messages(#[source] std::io::Error),
    #[error("cannot wait for `cargo build`")]
    Wait(#[source] std::io::Error),
    #[error("the build was stopped because the runs were")]
    Stopped,
}

/// Builds `listings` in the workspace at `root` with one cargo call; `locked` keeps
/// cargo from changing `Cargo.lock`.
pub(crate) fn build_listings(
    root: &Path,
    listings: &[&Listing],
    locked: bool,
    watch: BuildWatch<'_>,
) -> Result<BuildReport, BuildError> {
    if listings.is_empty() {
        return Ok(BuildReport::default());
    }
    if watch.show_progress {
        report::status(format_args!(
            "building {} listing(s) with cargo",
            listings.len()
        ));
    }
    let mut child = cargo_build(root, listings, locked)
        .spawn()
        .map_err(BuildError::Start)?;
    let stderr = child.stderr.take().expect("stderr is piped");
    let show_progress = watch.show_progress;
    let stderr_reader = std::thread::spawn(move || forward_progress(stderr, show_progress));
    let by_id: HashMap<PackageId, String> = listings
        .iter()
        .map(|l| (l.package_id.clone(), l.name.clone()))
        .collect();
    let listings = read_messages(&mut child, &by_id, watch.linked);
    let waited = child.wait();
    let cargo_stderr = stderr_reader.join().unwrap_or_default();
    let listings = listings?;
    waited.map_err(BuildError::Wait)?;
    Ok(BuildReport {
        listings,
        cargo_stderr,
    })
}

/// `cargo build` of every listing, with the features compile-fail listings need.
fn cargo_build(root: &Path, listings: &[&Listing], locked: bool) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args([
            "build",
            "--keep-going",
            "--message-format=json-diagnostic-rendered-ansi",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if locked {
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

/// Reads cargo's messages to their end: each binary as it is linked (told to `linked`),
/// and each listing's diagnostics.
fn read_messages(
    child: &mut Child,
    by_id: &HashMap<PackageId, String>,
    linked: &mut dyn FnMut(&str, &Path) -> bool,
) -> Result<HashMap<String, Compiled>, BuildError> {
    let mut listings: HashMap<String, Compiled> = HashMap::new();
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    for message in Message::parse_stream(stdout) {
        match message.map_err(BuildError::Messages)? {
            Message::CompilerArtifact(artifact) => {
                let (Some(name), Some(exe)) =
                    (by_id.get(&artifact.package_id), artifact.executable)
                else {
                    continue;
                };
                let exe = exe.into_std_path_buf();
                if !linked(name, &exe) {
                    let _ = child.kill(); // nobody will run what it builds
                    return Err(BuildError::Stopped);
                }
                listings.entry(name.clone()).or_default().executable = Some(exe);
            }
            Message::CompilerMessage(message) => {
                if let Some(name) = by_id.get(&message.package_id) {
                    listings
                        .entry(name.clone())
                        .or_default()
                        .add(message.message);
                }
            }
            _ => {}
        }
    }
    Ok(listings)
}

impl Compiled {
    /// Takes in one diagnostic rustc reported for the listing.
    fn add(&mut self, diagnostic: Diagnostic) {
        if let Some(rendered) = &diagnostic.rendered {
            self.diagnostics.push_str(rendered);
        }
        if let Some(code) = diagnostic.code
            && !self.codes.contains(&code.code)
        {
            self.codes.push(code.code);
        }
        if matches!(
            diagnostic.level,
            DiagnosticLevel::Error | DiagnosticLevel::Ice
        ) {
            self.had_errors = true;
        }
    }
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
