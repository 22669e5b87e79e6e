//! A transcript as the page shows it: the command as a prompt line (its copy button
//! copies the command alone), a badge for how the run ended, then the compiler's
//! diagnostics, stdout and stderr, each in its own box. Streams are told apart by a
//! label and a border, not only by colour; a stream longer than a screen shows its
//! first lines and folds the rest under "show all N lines".
//!
//! Every captured byte is escaped. The HTML is laid out for Markdown: each `<pre>`
//! starts a block of its own, so blank lines in the output cannot end it.

mod cut;

use crate::capture::{Capture, Outcome};
use crate::listing::Listing;
use crate::listing::exercise::Shown;
use crate::terminal::style::Span;

use super::html::{escape_html, styled};
use super::timeline;
use cut::select;

/// A stream longer than this many lines is folded...
const FOLD_AFTER: usize = 40;
/// ...after this many.
const SHOWN_WHEN_FOLDED: usize = 24;

/// The HTML of a listing's transcript, with `id` for links to it: a prompt line per
/// run, the diagnostics under the first, then what each run was given and printed.
pub(super) fn transcript(listing: &Listing, capture: &Capture, id: &str) -> String {
    let mut html = format!(
        "<div class=\"transcript\" id=\"{id}\" data-listing=\"{name}\">\n",
        id = escape_html(id),
        name = escape_html(&listing.name),
    );
    let diagnostics = stream(
        "diagnostics",
        "compiler",
        &capture.diagnostics,
        &capture.styles.diagnostics,
        &Shown::All,
    );
    let build_badges = build_badges(capture);
    if capture.runs.is_empty() {
        html.push_str(&head(&capture.command, &build_badges));
        html.push_str(&diagnostics);
    }
    for (index, run) in capture.runs.iter().enumerate() {
        let mut badges = if index == 0 {
            build_badges.clone()
        } else {
            Vec::new()
        };
        badges.extend(run_badges(&run.outcome));
        html.push_str(&head(&run.command, &badges));
        if index == 0 {
            html.push_str(&diagnostics);
        }
        if let Some(stdin) = &run.stdin {
            html.push_str(&stream("stdin", "typed input", stdin, &[], &Shown::All));
        }
        let shown = &listing.meta.exercise.shown;
        // One stream holds both when they were captured through one pipe.
        let merged = listing.meta.interleave || listing.meta.exercise.cargo_lines;
        html.push_str(&stream(
            "stdout",
            if merged { "output" } else { "stdout" },
            &run.stdout,
            &run.styles.stdout,
            shown,
        ));
        html.push_str(&stream(
            "stderr",
            "stderr",
            &run.stderr,
            &run.styles.stderr,
            shown,
        ));
        if run.stdout.is_empty()
            && run.stderr.is_empty()
            && (index > 0 || capture.diagnostics.is_empty())
        {
            html.push_str("<p class=\"transcript-nothing\">(it printed nothing)</p>\n\n");
        }
        html.push_str(&timeline::drawing(
            &run.timeline,
            &format!("{id}-timeline-{}", index + 1),
        ));
    }
    if capture.runs.is_empty() && capture.is_silent() {
        html.push_str("<p class=\"transcript-nothing\">(the compiler said nothing)</p>\n\n");
    }
    html.push_str("</div>\n");
    html
}

/// The prompt line: `$ COMMAND`, its copy button, its badges.
fn head(command: &str, badges: &[(&str, String)]) -> String {
    let badges: String = badges
        .iter()
        .map(|(kind, text)| {
            format!(
                "<span class=\"transcript-badge transcript-badge-{kind}\">{}</span>",
                escape_html(text)
            )
        })
        .collect();
    format!(
        "<div class=\"transcript-head\"><span class=\"transcript-line\"><span class=\"transcript-prompt\" aria-hidden=\"true\">$</span> \
         <code class=\"transcript-command\">{command}</code></span>\
         <button type=\"button\" class=\"transcript-copy\" data-command=\"{command}\" title=\"Copy the command\" aria-label=\"Copy the command\"></button>\
         {badges}</div>\n\n",
        command = escape_html(command),
    )
}

/// The build's badges: compile error, warning.
fn build_badges(capture: &Capture) -> Vec<(&'static str, String)> {
    let mut badges = Vec::new();
    if !capture.compiled {
        badges.push(("compile-error", "compile error".to_string()));
    }
    if capture
        .diagnostics
        .lines()
        .any(|line| line.starts_with("warning"))
    {
        badges.push(("warning", "warning".to_string()));
    }
    badges
}

/// How a run ended, as a badge: panic, exit N, signal, timeout.
fn run_badges(outcome: &Outcome) -> Vec<(&'static str, String)> {
    match outcome {
        Outcome::Exited { panicked: true, .. } => vec![("panic", "panic".into())],
        Outcome::Exited { code: 0, .. } => Vec::new(),
        Outcome::Exited { code, .. } => vec![("exit", format!("exit {code}"))],
        Outcome::Signalled(signal) => vec![("signal", format!("signal {signal}"))],
        Outcome::TimedOut { after_ms } => {
            vec![("timeout", format!("stopped after {}", duration(*after_ms)))]
        }
    }
}

/// "300 ms", "5 s".
fn duration(ms: u128) -> String {
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{ms} ms")
    }
}

/// One stream's box (nothing when it is empty), showing the lines `shown` selects and
/// folded when it is long.
fn stream(kind: &str, label: &str, text: &str, spans: &[Span], shown: &Shown) -> String {
    if text.is_empty() {
        return String::new();
    }
    let selected = select(text, spans, shown);
    let (text, spans) = (selected.text.as_str(), selected.spans.as_slice());
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
        "{open}{}</pre>\n\n<details class=\"transcript-more\"><summary><span class=\"when-closed\">show all {} lines</span><span class=\"when-open\">show fewer lines</span></summary>\n\n\
         <pre class=\"transcript-stream transcript-{kind} transcript-rest\">{}</pre>\n\n</details>\n\n",
        styled(&first.concat(), spans),
        lines.len(),
        styled(&rest.concat(), &rest_spans),
    )
}

#[cfg(test)]
mod tests;
