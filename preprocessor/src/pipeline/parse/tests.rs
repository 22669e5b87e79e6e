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
    let content = "# Title\n\n{{#listing hello}}\n\n- An item\n\n  {{#listing hello:main}}\n\n{{#output hello}}\n";
    let found: Vec<Directive> = parse_directives(content)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(found.len(), 3);
    assert_eq!(
        found[0].kind,
        DirectiveKind::Listing {
            file: None,
            anchor: None
        }
    );
    assert_eq!(position(content, &found[0].range), (3, 1));
    assert_eq!(
        found[1].kind,
        DirectiveKind::Listing {
            file: None,
            anchor: Some("main".into())
        }
    );
    assert_eq!(position(content, &found[1].range), (7, 3));
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

/// The error each directive of `content` is, in words.
fn errors(content: &str) -> Vec<String> {
    parse_directives(content)
        .into_iter()
        .map(|found| found.expect_err("an error").kind.to_string())
        .collect()
}

#[test]
fn a_block_directive_inside_a_paragraph_is_an_error_even_split_by_emphasis() {
    let in_paragraph = "`{{#output x}}` shows a block (code, output or a chart) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after";
    for content in [
        "*see {{#output x}} here*\n",
        "Text on the line before\n{{#output x}}\n",
        "# A heading {{#output x}}\n",
        "- an item {{#output x}}\n",
    ] {
        assert_eq!(errors(content), [in_paragraph], "{content}");
    }
    assert_eq!(
        names("Text.\n\n{{#output x}}\n\n- item\n\n  {{#output y}}\n"),
        ["x", "y"]
    );
}

#[test]
fn every_near_miss_of_a_directive_name_is_an_error_with_a_suggestion() {
    assert_eq!(
        errors("{{#lsting x}}\n\n{{#ouput x}}\n\n{{#listings x}}\n"),
        [
            "unknown directive `{{#lsting}}`: did you mean `{{#listing}}`? (in `{{#lsting x}}`)",
            "unknown directive `{{#ouput}}`: did you mean `{{#output}}`? (in `{{#ouput x}}`)",
            "unknown directive `{{#listings}}`: did you mean `{{#listing}}`? (in `{{#listings x}}`)",
        ]
    );
    let misshapen = |found: &str, meant: &str| {
        format!(
            "`{found}` is not how the directive is written: did you mean `{meant}`? (`{{{{#` and the name together, in lower case)"
        )
    };
    assert_eq!(
        errors("{{#Listing x}}\n\n{{ #listing x }}\n\n{{# OUTPUT x}}\n"),
        [
            misshapen("{{#Listing x}}", "{{#listing x}}"),
            misshapen("{{ #listing x }}", "{{#listing x}}"),
            misshapen("{{# OUTPUT x}}", "{{#output x}}"),
        ]
    );
}

#[test]
fn an_unknown_option_is_an_error_that_says_what_the_directive_takes() {
    assert_eq!(
        errors("{{#listing demo extra}}\n"),
        [
            "unexpected `extra` in `{{#listing demo extra}}`: `{{#listing}}` takes a listing name, an optional `/FILE` and an optional `:ANCHOR`, and no options"
        ]
    );
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
fn mdbooks_own_directives_and_names_far_from_ours_are_left_alone() {
    assert!(
        parse_directives(
            "{{#include file.rs}} {{#rustdoc_include x.rs:2}} {{#playground p.rs}} {{#title T}} {{#cmdrun ls}} {{#template t.md}}"
        )
        .is_empty()
    );
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

#[test]
fn a_listing_may_name_a_file_and_refs_and_values_are_inline() {
    let content = "{{#listing grep/src/lib.rs:search}}\n\nSee {{#listing-ref grep}}: it found {{#value grep:count}} lines.\n";
    let kinds: Vec<DirectiveKind> = parse_directives(content)
        .into_iter()
        .map(|found| found.unwrap().kind)
        .collect();
    assert_eq!(
        kinds,
        [
            DirectiveKind::Listing {
                file: Some("src/lib.rs".into()),
                anchor: Some("search".into())
            },
            DirectiveKind::ListingRef,
            DirectiveKind::Value {
                key: "count".into()
            },
        ]
    );
    assert_eq!(
        errors("See {{#value grep}}.\n\n{{#listing-ref grep:part}}\n"),
        [
            "expected `{{#value NAME:KEY}}`, with the name of a value the listing declares under `values`, found `{{#value grep}}`",
            "`{{#listing-ref}}` takes no anchor (it names the whole listing): `{{#listing-ref grep:part}}`",
        ]
    );
}

#[test]
fn a_chart_names_a_declared_chart_and_stands_alone() {
    let kinds: Vec<DirectiveKind> = parse_directives("{{#chart bench:times}}\n")
        .into_iter()
        .map(|found| found.unwrap().kind)
        .collect();
    assert_eq!(
        kinds,
        [DirectiveKind::Chart {
            chart: "times".into()
        }]
    );
    assert_eq!(
        errors("{{#chart bench}}\n\nThe times: {{#chart bench:times}}.\n\n{{#chrt bench:times}}\n"),
        [
            "expected `{{#chart NAME:CHART}}`, with the name of a chart the listing declares under `charts`, found `{{#chart bench}}`",
            "`{{#chart bench:times}}` shows a block (code, output or a chart) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after",
            "unknown directive `{{#chrt}}`: did you mean `{{#chart}}`? (in `{{#chrt bench:times}}`)",
        ]
    );
}
