//! Stage 8, render: replace each directive with caption, code and transcript.
//!
//! Code goes into a Markdown fence (mdBook highlights it and handles hidden lines);
//! the transcript is raw HTML in which every captured byte is escaped, so a listing
//! that prints `<script>` shows it as text.

use std::path::Path;

use crate::anchor::shown_source;
use crate::capture::{Capture, Outcome};
use crate::resolve::Listing;

/// How a `{{#listing}}` is labelled and captioned.
pub struct Caption<'a> {
    /// "Listing 12-3", or `None` in an unnumbered chapter.
    pub label: Option<String>,
    /// The source file as a reader finds it, relative to the book root.
    pub file: &'a Path,
}

/// The Markdown for `{{#listing NAME}}` / `{{#listing NAME:ANCHOR}}`.
pub fn render_listing(
    listing: &Listing,
    source: &str,
    anchor: Option<&str>,
    caption: &Caption<'_>,
    capture: &Capture,
) -> Result<String, String> {
    let code = shown_source(source, anchor)?;
    let fence = "`".repeat(longest_backtick_run(&code).max(2) + 1);
    let mut figcaption = String::new();
    if let Some(label) = &caption.label {
        figcaption.push_str(&format!(
            "<span class=\"listing-label\">{}:</span> ",
            escape_html(label)
        ));
    }
    if let Some(text) = &listing.meta.caption {
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
        transcript = render_transcript(listing, capture),
    ))
}

/// The HTML for `{{#output NAME}}`: the command a reader would type, then what it
/// printed: compiler diagnostics, stdout, stderr and a non-zero exit status.
pub fn render_transcript(listing: &Listing, capture: &Capture) -> String {
    let mut html = format!(
        "<pre class=\"transcript\" data-listing=\"{}\"><code class=\"nohighlight\">\
         <span class=\"transcript-command\">$ {}</span>\n",
        escape_html(&listing.name),
        escape_html(&listing.reader_command()),
    );
    for (class, text) in [
        ("transcript-diagnostics", &capture.diagnostics),
        ("transcript-stdout", &capture.stdout),
        ("transcript-stderr", &capture.stderr),
    ] {
        if !text.is_empty() {
            html.push_str(&format!(
                "<span class=\"{class}\">{}</span>",
                escape_html(text)
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

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A caption's Markdown (`code`, *emphasis*) as inline HTML.
fn inline_markdown(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(text));
    let html = html.trim();
    html.strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
