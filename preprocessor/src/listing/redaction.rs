//! Volatile parts of a listing's output (a time, an address) and what stands for them
//! when its output is compared with its snapshot; never applied to what a page shows.

use regex::Regex;

use super::read::{MetaError, Value};

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

pub(super) fn read_redactions(value: &Value<'_, '_>) -> Result<Vec<Redaction>, MetaError> {
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
