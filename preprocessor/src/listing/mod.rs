//! A listing: one package of the listings' workspace, and what it declares about itself
//! in `[package.metadata.transcript]` ([`meta`]). Every stage after `resolve` works on
//! these.

pub(crate) mod chart;
pub(crate) mod exercise;
pub(crate) mod expectation;
pub(crate) mod meta;
pub(crate) mod read;
pub(crate) mod redaction;

use std::path::{Path, PathBuf};
use std::time::Duration;

use cargo_metadata::PackageId;

use exercise::{Command, RunSpec, Stdin};

pub(crate) use expectation::Expectation;
pub(crate) use meta::ListingMeta;
pub(crate) use redaction::Redaction;

/// What a listing's package is: a program, or a library whose tests are its point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Binary,
    Library,
}

/// Everything the tool knows about one listing package.
#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// The package name, which is also the name directives use.
    pub(crate) name: String,
    pub(crate) package_id: PackageId,
    pub(crate) kind: Kind,
    /// The crate directory (where its `Cargo.toml` is).
    pub(crate) dir: PathBuf,
    /// The binary's main source file, the one a `{{#listing}}` shows.
    pub(crate) main_source: PathBuf,
    /// The features the binary needs (for compile-fail listings: `compile-fail`).
    pub(crate) required_features: Vec<String>,
    /// Directories of path dependencies (such as `code/support`), for the content key.
    pub(crate) path_dependencies: Vec<PathBuf>,
    pub(crate) meta: ListingMeta,
}

impl Listing {
    /// A listing named `demo` in `dir` with default settings, for unit tests.
    #[cfg(test)]
    pub(crate) fn fixture(dir: &Path) -> Listing {
        Listing {
            name: "demo".into(),
            package_id: PackageId {
                repr: "demo".into(),
            },
            kind: Kind::Binary,
            dir: dir.to_path_buf(),
            main_source: dir.join("src/main.rs"),
            required_features: vec![],
            path_dependencies: vec![],
            meta: ListingMeta::default(),
        }
    }

    /// The file a `{{#listing}}` shows, relative to the listing's directory: `file`, or
    /// the main source.
    pub(crate) fn shown_file(&self, file: Option<&str>) -> PathBuf {
        match file {
            Some(file) => PathBuf::from(file),
            None => self
                .main_source
                .strip_prefix(&self.dir)
                .unwrap_or(&self.main_source)
                .to_path_buf(),
        }
    }

    /// How long it may run: its own timeout, or the book's.
    pub(crate) fn timeout(&self, book_default: Duration) -> Duration {
        self.meta.timeout.unwrap_or(book_default)
    }

    /// The directories whose files are its sources: its own and its path dependencies'.
    pub(crate) fn source_dirs(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.dir.as_path())
            .chain(self.path_dependencies.iter().map(PathBuf::as_path))
    }

    /// The cargo command its transcript shows: its own, or its kind's (run a binary,
    /// test a library).
    pub(crate) fn command(&self) -> Command {
        self.meta.exercise.command.unwrap_or(match self.kind {
            Kind::Binary => Command::Run,
            Kind::Library => Command::Test,
        })
    }

    /// The command a reader types to see this listing's output: for `run`, with the
    /// run's environment, arguments and input file (`IGNORE_CASE=1 cargo run -p grep --
    /// to poem.txt`). `-p NAME` only when `with_package`.
    pub(crate) fn command_line(&self, run: Option<&RunSpec>, with_package: bool) -> String {
        let mut words: Vec<String> = Vec::new();
        if let Some(run) = run {
            words.extend(
                run.env
                    .iter()
                    .map(|(name, value)| format!("{name}={}", quoted(value))),
            );
        }
        words.push(format!("cargo {}", self.command()));
        if with_package {
            words.push(format!("-p {}", self.name));
        }
        if !self.required_features.is_empty() {
            words.push(format!("--features {}", self.required_features.join(",")));
        }
        if let Some(run) = run.filter(|run| !run.args.is_empty()) {
            words.push("--".to_string());
            words.extend(run.args.iter().map(|arg| quoted(arg)));
        }
        if let Some(Stdin::File(file)) = run.and_then(|run| run.stdin.as_ref()) {
            words.push(format!("< {}", quoted(&file.display().to_string())));
        }
        words.join(" ")
    }
}

/// A word as a shell takes it: as it is when it is plain, else in single quotes.
fn quoted(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_what_a_reader_types() {
        let mut grep = Listing::fixture(Path::new("/code/grep"));
        grep.name = "grep".into();
        let run = RunSpec {
            args: vec!["to".into(), "poem.txt".into()],
            env: [("IGNORE_CASE".to_string(), "1".to_string())].into(),
            ..RunSpec::default()
        };
        assert_eq!(
            grep.command_line(Some(&run), false),
            "IGNORE_CASE=1 cargo run -- to poem.txt"
        );
        assert_eq!(
            grep.command_line(Some(&run), true),
            "IGNORE_CASE=1 cargo run -p grep -- to poem.txt"
        );
        let odd = RunSpec {
            args: vec!["it's here".into()],
            stdin: Some(Stdin::File("guesses.txt".into())),
            ..RunSpec::default()
        };
        assert_eq!(
            grep.command_line(Some(&odd), false),
            "cargo run -- 'it'\\''s here' < guesses.txt"
        );
        grep.kind = Kind::Library;
        assert_eq!(grep.command_line(None, true), "cargo test -p grep");
    }
}
