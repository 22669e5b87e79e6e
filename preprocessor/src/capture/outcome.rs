//! How a run ended, written in snapshots as words: `exit 0`, `panic (exit 101)`,
//! `signal 9`, `timed out after 3000 ms`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It exited with this status; `panicked` when the status is Rust's panic status (101)
    /// and its output says so.
    Exited { code: i32, panicked: bool },
    /// It was killed by a signal it did not ask for.
    Signalled(i32),
    /// It ran past its timeout and was killed.
    TimedOut { after_ms: u128 },
}

impl Outcome {
    /// Exit status 0.
    pub(crate) const SUCCESS: Outcome = Outcome::Exited {
        code: 0,
        panicked: false,
    };
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
    type Err = String;

    fn from_str(text: &str) -> Result<Outcome, String> {
        let between = |prefix: &str, suffix: &str| text.strip_prefix(prefix)?.strip_suffix(suffix);
        let outcome = if let Some(code) = between("panic (exit ", ")") {
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
        outcome.ok_or_else(|| format!("unknown outcome {text:?}"))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_reads_back_as_written() {
        for outcome in [
            Outcome::SUCCESS,
            Outcome::Exited {
                code: 101,
                panicked: true,
            },
            Outcome::Signalled(9),
            Outcome::TimedOut { after_ms: 30000 },
        ] {
            assert_eq!(outcome.to_string().parse::<Outcome>().unwrap(), outcome);
        }
        assert!("compile error".parse::<Outcome>().is_err());
    }
}
