//! `{{#chart NAME:CHART}}`: a bar chart of values the listing printed, as inline SVG.
//!
//! Each bar is a row: its label above it, the bar from the zero line, and its value
//! (as printed, with the unit) just after the bar's end, so no text sits on a bar and
//! nothing overlaps however long a label is. The scale starts at 0 and the longest bar
//! fills the width. Text is measured as monospace (the CSS sets the font), so the layout
//! is known without a browser; at 320 px wide by default, a chart fits a phone, and one
//! with a longer label is wider and scrolls inside its own box.
//! Colours come only from the transcript CSS (classes), never from the markup.

use crate::capture::Capture;
use crate::listing::chart::Chart;

use super::html::escape_html;
use super::values::value_of;
use crate::listing::Listing;

/// Font size of every text, px; the CSS sets the same.
pub(super) const FONT: f64 = 14.0;
/// Advance of one character of a monospace font at [`FONT`] (0.6 em).
pub(super) const CHAR: f64 = 8.4;
/// The narrowest drawing: fits a 375 px phone's content column.
pub(super) const MIN_WIDTH: f64 = 320.0;
const PAD: f64 = 4.0;
const TITLE_HEIGHT: f64 = 28.0;
const ROW: f64 = 44.0;
const BAR_TOP: f64 = 20.0;
const BAR_HEIGHT: f64 = 16.0;
/// Between a bar's end and its value.
const GAP: f64 = 6.0;

/// Why a chart cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum ChartError {
    #[error(
        "`{{{{#chart {listing}:{chart}}}}}`: listing `{listing}` is not run (it is only built, or it does not compile), so it printed no values to chart"
    )]
    NotRun { listing: String, chart: String },
    #[error("`{{{{#chart {listing}:{chart}}}}}`: {error}")]
    Value {
        listing: String,
        chart: String,
        /// What the value's error (`values::ValueError`) says.
        error: String,
    },
    #[error(
        "`{{{{#chart {listing}:{chart}}}}}`: value `{key}` is `{value}`, which is not a number; a bar needs a number of 0 or more, such as `1526` or `0.25`"
    )]
    NotANumber {
        listing: String,
        chart: String,
        key: String,
        value: String,
    },
}

/// One bar: its label, its value as printed, and that value as a number.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bar {
    pub(super) label: String,
    pub(super) shown: String,
    pub(super) number: f64,
}

/// Where everything goes, in px.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) rows: Vec<Row>,
}

/// One bar's place: the top of its row, the bar's length, and where its value starts.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Row {
    pub(super) top: f64,
    pub(super) length: f64,
    pub(super) value_x: f64,
}

/// How wide `text` is drawn.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR
}

/// The layout of `bars` under `title`: as wide as the widest label or title, at least
/// [`MIN_WIDTH`]; the longest value's bar ends where its text still fits.
pub(super) fn layout(title: &str, bars: &[Bar]) -> Layout {
    let widest_text = bars
        .iter()
        .map(|bar| text_width(&bar.label))
        .chain([text_width(title)])
        .fold(0.0, f64::max);
    let width = (widest_text + 2.0 * PAD).max(MIN_WIDTH).ceil();
    let widest_value = bars
        .iter()
        .map(|bar| text_width(&bar.shown))
        .fold(0.0, f64::max);
    let room = width - 2.0 * PAD - GAP - widest_value;
    let most = bars.iter().map(|bar| bar.number).fold(0.0, f64::max);
    let rows = bars
        .iter()
        .enumerate()
        .map(|(index, bar)| {
            let length = if most > 0.0 {
                room * bar.number / most
            } else {
                0.0
            };
            Row {
                top: TITLE_HEIGHT + index as f64 * ROW,
                length,
                value_x: PAD + length + GAP,
            }
        })
        .collect();
    Layout {
        width,
        height: TITLE_HEIGHT + bars.len() as f64 * ROW,
        rows,
    }
}

/// The bars of `chart`, from what the listing printed.
pub(super) fn bars_of(
    listing: &Listing,
    name: &str,
    chart: &Chart,
    capture: &Capture,
) -> Result<Vec<Bar>, ChartError> {
    if capture.runs.is_empty() {
        return Err(ChartError::NotRun {
            listing: listing.name.clone(),
            chart: name.to_string(),
        });
    }
    chart
        .bars
        .iter()
        .map(|key| {
            let value = value_of(&listing.name, key, &listing.meta.values[key], capture).map_err(
                |error| ChartError::Value {
                    listing: listing.name.clone(),
                    chart: name.to_string(),
                    error: error.to_string(),
                },
            )?;
            let number = value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite() && *number >= 0.0)
                .ok_or_else(|| ChartError::NotANumber {
                    listing: listing.name.clone(),
                    chart: name.to_string(),
                    key: key.clone(),
                    value: value.clone(),
                })?;
            let shown = match &chart.unit {
                Some(unit) => format!("{value} {unit}"),
                None => value.clone(),
            };
            Ok(Bar {
                label: key.clone(),
                shown,
                number,
            })
        })
        .collect()
}

/// The chart's HTML: a box that scrolls if it must, around the SVG. `id` is unique on
/// the page; the title and the description (every bar in words) are read out.
pub(super) fn svg(id: &str, chart: &Chart, bars: &[Bar]) -> String {
    let layout = layout(&chart.title, bars);
    let title = escape_html(&chart.title);
    let described: Vec<String> = bars
        .iter()
        .map(|bar| format!("{}: {}", bar.label, bar.shown))
        .collect();
    let mut out = format!(
        "<div class=\"transcript-drawing transcript-chart\">\n\
         <svg class=\"transcript-svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n\
         <title id=\"{id}-title\">{title}</title>\n\
         <desc id=\"{id}-desc\">Bar chart, {count} bars: {desc}.</desc>\n\
         <text class=\"chart-title\" x=\"{PAD}\" y=\"{ty}\">{title}</text>\n",
        w = layout.width,
        h = layout.height,
        count = bars.len(),
        desc = escape_html(&described.join("; ")),
        ty = FONT + 4.0,
    );
    for (bar, row) in bars.iter().zip(&layout.rows) {
        out.push_str(&format!(
            "<text class=\"chart-label\" x=\"{PAD}\" y=\"{label_y}\">{label}</text>\n\
             <rect class=\"chart-bar\" x=\"{PAD}\" y=\"{bar_y}\" width=\"{length}\" height=\"{BAR_HEIGHT}\"/>\n\
             <text class=\"chart-value\" x=\"{value_x}\" y=\"{value_y}\">{shown}</text>\n",
            label_y = row.top + FONT,
            label = escape_html(&bar.label),
            bar_y = row.top + BAR_TOP,
            length = round(row.length),
            value_x = round(row.value_x),
            value_y = row.top + BAR_TOP + BAR_HEIGHT - 3.0,
            shown = escape_html(&bar.shown),
        ));
    }
    out.push_str("</svg>\n</div>\n");
    out
}

/// To a tenth of a px: enough for a drawing, and markup that reads.
fn round(px: f64) -> f64 {
    (px * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests;
