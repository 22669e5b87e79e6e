//! `check [BOOK]` reruns every listing and compares it with its snapshot, writing
//! nothing; `bless [BOOK]` reruns every listing and writes the snapshots that changed.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::ci_report::ReportSpec;
use crate::mode::{Mode, Request};
use crate::report::{self, Invocation};
use crate::shard::Shard;
use crate::toolchain::Toolchain;

use super::book::{Transcript, preprocess};

/// `check --toolchain NAME --changes PATH`: the toolchain to run under, and where to
/// report the transcripts that change.
#[derive(Debug, Default)]
pub(super) struct Changes {
    pub(super) toolchain: Option<String>,
    pub(super) report: Option<PathBuf>,
}

/// `check`, each listing run `repeat` times (`--repeat`: a flake finder).
/// Under `--shard`, only that shard's listings; `reports` written after judging.
pub(super) fn check(
    book: &Path,
    repeat: usize,
    shard: Option<Shard>,
    reports: Vec<ReportSpec>,
    changes: Changes,
) -> Result<()> {
    let toolchain = changes
        .toolchain
        .as_deref()
        .map(Toolchain::verify)
        .transpose()?;
    let transcript = Transcript::Render(Request {
        mode: Mode::Check,
        repeat: repeat.max(1),
        invocation: Invocation::Cli {
            book: book.to_path_buf(),
        },
        shard,
        reports,
        changes: changes.report,
        toolchain,
    });
    preprocess(book, transcript)
}

pub(super) fn bless(book: &Path) -> Result<()> {
    if Mode::Bless.writes_under_ci() {
        report::note("blessing under CI=true writes snapshots all the same");
    }
    preprocess(book, Transcript::for_book(Mode::Bless, book))
}
