//! `charts = { NAME = { title = "...", bars = ["a", "b"], unit = "ms" } }`: a bar chart
//! of values the listing declares under `values`, drawn by `{{#chart LISTING:NAME}}`.

use std::collections::BTreeMap;

use regex::Regex;

use super::read::{MetaError, Value, closest};

/// One chart a listing declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    /// Shown above the bars, and the drawing's title for screen readers.
    pub(crate) title: String,
    /// Written after each value ("ms"); none for a count.
    pub(crate) unit: Option<String>,
    /// The value keys, one bar each, top to bottom; each key is its bar's label.
    pub(crate) bars: Vec<String>,
}

/// Reads `charts`, whose bars must name values declared under `values`.
pub(super) fn read_charts(
    value: &Value<'_, '_>,
    values: &BTreeMap<String, Regex>,
) -> Result<BTreeMap<String, Chart>, MetaError> {
    let table = value.table("a table of chart names and charts")?;
    table
        .entries()
        .map(|(name, chart)| {
            let chart = Value {
                key: format!("{}.{name}", value.key),
                spanned: chart,
            };
            Ok((name.to_string(), read_chart(&chart, values)?))
        })
        .collect()
}

fn read_chart(value: &Value<'_, '_>, values: &BTreeMap<String, Regex>) -> Result<Chart, MetaError> {
    let table = value.table("a table with `title`, `bars` and an optional `unit`")?;
    let title = table
        .get("title")
        .ok_or_else(|| MetaError::new(value.span(), format!("`{}`: needs a `title`", value.key)))?
        .string("the chart's title")?
        .to_string();
    let unit = table
        .get("unit")
        .map(|unit| unit.string("a unit such as \"ms\"").map(str::to_string))
        .transpose()?;
    let list = table
        .get("bars")
        .ok_or_else(|| MetaError::new(value.span(), format!("`{}`: needs `bars`", value.key)))?;
    let items = list.array("an array of value names, one bar each")?;
    if items.is_empty() {
        return Err(list.expected("at least one value name"));
    }
    let known: Vec<&str> = values.keys().map(String::as_str).collect();
    let bars = items
        .into_iter()
        .map(|(key, spanned)| {
            let bar = Value { key, spanned };
            let name = bar.string("the name of a value declared under `values`")?;
            if values.contains_key(name) {
                return Ok(name.to_string());
            }
            let hint = match closest(name, &known) {
                Some(known) => format!(": did you mean `{known}`?"),
                None => format!(" (declared: {})", known.join(", ")),
            };
            Err(MetaError::new(
                bar.span(),
                format!(
                    "`{}`: no value `{name}` is declared under `values`{hint}",
                    bar.key
                ),
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    table.finish()?;
    Ok(Chart { title, unit, bars })
}
