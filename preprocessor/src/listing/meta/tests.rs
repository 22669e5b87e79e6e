use super::*;
use crate::report::line_and_column;

const PACKAGE: &str = "[package]\nname = \"demo\"\nversion = \"0.1.0\"\n\n";

fn meta(table: &str) -> Result<ListingMeta, MetaError> {
    ListingMeta::from_manifest(&format!(
        "{PACKAGE}[package.metadata.transcript]\n{table}\n"
    ))
}

/// The error for `table`, with the line and column it points at.
fn error(table: &str) -> (usize, usize, String) {
    let text = format!("{PACKAGE}[package.metadata.transcript]\n{table}\n");
    let error = ListingMeta::from_manifest(&text).unwrap_err();
    let (line, column) = line_and_column(&text, error.span.start);
    (line, column, error.message)
}

#[test]
fn no_table_means_expect_success() {
    let meta = ListingMeta::from_manifest(PACKAGE).unwrap();
    assert_eq!(meta.expect, Expectation::Success);
}

#[test]
fn every_expectation_form_is_read() {
    let cases = [
        ("\"success\"", Expectation::Success),
        ("\"panic\"", Expectation::Panic),
        ("{ exit = 2 }", Expectation::Exit(2)),
        (
            "{ compile-error = \"E0728\" }",
            Expectation::CompileError("E0728".into()),
        ),
        (
            "{ compile-error = \"future cannot be sent between threads safely\" }",
            Expectation::CompileError("future cannot be sent between threads safely".into()),
        ),
        (
            "{ warning = \"unused_must_use\" }",
            Expectation::Warning("unused_must_use".into()),
        ),
    ];
    for (written, expected) in cases {
        assert_eq!(
            meta(&format!("expect = {written}")).unwrap().expect,
            expected
        );
    }
}

#[test]
fn a_misspelt_expectation_is_an_error_that_suggests_and_lists_the_forms() {
    assert_eq!(
        error("expect = \"sucess\""),
        (
            6,
            10,
            "`expect`: unknown expectation \"sucess\" (did you mean \"success\"?); use \"success\", \"panic\", \"timeout\", { exit = N }, { compile-error = \"E0000\" } or { warning = \"lint_name\" }".into()
        )
    );
    assert_eq!(
        error("expect = { exit = \"1\" }").2,
        "`expect.exit`: expected a number (the exit status), such as { exit = 2 }, found the string \"1\""
    );
}

#[test]
fn an_error_code_that_is_not_one_is_a_slip_not_a_message() {
    assert_eq!(
        error("expect = { compile-error = \"E382\" }"),
        (
            6,
            28,
            "`expect.compile-error`: `E382` is not an error code (rustc's are E and four digits): did you mean `E0382`?".into()
        )
    );
    assert_eq!(
        error("expect = { compile-error = \"e0382\" }").2,
        "`expect.compile-error`: `e0382` is not an error code (rustc's are E and four digits): did you mean `E0382`?"
    );
}

#[test]
fn a_wrong_type_names_the_key_and_the_expected_form() {
    assert_eq!(
        error("timeout = 5"),
        (
            6,
            11,
            "`timeout`: expected a duration such as \"5s\" or \"500ms\", found the integer 5"
                .into()
        )
    );
    assert_eq!(
        error("exclusive = \"yes\"").2,
        "`exclusive`: expected `true` or `false`, found the string \"yes\""
    );
    assert_eq!(
        error("timeout = \"soon\"").2,
        "`timeout`: expected a duration such as \"30s\" or \"500ms\", found \"soon\""
    );
}

#[test]
fn an_unknown_key_is_an_error_with_a_suggestion() {
    assert_eq!(
        error("captoin = \"x\""),
        (
            6,
            1,
            "unknown key `captoin` in [package.metadata.transcript]: did you mean `caption`?"
                .into()
        )
    );
}

#[test]
fn a_misspelt_table_name_is_an_error_not_silence() {
    for written in ["trancsript", "Transcript", "transcripts"] {
        let text = format!("{PACKAGE}[package.metadata.{written}]\ncaption = \"x\"\n");
        let error = ListingMeta::from_manifest(&text).unwrap_err();
        assert_eq!(
            error.message,
            format!(
                "`[package.metadata.{written}]` is not read by mdbook-transcript: did you mean `[package.metadata.transcript]`?"
            )
        );
        assert_eq!(line_and_column(&text, error.span.start).0, 5);
    }
    let other = format!("{PACKAGE}[package.metadata.docs.rs]\nall-features = true\n");
    assert!(ListingMeta::from_manifest(&other).is_ok());
}

#[test]
fn redactions_replace_every_match_and_a_bad_pattern_is_named() {
    let meta = meta("redact = [{ pattern = '\\d+ ms', with = \"[TIME] ms\" }]").unwrap();
    assert_eq!(
        Redaction::apply_all(&meta.redact, "took 301 ms, then 12 ms"),
        "took [TIME] ms, then [TIME] ms"
    );
    let (line, _, message) = error("redact = [{ pattern = '(', with = \"x\" }]");
    assert_eq!(line, 6);
    assert!(
        message.starts_with("`redact[0].pattern`: bad pattern \"(\": regex parse error"),
        "{message}"
    );
}

#[test]
fn a_value_pattern_needs_exactly_one_group() {
    let meta = meta("values = { peak = 'peak in flight: (\\d+)' }").unwrap();
    assert_eq!(meta.values["peak"].as_str(), "peak in flight: (\\d+)");
    assert_eq!(
        error("values = { peak = 'peak (\\d+) of (\\d+)' }").2,
        "`values.peak`: the pattern \"peak (\\\\d+) of (\\\\d+)\" has 2 groups; it needs exactly one, around the value"
    );
}

#[test]
fn a_chart_draws_declared_values_with_a_title_and_a_unit() {
    let table = "values = { a = 'a (\\d+)', b = 'b (\\d+)' }\n\
                 charts = { times = { title = \"Times\", bars = [\"a\", \"b\"], unit = \"ms\" } }";
    let meta = meta(table).unwrap();
    assert_eq!(
        meta.charts["times"],
        crate::listing::chart::Chart {
            title: "Times".to_string(),
            unit: Some("ms".to_string()),
            bars: vec!["a".to_string(), "b".to_string()],
        }
    );
}

#[test]
fn a_chart_bar_names_a_declared_value_or_the_error_says_which() {
    let values = "values = { sequential = 's (\\d+)', threads = 't (\\d+)' }\n";
    assert_eq!(
        error(&format!(
            "{values}charts = {{ t = {{ title = \"T\", bars = [\"sequental\"] }} }}"
        ))
        .2,
        "`charts.t.bars[0]`: no value `sequental` is declared under `values`: did you mean `sequential`?"
    );
    assert_eq!(
        error(&format!(
            "{values}charts = {{ t = {{ title = \"T\", bars = [] }} }}"
        ))
        .2,
        "`charts.t.bars`: expected at least one value name, found an array"
    );
    assert_eq!(
        error(&format!(
            "{values}charts = {{ t = {{ bars = [\"threads\"] }} }}"
        ))
        .2,
        "`charts.t`: needs a `title`"
    );
    assert_eq!(
        error(&format!(
            "{values}charts = {{ t = {{ title = \"T\", bars = [\"threads\"], units = \"s\" }} }}"
        ))
        .2,
        "unknown key `units` in `charts.t`: did you mean `unit`?"
    );
}
