//! A listing: one package of the listings' workspace, and what it declares about itself
//! in `[package.metadata.transcript]` ([`meta`]). Every stage after `resolve` works on
//! these.

pub(crate) mod expectation;
pub(crate) mod meta;
pub(crate) mod read;
pub(crate) mod redaction;

use std::path::{Path, PathBuf};
use std::time::Duration;

use cargo_metadata::PackageId;

pub(crate) use expectation::Expectation;
pub(crate) use meta::ListingMeta;
pub(crate) use redaction::Redaction;

/// Everything the tool knows about one listing package.
#[derive(Debug, Clone)]
pub(crate) struct Listing {
    /// The package name, which is also the name directives use.
    pub(crate) name: String,
    pub(crate) package_id: PackageId,
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

    /// The command a reader types to see this listing's output.
    pub(crate) fn reader_command(&self) -> String {
        let mut command = format!("cargo run -p {}", self.name);
        if !self.required_features.is_empty() {
            command.push_str(&format!(" --features {}", self.required_features.join(",")));
        }
        command
    }
}
