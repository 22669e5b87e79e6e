//! The listings' workspace as cargo describes it (`cargo metadata`) is remembered in the
//! target directory, and asked again whenever anything it depends on changed: a
//! manifest, the packages there are, the compiler.

use crate::support::{BookTest, cargo};

/// A book with one listing, built once, and a cargo that logs how it is called.
fn book_with_logging_cargo() -> (BookTest, String) {
    let book = BookTest::with_listing("hello", "fn main() {\n    println!(\"hello\");\n}\n", "");
    let log = book.path("cargo-calls.log");
    let wrapper = book.write_script(
        "cargo-wrapper.sh",
        &format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            cargo()
        ),
    );
    (book, wrapper.display().to_string())
}

/// How many times cargo was asked to describe the workspace so far.
fn descriptions(book: &BookTest) -> usize {
    let calls = std::fs::read_to_string(book.path("cargo-calls.log")).unwrap_or_default();
    calls
        .lines()
        .filter(|line| line.starts_with("metadata"))
        .count()
}

#[test]
fn the_workspace_is_described_once_and_again_when_a_package_or_manifest_changes() {
    let (mut book, cargo) = book_with_logging_cargo();
    let build = |book: &BookTest| {
        book.run_with(&["build"], &[("CARGO", &cargo)])
            .assert_success();
    };
    build(&book);
    assert_eq!(descriptions(&book), 1);

    build(&book);
    book.edit_listing("hello", "fn main() {\n    println!(\"hello again\");\n}\n");
    build(&book);
    assert_eq!(descriptions(&book), 1, "nothing cargo describes changed");

    // A new package matched by `members = ["listings/*"]`, no manifest edited.
    book.listing(
        "second",
        "fn main() {\n    println!(\"a second one\");\n}\n",
        "",
    )
    .page("second.md", "# Second\n\n{{#listing second}}\n");
    build(&book);
    assert_eq!(descriptions(&book), 2, "a new package");
    assert!(book.html("second.md").contains("a second one"));

    let manifest = book.read("code/listings/second/Cargo.toml");
    book.write(
        "code/listings/second/Cargo.toml",
        &format!("{manifest}\n[package.metadata.transcript]\ncaption = \"Now with a caption\"\n"),
    );
    build(&book);
    assert_eq!(descriptions(&book), 3, "an edited manifest");
    assert!(book.html("second.md").contains("Now with a caption"));
}

#[test]
fn a_description_made_under_another_compiler_is_asked_again() {
    let (book, cargo) = book_with_logging_cargo();
    book.run_with(&["build"], &[("CARGO", &cargo)])
        .assert_success();
    let rustc = book.write_script("rustc-wrapper.sh", "#!/bin/sh\nexec rustc \"$@\"\n");
    let rustc = rustc.display().to_string();
    book.run_with(&["build"], &[("CARGO", &cargo), ("RUSTC", &rustc)])
        .assert_success();
    assert_eq!(descriptions(&book), 2);
    book.run_with(&["build"], &[("CARGO", &cargo), ("RUSTC", &rustc)])
        .assert_success();
    assert_eq!(descriptions(&book), 2, "remembered under the new compiler");
}

#[test]
fn a_broken_cache_file_is_asked_again_and_replaced() {
    let (book, cargo) = book_with_logging_cargo();
    book.run_with(&["build"], &[("CARGO", &cargo)])
        .assert_success();
    let cache = book.path("target/mdbook-transcript-metadata.json");
    assert!(
        cache.is_file(),
        "the description is kept in the target directory"
    );
    std::fs::write(&cache, "half a fi").unwrap();
    book.run_with(&["build"], &[("CARGO", &cargo)])
        .assert_success();
    assert_eq!(descriptions(&book), 2);
    book.run_with(&["build"], &[("CARGO", &cargo)])
        .assert_success();
    assert_eq!(descriptions(&book), 2);
}
