//! What one listing did: the typed result where build, run, verify and snapshot meet.

use std::fmt;
use std::str::FromStr;

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::build::Compiled;
use crate::run::RunResult;

/// The version of how a run is captured (environment, caps, notes, what counts as a
/// panic). It is part of every content key: bump it whenever a change to the tool can
/// change what a listing's capture holds, and every snapshot is taken again. The tool's
/// own version is in the key too, but that changes only at a release.
pub const CAPTURE_FORMAT: u32 = 2;

/// Everything a listing showed: compiler diagnostics, then the program's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capture {
    pub outcome: Outcome,
    /// Lint names and error codes of the diagnostics, such as `unused_must_use`, `E0728`.
    #[serde(default)]
    pub codes: Vec<String>,
    /// The compiler's rendered diagnostics for this listing (empty when it had none).
    #[serde(default)]
    pub diagnostics: String,
    #[serde(default)]
    pub stdout: String,
    #[serde(default)]
    pub stderr: String,
}

/// How a listing ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
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
    /// Puts a listing's compiler result and its run together. `Err` when it neither
    /// ran nor drew a compiler error (a broken dependency, a stale lock file): the
    /// message quotes the end of cargo's own output.
    pub fn from_build_and_run(
        compiled: Option<&Compiled>,
        run: Option<&RunResult>,
        cargo_stderr: &str,
    ) -> Result<Capture, String> {
        let compiled = compiled.cloned().unwrap_or_default();
        let (outcome, stdout, stderr) = match (run, compiled.had_errors) {
            (Some(run), _) => (run.outcome.clone(), run.stdout.clone(), run.stderr.clone()),
            (None, true) => (Outcome::CompileError, String::new(), String::new()),
            (None, false) => {
                return Err(last_lines(cargo_stderr, 15));
            }
        };
        Ok(Capture {
            outcome,
            codes: compiled.codes,
            diagnostics: compiled.diagnostics,
            stdout,
            stderr,
        })
    }

    /// The last `lines` lines of stderr (or of the diagnostics, for a build that failed),
    /// for error reports.
    pub fn stderr_tail(&self, lines: usize) -> String {
        let source = if self.stderr.trim().is_empty() {
            &self.diagnostics
        } else {
            &self.stderr
        };
        last_lines(source, lines)
    }
}

/// The last `count` lines of `text`, for error reports.
pub fn last_lines(text: &str, count: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(count)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

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
