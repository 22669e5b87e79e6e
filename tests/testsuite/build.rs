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

<style data-from="mdbook-transcript">[shipped]</style>
<script data-from="mdbook-transcript">[shipped]</script>
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

    book.run_with(&["build"], &[("CARGO", &book.logging_cargo())])
        .assert_success()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 1 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
    let calls = book.cargo_calls();
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
