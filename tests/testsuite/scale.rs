//! The runner at scale: flake detection, progress and summary, concurrent and killed runs,
//! and listings that misbehave (hang, leave children, flood, print bytes).

use std::time::{Duration, Instant};

use snapbox::str;

use crate::support::{BookTest, transcripts};

#[test]
fn check_repeat_names_a_listing_whose_output_varies_with_the_differing_lines() {
    let mut book = BookTest::new();
    book.listing(
        "steady",
        "fn main() {\n    println!(\"always the same\");\n}\n",
        "",
    )
    .listing(
        "wobbly",
        "fn main() {\n    let nanos = std::time::SystemTime::now()\n        .duration_since(std::time::UNIX_EPOCH)\n        .unwrap()\n        .subsec_nanos();\n    println!(\"stable line\");\n    println!(\"nanos {nanos}\");\n}\n",
        "",
    )
    .page("chapter.md", "{{#output steady}}\n\n{{#output wobbly}}\n");
    book.run(&["build"]).assert_success();

    // Only `wobbly` is named: rounds 2 and 3 each differ from round 1, and round 1 from
    // the snapshot. `[..]` stands for the nanoseconds, which differ every run.
    book.run(&["check", "--repeat", "3"])
        .assert_failure()
        .stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `wobbly` is flaky: run 2 printed something other than run 1 (after redaction)
  --> src/chapter.md:3:1
   | make it deterministic, or redact what legitimately varies (`redact` in its Cargo.toml)
   | --- wobbly (run 1)
   | +++ wobbly (run 2)
   | @@ -3,4 +3,4 @@
   |  outcome: exit 0
   |  --- stdout
   |  stable line
   | -nanos [..]
   | +nanos [..]

error: listing `wobbly` is flaky: run 3 printed something other than run 1 (after redaction)
  --> src/chapter.md:3:1
   | make it deterministic, or redact what legitimately varies (`redact` in its Cargo.toml)
   | --- wobbly (run 1)
   | +++ wobbly (run 3)
   | @@ -3,4 +3,4 @@
   |  outcome: exit 0
   |  --- stdout
   |  stable line
   | -nanos [..]
   | +nanos [..]

error: listing `wobbly` printed something other than its snapshot
  --> src/chapter.md:3:1
   | --- wobbly (snapshot)
   | +++ wobbly (this run)
   | @@ -3,4 +3,4 @@
   |  outcome: exit 0
   |  --- stdout
   |  stable line
   | -nanos [..]
   | +nanos [..]

error: mdbook-transcript: 3 problem(s) in 2 listing(s) used by the book
If the new output is right, accept it with `mdbook-transcript bless`.

"#]]);
}

#[test]
fn check_repeat_passes_when_redactions_cover_what_varies() {
    let book = BookTest::with_listing(
        "redacted",
        "fn main() {\n    let nanos = std::time::SystemTime::now()\n        .duration_since(std::time::UNIX_EPOCH)\n        .unwrap()\n        .subsec_nanos();\n    println!(\"nanos {nanos}\");\n}\n",
        "[package.metadata.transcript]\nredact = [{ pattern = 'nanos \\d+', with = \"nanos [N]\" }]",
    );
    book.run(&["build"]).assert_success();
    book.run(&["check", "--repeat", "3"])
        .assert_success()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
}

#[test]
fn on_a_terminal_each_listing_gets_a_line_and_off_one_only_the_summary() {
    let mut book = BookTest::new();
    book.listing("first", "fn main() {}\n", "")
        .listing("second", "fn main() {}\n", "")
        .page("chapter.md", "{{#output first}}\n\n{{#output second}}\n");
    book.run(&["build"]).assert_success();
    book.edit_listing("second", "fn main() { println!(); }\n");
    book.run_with(&["build"], &[("MDBOOK_TRANSCRIPT_PROGRESS", "always")])
        .assert_success()
        .stderr_eq(str![[r#"
transcript:   first: cached
transcript: building 1 listing(s) with cargo
   Compiling second v0.1.0 ([ROOT]/code/listings/second)
transcript:   second: ran, exit 0 after [ELAPSED]
transcript: 2 listing(s): 1 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);

    book.edit_listing("second", "fn main() { println!(\"x\"); }\n");
    // stderr is a pipe here, not a terminal: no line per listing, no cargo lines.
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 1 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
}

#[test]
fn a_failing_run_still_gives_the_summary_counting_the_failure() {
    let mut book = BookTest::new();
    book.listing("fine", "fn main() {}\n", "")
        .listing("broken", "fn main() { std::process::exit(4) }\n", "")
        .page("chapter.md", "{{#output fine}}\n\n{{#output broken}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `broken` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then exited with status 4
   | it printed nothing

error: the book did not build: mdbook-transcript: 1 problem(s) in 2 listing(s) used by the book

"#]]);
}

/// Five listings that each take a moment, so runs have time to overlap.
pub(crate) fn slow_book() -> BookTest {
    let mut book = BookTest::new();
    let mut page = String::from("# Chapter\n\n");
    for n in 0..5 {
        let name = format!("slow{n}");
        book.listing(
            &name,
            &format!("fn main() {{\n    std::thread::sleep(std::time::Duration::from_millis(300));\n    println!(\"listing {n} done\");\n}}\n"),
            "",
        );
        page.push_str(&format!("{{{{#output {name}}}}}\n\n"));
    }
    book.page("chapter.md", &page);
    book
}

fn assert_every_snapshot_whole(book: &BookTest) {
    // Whole: parseable by the tool (check below) and with every field of a finished run.
    for n in 0..5 {
        book.snapshot_eq(
            &format!("slow{n}"),
            format!(
                "# The real output of listing `slow{n}`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = \"slow{n}\"
key = \"[KEY]\"
compiled = true
codes = []
diagnostics = \"\"

[[runs]]
command = \"cargo run -p slow{n}\"
outcome = \"exit 0\"
stdout = \"\"\"
listing {n} done
\"\"\"
stderr = \"\"
"
            ),
        );
    }
}

#[test]
fn two_runs_at_once_take_turns_and_leave_whole_snapshots() {
    let book = slow_book();
    book.run(&["build"]).assert_success(); // compile once, so both runs below are quick
    let first = book.spawn(&["bless"]);
    let second = book.spawn(&["bless"]);
    let mut runs = [first.wait(), second.wait()];
    for run in &runs {
        run.assert_success();
    }
    // One of them (whichever came second to the lock) waited for the other: it is
    // compared second.
    runs.sort_by_key(|run| run.stderr().contains("waiting for another"));
    runs[0].stderr_eq(str![[r#"
transcript: 5 listing(s): 0 cached, 5 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
    runs[1].stderr_eq(str![[r#"
transcript: waiting for another mdbook-transcript run to finish (lock: [ROOT]/target/mdbook-transcript.lock)
transcript: 5 listing(s): 0 cached, 5 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
    assert_every_snapshot_whole(&book);
    book.run(&["check"]).assert_success();
}

#[test]
fn a_run_killed_at_any_moment_leaves_each_snapshot_old_or_new_never_partial() {
    let book = slow_book();
    book.run(&["build"]).assert_success();
    let snapshots =
        || -> Vec<String> { (0..5).map(|n| book.snapshot(&format!("slow{n}"))).collect() };
    let old = snapshots();

    // New sources, compiled ahead so the killed runs below spend their time running and
    // writing; `check` (which never writes) measures how long such a run takes.
    for n in 0..5 {
        book.write(
            &format!("code/listings/slow{n}/src/main.rs"),
            &format!("fn main() {{\n    std::thread::sleep(std::time::Duration::from_millis(300));\n    println!(\"listing {n} done, new\");\n}}\n"),
        );
    }
    book.command(crate::support::cargo(), "code")
        .args(["build", "--quiet"])
        .status()
        .unwrap();
    let started = Instant::now();
    book.run(&["check"]).assert_failure();
    let duration = started.elapsed();

    // Kill `bless` with SIGKILL (no chance to clean up) at moments spread over its run,
    // most of them late, where the writes happen.
    let mut seen = Vec::new();
    for percent in [20, 50, 70, 80, 85, 90, 95, 100, 105, 110] {
        let tool = book.spawn(&["bless"]);
        std::thread::sleep(duration * percent / 100);
        tool.kill();
        seen.push((percent, snapshots()));
    }
    book.run(&["bless"]).assert_success();
    let new = snapshots();
    for (percent, after_kill) in seen {
        for n in 0..5 {
            assert!(
                after_kill[n] == old[n] || after_kill[n] == new[n],
                "slow{n} after a kill at {percent}% of a run:\n{}",
                after_kill[n]
            );
        }
    }
    assert_ne!(old, new);
}

#[test]
fn a_hung_listing_whose_child_never_exits_is_killed_at_its_timeout_with_partial_output() {
    let book = BookTest::with_listing(
        "hangs",
        "fn main() {\n    println!(\"before the hang\");\n    std::process::Command::new(\"sleep\").arg(\"600\").spawn().unwrap();\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "[package.metadata.transcript]\ntimeout = \"1s\"",
    );
    let started = Instant::now();
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `hangs` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then ran past its 1000 ms timeout and was killed
   | stdout (last lines):
   | before the hang

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(started.elapsed() < Duration::from_secs(120));
    assert!(!book.snapshot_exists("hangs"));
}

#[test]
fn a_listing_that_exits_leaving_a_child_running_is_not_waited_for() {
    let book = BookTest::with_listing(
        "leaves-a-child",
        "fn main() {\n    std::process::Command::new(\"sleep\").arg(\"600\").spawn().unwrap();\n    println!(\"parent exits\");\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    book.snapshot_eq(
        "leaves-a-child",
        str![[r##"
# The real output of listing `leaves-a-child`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "leaves-a-child"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p leaves-a-child"
outcome = "exit 0"
stdout = """
parent exits
"""
stderr = ""

"##]],
    );
}

#[test]
fn a_flood_of_output_is_cut_at_the_configured_cap_with_a_note() {
    let book = BookTest::with_listing(
        "flood",
        "fn main() {\n    for _ in 0..100_000 {\n        println!(\"all work and no play\");\n    }\n}\n",
        "",
    );
    book.configure("max-output = \"4 KiB\"");
    book.run(&["build"]).assert_success();
    // The whole snapshot, built here rather than written out: 195 lines of 21 bytes, then
    // the one byte that makes 4096, cut mid-line, then the note.
    let kept = format!("{}a", "all work and no play\n".repeat(195));
    assert_eq!(kept.len(), 4096);
    book.snapshot_eq(
        "flood",
        format!(
            "# The real output of listing `flood`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = \"flood\"
key = \"[KEY]\"
compiled = true
codes = []
diagnostics = \"\"

[[runs]]
command = \"cargo run -p flood\"
outcome = \"exit 0\"
stdout = \"\"\"
{kept}
[mdbook-transcript: output cut at 4096 bytes; 2095904 more bytes not kept]
\"\"\"
stderr = \"\"
"
        ),
    );
}

#[test]
fn binary_output_is_shown_lossily_and_marked() {
    let book = BookTest::with_listing(
        "bytes",
        "use std::io::Write;\n\nfn main() {\n    std::io::stdout().write_all(b\"text \\xff\\xfe more\\n\").unwrap();\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts(&book.html("chapter.md")).concat(), str![[r#"
<div class="transcript" id="output-bytes" data-listing="bytes">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p bytes</code></span><button type="button" class="transcript-copy" data-command="cargo run -p bytes" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">text �� more
[mdbook-transcript: output is not valid UTF-8; invalid bytes are shown as �]
</pre>

</div>
"#]]);
}

#[test]
fn a_snapshot_with_merge_conflict_markers_is_named_and_bless_repairs_it() {
    let book = BookTest::with_listing(
        "conflicted",
        "fn main() {\n    println!(\"ours\");\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    let snapshot = book.snapshot("conflicted");
    let conflicted = snapshot.replace(
        "stdout = \"\"\"\nours\n\"\"\"",
        "<<<<<<< HEAD\nstdout = \"\"\"\nours\n\"\"\"\n=======\nstdout = \"\"\"\ntheirs\n\"\"\"\n>>>>>>> theirs",
    );
    assert_ne!(conflicted, snapshot);
    book.write("code/listings/conflicted/transcript.toml", &conflicted);

    book.run(&["check"]).assert_failure().stderr_eq(str![[r#"
error: listing `conflicted`: [ROOT]/code/listings/conflicted/transcript.toml:12: the snapshot has merge-conflict markers; resolve the conflict by rerunning the listing
  --> src/chapter.md:3:1
   | `mdbook-transcript bless` rewrites it from a fresh run

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert_eq!(book.snapshot("conflicted"), conflicted, "left as it was");
    book.run(&["bless"]).assert_success();
    assert_eq!(book.snapshot("conflicted"), snapshot);
}
