//! The directives of one chapter's text. Every `{{#...}}` outside code is looked at, so
//! a near miss of ours (`{{#lsting x}}`, `{{#Listing x}}`, `{{ #listing x }}`) is an
//! error with a "did you mean", never text left on the page; mdBook's own directives and
//! names far from ours (another preprocessor's) are left alone.
//!
//! Directives are found by a plain scan and then checked against pulldown-cmark's byte
//! ranges, so a directive quoted inside a code span, a fenced or indented code block, or
//! an HTML comment stays literal text. A directive that renders a block must be a
//! paragraph of its own.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use regex::{Captures, Regex};

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
    /// `{{#listing NAME}}`, `{{#listing NAME:ANCHOR}}`, and for a file other than the
    /// binary's main source `{{#listing NAME/src/lib.rs}}` (or `...:ANCHOR`).
    Listing {
        file: Option<String>,
        anchor: Option<String>,
    },
    /// `{{#output NAME}}`.
    Output,
    /// `{{#listing-ref NAME}}`: "Listing 12-7", linked to it.
    ListingRef,
    /// `{{#value NAME:KEY}}`: a value the listing's output shows, inline.
    Value { key: String },
    /// `{{#chart NAME:CHART}}`: a bar chart of values, declared under `charts`.
    Chart { chart: String },
}

impl DirectiveKind {
    /// Whether it renders a block (code, output), which must be a paragraph of its own.
    pub(crate) fn is_block(&self) -> bool {
        matches!(
            self,
            DirectiveKind::Listing { .. } | DirectiveKind::Output | DirectiveKind::Chart { .. }
        )
    }
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
    #[error("`{{{{#{word}}}}}` takes no {what}: `{found}`")]
    TakesNo {
        word: String,
        what: &'static str,
        found: String,
    },
    #[error(
        "expected `{{{{#value NAME:KEY}}}}`, with the name of a value the listing declares under `values`, found `{found}`"
    )]
    NoValueKey { found: String },
    #[error(
        "expected `{{{{#chart NAME:CHART}}}}`, with the name of a chart the listing declares under `charts`, found `{found}`"
    )]
    NoChartName { found: String },
    #[error("unknown directive `{written}`: did you mean `{meant}`? (in `{found}`)")]
    Misspelt {
        written: String,
        meant: String,
        found: String,
    },
    #[error(
        "`{found}` is not how the directive is written: did you mean `{meant}`? (`{{{{#` and the name together, in lower case)"
    )]
    Misshapen { found: String, meant: String },
    #[error(
        "unexpected `{option}` in `{found}`: `{{{{#{word}}}}}` takes {}, and no options",
        shape_of(word)
    )]
    UnknownOption {
        word: String,
        option: String,
        found: String,
    },
    #[error(
        "`{found}` shows a block (code, output or a chart) and cannot stand inside a paragraph: put it on a line of its own, with a blank line before and after"
    )]
    InParagraph { found: String },
}

/// The directives of this tool.
const OURS: [&str; 5] = ["listing", "output", "listing-ref", "value", "chart"];

/// What a directive takes, in words, for errors.
fn shape_of(word: &str) -> &'static str {
    match word {
        "listing" => "a listing name, an optional `/FILE` and an optional `:ANCHOR`",
        "value" => "a listing name and `:KEY`",
        "chart" => "a listing name and `:CHART`",
        _ => "a listing name",
    }
}
/// mdBook's own, left alone whatever their spelling.
const MDBOOKS: [&str; 4] = ["include", "rustdoc_include", "playground", "title"];

/// Anything that looks like a directive: `{{`, spaces, `#`, spaces, a name, the rest of
/// the line up to `}}`.
static ANY_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{([ \t]*)#([ \t]*)([A-Za-z][A-Za-z0-9_-]*)([^}\n]*)(\}\})?")
        .expect("the directive pattern is valid")
});
static NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9][A-Za-z0-9_-]*$").expect("valid"));

/// Finds every directive in `content` outside code and HTML comments.
pub(crate) fn parse_directives(content: &str) -> Vec<Result<Directive, ParseError>> {
    let literal = literal_ranges(content);
    let paragraphs = paragraph_ranges(content);
    let is_literal = |at: usize| literal.iter().any(|range| range.contains(&at));
    ANY_DIRECTIVE
        .captures_iter(content)
        .filter(|captures| !is_literal(captures.get(0).expect("group 0").start()))
        .filter_map(|captures| {
            let range = captures.get(0).expect("group 0").range();
            let parsed = match classify(&captures)? {
                Ok(word) => directive(word, &captures, &content[range.clone()]).and_then(
                    |(listing, kind)| {
                        if kind.is_block() {
                            stands_alone(content, &range, &paragraphs)?;
                        }
                        Ok((listing, kind))
                    },
                ),
                Err(error) => Err(error),
            };
            Some(
                parsed
                    .map(|(listing, kind)| Directive {
                        kind,
                        listing,
                        range: range.clone(),
                    })
                    .map_err(|kind| ParseError { range, kind }),
            )
        })
        .collect()
}

/// Whether a `{{#name` is ours (`Ok` with its name), a near miss of ours (`Err`), or
/// someone else's (`None`: left alone).
fn classify(captures: &Captures<'_>) -> Option<Result<&'static str, ParseErrorKind>> {
    let word = &captures[3];
    let spaced = !captures[1].is_empty() || !captures[2].is_empty();
    if MDBOOKS.contains(&word) {
        return None;
    }
    let found = || captures[0].to_string();
    let lower = word.to_lowercase();
    if let Some(ours) = OURS.iter().find(|ours| **ours == lower) {
        if word == *ours && !spaced {
            return Some(Ok(ours));
        }
        let meant = format!("{{{{#{ours}{}", captures[4].trim_end());
        return Some(Err(ParseErrorKind::Misshapen {
            found: found(),
            meant: meant + "}}",
        }));
    }
    let closest = OURS
        .iter()
        .map(|ours| (strsim::damerau_levenshtein(&lower, ours), ours))
        .filter(|(distance, _)| *distance <= 2)
        .min()?;
    Some(Err(ParseErrorKind::Misspelt {
        written: format!("{{{{#{word}}}}}"),
        meant: format!("{{{{#{}}}}}", closest.1),
        found: found(),
    }))
}

/// Reads one of our directives: `word` is one of [`OURS`].
fn directive(
    word: &str,
    captures: &Captures<'_>,
    whole: &str,
) -> Result<(String, DirectiveKind), ParseErrorKind> {
    if captures.get(5).is_none() {
        return Err(ParseErrorKind::NotClosed {
            word: word.to_string(),
        });
    }
    let mut words = captures[4].split_whitespace();
    let target = words.next().unwrap_or("");
    if let Some(option) = words.next() {
        return Err(ParseErrorKind::UnknownOption {
            word: word.to_string(),
            option: option.to_string(),
            found: whole.to_string(),
        });
    }
    let (path, suffix) = match target.split_once(':') {
        Some((path, suffix)) => (path, Some(suffix)),
        None => (target, None),
    };
    let (listing, file) = match path.split_once('/') {
        Some((listing, file)) => (listing, Some(file)),
        None => (path, None),
    };
    if !NAME.is_match(listing) {
        return Err(ParseErrorKind::NoName {
            word: word.to_string(),
            found: whole.to_string(),
        });
    }
    let takes_no = |what| ParseErrorKind::TakesNo {
        word: word.to_string(),
        what,
        found: whole.to_string(),
    };
    if file.is_some() && word != "listing" {
        return Err(takes_no("file (it is about the whole listing)"));
    }
    let kind = match (word, suffix) {
        ("listing", anchor) => DirectiveKind::Listing {
            file: file.map(str::to_string),
            anchor: anchor
                .map(|anchor| checked_anchor(listing, anchor))
                .transpose()?,
        },
        ("output", None) => DirectiveKind::Output,
        ("output", Some(_)) => {
            return Err(takes_no("anchor (it shows the whole program's output)"));
        }
        ("listing-ref", None) => DirectiveKind::ListingRef,
        ("listing-ref", Some(_)) => return Err(takes_no("anchor (it names the whole listing)")),
        ("chart", Some(chart)) if NAME.is_match(chart) => DirectiveKind::Chart {
            chart: chart.to_string(),
        },
        ("chart", _) => {
            return Err(ParseErrorKind::NoChartName {
                found: whole.to_string(),
            });
        }
        (_, Some(key)) if NAME.is_match(key) => DirectiveKind::Value {
            key: key.to_string(),
        },
        (_, _) => {
            return Err(ParseErrorKind::NoValueKey {
                found: whole.to_string(),
            });
        }
    };
    Ok((listing.to_string(), kind))
}

fn checked_anchor(listing: &str, anchor: &str) -> Result<String, ParseErrorKind> {
    if NAME.is_match(anchor) {
        Ok(anchor.to_string())
    } else {
        Err(ParseErrorKind::BadAnchor {
            listing: listing.to_string(),
            anchor: anchor.to_string(),
        })
    }
}

/// A block directive must be alone on its line and, if Markdown puts it in a paragraph,
/// be all of that paragraph (a line of text just above it would join it).
fn stands_alone(
    content: &str,
    range: &Range<usize>,
    paragraphs: &[Range<usize>],
) -> Result<(), ParseErrorKind> {
    let line_start = content[..range.start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = content[range.end..]
        .find('\n')
        .map_or(content.len(), |at| range.end + at);
    let directive = &content[range.clone()];
    let alone_on_line = content[line_start..line_end].trim() == directive;
    let whole_paragraph = paragraphs
        .iter()
        .filter(|paragraph| paragraph.contains(&range.start))
        .all(|paragraph| content[paragraph.clone()].trim() == directive);
    if alone_on_line && whole_paragraph {
        Ok(())
    } else {
        Err(ParseErrorKind::InParagraph {
            found: directive.to_string(),
        })
    }
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

/// Byte ranges of every paragraph.
fn paragraph_ranges(content: &str) -> Vec<Range<usize>> {
    let mut open = Vec::new();
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(content, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => open.push(range.start),
            Event::End(TagEnd::Paragraph) => {
                if let Some(start) = open.pop() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}
