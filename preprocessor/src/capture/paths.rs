//! No machine in the book: the absolute paths of the machine that ran a listing (the
//! listings' workspace, cargo's target directory and home, the book, the temp dir, the
//! user's home) are rewritten wherever a capture shows them, so a page or a committed
//! snapshot reads the same whoever built it. Paths inside the workspace become relative
//! to it, as cargo and rustc print them, and cargo's target directory is `target`, as in
//! a reader's checkout; the others become a name a reader recognises.

use std::path::{Path, PathBuf};

/// The rewrites for one run, most specific path first.
#[derive(Debug, Clone, Default)]
pub(crate) struct MachinePaths {
    /// (absolute path, what it becomes followed by `/`, what it becomes alone)
    rules: Vec<(String, String, String)>,
}

/// Where the machine's paths are.
pub(crate) struct Places<'a> {
    pub(crate) workspace: &'a Path,
    pub(crate) target_dir: &'a Path,
    pub(crate) book: &'a Path,
    pub(crate) cargo_home: Option<PathBuf>,
    pub(crate) home: Option<PathBuf>,
    pub(crate) temp: PathBuf,
}

impl Places<'_> {
    /// The places of this process: cargo's home and the user's from the environment.
    pub(crate) fn of_this_machine<'a>(
        workspace: &'a Path,
        target_dir: &'a Path,
        book: &'a Path,
    ) -> Places<'a> {
        let home = std::env::home_dir();
        Places {
            workspace,
            target_dir,
            book,
            cargo_home: std::env::var_os("CARGO_HOME")
                .map(PathBuf::from)
                .or_else(|| home.as_ref().map(|home| home.join(".cargo"))),
            home,
            temp: std::env::temp_dir(),
        }
    }
}

impl MachinePaths {
    pub(crate) fn new(places: &Places<'_>) -> MachinePaths {
        let mut named: Vec<(PathBuf, &str, &str)> = vec![
            (places.workspace.to_path_buf(), "", "."),
            (places.book.to_path_buf(), "$BOOK/", "$BOOK"),
            (places.temp.clone(), "$TMPDIR/", "$TMPDIR"),
        ];
        if !places.target_dir.starts_with(places.workspace) {
            // Wherever this machine builds, a reader's build is in the workspace's `target`.
            named.push((places.target_dir.to_path_buf(), "target/", "target"));
        }
        if let Some(cargo_home) = &places.cargo_home {
            named.push((cargo_home.clone(), "$CARGO_HOME/", "$CARGO_HOME"));
        }
        if let Some(home) = &places.home {
            named.push((home.clone(), "~/", "~"));
        }
        let mut rules = Vec::new();
        for (path, with_slash, bare) in named {
            let canonical = path.canonicalize().ok();
            for form in std::iter::once(path).chain(canonical) {
                let text = form.to_string_lossy().trim_end_matches('/').to_string();
                if text.len() > 1 && !rules.iter().any(|(from, _, _)| from == &text) {
                    rules.push((text, with_slash.to_string(), bare.to_string()));
                }
            }
        }
        // The most specific first: the workspace inside the book, the book inside home.
        rules.sort_by_key(|(from, _, _)| std::cmp::Reverse(from.len()));
        MachinePaths { rules }
    }

    /// `text` with every machine path rewritten.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (from, with_slash, bare) in &self.rules {
            if !text.contains(from.as_str()) {
                continue;
            }
            text = text.replace(&format!("{from}/"), with_slash);
            text = replace_whole(&text, from, bare);
        }
        text
    }
}

/// Replaces `from` where it is a whole path (not the start of a longer name).
fn replace_whole(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let after = &rest[at + from.len()..];
        let whole = !after.starts_with(|c: char| c.is_alphanumeric() || "-_.".contains(c));
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_paths_become_relative_or_named_most_specific_first() {
        let paths = MachinePaths::new(&Places {
            workspace: Path::new("/home/ada/book/code"),
            target_dir: Path::new("/home/ada/.cache/target"),
            book: Path::new("/home/ada/book"),
            cargo_home: Some("/home/ada/.cargo".into()),
            home: Some("/home/ada".into()),
            temp: "/tmp".into(),
        });
        assert_eq!(
            paths.scrub(
                "--> /home/ada/.cargo/registry/src/index.crates.io-1/tokio-1.54.0/src/lib.rs:3\n\
                 panicked at /home/ada/book/code/ch1/demo/src/main.rs:2:5\n\
                 cwd: /home/ada/book/code\n\
                 built in /home/ada/.cache/target/debug/demo\n\
                 notes in /home/ada/book/notes.md, scratch in /tmp/x, home is /home/ada\n\
                 /home/adamant stays\n"
            ),
            "--> $CARGO_HOME/registry/src/index.crates.io-1/tokio-1.54.0/src/lib.rs:3\n\
             panicked at ch1/demo/src/main.rs:2:5\n\
             cwd: .\n\
             built in target/debug/demo\n\
             notes in $BOOK/notes.md, scratch in $TMPDIR/x, home is ~\n\
             /home/adamant stays\n"
        );
    }
}
