//! The mdBook side: `Transcript` as an in-process [`Preprocessor`] (for `mdbook-driver`)
//! and the JSON protocol stock `mdbook` speaks to the binary.

use std::io::{Read, Write};

use anyhow::{Context, Result};
use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

use crate::pipeline::{Mode, process_book};

/// The preprocessor, named `transcript` as in `[preprocessor.transcript]`.
pub struct Transcript {
    pub mode: Mode,
    /// How many times each listing that runs is run (`check --repeat`).
    pub repeat: usize,
}

impl Transcript {
    pub fn new(mode: Mode) -> Transcript {
        Transcript { mode, repeat: 1 }
    }

    /// Runs each listing `repeat` times and reports the ones whose output varies.
    pub fn repeating(self, repeat: usize) -> Transcript {
        Transcript {
            repeat: repeat.max(1),
            ..self
        }
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
        process_book(&ctx.root, &ctx.config, &mut book, self.mode, self.repeat)?;
        Ok(book)
    }

    fn supports_renderer(&self, _renderer: &str) -> mdbook_preprocessor::errors::Result<bool> {
        // The output is Markdown plus escaped HTML: every renderer can take it.
        Ok(true)
    }
}

/// Answers one request of mdBook's preprocessor protocol: the context and book as JSON
/// on `input`, the processed book as JSON on `output`.
pub fn handle_protocol(input: impl Read, mut output: impl Write) -> Result<()> {
    let (ctx, book) =
        mdbook_preprocessor::parse_input(input).context("cannot read mdBook's request on stdin")?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        eprintln!(
            "transcript: warning: built against mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        );
    }
    let book = Transcript::new(Mode::Build).run(&ctx, book)?;
    serde_json::to_writer(&mut output, &book).context("cannot write the book back to mdBook")?;
    output.flush()?;
    Ok(())
}
