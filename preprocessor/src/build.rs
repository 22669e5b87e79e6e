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
use std::process::{Command, Stdio};

use anyhow::{Context, Result};
use cargo_metadata::Message;
use cargo_metadata::diagnostic::DiagnosticLevel;

use crate::resolve::Listing;

/// What the compiler made of one listing.
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// The binary, when it compiled.
    pub executable: Option<PathBuf>,
    /// Rendered diagnostics, in the order rustc gave them.
    pub diagnostics: String,
    /// Error codes and lint names of those diagnostics.
    pub codes: Vec<String>,
    /// Whether any diagnostic was an error.
    pub had_errors: bool,
}

/// The result of the one cargo call.
#[derive(Debug, Default)]
pub struct BuildReport {
    pub listings: HashMap<String, Compiled>,
    /// Cargo's own stderr, for reporting a listing that failed without diagnostics
    /// (a broken dependency, a stale lock file).
    pub cargo_stderr: String,
}

/// How the build is watched: cargo's progress lines shown or not, and who hears of each
/// listing binary as soon as it is linked (returning `false` stops the build).
pub struct BuildWatch<'a> {
    pub show_progress: bool,
    pub linked: &'a mut dyn FnMut(&str, &Path) -> bool,
}

/// Builds `listings` in the workspace at `root` with one cargo call.
pub fn build_listings(
    root: &Path,
    listings: &[&Listing],
    locked: bool,
    watch: BuildWatch<'_>,
) -> Result<BuildReport> {
    let mut report = BuildReport::default();
    if listings.is_empty() {
        return Ok(report);
    }
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args(["build", "--keep-going", "--message-format=json"])
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
    if watch.show_progress {
        eprintln!(
            "transcript: building {} listing(s) with cargo",
            listings.len()
        );
    }
    let mut child = command.spawn().context("cannot start `cargo build`")?;

    let stderr = child.stderr.take().expect("stderr is piped");
    let show_progress = watch.show_progress;
    let stderr_reader = std::thread::spawn(move || forward_progress(stderr, show_progress));

    let by_id: HashMap<_, _> = listings
        .iter()
        .map(|l| (l.package_id.clone(), l.name.clone()))
        .collect();
    let stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    for message in Message::parse_stream(stdout) {
        let message = message.context("cannot read cargo's JSON messages")?;
        match message {
            Message::CompilerArtifact(artifact) => {
                if let (Some(name), Some(exe)) =
                    (by_id.get(&artifact.package_id), artifact.executable)
                {
                    let exe = exe.into_std_path_buf();
                    if !(watch.linked)(name, &exe) {
                        let _ = child.kill(); // nobody will run what it builds
                        child.wait().ok();
                        anyhow::bail!("the build was stopped because the runs were");
                    }
                    report.listings.entry(name.clone()).or_default().executable = Some(exe);
                }
            }
            Message::CompilerMessage(message) => {
                let Some(name) = by_id.get(&message.package_id) else {
                    continue;
                };
                let compiled = report.listings.entry(name.clone()).or_default();
                let diagnostic = message.message;
                if let Some(rendered) = &diagnostic.rendered {
                    compiled.diagnostics.push_str(rendered);
                }
                if let Some(code) = diagnostic.code
                    && !compiled.codes.contains(&code.code)
                {
                    compiled.codes.push(code.code);
                }
                if matches!(
                    diagnostic.level,
                    DiagnosticLevel::Error | DiagnosticLevel::Ice
                ) {
                    compiled.had_errors = true;
                }
            }
            _ => {}
        }
    }
    child.wait().context("cannot wait for `cargo build`")?;
    report.cargo_stderr = stderr_reader.join().unwrap_or_default();
    Ok(report)
}

/// Passes cargo's progress lines ("Compiling tokio ...") on to our stderr when `show`,
/// keeping all of its stderr for error reports.
fn forward_progress(stderr: impl std::io::Read, show: bool) -> String {
    let mut kept = String::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        let trimmed = line.trim_start();
        if show
            && [
                "Compiling",
                "Downloading",
                "Downloaded",
                "Updating",
                "Locking",
            ]
            .iter()
            .any(|word| trimmed.starts_with(word))
        {
            eprintln!("{line}");
        }
        kept.push_str(&line);
        kept.push('\n');
    }
    kept
}
