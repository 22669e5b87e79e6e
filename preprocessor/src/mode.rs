//! What a run may do (DESIGN.md §6), and every rule that follows from it, in one place:
//! which listings run, whether snapshots are written or compared, what else fails.
//!
//! | mode              | runs            | writes snapshots | also fails when              |
//! |-------------------|-----------------|------------------|------------------------------|
//! | build             | stale listings  | yes              |                              |
//! | build under CI    | stale listings  | never            | output differs from snapshot |
//! | check             | every listing   | never            | output differs; unused listing |
//! | bless             | every listing   | every one        |                              |

use std::path::PathBuf;

use crate::ci_report::ReportSpec;
use crate::report::Invocation;
use crate::shard::Shard;
use crate::toolchain::Toolchain;

/// What a command asks of the pipeline.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) mode: Mode,
    /// How many times each listing that runs is run (`check --repeat`), at least 1.
    pub(crate) repeat: usize,
    /// How the tool was started, for hints.
    pub(crate) invocation: Invocation,
    /// `check --shard K/N`: only this shard's listings.
    pub(crate) shard: Option<Shard>,
    /// `check --report FORMAT=PATH`: reports to write after judging.
    pub(crate) reports: Vec<ReportSpec>,
    /// `check --changes PATH`: transcripts that differ are written there, not failed.
    pub(crate) changes: Option<PathBuf>,
    /// `check --toolchain NAME`: every cargo and rustc call runs under it.
    pub(crate) toolchain: Option<Toolchain>,
}

/// The command's mode; a build knows whether it runs under CI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Run stale listings and write their snapshots; under CI, compare and never write.
    Build { ci: bool },
    /// Run every listing, compare with the snapshots, never write.
    Check,
    /// Run every listing and rewrite every snapshot that changed.
    Bless,
}

impl Mode {
    /// A build, under CI when the environment says so (`CI` set, and not `0`/`false`).
    pub(crate) fn build() -> Mode {
        Mode::Build { ci: is_ci() }
    }

    /// A listing whose snapshot's key matches is taken from the snapshot, not run.
    pub(crate) fn reuses_fresh_snapshots(self) -> bool {
        matches!(self, Mode::Build { .. })
    }

    /// Snapshots are written (when a run changed them), rather than compared.
    pub(crate) fn writes_snapshots(self) -> bool {
        matches!(self, Mode::Build { ci: false } | Mode::Bless)
    }

    /// A snapshot that cannot be read is replaced by a fresh run, not reported.
    pub(crate) fn replaces_unreadable_snapshots(self) -> bool {
        self == Mode::Bless
    }

    /// A listing package that no page uses is a problem: nothing would ever verify it.
    pub(crate) fn fails_on_unused_listings(self) -> bool {
        self == Mode::Check
    }

    /// Cargo may not change `Cargo.lock` (`--locked`): what is checked is what is committed.
    pub(crate) fn builds_locked(self) -> bool {
        matches!(self, Mode::Build { ci: true } | Mode::Check)
    }

    /// A snapshot whose output matches but whose key is old is worth a note.
    pub(crate) fn notes_stale_keys(self) -> bool {
        self == Mode::Check
    }

    /// Blessing under CI writes all the same, which is worth a note.
    pub(crate) fn writes_under_ci(self) -> bool {
        self == Mode::Bless && is_ci()
    }
}

/// Whether we are under CI, where a build must never write snapshots.
fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !matches!(value.as_str(), "" | "0" | "false"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_build_off_ci_and_bless_write_and_only_a_build_reuses_snapshots() {
        let modes = [
            Mode::Build { ci: false },
            Mode::Build { ci: true },
            Mode::Check,
            Mode::Bless,
        ];
        let table: Vec<(bool, bool, bool, bool)> = modes
            .iter()
            .map(|mode| {
                (
                    mode.reuses_fresh_snapshots(),
                    mode.writes_snapshots(),
                    mode.builds_locked(),
                    mode.fails_on_unused_listings(),
                )
            })
            .collect();
        assert_eq!(
            table,
            [
                (true, true, false, false),
                (true, false, true, false),
                (false, false, true, true),
                (false, true, false, false),
            ]
        );
    }
}
