use super::*;
use crate::report::line_and_column;

fn position(content: &str, range: &Range<usize>) -> (usize, usize) {
    line_and_column(content, range.start)
}

fn names(content: &str) -> Vec<String> {
    parse_directives(content)
        .into_iter()
        .map(|found| found.expect("a valid directive").listing)
        .collect()
}

#[test]
fn finds_listing_anchor_and_output_directives_with_their_lines() {
    let content = "# Title\n\n{{#listing hello}}\n\nText {{#listing hello:main}} more.\n\n{{#output hello}}\n";
    let found: Vec<Directive> = parse_directives(content)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].kind, DirectiveKind::Listing { anchor: None });
    assert_eq!(position(content, &found[0].range), (3, 1));
    assert_eq!(
        found[1].kind,
        DirectiveKind::Listing {
            anchor: Some("main".into())
        }
    );
    assert_eq!(position(content, &found[1].range), (5, 6));
    assert_eq!(found[2].kind, DirectiveKind::Output);
    assert_eq!(&content[found[2].range.clone()], "{{#output hello}}");
}

#[test]
fn a_directive_in_a_code_span_or_code_block_stays_text() {
    let content = "Write `{{#listing quoted}}` to include.\n\n```md\n{{#listing fenced}}\n```\n\n    {{#output indented}}\n\n{{#listing real}}\n";
    assert_eq!(names(content), ["real"]);
}

#[test]
fn a_directive_in_an_html_comment_stays_text() {
    assert_eq!(
        names("<!-- {{#listing hidden}} -->\n\n{{#output shown}}\n"),
        ["shown"]
    );
}

#[test]
fn a_directive_split_by_emphasis_around_it_is_still_found() {
    assert_eq!(names("*see {{#output emphasised}} here*\n"), ["emphasised"]);
}

#[test]
fn an_unclosed_directive_is_an_error_with_its_position() {
    let content = "line one\n  {{#listing broken\n";
    let error = parse_directives(content)[0].clone().unwrap_err();
    assert_eq!(position(content, &error.range), (2, 3));
    assert_eq!(
        error.kind.to_string(),
        "`{{#listing` is not closed: expected `}}` on the same line"
    );
}

#[test]
fn a_missing_or_odd_name_is_an_error() {
    for bad in [
        "{{#listing}}",
        "{{#listing two names}}",
        "{{#listing :anchor}}",
    ] {
        let found = parse_directives(bad);
        assert!(found[0].is_err(), "{bad} should be rejected");
    }
}

#[test]
fn output_takes_no_anchor() {
    let error = parse_directives("{{#output name:anchor}}")[0]
        .clone()
        .unwrap_err();
    assert_eq!(
        error.kind.to_string(),
        "`{{#output}}` takes no anchor (it shows the whole program's output): `{{#output name:anchor}}`"
    );
}

#[test]
fn other_mdbook_directives_are_left_alone() {
    assert!(parse_directives("{{#include file.rs}} {{#listings x}}").is_empty());
}

#[test]
fn a_directive_below_an_included_file_is_located_in_the_file_as_written() {
    let written = "# Page\n\n{{#include notes.md}}\n\n{{#output hello}}\n";
    let content = "# Page\n\nline one\nline two\nline three\n\n{{#output hello}}\n";
    let directive = parse_directives(content).remove(0).unwrap();
    assert_eq!(position(content, &directive.range), (7, 1));
    let offset = offset_in_source(content, written, &directive.range).unwrap();
    assert_eq!(line_and_column(written, offset), (5, 1));
}

#[test]
fn a_directive_that_came_in_with_an_include_keeps_its_expanded_line() {
    let written = "# Page\n\n{{#include listing-use.md}}\n";
    let content = "# Page\n\n{{#output hello}}\n";
    let directive = parse_directives(content).remove(0).unwrap();
    assert_eq!(offset_in_source(content, written, &directive.range), None);
}
