//! `check` reruns everything and never writes; `bless` rewrites; under `CI=true` a
//! plain `build` never writes either.

use snapbox::str;

use crate::support::BookTest;

/// A `main.rs` that prints `text`.
fn printing(text: &str) -> String {
    format!("fn main() {{\n    println!(\"{text}\");\n}}\n")
}

/// A book whose one listing, `greeting`, prints `hello`.
fn greeting_book() -> BookTest {
    BookTest::with_listing("greeting", &printing("hello"), "")
}

#[test]
fn check_passes_when_every_output_matches_its_snapshot() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    book.run(&["check"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
}

#[test]
fn check_fails_with_a_unified_diff_and_writes_nothing() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    let before = book.snapshot("greeting");
    book.edit_listing("greeting", &printing("goodbye"));
    book.run(&["check"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `greeting` printed something other than its snapshot
  --> src/chapter.md:3:1
   | --- greeting (snapshot)
   | +++ greeting (this run)
   | @@ -2,4 +2,4 @@
   |  === run 1: cargo run -p greeting
   |  outcome: exit 0
   |  --- stdout
   | -hello
   | +goodbye

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book
If the new output is right, accept it with `mdbook-transcript bless`.

"#]]);
    assert_eq!(book.snapshot("greeting"), before);
}

#[test]
fn bless_rewrites_the_snapshot() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    book.edit_listing("greeting", &printing("goodbye"));
    book.run(&["bless"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written

"#]]);
    book.snapshot_eq(
        "greeting",
        str![[r##"
# The real output of listing `greeting`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "greeting"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p greeting"
outcome = "exit 0"
stdout = """
goodbye
"""
stderr = ""

"##]],
    );
    book.run(&["check"]).assert_success();
}

#[test]
fn under_ci_a_build_compares_stale_listings_and_never_writes() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    let before = book.snapshot("greeting");
    book.edit_listing("greeting", &printing("goodbye"));
    book.run_with(&["build"], &[("CI", "true")])
        .assert_failure()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `greeting` printed something other than its snapshot
  --> src/chapter.md:3:1
   | --- greeting (snapshot)
   | +++ greeting (this run)
   | @@ -2,4 +2,4 @@
   |  === run 1: cargo run -p greeting
   |  outcome: exit 0
   |  --- stdout
   | -hello
   | +goodbye

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book
If the new output is right, accept it with `mdbook-transcript bless`.

"#]]);
    assert_eq!(book.snapshot("greeting"), before);
}

#[test]
fn under_ci_a_listing_without_a_snapshot_is_an_error() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    std::fs::remove_file(book.path("code/listings/greeting/transcript.toml")).unwrap();
    book.run_with(&["build"], &[("CI", "true")])
        .assert_failure()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `greeting` has no snapshot (listings/greeting/transcript.toml)
  --> src/chapter.md:3:1
   | run `mdbook-transcript build` without CI=true and commit the snapshot it writes

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("greeting"));
}

#[test]
fn redacted_parts_may_differ_between_runs() {
    let book = BookTest::with_listing(
        "clock",
        "fn main() {\n    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();\n    println!(\"now: {nanos} ns\");\n}\n",
        "[package.metadata.transcript]\nredact = [{ pattern = '\\d+ ns', with = \"[TIME] ns\" }]",
    );
    book.run(&["build"]).assert_success();
    // The snapshot keeps what ran (`[..]`: the nanoseconds); only comparisons redact.
    book.snapshot_eq(
        "clock",
        str![[r##"
# The real output of listing `clock`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "clock"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p clock"
outcome = "exit 0"
stdout = """
now: [..] ns
"""
stderr = ""

"##]],
    );
    book.run(&["check"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
}

#[test]
fn a_garbled_snapshot_is_an_error_naming_it_and_is_left_for_bless_to_replace() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    book.write(
        "code/listings/greeting/transcript.toml",
        "stdout = \"half a fi",
    );
    book.run(&["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: listing `greeting`: [ROOT]/code/listings/greeting/transcript.toml: not a readable snapshot: TOML parse error at line 1, column 20
  |
1 | stdout = "half a fi
  |                    ^
invalid basic string, expected `"`

  --> src/chapter.md:3:1
   | `mdbook-transcript bless` rewrites it from a fresh run

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert_eq!(book.snapshot("greeting"), "stdout = \"half a fi");
    book.run(&["bless"]).assert_success();
    book.snapshot_eq(
        "greeting",
        str![[r##"
# The real output of listing `greeting`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "greeting"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p greeting"
outcome = "exit 0"
stdout = """
hello
"""
stderr = ""

"##]],
    );
}

#[test]
fn check_fails_on_a_listing_no_chapter_uses_while_build_does_not_mind() {
    let mut book = greeting_book();
    book.listing("orphan", "fn main() {}\n", "");
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
    book.run(&["check"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: listing `orphan` ([ROOT]/code/listings/orphan) is not used by any chapter, so nothing shows or checks it
   | use it with {{#listing NAME}} on a page, or remove its package

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn rerunning_a_panic_or_a_redacted_timing_rewrites_no_snapshot() {
    let mut book = BookTest::new();
    book.listing(
        "panics",
        "fn main() {\n    panic!(\"on purpose\");\n}\n",
        "[package.metadata.transcript]\nexpect = \"panic\"",
    )
    .listing(
        "clock",
        "fn main() {\n    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();\n    println!(\"now: {nanos} ns\");\n}\n",
        "[package.metadata.transcript]\nredact = [{ pattern = '\\d+ ns', with = \"[TIME] ns\" }]",
    )
    .page("chapter.md", "{{#output panics}}\n\n{{#output clock}}\n");
    book.run(&["build"]).assert_success();
    let before = [book.snapshot("panics"), book.snapshot("clock")];
    book.run(&["bless"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written

"#]]);
    assert_eq!([book.snapshot("panics"), book.snapshot("clock")], before);

    // A new key (the book's timeout changed) rewrites the key line alone.
    let config = book.read("book.toml");
    book.write("book.toml", &format!("{config}timeout = \"20s\"\n"));
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 0 cached, 2 ran, 0 failed in [ELAPSED]; 2 snapshot(s) written
transcript: the book is in ./book

"#]]);
    for (snapshot, old) in [book.snapshot("panics"), book.snapshot("clock")]
        .iter()
        .zip(&before)
    {
        let without_key = |text: &str| -> Vec<String> {
            text.lines()
                .filter(|line| !line.starts_with("key = "))
                .map(str::to_string)
                .collect()
        };
        assert_ne!(snapshot, old);
        assert_eq!(without_key(snapshot), without_key(old));
    }
}

#[test]
fn the_bless_hint_names_the_command_with_the_book_path() {
    let book = greeting_book();
    book.run(&["build"]).assert_success();
    book.edit_listing("greeting", &printing("goodbye"));
    let root = book.root().display().to_string();
    book.run(&["check", &root])
        .assert_failure()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `greeting` printed something other than its snapshot
  --> src/chapter.md:3:1
   | --- greeting (snapshot)
   | +++ greeting (this run)
   | @@ -2,4 +2,4 @@
   |  === run 1: cargo run -p greeting
   |  outcome: exit 0
   |  --- stdout
   | -hello
   | +goodbye

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book
If the new output is right, accept it with `mdbook-transcript bless [ROOT]`.

"#]]);
    book.run(&["check"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `greeting` printed something other than its snapshot
  --> src/chapter.md:3:1
   | --- greeting (snapshot)
   | +++ greeting (this run)
   | @@ -2,4 +2,4 @@
   |  === run 1: cargo run -p greeting
   |  outcome: exit 0
   |  --- stdout
   | -hello
   | +goodbye

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book
If the new output is right, accept it with `mdbook-transcript bless`.

"#]]);
}
