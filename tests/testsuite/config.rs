//! `[preprocessor.transcript]` and listing metadata are read strictly.

use snapbox::str;

use crate::support::BookTest;

#[test]
fn an_unknown_key_in_book_toml_is_an_error_that_names_it() {
    let book = BookTest::with_listing("ok", "fn main() {}\n", "");
    book.configure("workspce = \"code\"");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: the book did not build: book.toml: invalid [preprocessor.transcript] table: Failed to deserialize `preprocessor.transcript`: unknown field `workspce`, expected one of `workspace`, `timeout`, `chapter-offset`, `max-output`, `jobs`, `source-ref`, `package-in-commands`, `command`, `before`, `after`, `renderers`, `optional`


"#]]);
    assert!(!book.snapshot_exists("ok"));
}

#[test]
fn a_bad_listing_metadata_key_names_the_manifest() {
    let book = BookTest::with_listing(
        "odd",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpekt = \"panic\"",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: unknown key `expekt` in [package.metadata.transcript]: did you mean `expect`?
  --> code/listings/odd/Cargo.toml:8:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 0 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("odd"));
}

#[test]
fn a_missing_listings_workspace_says_how_to_configure_it() {
    let mut book = BookTest::new();
    book.page("chapter.md", "{{#output anything}}\n");
    std::fs::remove_file(book.path("code/Cargo.toml")).unwrap();
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: the book did not build: the listings' workspace ./code has no Cargo.toml (set `workspace` under [preprocessor.transcript] in book.toml)

"#]]);
}

#[test]
fn supports_answers_yes_for_html() {
    let book = BookTest::new();
    book.run(&["supports", "html"])
        .assert_success()
        .stdout_eq(str![])
        .stderr_eq(str![]);
}
