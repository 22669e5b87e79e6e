//! What a run tells the person watching it, on stderr: on a terminal, one line per listing
//! as it finishes (cached or ran, how long it took) and cargo's progress; always, one
//! summary line at the end. Off a terminal (CI logs, mdBook's captured stderr) only the
//! summary and problems are printed.
//!
//! `MDBOOK_TRANSCRIPT_PROGRESS=always|never|auto` overrides the terminal check.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use crate::capture::Outcome;
use crate::report::status;

/// The progress reporter of one pipeline run.
pub(crate) struct Progress {
    lines: bool,
    started: Instant,
}

/// The counts of the closing line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Summary {
    pub(crate) listings: usize,
    pub(crate) cached: usize,
    pub(crate) ran: usize,
    pub(crate) failed: usize,
    pub(crate) written: usize,
}

impl Summary {
    /// A run of `listings`, `ran` of which ran and `failed` failed, before any
    /// snapshot is written.
    pub(crate) fn before_writing(listings: usize, ran: usize, failed: usize) -> Summary {
        Summary {
            listings,
            cached: listings - ran,
            ran,
            failed,
            written: 0,
        }
    }
}

impl Progress {
    /// Starts the clock; per-listing lines only when stderr is a terminal.
    pub(crate) fn start() -> Progress {
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
    pub(crate) fn shows_lines(&self) -> bool {
        self.lines
    }

    /// A listing whose snapshot is fresh: nothing ran.
    pub(crate) fn cached(&self, name: &str) {
        if self.lines {
            status(format_args!("  {name}: cached"));
        }
    }

    /// A listing that just finished running.
    pub(crate) fn ran(&self, name: &str, outcome: &Outcome, elapsed: Duration) {
        if self.lines {
            status(format_args!(
                "  {name}: ran, {outcome} after {}",
                seconds(elapsed)
            ));
        }
    }

    /// A note that is only worth showing to someone watching.
    pub(crate) fn note(&self, message: &str) {
        if self.lines {
            status(message);
        }
    }

    /// The closing line, printed whether or not the run succeeded.
    /// Closes a build that took every listing's output as it was (`names`).
    pub(crate) fn finish_cached(&self, names: &[String]) {
        for name in names {
            self.cached(name);
        }
        self.finish(&Summary {
            listings: names.len(),
            cached: names.len(),
            ran: 0,
            failed: 0,
            written: 0,
        });
    }

    pub(crate) fn finish(&self, summary: &Summary) {
        status(format_args!(
            "{} listing(s): {} cached, {} ran, {} failed in {}; {} snapshot(s) written",
            summary.listings,
            summary.cached,
            summary.ran,
            summary.failed,
            seconds(self.started.elapsed()),
            summary.written
        ));
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
