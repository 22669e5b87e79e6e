//! `[preprocessor.transcript]` and listing metadata are read strictly.

use crate::support::BookTest;

#[test]
fn an_unknown_key_in_book_toml_is_an_error_that_names_it() {
    let mut book = BookTest::new();
    let toml = book.read("book.toml") + "workspce = \"code\"\n";
    book.write("book.toml", &toml);
    book.listing("ok", "fn main() {}\n", "")
        .page("chapter.md", "{{#output ok}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("unknown field `workspce`");
}

#[test]
fn a_bad_listing_metadata_key_names_the_manifest() {
    let mut book = BookTest::new();
    book.listing(
        "odd",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpekt = \"panic\"",
    )
    .page("chapter.md", "{{#output odd}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains(
            "error: unknown key `expekt` in [package.metadata.transcript]: did you mean `expect`?\n  --> code/listings/odd/Cargo.toml:8:1\n",
        );
}

#[test]
fn a_missing_listings_workspace_says_how_to_configure_it() {
    let mut book = BookTest::new();
    book.page("chapter.md", "{{#output anything}}\n");
    std::fs::remove_file(book.path("code/Cargo.toml")).unwrap();
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("has no Cargo.toml")
        .assert_stderr_contains("`workspace`");
}

#[test]
fn supports_answers_yes_for_html() {
    let book = BookTest::new();
    book.run(&["supports", "html"]).assert_success();
}
