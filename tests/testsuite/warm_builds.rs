//! What a warm build remembers in the target directory: the listings' workspace as cargo
//! describes it (`cargo metadata`), asked again whenever anything it depends on changed
//! (a manifest, the packages there are, the compiler); and the pages of a build that
//! ran nothing, rendered again whenever any input changed.

use std::time::{Duration, SystemTime};

use snapbox::str;

use crate::support::{BookTest, main_of};

/// A book with one listing, not built yet, and a cargo that logs how it is called.
fn book_with_logging_cargo() -> (BookTest, String) {
    let book = BookTest::with_listing("hello", "fn main() {\n    println!(\"hello\");\n}\n", "");
    let cargo = book.logging_cargo();
    (book, cargo)
}

/// How many times cargo was asked to describe the workspace so far.
fn descriptions(book: &BookTest) -> usize {
    book.cargo_calls()
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

/// A book built until its pages are remembered: the first build runs the listing, the
/// second runs nothing and remembers what it rendered.
fn remembered_book() -> BookTest {
    let book = BookTest::with_listing("hello", "fn main() {\n    println!(\"hello 1\");\n}\n", "");
    book.run(&["build"]).assert_success();
    book.run(&["build"]).assert_success();
    assert!(book.path(PAGES).is_file(), "the pages are remembered");
    book
}

const PAGES: &str = "target/mdbook-transcript-pages.json";

fn modified(book: &BookTest, file: &str) -> SystemTime {
    std::fs::metadata(book.path(file))
        .unwrap()
        .modified()
        .unwrap()
}

#[test]
fn a_build_with_nothing_changed_renders_the_remembered_pages_and_writes_nothing() {
    let book = remembered_book();
    let page = book.html("chapter.md");
    let remembered_at = modified(&book, PAGES);
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 1 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
    assert_eq!(book.html("chapter.md"), page);
    assert_eq!(
        modified(&book, PAGES),
        remembered_at,
        "a replay writes nothing"
    );
    // Under CI too, and through stock mdBook's book.toml.
    book.run_with(&["build"], &[("CI", "true")])
        .assert_success();
    assert_eq!(book.html("chapter.md"), page);
}

#[test]
fn every_kind_of_change_is_rendered_anew() {
    let book = remembered_book();
    // Prose.
    book.write(
        "src/chapter.md",
        "# Chapter\n\nNew prose.\n\n{{#listing hello}}\n",
    );
    book.run(&["build"]).assert_success();
    assert!(book.html("chapter.md").contains("New prose."));
    assert!(book.html("chapter.md").contains("Listing 1-1:"));

    // A source edited to the same size: its modification time tells.
    book.edit_listing("hello", "fn main() {\n    println!(\"hello 2\");\n}\n");
    book.run(&["build"]).assert_success();
    assert!(main_of(&book.html("chapter.md")).contains("hello 2"));

    // The book's settings.
    book.run(&["build"]).assert_success();
    book.configure("chapter-offset = 11");
    book.run(&["build"]).assert_success();
    assert!(book.html("chapter.md").contains("Listing 12-1:"));

    // A snapshot edited by hand is an input too: the page shows what it now holds.
    let snapshot = book.snapshot("hello");
    let edited = snapshot.replace("hello 2", "hello X");
    book.write("code/listings/hello/transcript.toml", &edited);
    let file = std::fs::File::options()
        .write(true)
        .open(book.path("code/listings/hello/transcript.toml"))
        .unwrap();
    file.set_modified(SystemTime::now() + Duration::from_secs(5))
        .unwrap();
    book.run(&["build"]).assert_success();
    assert!(main_of(&book.html("chapter.md")).contains("hello X"));
}
