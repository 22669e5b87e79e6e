//! Stage 9, render: replace each directive with caption, code and transcript.
//!
//! Code goes into a Markdown fence (mdBook highlights it and handles hidden lines);
//! the transcript is raw HTML in which every captured byte is escaped, so a listing
//! that prints `<script>` shows it as text.

mod html;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::anchor::{AnchorError, shown_source};
use crate::capture::{Capture, Outcome};
use crate::listing::Listing;

use super::parse::{DirectiveKind, Pages, Use};
use super::resolve::UsedListings;

use html::{escape_html, inline_markdown, longest_backtick_run, styled};

/// Every page's content with its directives replaced, by mdBook chapter path.
/// Listings are numbered per top-level chapter, in book order ("Listing 12-3"); captions
/// name files relative to the listings' workspace, as diagnostics do.
pub(crate) fn render_pages(
    workspace_root: &Path,
    Pages { pages, uses }: &Pages,
    used: &UsedListings<'_>,
    captures: &HashMap<String, Capture>,
) -> Result<HashMap<PathBuf, String>, AnchorError> {
    let mut counters: HashMap<Option<u32>, usize> = HashMap::new();
    let mut rendered = HashMap::new();
    for (index, page) in pages.iter().enumerate() {
        let on_page: Vec<&Use> = uses.iter().filter(|one| one.page == index).collect();
        // A listing shown in parts (several anchors) gets its output once, under its
        // last part on the page.
        let last_part: HashMap<&str, usize> = on_page
            .iter()
            .filter(|one| matches!(one.directive.kind, DirectiveKind::Listing { .. }))
            .map(|one| (one.directive.listing.as_str(), one.directive.range.start))
            .collect();
        let mut replacements = Vec::new();
        for one in on_page {
            let entry = &used[&one.directive.listing];
            let listing = entry.listing;
            let capture = &captures[&listing.name];
            let text = match &one.directive.kind {
                DirectiveKind::Output => render_transcript(listing, capture),
                DirectiveKind::Listing { anchor } => {
                    let counter = counters.entry(page.chapter).or_insert(0);
                    *counter += 1;
                    let caption = Caption {
                        label: page
                            .chapter
                            .map(|chapter| format!("Listing {chapter}-{counter}")),
                        file: listing
                            .main_source
                            .strip_prefix(workspace_root)
                            .unwrap_or(&listing.main_source),
                    };
                    let last = last_part[listing.name.as_str()] == one.directive.range.start;
                    let output = last.then_some(capture);
                    render_listing(listing, &entry.source, anchor.as_deref(), &caption, output)?
                }
            };
            let text = indent_continuation(&page.content, one.directive.range.start, &text);
            replacements.push((one.directive.range.clone(), text));
        }
        let mut content = page.content.clone();
        for (range, text) in replacements.into_iter().rev() {
            content.replace_range(range, &text);
        }
        rendered.insert(page.path.clone(), content);
    }
    Ok(rendered)
}

/// A directive indented inside a list item keeps its replacement inside the item:
/// every line after the first gets the directive's own indentation.
fn indent_continuation(content: &str, at: usize, text: &str) -> String {
    let line_start = content[..at].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &content[line_start..at];
    let text = text.trim_end();
    if prefix.is_empty() || !prefix.chars().all(|c| c == ' ') {
        return text.to_string();
    }
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 || line.is_empty() {
                line.to_string()
            } else {
                format!("{prefix}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How a `{{#listing}}` is labelled and captioned.
pub(crate) struct Caption<'a> {
    /// "Listing 12-3", or `None` in an unnumbered chapter.
    pub(crate) label: Option<String>,
    /// The source file, relative to the listings' workspace.
    pub(crate) file: &'a Path,
}

/// The Markdown for `{{#listing NAME}}` / `{{#listing NAME:ANCHOR}}`, with the output
/// under it when `capture` is given. An anchor's own caption (`anchor-captions`) wins
/// over the listing's.
pub(crate) fn render_listing(
    listing: &Listing,
    source: &str,
    anchor: Option<&str>,
    caption: &Caption<'_>,
    capture: Option<&Capture>,
) -> Result<String, AnchorError> {
    let code = shown_source(source, anchor)?;
    let caption_text = anchor
        .and_then(|anchor| listing.meta.anchor_captions.get(anchor))
        .or(listing.meta.caption.as_ref());
    let fence = "`".repeat(longest_backtick_run(&code).max(2) + 1);
    let mut figcaption = String::new();
    if let Some(label) = &caption.label {
        figcaption.push_str(&format!(
            "<span class=\"listing-label\">{}:</span> ",
            escape_html(label)
        ));
    }
    if let Some(text) = caption_text {
        figcaption.push_str(&inline_markdown(text));
        figcaption.push(' ');
    }
    figcaption.push_str(&format!(
        "<span class=\"listing-file\">{}</span>",
        escape_html(&caption.file.display().to_string())
    ));
    Ok(format!(
        "<figure class=\"listing\" id=\"listing-{id}\">\n<figcaption>{figcaption}</figcaption>\n\n\
         {fence}rust,noplayground\n{code}{fence}\n\n{transcript}\n</figure>\n",
        id = escape_html(&match anchor {
            Some(anchor) => format!("{}-{anchor}", listing.name),
            None => listing.name.clone(),
        }),
        transcript =
            capture.map_or_else(String::new, |capture| render_transcript(listing, capture)),
    ))
}

/// The HTML for `{{#output NAME}}`: the command a reader would type, then what it
/// printed: compiler diagnostics, stdout, stderr and a non-zero exit status.
pub(crate) fn render_transcript(listing: &Listing, capture: &Capture) -> String {
    let mut html = format!(
        "<pre class=\"transcript\" data-listing=\"{}\"><code class=\"nohighlight\">\
         <span class=\"transcript-command\">$ {}</span>\n",
        escape_html(&listing.name),
        escape_html(&listing.reader_command()),
    );
    for (class, text, spans) in [
        (
            "transcript-diagnostics",
            &capture.diagnostics,
            &capture.styles.diagnostics,
        ),
        ("transcript-stdout", &capture.stdout, &capture.styles.stdout),
        ("transcript-stderr", &capture.stderr, &capture.styles.stderr),
    ] {
        if !text.is_empty() {
            html.push_str(&format!(
                "<span class=\"{class}\">{}</span>",
                styled(text, spans)
            ));
            if !text.ends_with('\n') {
                html.push('\n');
            }
        }
    }
    let status = match &capture.outcome {
        Outcome::Exited { code: 0, .. } | Outcome::CompileError => None,
        other => Some(other.to_string()),
    };
    if let Some(status) = status {
        html.push_str(&format!(
            "<span class=\"transcript-status\">[{}]</span>\n",
            escape_html(&status)
        ));
    }
    html.push_str("</code></pre>");
    html
}

#[cfg(test)]
mod tests;
