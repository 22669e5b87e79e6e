//! A listing's own settings: `[package.metadata.transcript]` in its `Cargo.toml`, read
//! strictly (an unknown key is an error that names it).

use std::fmt;
use std::time::Duration;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::duration::{DurationError, parse_duration};

/// What a listing declares about itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListingMeta {
    pub(crate) caption: Option<String>,
    /// Captions for parts of the listing shown on their own (`{{#listing NAME:ANCHOR}}`).
    pub(crate) anchor_captions: std::collections::BTreeMap<String, String>,
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
    /// The table as written, hashed into the content key.
    pub(crate) raw: String,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawMeta {
    caption: Option<String>,
    #[serde(default)]
    anchor_captions: std::collections::BTreeMap<String, String>,
    expect: Option<serde_json::Value>,
    timeout: Option<String>,
    #[serde(default)]
    exclusive: bool,
    #[serde(default)]
    interleave: bool,
    #[serde(default)]
    redact: Vec<RawRedaction>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedaction {
    pattern: String,
    with: String,
}

/// What is wrong with a listing's `[package.metadata.transcript]` table.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MetaError {
    #[error(
        "{0} (expected keys: caption, anchor-captions, expect, timeout, exclusive, interleave, redact)"
    )]
    Table(serde_json::Error),
    #[error(
        "`expect = {0}` is not an expectation: use \"success\", \"panic\", {{ exit = N }}, {{ compile-error = \"E0000\" }} or {{ warning = \"lint_name\" }}"
    )]
    Expectation(serde_json::Value),
    #[error("key `timeout`")]
    Timeout(#[source] DurationError),
    #[error("key `redact`: bad pattern {pattern:?}")]
    Redaction {
        pattern: String,
        #[source]
        source: regex::Error,
    },
}

impl ListingMeta {
    /// Reads the `transcript` key of a package's `metadata` (absent: all defaults).
    pub(crate) fn from_package_metadata(
        metadata: &serde_json::Value,
    ) -> Result<ListingMeta, MetaError> {
        let Some(table) = metadata.get("transcript") else {
            return Ok(ListingMeta::default());
        };
        let raw: RawMeta = serde_json::from_value(table.clone()).map_err(MetaError::Table)?;
        let expect = match raw.expect {
            None => Expectation::Success,
            Some(written) => serde_json::from_value(written.clone())
                .map_err(|_| MetaError::Expectation(written))?,
        };
        let timeout = raw
            .timeout
            .map(|text| parse_duration(&text).map_err(MetaError::Timeout))
            .transpose()?;
        let redact = raw
            .redact
            .into_iter()
            .map(|raw| {
                let pattern = Regex::new(&raw.pattern).map_err(|source| MetaError::Redaction {
                    pattern: raw.pattern.clone(),
                    source,
                })?;
                Ok(Redaction {
                    pattern,
                    with: raw.with,
                })
            })
            .collect::<Result<_, MetaError>>()?;
        Ok(ListingMeta {
            caption: raw.caption,
            anchor_captions: raw.anchor_captions,
            expect,
            timeout,
            exclusive: raw.exclusive,
            interleave: raw.interleave,
            redact,
            raw: table.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn meta(table: serde_json::Value) -> Result<ListingMeta, MetaError> {
        ListingMeta::from_package_metadata(&json!({ "transcript": table }))
    }

    #[test]
    fn no_table_means_expect_success() {
        let meta = ListingMeta::from_package_metadata(&json!(null)).unwrap();
        assert_eq!(meta.expect, Expectation::Success);
    }

    #[test]
    fn every_expectation_form_is_read() {
        let cases = [
            (json!("success"), Expectation::Success),
            (json!("panic"), Expectation::Panic),
            (json!({ "exit": 2 }), Expectation::Exit(2)),
            (
                json!({ "compile-error": "E0728" }),
                Expectation::CompileError("E0728".into()),
            ),
            (
                json!({ "warning": "unused_must_use" }),
                Expectation::Warning("unused_must_use".into()),
            ),
        ];
        for (written, expected) in cases {
            assert_eq!(meta(json!({ "expect": written })).unwrap().expect, expected);
        }
    }

    #[test]
    fn a_misspelt_expectation_is_an_error_that_lists_the_forms() {
        let err = meta(json!({ "expect": "sucess" })).unwrap_err();
        assert!(
            format!("{err:#}").contains("`expect = \"sucess\"` is not an expectation"),
            "{err:#}"
        );
        let err = meta(json!({ "expect": { "exit": "two" } })).unwrap_err();
        assert!(format!("{err:#}").contains("{ exit = N }"), "{err:#}");
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        let err = meta(json!({ "captoin": "x" })).unwrap_err();
        assert!(
            format!("{err:#}").contains("unknown field `captoin`"),
            "{err:#}"
        );
    }

    #[test]
    fn redactions_replace_every_match() {
        let meta =
            meta(json!({ "redact": [{ "pattern": "\\d+ ms", "with": "[TIME] ms" }] })).unwrap();
        assert_eq!(
            Redaction::apply_all(&meta.redact, "took 301 ms, then 12 ms"),
            "took [TIME] ms, then [TIME] ms"
        );
    }
}
