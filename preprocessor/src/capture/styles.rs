//! The colours of a capture, kept apart from its text so a snapshot's text stays plain
//! to read in a diff: under `[styles]`, one stretch per line (`3:1-6 bold fg=red`), per
//! stream.

use serde::{Deserialize, Serialize};

use crate::terminal::style::Span;

/// The styled stretches of each stream of a capture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Styles {
    pub(crate) diagnostics: Vec<Span>,
    pub(crate) stdout: Vec<Span>,
    pub(crate) stderr: Vec<Span>,
}

impl Styles {
    pub(crate) fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.stdout.is_empty() && self.stderr.is_empty()
    }
}

/// How the styles are written: one multi-line string per stream that has any.
#[derive(Default, Serialize, Deserialize)]
struct Written {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    diagnostics: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    stdout: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    stderr: String,
}

fn written(spans: &[Span]) -> String {
    spans.iter().map(|span| format!("{span}\n")).collect()
}

fn read(text: &str) -> Result<Vec<Span>, String> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::parse)
        .collect()
}

impl Serialize for Styles {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Written {
            diagnostics: written(&self.diagnostics),
            stdout: written(&self.stdout),
            stderr: written(&self.stderr),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Styles {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Styles, D::Error> {
        let written = Written::deserialize(deserializer)?;
        let parse = |text: &str| read(text).map_err(serde::de::Error::custom);
        Ok(Styles {
            diagnostics: parse(&written.diagnostics)?,
            stdout: parse(&written.stdout)?,
            stderr: parse(&written.stderr)?,
        })
    }
}
