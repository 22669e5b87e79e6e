use std::fs;

use super::*;
use crate::capture::Outcome;
use regex::Regex;

fn capture(stdout: &str) -> Capture {
    Capture::fixture(Outcome::SUCCESS).printing(stdout, "")
}

#[test]
fn a_snapshot_round_trips_through_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_path(dir.path());
    let snapshot = Snapshot {
        listing: "demo".into(),
        key: "blake3:00".into(),
        capture: Capture::fixture(Outcome::SUCCESS).printing(
            "line one\n<script>alert(1)</script>\n\nno newline at end",
            "thread 'main' panicked at src/main.rs:2:5:\n\"quoted\" \\ backslash '''\n",
        ),
    };
    snapshot.save(&path).unwrap();
    assert_eq!(Snapshot::load(&path).unwrap(), Some(snapshot));
}

#[test]
fn the_snapshot_file_is_readable_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_path(dir.path());
    let snapshot = Snapshot {
        listing: "demo".into(),
        key: "blake3:00".into(),
        capture: capture("first line\nsecond line\n"),
    };
    snapshot.save(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("first line\nsecond line\n"), "{text}");
    assert!(text.contains("outcome = \"exit 0\""), "{text}");
}

#[test]
fn a_missing_snapshot_is_none_and_a_garbled_one_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_path(dir.path());
    assert_eq!(Snapshot::load(&path).unwrap(), None);
    fs::write(&path, "this is = not [valid").unwrap();
    let err = Snapshot::load(&path).unwrap_err();
    assert!(format!("{err:#}").contains(SNAPSHOT_FILE), "{err:#}");
}

const LABELS: (&str, &str) = ("demo (snapshot)", "demo (this run)");

#[test]
fn redacted_parts_do_not_count_as_a_difference() {
    let redact = [Redaction {
        pattern: Regex::new(r"\d+ ms").unwrap(),
        with: "[TIME] ms".into(),
    }];
    assert_eq!(
        diff(
            LABELS,
            &capture("took 301 ms\n"),
            &capture("took 297 ms\n"),
            &redact
        ),
        None
    );
}

#[test]
fn a_difference_is_a_unified_diff_with_headers() {
    let diff = diff(
        LABELS,
        &capture("same\nold\n"),
        &capture("same\nnew\n"),
        &[],
    )
    .unwrap();
    assert!(diff.contains("--- demo (snapshot)"), "{diff}");
    assert!(diff.contains("+++ demo (this run)"), "{diff}");
    assert!(diff.contains("-old\n+new"), "{diff}");
}

#[test]
fn the_panicking_threads_os_id_is_not_a_difference() {
    let panic = |stderr: &str| Capture::fixture(Outcome::SUCCESS).printing("", stderr);
    let old = panic("thread 'main' (8780) panicked at src/main.rs:3:5:\n");
    let new = panic("thread 'main' (9121) panicked at src/main.rs:3:5:\n");
    assert_eq!(diff(LABELS, &old, &new, &[]), None);
    let elsewhere = panic("thread 'main' (9121) panicked at src/main.rs:4:5:\n");
    assert!(diff(LABELS, &old, &elsewhere, &[]).is_some());
}

#[test]
fn a_difference_in_a_redacted_listing_is_shown_in_redacted_form() {
    let redact = [Redaction {
        pattern: Regex::new(r"\d+ ms").unwrap(),
        with: "[TIME] ms".into(),
    }];
    let diff = diff(
        LABELS,
        &capture("took 301 ms\nfirst\n"),
        &capture("took 297 ms\nsecond\n"),
        &redact,
    )
    .unwrap();
    assert!(diff.contains(" took [TIME] ms\n-first\n+second"), "{diff}");
    assert!(diff.contains("--- demo (snapshot), redacted"), "{diff}");
    assert!(diff.contains("+++ demo (this run), redacted"), "{diff}");
}

#[test]
fn a_snapshot_with_merge_conflict_markers_is_named_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SNAPSHOT_FILE);
    let text =
        "listing = \"demo\"\n<<<<<<< HEAD\nkey = \"a\"\n=======\nkey = \"b\"\n>>>>>>> other\n";
    fs::write(&path, text).unwrap();
    assert_eq!(
        Snapshot::load(&path).unwrap_err().to_string(),
        format!(
            "{}:2: the snapshot has merge-conflict markers; resolve the conflict by rerunning \
             the listing",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "left untouched");
}

#[test]
fn the_time_a_test_harness_or_cargo_took_and_cargos_hashes_are_not_differences() {
    let old = capture(
        "test result: ok. 2 passed; 0 failed; finished in 0.00s\n    Finished `dev` profile [unoptimized + debuginfo] target(s) in 0.52s\n     Running unittests src/lib.rs (target/debug/deps/adder-0123456789abcdef)\n",
    );
    let new = capture(
        "test result: ok. 2 passed; 0 failed; finished in 0.01s\n    Finished `dev` profile [unoptimized + debuginfo] target(s) in 3.14s\n     Running unittests src/lib.rs (target/debug/deps/adder-fedcba9876543210)\n",
    );
    assert_eq!(diff(LABELS, &old, &new, &[]), None);
}

#[test]
fn each_run_is_compared_with_its_command_and_input() {
    let mut old = capture("same\n");
    old.runs[0].stdin = Some("50\n".into());
    let mut new = old.clone();
    new.runs[0].stdin = Some("51\n".into());
    let diff = diff(LABELS, &old, &new, &[]).unwrap();
    assert!(diff.contains("-50\n+51\n"), "{diff}");
    assert!(diff.contains("=== run 1: cargo run -p demo"), "{diff}");
}

/// Found by the `read_snapshot` fuzz target: a listing that printed a line such as
/// `=======` got a snapshot that every later run refused as merge-conflicted.
#[test]
fn a_capture_with_a_line_like_a_conflict_marker_reads_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = snapshot_path(dir.path());
    for printed in ["=======", "<<<<<<< HEAD", ">>>>>>> theirs", "=======\r"] {
        let snapshot = Snapshot {
            listing: "separators".into(),
            key: "blake3:00".into(),
            capture: Capture {
                codes: vec!["E0001".into()],
                ..Capture::fixture(Outcome::SUCCESS).printing(
                    &format!("before\n{printed}\nafter '''\"\"\" \\ \u{7f}\n"),
                    &format!("{printed}\n"),
                )
            },
        };
        snapshot.save(&path).unwrap();
        assert_eq!(
            Snapshot::load(&path).unwrap(),
            Some(snapshot),
            "{printed:?}"
        );
    }
    // Output without such a line keeps its readable block of lines.
    let plain = Snapshot {
        listing: "plain".into(),
        key: "blake3:00".into(),
        capture: capture("one\n=== not a marker ===\ntwo\n"),
    };
    assert!(plain.to_text().contains("stdout = \"\"\"\none\n"));
}

/// Found by the `read_snapshot` fuzz target: a listing name with a line break in it
/// ended the header comment, and the rest of the name became (broken) TOML.
#[test]
fn a_listing_name_with_a_line_break_stays_inside_the_header_comment() {
    for name in ["two\nlines", "carriage\rreturn", "demo"] {
        let snapshot = Snapshot {
            listing: name.into(),
            key: "blake3:00".into(),
            capture: capture("out\n"),
        };
        let text = snapshot.to_text();
        assert_eq!(
            Snapshot::parse(Path::new(SNAPSHOT_FILE), &text).ok(),
            Some(snapshot),
            "{text}"
        );
    }
}
