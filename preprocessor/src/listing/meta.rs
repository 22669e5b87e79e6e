//! A listing's own settings: `[package.metadata.transcript]` in its `Cargo.toml`, read
//! strictly (an unknown key is an error that names it).

use std::collections::BTreeMap;
use std::time::Duration;

use regex::Regex;
use toml::de::DeTable;

use super::chart::{Chart, read_charts};
use super::exercise::{Exercise, read_exercise};
use super::expectation::{Expectation, Pin, read_expectation_and_pin};
use super::read::{MetaError, Table, Value};
use super::redaction::{Redaction, read_redactions};
use crate::duration::parse_duration;
use crate::timeline::Compare;

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
    /// Bar charts of those values, for `{{#chart NAME:CHART}}`.
    pub(crate) charts: BTreeMap<String, Chart>,
    /// Where the expected diagnostic must point (`expect.at`).
    pub(crate) pin: Option<Pin>,
    /// How it is exercised: the command, the runs, the files, what the page shows.
    pub(crate) exercise: Exercise,
    /// Whether it records a timeline (`timeline = "exact"` or `"shape"`), and how that
    /// is compared; a run that then records nothing is an error.
    pub(crate) timeline: Option<Compare>,
    /// Whether its `Cargo.toml` has a `[package.metadata.transcript]` table at all.
    pub(crate) declared: bool,
}

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
        Ok(ListingMeta {
            declared: true,
            ..meta
        })
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
    let (expect, pin) = table
        .get("expect")
        .map(|v| read_expectation_and_pin(&v))
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
    let charts = match table.get("charts") {
        Some(value) => read_charts(&value, &values)?,
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
        charts,
        pin,
        exercise: read_exercise(table)?,
        timeline: table
            .get("timeline")
            .map(|v| read_compare(&v))
            .transpose()?,
        declared: true,
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
            charts: BTreeMap::new(),
            pin: None,
            exercise: Exercise::default(),
            timeline: None,
            declared: false,
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

/// `timeline = "exact"` (the paused clock) or `"shape"` (the real clock).
fn read_compare(value: &Value<'_, '_>) -> Result<Compare, MetaError> {
    let expected = "\"exact\" (a listing on tokio's paused clock) or \"shape\" (on the real clock)";
    match value.string(expected)? {
        "exact" => Ok(Compare::Exact),
        "shape" => Ok(Compare::Shape),
        _ => Err(value.expected(expected)),
    }
}

/// "5s", "500ms", "2m".
fn read_duration(value: &Value<'_, '_>) -> Result<Duration, MetaError> {
    let expected = "a duration such as \"5s\" or \"500ms\"";
    let text = value.string(expected)?;
    parse_duration(text)
        .map_err(|error| MetaError::new(value.span(), format!("`{}`: {error}", value.key)))
}

#[cfg(test)]
mod tests;
