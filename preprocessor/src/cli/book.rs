//! The book as every command loads it, and the tool as an in-process mdBook
//! preprocessor ([`Transcript`], named `transcript` as in `[preprocessor.transcript]`),
//! which either renders the listings or, for `list`, only collects them.

use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use mdbook_driver::MDBook;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::mode::{Mode, Request};
use crate::pipeline::{Listed, list_book, process_book};
use crate::report::Invocation;

/// Loads the book at `book`, saying which on failure.
pub(super) fn load(book: &Path) -> Result<MDBook> {
    MDBook::load(book).with_context(|| format!("cannot load the book at {}", book.display()))
}

/// Runs mdBook's preprocessors (`links` first, ours as `transcript`) without rendering.
pub(super) fn preprocess(book: &Path, transcript: Transcript) -> Result<()> {
    let mut md = load(book)?;
    md.with_preprocessor(transcript);
    md.preprocess_book(&MarkdownRenderer::new())?;
    Ok(())
}

/// The preprocessor: what it does with the book it is given.
pub(super) enum Transcript {
    /// Build, run and render the listings.
    Render(Request),
    /// Collect every listing for `list`, after mdBook has expanded `{{#include}}`s,
    /// exactly as a build would see them; change nothing.
    List(Arc<Mutex<Vec<Listed>>>),
}

impl Transcript {
    /// Renders in `mode`, each listing run once, for a command given `book`.
    pub(super) fn for_book(mode: Mode, book: &Path) -> Transcript {
        Transcript::render(
            mode,
            Invocation::Cli {
                book: book.to_path_buf(),
            },
        )
    }

    pub(super) fn render(mode: Mode, invocation: Invocation) -> Transcript {
        Transcript::Render(Request {
            mode,
            repeat: 1,
            invocation,
            shard: None,
            reports: Vec::new(),
            changes: None,
            toolchain: None,
        })
    }
}

impl Preprocessor for Transcript {
    fn name(&self) -> &str {
        "transcript"
    }

    fn run(
        &self,
        ctx: &PreprocessorContext,
        mut book: Book,
    ) -> mdbook_preprocessor::errors::Result<Book> {
        match self {
            Transcript::Render(request) => {
                process_book(&ctx.root, &ctx.config, &mut book, request)?;
            }
            Transcript::List(listed) => {
                *listed.lock().unwrap_or_else(|p| p.into_inner()) =
                    list_book(&ctx.root, &ctx.config, &book)?;
            }
        }
        Ok(book)
    }

    fn supports_renderer(&self, _renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        // The output is Markdown plus escaped HTML: every renderer can take it.
        Ok(true)
    }
}
