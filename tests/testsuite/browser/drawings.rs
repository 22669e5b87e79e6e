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
}
