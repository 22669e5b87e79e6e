//! The drawings check (tests/browser/checks/drawings.mjs): its judging fails a drawing
//! with overlapping or faint text or one too wide (its unit tests), and a fixture book's
//! chart passes it in every theme, on the desktop and on a phone.

use std::process::Command;

use snapbox::str;

use super::{Browser, cases};
use crate::support::{BookTest, repo};

#[test]
fn the_drawings_check_reports_faint_and_overlapping_text_and_a_drawing_too_wide() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let run = Command::new(&browser.node)
        .arg("--test")
        .arg("--test-reporter=spec")
        .arg(repo().join("tests/browser/checks/drawings.test.mjs"))
        .env("FORCE_COLOR", "0")
        .output()
        .expect("node runs");
    let report = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(run.status.success(), "{report}");
    snapbox::assert_data_eq!(
        cases(&report),
        str![[r#"
✔ a drawing that fits, is legible and has no overlapping text passes
✔ contrast is WCAG 2: black on white is 21:1, grey #777 on white under 4.5:1
✔ low contrast, overlapping labels, an empty box and a drawing wider than the column are reported

"#]]
    );
}

#[test]
fn a_chart_is_visible_fits_and_is_legible_in_every_theme_on_a_fixture_book() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let mut book = BookTest::new();
    book.listing(
        "bench",
        "fn main() {\n    println!(\"one after the other: 1526 ms\");\n    println!(\"threads: 76 ms\");\n}\n",
        "[package.metadata.transcript]\n\
         values = { one_after_the_other = 'other: (\\d+) ms', threads = 'threads: (\\d+) ms' }\n\
         charts = { times = { title = \"Two ways\", bars = [\"one_after_the_other\", \"threads\"], unit = \"ms\" } }\n",
    )
    .page("chart.md", "# Chart\n\n{{#output bench}}\n\n{{#chart bench:times}}\n")
    .page("plain.md", "# Plain\n\nNo drawing here.\n");
    book.run(&["build"]).assert_success();
    book.write(
        "expected-failures.mjs",
        "export const EXPECTED_FAILURES = [];\n",
    );
    let expected = book.path("expected-failures.mjs");
    let args = [
        "--check",
        "drawings",
        "--check",
        "drawings-phone",
        "--expected-failures",
        expected.to_str().expect("a UTF-8 path"),
    ];
    let (status, report) = browser.check(&book.path("book"), book.root(), &args);
    assert!(
        status.success(),
        "the checks failed ({status:?}):\n{report}"
    );
    book.assert_data_eq(
        cases(&report),
        str![[r#"
  ✔ chart.html light
  ✔ chart.html rust
  ✔ chart.html coal
  ✔ chart.html navy
  ✔ chart.html ayu
✔ drawings: drawings are visible, fit the content and are legible in every theme (desktop)
  ✔ chart.html light
  ✔ chart.html rust
  ✔ chart.html coal
  ✔ chart.html navy
  ✔ chart.html ayu
✔ drawings-phone: drawings are visible, fit the content and are legible in every theme (phone)
✔ expected-failures.mjs names only cases that ran

"#]],
    );

    // A drawing written by hand, faint and with two labels on top of each other, fails.
    book.page_content(
        "plain.md",
        "# Plain\n\n<div class=\"transcript-drawing\">\n<svg class=\"transcript-svg\" role=\"img\" width=\"200\" height=\"40\">\n<text x=\"4\" y=\"20\" style=\"fill: #ccc\">faint</text>\n<text x=\"8\" y=\"22\">on top</text>\n</svg>\n</div>\n",
    );
    book.run(&["build"]).assert_success();
    let (status, report) = browser.check(
        &book.path("book"),
        book.root(),
        &[&args[..2], &args[4..]].concat(),
    );
    assert!(!status.success(), "a bad drawing should fail:\n{report}");
    book.assert_data_eq(cases(&report), str![[r#"
  ✔ chart.html light
  ✔ chart.html rust
  ✔ chart.html coal
  ✔ chart.html navy
  ✔ chart.html ayu
  ✖ plain.html light
    Error: drawing 1: "faint": contrast 1.61:1 < 4.5:1 (rgb(204, 204, 204) on rgb(255, 255, 255)); drawing 1: "faint" overlaps "on top"
  ✖ plain.html rust
    Error: drawing 1: "faint": contrast 1.22:1 < 4.5:1 (rgb(204, 204, 204) on rgb(225, 225, 219)); drawing 1: "faint" overlaps "on top"
  ✖ plain.html coal
    Error: drawing 1: "on top": contrast 1.15:1 < 4.5:1 (rgb(0, 0, 0) on rgb(19, 21, 22)); drawing 1: "faint" overlaps "on top"
  ✖ plain.html navy
    Error: drawing 1: "on top": contrast 1.20:1 < 4.5:1 (rgb(0, 0, 0) on rgb(22, 25, 35)); drawing 1: "faint" overlaps "on top"
  ✖ plain.html ayu
    Error: drawing 1: "on top": contrast 1.14:1 < 4.5:1 (rgb(0, 0, 0) on rgb(15, 20, 26)); drawing 1: "faint" overlaps "on top"
✖ drawings: drawings are visible, fit the content and are legible in every theme (desktop)
✔ expected-failures.mjs names only cases that ran

"#]]);
}
