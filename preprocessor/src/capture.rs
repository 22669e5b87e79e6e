//! What one listing did: the typed result where build, run, judge, snapshot and render
//! meet. `judge` puts it together from what the build and the run stages report.

mod paths;
mod styles;

use std::fmt;
use std::str::FromStr;

use anyhow::Result;
use serde::{Deserialize, Serialize};

pub(crate) use paths::{MachinePaths, Places};
pub(crate) use styles::Styles;

use crate::terminal;

/// The version of how a run is captured (environment, caps, notes, what counts as a
/// panic). It is part of every content key: bump it whenever a change to the tool can
/// change what a listing's capture holds, and every snapshot is taken again. The tool's
/// own version is in the key too, but that changes only at a release.
pub(crate) const CAPTURE_FORMAT: u32 = 3;

/// Everything a listing showed: compiler diagnostics, then the program's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Capture {
    pub(crate) outcome: Outcome,
    /// Lint names and error codes of the diagnostics, such as `unused_must_use`, `E0728`.
    #[serde(default)]
    pub(crate) codes: Vec<String>,
    /// The compiler's rendered diagnostics for this listing (empty when it had none).
    #[serde(default)]
    pub(crate) diagnostics: String,
    #[serde(default)]
    pub(crate) stdout: String,
    #[serde(default)]
    pub(crate) stderr: String,
    /// How the text above was coloured, when it was.
    #[serde(default, skip_serializing_if = "Styles::is_empty")]
    pub(crate) styles: Styles,
}

/// What the build and the run reported of a listing, as they printed it.
pub(crate) struct Printed<'a> {
    pub(crate) diagnostics: &'a str,
    pub(crate) stdout: &'a str,
    pub(crate) stderr: &'a str,
}

/// How a listing ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The compiler rejected it.
    CompileError,
    /// It ran and exited with this status; `panicked` when the status is Rust's panic
    /// status (101) and stderr says so.
    Exited { code: i32, panicked: bool },
    /// It was killed by a signal it did not ask for.
    Signalled(i32),
    /// It ran past its timeout and was killed.
    TimedOut { after_ms: u128 },
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::CompileError => write!(f, "compile error"),
            Outcome::Exited {
                code,
                panicked: true,
            } => write!(f, "panic (exit {code})"),
            Outcome::Exited {
                code,
                panicked: false,
            } => write!(f, "exit {code}"),
            Outcome::Signalled(signal) => write!(f, "signal {signal}"),
            Outcome::TimedOut { after_ms } => write!(f, "timed out after {after_ms} ms"),
        }
    }
}

impl FromStr for Outcome {
    type Err = anyhow::Error;

    fn from_str(text: &str) -> Result<Outcome> {
        let between = |prefix: &str, suffix: &str| text.strip_prefix(prefix)?.strip_suffix(suffix);
        let outcome = if text == "compile error" {
            Some(Outcome::CompileError)
        } else if let Some(code) = between("panic (exit ", ")") {
            code.parse().ok().map(|code| Outcome::Exited {
                code,
                panicked: true,
            })
        } else if let Some(code) = between("exit ", "") {
            code.parse().ok().map(|code| Outcome::Exited {
                code,
                panicked: false,
            })
        } else if let Some(signal) = between("signal ", "") {
            signal.parse().ok().map(Outcome::Signalled)
        } else if let Some(after) = between("timed out after ", " ms") {
            after
                .parse()
                .ok()
                .map(|after_ms| Outcome::TimedOut { after_ms })
        } else {
            None
        };
        outcome.ok_or_else(|| anyhow::anyhow!("unknown outcome {text:?}"))
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Outcome, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Capture {
    /// A capture of what was printed, as a terminal shows it ([`terminal`]): plain text
    /// and its styles, with the machine's paths rewritten ([`MachinePaths`]).
    pub(crate) fn of(
        outcome: Outcome,
        codes: Vec<String>,
        printed: &Printed<'_>,
        paths: &MachinePaths,
    ) -> Capture {
        let shown = |raw: &str| terminal::interpret(&paths.scrub(raw));
        let (diagnostics, stdout, stderr) = (
            shown(printed.diagnostics),
            shown(printed.stdout),
            shown(printed.stderr),
        );
        Capture {
            outcome,
            codes,
            diagnostics: diagnostics.text,
            stdout: stdout.text,
            stderr: stderr.text,
            styles: Styles {
                diagnostics: diagnostics.spans,
                stdout: stdout.spans,
                stderr: stderr.spans,
            },
        }
    }
}

#[cfg(test)]
impl Capture {
    /// A capture that ended with `outcome` and printed nothing, for unit tests; fill in
    /// what it printed with `Capture { stdout: ..., ..Capture::fixture(outcome) }`.
    pub(crate) fn fixture(outcome: Outcome) -> Capture {
        Capture {
            outcome,
            codes: Vec::new(),
            diagnostics: String::new(),
            stdout: String::new(),
            stderr: String::new(),
            styles: Styles::default(),
        }
    }
}

#[cfg(test)]
impl Outcome {
    /// Exit status 0.
    pub(crate) const SUCCESS: Outcome = Outcome::Exited {
        code: 0,
        panicked: false,
    };
}

/// What a failed compile says first, for error reports: the first error's headline and
/// location (its whole block, up to `lines` lines), then how much more there is. The
/// end of rustc's output is its summary ("aborting due to..."), not what went wrong.
pub(crate) fn first_error(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    let Some(start) = all.iter().position(|line| line.starts_with("error")) else {
        return last_lines(text, lines);
    };
    let block: Vec<&str> = all[start..]
        .iter()
        .take_while(|line| !line.trim().is_empty())
        .take(lines)
        .copied()
        .collect();
    let rest = all.len() - block.len();
    let mut shown = block.join("\n");
    if rest > 0 {
        shown.push_str(&format!("\n[... {rest} more line(s)]"));
    }
    shown
}

/// The last `count` lines of `text`, for error reports.
pub(crate) fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_compile_is_reported_by_its_first_error_not_its_last_lines() {
        let diagnostics = "warning: unused import\n --> src/main.rs:1:5\n\nerror[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n4 |     println!(\"{v:?}\");\n  |              ^ value borrowed here after move\n\nerror: aborting due to 1 previous error\n";
        assert_eq!(
            first_error(diagnostics, 10),
            "error[E0382]: borrow of moved value: `v`\n --> src/main.rs:4:20\n  |\n4 |     println!(\"{v:?}\");\n  |              ^ value borrowed here after move\n[... 5 more line(s)]"
        );
        assert_eq!(first_error("no errors\nat all", 10), "no errors\nat all");
    }

    #[test]
    fn every_outcome_reads_back_as_written() {
        for outcome in [
            Outcome::CompileError,
            Outcome::Exited {
                code: 0,
                panicked: false,
            },
            Outcome::Exited {
                code: 101,
                panicked: true,
            },
            Outcome::Signalled(9),
            Outcome::TimedOut { after_ms: 30000 },
        ] {
            assert_eq!(outcome.to_string().parse::<Outcome>().unwrap(), outcome);
        }
    }
}
