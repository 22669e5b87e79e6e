//! `build`: the book is rendered with each listing's real output; a second build with
//! nothing changed runs nothing.

use crate::support::{BookTest, main_of};

fn hello_book() -> BookTest {
    let mut book = BookTest::new();
    book.listing(
        "hello",
        "fn main() {\n    println!(\"hello from a real program\");\n}\n",
        "[package.metadata.transcript]\ncaption = \"Saying `hello`\"",
    )
    .page(
        "chapter.md",
        "# Chapter\n\n{{#listing hello}}\n\nAnd again:\n\n{{#output hello}}\n",
    );
    book
}

#[test]
fn the_book_shows_the_source_caption_and_real_output() {
    let book = hello_book();
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let main = main_of(&html);
    assert!(
        main.contains(
            "<span class=\"listing-label\">Listing 1-1:</span> Saying <code>hello</code>"
        ),
        "{main}"
    );
    assert!(main.contains("println!"), "{main}");
    assert_eq!(
        main.matches("hello from a real program").count(),
        3,
        "source once, output twice:\n{main}"
    );
    assert!(main.contains("$ cargo run -p hello"), "{main}");
}

#[test]
fn a_snapshot_with_the_key_and_output_is_written_beside_the_listing() {
    let book = hello_book();
    book.run(&["build"]).assert_success();
    let snapshot = book.snapshot("hello");
    assert!(snapshot.contains("key = \"blake3:"), "{snapshot}");
    assert!(snapshot.contains("outcome = \"exit 0\""), "{snapshot}");
    assert!(snapshot.contains("hello from a real program"), "{snapshot}");
}

#[test]
fn a_second_build_with_nothing_changed_runs_nothing_and_starts_no_cargo_build() {
    let book = hello_book();
    book.run(&["build"]).assert_success();
    let before = book.snapshot("hello");

    // A cargo that records how it is called, then does the real thing.
    let log = book.path("cargo-calls.log");
    let wrapper = book.path("cargo-wrapper.sh");
    book.write(
        "cargo-wrapper.sh",
        &format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            crate::support::cargo()
        ),
    );
    std::fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();

    let again = book.run_with(&["build"], &[("CARGO", wrapper.to_str().unwrap())]);
    again
        .assert_success()
        .assert_stderr_contains("1 cached, 0 ran");
    let calls = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        calls.lines().all(|line| !line.starts_with("build")),
        "cargo was asked to build:\n{calls}"
    );
    assert!(
        calls.contains("metadata"),
        "the wrapper was in use:\n{calls}"
    );
    assert_eq!(book.snapshot("hello"), before);

    // Editing prose never invalidates a listing.
    book.write(
        "src/chapter.md",
        "# Chapter\n\nNew prose.\n\n{{#output hello}}\n",
    );
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("1 cached, 0 ran");
}

#[test]
fn editing_a_listing_reruns_only_that_listing() {
    let mut book = hello_book();
    book.listing("other", "fn main() {\n    println!(\"other\");\n}\n", "")
        .page("second.md", "{{#output other}}\n");
    book.run(&["build"]).assert_success();
    book.write(
        "code/listings/hello/src/main.rs",
        "fn main() {\n    println!(\"changed\");\n}\n",
    );
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("1 cached, 1 ran, 0 failed in");
    assert!(book.html("chapter.md").contains("changed"));
}

#[test]
fn listing_labels_follow_the_summary_numbering_and_the_chapter_offset() {
    let mut book = hello_book();
    book.page("second.md", "{{#listing hello}}\n");
    let toml = book.read("book.toml") + "chapter-offset = 11\n";
    book.write("book.toml", &toml);
    book.run(&["build"]).assert_success();
    assert!(book.html("chapter.md").contains("Listing 12-1:"));
    assert!(book.html("second.md").contains("Listing 13-1:"));
}

#[test]
fn editing_a_path_dependency_or_its_own_dependency_reruns_the_listing() {
    let mut book = BookTest::new();
    book.write(
        "code/listings/inner/Cargo.toml",
        "[package]\nname = \"inner\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
    );
    book.write(
        "code/listings/inner/src/lib.rs",
        "pub fn word() -> &'static str { \"inner v1\" }\n",
    );
    book.write(
        "code/listings/support/Cargo.toml",
        "[package]\nname = \"support\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\ninner = { path = \"../inner\" }\n",
    );
    book.write(
        "code/listings/support/src/lib.rs",
        "pub fn word() -> &'static str { inner::word() }\n",
    );
    book.listing(
        "uses-support",
        "fn main() {\n    println!(\"{}\", support::word());\n}\n",
        "[dependencies]\nsupport = { path = \"../support\" }",
    )
    .page("chapter.md", "{{#output uses-support}}\n");
    book.run(&["build"]).assert_success();
    assert!(book.snapshot("uses-support").contains("inner v1"));

    book.write(
        "code/listings/inner/src/lib.rs",
        "pub fn word() -> &'static str { \"inner v2\" }\n",
    );
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("0 cached, 1 ran");
    assert!(book.snapshot("uses-support").contains("inner v2"));
}
