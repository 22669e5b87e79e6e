//! Declared expectations (success, panic, exit N, compile-error CODE, warning NAME) are
//! asserted; one that does not hold fails the build and says where and why.

use snapbox::str;

use crate::support::{BookTest, transcripts};

const COMPILE_FAIL: &str = "[features]\ncompile-fail = []\n\n[[bin]]\nname = \"NAME\"\npath = \"src/main.rs\"\nrequired-features = [\"compile-fail\"]\n";

fn compile_fail_manifest(name: &str, code: &str) -> String {
    format!(
        "[package.metadata.transcript]\nexpect = {{ compile-error = \"{code}\" }}\n\n{}",
        COMPILE_FAIL.replace("NAME", name)
    )
}

#[test]
fn every_kind_of_expectation_holds_and_is_shown() {
    let mut book = BookTest::new();
    book.listing("ok", "fn main() { println!(\"fine\"); }\n", "")
        .listing(
            "panics",
            "fn main() {\n    panic!(\"on purpose\");\n}\n",
            "[package.metadata.transcript]\nexpect = \"panic\"",
        )
        .listing(
            "exits",
            "fn main() {\n    std::process::exit(3);\n}\n",
            "[package.metadata.transcript]\nexpect = { exit = 3 }",
        )
        .listing(
            "broken",
            "fn main() {\n    let x: u32 = \"text\";\n}\n",
            &compile_fail_manifest("broken", "E0308"),
        )
        .listing(
            "warns",
            "fn main() {\n    let unused = 1;\n    println!(\"ran anyway\");\n}\n",
            "[package.metadata.transcript]\nexpect = { warning = \"unused_variables\" }",
        )
        .page(
            "chapter.md",
            "{{#output ok}}\n\n{{#output panics}}\n\n{{#output exits}}\n\n{{#output broken}}\n\n{{#output warns}}\n",
        );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    book.assert_data_eq(transcripts(&html).join("\n"), str![[r#"
<div class="transcript" id="output-ok" data-listing="ok">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p ok</code></span><button type="button" class="transcript-copy" data-command="cargo run -p ok" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">fine
</pre>

</div>
<div class="transcript" id="output-panics" data-listing="panics">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p panics</code></span><button type="button" class="transcript-copy" data-command="cargo run -p panics" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-panic">panic</span></div>

<pre class="transcript-stream transcript-stderr" data-label="stderr">
thread 'main' ([TID]) panicked at listings/panics/src/main.rs:2:5:
on purpose
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
</pre>

</div>
<div class="transcript" id="output-exits" data-listing="exits">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p exits</code></span><button type="button" class="transcript-copy" data-command="cargo run -p exits" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-exit">exit 3</span></div>

<p class="transcript-nothing">(it printed nothing)</p>

</div>
<div class="transcript" id="output-broken" data-listing="broken">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p broken --features compile-fail</code></span><button type="button" class="transcript-copy" data-command="cargo run -p broken --features compile-fail" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-compile-error">compile error</span></div>

<pre class="transcript-stream transcript-diagnostics" data-label="compiler"><span class="ansi-bold ansi-fg-9">error[E0308]</span><span class="ansi-bold">: mismatched types</span>
 <span class="ansi-bold ansi-fg-12">--&gt; </span>listings/broken/src/main.rs:2:18
  <span class="ansi-bold ansi-fg-12">|</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-bold ansi-fg-12">|</span>     let x: u32 = "text";
  <span class="ansi-bold ansi-fg-12">|</span>            <span class="ansi-bold ansi-fg-12">---</span>   <span class="ansi-bold ansi-fg-9">^^^^^^</span> <span class="ansi-bold ansi-fg-9">expected `u32`, found `&amp;str`</span>
  <span class="ansi-bold ansi-fg-12">|</span>            <span class="ansi-bold ansi-fg-12">|</span>
  <span class="ansi-bold ansi-fg-12">|</span>            <span class="ansi-bold ansi-fg-12">expected due to this</span>

<span class="ansi-bold">For more information about this error, try `rustc --explain E0308`.</span>
</pre>

</div>
<div class="transcript" id="output-warns" data-listing="warns">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p warns</code></span><button type="button" class="transcript-copy" data-command="cargo run -p warns" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-warning">warning</span></div>

<pre class="transcript-stream transcript-diagnostics" data-label="compiler"><span class="ansi-bold ansi-fg-3">warning</span><span class="ansi-bold">: unused variable: `unused`</span>
 <span class="ansi-bold ansi-fg-12">--&gt; </span>listings/warns/src/main.rs:2:9
  <span class="ansi-bold ansi-fg-12">|</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-bold ansi-fg-12">|</span>     let unused = 1;
  <span class="ansi-bold ansi-fg-12">|</span>         <span class="ansi-bold ansi-fg-3">^^^^^^</span> <span class="ansi-bold ansi-fg-3">help: if this is intentional, prefix it with an underscore: `_unused`</span>
  <span class="ansi-bold ansi-fg-12">|</span>
  <span class="ansi-bold ansi-fg-12">= </span><span class="ansi-bold">note</span>: `#[warn(unused_variables)]` (part of `#[warn(unused)]`) on by default

</pre>

<pre class="transcript-stream transcript-stdout" data-label="stdout">ran anyway
</pre>

</div>
"#]]);
}

#[test]
fn a_compile_fail_listing_keeps_cargo_build_workspace_green() {
    let mut book = BookTest::new();
    book.listing(
        "broken",
        "fn main() { let x: u32 = \"text\"; }\n",
        &compile_fail_manifest("broken", "E0308"),
    )
    .listing("ok", "fn main() {}\n", "");
    let output = book
        .command(crate::support::cargo(), "code")
        .args(["build", "--workspace", "--quiet"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_listing_that_should_fail_to_compile_but_compiles_fails_the_build() {
    let mut book = BookTest::new();
    book.listing(
        "not-broken",
        "fn main() {\n    eprintln!(\"compiled fine\");\n}\n",
        &compile_fail_manifest("not-broken", "E0728"),
    )
    .page("chapter.md", "Intro.\n\n{{#output not-broken}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `not-broken` did not do what it declares
  --> src/chapter.md:3:1
   | expected: compile error E0728
   | actual:   it compiled, then exited with status 0
   | stderr (last lines):
   | compiled fine

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("not-broken"));
}

#[test]
fn a_listing_that_should_succeed_but_panics_fails_with_the_tail_of_its_stderr() {
    let mut book = BookTest::new();
    book.listing(
        "surprise",
        "fn main() {\n    let v: Vec<u8> = Vec::new();\n    println!(\"{}\", v[3]);\n}\n",
        "",
    )
    .page("chapter.md", "# One\n\n{{#listing surprise}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `surprise` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then panicked (exit status 101)
   | stderr (last lines):
   | 
   | thread 'main' ([TID]) panicked at listings/surprise/src/main.rs:3:21:
   | index out of bounds: the len is 0 but the index is 3
   | note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("surprise"));
}

#[test]
fn the_wrong_compile_error_code_fails() {
    let mut book = BookTest::new();
    book.listing(
        "wrong-code",
        "fn main() { let x: u32 = \"text\"; }\n",
        &compile_fail_manifest("wrong-code", "E0728"),
    )
    .page("chapter.md", "{{#output wrong-code}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `wrong-code` did not do what it declares
  --> src/chapter.md:1:1
   | expected: compile error E0728
   | actual:   it failed to compile (diagnostics: E0308)
   | the compiler said:
   | error[E0308]: mismatched types
   |  --> listings/wrong-code/src/main.rs:1:26
   |   |
   | 1 | fn main() { let x: u32 = "text"; }
   |   |                    ---   ^^^^^^ expected `u32`, found `&str`
   |   |                    |
   |   |                    expected due to this
   | [... 2 more line(s)]

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("wrong-code"));
}

#[test]
fn a_missing_warning_fails() {
    let mut book = BookTest::new();
    book.listing(
        "clean",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpect = { warning = \"unused_must_use\" }",
    )
    .page("chapter.md", "{{#output clean}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `clean` did not do what it declares
  --> src/chapter.md:1:1
   | expected: warning `unused_must_use`, then success
   | actual:   it compiled, then exited with status 0
   | it printed nothing

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("clean"));
}

#[test]
fn every_failing_listing_is_reported_before_the_run_fails_once() {
    let mut book = BookTest::new();
    book.listing("first", "fn main() { panic!(\"one\"); }\n", "")
        .listing("second", "fn main() { panic!(\"two\"); }\n", "")
        .page("chapter.md", "{{#output first}}\n\n{{#output second}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 2 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `first` did not do what it declares
  --> src/chapter.md:1:1
   | expected: success
   | actual:   it compiled, then panicked (exit status 101)
   | stderr (last lines):
   | 
   | thread 'main' ([TID]) panicked at listings/first/src/main.rs:1:13:
   | one
   | note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

error: listing `second` did not do what it declares
  --> src/chapter.md:3:1
   | expected: success
   | actual:   it compiled, then panicked (exit status 101)
   | stderr (last lines):
   | 
   | thread 'main' ([TID]) panicked at listings/second/src/main.rs:1:13:
   | two
   | note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace

error: the book did not build: mdbook-transcript: 2 problem(s) in 2 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("first") && !book.snapshot_exists("second"));
}

#[test]
fn an_interleaved_listing_shows_its_panic_between_the_lines_around_it_and_still_counts_as_a_panic()
{
    let mut book = BookTest::new();
    book.listing(
        "panics-midway",
        "fn main() {\n    println!(\"before\");\n    let _ = std::thread::spawn(|| panic!(\"boom\")).join();\n    println!(\"after\");\n    panic!(\"the end\");\n}\n",
        "[package.metadata.transcript]\nexpect = \"panic\"\ninterleave = true",
    )
    .page("chapter.md", "{{#output panics-midway}}\n");
    book.run(&["build"]).assert_success();
    book.snapshot_eq(
        "panics-midway",
        str![[r##"
# The real output of listing `panics-midway`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "panics-midway"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p panics-midway"
outcome = "panic (exit 101)"
stdout = """
before

thread '<unnamed>' ([TID]) panicked at listings/panics-midway/src/main.rs:3:35:
boom
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
after

thread 'main' ([TID]) panicked at listings/panics-midway/src/main.rs:5:5:
the end
"""
stderr = ""

"##]],
    );
}

#[test]
fn a_failed_compile_is_reported_by_its_first_error_with_its_location() {
    let mut book = BookTest::new();
    book.listing(
        "moves",
        "fn main() {\n    let v = vec![1];\n    let w = v;\n    println!(\"{v:?} {w:?}\");\n}\n",
        "",
    )
    .page("chapter.md", "{{#output moves}}\n");
    book.run(&["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `moves` did not do what it declares
  --> src/chapter.md:1:1
   | expected: success
   | actual:   it failed to compile (diagnostics: E0382)
   | the compiler said:
   | error[E0382]: borrow of moved value: `v`
   |  --> listings/moves/src/main.rs:4:16
   |   |
   | 2 |     let v = vec![1];
   |   |         - move occurs because `v` has type `Vec<i32>`, which does not implement the `Copy` trait
   | 3 |     let w = v;
   |   |             - value moved here
   | 4 |     println!("{v:?} {w:?}");
   |   |                ^ value borrowed here after move
   |   |
   | help: consider cloning the value if the performance cost is acceptable
   |   |
   | 3 |     let w = v.clone();
   |   |              ++++++++
   | [... 2 more line(s)]

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn a_timeout_that_printed_nothing_says_so() {
    let mut book = BookTest::new();
    book.listing(
        "silent",
        "fn main() {\n    std::thread::sleep(std::time::Duration::from_secs(60));\n}\n",
        "[package.metadata.transcript]\ntimeout = \"300ms\"",
    )
    .page("chapter.md", "{{#output silent}}\n");
    let run = book.run(&["build"]);
    run.assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `silent` did not do what it declares
  --> src/chapter.md:1:1
   | expected: success
   | actual:   it compiled, then ran past its 300 ms timeout and was killed
   | it printed nothing

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(
        !run.stderr().contains("stderr (last lines)"),
        "{}",
        run.stderr()
    );
}
