//! What a run tells the person watching it, on stderr: on a terminal, one line per listing
//! as it finishes (cached or ran, how long it took) and cargo's progress; always, one
//! summary line at the end. Off a terminal (CI logs, mdBook's captured stderr) only the
//! summary and problems are printed.
//!
//! `MDBOOK_TRANSCRIPT_PROGRESS=always|never|auto` overrides the terminal check.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use crate::run::RunResult;

/// The progress reporter of one pipeline run.
pub struct Progress {
    lines: bool,
    started: Instant,
}

/// The counts of the closing line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub listings: usize,
    pub cached: usize,
    pub ran: usize,
    pub failed: usize,
    pub written: usize,
}

impl Progress {
    /// Starts the clock; per-listing lines only when stderr is a terminal.
    pub fn start() -> Progress {
        let lines = match std::env::var("MDBOOK_TRANSCRIPT_PROGRESS").as_deref() {
            Ok("always") => true,
            Ok("never") => false,
            _ => std::io::stderr().is_terminal(),
        };
        Progress {
            lines,
            started: Instant::now(),
        }
    }

    /// Whether per-listing lines (and cargo's progress) are shown.
    pub fn shows_lines(&self) -> bool {
        self.lines
    }

    /// A listing whose snapshot is fresh: nothing ran.
    pub fn cached(&self, name: &str) {
        if self.lines {
            eprintln!("transcript:   {name}: cached");
        }
    }

    /// A listing that just finished running.
    pub fn ran(&self, name: &str, result: &RunResult) {
        if self.lines {
            eprintln!(
                "transcript:   {name}: ran, {} after {}",
                result.outcome,
                seconds(result.elapsed)
            );
        }
    }

    /// A note that is only worth showing to someone watching.
    pub fn note(&self, message: &str) {
        if self.lines {
            eprintln!("transcript: {message}");
        }
    }

    /// The closing line, printed whether or not the run succeeded.
    pub fn finish(&self, summary: &Summary) {
        eprintln!(
            "transcript: {} listing(s): {} cached, {} ran, {} failed in {}; {} snapshot(s) written",
            summary.listings,
            summary.cached,
            summary.ran,
            summary.failed,
            seconds(self.started.elapsed()),
            summary.written
        );
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
