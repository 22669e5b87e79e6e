//! A transcript as the page shows it: the command as a prompt line (its copy button
//! copies the command alone), a badge for how the run ended, then the compiler's
//! diagnostics, stdout and stderr, each in its own box. Streams are told apart by a
//! label and a border, not only by colour; a stream longer than a screen shows its
//! first lines and folds the rest under "show all N lines".
//!
//! Every captured byte is escaped. The HTML is laid out for Markdown: each `<pre>`
//! starts a block of its own, so blank lines in the output cannot end it.

use crate::capture::{Capture, Outcome};
use crate::listing::Listing;
use crate::terminal::style::Span;

use super::html::{escape_html, styled};

/// A stream longer than this many lines is folded...
const FOLD_AFTER: usize = 40;
/// ...after this many.
const SHOWN_WHEN_FOLDED: usize = 24;

/// The HTML of a listing's transcript, with `id` for links to it.
pub(super) fn transcript(listing: &Listing, capture: &Capture, id: &str) -> String {
    let command = listing.reader_command();
    let mut html = format!(
        "<div class=\"transcript\" id=\"{id}\" data-listing=\"{name}\">\n\
         <div class=\"transcript-head\"><span class=\"transcript-prompt\" aria-hidden=\"true\">$</span> \
         <code class=\"transcript-command\">{command}</code>\
         <button type=\"button\" class=\"transcript-copy\" data-command=\"{command}\" title=\"Copy the command\" aria-label=\"Copy the command\"></button>\
         {badges}</div>\n\n",
        id = escape_html(id),
        name = escape_html(&listing.name),
        command = escape_html(&command),
        badges = badges(capture),
    );
    let streams = [
        (
            "diagnostics",
            "compiler",
            &capture.diagnostics,
            &capture.styles.diagnostics,
        ),
        ("stdout", "stdout", &capture.stdout, &capture.styles.stdout),
        ("stderr", "stderr", &capture.stderr, &capture.styles.stderr),
    ];
    for (kind, label, text, spans) in streams {
        if !text.is_empty() {
            html.push_str(&stream(kind, label, text, spans));
        }
    }
    if capture.diagnostics.is_empty() && capture.stdout.is_empty() && capture.stderr.is_empty() {
        html.push_str("<p class=\"transcript-nothing\">(it printed nothing)</p>\n\n");
    }
    html.push_str("</div>\n");
    html
}

/// How the run ended, as badges: panic, exit N, compile error, warning, timeout.
fn badges(capture: &Capture) -> String {
    let mut badges: Vec<(&str, String)> = Vec::new();
    match &capture.outcome {
        Outcome::CompileError => badges.push(("compile-error", "compile error".into())),
        Outcome::Exited { panicked: true, .. } => badges.push(("panic", "panic".into())),
        Outcome::Exited { code: 0, .. } => {}
        Outcome::Exited { code, .. } => badges.push(("exit", format!("exit {code}"))),
        Outcome::Signalled(signal) => badges.push(("signal", format!("signal {signal}"))),
        Outcome::TimedOut { after_ms } => {
            badges.push(("timeout", format!("stopped after {}", duration(*after_ms))));
        }
    }
    if capture
        .diagnostics
        .lines()
        .any(|line| line.starts_with("warning"))
    {
        badges.push(("warning", "warning".into()));
    }
    badges
        .into_iter()
        .map(|(kind, text)| {
            format!(
                "<span class=\"transcript-badge transcript-badge-{kind}\">{}</span>",
                escape_html(&text)
            )
        })
        .collect()
}

/// "300 ms", "5 s".
fn duration(ms: u128) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// One stream's box, folded when it is long.
fn stream(kind: &str, label: &str, text: &str, spans: &[Span]) -> String {
    let open =
        format!("<pre class=\"transcript-stream transcript-{kind}\" data-label=\"{label}\">");
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.len() <= FOLD_AFTER {
        return format!("{open}{}</pre>\n\n", styled(text, spans));
    }
    let (first, rest) = lines.split_at(SHOWN_WHEN_FOLDED);
    let rest_spans: Vec<Span> = spans
        .iter()
        .filter(|span| span.line > SHOWN_WHEN_FOLDED)
        .map(|span| Span {
            line: span.line - SHOWN_WHEN_FOLDED,
            ..span.clone()
        })
        .collect();
    format!(
        "{open}{}</pre>\n\n<details class=\"transcript-more\"><summary>show all {} lines</summary>\n\n\
         <pre class=\"transcript-stream transcript-{kind} transcript-rest\">{}</pre>\n\n</details>\n\n",
        styled(&first.concat(), spans),
        lines.len(),
        styled(&rest.concat(), &rest_spans),
    )
}

#[cfg(test)]
mod tests;
