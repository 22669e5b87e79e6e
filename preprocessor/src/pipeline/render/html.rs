//! HTML pieces of a rendered listing: escaping captured text (with its terminal
//! colours as CSS classes), a caption's Markdown as inline HTML, a code fence longer
//! than anything in the code.

use crate::terminal::style::Span;

/// `text`, escaped, with each styled stretch in a `<span class="ansi-...">`.
pub(super) fn styled(text: &str, spans: &[Span]) -> String {
    if spans.is_empty() {
        return escape_html(text);
    }
    let mut html = String::with_capacity(text.len() * 2);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            html.push('\n');
        }
        let chars: Vec<char> = line.chars().collect();
        let mut at = 0;
        for span in spans.iter().filter(|span| span.line == index + 1) {
            let start = (span.start - 1).min(chars.len()).max(at);
            let end = (span.end - 1).min(chars.len());
            if start >= end {
                continue;
            }
            html.push_str(&escape_html(&chars[at..start].iter().collect::<String>()));
            html.push_str(&format!(
                "<span class=\"{}\">{}</span>",
                span.style.classes().join(" "),
                escape_html(&chars[start..end].iter().collect::<String>())
            ));
            at = end;
        }
        html.push_str(&escape_html(&chars[at..].iter().collect::<String>()));
    }
    html
}

/// Escapes text for HTML element content and attribute values.
pub(super) fn escape_html(text: &str) -> String {
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
pub(super) fn inline_markdown(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(text));
    let html = html.trim();
    html.strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
        .unwrap_or(html)
        .to_string()
}

pub(super) fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}
