//! Stage 1, parse: find the directives ([`directive`]: `{{#listing ...}}`,
//! `{{#output ...}}`) in each chapter, and where each is in the file as written.

mod directive;

use std::ops::Range;
use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::{Book, BookItem};

pub(crate) use directive::{Directive, DirectiveKind, parse_directives};

use crate::report::{Location, Problem, Problems};

/// The book's pages and every directive on them.
pub(crate) struct Pages {
    pub(crate) pages: Vec<Page>,
    pub(crate) uses: Vec<Use>,
}

/// One chapter with a file behind it.
pub(crate) struct Page {
    /// mdBook's path for the chapter, which identifies it when rendering.
    pub(crate) path: PathBuf,
    pub(crate) content: String,
    /// The number used in listing labels (top-level chapter number + offset).
    pub(crate) chapter: Option<u32>,
}

/// One directive in one page.
pub(crate) struct Use {
    /// Index into the pages.
    pub(crate) page: usize,
    pub(crate) directive: Directive,
    /// Where it is in the page as written.
    pub(crate) location: Location,
}

/// Every page of `book` and every directive in it; malformed directives become problems.
/// `src_dir` (the book's `src`) prefixes locations, so errors name `src/page.md`; `root`
/// is where it is, to read the page as written (see [`offset_in_source`]).
pub(crate) fn parse_book(
    book: &Book,
    root: &Path,
    src_dir: &Path,
    chapter_offset: u32,
    problems: &mut Problems,
) -> Pages {
    let mut pages = Vec::new();
    let mut uses = Vec::new();
    for chapter in book.iter().filter_map(|item| match item {
        BookItem::Chapter(chapter) => Some(chapter),
        _ => None,
    }) {
        let Some(path) = chapter.path.clone() else {
            continue; // a draft
        };
        // `source_path` is the file on disk (README.md, not index.md).
        let file = src_dir.join(chapter.source_path.as_ref().unwrap_or(&path));
        let written = std::fs::read_to_string(root.join(&file)).ok();
        let locate = |range: &Range<usize>| match written.as_deref().and_then(|written| {
            Some((written, offset_in_source(&chapter.content, written, range)?))
        }) {
            Some((written, offset)) => Location::in_text(file.clone(), written, offset),
            None => Location::in_text(file.clone(), &chapter.content, range.start),
        };
        for parsed in parse_directives(&chapter.content) {
            match parsed {
                Ok(directive) => uses.push(Use {
                    page: pages.len(),
                    location: locate(&directive.range),
                    directive,
                }),
                Err(error) => problems.push(Problem::new(&error.kind).at(&locate(&error.range))),
            }
        }
        pages.push(Page {
            path,
            content: chapter.content.clone(),
            chapter: chapter
                .number
                .as_ref()
                .and_then(|n| n.first())
                .map(|n| n + chapter_offset),
        });
    }
    Pages { pages, uses }
}

/// Where the text at `range` of `content` (the chapter after mdBook's `links`
/// preprocessor has expanded `{{#include}}`s) is in `written` (the file as written), so
/// errors point at the line a contributor sees. `None` when nothing was expanded, or
/// when it cannot be told: the text came in with an included file, or it does not occur
/// the same number of times in both.
fn offset_in_source(content: &str, written: &str, range: &Range<usize>) -> Option<usize> {
    if content == written {
        return None; // nothing was expanded: the offsets are already right
    }
    let text = &content[range.clone()];
    let nth = content[..range.start].matches(text).count();
    if content.matches(text).count() != written.matches(text).count() {
        return None;
    }
    Some(written.match_indices(text).nth(nth)?.0)
}

#[cfg(test)]
mod tests;
