use std::path::Path;

use regex::Regex;

use super::*;
use crate::capture::Outcome;

fn bar(label: &str, shown: &str, number: f64) -> Bar {
    Bar {
        label: label.into(),
        shown: shown.into(),
        number,
    }
}

fn times() -> Vec<Bar> {
    vec![
        bar("sequential", "1526 ms", 1526.0),
        bar("threads", "76 ms", 76.0),
        bar("async", "33 ms", 33.0),
    ]
}

/// Equal but for floating-point rounding.
fn assert_near(found: &[f64], expected: &[f64]) {
    assert_eq!(found.len(), expected.len());
    for (found, expected) in found.iter().zip(expected) {
        assert!((found - expected).abs() < 1e-9, "{found} is not {expected}");
    }
}

#[test]
fn the_scale_starts_at_zero_and_the_longest_bar_leaves_room_for_its_value() {
    let layout = layout("Fifty requests", &times());
    assert_eq!(layout.width, MIN_WIDTH);
    // 320 wide, 4 px either side, 6 px gap, "1526 ms" is 7 characters of 8.4 px.
    let room = 320.0 - 8.0 - 6.0 - 7.0 * 8.4;
    let lengths: Vec<f64> = layout.rows.iter().map(|row| row.length).collect();
    assert_near(
        &lengths,
        &[room, room * 76.0 / 1526.0, room * 33.0 / 1526.0],
    );
    let first = &layout.rows[0];
    assert_near(
        &[first.value_x + text_width("1526 ms")],
        &[layout.width - 4.0],
    );
    assert_eq!(layout.height, 28.0 + 3.0 * 44.0);
}

#[test]
fn a_label_longer_than_the_narrowest_width_widens_the_drawing() {
    let label = "one after the other, on a single thread, blocking";
    let layout = layout("T", &[bar(label, "9 ms", 9.0)]);
    assert_eq!(layout.width, (text_width(label) + 8.0).ceil());
    assert!(layout.width > MIN_WIDTH);
}

#[test]
fn all_zero_values_draw_empty_bars_not_a_division_by_zero() {
    let layout = layout("T", &[bar("a", "0", 0.0), bar("b", "0", 0.0)]);
    assert_eq!(layout.rows[0].length, 0.0);
    assert_eq!(layout.rows[1].value_x, 4.0 + 6.0);
}

#[test]
fn no_two_texts_overlap_however_the_values_fall() {
    // The title, then each row's label and value, top to bottom: each text's box runs
    // from its baseline less the font size to 4 px below it (descenders).
    let layout = layout("T", &times());
    let mut baselines = vec![FONT + 4.0];
    for row in &layout.rows {
        baselines.push(row.top + FONT);
        baselines.push(row.top + BAR_TOP + BAR_HEIGHT - 3.0);
    }
    let spans: Vec<(f64, f64)> = baselines
        .iter()
        .map(|baseline| (baseline - FONT, baseline + 4.0))
        .collect();
    for pair in spans.windows(2) {
        assert!(pair[0].1 <= pair[1].0, "{pair:?} overlap");
    }
}

fn listing_with(values: &[(&str, &str)], unit: Option<&str>) -> (Listing, Chart) {
    let mut listing = Listing::fixture(Path::new("/book/code/demo"));
    for (key, pattern) in values {
        listing
            .meta
            .values
            .insert(key.to_string(), Regex::new(pattern).unwrap());
    }
    let chart = Chart {
        title: "Times".into(),
        unit: unit.map(str::to_string),
        bars: values.iter().map(|(key, _)| key.to_string()).collect(),
    };
    (listing, chart)
}

#[test]
fn the_bars_are_the_printed_values_and_the_svg_draws_them() {
    let (listing, chart) = listing_with(
        &[("fast", r"fast: (\d+)"), ("slow", r"slow: (\S+)")],
        Some("ms"),
    );
    let capture = Capture::fixture(Outcome::SUCCESS).printing("fast: 7\nslow: 10.5\n", "");
    let bars = bars_of(&listing, "t", &chart, &capture).unwrap();
    assert_eq!(
        bars,
        [bar("fast", "7 ms", 7.0), bar("slow", "10.5 ms", 10.5)]
    );
    assert_eq!(
        svg("chart-demo-t", &chart, &bars),
        r#"<div class="transcript-drawing transcript-chart">
<svg class="transcript-svg" role="img" aria-labelledby="chart-demo-t-title chart-demo-t-desc" width="320" height="116" viewBox="0 0 320 116">
<title id="chart-demo-t-title">Times</title>
<desc id="chart-demo-t-desc">Bar chart, 2 bars: fast: 7 ms; slow: 10.5 ms.</desc>
<text class="chart-title" x="4" y="18">Times</text>
<text class="chart-label" x="4" y="42">fast</text>
<rect class="chart-bar" x="4" y="48" width="164.8" height="16"/>
<text class="chart-value" x="174.8" y="61">7 ms</text>
<text class="chart-label" x="4" y="86">slow</text>
<rect class="chart-bar" x="4" y="92" width="247.2" height="16"/>
<text class="chart-value" x="257.2" y="105">10.5 ms</text>
</svg>
</div>
"#
    );
}

#[test]
fn a_value_that_is_not_a_number_or_a_listing_that_did_not_run_is_an_error() {
    let (listing, chart) = listing_with(&[("peak", r"peak: (\S+)")], None);
    let capture = Capture::fixture(Outcome::SUCCESS).printing("peak: high\n", "");
    assert_eq!(
        bars_of(&listing, "t", &chart, &capture)
            .unwrap_err()
            .to_string(),
        "`{{#chart demo:t}}`: value `peak` is `high`, which is not a number; a bar needs a number of 0 or more, such as `1526` or `0.25`"
    );
    let capture = Capture::failed_to_compile("error[E0308]: mismatched types\n");
    assert_eq!(
        bars_of(&listing, "t", &chart, &capture)
            .unwrap_err()
            .to_string(),
        "`{{#chart demo:t}}`: listing `demo` is not run (it is only built, or it does not compile), so it printed no values to chart"
    );
}
