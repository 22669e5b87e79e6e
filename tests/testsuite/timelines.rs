//! Timelines: a listing records what its tasks did on the side channel the tool gives
//! each run (`TRANSCRIPT_EVENTS`, JSON lines), the snapshot keeps the events, and the
//! page draws them as an SVG under the transcript. These fixtures write the events by
//! hand, as `support::timeline` would, so what is tested is the tool's side alone.

use snapbox::str;

use crate::support::{BookTest, transcripts};

/// A program that appends `events` (task, kind, microseconds) to the side channel and
/// prints one line.
fn recording(events: &str) -> String {
    format!(
        "use std::io::Write;\n\nfn main() {{\n    let path = std::env::var(\"TRANSCRIPT_EVENTS\").expect(\"the tool names the file\");\n    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();\n    for (task, kind, at) in [{events}] {{\n        writeln!(file, \"{{{{\\\"task\\\":\\\"{{task}}\\\",\\\"kind\\\":\\\"{{kind}}\\\",\\\"at_us\\\":{{at}},\\\"thread\\\":\\\"main #1\\\"}}}}\").unwrap();\n    }}\n    println!(\"fetched a and b\");\n}}\n"
    )
}

const JOINED: &str = "(\"fetch a\", \"start\", 0), (\"fetch b\", \"start\", 0), (\"fetch a\", \"run\", 0), (\"fetch a\", \"wait\", 0), (\"fetch b\", \"run\", 0), (\"fetch b\", \"wait\", 0), (\"fetch a\", \"run\", 100000), (\"fetch a\", \"end\", 100000), (\"fetch b\", \"run\", 200000), (\"fetch b\", \"end\", 200000)";

#[test]
fn recorded_events_are_kept_in_the_snapshot_and_drawn_under_the_transcript() {
    let book = BookTest::with_listing(
        "joined",
        &recording(JOINED),
        "[package.metadata.transcript]\ntimeline = \"exact\"",
    );
    book.run(&["build"]).assert_success();
    let snapshot = book.snapshot("joined");
    let events = &snapshot[snapshot.find("[runs.timeline]").expect("events kept")..];
    book.assert_data_eq(
        events,
        str![[r#"
[runs.timeline]
events = """
{"task":"fetch a","kind":"start","at_us":0,"thread":"main #1"}
{"task":"fetch b","kind":"start","at_us":0,"thread":"main #1"}
{"task":"fetch a","kind":"run","at_us":0,"thread":"main #1"}
{"task":"fetch a","kind":"wait","at_us":0,"thread":"main #1"}
{"task":"fetch b","kind":"run","at_us":0,"thread":"main #1"}
{"task":"fetch b","kind":"wait","at_us":0,"thread":"main #1"}
{"task":"fetch a","kind":"run","at_us":100000,"thread":"main #1"}
{"task":"fetch a","kind":"end","at_us":100000,"thread":"main #1"}
{"task":"fetch b","kind":"run","at_us":200000,"thread":"main #1"}
{"task":"fetch b","kind":"end","at_us":200000,"thread":"main #1"}
"""

"#]],
    );

    let html = book.html("chapter.md");
    let transcript = transcripts(&html)[0];
    let svg = &transcript[transcript.find("<svg").expect("a drawing")..];
    let svg = &svg[..svg.find("</svg>").unwrap() + 6];
    book.assert_data_eq(
        svg,
        str![[r#"
<svg class="transcript-svg" role="img" aria-labelledby="output-joined-timeline-1-title output-joined-timeline-1-desc" width="640" height="124" viewbox="0 0 640 124" xmlns="http://www.w3.org/2000/svg">
<title id="output-joined-timeline-1-title">Timeline of 2 task(s) over 200 ms</title>
<desc id="output-joined-timeline-1-desc">One lane per task, time from left to right. fetch a started at 0 ms, ran 0 ms and waited 100 ms, and finished at 100 ms. fetch b started at 0 ms, ran 0 ms and waited 200 ms, and finished at 200 ms.</desc>
...
</svg>
"#]],
    );
    assert!(transcript.contains("<div class=\"transcript-drawing transcript-timeline\">"));
    // Check compares the events too, and they are the same.
    book.run(&["check"]).assert_success();
}

#[test]
fn a_listing_that_declares_a_timeline_and_records_nothing_is_an_error_at_its_use() {
    let book = BookTest::with_listing(
        "silent",
        "fn main() {\n    println!(\"no events\");\n}\n",
        "[package.metadata.transcript]\ntimeline = \"shape\"",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `silent` declares `timeline = "shape"`, but run 1 recorded no timeline event
  --> src/chapter.md:3:1
   | wrap its tasks in `support::timeline::task(NAME, future)` (it writes to the file that $TRANSCRIPT_EVENTS names), or remove `timeline` from its Cargo.toml
...
"#]]);
    assert!(!book.snapshot_exists("silent"));
}

#[test]
fn malformed_events_are_skipped_with_a_note_under_the_drawing() {
    let book = BookTest::with_listing(
        "garbled",
        &recording("(\"a\", \"start\", 0), (\"a\", \"explode\", 5), (\"a\", \"end\", 10)"),
        "",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let note = &html[html
        .find("<p class=\"transcript-timeline-note\">")
        .expect("a note")..];
    book.assert_data_eq(
        &note[..note.find("</p>").unwrap() + 4],
        str![[r#"<p class="transcript-timeline-note">Note: 1 malformed event line(s) skipped (the first, line 2: unknown variant `explode`, expected one of `start`, `run`, `wait`, `end`, `cancel` at line 1 column 28); each line must be {"task":NAME,"kind":"start|run|wait|end|cancel","at_us":N,"thread":NAME}</p>"#]],
    );
    assert!(html.contains(
        "<title id=\"output-garbled-timeline-1-title\">Timeline of 1 task(s) over 10 µs</title>"
    ));
}

#[test]
fn on_the_real_clock_the_timeline_is_compared_by_its_shape_not_its_times() {
    let book = BookTest::with_listing(
        "real",
        &recording(JOINED),
        "[package.metadata.transcript]\ntimeline = \"shape\"",
    );
    book.run(&["build"]).assert_success();
    // Other times, same order and overlap: still the same.
    book.edit_listing("real", &recording(&JOINED.replace("200000", "230000")));
    book.run(&["check"]).assert_success();
    // b now ends before a: a different timeline.
    book.edit_listing("real", &recording(&JOINED.replace("200000", "50000")));
    let check = book.run(&["check"]);
    check.assert_failure();
    assert!(
        check.stderr().contains("-End fetch a (live: fetch b)"),
        "{}",
        check.stderr()
    );
}
