//! Directives: found outside code, anchors show a region with the rest hidden, and
//! every mistake is an error at `file:line` that loses nothing.

use crate::support::{BookTest, main_of};

const ANCHORED: &str = "use std::fmt::Write;\n\n// ANCHOR: body\nfn main() {\n    let mut s = String::new();\n    write!(s, \"anchored\").unwrap();\n    println!(\"{s}\");\n}\n// ANCHOR_END: body\n";

#[test]
fn a_directive_in_a_code_span_or_block_stays_literal() {
    let mut book = BookTest::new();
    book.listing("real", "fn main() { println!(\"ran\"); }\n", "").page(
        "chapter.md",
        "Write `{{#output real}}` in a page.\n\n```markdown\n{{#listing real}}\n```\n\n{{#output real}}\n",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let main = main_of(&html);
    assert!(main.contains("<code>{{#output real}}</code>"), "{main}");
    assert!(main.contains("{{#listing real}}"), "{main}");
    assert_eq!(main.matches("class=\"transcript\"").count(), 1, "{main}");
}

#[test]
fn an_anchored_listing_shows_its_region_and_hides_the_rest() {
    let mut book = BookTest::new();
    book.listing("anchored", ANCHORED, "")
        .page("chapter.md", "{{#listing anchored:body}}\n");
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    // mdBook renders hidden lines as `boring` spans the reader can expand.
    assert!(
        html.contains("<span class=\"boring\">use std::fmt::Write;"),
        "{html}"
    );
    assert!(!html.contains("ANCHOR"), "{html}");
    assert!(html.contains("anchored\n"), "the whole program ran: {html}");
}

#[test]
fn an_unknown_listing_is_an_error_at_its_line_with_a_suggestion() {
    let mut book = BookTest::new();
    book.listing("hello-world", "fn main() {}\n", "").page(
        "chapter.md",
        "# Title\n\nSome text.\n\n{{#output hello-wrld}}\n",
    );
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("error: unknown listing `hello-wrld` (did you mean `hello-world`?)")
        .assert_stderr_contains("--> src/chapter.md:5:1");
}

#[test]
fn an_unknown_anchor_is_an_error_at_its_line() {
    let mut book = BookTest::new();
    book.listing("anchored", ANCHORED, "")
        .page("chapter.md", "\n{{#listing anchored:nope}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("no `// ANCHOR: nope` line")
        .assert_stderr_contains("--> src/chapter.md:2:1");
}

#[test]
fn a_malformed_directive_is_an_error_at_its_line_and_column() {
    let mut book = BookTest::new();
    book.listing("ok", "fn main() {}\n", "")
        .page("chapter.md", "One.\n\nTwo {{#listing ok\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("--> src/chapter.md:3:5")
        .assert_stderr_contains("is not closed");
}

#[test]
fn a_bad_directive_stops_the_run_before_any_snapshot_is_written() {
    let mut book = BookTest::new();
    book.listing("fine", "fn main() {}\n", "")
        .page("chapter.md", "{{#output fine}}\n\n{{#output missing}}\n");
    book.run(&["build"]).assert_failure();
    assert!(!book.snapshot_exists("fine"));
}

#[test]
fn an_error_below_an_included_file_points_at_the_line_as_written() {
    let mut book = BookTest::new();
    book.listing("hello", "fn main() {}\n", "");
    book.write("src/notes.md", "one\ntwo\nthree\nfour\n");
    book.page(
        "chapter.md",
        "# Chapter\n\n{{#include notes.md}}\n\n{{#output hello}}\n\n{{#output helo}}\n",
    );
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("--> src/chapter.md:7:1");
}

#[test]
fn a_listing_shown_in_parts_has_a_caption_per_part_and_its_output_once_under_the_last() {
    let mut book = BookTest::new();
    book.listing(
        "parts",
        "// ANCHOR: helper\nfn helper() -> &'static str {\n    \"from the helper\"\n}\n// ANCHOR_END: helper\n\n// ANCHOR: main\nfn main() {\n    println!(\"{}\", helper());\n}\n// ANCHOR_END: main\n",
        "[package.metadata.transcript]\ncaption = \"The whole program\"\nanchor-captions = { helper = \"First, the helper\", main = \"Then `main`\" }",
    )
    .page(
        "chapter.md",
        "{{#listing parts:helper}}\n\nProse between the parts.\n\n{{#listing parts:main}}\n",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let main = main_of(&html);
    assert!(main.contains("First, the helper"), "{main}");
    assert!(main.contains("Then <code>main</code>"), "{main}");
    assert_eq!(
        main.matches("from the helper\n</span>").count(),
        1,
        "{main}"
    );
    let prose = main.find("Prose between the parts").unwrap();
    let output = main.find("from the helper\n</span>").unwrap();
    assert!(prose < output, "the output comes under the last part");
}

#[test]
fn a_column_counts_characters_on_a_line_with_accents_even_below_an_include() {
    let mut book = BookTest::new();
    book.listing("hello", "fn main() {}\n", "");
    book.write("src/notes.md", "one\ntwo\n");
    book.page(
        "chapter.md",
        "# Été\n\n{{#include notes.md}}\n\nCafé {{#output helo}}\n",
    );
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("--> src/chapter.md:5:6\n");
}

#[test]
fn every_near_miss_of_a_directive_fails_at_its_line_and_column_with_a_suggestion() {
    let mut book = BookTest::new();
    book.listing("x", "fn main() {}\n", "").page(
        "chapter.md",
        "# Near misses\n\n{{#lsting x}}\n\n{{#Listing x}}\n\n  {{ #listing x }}\n\n{{#ouput x}}\n\nSee {{#output x}} inline.\n\n{{#include missing-is-mdbooks-business.md}}\n",
    );
    let run = book.run(&["build"]);
    run.assert_failure()
        .assert_stderr_contains(
            "error: unknown directive `{{#lsting}}`: did you mean `{{#listing}}`? (in `{{#lsting x}}`)\n  --> src/chapter.md:3:1\n",
        )
        .assert_stderr_contains("did you mean `{{#listing x}}`?")
        .assert_stderr_contains("  --> src/chapter.md:5:1\n")
        .assert_stderr_contains("  --> src/chapter.md:7:3\n")
        .assert_stderr_contains(
            "error: unknown directive `{{#ouput}}`: did you mean `{{#output}}`? (in `{{#ouput x}}`)\n  --> src/chapter.md:9:1\n",
        )
        .assert_stderr_contains(
            "error: `{{#output x}}` shows a block (code and output) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after\n  --> src/chapter.md:11:5\n",
        )
        .assert_stderr_contains("5 problem(s)");
    assert!(!book.snapshot_exists("x"));
}
