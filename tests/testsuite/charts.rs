//! `{{#chart NAME:CHART}}`: a listing's printed values drawn as an SVG bar chart in its
//! page, and the mistakes a chart can have, each an error at its line.

use snapbox::str;

use crate::support::BookTest;

const TIMES: &str = "fn main() {\n    println!(\"sequential: 1526 ms\");\n    println!(\"threads: 76 ms\");\n    println!(\"async: 33 ms\");\n}\n";

const DECLARED: &str = "[package.metadata.transcript]
redact = [{ pattern = '\\d+ ms', with = \"[TIME] ms\" }]

[package.metadata.transcript.values]
sequential = 'sequential: (\\d+) ms'
threads = 'threads: (\\d+) ms'
async = 'async: (\\d+) ms'

[package.metadata.transcript.charts.times]
title = \"Three ways\"
bars = [\"sequential\", \"threads\", \"async\"]
unit = \"ms\"
";

/// The part of a page between `from` and the next `to`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).expect("the page has it");
    let end = start + html[start..].find(to).expect("and its end") + to.len();
    &html[start..end]
}

#[test]
fn a_listings_values_become_a_bar_chart_in_its_page() {
    let mut book = BookTest::new();
    book.listing("bench", TIMES, DECLARED).page(
        "chapter.md",
        "# Bench\n\n{{#output bench}}\n\nThe same, as bars:\n\n{{#chart bench:times}}\n",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    book.assert_data_eq(
        between(&html, "<div class=\"transcript-drawing", "</div>"),
        str![[r#"
<div class="transcript-drawing transcript-chart">
<svg class="transcript-svg" role="img" aria-labelledby="chart-bench-times-title chart-bench-times-desc" width="320" height="160" viewbox="0 0 320 160">
<title id="chart-bench-times-title">Three ways</title>
<desc id="chart-bench-times-desc">Bar chart, 3 bars: sequential: 1526 ms; threads: 76 ms; async: 33 ms.</desc>
<text class="chart-title" x="4" y="18">Three ways</text>
<text class="chart-label" x="4" y="42">sequential</text>
<rect class="chart-bar" x="4" y="48" width="247.2" height="16" />
<text class="chart-value" x="257.2" y="61">1526 ms</text>
<text class="chart-label" x="4" y="86">threads</text>
<rect class="chart-bar" x="4" y="92" width="12.3" height="16" />
<text class="chart-value" x="22.3" y="105">76 ms</text>
<text class="chart-label" x="4" y="130">async</text>
<rect class="chart-bar" x="4" y="136" width="5.3" height="16" />
<text class="chart-value" x="15.3" y="149">33 ms</text>
</svg>
</div>
"#]],
    );
    // Other times, redacted like these, are the same output to `check`.
    book.edit_listing("bench", &TIMES.replace("1526", "1490"));
    book.run(&["check"]).assert_success();
}

#[test]
fn a_chart_with_a_value_that_is_no_number_or_of_a_listing_not_run_is_an_error() {
    let mut book = BookTest::new();
    book.listing(
        "words",
        "fn main() {\n    println!(\"speed: fast\");\n}\n",
        "[package.metadata.transcript]\nvalues = { speed = 'speed: (\\w+)' }\ncharts = { speed = { title = \"Speed\", bars = [\"speed\"] } }\n",
    )
    .listing(
        "broken",
        "fn main() {\n    println!(\"n: 1\");\n}\n",
        "[package.metadata.transcript]\ncommand = \"build\"\nvalues = { n = 'n: (\\d+)' }\ncharts = { n = { title = \"N\", bars = [\"n\"] } }\n",
    )
    .page(
        "chapter.md",
        "# Charts\n\n{{#chart words:speed}}\n\n{{#chart broken:n}}\n",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: `{{#chart words:speed}}`: value `speed` is `fast`, which is not a number; a bar needs a number of 0 or more, such as `1526` or `0.25`
  --> src/chapter.md:3:1

error: `{{#chart broken:n}}`: listing `broken` is not run (it is only built, or it does not compile), so it printed no values to chart
  --> src/chapter.md:5:1

error: the book did not build: mdbook-transcript: 2 problem(s) in 2 listing(s) used by the book

"#]]);
    book.page_content("chapter.md", "# Charts\n\n{{#chart words:speeds}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: listing `words` declares no chart `speeds` (did you mean `speed`?)
  --> src/chapter.md:3:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn a_bar_naming_an_undeclared_value_is_an_error_in_the_listings_manifest() {
    let mut book = BookTest::new();
    book.listing(
        "bench",
        TIMES,
        &DECLARED.replace("bars = [\"sequential\",", "bars = [\"sequental\","),
    )
    .page("chapter.md", "# Bench\n\n{{#chart bench:times}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: `charts.times.bars[0]`: no value `sequental` is declared under `values`: did you mean `sequential`?
  --> code/listings/bench/Cargo.toml:17:9

error: the book did not build: mdbook-transcript: 1 problem(s) in 0 listing(s) used by the book

"#]]);
}
