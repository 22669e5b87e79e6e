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

<style data-from="mdbook-transcript">
/* mdbook-transcript: listings and their transcripts. Colours are set per mdBook theme
   (light, rust, coal, navy, ayu); each text colour has a contrast of at least 4.5:1
   against the transcript's background, checked in a browser by the tool's tests. */
.light, html:not(.js) {
    --transcript-bg: #eef2f5; --transcript-fg: #1b1b1b; --transcript-muted: #4a4f55;
    --transcript-border: #8a96a3; --transcript-stderr-border: #b3261e;
    --ansi-0: #3b3b3b; --ansi-1: #b3261e; --ansi-2: #2f6b1f; --ansi-3: #7a5c00;
    --ansi-4: #1f55b3; --ansi-5: #8e2f8e; --ansi-6: #0f6870; --ansi-7: #5c5c5c;
    --ansi-8: #555555; --ansi-9: #b51f17; --ansi-10: #28761a; --ansi-11: #805e00;
    --ansi-12: #2450c8; --ansi-13: #a0309f; --ansi-14: #0b6b75; --ansi-15: #3b3b3b;
}
.rust {
    --transcript-bg: #ece8dc; --transcript-fg: #262625; --transcript-muted: #4d4a41;
    --transcript-border: #8f8a7a; --transcript-stderr-border: #a8261d;
    --ansi-0: #3b3b3b; --ansi-1: #a8261d; --ansi-2: #2c6420; --ansi-3: #6e5300;
    --ansi-4: #1d4fa6; --ansi-5: #842c84; --ansi-6: #0d5f66; --ansi-7: #555555;
    --ansi-8: #4f4f4f; --ansi-9: #a51d15; --ansi-10: #256b18; --ansi-11: #735500;
    --ansi-12: #2149b8; --ansi-13: #922c91; --ansi-14: #0a616a; --ansi-15: #3b3b3b;
}
.coal, .navy, .ayu {
    --transcript-fg: #c5c8c6; --transcript-muted: #a7adb3;
    --transcript-border: #5b646e; --transcript-stderr-border: #ff7b72;
    --ansi-0: #a6a6a6; --ansi-1: #ff7b72; --ansi-2: #7ee787; --ansi-3: #e3b341;
    --ansi-4: #79b8ff; --ansi-5: #e29cf0; --ansi-6: #56d4dd; --ansi-7: #d0d0d0;
    --ansi-8: #b1bac4; --ansi-9: #ffa198; --ansi-10: #a5f0b0; --ansi-11: #f2cc60;
    --ansi-12: #a5d6ff; --ansi-13: #f0b8f8; --ansi-14: #8ae9f0; --ansi-15: #ffffff;
}
.coal { --transcript-bg: #20262c; }
.navy { --transcript-bg: #222b40; --transcript-fg: #c5c9d8; }
.ayu { --transcript-bg: #1a222c; --transcript-fg: #e6e1cf; }

figure.listing { margin: 1.5em 0; }
figure.listing figcaption { font-size: 0.9em; margin-bottom: 0.4em; }
figure.listing .listing-label { font-weight: bold; }
figure.listing .listing-file {
    font-family: var(--mono-font, monospace);
    font-size: 0.85em;
}
/* A path breaks after a slash, never inside a name (a name's hyphens are not breaks). */
figure.listing .listing-file > span { white-space: nowrap; }

.transcript {
    margin: 0.6em 0 1em;
    border-left: 3px solid var(--transcript-border);
    background: var(--transcript-bg);
    color: var(--transcript-fg);
    border-radius: 0 4px 4px 0;
    max-width: 100%;
}
.transcript-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    padding: 0.45em 0.8em 0.2em;
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
}
.transcript-line { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.transcript-prompt { color: var(--transcript-muted); user-select: none; }
.transcript .transcript-command {
    background: none;
    color: var(--transcript-fg);
    padding: 0;
    font-size: 1em;
}
.transcript-copy {
    border: 1px solid var(--transcript-border);
    border-radius: 3px;
    background: transparent;
    color: var(--transcript-muted);
    cursor: pointer;
    font-size: 0.8em;
    padding: 0 0.4em;
    line-height: 1.5;
}
.transcript-copy::before { content: "copy"; }
.transcript-copy.copied::before { content: "copied"; }
.transcript-badge {
    border: 1px solid currentColor;
    border-radius: 3px;
    font-size: 0.8em;
    padding: 0 0.35em;
    line-height: 1.5;
    color: var(--transcript-muted);
}
.transcript-badge-panic, .transcript-badge-compile-error, .transcript-badge-exit,
.transcript-badge-signal { color: var(--ansi-1); }
.transcript-badge-timeout, .transcript-badge-warning { color: var(--ansi-3); }

.transcript pre.transcript-stream {
    margin: 0;
    padding: 0.3em 0.8em 0.5em;
    background: none;
    color: var(--transcript-fg);
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
    overflow-x: auto;
    white-space: pre;
}
.transcript pre.transcript-stream::before {
    content: attr(data-label);
    display: block;
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--transcript-muted);
}
.transcript pre.transcript-stdout::before { content: none; }
.transcript pre.transcript-rest::before { content: none; }
.transcript pre.transcript-stderr { border-left: 3px dashed var(--transcript-stderr-border); }
.transcript-more > summary {
    cursor: pointer;
    padding: 0.2em 0.8em 0.4em;
    color: var(--transcript-muted);
    font-size: 0.85em;
}
.transcript-more .when-open, .transcript-more[open] .when-closed { display: none; }
.transcript-more[open] .when-open { display: inline; }
.transcript-nothing { margin: 0; padding: 0.3em 0.8em 0.5em; color: var(--transcript-muted); }

.ansi-bold { font-weight: bold; }
.ansi-dim { color: var(--transcript-muted); }
.ansi-italic { font-style: italic; }
.ansi-underline { text-decoration: underline; }
.ansi-strike { text-decoration: line-through; }
.ansi-inverse { background: var(--transcript-fg); color: var(--transcript-bg); }
.ansi-fg-0 { color: var(--ansi-0); } .ansi-fg-1 { color: var(--ansi-1); }
.ansi-fg-2 { color: var(--ansi-2); } .ansi-fg-3 { color: var(--ansi-3); }
.ansi-fg-4 { color: var(--ansi-4); } .ansi-fg-5 { color: var(--ansi-5); }
.ansi-fg-6 { color: var(--ansi-6); } .ansi-fg-7 { color: var(--ansi-7); }
.ansi-fg-8 { color: var(--ansi-8); } .ansi-fg-9 { color: var(--ansi-9); }
.ansi-fg-10 { color: var(--ansi-10); } .ansi-fg-11 { color: var(--ansi-11); }
.ansi-fg-12 { color: var(--ansi-12); } .ansi-fg-13 { color: var(--ansi-13); }
.ansi-fg-14 { color: var(--ansi-14); } .ansi-fg-15 { color: var(--ansi-15); }
.ansi-bg-0, .ansi-bg-1, .ansi-bg-2, .ansi-bg-3, .ansi-bg-4, .ansi-bg-5, .ansi-bg-6,
.ansi-bg-7, .ansi-bg-8, .ansi-bg-9, .ansi-bg-10, .ansi-bg-11, .ansi-bg-12,
.ansi-bg-13, .ansi-bg-14, .ansi-bg-15 { outline: 1px solid var(--transcript-border); }

/* Drawings (timelines under a transcript, `{{#chart}}`): inline SVG that keeps its size
   and scrolls inside its own box on a narrow screen; every colour is a theme variable.
   The chart's layout measures text as 0.6 em monospace. */
.transcript-drawing { overflow-x: auto; max-width: 100%; padding: 0.4em 0.8em 0.6em; }
.transcript-drawing svg.transcript-svg { display: block; max-width: none; }
.transcript-drawing svg text { fill: var(--transcript-fg); font-family: var(--mono-font, monospace); }
.transcript-timeline .tl-threads { fill: var(--transcript-muted); }
.transcript-timeline .tl-running { fill: var(--ansi-4); }
.transcript-timeline .tl-waiting { fill: var(--transcript-muted); }
.transcript-timeline .tl-grid { stroke: var(--transcript-border); stroke-dasharray: 2 3; }
.transcript-timeline .tl-axis line { stroke: var(--transcript-fg); }
.transcript-timeline .tl-start, .transcript-timeline .tl-end { stroke: var(--transcript-fg); stroke-width: 2; }
.transcript-timeline .tl-cancel { stroke: var(--ansi-1); stroke-width: 2; fill: none; }
.transcript-timeline .tl-cut { stroke: var(--transcript-fg); stroke-width: 2; fill: none; }
.transcript-timeline-note { margin: 0.3em 0 0; color: var(--transcript-muted); font-size: 0.9em; }
.transcript-chart { margin: 1em 0; padding: 0; }
.transcript-chart svg text { font-size: 14px; fill: var(--fg); }
.transcript-chart svg text.chart-title { font-weight: bold; }
.transcript-chart rect.chart-bar { fill: var(--links); }
</style>
<script data-from="mdbook-transcript">
// mdbook-transcript: the copy button of a transcript copies its command alone.
(function () {
    if (window.mdbookTranscript) {
        return; // print.html holds every page, and with it this script many times
    }
    window.mdbookTranscript = true;
    function copied(button) {
        button.classList.add('copied');
        button.setAttribute('aria-label', 'Copied');
        setTimeout(function () {
            button.classList.remove('copied');
            button.setAttribute('aria-label', 'Copy the command');
        }, 1500);
    }
    function fallback(text, button) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        if (document.execCommand('copy')) {
            copied(button);
        }
        document.body.removeChild(area);
    }
    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.transcript-copy');
        if (!button) {
            return;
        }
        var text = button.getAttribute('data-command');
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                copied(button);
            }, function () {
                fallback(text, button);
            });
        } else {
            fallback(text, button);
        }
    });
})();
</script>
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
<style data-from="mdbook-transcript">
/* mdbook-transcript: listings and their transcripts. Colours are set per mdBook theme
   (light, rust, coal, navy, ayu); each text colour has a contrast of at least 4.5:1
   against the transcript's background, checked in a browser by the tool's tests. */
.light, html:not(.js) {
    --transcript-bg: #eef2f5; --transcript-fg: #1b1b1b; --transcript-muted: #4a4f55;
    --transcript-border: #8a96a3; --transcript-stderr-border: #b3261e;
    --ansi-0: #3b3b3b; --ansi-1: #b3261e; --ansi-2: #2f6b1f; --ansi-3: #7a5c00;
    --ansi-4: #1f55b3; --ansi-5: #8e2f8e; --ansi-6: #0f6870; --ansi-7: #5c5c5c;
    --ansi-8: #555555; --ansi-9: #b51f17; --ansi-10: #28761a; --ansi-11: #805e00;
    --ansi-12: #2450c8; --ansi-13: #a0309f; --ansi-14: #0b6b75; --ansi-15: #3b3b3b;
}
.rust {
    --transcript-bg: #ece8dc; --transcript-fg: #262625; --transcript-muted: #4d4a41;
    --transcript-border: #8f8a7a; --transcript-stderr-border: #a8261d;
    --ansi-0: #3b3b3b; --ansi-1: #a8261d; --ansi-2: #2c6420; --ansi-3: #6e5300;
    --ansi-4: #1d4fa6; --ansi-5: #842c84; --ansi-6: #0d5f66; --ansi-7: #555555;
    --ansi-8: #4f4f4f; --ansi-9: #a51d15; --ansi-10: #256b18; --ansi-11: #735500;
    --ansi-12: #2149b8; --ansi-13: #922c91; --ansi-14: #0a616a; --ansi-15: #3b3b3b;
}
.coal, .navy, .ayu {
    --transcript-fg: #c5c8c6; --transcript-muted: #a7adb3;
    --transcript-border: #5b646e; --transcript-stderr-border: #ff7b72;
    --ansi-0: #a6a6a6; --ansi-1: #ff7b72; --ansi-2: #7ee787; --ansi-3: #e3b341;
    --ansi-4: #79b8ff; --ansi-5: #e29cf0; --ansi-6: #56d4dd; --ansi-7: #d0d0d0;
    --ansi-8: #b1bac4; --ansi-9: #ffa198; --ansi-10: #a5f0b0; --ansi-11: #f2cc60;
    --ansi-12: #a5d6ff; --ansi-13: #f0b8f8; --ansi-14: #8ae9f0; --ansi-15: #ffffff;
}
.coal { --transcript-bg: #20262c; }
.navy { --transcript-bg: #222b40; --transcript-fg: #c5c9d8; }
.ayu { --transcript-bg: #1a222c; --transcript-fg: #e6e1cf; }

figure.listing { margin: 1.5em 0; }
figure.listing figcaption { font-size: 0.9em; margin-bottom: 0.4em; }
figure.listing .listing-label { font-weight: bold; }
figure.listing .listing-file {
    font-family: var(--mono-font, monospace);
    font-size: 0.85em;
}
/* A path breaks after a slash, never inside a name (a name's hyphens are not breaks). */
figure.listing .listing-file > span { white-space: nowrap; }

.transcript {
    margin: 0.6em 0 1em;
    border-left: 3px solid var(--transcript-border);
    background: var(--transcript-bg);
    color: var(--transcript-fg);
    border-radius: 0 4px 4px 0;
    max-width: 100%;
}
.transcript-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    padding: 0.45em 0.8em 0.2em;
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
}
.transcript-line { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.transcript-prompt { color: var(--transcript-muted); user-select: none; }
.transcript .transcript-command {
    background: none;
    color: var(--transcript-fg);
    padding: 0;
    font-size: 1em;
}
.transcript-copy {
    border: 1px solid var(--transcript-border);
    border-radius: 3px;
    background: transparent;
    color: var(--transcript-muted);
    cursor: pointer;
    font-size: 0.8em;
    padding: 0 0.4em;
    line-height: 1.5;
}
.transcript-copy::before { content: "copy"; }
.transcript-copy.copied::before { content: "copied"; }
.transcript-badge {
    border: 1px solid currentColor;
    border-radius: 3px;
    font-size: 0.8em;
    padding: 0 0.35em;
    line-height: 1.5;
    color: var(--transcript-muted);
}
.transcript-badge-panic, .transcript-badge-compile-error, .transcript-badge-exit,
.transcript-badge-signal { color: var(--ansi-1); }
.transcript-badge-timeout, .transcript-badge-warning { color: var(--ansi-3); }

.transcript pre.transcript-stream {
    margin: 0;
    padding: 0.3em 0.8em 0.5em;
    background: none;
    color: var(--transcript-fg);
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
    overflow-x: auto;
    white-space: pre;
}
.transcript pre.transcript-stream::before {
    content: attr(data-label);
    display: block;
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--transcript-muted);
}
.transcript pre.transcript-stdout::before { content: none; }
.transcript pre.transcript-rest::before { content: none; }
.transcript pre.transcript-stderr { border-left: 3px dashed var(--transcript-stderr-border); }
.transcript-more > summary {
    cursor: pointer;
    padding: 0.2em 0.8em 0.4em;
    color: var(--transcript-muted);
    font-size: 0.85em;
}
.transcript-more .when-open, .transcript-more[open] .when-closed { display: none; }
.transcript-more[open] .when-open { display: inline; }
.transcript-nothing { margin: 0; padding: 0.3em 0.8em 0.5em; color: var(--transcript-muted); }

.ansi-bold { font-weight: bold; }
.ansi-dim { color: var(--transcript-muted); }
.ansi-italic { font-style: italic; }
.ansi-underline { text-decoration: underline; }
.ansi-strike { text-decoration: line-through; }
.ansi-inverse { background: var(--transcript-fg); color: var(--transcript-bg); }
.ansi-fg-0 { color: var(--ansi-0); } .ansi-fg-1 { color: var(--ansi-1); }
.ansi-fg-2 { color: var(--ansi-2); } .ansi-fg-3 { color: var(--ansi-3); }
.ansi-fg-4 { color: var(--ansi-4); } .ansi-fg-5 { color: var(--ansi-5); }
.ansi-fg-6 { color: var(--ansi-6); } .ansi-fg-7 { color: var(--ansi-7); }
.ansi-fg-8 { color: var(--ansi-8); } .ansi-fg-9 { color: var(--ansi-9); }
.ansi-fg-10 { color: var(--ansi-10); } .ansi-fg-11 { color: var(--ansi-11); }
.ansi-fg-12 { color: var(--ansi-12); } .ansi-fg-13 { color: var(--ansi-13); }
.ansi-fg-14 { color: var(--ansi-14); } .ansi-fg-15 { color: var(--ansi-15); }
.ansi-bg-0, .ansi-bg-1, .ansi-bg-2, .ansi-bg-3, .ansi-bg-4, .ansi-bg-5, .ansi-bg-6,
.ansi-bg-7, .ansi-bg-8, .ansi-bg-9, .ansi-bg-10, .ansi-bg-11, .ansi-bg-12,
.ansi-bg-13, .ansi-bg-14, .ansi-bg-15 { outline: 1px solid var(--transcript-border); }

/* Drawings (timelines under a transcript, `{{#chart}}`): inline SVG that keeps its size
   and scrolls inside its own box on a narrow screen; every colour is a theme variable.
   The chart's layout measures text as 0.6 em monospace. */
.transcript-drawing { overflow-x: auto; max-width: 100%; padding: 0.4em 0.8em 0.6em; }
.transcript-drawing svg.transcript-svg { display: block; max-width: none; }
.transcript-drawing svg text { fill: var(--transcript-fg); font-family: var(--mono-font, monospace); }
.transcript-timeline .tl-threads { fill: var(--transcript-muted); }
.transcript-timeline .tl-running { fill: var(--ansi-4); }
.transcript-timeline .tl-waiting { fill: var(--transcript-muted); }
.transcript-timeline .tl-grid { stroke: var(--transcript-border); stroke-dasharray: 2 3; }
.transcript-timeline .tl-axis line { stroke: var(--transcript-fg); }
.transcript-timeline .tl-start, .transcript-timeline .tl-end { stroke: var(--transcript-fg); stroke-width: 2; }
.transcript-timeline .tl-cancel { stroke: var(--ansi-1); stroke-width: 2; fill: none; }
.transcript-timeline .tl-cut { stroke: var(--transcript-fg); stroke-width: 2; fill: none; }
.transcript-timeline-note { margin: 0.3em 0 0; color: var(--transcript-muted); font-size: 0.9em; }
.transcript-chart { margin: 1em 0; padding: 0; }
.transcript-chart svg text { font-size: 14px; fill: var(--fg); }
.transcript-chart svg text.chart-title { font-weight: bold; }
.transcript-chart rect.chart-bar { fill: var(--links); }
</style>
<script data-from="mdbook-transcript">
// mdbook-transcript: the copy button of a transcript copies its command alone.
(function () {
    if (window.mdbookTranscript) {
        return; // print.html holds every page, and with it this script many times
    }
    window.mdbookTranscript = true;
    function copied(button) {
        button.classList.add('copied');
        button.setAttribute('aria-label', 'Copied');
        setTimeout(function () {
            button.classList.remove('copied');
            button.setAttribute('aria-label', 'Copy the command');
        }, 1500);
    }
    function fallback(text, button) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        if (document.execCommand('copy')) {
            copied(button);
        }
        document.body.removeChild(area);
    }
    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.transcript-copy');
        if (!button) {
            return;
        }
        var text = button.getAttribute('data-command');
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                copied(button);
            }, function () {
                fallback(text, button);
            });
        } else {
            fallback(text, button);
        }
    });
})();
</script>
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
