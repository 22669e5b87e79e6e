//! Stage 1, parse: find `{{#listing ...}}` and `{{#output ...}}` directives in each
//! chapter, and where each is in the file as written.
//!
//! Directives are found by a plain scan and then checked against pulldown-cmark's byte
//! ranges, so a directive quoted inside a code span, a fenced or indented code block, or
//! an HTML comment stays literal text. Every directive keeps its line for error messages.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use mdbook_preprocessor::book::{Book, BookItem};
use pulldown_cmark::{Event, Options, Parser, Tag};
use regex::Regex;

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

/// One directive found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Directive {
    pub(crate) kind: DirectiveKind,
    /// The listing's package name.
    pub(crate) listing: String,
    /// Byte range of the whole `{{#...}}` text in the chapter.
    pub(crate) range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DirectiveKind {
    /// `{{#listing NAME}}` or `{{#listing NAME:ANCHOR}}`.
    Listing { anchor: Option<String> },
    /// `{{#output NAME}}`.
    Output,
}

/// A directive that could not be understood, and where it is in the chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub(crate) range: Range<usize>,
    pub(crate) kind: ParseErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ParseErrorKind {
    #[error("`{{{{#{word}` is not closed: expected `}}}}` on the same line")]
    NotClosed { word: String },
    #[error("expected `{{{{#{word} NAME}}}}` with a listing's package name, found `{found}`")]
    NoName { word: String, found: String },
    #[error("expected an anchor name after `{listing}:`, found `{anchor}`")]
    BadAnchor { listing: String, anchor: String },
    #[error("`{{{{#output}}}}` takes no anchor (it shows the whole program's output): `{found}`")]
    OutputTakesNoAnchor { found: String },
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

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{#(listing|output)\b([^}\n]*)(\}\})?").expect("the directive pattern is valid")
});
static LISTING_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9][A-Za-z0-9_-]*$").expect("valid"));

/// Finds every directive in `content` outside code and HTML comments.
pub(crate) fn parse_directives(content: &str) -> Vec<Result<Directive, ParseError>> {
    let literal = literal_ranges(content);
    let is_literal = |at: usize| literal.iter().any(|range| range.contains(&at));
    DIRECTIVE
        .captures_iter(content)
        .filter(|captures| !is_literal(captures.get(0).expect("group 0").start()))
        .map(|captures| {
            let range = captures.get(0).expect("group 0").range();
            let closed = captures.get(3).is_some();
            directive(&captures[1], &captures[2], &content[range.clone()], closed)
                .map(|(listing, kind)| Directive {
                    kind,
                    listing,
                    range: range.clone(),
                })
                .map_err(|kind| ParseError { range, kind })
        })
        .collect()
}

/// Reads one directive: `word` is `listing` or `output`, `argument` what follows it.
fn directive(
    word: &str,
    argument: &str,
    whole: &str,
    closed: bool,
) -> Result<(String, DirectiveKind), ParseErrorKind> {
    let word_owned = || word.to_string();
    if !closed {
        return Err(ParseErrorKind::NotClosed { word: word_owned() });
    }
    let argument = argument.trim();
    let (listing, anchor) = match argument.split_once(':') {
        Some((name, anchor)) => (name.trim(), Some(anchor.trim())),
        None => (argument, None),
    };
    if !LISTING_NAME.is_match(listing) {
        return Err(ParseErrorKind::NoName {
            word: word_owned(),
            found: whole.to_string(),
        });
    }
    let kind = match (word, anchor) {
        ("listing", None) => DirectiveKind::Listing { anchor: None },
        ("listing", Some(anchor)) if LISTING_NAME.is_match(anchor) => DirectiveKind::Listing {
            anchor: Some(anchor.to_string()),
        },
        ("listing", Some(anchor)) => {
            return Err(ParseErrorKind::BadAnchor {
                listing: listing.to_string(),
                anchor: anchor.to_string(),
            });
        }
        (_, None) => DirectiveKind::Output,
        (_, Some(_)) => {
            return Err(ParseErrorKind::OutputTakesNoAnchor {
                found: whole.to_string(),
            });
        }
    };
    Ok((listing.to_string(), kind))
}

/// Byte ranges whose text Markdown shows literally: code spans, code blocks, HTML.
fn literal_ranges(content: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(content, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

#[cfg(test)]
mod tests;
