//! From a listing and what its build made to the programs to run: each of its runs
//! (arguments, environment, input), a `cargo test` run as one part per test
//! executable, and with `cargo-lines` the real cargo command in place of the program.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::listing::Listing;
use crate::listing::exercise::{Command, RunSpec, Stdin};
use crate::toolchain::Toolchain;

use super::super::build::Compiled;
use super::request::{RunKey, RunRequest};

/// What every run request needs besides its listing.
pub(crate) struct RunSettings<'a> {
    pub(crate) config: &'a Config,
    /// How to call cargo, for `cargo-lines` listings.
    pub(crate) cargo: PathBuf,
    /// The toolchain those cargo commands run under (`check --toolchain`).
    pub(crate) toolchain: Option<&'a Toolchain>,
}

/// The runs that start the moment a listing's program is linked: the runs of a `run`
/// listing that shows its program's output alone.
pub(crate) fn at_link(
    listing: &Listing,
    executable: &Path,
    settings: &RunSettings<'_>,
) -> Vec<RunRequest> {
    if listing.command() != Command::Run || listing.meta.exercise.cargo_lines {
        return Vec::new();
    }
    listing
        .meta
        .exercise
        .runs
        .iter()
        .enumerate()
        .map(|(run, spec)| {
            let key = RunKey {
                listing: listing.name.clone(),
                run,
                part: 0,
            };
            request(
                listing,
                key,
                executable.to_path_buf(),
                spec.args.clone(),
                spec,
                settings,
            )
        })
        .collect()
}

/// The runs that start once the build is over: a `test` listing's test executables, and
/// the cargo commands of `cargo-lines` listings. None for a listing that did not build.
pub(crate) fn after_build(
    listing: &Listing,
    compiled: Option<&Compiled>,
    settings: &RunSettings<'_>,
) -> Vec<RunRequest> {
    let Some(compiled) = compiled.filter(|compiled| !compiled.had_errors) else {
        return Vec::new();
    };
    let exercise = &listing.meta.exercise;
    let key = |run: usize, part: usize| RunKey {
        listing: listing.name.clone(),
        run,
        part,
    };
    match (listing.command(), exercise.cargo_lines) {
        (Command::Run | Command::Test, true) => exercise
            .runs
            .iter()
            .enumerate()
            .map(|(run, spec)| {
                let mut request = request(
                    listing,
                    key(run, 0),
                    settings.cargo.clone(),
                    cargo_args(listing, spec),
                    spec,
                    settings,
                );
                request
                    .env
                    .push(("CARGO_TERM_COLOR".into(), "always".into()));
                if let Some((name, value)) = settings.toolchain.map(Toolchain::variable) {
                    request.env.push((name.into(), value.into()));
                }
                request.cargo_clean_first = Some(listing.name.clone());
                request.interleave = true;
                request
            })
            .collect(),
        (Command::Test, false) => compiled
            .executables
            .iter()
            .enumerate()
            .map(|(part, executable)| {
                let spec = &exercise.runs[0];
                let args = vec!["--test-threads=1".to_string()];
                request(
                    listing,
                    key(0, part),
                    executable.path.clone(),
                    args,
                    spec,
                    settings,
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `cargo run -p NAME [--features F] -- ARGS` or `cargo test -p NAME -- --test-threads=1`.
fn cargo_args(listing: &Listing, spec: &RunSpec) -> Vec<String> {
    let mut args = vec![
        listing.command().to_string(),
        "-p".into(),
        listing.name.clone(),
    ];
    if !listing.required_features.is_empty() {
        args.push("--features".into());
        args.push(listing.required_features.join(","));
    }
    args.push("--".into());
    match listing.command() {
        Command::Test => args.push("--test-threads=1".into()),
        _ => args.extend(spec.args.iter().cloned()),
    }
    args
}

fn request(
    listing: &Listing,
    key: RunKey,
    executable: PathBuf,
    args: Vec<String>,
    spec: &RunSpec,
    settings: &RunSettings<'_>,
) -> RunRequest {
    RunRequest {
        key,
        executable,
        args,
        env: spec
            .env
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        stdin: spec.stdin.as_ref().map(|stdin| match stdin {
            Stdin::Text(text) => text.clone().into_bytes(),
            // Checked to be there when the listing was resolved.
            Stdin::File(file) => std::fs::read(listing.dir.join(file)).unwrap_or_default(),
        }),
        cargo_clean_first: None,
        working_dir: listing.dir.clone(),
        timeout: listing.timeout(settings.config.timeout),
        exclusive: listing.meta.exclusive,
        max_output: settings.config.max_output,
        interleave: listing.meta.interleave,
    }
}
