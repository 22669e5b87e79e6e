//! `check --report FORMAT=PATH`: each listing's result written for CI to read, as JUnit
//! XML (`junit`, one test case per listing) or JSON (`json`). Writes files, prints
//! nothing.

use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};
use serde::Serialize;

use crate::files::{FileError, write_atomically};
use crate::listing::read::closest;

/// The formats a report can take, by the name `--report` gives them.
const FORMATS: [&str; 2] = ["junit", "json"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Junit,
    Json,
}

/// One `--report FORMAT=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportSpec {
    pub(crate) format: Format,
    pub(crate) path: PathBuf,
}

impl FromStr for ReportSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<ReportSpec, String> {
        let expected = "expected junit=PATH or json=PATH";
        let Some((format, path)) = text.split_once('=') else {
            return Err(format!("no `=` in `{text}`: {expected}"));
        };
        let format = match format {
            "junit" => Format::Junit,
            "json" => Format::Json,
            other => {
                let hint = closest(other, &FORMATS)
                    .map(|known| format!(" (did you mean `{known}`?)"))
                    .unwrap_or_default();
                return Err(format!("unknown report format `{other}`{hint}: {expected}"));
            }
        };
        let path = PathBuf::from(path);
        if path.as_os_str().is_empty() {
            return Err(format!(
                "no path after `{}=`: {expected}",
                FORMATS[format as usize]
            ));
        }
        let dir = path.parent().filter(|dir| !dir.as_os_str().is_empty());
        if let Some(dir) = dir.filter(|dir| !dir.is_dir()) {
            return Err(format!(
                "the directory `{}` does not exist (create it first: the report is written there after the check)",
                dir.display()
            ));
        }
        Ok(ReportSpec { format, path })
    }
}

/// One listing's result, as a report shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ListingResult {
    pub(crate) name: String,
    /// Where the book uses it (`src/page.md:3:1`), the first place first.
    pub(crate) pages: Vec<String>,
    /// How long its runs took, when it ran.
    pub(crate) seconds: Option<f64>,
    pub(crate) passed: bool,
    /// Every problem, in full (headline, places, details such as a diff).
    pub(crate) failures: Vec<String>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    shard: Option<String>,
    listings: &'a [ListingResult],
}

/// Writes `results` to `spec.path` in its format, atomically.
pub(crate) fn write(
    spec: &ReportSpec,
    results: &[ListingResult],
    shard: Option<String>,
) -> Result<(), FileError> {
    let text = match spec.format {
        Format::Json => {
            let report = JsonReport {
                shard,
                listings: results,
            };
            serde_json::to_string_pretty(&report).expect("a report serialises")
        }
        Format::Junit => junit(results, shard.as_deref()),
    };
    write_atomically(&spec.path, text.as_bytes())
}

fn junit(results: &[ListingResult], shard: Option<&str>) -> String {
    let name = shard.map_or("mdbook-transcript".to_string(), |shard| {
        format!("mdbook-transcript shard {shard}")
    });
    let mut suite = TestSuite::new(name.clone());
    for result in results {
        let status = if result.passed {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let headline = result.failures.first().and_then(|f| f.lines().next());
            status.set_message(headline.unwrap_or("failed").trim_start_matches("error: "));
            status.set_description(result.failures.join("\n"));
            status
        };
        let mut case = TestCase::new(result.name.clone(), status);
        if let Some(page) = result.pages.first() {
            case.set_classname(page_of(page));
        }
        if let Some(seconds) = result.seconds {
            case.set_time(Duration::from_secs_f64(seconds));
        }
        suite.add_test_case(case);
    }
    let mut report = Report::new(name);
    report.add_test_suite(suite);
    report.to_string().expect("a JUnit report serialises")
}

/// The page of a place `src/page.md:3:1`.
fn page_of(place: &str) -> &str {
    place.split(':').next().unwrap_or(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ReportSpec, String> {
        text.parse()
    }

    #[test]
    fn a_report_reads_as_format_equals_path_and_a_misspelt_format_gets_a_hint() {
        assert_eq!(
            parse("json=out.json"),
            Ok(ReportSpec {
                format: Format::Json,
                path: "out.json".into()
            })
        );
        assert_eq!(
            parse("jsno=out.json"),
            Err("unknown report format `jsno` (did you mean `json`?): expected junit=PATH or json=PATH".into())
        );
        assert_eq!(
            parse("out.xml"),
            Err("no `=` in `out.xml`: expected junit=PATH or json=PATH".into())
        );
    }
}
