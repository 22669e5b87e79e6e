//! `new NAME [--section DIR] [BOOK]`: scaffolds a listing package in the book's listings'
//! workspace (a `Cargo.toml` whose `[package.metadata.transcript]` table lists every key,
//! commented, and a `src/main.rs`), makes it a member of the workspace when no `members`
//! pattern covers it yet, and prints the directive to paste into a page.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::config::Config;
use crate::files;
use crate::report;

use super::book::load;

/// The manifest of a new listing, with every setting it may declare, commented.
const MANIFEST: &str = r#"[package]
name = "NAME"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]

# What mdbook-transcript shows and checks of this listing (every key is optional).
[package.metadata.transcript]
caption = "What this listing shows"
# expect = "success"           # or "panic", "timeout", { exit = 2 }, { compile-error = "E0382" },
#                              #    { warning = "unused_variables" }; pin it: { ..., at = "src/main.rs:4" }
# command = "run"              # or "test" (a library's default), "build", "clippy"
# args = ["to", "poem.txt"]    # the program's arguments
# env = { IGNORE_CASE = "1" }  # its environment, on top of a clean one
# stdin = "42\n"               # its input, or { file = "input.txt" }
# runs = [{ args = ["a"] }, { args = ["b"], expect = { exit = 1 } }]  # several runs, each shown
# files = ["poem.txt"]         # files beside the listing its runs read
# timeout = "10s"              # the book's default otherwise
# exclusive = true             # run alone: its numbers need the CPU to themselves
# interleave = true            # stdout and stderr as one stream, in the order written
# redact = [{ pattern = '\d+ ms', with = "[TIME] ms" }]  # ignored when comparing, still shown
# show = { lines = "1-20" }    # or { matching = 'panicked' }: the page shows part of the output
# values = { count = 'found (\d+)' }  # for {{#value NAME:count}} in the prose
# numbered = false             # no "Listing N-M" label
# cargo-lines = true           # show cargo's own lines (Compiling, Finished, Running)
"#;

const MAIN: &str = "fn main() {\n    println!(\"Hello from NAME!\");\n}\n";

pub(super) fn execute(name: &str, section: Option<&Path>, book: &Path) -> Result<()> {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        bail!(
            "`{name}` is not a listing name: use lower-case letters, digits and dashes (kebab-case), starting with a letter"
        );
    }
    let md = load(book)?;
    let config = Config::from_book(&md.config)?;
    let workspace = md.root.join(&config.workspace);
    let relative: PathBuf = section.map_or_else(|| PathBuf::from(name), |dir| dir.join(name));
    let dir = workspace.join(&relative);
    if dir.exists() {
        bail!(
            "{} is there already: choose another name, or remove it",
            dir.display()
        );
    }
    let write = |file: &str, text: &str| {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap_or(&dir))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        files::write_atomically(&path, text.replace("NAME", name).as_bytes())?;
        anyhow::Ok(())
    };
    write("Cargo.toml", MANIFEST)?;
    write("src/main.rs", MAIN)?;
    let added = add_member(&workspace, &relative)?;
    report::status(format_args!(
        "created listing `{name}` in {}{}",
        dir.display(),
        if added {
            ", and made it a member of the listings' workspace"
        } else {
            ""
        }
    ));
    report::status("paste this into a page:");
    report::table_row(&format!("{{{{#listing {name}}}}}"));
    Ok(())
}

/// Adds `relative` to the workspace's `members` unless one of its patterns covers it;
/// says whether it did. The rest of the manifest is kept as written.
fn add_member(workspace: &Path, relative: &Path) -> Result<bool> {
    let path = workspace.join("Cargo.toml");
    let text = files::read_to_string(&path)?;
    let mut manifest: toml_edit::DocumentMut = text
        .parse()
        .with_context(|| format!("cannot read {} as TOML", path.display()))?;
    let wanted = relative.to_string_lossy().replace('\\', "/");
    let members = manifest["workspace"]["members"]
        .or_insert(toml_edit::array())
        .as_array_mut()
        .with_context(|| format!("{}: `workspace.members` is not an array", path.display()))?;
    let covered = members
        .iter()
        .filter_map(|member| member.as_str())
        .any(|pattern| pattern_covers(pattern, &wanted));
    if covered {
        return Ok(false);
    }
    members.push(wanted);
    files::write_atomically(&path, manifest.to_string().as_bytes())?;
    Ok(true)
}

/// Whether a `members` pattern (`ch12-*/*`, `support`) matches a path, segment by
/// segment, `*` matching any run of characters within a segment.
fn pattern_covers(pattern: &str, path: &str) -> bool {
    let (patterns, parts): (Vec<&str>, Vec<&str>) =
        (pattern.split('/').collect(), path.split('/').collect());
    patterns.len() == parts.len()
        && patterns
            .iter()
            .zip(&parts)
            .all(|(p, s)| segment_matches(p, s))
}

fn segment_matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(tail) = text.strip_prefix(head) else {
                return false;
            };
            (0..=tail.len())
                .any(|at| tail.is_char_boundary(at) && segment_matches(rest, &tail[at..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_patterns_cover_paths_segment_by_segment() {
        assert!(pattern_covers("ch12-*/*", "ch12-02-basics/join"));
        assert!(pattern_covers("support", "support"));
        assert!(!pattern_covers("ch12-*/*", "ch13-01/x"));
        assert!(!pattern_covers("listings/*", "listings/a/b"));
    }
}
