//! Runs are bounded and output is inert: timeouts kill, captured bytes are escaped, and
//! a failed run leaves every snapshot as it was.

use std::time::Duration;

use snapbox::str;

use crate::support::{BookTest, main_of, transcripts, wait_for};

#[test]
fn a_listing_printing_html_shows_it_as_text() {
    let book = BookTest::with_listing(
        "shouty",
        "fn main() {\n    println!(\"<script>alert('owned')</script> & <b>bold</b>\");\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    // mdBook re-serialises the page, so quotes may come back unescaped in text; what
    // matters is that no tag survives, here or anywhere in the page.
    book.assert_data_eq(transcripts(&html).concat(), str![[r#"
<div class="transcript" id="output-shouty" data-listing="shouty">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p shouty</code></span><button type="button" class="transcript-copy" data-command="cargo run -p shouty" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">&lt;script&gt;alert('owned')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;
</pre>

</div>
"#]]);
    let main = main_of(&html);
    assert!(!main.contains("<script>alert"), "{main}");
    assert!(!main.contains("<b>bold"), "{main}");
}

#[test]
fn a_listing_past_its_timeout_is_killed_and_reported() {
    let book = BookTest::with_listing(
        "forever",
        "fn main() {\n    println!(\"starting\");\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "[package.metadata.transcript]\ntimeout = \"1s\"",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `forever` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then ran past its 1000 ms timeout and was killed
   | stdout (last lines):
   | starting

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("forever"));
}

#[test]
fn the_book_default_timeout_applies_to_every_listing() {
    let book = BookTest::with_listing(
        "slow",
        "fn main() {\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "",
    );
    book.configure("timeout = \"1s\"");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `slow` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then ran past its 1000 ms timeout and was killed
   | it printed nothing

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("slow"));
}

#[test]
fn a_failed_run_leaves_every_snapshot_as_it_was() {
    let mut book = BookTest::new();
    book.listing("good", "fn main() { println!(\"good v1\"); }\n", "")
        .listing("bad", "fn main() { println!(\"bad v1\"); }\n", "")
        .page("chapter.md", "{{#output good}}\n\n{{#output bad}}\n");
    book.run(&["build"]).assert_success();
    let (good_before, bad_before) = (book.snapshot("good"), book.snapshot("bad"));

    book.edit_listing("good", "fn main() { println!(\"good v2\"); }\n");
    book.edit_listing("bad", "fn main() { panic!(\"bad v2\"); }\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `bad` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then panicked (exit status 101)
   | stderr (last lines):
   | 
   | thread 'main' ([TID]) panicked at listings/bad/src/main.rs:1:13:
   | bad v2
   | note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

error: the book did not build: mdbook-transcript: 1 problem(s) in 2 listing(s) used by the book

"#]]);
    assert_eq!(
        book.snapshot("good"),
        good_before,
        "a passing listing's snapshot waits for the whole run"
    );
    assert_eq!(book.snapshot("bad"), bad_before);
    let leftovers: Vec<_> = std::fs::read_dir(book.path("code/listings/good"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn an_interrupted_run_stops_its_listings_and_leaves_snapshots_as_they_were() {
    let book = BookTest::with_listing("sleeper", "fn main() {\n    println!(\"quick\");\n}\n", "");
    book.run(&["build"]).assert_success();
    let before = book.snapshot("sleeper");

    // Now the listing records its pid and sleeps for ten minutes.
    book.edit_listing(
        "sleeper",
        "fn main() {\n    std::fs::write(\"pid\", std::process::id().to_string()).unwrap();\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
    );
    let mut tool = book.spawn(&["build"]);
    let pid_file = book.path("code/listings/sleeper/pid");
    wait_for("the listing to start", Duration::from_secs(120), || {
        pid_file.exists()
    });
    std::thread::sleep(Duration::from_millis(100)); // the pid is written in full
    let listing_pid = std::fs::read_to_string(&pid_file).unwrap();
    tool.signal("INT");
    tool.wait().assert_failure().stderr_eq(str![[r#"
transcript: interrupted by SIGINT: every running listing was stopped; snapshots already written are whole and nothing more is written

"#]]);
    assert_eq!(book.snapshot("sleeper"), before);

    // Killed and gone, or at worst a zombie waiting for a parent that will not reap it.
    let alive = || {
        std::fs::read_to_string(format!("/proc/{listing_pid}/stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
    };
    wait_for(
        &format!("the listing (pid {listing_pid}) to end with the interrupted run"),
        Duration::from_secs(10),
        || !alive(),
    );
}

#[test]
fn escapes_progress_bars_and_cursor_moves_are_played_as_a_terminal_would_never_shown_raw() {
    let book = BookTest::with_listing(
        "terminal",
        "fn main() {\n    print!(\"\\x1b[1;38;5;208mbold orange\\x1b[0m \\x1b[38;2;0;128;255mrgb\\x1b[m\\n\");\n    print!(\"0%\\r50%\\r100%\\n\");\n    print!(\"gone\\x1b[2K\\rkept\\n\");\n    print!(\"a\\x1b[999;;;zb \\x1b]0;title\\x07c \\x1b[?25ld\\n\");\n    print!(\"bell\\x07 and \\x08x\\n\");\n}\n",
        "",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    assert!(!html.contains('\u{1b}'), "raw escape in the page");
    book.assert_data_eq(crate::support::transcripts(&html).join("\n"), str![[r#"
<div class="transcript" id="output-terminal" data-listing="terminal">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p terminal</code></span><button type="button" class="transcript-copy" data-command="cargo run -p terminal" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout"><span class="ansi-bold ansi-fg-3">bold orange</span> <span class="ansi-fg-6">rgb</span>
100%
kept
ab c d
bell␇ andx
</pre>

</div>
"#]]);
}

#[test]
fn two_books_sharing_one_target_directory_are_warned_that_they_see_each_others_binaries() {
    let first = BookTest::with_listing("hello", "fn main() {\n    println!(\"one\");\n}\n", "");
    let second = BookTest::with_listing("hello", "fn main() {\n    println!(\"two\");\n}\n", "");
    let shared = first.path("target");
    let shared = shared.to_str().expect("a UTF-8 path");
    first.run(&["build"]).assert_success();
    second
        .run_with(&["build"], &[("CARGO_TARGET_DIR", shared)])
        .assert_success()
        .stderr_eq(str![[r#"
transcript: warning: the target directory [..]/target was last used by the listings in [..]/code: runs of two workspaces with the same listing names can see each other's binaries there; give each its own CARGO_TARGET_DIR
...
"#]]);
}
