//! `check` reruns everything and never writes; `bless` rewrites; under `CI=true` a
//! plain `build` never writes either.

use crate::support::BookTest;

fn book_printing(text: &str) -> BookTest {
    let mut book = BookTest::new();
    book.listing(
        "greeting",
        &format!("fn main() {{\n    println!(\"{text}\");\n}}\n"),
        "",
    )
    .page("chapter.md", "# Chapter\n\n{{#output greeting}}\n");
    book
}

fn change_output(book: &BookTest, text: &str) {
    book.write(
        "code/listings/greeting/src/main.rs",
        &format!("fn main() {{\n    println!(\"{text}\");\n}}\n"),
    );
}

#[test]
fn check_passes_when_every_output_matches_its_snapshot() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    book.run(&["check"])
        .assert_success()
        .assert_stderr_contains("1 listing(s): 0 cached, 1 ran, 0 failed in");
}

#[test]
fn check_fails_with_a_unified_diff_and_writes_nothing() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    let before = book.snapshot("greeting");
    change_output(&book, "goodbye");
    book.run(&["check"])
        .assert_failure()
        .assert_stderr_contains("listing `greeting` printed something other than its snapshot")
        .assert_stderr_contains("--- greeting (snapshot)")
        .assert_stderr_contains("+++ greeting (this run)")
        .assert_stderr_contains("-hello")
        .assert_stderr_contains("+goodbye")
        .assert_stderr_contains("bless");
    assert_eq!(book.snapshot("greeting"), before);
}

#[test]
fn bless_rewrites_the_snapshot() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    change_output(&book, "goodbye");
    book.run(&["bless"]).assert_success();
    assert!(book.snapshot("greeting").contains("goodbye"));
    book.run(&["check"]).assert_success();
}

#[test]
fn under_ci_a_build_compares_stale_listings_and_never_writes() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    let before = book.snapshot("greeting");
    change_output(&book, "goodbye");
    book.run_with(&["build"], &[("CI", "true")])
        .assert_failure()
        .assert_stderr_contains("+goodbye");
    assert_eq!(book.snapshot("greeting"), before);
}

#[test]
fn under_ci_a_listing_without_a_snapshot_is_an_error() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    std::fs::remove_file(book.path("code/listings/greeting/transcript.toml")).unwrap();
    book.run_with(&["build"], &[("CI", "true")])
        .assert_failure()
        .assert_stderr_contains("listing `greeting` has no snapshot");
    assert!(!book.snapshot_exists("greeting"));
}

#[test]
fn redacted_parts_may_differ_between_runs() {
    let mut book = BookTest::new();
    book.listing(
        "clock",
        "fn main() {\n    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();\n    println!(\"now: {nanos} ns\");\n}\n",
        "[package.metadata.transcript]\nredact = [{ pattern = '\\d+ ns', with = \"[TIME] ns\" }]",
    )
    .page("chapter.md", "{{#output clock}}\n");
    book.run(&["build"]).assert_success();
    book.run(&["check"]).assert_success();
}

#[test]
fn a_garbled_snapshot_is_an_error_naming_it_and_is_left_for_bless_to_replace() {
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    book.write(
        "code/listings/greeting/transcript.toml",
        "stdout = \"half a fi",
    );
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("listing `greeting`")
        .assert_stderr_contains("greeting/transcript.toml: not a readable snapshot")
        .assert_stderr_contains("--> src/chapter.md:3:1");
    assert_eq!(book.snapshot("greeting"), "stdout = \"half a fi");
    book.run(&["bless"]).assert_success();
    assert!(book.snapshot("greeting").contains("hello"));
}

#[test]
fn check_fails_on_a_listing_no_chapter_uses_while_build_does_not_mind() {
    let mut book = book_printing("hello");
    book.listing("orphan", "fn main() {}\n", "");
    book.run(&["build"]).assert_success();
    book.run(&["check"])
        .assert_failure()
        .assert_stderr_contains("listing `orphan` (")
        .assert_stderr_contains("is not used by any chapter");
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
    book.run(&["bless"])
        .assert_success()
        .assert_stderr_contains("2 listing(s): 0 cached, 2 ran, 0 failed in")
        .assert_stderr_contains("; 0 snapshot(s) written");
    assert_eq!([book.snapshot("panics"), book.snapshot("clock")], before);

    // A new key (the book's timeout changed) rewrites the key line alone.
    let config = book.read("book.toml");
    book.write("book.toml", &format!("{config}timeout = \"20s\"\n"));
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("; 2 snapshot(s) written");
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
    let book = book_printing("hello");
    book.run(&["build"]).assert_success();
    change_output(&book, "goodbye");
    let root = book.root().display().to_string();
    book.run(&["check", &root])
        .assert_failure()
        .assert_stderr_contains(&format!(
            "If the new output is right, accept it with `mdbook-transcript bless {root}`.\n"
        ));
    book.run(&["check"])
        .assert_failure()
        .assert_stderr_contains(
            "If the new output is right, accept it with `mdbook-transcript bless`.\n",
        );
}
