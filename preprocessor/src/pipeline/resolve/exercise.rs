//! Mistakes in how a listing says it is exercised, which only its kind and its files can
//! show: arguments or input for `cargo test`, a library told to `run`, settings for a
//! run of a listing that only builds, files that are not there, a pinned line that is
//! not in its file. Each is named at its key in the listing's `Cargo.toml`. Also reads
//! the inline markers (`//~ ERROR E0382`) that pin a diagnostic from the source.

use std::path::Path;

use crate::files::{self, FileError};
use crate::listing::exercise::{Command, Stdin};
use crate::listing::expectation::Pin;
use crate::listing::read::closest;
use crate::listing::{Expectation, Kind, Listing};
use crate::report::{Location, Problem};

/// The place of `key = ...` in a manifest's text (its first line when it has none).
fn key_at(manifest: &Path, text: &str, key: &str) -> Location {
    let at = text
        .match_indices(key)
        .find(|(at, _)| {
            let line_start = text[..*at].rfind('\n').map_or(0, |i| i + 1);
            text[line_start..*at].trim().is_empty()
                && text[*at + key.len()..].trim_start().starts_with('=')
        })
        .map_or(0, |(at, _)| at);
    Location::in_text(manifest.to_path_buf(), text, at)
}

/// Every mistake in how `listing` is exercised.
pub(super) fn mistakes(
    listing: &Listing,
    manifest: &Path,
    text: &str,
) -> Result<Vec<Problem>, FileError> {
    let name = &listing.name;
    let mut found: Vec<(&str, String)> = runs_mistakes(listing);
    found.extend(files_mistakes(listing)?);
    if let Some(pin) = &listing.meta.pin
        && let Some(message) = pin_mistake(listing, pin)?
    {
        found.push(("expect", message));
    }
    Ok(found
        .into_iter()
        .map(|(key, message)| {
            Problem::new(format_args!("listing `{name}`: `{key}`: {message}"))
                .at(&key_at(manifest, text, key))
        })
        .collect())
}

/// What a listing's command cannot do: run a library, give tests arguments or input,
/// give anything to a listing that only builds.
fn runs_mistakes(listing: &Listing) -> Vec<(&'static str, String)> {
    let exercise = &listing.meta.exercise;
    let command = listing.command();
    let mut found = Vec::new();
    if listing.kind == Kind::Library && command == Command::Run {
        found.push(("command", "a library has no program to `run`; its point is `cargo test` (the default), or give it a binary".to_string()));
    }
    let runs_nothing = !command.runs();
    let given = [
        ("args", exercise.runs.iter().any(|run| !run.args.is_empty())),
        ("env", exercise.runs.iter().any(|run| !run.env.is_empty())),
        ("stdin", exercise.runs.iter().any(|run| run.stdin.is_some())),
    ];
    for (key, _) in given.into_iter().filter(|(_, given)| *given) {
        if runs_nothing {
            found.push((
                key,
                format!("`cargo {command}` runs nothing to be given it"),
            ));
        } else if command == Command::Test && key != "env" {
            found.push((
                key,
                "`cargo test` gives its tests no program arguments and no input".to_string(),
            ));
        }
    }
    if exercise.runs.len() > 1 && runs_nothing {
        found.push((
            "runs",
            format!("`cargo {command}` runs nothing, so it cannot run several times"),
        ));
    }
    if exercise.cargo_lines && runs_nothing {
        found.push((
            "cargo-lines",
            format!("cargo's lines of a run; `cargo {command}` shows its diagnostics already"),
        ));
    }
    found
}

/// Declared files (`files`, a `stdin` file) that are not beside the listing.
fn files_mistakes(listing: &Listing) -> Result<Vec<(&'static str, String)>, FileError> {
    let exercise = &listing.meta.exercise;
    let declared =
        exercise
            .files
            .iter()
            .map(|file| ("files", file))
            .chain(exercise.runs.iter().filter_map(|run| match &run.stdin {
                Some(Stdin::File(file)) => Some(("stdin", file)),
                _ => None,
            }));
    let mut found = Vec::new();
    for (key, file) in declared {
        if !listing.dir.join(file).is_file() {
            found.push((
                key,
                format!(
                    "there is no file {} beside the listing{}",
                    file.display(),
                    near_file(listing, file)?
                ),
            ));
        }
    }
    Ok(found)
}

/// " (did you mean `x`?)" among the listing's files, or nothing.
fn near_file(listing: &Listing, file: &Path) -> Result<String, FileError> {
    let have: Vec<String> = files::sources_under(&listing.dir)?
        .iter()
        .filter_map(|f| f.strip_prefix(&listing.dir).ok())
        .map(|f| f.display().to_string())
        .collect();
    let have: Vec<&str> = have.iter().map(String::as_str).collect();
    Ok(closest(&file.display().to_string(), &have)
        .map_or(String::new(), |c| format!(" (did you mean {c}?)")))
}

/// What is wrong with a pinned place: no such file, or no such line.
fn pin_mistake(listing: &Listing, pin: &Pin) -> Result<Option<String>, FileError> {
    let Some(text) = files::read_to_string_optional(&listing.dir.join(&pin.file))? else {
        return Ok(Some(format!(
            "`at` names {}, which the listing does not have{}",
            pin.file.display(),
            near_file(listing, &pin.file)?
        )));
    };
    let lines = text.lines().count();
    Ok((pin.line > lines).then(|| {
        format!(
            "`at` names line {} of {}, which has {lines} lines",
            pin.line,
            pin.file.display()
        )
    }))
}

/// The place a `//~ ERROR E0382` (or `//~ WARN lint`) marker in the listing's sources
/// pins its expected diagnostic to: the marker's own line.
pub(super) fn marker_pin(listing: &Listing) -> Result<Option<Pin>, FileError> {
    let expected = match &listing.meta.expect {
        Expectation::CompileError(what) => ("ERROR", what),
        Expectation::Warning(what) => ("WARN", what),
        _ => return Ok(None),
    };
    for file in files::sources_under(&listing.dir)? {
        if file.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = files::read_to_string(&file)?;
        for (index, line) in text.lines().enumerate() {
            let Some((_, marker)) = line.split_once("//~") else {
                continue;
            };
            let mut words = marker.split_whitespace();
            if words.next() == Some(expected.0) && words.next() == Some(expected.1.as_str()) {
                let relative = file
                    .strip_prefix(&listing.dir)
                    .unwrap_or(&file)
                    .to_path_buf();
                return Ok(Some(Pin {
                    file: relative,
                    line: index + 1,
                }));
            }
        }
    }
    Ok(None)
}
