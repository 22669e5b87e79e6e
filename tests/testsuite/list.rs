//! `list`: every listing the book uses, where, what it declares, fresh or stale.

use snapbox::str;

use crate::support::BookTest;

#[test]
fn list_shows_each_listing_with_its_place_expectation_and_freshness() {
    let mut book = BookTest::new();
    book.listing("first", "fn main() {}\n", "")
        .listing(
            "second",
            "fn main() { panic!() }\n",
            "[package.metadata.transcript]\nexpect = \"panic\"",
        )
        .page(
            "chapter.md",
            "# One\n\n{{#output first}}\n\n{{#output second}}\n",
        );
    book.run(&["build"]).assert_success();
    book.edit_listing("first", "fn main() { println!(); }\n");
    book.listing("third", "fn main() {}\n", "")
        .page("more.md", "{{#output third}}\n");

    book.run(&["list"])
        .assert_success()
        .stdout_eq(str![[r#"
listing                      expects                            status       last run               used at
first                        success                            stale        [AGE] ago, [ELAPSED] src/chapter.md:3:1
second                       a panic                            fresh        [AGE] ago, [ELAPSED] src/chapter.md:5:1
third                        success                            no snapshot  never (here)           src/more.md:1:1

"#]])
        .stderr_eq(str![[r#"
transcript: 3 listing(s), 2 stale

"#]]);
}

#[test]
fn list_sees_a_listing_used_in_an_included_file_as_a_build_does() {
    let mut book = BookTest::new();
    book.listing("included", "fn main() {}\n", "");
    book.write("src/parts/uses.md", "{{#output included}}\n");
    book.page("chapter.md", "# One\n\n{{#include parts/uses.md}}\n");
    book.run(&["build"]).assert_success();
    let run = book.run(&["list"]);
    run.assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s), 0 stale

"#]]);
    let stdout = String::from_utf8_lossy(&run.output.stdout).into_owned();
    let line = stdout
        .lines()
        .find(|line| line.starts_with("included"))
        .unwrap_or_else(|| panic!("no line for the included listing:\n{stdout}"));
    assert!(line.contains("fresh"), "{stdout}");
}
