//! `build`: the book is rendered with each listing's real output; a second build with
//! nothing changed runs nothing.

use snapbox::str;

use crate::support::{BookTest, figures, main_of};

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
    // The whole page body: heading, the figure (caption, source, output), prose, and the
    // output again.
    book.assert_data_eq(main_of(&book.html("chapter.md")), str![[r##"
<main>
                        <h1 id="chapter"><a class="header" href="#chapter">Chapter</a></h1>
<figure class="listing" id="listing-hello">
<figcaption><span class="listing-label">Listing 1-1:</span> Saying <code>hello</code> <span class="listing-file"><span>listings</span>/<wbr><span>hello</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>
<pre><code class="language-rust noplayground">fn main() {
    println!("hello from a real program");
}</code></pre>
<div class="transcript" id="output-hello" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">hello from a real program
</pre>

</div>

</figure>
<p>And again:</p>
<div class="transcript" id="output-hello-2" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">hello from a real program
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
"##]]);
}

#[test]
fn a_snapshot_with_the_key_and_output_is_written_beside_the_listing() {
    let book = hello_book();
    book.run(&["build"]).assert_success();
    book.snapshot_eq(
        "hello",
        str![[r##"
# The real output of listing `hello`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "hello"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p hello"
outcome = "exit 0"
stdout = """
hello from a real program
"""
stderr = ""

"##]],
    );
}

#[test]
fn a_second_build_with_nothing_changed_runs_nothing_and_starts_no_cargo_build() {
    let book = hello_book();
    book.run(&["build"]).assert_success();
    let before = book.snapshot("hello");

    // A cargo that records how it is called, then does the real thing.
    let log = book.path("cargo-calls.log");
    let wrapper = book.write_script(
        "cargo-wrapper.sh",
        &format!(
            "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            crate::support::cargo()
        ),
    );

    book.run_with(&["build"], &[("CARGO", wrapper.to_str().unwrap())])
        .assert_success()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 1 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
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
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 1 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
}

#[test]
fn editing_a_listing_reruns_only_that_listing() {
    let mut book = hello_book();
    book.listing("other", "fn main() {\n    println!(\"other\");\n}\n", "")
        .page("second.md", "{{#output other}}\n");
    book.run(&["build"]).assert_success();
    let other = book.snapshot("other");
    book.edit_listing("hello", "fn main() {\n    println!(\"changed\");\n}\n");
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 1 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
    let html = book.html("chapter.md");
    book.assert_data_eq(crate::support::transcripts(&html)[0], str![[r#"
<div class="transcript" id="output-hello" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">changed
</pre>

</div>
"#]]);
    assert_eq!(book.snapshot("other"), other);
}

#[test]
fn listing_labels_follow_the_summary_numbering_and_the_chapter_offset() {
    let mut book = hello_book();
    book.page("second.md", "{{#listing hello}}\n");
    book.configure("chapter-offset = 11");
    book.run(&["build"]).assert_success();
    let label = |page: &str| {
        let html = book.html(page);
        let figure = figures(&html)[0];
        let start = figure.find("<figcaption>").expect("a caption");
        let end = figure.find("</figcaption>").expect("a closed caption");
        figure[start..end + "</figcaption>".len()].to_string()
    };
    book.assert_data_eq(label("chapter.md"), str![[r#"<figcaption><span class="listing-label">Listing 12-1:</span> Saying <code>hello</code> <span class="listing-file"><span>listings</span>/<wbr><span>hello</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>"#]]);
    book.assert_data_eq(label("second.md"), str![[r#"<figcaption><span class="listing-label">Listing 13-1:</span> Saying <code>hello</code> <span class="listing-file"><span>listings</span>/<wbr><span>hello</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>"#]]);
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
    book.snapshot_eq(
        "uses-support",
        str![[r##"
# The real output of listing `uses-support`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "uses-support"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p uses-support"
outcome = "exit 0"
stdout = """
inner v1
"""
stderr = ""

"##]],
    );

    book.write(
        "code/listings/inner/src/lib.rs",
        "pub fn word() -> &'static str { \"inner v2\" }\n",
    );
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
    book.snapshot_eq(
        "uses-support",
        str![[r##"
# The real output of listing `uses-support`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "uses-support"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p uses-support"
outcome = "exit 0"
stdout = """
inner v2
"""
stderr = ""

"##]],
    );
}

#[test]
fn a_captions_file_links_to_the_repository_when_the_book_names_one_at_the_chosen_ref() {
    let mut book = BookTest::new();
    book.listing("linked", "fn main() {}\n", "")
        .page("chapter.md", "# Chapter\n\n{{#listing linked}}\n");
    book.configure("source-ref = \"v2.0\"");
    let config = book.read("book.toml");
    book.write(
        "book.toml",
        &format!("{config}\n[output.html]\ngit-repository-url = \"https://example.com/book\"\n"),
    );
    book.run(&["build"]).assert_success();
    assert!(
        book.html("chapter.md").contains(
            "<a class=\"listing-file\" href=\"https://example.com/book/blob/v2.0/code/listings/linked/src/main.rs\"><span>listings</span>/<wbr><span>linked</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></a>"
        ),
        "{}",
        book.html("chapter.md")
    );
}
