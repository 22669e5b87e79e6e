//! How a listing is meant to end, as it declares with `expect`, and where a diagnostic
//! it expects must point (`at = "src/main.rs:12"`, or a `//~ ERROR` marker in the source).

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::read::{MetaError, Value, closest};

/// How a listing is meant to end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Expectation {
    /// Compiles and exits with status 0.
    #[default]
    Success,
    /// Compiles and panics.
    Panic,
    /// Compiles and exits with this status.
    Exit(i32),
    /// Fails to compile with this error code (`E0728`) or, for the errors rustc prints
    /// without a code (such as "future cannot be sent between threads safely"), with an
    /// error whose message contains this text.
    CompileError(String),
    /// Compiles with this warning (lint name), then exits with status 0.
    Warning(String),
    /// Runs until it is killed at its timeout, on purpose (a server that never exits).
    Timeout,
}

/// Whether `text` is a rustc error code such as `E0728`.
pub(crate) fn is_error_code(text: &str) -> bool {
    text.len() == 5 && text.starts_with('E') && text[1..].bytes().all(|b| b.is_ascii_digit())
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expectation::Success => write!(f, "success"),
            Expectation::Panic => write!(f, "a panic"),
            Expectation::Exit(code) => write!(f, "exit status {code}"),
            Expectation::CompileError(code) if is_error_code(code) => {
                write!(f, "compile error {code}")
            }
            Expectation::CompileError(message) => write!(f, "compile error \"{message}\""),
            Expectation::Warning(lint) => write!(f, "warning `{lint}`, then success"),
            Expectation::Timeout => write!(f, "running until its timeout stops it"),
        }
    }
}

/// Where an expected diagnostic must point: a file of the listing and a line in it, as
/// the file is in the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pin {
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
}

impl fmt::Display for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// The expectations, as a message lists them.
const EXPECTATIONS: &str = "\"success\", \"panic\", \"timeout\", { exit = N }, { compile-error = \"E0000\" } or { warning = \"lint_name\" }";

/// An `expect` and the `at` beside its form, for the listing's own `expect`:
/// `{ compile-error = "E0382", at = "src/main.rs:12" }`.
pub(super) fn read_expectation_and_pin(
    value: &Value<'_, '_>,
) -> Result<(Expectation, Option<Pin>), MetaError> {
    let pin = match value.get().as_table() {
        Some(_) => value.table(EXPECTATIONS)?.get("at"),
        None => None,
    };
    let expectation = read(value, pin.is_some())?;
    let Some(at) = pin else {
        return Ok((expectation, None));
    };
    if !matches!(
        expectation,
        Expectation::CompileError(_) | Expectation::Warning(_)
    ) {
        return Err(MetaError::new(
            at.span(),
            "`expect.at` pins a diagnostic: it goes with { compile-error = ... } or { warning = ... }",
        ));
    }
    let written = at.string("a place such as \"src/main.rs:12\"")?;
    let pin = written
        .rsplit_once(':')
        .and_then(|(file, line)| Some((file, line.parse::<usize>().ok().filter(|l| *l > 0)?)))
        .map(|(file, line)| Pin {
            file: PathBuf::from(file),
            line,
        });
    Ok((
        expectation,
        Some(pin.ok_or_else(|| at.expected("a place such as \"src/main.rs:12\""))?),
    ))
}

/// An `expect` with no `at` (a run's own).
pub(super) fn read_expectation(value: &Value<'_, '_>) -> Result<Expectation, MetaError> {
    read(value, false)
}

fn read(value: &Value<'_, '_>, with_pin: bool) -> Result<Expectation, MetaError> {
    let unknown = |what: String| {
        MetaError::new(
            value.span(),
            format!("`expect`: {what}; use {EXPECTATIONS}"),
        )
    };
    if let Some(text) = value.get().as_str() {
        return match text {
            "success" => Ok(Expectation::Success),
            "panic" => Ok(Expectation::Panic),
            "timeout" => Ok(Expectation::Timeout),
            other => Err(unknown(
                match closest(other, &["success", "panic", "timeout"]) {
                    Some(meant) => {
                        format!("unknown expectation {other:?} (did you mean {meant:?}?)")
                    }
                    None => format!("unknown expectation {other:?}"),
                },
            )),
        };
    }
    let table = value.table(EXPECTATIONS)?;
    let forms = ["exit", "compile-error", "warning"];
    let found: Vec<&str> = table
        .entries()
        .map(|(key, _)| key)
        .filter(|key| !(with_pin && *key == "at"))
        .collect();
    let [form] = found.as_slice() else {
        return Err(unknown(format!(
            "expected one of {} in the table",
            forms.join(", ")
        )));
    };
    let Some(inner) = table.get(match *form {
        "exit" => "exit",
        "compile-error" => "compile-error",
        "warning" => "warning",
        _ => {
            let hint =
                closest(form, &forms).map_or(String::new(), |m| format!(" (did you mean `{m}`?)"));
            return Err(unknown(format!("unknown form `{form}`{hint}")));
        }
    }) else {
        unreachable!("the key was found above")
    };
    match *form {
        "exit" => {
            let wants = "a number (the exit status), such as { exit = 2 }";
            let code = inner.integer(wants)?;
            i32::try_from(code)
                .map(Expectation::Exit)
                .map_err(|_| inner.expected(wants))
        }
        "compile-error" => read_compile_error(&inner),
        _ => Ok(Expectation::Warning(
            inner
                .string("a lint name such as \"unused_must_use\"")?
                .to_string(),
        )),
    }
}

/// An error code (`E0382`), or the text of an error rustc prints without one. Text that
/// looks like a code but is not one (`E382`, `e0382`) is a slip, not a message.
fn read_compile_error(value: &Value<'_, '_>) -> Result<Expectation, MetaError> {
    let text = value
        .string("an error code such as \"E0382\", or an error message's text")?
        .trim();
    let looks_like_a_code = text.len() > 1
        && text.starts_with(['E', 'e'])
        && text[1..].bytes().all(|b| b.is_ascii_digit());
    if looks_like_a_code && !is_error_code(text) {
        let digits = &text[1..];
        let hint = if digits.len() <= 4 {
            format!(": did you mean `E{digits:0>4}`?")
        } else {
            String::new()
        };
        return Err(MetaError::new(
            value.span(),
            format!(
                "`{}`: `{text}` is not an error code (rustc's are E and four digits){hint}",
                value.key
            ),
        ));
    }
    Ok(Expectation::CompileError(text.to_string()))
}
