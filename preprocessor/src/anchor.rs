//! A listing's source as the book shows it: anchor comment lines removed, and for
//! `{{#listing NAME:ANCHOR}}` the lines outside the region kept as mdBook hidden lines
//! (`# ` prefix), so the reader can still expand the whole program.

use std::sync::LazyLock;

use regex::Regex;

static ANCHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?://|#|--|<!--)\s*ANCHOR(_END)?:\s*([\w-]+)\s*(?:-->)?\s*$")
        .expect("the anchor pattern is valid")
});

/// What becomes of the lines outside an anchored region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outside {
    /// Kept as mdBook's hidden lines (`# ` prefix), which a reader can expand: Rust.
    Hidden,
    /// Left out: other languages, where mdBook hides no lines.
    Dropped,
}

/// An anchor a directive names that the source does not have whole.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AnchorError {
    #[error("no `// ANCHOR: {0}` line in the source")]
    Missing(String),
    #[error("`// ANCHOR: {0}` has no `// ANCHOR_END: {0}`")]
    Unclosed(String),
}

/// The source text to put in the code block.
pub(crate) fn shown_source(source: &str, anchor: Option<&str>) -> Result<String, AnchorError> {
    shown_part(source, anchor, Outside::Hidden)
}

/// The source text to put in the code block, with the lines outside `anchor` as `outside`
/// says.
pub(crate) fn shown_part(
    source: &str,
    anchor: Option<&str>,
    outside: Outside,
) -> Result<String, AnchorError> {
    let mut shown = String::new();
    let mut inside = anchor.is_none();
    let (mut started, mut ended) = (false, false);
    for line in source.lines() {
        if let Some(captures) = ANCHOR_LINE.captures(line) {
            if Some(&captures[2]) == anchor {
                if captures.get(1).is_none() {
                    started = true;
                    inside = true;
                } else if started {
                    ended = true;
                    inside = false;
                }
            }
            continue;
        }
        match (inside, outside) {
            (true, Outside::Hidden) => shown.push_str(&escape_visible(line)),
            (true, Outside::Dropped) => shown.push_str(line),
            (false, Outside::Hidden) => {
                shown.push_str(if line.is_empty() { "#" } else { "# " });
                shown.push_str(line);
            }
            (false, Outside::Dropped) => continue,
        }
        shown.push('\n');
    }
    match anchor {
        Some(name) if !started => Err(AnchorError::Missing(name.to_string())),
        Some(name) if !ended => Err(AnchorError::Unclosed(name.to_string())),
        _ => Ok(shown),
    }
}

/// mdBook hides Rust lines that start with `# `; a visible line that really starts so
/// is written with `##`, which mdBook shows as a single `#`.
fn escape_visible(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed == "#" || trimmed.starts_with("# ") {
        let indent = &line[..line.len() - trimmed.len()];
        format!("{indent}#{trimmed}")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "use std::fmt;\n\n// ANCHOR: body\nfn body() {}\n// ANCHOR_END: body\n#[test]\nfn rest() {}\n";

    #[test]
    fn the_whole_source_loses_only_its_anchor_lines() {
        assert_eq!(
            shown_source(SOURCE, None).unwrap(),
            "use std::fmt;\n\nfn body() {}\n#[test]\nfn rest() {}\n"
        );
    }

    #[test]
    fn an_anchored_region_is_shown_and_the_rest_hidden() {
        assert_eq!(
            shown_source(SOURCE, Some("body")).unwrap(),
            "# use std::fmt;\n#\nfn body() {}\n# #[test]\n# fn rest() {}\n"
        );
    }

    #[test]
    fn an_unknown_or_unclosed_anchor_is_an_error() {
        assert_eq!(
            shown_source(SOURCE, Some("nope")).unwrap_err().to_string(),
            "no `// ANCHOR: nope` line in the source"
        );
        let unclosed = "// ANCHOR: open\nfn f() {}\n";
        assert_eq!(
            shown_source(unclosed, Some("open"))
                .unwrap_err()
                .to_string(),
            "`// ANCHOR: open` has no `// ANCHOR_END: open`"
        );
    }

    #[test]
    fn a_toml_region_is_marked_with_hash_comments_and_the_rest_left_out() {
        let manifest = "[package]\nname = \"demo\"\n\n# ANCHOR: deps\n[dependencies]\ntokio = \"1\"\n# ANCHOR_END: deps\n";
        assert_eq!(
            shown_part(manifest, Some("deps"), Outside::Dropped).unwrap(),
            "[dependencies]\ntokio = \"1\"\n"
        );
    }

    #[test]
    fn a_visible_line_starting_with_hash_space_is_escaped() {
        assert_eq!(
            shown_source("    # not hidden\n", None).unwrap(),
            "    ## not hidden\n"
        );
    }
}
