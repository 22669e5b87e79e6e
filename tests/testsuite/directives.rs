//! Directives: found outside code, anchors show a region with the rest hidden, and
//! every mistake is an error at `file:line` that loses nothing.

use snapbox::str;

use crate::support::{BookTest, figures, main_of};

const ANCHORED: &str = "use std::fmt::Write;\n\n// ANCHOR: body\nfn main() {\n    let mut s = String::new();\n    write!(s, \"anchored\").unwrap();\n    println!(\"{s}\");\n}\n// ANCHOR_END: body\n";

#[test]
fn a_directive_in_a_code_span_or_block_stays_literal() {
    let mut book = BookTest::new();
    book.listing("real", "fn main() { println!(\"ran\"); }\n", "").page(
        "chapter.md",
        "Write `{{#output real}}` in a page.\n\n```markdown\n{{#listing real}}\n```\n\n{{#output real}}\n",
    );
    book.run(&["build"]).assert_success();
    // Both literal directives as written, and one transcript: the directive in prose.
    book.assert_data_eq(main_of(&book.html("chapter.md")), str![[r#"
<main>
                        <p>Write <code>{{#output real}}</code> in a page.</p>
<pre><code class="language-markdown">{{#listing real}}
</code></pre>
<pre class="transcript" data-listing="real"><code class="nohighlight"><span class="transcript-command">$ cargo run -p real</span>
<span class="transcript-stdout">ran
</span></code></pre>
"#]]);
}

#[test]
fn an_anchored_listing_shows_its_region_and_hides_the_rest() {
    let mut book = BookTest::new();
    book.listing("anchored", ANCHORED, "")
        .page("chapter.md", "{{#listing anchored:body}}\n");
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    // mdBook renders hidden lines as `boring` spans the reader can expand; the output is
    // the whole program's.
    book.assert_data_eq(figures(&html).concat(), str![[r#"
<figure class="listing" id="listing-anchored-body">
<figcaption><span class="listing-label">Listing 1-1:</span> <span class="listing-file">code/listings/anchored/src/main.rs</span></figcaption>
<pre><code class="language-rust noplayground"><span class="boring">use std::fmt::Write;
</span><span class="boring">
</span>fn main() {
    let mut s = String::new();
    write!(s, "anchored").unwrap();
    println!("{s}");
}</code></pre>
<pre class="transcript" data-listing="anchored"><code class="nohighlight"><span class="transcript-command">$ cargo run -p anchored</span>
<span class="transcript-stdout">anchored
</span></code></pre>

</figure>
"#]]);
    assert!(!html.contains("ANCHOR"), "{html}");
}

#[test]
fn an_unknown_listing_is_an_error_at_its_line_with_a_suggestion() {
    let mut book = BookTest::new();
    book.listing("hello-world", "fn main() {}\n", "").page(
        "chapter.md",
        "# Title\n\nSome text.\n\n{{#output hello-wrld}}\n",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: unknown listing `hello-wrld` (did you mean `hello-world`?)
  --> src/chapter.md:5:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 0 listing(s) used by the book

"#]]);
}

#[test]
fn an_unknown_anchor_is_an_error_at_its_line() {
    let mut book = BookTest::new();
    book.listing("anchored", ANCHORED, "")
        .page("chapter.md", "\n{{#listing anchored:nope}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: listing `anchored`, anchor `nope`: no `// ANCHOR: nope` line in the source ([ROOT]/code/listings/anchored/src/main.rs)
  --> src/chapter.md:2:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn a_malformed_directive_is_an_error_at_its_line_and_column() {
    let mut book = BookTest::new();
    book.listing("ok", "fn main() {}\n", "")
        .page("chapter.md", "One.\n\nTwo {{#listing ok\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: `{{#listing` is not closed: expected `}}` on the same line
  --> src/chapter.md:3:5

error: the book did not build: mdbook-transcript: 1 problem(s) in 0 listing(s) used by the book

"#]]);
}

#[test]
fn a_bad_directive_stops_the_run_before_any_snapshot_is_written() {
    let mut book = BookTest::new();
    book.listing("fine", "fn main() {}\n", "")
        .page("chapter.md", "{{#output fine}}\n\n{{#output missing}}\n");
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: unknown listing `missing`: no package of that name in the workspace [ROOT]/code
  --> src/chapter.md:3:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
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
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: unknown listing `helo` (did you mean `hello`?)
  --> src/chapter.md:7:1

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
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
    // A figure per part with its caption, the prose between them, the output once, in
    // the second figure.
    book.assert_data_eq(main_of(&book.html("chapter.md")), str![[r#"
<main>
                        <figure class="listing" id="listing-parts-helper">
<figcaption><span class="listing-label">Listing 1-1:</span> First, the helper <span class="listing-file">code/listings/parts/src/main.rs</span></figcaption>
<pre><code class="language-rust noplayground">fn helper() -&gt; &amp;'static str {
    "from the helper"
}
<span class="boring">
</span><span class="boring">fn main() {
</span><span class="boring">    println!("{}", helper());
</span><span class="boring">}</span></code></pre>
</figure>
<p>Prose between the parts.</p>
<figure class="listing" id="listing-parts-main">
<figcaption><span class="listing-label">Listing 1-2:</span> Then <code>main</code> <span class="listing-file">code/listings/parts/src/main.rs</span></figcaption>
<pre><code class="language-rust noplayground"><span class="boring">fn helper() -&gt; &amp;'static str {
</span><span class="boring">    "from the helper"
</span><span class="boring">}
</span><span class="boring">
</span>fn main() {
    println!("{}", helper());
}</code></pre>
<pre class="transcript" data-listing="parts"><code class="nohighlight"><span class="transcript-command">$ cargo run -p parts</span>
<span class="transcript-stdout">from the helper
</span></code></pre>

</figure>
"#]]);
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
