//! Stage 1, parse: find `{{#listing ...}}` and `{{#output ...}}` directives in a chapter.
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

use crate::report::{Location, Problem};

/// One chapter with a file behind it.
pub struct Page {
    /// mdBook's path for the chapter, which identifies it when rendering.
    pub path: PathBuf,
    pub content: String,
    /// The number used in listing labels (top-level chapter number + offset).
    pub chapter: Option<u32>,
}

/// Where `directive`, found in `content` (the chapter after mdBook's `links`
/// preprocessor has expanded `{{#include}}`s), is in `written` (the file as written), so
/// errors point at the line a contributor sees. `None` when that cannot be told: the
/// directive came in with an included file, or the same text does not occur the same
/// number of times in both.
pub fn line_in_source(
    content: &str,
    written: &str,
    directive: &Directive,
) -> Option<(usize, usize)> {
    if content == written {
        return None; // nothing was expanded: the lines are already right
    }
    let text = &content[directive.range.clone()];
    let nth = content[..directive.range.start].matches(text).count();
    if content.matches(text).count() != written.matches(text).count() {
        return None;
    }
    let (offset, _) = written.match_indices(text).nth(nth)?;
    let before = &written[..offset];
    let line = before.matches('\n').count() + 1;
    let column = offset - before.rfind('\n').map_or(0, |newline| newline + 1) + 1;
    Some((line, column))
}

/// One directive in one page.
pub struct Use {
    /// Index into the pages.
    pub page: usize,
    pub directive: Directive,
    pub location: Location,
}

/// Every page of `book` and every directive in it; malformed directives become problems.
/// `src_dir` (the book's `src`) prefixes locations, so errors name `src/page.md`; `root`
/// is where it is, to read the page as written (see [`line_in_source`]).
pub fn parse_book(
    book: &Book,
    root: &Path,
    src_dir: &Path,
    chapter_offset: u32,
    problems: &mut Vec<Problem>,
) -> (Vec<Page>, Vec<Use>) {
    let mut pages = Vec::new();
    let mut uses = Vec::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(path) = chapter.path.clone() else {
            continue;
        }; // a draft
        // `source_path` is the file on disk (README.md, not index.md).
        let file = src_dir.join(chapter.source_path.as_ref().unwrap_or(&path));
        let written = std::fs::read_to_string(root.join(&file)).ok();
        for parsed in parse_directives(&chapter.content) {
            match parsed {
                Ok(directive) => {
                    let (line, column) = written
                        .as_deref()
                        .and_then(|written| line_in_source(&chapter.content, written, &directive))
                        .unwrap_or((directive.line, directive.column));
                    let location = Location {
                        file: file.clone(),
                        line,
                        column,
                    };
                    uses.push(Use {
                        page: pages.len(),
                        directive,
                        location,
                    });
                }
                Err(error) => problems.push(Problem::at(
                    Location {
                        file: file.clone(),
                        line: error.line,
                        column: error.column,
                    },
                    error.message,
                )),
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
    (pages, uses)
}

/// One directive found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The listing's package name.
    pub listing: String,
    /// Byte range of the whole `{{#...}}` text in the chapter.
    pub range: Range<usize>,
    /// 1-based line and column of the directive.
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `{{#listing NAME}}` or `{{#listing NAME:ANCHOR}}`.
    Listing { anchor: Option<String> },
    /// `{{#output NAME}}`.
    Output,
}

/// A directive that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{#(listing|output)\b([^}\n]*)(\}\})?").expect("the directive pattern is valid")
});
static LISTING_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9][A-Za-z0-9_-]*$").expect("valid"));

/// Finds every directive in `content` outside code and HTML comments.
pub fn parse_directives(content: &str) -> Vec<Result<Directive, ParseError>> {
    let literal = literal_ranges(content);
    let is_literal = |at: usize| literal.iter().any(|range| range.contains(&at));
    DIRECTIVE
        .captures_iter(content)
        .filter(|captures| !is_literal(captures.get(0).expect("group 0").start()))
        .map(|captures| {
            let whole = captures.get(0).expect("group 0");
            let (line, column) = line_and_column(content, whole.start());
            let error = |message: String| ParseError { line, column, message };
            let word = &captures[1];
            if captures.get(3).is_none() {
                return Err(error(format!(
                    "`{{{{#{word}` is not closed: expected `}}}}` on the same line"
                )));
            }
            let argument = captures[2].trim();
            let (listing, anchor) = match argument.split_once(':') {
                Some((name, anchor)) => (name.trim(), Some(anchor.trim())),
                None => (argument, None),
            };
            if !LISTING_NAME.is_match(listing) {
                return Err(error(format!(
                    "expected `{{{{#{word} NAME}}}}` with a listing's package name, found `{}`",
                    whole.as_str()
                )));
            }
            let kind = match (word, anchor) {
                ("listing", None) => DirectiveKind::Listing { anchor: None },
                ("listing", Some(anchor)) if LISTING_NAME.is_match(anchor) => {
                    DirectiveKind::Listing { anchor: Some(anchor.to_string()) }
                }
                ("listing", Some(anchor)) => {
                    return Err(error(format!(
                        "expected an anchor name after `{listing}:`, found `{anchor}`"
                    )));
                }
                (_, None) => DirectiveKind::Output,
                (_, Some(_)) => {
                    return Err(error(format!(
                        "`{{{{#output}}}}` takes no anchor (it shows the whole program's output): `{}`",
                        whole.as_str()
                    )));
                }
            };
            Ok(Directive {
                kind,
                listing: listing.to_string(),
                range: whole.range(),
                line,
                column,
            })
        })
        .collect()
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(content: &str, offset: usize) -> (usize, usize) {
    let before = &content[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
