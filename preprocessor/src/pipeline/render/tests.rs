use super::*;
use crate::listing::Listing;

fn listing(caption: Option<&str>) -> Listing {
    let mut listing = Listing::fixture(Path::new("/book/code/demo"));
    listing.meta.caption = caption.map(str::to_string);
    listing
}

fn figure<'a>(listing: &'a Listing, source: &'a str, anchor: Option<&'a str>) -> Figure<'a> {
    Figure {
        listing,
        file: Path::new("src/main.rs"),
        source,
        anchor,
        label: Some("Listing 12-1"),
        id: "listing-demo",
        shown_path: Path::new("demo/src/main.rs"),
        link: None,
    }
}

#[test]
fn a_listing_has_label_caption_file_code_and_transcript() {
    let demo = listing(Some("Using `join!`"));
    let markdown = listing::figure(
        &figure(&demo, "fn main() {}\n", None),
        Some("<div class=\"transcript\"></div>\n"),
    )
    .unwrap();
    assert_eq!(
        markdown,
        "<figure class=\"listing\" id=\"listing-demo\">\n\
         <figcaption><span class=\"listing-label\">Listing 12-1:</span> Using <code>join!</code> \
         <span class=\"listing-file\"><span>demo</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span></figcaption>\n\n\
         ```rust,noplayground\nfn main() {}\n```\n\n\
         <div class=\"transcript\"></div>\n\n</figure>\n"
    );
}

#[test]
fn the_file_links_to_the_repository_when_the_book_names_one() {
    let demo = listing(None);
    let links = SourceLinks {
        repository: "https://github.com/example/book/".into(),
        reference: "v1.2".into(),
        root: "/book".into(),
    };
    let with_link = Figure {
        link: Some(&links),
        ..figure(&demo, "fn main() {}\n", None)
    };
    let markdown = listing::figure(&with_link, None).unwrap();
    assert!(
        markdown.contains(
            "<a class=\"listing-file\" href=\"https://github.com/example/book/blob/v1.2/code/demo/src/main.rs\"><span>demo</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></a>"
        ),
        "{markdown}"
    );
}

#[test]
fn the_fence_is_longer_than_any_backtick_run_in_the_code() {
    let demo = listing(None);
    let markdown = listing::figure(&figure(&demo, "// ```` four\n", None), None).unwrap();
    assert!(markdown.contains("`````rust,noplayground\n"), "{markdown}");
}

#[test]
fn a_manifest_is_shown_as_toml_and_its_anchor_drops_the_rest() {
    let demo = listing(None);
    let manifest =
        "[package]\nname = \"demo\"\n# ANCHOR: deps\n[dependencies]\n# ANCHOR_END: deps\n";
    let toml = Figure {
        file: Path::new("Cargo.toml"),
        ..figure(&demo, manifest, Some("deps"))
    };
    let markdown = listing::figure(&toml, None).unwrap();
    assert!(
        markdown.contains("```toml\n[dependencies]\n```"),
        "{markdown}"
    );
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
fn an_anchor_may_have_its_own_caption() {
    let mut demo = listing(Some("The whole program"));
    demo.meta
        .anchor_captions
        .insert("helper".into(), "Just the `helper`".into());
    let source = "// ANCHOR: helper\nfn helper() {}\n// ANCHOR_END: helper\nfn main() {}\n";
    let part = listing::figure(&figure(&demo, source, Some("helper")), None).unwrap();
    assert!(part.contains("Just the <code>helper</code>"), "{part}");
    assert!(!part.contains("transcript"), "{part}");
}
