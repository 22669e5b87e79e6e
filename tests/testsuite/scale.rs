//! The runner at scale: flake detection, progress and summary, concurrent and killed runs,
//! and listings that misbehave (hang, leave children, flood, print bytes).

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::{BookTest, transcript_bin};

/// A book whose one listing prints `main_rs`'s output on a page.
fn book_with(name: &str, main_rs: &str, manifest_extra: &str) -> BookTest {
    let mut book = BookTest::new();
    book.listing(name, main_rs, manifest_extra).page(
        "chapter.md",
        &format!("# Chapter\n\n{{{{#output {name}}}}}\n"),
    );
    book
}

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

    let run = book.run(&["check", "--repeat", "3"]);
    run.assert_failure()
        .assert_stderr_contains(
            "listing `wobbly` is flaky: run 2 printed something other than run 1",
        )
        .assert_stderr_contains("--- wobbly (run 1)")
        .assert_stderr_contains("+++ wobbly (run 2)")
        .assert_stderr_contains("-nanos ");
    assert!(
        !run.stderr().contains("`steady` is flaky"),
        "{}",
        run.stderr()
    );
}

#[test]
fn check_repeat_passes_when_redactions_cover_what_varies() {
    let book = book_with(
        "redacted",
        "fn main() {\n    let nanos = std::time::SystemTime::now()\n        .duration_since(std::time::UNIX_EPOCH)\n        .unwrap()\n        .subsec_nanos();\n    println!(\"nanos {nanos}\");\n}\n",
        "[package.metadata.transcript]\nredact = [{ pattern = 'nanos \\d+', with = \"nanos [N]\" }]",
    );
    book.run(&["build"]).assert_success();
    book.run(&["check", "--repeat", "3"]).assert_success();
}

#[test]
fn on_a_terminal_each_listing_gets_a_line_and_off_one_only_the_summary() {
    let mut book = BookTest::new();
    book.listing("first", "fn main() {}\n", "")
        .listing("second", "fn main() {}\n", "")
        .page("chapter.md", "{{#output first}}\n\n{{#output second}}\n");
    book.run(&["build"]).assert_success();
    book.write(
        "code/listings/second/src/main.rs",
        "fn main() { println!(); }\n",
    );

    let watched = book.run_with(&["build"], &[("MDBOOK_TRANSCRIPT_PROGRESS", "always")]);
    watched
        .assert_success()
        .assert_stderr_contains("transcript:   first: cached")
        .assert_stderr_contains("transcript:   second: ran, exit 0 after ")
        .assert_stderr_contains("2 listing(s): 1 cached, 1 ran, 0 failed in ");

    book.write(
        "code/listings/second/src/main.rs",
        "fn main() { println!(\"x\"); }\n",
    );
    let quiet = book.run(&["build"]); // stderr is a pipe here: not a terminal
    quiet
        .assert_success()
        .assert_stderr_contains("2 listing(s): 1 cached, 1 ran, 0 failed in ");
    let stderr = quiet.stderr();
    assert!(!stderr.contains("first: cached"), "{stderr}");
    assert!(!stderr.contains("Compiling"), "{stderr}");
}

#[test]
fn a_failing_run_still_ends_with_the_summary_counting_the_failure() {
    let mut book = BookTest::new();
    book.listing("fine", "fn main() {}\n", "")
        .listing("broken", "fn main() { std::process::exit(4) }\n", "")
        .page("chapter.md", "{{#output fine}}\n\n{{#output broken}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("2 listing(s): 0 cached, 2 ran, 1 failed in ");
}

pub(crate) fn spawn_tool(book: &BookTest, args: &[&str]) -> Child {
    book.command(transcript_bin(), "")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
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
        let snapshot = book.snapshot(&format!("slow{n}"));
        assert!(
            snapshot.contains(&format!("listing {n} done"))
                && snapshot.contains("outcome = \"exit 0\""),
            "slow{n}:\n{snapshot}"
        );
    }
}

#[test]
fn two_runs_at_once_take_turns_and_leave_whole_snapshots() {
    let book = slow_book();
    book.run(&["build"]).assert_success(); // compile once, so both runs below are quick
    let first = spawn_tool(&book, &["bless"]);
    let second = spawn_tool(&book, &["bless"]);
    let outputs = [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ];
    let stderrs: Vec<String> = outputs
        .iter()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(outputs.iter().all(|o| o.status.success()), "{stderrs:#?}");
    assert!(
        stderrs
            .iter()
            .any(|s| s.contains("waiting for another mdbook-transcript run to finish")),
        "one of them waited for the other: {stderrs:#?}"
    );
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
    book.command("cargo", "code")
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
        let mut tool = spawn_tool(&book, &["bless"]);
        std::thread::sleep(duration * percent / 100);
        tool.kill().unwrap();
        tool.wait().unwrap();
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
    let book = book_with(
        "hangs",
        "fn main() {\n    println!(\"before the hang\");\n    std::process::Command::new(\"sleep\").arg(\"600\").spawn().unwrap();\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "[package.metadata.transcript]\ntimeout = \"1s\"",
    );
    let started = Instant::now();
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("listing `hangs` did not do what it declares")
        .assert_stderr_contains("ran past its 1000 ms timeout and was killed")
        .assert_stderr_contains("stdout (last lines):\n   | before the hang");
    assert!(started.elapsed() < Duration::from_secs(120));
    assert!(!book.snapshot_exists("hangs"));
}

#[test]
fn a_listing_that_exits_leaving_a_child_running_is_not_waited_for() {
    let book = book_with(
        "leaves-a-child",
        "fn main() {\n    std::process::Command::new(\"sleep\").arg(\"600\").spawn().unwrap();\n    println!(\"parent exits\");\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    assert!(book.snapshot("leaves-a-child").contains("parent exits"));
}

#[test]
fn a_flood_of_output_is_cut_at_the_configured_cap_with_a_note() {
    let book = book_with(
        "flood",
        "fn main() {\n    for _ in 0..100_000 {\n        println!(\"all work and no play\");\n    }\n}\n",
        "",
    );
    let config = book.read("book.toml");
    book.write("book.toml", &format!("{config}max-output = \"4 KiB\"\n"));
    book.run(&["build"]).assert_success();
    let snapshot = book.snapshot("flood");
    assert!(
        snapshot
            .contains("[mdbook-transcript: output cut at 4096 bytes; 2095904 more bytes not kept]"),
        "{}",
        &snapshot[snapshot.len().saturating_sub(300)..]
    );
    assert!(snapshot.len() < 10_000);
}

#[test]
fn binary_output_is_shown_lossily_and_marked() {
    let book = book_with(
        "bytes",
        "use std::io::Write;\n\nfn main() {\n    std::io::stdout().write_all(b\"text \\xff\\xfe more\\n\").unwrap();\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    assert!(html.contains("text \u{FFFD}\u{FFFD} more"), "{html}");
    assert!(
        html.contains("[mdbook-transcript: output is not valid UTF-8"),
        "{html}"
    );
}

#[test]
fn a_snapshot_with_merge_conflict_markers_is_named_and_bless_repairs_it() {
    let book = book_with(
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

    book.run(&["check"])
        .assert_failure()
        .assert_stderr_contains("conflicted/transcript.toml:")
        .assert_stderr_contains("merge-conflict markers");
    assert_eq!(book.snapshot("conflicted"), conflicted, "left as it was");
    book.run(&["bless"]).assert_success();
    assert_eq!(book.snapshot("conflicted"), snapshot);
}
