//! How a listing is exercised, as it declares: which cargo command the transcript shows
//! (`run`, `test`, `build`, `clippy`), the runs (arguments, environment, input), the
//! files the run reads, which part of the output the page shows, and whether cargo's own
//! lines belong in the transcript.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;
use std::path::PathBuf;

use regex::Regex;

use super::expectation::{Expectation, read_expectation};
use super::read::{MetaError, Table, Value, closest};

/// The cargo command a listing's transcript shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// `cargo run`: the program's output (the default for a binary).
    Run,
    /// `cargo test`: the test harness's output (the default for a library).
    Test,
    /// `cargo build`: the compiler's diagnostics; nothing runs.
    Build,
    /// `cargo clippy`: its lints; nothing runs.
    Clippy,
}

const COMMANDS: [&str; 4] = ["run", "test", "build", "clippy"];

impl Command {
    /// Whether anything runs after the build.
    pub(crate) fn runs(self) -> bool {
        matches!(self, Command::Run | Command::Test)
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = match self {
            Command::Run => "run",
            Command::Test => "test",
            Command::Build => "build",
            Command::Clippy => "clippy",
        };
        f.write_str(word)
    }
}

/// One run: what it is given, and (when it differs from the listing's) how it must end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RunSpec {
    pub(crate) args: Vec<String>,
    pub(crate) env: BTreeMap<String, String>,
    pub(crate) stdin: Option<Stdin>,
    pub(crate) expect: Option<Expectation>,
}

/// What a run reads on its standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Stdin {
    Text(String),
    /// A file beside the listing, relative to its directory.
    File(PathBuf),
}

/// Which lines of each stream the page shows; comparison always uses all of them.
#[derive(Debug, Clone, Default)]
pub(crate) enum Shown {
    #[default]
    All,
    /// Lines `first..=last` (1-based).
    Lines(RangeInclusive<usize>),
    /// The lines that match.
    Matching(Regex),
}

/// The parts of `[package.metadata.transcript]` about how the listing is exercised.
#[derive(Debug, Clone)]
pub(crate) struct Exercise {
    /// `None`: the default for the listing's kind (run a binary, test a library).
    pub(crate) command: Option<Command>,
    /// At least one.
    pub(crate) runs: Vec<RunSpec>,
    /// Files the runs read, relative to the listing's directory (its working directory).
    pub(crate) files: Vec<PathBuf>,
    pub(crate) shown: Shown,
    /// Cargo's own lines (`Compiling`, `Finished`, `Running`) in the transcript.
    pub(crate) cargo_lines: bool,
}

impl Default for Exercise {
    fn default() -> Exercise {
        Exercise {
            command: None,
            runs: vec![RunSpec::default()],
            files: Vec::new(),
            shown: Shown::All,
            cargo_lines: false,
        }
    }
}

pub(super) fn read_exercise(table: &Table<'_, '_>) -> Result<Exercise, MetaError> {
    let command = table.get("command").map(|v| read_command(&v)).transpose()?;
    let single = read_run(table)?;
    let runs = match table.get("runs") {
        Some(value) if single != RunSpec::default() => {
            return Err(MetaError::new(
                value.span(),
                "`runs`: give `args`, `env` and `stdin` inside each run, not beside `runs`",
            ));
        }
        Some(value) => read_runs(&value)?,
        None => vec![single],
    };
    let files = match table.get("files") {
        Some(value) => value
            .array("an array of file names")?
            .into_iter()
            .map(|(key, item)| {
                let item = Value { key, spanned: item };
                Ok(PathBuf::from(
                    item.string("a file name, relative to the listing")?,
                ))
            })
            .collect::<Result<_, MetaError>>()?,
        None => Vec::new(),
    };
    let shown = table.get("show").map(|v| read_shown(&v)).transpose()?;
    let cargo_lines = table.get("cargo-lines").map(|v| v.bool()).transpose()?;
    Ok(Exercise {
        command,
        runs,
        files,
        shown: shown.unwrap_or_default(),
        cargo_lines: cargo_lines.unwrap_or(false),
    })
}

fn read_command(value: &Value<'_, '_>) -> Result<Command, MetaError> {
    let written = value.string("one of \"run\", \"test\", \"build\", \"clippy\"")?;
    Ok(match written {
        "run" => Command::Run,
        "test" => Command::Test,
        "build" => Command::Build,
        "clippy" => Command::Clippy,
        other => {
            let hint = closest(other, &COMMANDS)
                .map_or(String::new(), |c| format!(": did you mean \"{c}\"?"));
            return Err(MetaError::new(
                value.span(),
                format!(
                    "`{}`: unknown command {other:?}{hint} (one of \"run\", \"test\", \"build\", \"clippy\")",
                    value.key
                ),
            ));
        }
    })
}

/// `args`, `env` and `stdin` of `table` (the listing's, or one of `runs`); in a run,
/// also its own `expect`.
fn read_run(table: &Table<'_, '_>) -> Result<RunSpec, MetaError> {
    let args = match table.get("args") {
        Some(value) => value
            .array("an array of arguments, such as [\"to\", \"poem.txt\"]")?
            .into_iter()
            .map(|(key, item)| {
                Ok(Value { key, spanned: item }
                    .string("an argument")?
                    .to_string())
            })
            .collect::<Result<_, MetaError>>()?,
        None => Vec::new(),
    };
    let env = match table.get("env") {
        Some(value) => {
            let vars = value.table("a table of variables, such as { IGNORE_CASE = \"1\" }")?;
            vars.entries()
                .map(|(name, var)| {
                    let var = Value {
                        key: format!("{}.{name}", value.key),
                        spanned: var,
                    };
                    Ok((name.to_string(), var.string("a string")?.to_string()))
                })
                .collect::<Result<_, MetaError>>()?
        }
        None => BTreeMap::new(),
    };
    let stdin = table.get("stdin").map(|v| read_stdin(&v)).transpose()?;
    Ok(RunSpec {
        args,
        env,
        stdin,
        expect: None,
    })
}

fn read_stdin(value: &Value<'_, '_>) -> Result<Stdin, MetaError> {
    if let Some(text) = value.get().as_str() {
        return Ok(Stdin::Text(text.to_string()));
    }
    let table = value.table("the input's text, or { file = \"input.txt\" }")?;
    let file = table
        .get("file")
        .ok_or_else(|| value.expected("the input's text, or { file = \"input.txt\" }"))?
        .string("a file name, relative to the listing")?
        .to_string();
    table.finish()?;
    Ok(Stdin::File(PathBuf::from(file)))
}

fn read_runs(value: &Value<'_, '_>) -> Result<Vec<RunSpec>, MetaError> {
    let expected = "an array of runs, such as [{ args = [\"a\"] }, { args = [\"b\"] }]";
    let runs: Vec<RunSpec> = value
        .array(expected)?
        .into_iter()
        .map(|(key, item)| {
            let item = Value { key, spanned: item };
            let table =
                item.table("a run: { args = [...], env = {...}, stdin = \"...\", expect = ... }")?;
            let mut run = read_run(&table)?;
            run.expect = table
                .get("expect")
                .map(|v| read_expectation(&v))
                .transpose()?;
            table.finish()?;
            Ok(run)
        })
        .collect::<Result<_, MetaError>>()?;
    if runs.is_empty() {
        return Err(MetaError::new(
            value.span(),
            "`runs`: give at least one run",
        ));
    }
    Ok(runs)
}

/// `show = { lines = "3-8" }` or `show = { matching = 'panicked' }`.
fn read_shown(value: &Value<'_, '_>) -> Result<Shown, MetaError> {
    let expected = "{ lines = \"3-8\" } or { matching = 'a pattern' }";
    let table = value.table(expected)?;
    let shown = if let Some(lines) = table.get("lines") {
        let text = lines.string("a range of lines such as \"3-8\"")?;
        let range = text.split_once('-').and_then(|(a, b)| {
            let (first, last) = (
                a.trim().parse::<usize>().ok()?,
                b.trim().parse::<usize>().ok()?,
            );
            (first >= 1 && first <= last).then_some(first..=last)
        });
        Shown::Lines(range.ok_or_else(|| lines.expected("a range of lines such as \"3-8\""))?)
    } else if let Some(matching) = table.get("matching") {
        let text = matching.string("a regular expression")?;
        let regex = Regex::new(text).map_err(|error| {
            MetaError::new(
                matching.span(),
                format!("`{}`: bad pattern {text:?}: {error}", matching.key),
            )
        })?;
        Shown::Matching(regex)
    } else {
        return Err(value.expected(expected));
    };
    table.finish()?;
    Ok(shown)
}
