//! `build [BOOK]`: renders the whole book in-process (mdbook-driver), rerunning only
//! the listings whose content changed.

use std::path::Path;

use anyhow::{Context, Result};

use crate::lock::RenderLock;
use crate::mode::Mode;
use crate::report;

use super::book::{Transcript, load};

pub(super) fn execute(book: &Path) -> Result<()> {
    let mut md = load(book)?;
    md.with_preprocessor(Transcript::for_book(Mode::build(), book));
    let out = md.root.join(&md.config.build.build_dir);
    let root = md.root.canonicalize().unwrap_or_else(|_| md.root.clone());
    let _rendering = RenderLock::acquire(&root.join(&md.config.build.build_dir))?;
    md.build().context("the book did not build")?;
    report::status(format_args!("the book is in {}", out.display()));
    Ok(())
}
