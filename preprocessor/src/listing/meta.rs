//! A listing's own settings: `[package.metadata.transcript]` in its `Cargo.toml`, read
//! strictly (an unknown key is an error that names it).

use std::fmt;
use std::time::Duration;

use std::collections::BTreeMap;

use regex::Regex;
use serde::{Deserialize, Serialize};
use toml::de::DeTable;

use super::read::{MetaError, Table, Value, closest};
use crate::duration::parse_duration;

/// What a listing declares about itself.
#[derive(Debug, Clone)]
pub(crate) struct ListingMeta {
    pub(crate) caption: Option<String>,
    /// Captions for parts of the listing shown on their own (`{{#listing NAME:ANCHOR}}`).
    pub(crate) anchor_captions: BTreeMap<String, String>,
    pub(crate) expect: Expectation,
    /// Overrides the book's default timeout.
    pub(crate) timeout: Option<Duration>,
    /// Run alone, with no other listing running (timing demonstrations).
    pub(crate) exclusive: bool,
    /// stdout and stderr through one pipe, kept as one stream in the order written, as a
    /// terminal shows them (a panic between two `println!`s appears between them).
    pub(crate) interleave: bool,
    /// Applied to output before comparing it with the snapshot; never to what is shown.
    pub(crate) redact: Vec<Redaction>,
    /// Whether its `{{#listing}}`s get a label ("Listing 12-3"); a quick example need not.
    pub(crate) numbered: bool,
    /// Values its output shows, for `{{#value NAME:KEY}}`: a pattern whose one group is
    /// the value.
    pub(crate) values: BTreeMap<String, Regex>,
}

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
        }
    }
}

/// A volatile part of the output (a time, an address) and what stands for it.
#[derive(Debug, Clone)]
pub(crate) struct Redaction {
    pub(crate) pattern: Regex,
    pub(crate) with: String,
}

impl Redaction {
    pub(crate) fn apply_all(redactions: &[Redaction], text: &str) -> String {
        redactions.iter().fold(text.to_string(), |text, redaction| {
            redaction
                .pattern
                .replace_all(&text, redaction.with.as_str())
                .into_owned()
        })
    }
}

/// The expectations, as a message lists them.
const EXPECTATIONS: &str = "\"success\", \"panic\", { exit = N }, { compile-error = \"E0000\" } or { warning = \"lint_name\" }";

impl ListingMeta {
    /// Reads `[package.metadata.transcript]` from a listing's `Cargo.toml` as written
    /// (absent: all defaults). A misspelt table name is an error too.
    pub(crate) fn from_manifest(text: &str) -> Result<ListingMeta, MetaError> {
        let manifest = DeTable::parse(text).map_err(|error| {
            MetaError::new(error.span().unwrap_or(0..0), error.message().to_string())
        })?;
        let Some(metadata) = manifest
            .get_ref()
            .get("package")
            .and_then(|package| package.get_ref().get("metadata"))
        else {
            return Ok(ListingMeta::default());
        };
        let Some(metadata) = metadata.get_ref().as_table() else {
            return Ok(ListingMeta::default());
        };
        for (name, _) in metadata.iter() {
            let written = name.get_ref().as_ref();
            if written != "transcript" && is_near("transcript", written) {
                return Err(MetaError::new(
                    name.span(),
                    format!(
                        "`[package.metadata.{written}]` is not read by mdbook-transcript: did you mean `[package.metadata.transcript]`?"
                    ),
                ));
            }
        }
        let Some((_, table)) = metadata
            .iter()
            .find(|(name, _)| name.get_ref() == "transcript")
        else {
            return Ok(ListingMeta::default());
        };
        let Some(inner) = table.get_ref().as_table() else {
            return Err(Value {
                key: "package.metadata.transcript".to_string(),
                spanned: table,
            }
            .expected("a table"));
        };
        let table = Table::new(String::new(), inner);
        let meta = read_meta(&table)?;
        table.finish()?;
        Ok(meta)
    }
}

/// Whether `written` looks like a slip for `meant` (case, a letter or two).
fn is_near(meant: &str, written: &str) -> bool {
    let written = written.to_lowercase();
    written == meant || strsim::damerau_levenshtein(meant, &written) <= 3
}

fn read_meta(table: &Table<'_, '_>) -> Result<ListingMeta, MetaError> {
    let caption = table
        .get("caption")
        .map(|v| v.string("a caption (Markdown text)").map(str::to_string))
        .transpose()?;
    let anchor_captions = match table.get("anchor-captions") {
        Some(value) => read_anchor_captions(&value)?,
        None => BTreeMap::new(),
    };
    let expect = table
        .get("expect")
        .map(|v| read_expectation(&v))
        .transpose()?
        .unwrap_or_default();
    let timeout = table
        .get("timeout")
        .map(|v| read_duration(&v))
        .transpose()?;
    let flag = |key| table.get(key).map(|v: Value<'_, '_>| v.bool()).transpose();
    let exclusive = flag("exclusive")?.unwrap_or(false);
    let interleave = flag("interleave")?.unwrap_or(false);
    let redact = match table.get("redact") {
        Some(value) => read_redactions(&value)?,
        None => Vec::new(),
    };
    let numbered = flag("numbered")?.unwrap_or(true);
    let values = match table.get("values") {
        Some(value) => read_values(&value)?,
        None => BTreeMap::new(),
    };
    Ok(ListingMeta {
        caption,
        anchor_captions,
        expect,
        timeout,
        exclusive,
        interleave,
        redact,
        numbered,
        values,
    })
}

impl Default for ListingMeta {
    fn default() -> ListingMeta {
        ListingMeta {
            caption: None,
            anchor_captions: BTreeMap::new(),
            expect: Expectation::Success,
            timeout: None,
            exclusive: false,
            interleave: false,
            redact: Vec::new(),
            numbered: true,
            values: BTreeMap::new(),
        }
    }
}

/// `values = { peak = 'peak in flight: (\d+)' }`: each pattern with exactly one group.
fn read_values(value: &Value<'_, '_>) -> Result<BTreeMap<String, Regex>, MetaError> {
    let table = value.table("a table of value names and patterns")?;
    table
        .entries()
        .map(|(name, pattern)| {
            let pattern = Value {
                key: format!("{}.{name}", value.key),
                spanned: pattern,
            };
            let text = pattern.string("a regular expression with one group, such as 'took (\\d+) ms'")?;
            let regex = Regex::new(text).map_err(|error| {
                MetaError::new(pattern.span(), format!("`{}`: bad pattern {text:?}: {error}", pattern.key))
            })?;
            if regex.captures_len() != 2 {
                return Err(MetaError::new(
                    pattern.span(),
                    format!(
                        "`{}`: the pattern {text:?} has {} groups; it needs exactly one, around the value",
                        pattern.key,
                        regex.captures_len() - 1
                    ),
                ));
            }
            Ok((name.to_string(), regex))
        })
        .collect()
}

fn read_anchor_captions(value: &Value<'_, '_>) -> Result<BTreeMap<String, String>, MetaError> {
    let table = value.table("a table of anchor names and captions")?;
    table
        .entries()
        .map(|(anchor, caption)| {
            let caption = Value {
                key: format!("{}.{anchor}", value.key),
                spanned: caption,
            };
            Ok((anchor.to_string(), caption.string("a caption")?.to_string()))
        })
        .collect()
}

/// "5s", "500ms", "2m".
fn read_duration(value: &Value<'_, '_>) -> Result<Duration, MetaError> {
    let expected = "a duration such as \"5s\" or \"500ms\"";
    let text = value.string(expected)?;
    parse_duration(text)
        .map_err(|error| MetaError::new(value.span(), format!("`{}`: {error}", value.key)))
}

fn read_expectation(value: &Value<'_, '_>) -> Result<Expectation, MetaError> {
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
            other => Err(unknown(match closest(other, &["success", "panic"]) {
                Some(meant) => format!("unknown expectation {other:?} (did you mean {meant:?}?)"),
                None => format!("unknown expectation {other:?}"),
            })),
        };
    }
    let table = value.table(EXPECTATIONS)?;
    let forms = ["exit", "compile-error", "warning"];
    let found: Vec<&str> = table.entries().map(|(key, _)| key).collect();
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

fn read_redactions(value: &Value<'_, '_>) -> Result<Vec<Redaction>, MetaError> {
    let expected = "an array of { pattern = '...', with = \"...\" }";
    value
        .array(expected)?
        .into_iter()
        .map(|(key, item)| {
            let item = Value { key, spanned: item };
            let table = item.table("{ pattern = '...', with = \"...\" }")?;
            let pattern_value = table.get("pattern").ok_or_else(|| {
                MetaError::new(item.span(), format!("`{}`: no `pattern`", item.key))
            })?;
            let pattern_text = pattern_value.string("a regular expression")?;
            let pattern = Regex::new(pattern_text).map_err(|error| {
                MetaError::new(
                    pattern_value.span(),
                    format!(
                        "`{}`: bad pattern {pattern_text:?}: {error}",
                        pattern_value.key
                    ),
                )
            })?;
            let with = table
                .get("with")
                .ok_or_else(|| MetaError::new(item.span(), format!("`{}`: no `with`", item.key)))?
                .string("the text that stands for what matches")?
                .to_string();
            table.finish()?;
            Ok(Redaction { pattern, with })
        })
        .collect()
}

#[cfg(test)]
mod tests;
