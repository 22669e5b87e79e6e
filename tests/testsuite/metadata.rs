//! A listing's `[package.metadata.transcript]` and the listings' workspace: every mistake
//! is named at its place in the `Cargo.toml`, with what was expected and what was found,
//! and nothing is written.

use snapbox::str;

use crate::support::BookTest;

#[test]
fn each_metadata_mistake_is_named_at_its_line_with_the_expected_form() {
    let mut book = BookTest::new();
    book.listing(
        "misspelt-table",
        "fn main() {}\n",
        "[package.metadata.trancsript]\ncaption = \"lost\"",
    )
    .listing(
        "number-timeout",
        "fn main() {}\n",
        "[package.metadata.transcript]\ntimeout = 5",
    )
    .listing(
        "short-code",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpect = { compile-error = \"E382\" }",
    )
    .listing(
        "string-exit",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpect = { exit = \"1\" }",
    )
    .page(
        "chapter.md",
        "{{#output misspelt-table}}\n\n{{#output number-timeout}}\n\n{{#output short-code}}\n\n{{#output string-exit}}\n",
    );
    book.run(&["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: `[package.metadata.trancsript]` is not read by mdbook-transcript: did you mean `[package.metadata.transcript]`?
  --> code/listings/misspelt-table/Cargo.toml:7:19

error: `timeout`: expected a duration such as "5s" or "500ms", found the integer 5
  --> code/listings/number-timeout/Cargo.toml:8:11

error: `expect.compile-error`: `E382` is not an error code (rustc's are E and four digits): did you mean `E0382`?
  --> code/listings/short-code/Cargo.toml:8:28

error: `expect.exit`: expected a number (the exit status), such as { exit = 2 }, found the string "1"
  --> code/listings/string-exit/Cargo.toml:8:19

error: the book did not build: mdbook-transcript: 4 problem(s) in 0 listing(s) used by the book

"#]]);
    for name in [
        "misspelt-table",
        "number-timeout",
        "short-code",
        "string-exit",
    ] {
        assert!(!book.snapshot_exists(name), "{name}");
    }
}

#[test]
fn a_compile_fail_listing_without_its_feature_is_an_error_showing_the_lines_to_add() {
    let mut book = BookTest::new();
    book.listing(
        "breaks-the-workspace",
        "fn main() {\n    let x: u32 = \"text\";\n}\n",
        "[package.metadata.transcript]\nexpect = { compile-error = \"E0308\" }",
    )
    .page("chapter.md", "{{#output breaks-the-workspace}}\n");
    book.run(&["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: listing `breaks-the-workspace` is meant not to compile, but its binary needs no feature, so `cargo build --workspace` in the listings' workspace fails on it
  --> code/listings/breaks-the-workspace/Cargo.toml:8:1
   | add these lines to code/listings/breaks-the-workspace/Cargo.toml, so that only mdbook-transcript builds it:
   | 
   | [features]
   | compile-fail = []
   | 
   | [[bin]]
   | name = "breaks-the-workspace"
   | path = "src/main.rs"
   | required-features = ["compile-fail"]

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("breaks-the-workspace"));
}

#[test]
fn a_package_under_the_workspace_that_is_not_a_member_says_so() {
    let mut book = BookTest::new();
    book.listing("member", "fn main() {}\n", "")
        .page("chapter.md", "{{#output member}}\n");
    book.write(
        "code/stray/Cargo.toml",
        "[package]\nname = \"stray\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    book.write("code/stray/src/main.rs", "fn main() {}\n");
    book.run(&["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: code/stray is a package under the listings' workspace but not one of its members, so no page can show it and cargo will not build it
  --> code/stray/Cargo.toml:1:1
   | add it to `members` in code/Cargo.toml (or to `exclude`, if it is not a listing)

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
    book.write(
        "code/Cargo.toml",
        "[workspace]\nmembers = [\"listings/*\"]\nexclude = [\"stray\"]\nresolver = \"3\"\n",
    );
    book.run(&["build"]).assert_success();
}
