//! Valid pages: no block element opens inside an open paragraph, on any built page of the
//! real book (rendered as the browser test renders it) nor of a fixture that shows the
//! check catching one. No browser needed, so it always runs.
//!
//! The raw source is checked, not a parsed DOM: an HTML parser silently closes an open
//! `<p>` when a block element starts in it (and turns the stray `</p>` after the block
//! into an empty paragraph), so the DOM of `<p>Text <div>x</div> more</p>` is valid
//! HTML made of two paragraphs and a div, and only the source shows that the page says
//! something else than was meant, as a transcript rendered inside a paragraph would.

use std::fs;
use std::path::{Path, PathBuf};

use snapbox::str;

use crate::support::{BookTest, render_real_book};

/// The elements whose start tag closes an open `<p>` (the HTML standard's list, at "A p
/// element's end tag may be omitted if..."): each is a block that cannot be in one.
const CLOSES_A_PARAGRAPH: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "dialog",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "table",
    "ul",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Elements whose content is text, not tags, up to their end tag.
const TEXT_ONLY: &[&str] = &["script", "style", "textarea", "title", "pre"];

/// A block element that opens inside an open paragraph.
#[derive(Debug)]
struct Misplaced {
    /// The block's tag name.
    block: String,
    /// The lines (from 1) of the block's start tag and of the paragraph's.
    line: usize,
    paragraph_line: usize,
    /// The source from the paragraph's start to the block's start tag, at most 120 chars,
    /// with each line break shown as `⏎`.
    context: String,
}

/// Every block element of `html` that opens inside an open `<p>`, scanning the source
/// with a small tokenizer over tags: comments, doctypes, attribute values (quoted, with
/// `>` in them) and the contents of `script`, `style`, `textarea`, `title` and `pre` are
/// skipped. Open elements are kept on a stack; an end tag closes up to its element (a
/// stray one is ignored), and a misplaced block closes the paragraph, as a parser does,
/// so that one mistake is reported once.
fn blocks_in_paragraphs(html: &str) -> Vec<Misplaced> {
    let line_of = |at: usize| html[..at].matches('\n').count() + 1;
    let lower = html.to_ascii_lowercase();
    let mut open: Vec<(String, usize)> = Vec::new(); // (tag name, byte offset of its `<`)
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |end| start + end + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            at = rest.find('>').map_or(html.len(), |end| start + end + 1);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(html.len() - name_start);
        if name_len == 0 || !html[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            at = start + 1; // a `<` in text
            continue;
        }
        let name = lower[name_start..name_start + name_len].to_string();
        let end = tag_end(html, name_start + name_len);
        at = end;
        if closing {
            if let Some(index) = open.iter().rposition(|(tag, _)| *tag == name) {
                open.truncate(index);
            }
            continue;
        }
        if CLOSES_A_PARAGRAPH.contains(&name.as_str())
            && let Some(index) = open.iter().rposition(|(tag, _)| tag == "p")
        {
            let paragraph = open[index].1;
            let context: String = html[paragraph..end].chars().take(120).collect();
            found.push(Misplaced {
                block: name.clone(),
                line: line_of(start),
                paragraph_line: line_of(paragraph),
                context: context.replace('\n', "⏎"),
            });
            open.truncate(index);
        }
        let self_closing = html[..end].ends_with("/>");
        if TEXT_ONLY.contains(&name.as_str()) {
            let close = format!("</{name}");
            at = lower[end..].find(&close).map_or(html.len(), |i| end + i);
            continue;
        }
        if !VOID.contains(&name.as_str()) && !self_closing {
            open.push((name, start));
        }
    }
    found
}

/// Where the tag whose name ends at `from` ends: after its `>`, skipping quoted values.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Every `.html` file under `dir`, sorted.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).expect("read the built book") {
        let path = entry.expect("a dir entry").path();
        if path.is_dir() {
            found.extend(pages(&path));
        } else if path.extension().is_some_and(|ext| ext == "html") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// Each misplaced block of every page under `book`, one line each.
fn report(book: &Path) -> (usize, String) {
    let pages = pages(book);
    let mut lines = String::new();
    for page in &pages {
        let html = fs::read_to_string(page).expect("a page is UTF-8");
        for misplaced in blocks_in_paragraphs(&html) {
            lines.push_str(&format!(
                "{}:{}: <{}> inside the <p> of line {}: {}\n",
                page.strip_prefix(book).unwrap_or(page).display(),
                misplaced.line,
                misplaced.block,
                misplaced.paragraph_line,
                misplaced.context
            ));
        }
    }
    (pages.len(), lines)
}

#[test]
fn no_page_of_the_real_book_opens_a_block_inside_a_paragraph() {
    let copy = render_real_book();
    let (count, misplaced) = report(&copy.path().join("book"));
    assert!(
        count >= 12,
        "the real book should have its chapters, and more: {count} page(s)"
    );
    assert!(
        misplaced.is_empty(),
        "block elements inside paragraphs, which the browser silently moves out:\n{misplaced}"
    );
}

/// The tool rejects a directive inside a paragraph, so raw HTML in the Markdown makes
/// one: `<div>` and `<figure>` in a line of text stay inside its paragraph. An HTML
/// block of its own (a `<div>` that starts a line after a blank one) is no paragraph's.
/// (mdBook puts the inline `<div>` on a line of its own, hence the `⏎`.)
#[test]
fn a_block_inside_a_paragraph_is_caught() {
    let mut book = BookTest::with_listing("hello", "fn main() {}\n", "");
    book.page(
        "raw.md",
        "# Raw\n\nText <div>x</div> more.\n\nA figure <figure>y</figure> here, a <span>span</span> is fine.\n\n<div>\nA block of its own.\n</div>\n",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("raw.md");
    let found: Vec<String> = blocks_in_paragraphs(&html)
        .iter()
        .map(|misplaced| format!("<{}>: {}", misplaced.block, misplaced.context))
        .collect();
    book.assert_data_eq(
        found.join("\n") + "\n",
        str![[r#"
<div>: <p>Text ⏎<div>
<figure>: <p>A figure <figure>

"#]],
    );
    let (_, chapter) = report(&book.path("book"));
    assert!(
        !chapter.contains("chapter.html"),
        "a page with a transcript alone is valid:\n{chapter}"
    );
}

#[test]
fn the_scan_skips_what_holds_no_tags() {
    let scan = |html: &str| -> Vec<String> {
        blocks_in_paragraphs(html)
            .iter()
            .map(|misplaced| format!("<{}> at line {}", misplaced.block, misplaced.line))
            .collect()
    };
    let none: Vec<String> = Vec::new();
    assert_eq!(scan("<p>a</p><div>b</div>"), none, "closed first");
    assert_eq!(scan("<p>a <script>'<div>'</script></p>"), none, "script");
    assert_eq!(scan("<p>a <style>p>div{}</style></p>"), none, "style");
    assert_eq!(scan("<pre><p><div></pre>"), none, "pre's text");
    assert_eq!(scan("<p>a <!-- <div> --></p>"), none, "comment");
    assert_eq!(scan("<p>a <a title=\"<div>\">b</a></p>"), none, "attribute");
    assert_eq!(scan("<p>a <br/> b <img src=x> c</p>"), none, "void");
    assert_eq!(scan("<p>1 < 2</p>"), none, "a < in text");
    assert_eq!(
        scan("<div><p>a</div><div>b</div>"),
        none,
        "closed by its parent"
    );
    assert_eq!(scan("<p>a\n<DIV>b</DIV></p>"), ["<div> at line 2"]);
    assert_eq!(scan("<p>a <span><ul></ul></span></p>"), ["<ul> at line 1"]);
    assert_eq!(scan("<p>a <p>b</p>"), ["<p> at line 1"]);
    assert_eq!(
        scan("<p>a <pre>b</pre> c <table></table></p>"),
        ["<pre> at line 1"],
        "the first block closes the paragraph, as the parser does"
    );
}
