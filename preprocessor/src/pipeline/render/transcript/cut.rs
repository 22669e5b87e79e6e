//! The part of a long output the page shows (`show = { lines = "3-8" }` or
//! `{ matching = '...' }`): the chosen lines, each gap marked with how many lines it
//! leaves out, so a reader knows it is not the whole output. Comparison with the
//! snapshot always uses the whole.

use crate::listing::exercise::Shown;
use crate::terminal::style::{Span, Style};

/// Text with its spans, as the page shows it.
pub(super) struct Selected {
    pub(super) text: String,
    pub(super) spans: Vec<Span>,
}

/// The lines of `text` that `shown` selects; each run of lines left out becomes one
/// marker line, `[... N lines not shown]`, styled dim.
pub(super) fn select(text: &str, spans: &[Span], shown: &Shown) -> Selected {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let keep: Vec<bool> = lines
        .iter()
        .enumerate()
        .map(|(index, line)| match shown {
            Shown::All => true,
            Shown::Lines(range) => range.contains(&(index + 1)),
            Shown::Matching(pattern) => pattern.is_match(line.trim_end_matches('\n')),
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return Selected {
            text: text.to_string(),
            spans: spans.to_vec(),
        };
    }
    let mut selected = Selected {
        text: String::new(),
        spans: Vec::new(),
    };
    let mut line_out = 0;
    let mut index = 0;
    while index < lines.len() {
        if keep[index] {
            line_out += 1;
            selected.text.push_str(lines[index]);
            selected.spans.extend(
                spans
                    .iter()
                    .filter(|span| span.line == index + 1)
                    .map(|span| Span {
                        line: line_out,
                        ..span.clone()
                    }),
            );
            index += 1;
            continue;
        }
        let gap = keep[index..].iter().take_while(|k| !**k).count();
        line_out += 1;
        let marker = format!("[... {gap} line(s) not shown]");
        selected.spans.push(Span {
            line: line_out,
            start: 1,
            end: marker.chars().count() + 1,
            style: Style {
                dim: true,
                ..Style::default()
            },
        });
        selected.text.push_str(&marker);
        selected.text.push('\n');
        index += gap;
    }
    selected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chosen_lines_are_shown_and_each_gap_is_marked() {
        let text = "one\ntwo\nthree\nfour\nfive\n";
        let shown = select(text, &[], &Shown::Lines(2..=3));
        assert_eq!(
            shown.text,
            "[... 1 line(s) not shown]\ntwo\nthree\n[... 2 line(s) not shown]\n"
        );
        let panic = select(
            "working\nthread 'main' panicked at src/main.rs:3:5:\nboom\n",
            &[],
            &Shown::Matching(regex::Regex::new("panicked").unwrap()),
        );
        assert_eq!(
            panic.text,
            "[... 1 line(s) not shown]\nthread 'main' panicked at src/main.rs:3:5:\n[... 1 line(s) not shown]\n"
        );
    }
}
