//! What CI needs: `check --shard K/N` (a deterministic share of the listings, each
//! shard failing on its own listings only), and clear errors for bad CI flags before
//! anything runs.

use std::collections::BTreeSet;

use snapbox::str;

use crate::support::BookTest;

/// A `main.rs` that prints `text`.
fn printing(text: &str) -> String {
    format!("fn main() {{\n    println!(\"{text}\");\n}}\n")
}

const NAMES: [&str; 5] = ["alpha", "bravo", "charlie", "delta", "echo"];

/// Five listings on one page, blessed, then each changed to print something else:
/// every listing makes `check` fail.
fn book_where_every_listing_fails() -> BookTest {
    let mut book = BookTest::new();
    let mut page = String::from("# Chapter\n");
    for name in NAMES {
        book.listing(name, &printing(name), "");
        page.push_str(&format!("\n{{{{#output {name}}}}}\n"));
    }
    book.page("chapter.md", &page);
    book.run(&["build"]).assert_success();
    for name in NAMES {
        book.edit_listing(name, &printing("changed"));
    }
    book
}

/// The listings a failed check names in its `error: listing `NAME` ...` lines.
fn failing_listings(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix("error: listing `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn shards_one_to_n_partition_the_listings_and_each_fails_on_its_own_only() {
    let book = book_where_every_listing_fails();
    // As on CI, every shard starts from the same run log (each run rewrites it).
    let log = book.path("target/mdbook-transcript-runs.json");
    let restored = std::fs::read(&log).expect("the build wrote a run log");
    let mut seen = Vec::new();
    for k in 1..=3 {
        std::fs::write(&log, &restored).unwrap();
        let shard = format!("{k}/3");
        let run = book.run(&["check", "--shard", &shard]);
        run.assert_failure();
        let stderr = run.stderr();
        assert!(
            stderr.starts_with(&format!("transcript: shard {shard}: ")),
            "{stderr}"
        );
        let failing = failing_listings(&stderr);
        assert!(!failing.is_empty(), "shard {shard} ran nothing:\n{stderr}");
        seen.extend(failing);
    }
    let all: Vec<String> = NAMES.iter().map(|n| n.to_string()).collect();
    let unique: BTreeSet<_> = seen.iter().cloned().collect();
    assert_eq!(
        seen.len(),
        unique.len(),
        "a listing in two shards: {seen:?}"
    );
    assert_eq!(unique, all.into_iter().collect::<BTreeSet<_>>());
}

#[test]
fn shard_with_no_times_known_shares_by_count_in_name_order() {
    let book = book_where_every_listing_fails();
    // The build recorded the five used listings' times; forget them.
    std::fs::remove_file(book.path("target/mdbook-transcript-runs.json"))
        .expect("the build wrote a run log");
    let run = book.run(&["check", "--shard", "2/3"]);
    run.assert_failure();
    // One each in name order: alpha 1, bravo 2, charlie 3, delta 1, echo 2.
    assert_eq!(failing_listings(&run.stderr()), ["bravo", "echo"]);
}

#[test]
fn a_listing_no_page_uses_fails_only_the_shard_it_belongs_to() {
    let mut book = BookTest::with_listing("greeting", &printing("hello"), "");
    book.listing("unused", &printing("unused"), "");
    book.run(&["build"]).assert_success();
    let failing: Vec<Vec<String>> = (1..=2)
        .map(|k| {
            let run = book.run(&["check", "--shard", &format!("{k}/2")]);
            failing_listings(&run.stderr())
        })
        .collect();
    // Unknown to the run log, unused weighs what greeting took; the tie goes by name.
    assert_eq!(failing, [vec![], vec!["unused".to_string()]]);
}

#[test]
fn a_shard_that_is_not_k_of_n_is_refused_before_anything_runs() {
    let book = BookTest::with_listing("greeting", &printing("hello"), "");
    book.run(&["check", "--shard", "0/4"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: invalid value '0/4' for '--shard <K/N>': there is no shard 0 of 4: expected K/N, shard K of N with 1 <= K <= N (e.g. 2/4)

For more information, try '--help'.

"#]]);
    book.run(&["check", "--shard", "5/4"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: invalid value '5/4' for '--shard <K/N>': there is no shard 5 of 4: expected K/N, shard K of N with 1 <= K <= N (e.g. 2/4)

For more information, try '--help'.

"#]]);
    book.run(&["check", "--shard", "x"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: invalid value 'x' for '--shard <K/N>': no `/` in `x`: expected K/N, shard K of N with 1 <= K <= N (e.g. 2/4)

For more information, try '--help'.

"#]]);
    assert!(!book.snapshot_exists("greeting"), "nothing ran");
}

#[test]
fn a_bad_report_is_refused_before_anything_runs() {
    let book = BookTest::with_listing("greeting", &printing("hello"), "");
    book.run(&["check", "--report", "jnuit=out.xml"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: invalid value 'jnuit=out.xml' for '--report <FORMAT=PATH>': unknown report format `jnuit` (did you mean `junit`?): expected junit=PATH or json=PATH

For more information, try '--help'.

"#]]);
    book.run(&["check", "--report", "junit=reports/out.xml"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: invalid value 'junit=reports/out.xml' for '--report <FORMAT=PATH>': the directory `reports` does not exist (create it first: the report is written there after the check)

For more information, try '--help'.

"#]]);
    assert!(!book.snapshot_exists("greeting"), "nothing ran");
}

/// `text` with every time a report records (`time="0.123"`, `"seconds": 0.123`) as [T].
fn without_times(text: &str) -> String {
    let times = regex::Regex::new(r#"(time="|"seconds": )[0-9.e-]+"#).unwrap();
    times.replace_all(text, "${1}[T]").into_owned()
}

#[test]
fn reports_name_each_listing_with_its_page_time_and_failure() {
    let mut book = BookTest::new();
    book.listing("same", &printing("same"), "")
        .listing("differs", &printing("before"), "")
        .page(
            "chapter.md",
            "# Chapter\n\n{{#output same}}\n\n{{#output differs}}\n",
        );
    book.run(&["build"]).assert_success();
    book.edit_listing("differs", &printing("after"));
    std::fs::create_dir(book.path("reports")).unwrap();
    book.run(&[
        "check",
        "--report",
        "junit=reports/junit.xml",
        "--report",
        "json=reports/check.json",
    ])
    .assert_failure()
    .stderr_eq(str![[r#"
transcript: slowest listings (of 2, [ELAPSED] in all):
  [..] s  [..]
  [..] s  [..]
transcript: 2 listing(s): 0 cached, 2 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `differs` printed something other than its snapshot
...
"#]]);
    book.assert_data_eq(without_times(&book.read("reports/junit.xml")), str![[r#"
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="mdbook-transcript" tests="2" skipped="0" failures="1" errors="0">
    <testsuite name="mdbook-transcript" tests="2" skipped="0" errors="0" failures="1">
        <testcase name="differs" classname="src/chapter.md" time="[T]">
            <failure message="listing `differs` printed something other than its snapshot">error: listing `differs` printed something other than its snapshot
  --&gt; src/chapter.md:5:1
   | --- differs (snapshot)
   | +++ differs (this run)
   | @@ -2,4 +2,4 @@
   |  === run 1: cargo run -p differs
   |  outcome: exit 0
   |  --- stdout
   | -before
   | +after
</failure>
        </testcase>
        <testcase name="same" classname="src/chapter.md" time="[T]"/>
    </testsuite>
</testsuites>

"#]]);
    book.assert_data_eq(without_times(&book.read("reports/check.json")), str![[r#"
{
  "shard": null,
  "listings": [
    {
      "name": "differs",
      "pages": [
        "src/chapter.md:5:1"
      ],
      "seconds": [T],
      "passed": false,
      "failures": [
        "error: listing `differs` printed something other than its snapshot/n  --> src/chapter.md:5:1/n   | --- differs (snapshot)/n   | +++ differs (this run)/n   | @@ -2,4 +2,4 @@/n   |  === run 1: cargo run -p differs/n   |  outcome: exit 0/n   |  --- stdout/n   | -before/n   | +after/n"
      ]
    },
    {
      "name": "same",
      "pages": [
        "src/chapter.md:3:1"
      ],
      "seconds": [T],
      "passed": true,
      "failures": []
    }
  ]
}
"#]]);
}

#[test]
fn under_github_actions_a_failure_is_also_an_annotation_at_its_directive() {
    let book = BookTest::with_listing("greeting", &printing("hello"), "");
    book.run(&["build"]).assert_success();
    book.edit_listing("greeting", &printing("goodbye"));
    let run = book.run_with(&["check"], &[("GITHUB_ACTIONS", "true")]);
    run.assert_failure();
    let stderr = run.stderr();
    let annotation = stderr
        .lines()
        .find(|line| line.starts_with("::error "))
        .unwrap_or_else(|| panic!("no annotation:\n{stderr}"));
    book.assert_data_eq(
        annotation.to_string(),
        str!["::error file=src/chapter.md,line=3,col=1,title=listing `greeting` printed something other than its snapshot::listing `greeting` printed something other than its snapshot%0A--- greeting (snapshot)%0A+++ greeting (this run)%0A@@ -2,4 +2,4 @@%0A === run 1: cargo run -p greeting%0A outcome: exit 0%0A --- stdout%0A-hello%0A+goodbye%0A"],
    );
}

#[test]
fn a_mistaken_directive_fails_only_the_shard_of_the_listing_it_names() {
    let mut book = BookTest::new();
    book.listing("alpha", &printing("alpha"), "")
        .listing("bravo", &printing("bravo"), "")
        .page(
            "chapter.md",
            "# Chapter\n\n{{#output alpha}}\n\n{{#output bravo}}\n",
        );
    book.run(&["build"]).assert_success();
    std::fs::remove_file(book.path("target/mdbook-transcript-runs.json")).unwrap();
    book.page_content(
        "chapter.md",
        "# Chapter\n\n{{#output alpha}}\n\n{{#output bravo}}\n\n{{#listing bravo/nope.rs}}\n",
    );
    // By count and name: alpha is shard 1's, bravo shard 2's.
    book.run(&["check", "--shard", "1/2"]).assert_success();
    let run = book.run(&["check", "--shard", "2/2"]);
    run.assert_failure();
    assert_eq!(
        failing_listings(&run.stderr()),
        ["bravo"],
        "{}",
        run.stderr()
    );
}
