//! The mdBook side: the JSON protocol stock `mdbook` speaks to the binary when
//! `book.toml` names it in `[preprocessor.transcript]`.

use std::io::{Read, Write};

use anyhow::{Context, Result};
use mdbook_preprocessor::Preprocessor;

use crate::mode::Mode;
use crate::report::{self, Invocation};

use super::book::Transcript;

/// Answers one request of mdBook's preprocessor protocol: the context and book as JSON
/// on `input`, the processed book as JSON on `output`.
pub(super) fn handle_protocol(input: impl Read, mut output: impl Write) -> Result<()> {
    let (ctx, book) =
        mdbook_preprocessor::parse_input(input).context("cannot read mdBook's request on stdin")?;
    if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
        report::warning(format_args!(
            "built against mdBook {}, called by mdBook {}",
            mdbook_preprocessor::MDBOOK_VERSION,
            ctx.mdbook_version
        ));
    }
    let book = Transcript::render(Mode::build(), Invocation::Mdbook).run(&ctx, book)?;
    serde_json::to_writer(&mut output, &book).context("cannot write the book back to mdBook")?;
    output.flush()?;
    Ok(())
}
