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
<div class="transcript" id="output-real" data-listing="real">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p real</code></span><button type="button" class="transcript-copy" data-command="cargo run -p real" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">ran
</pre>

</div>

<style data-from="mdbook-transcript">[shipped]</style>
<script data-from="mdbook-transcript">[shipped]</script>
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
<figcaption><span class="listing-label">Listing 1-1:</span> <span class="listing-file"><span>listings</span>/<wbr><span>anchored</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>
<pre><code class="language-rust noplayground"><span class="boring">use std::fmt::Write;
</span><span class="boring">
</span>fn main() {
    let mut s = String::new();
    write!(s, "anchored").unwrap();
    println!("{s}");
}</code></pre>
<div class="transcript" id="output-anchored" data-listing="anchored">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p anchored</code></span><button type="button" class="transcript-copy" data-command="cargo run -p anchored" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">anchored
</pre>

</div>

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
<figcaption><span class="listing-label">Listing 1-1:</span> First, the helper <span class="listing-file"><span>listings</span>/<wbr><span>parts</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>
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
<figcaption><span class="listing-label">Listing 1-2:</span> Then <code>main</code> <span class="listing-file"><span>listings</span>/<wbr><span>parts</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>
<pre><code class="language-rust noplayground"><span class="boring">fn helper() -&gt; &amp;'static str {
</span><span class="boring">    "from the helper"
</span><span class="boring">}
</span><span class="boring">
</span>fn main() {
    println!("{}", helper());
}</code></pre>
<div class="transcript" id="output-parts" data-listing="parts">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p parts</code></span><button type="button" class="transcript-copy" data-command="cargo run -p parts" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">from the helper
</pre>

</div>

</figure>
<style data-from="mdbook-transcript">[shipped]</style>
<script data-from="mdbook-transcript">[shipped]</script>
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
        .stderr_eq(str![[r#"
error: `{{#output helo}}` shows a block (code, output or a chart) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after
  --> src/chapter.md:5:6

error: the book did not build: mdbook-transcript: 1 problem(s) in 0 listing(s) used by the book

"#]]);
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
        .stderr_eq(str![[r#"
ERROR mdbook_driver::builtin_preprocessors::links: Error updating "{{#include missing-is-mdbooks-business.md}}", Could not read file for link {{#include missing-is-mdbooks-business.md}} (./src/missing-is-mdbooks-business.md)
 WARN mdbook_driver::builtin_preprocessors::links: Caused By: failed to read `./src/missing-is-mdbooks-business.md`
 WARN mdbook_driver::builtin_preprocessors::links: Caused By: No such file or directory (os error 2)
error: unknown directive `{{#lsting}}`: did you mean `{{#listing}}`? (in `{{#lsting x}}`)
  --> src/chapter.md:3:1

error: `{{#Listing x}}` is not how the directive is written: did you mean `{{#listing x}}`? (`{{#` and the name together, in lower case)
  --> src/chapter.md:5:1

error: `{{ #listing x }}` is not how the directive is written: did you mean `{{#listing x}}`? (`{{#` and the name together, in lower case)
  --> src/chapter.md:7:3

error: unknown directive `{{#ouput}}`: did you mean `{{#output}}`? (in `{{#ouput x}}`)
  --> src/chapter.md:9:1

error: `{{#output x}}` shows a block (code, output or a chart) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after
  --> src/chapter.md:11:5

error: the book did not build: mdbook-transcript: 5 problem(s) in 0 listing(s) used by the book

"#]]);
    assert!(!book.snapshot_exists("x"));
}

#[test]
fn a_value_whose_pattern_matches_twice_or_not_at_all_is_an_error_at_the_directive() {
    let mut book = BookTest::new();
    book.listing(
        "counts",
        "fn main() {\n    println!(\"found 3 of 7\");\n}\n",
        "[package.metadata.transcript]\nvalues = { number = '([0-9]+)', missing = 'never ([0-9]+)' }",
    )
    .page(
        "chapter.md",
        "# Values\n\n{{#output counts}}\n\nIt found {{#value counts:number}}, in {{#value counts:missing}}.\n",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: value `number` of listing `counts`: its pattern `([0-9]+)` matches 2 times in what the listing printed; make it match once
  --> src/chapter.md:5:10

error: value `missing` of listing `counts`: its pattern `never ([0-9]+)` matches nothing the listing printed
  --> src/chapter.md:5:39

error: the book did not build: mdbook-transcript: 2 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn a_misspelt_value_and_a_reference_to_an_unshown_listing_are_errors() {
    let mut book = BookTest::new();
    book.listing(
        "counts",
        "fn main() {\n    println!(\"found 3 of 7\");\n}\n",
        "[package.metadata.transcript]\nvalues = { found = 'found (\\d+)' }",
    )
    .listing("elsewhere", "fn main() {}\n", "")
    .page(
        "chapter.md",
        "# Values\n\n{{#output counts}}\n\nAs {{#listing-ref elsewhere}} shows, {{#value counts:foudn}}.\n\n{{#output elsewhere}}\n",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: listing `counts` declares no value `foudn` (did you mean `found`?)
  --> src/chapter.md:5:38

error: `{{#listing-ref elsewhere}}` refers to a listing no page shows with `{{#listing elsewhere}}`, so there is nothing to link to
  --> src/chapter.md:5:4

error: the book did not build: mdbook-transcript: 2 problem(s) in 2 listing(s) used by the book

"#]]);
}
