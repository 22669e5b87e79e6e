use super::*;

fn listing(caption: Option<&str>) -> Listing {
    let mut listing = Listing::fixture(Path::new("code/demo"));
    listing.meta.caption = caption.map(str::to_string);
    listing
}

fn capture(outcome: Outcome, stdout: &str, stderr: &str) -> Capture {
    Capture {
        stdout: stdout.into(),
        stderr: stderr.into(),
        ..Capture::fixture(outcome)
    }
}

#[test]
fn every_captured_byte_is_escaped() {
    let html = render_transcript(
        &listing(None),
        &capture(
            Outcome::Exited {
                code: 0,
                panicked: false,
            },
            "<script>alert('x')</script> & more\n",
            "",
        ),
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
}

#[test]
fn a_transcript_shows_the_command_and_a_nonzero_status() {
    let html = render_transcript(
        &listing(None),
        &capture(
            Outcome::Exited {
                code: 101,
                panicked: true,
            },
            "",
            "thread 'main' panicked\n",
        ),
    );
    assert!(html.contains("$ cargo run -p demo"), "{html}");
    assert!(
        html.contains("<span class=\"transcript-stderr\">thread &#39;main&#39; panicked\n</span>"),
        "{html}"
    );
    assert!(html.contains("[panic (exit 101)]"), "{html}");
}

#[test]
fn a_listing_has_label_caption_file_code_and_transcript() {
    let caption = Caption {
        label: Some("Listing 12-1".into()),
        file: Path::new("code/demo/src/main.rs"),
    };
    let markdown = render_listing(
        &listing(Some("Using `join!`")),
        "fn main() {}\n",
        None,
        &caption,
        Some(&capture(
            Outcome::Exited {
                code: 0,
                panicked: false,
            },
            "hi\n",
            "",
        )),
    )
    .unwrap();
    assert!(
        markdown.contains(
            "<span class=\"listing-label\">Listing 12-1:</span> Using <code>join!</code>"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("```rust,noplayground\nfn main() {}\n```"),
        "{markdown}"
    );
    assert!(markdown.contains("code/demo/src/main.rs"), "{markdown}");
    assert!(
        markdown.contains("<span class=\"transcript-stdout\">hi\n</span>"),
        "{markdown}"
    );
}

#[test]
fn the_fence_is_longer_than_any_backtick_run_in_the_code() {
    let caption = Caption {
        label: None,
        file: Path::new("main.rs"),
    };
    let markdown = render_listing(&listing(None), "// ```` four\n", None, &caption, None).unwrap();
    assert!(markdown.contains("`````rust,noplayground\n"), "{markdown}");
}

#[test]
fn a_directive_indented_in_a_list_item_keeps_its_replacement_in_the_item() {
    let content = "- item\n\n  {{#output demo}}\n";
    let at = content.find("{{").unwrap();
    assert_eq!(
        indent_continuation(content, at, "<pre>\none\n\ntwo</pre>\n"),
        "<pre>\n  one\n\n  two</pre>"
    );
    assert_eq!(indent_continuation("text {{", 5, "a\nb\n"), "a\nb");
}

#[test]
fn an_anchor_may_have_its_own_caption_and_a_part_may_come_without_output() {
    let mut demo = listing(Some("The whole program"));
    demo.meta
        .anchor_captions
        .insert("helper".into(), "Just the `helper`".into());
    let source = "// ANCHOR: helper\nfn helper() {}\n// ANCHOR_END: helper\nfn main() {}\n";
    let caption = Caption {
        label: None,
        file: Path::new("main.rs"),
    };
    let part = render_listing(&demo, source, Some("helper"), &caption, None).unwrap();
    assert!(part.contains("Just the <code>helper</code>"), "{part}");
    assert!(!part.contains("transcript"), "{part}");
}
