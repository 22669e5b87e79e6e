//! A build whose every input is as it was when the last build ended renders what that
//! build rendered, without reading a listing: at 500 listings the pipeline's own work is
//! 50 ms of a 130 ms warm build, and this check is the 15 ms `rustc -vV` takes, with the
//! rest done while rustc starts.
//!
//! The inputs are fingerprinted, not read: the book's settings and its chapters as
//! mdBook hands them over (contents, paths, numbering), the book's root, the current
//! directory and the whole environment, the compiler (`rustc -vV`, and `RUSTC`'s
//! contents when it is set), which `.git` directories are above the book (for source
//! links), every cargo config file cargo could read (size and modification time), and
//! every file under the listings' workspace, snapshots included, by path, size and
//! modification time (nanoseconds), as cargo judges freshness. Hidden directories and
//! any named `target/` are not walked, so they hold nothing a listing shows.
//!
//! The fingerprint is taken before anything is read, and the pages are remembered only
//! when that build ran nothing, wrote no snapshot and said nothing (no note, no warning),
//! and every listing's files are inside the workspace; a file edited while it ran
//! changes the next fingerprint. A plain build or one under CI takes the remembered pages;
//! `check` and `bless` never do. The pages are kept in the target directory
//! (`mdbook-transcript-pages.json`); deleting the file is always safe.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::Book;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::digest::Lines;
use crate::files;
use crate::mode::Mode;
use crate::progress::Summary;

use super::key::rustc_version;
use super::render::into_chapters;
use super::resolve::{UsedListings, Workspace};

/// The file, in the target directory, that holds the fingerprint and the pages.
const PAGES_FILE: &str = "mdbook-transcript-pages.json";

/// Everything a build's pages depend on, hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fingerprint(String);

/// What the last unchanged build rendered.
#[derive(Serialize, Deserialize)]
struct Remembered {
    fingerprint: String,
    /// The listings the pages show, for the run's summary.
    listings: Vec<String>,
    /// Each chapter's rendered Markdown, by its path.
    pages: HashMap<PathBuf, String>,
}

/// What a build knows before it reads anything: its inputs' fingerprint, when its mode
/// may take remembered pages, and what was learnt on the way.
pub(crate) struct Before {
    fingerprint: Option<Fingerprint>,
    /// What the target directory remembers, read while the fingerprint was taken.
    remembered: Option<Remembered>,
    /// What a build that does read everything need not ask again.
    pub(crate) known: Known,
    /// The workspace's directory, absolute.
    workspace: PathBuf,
}

/// What fingerprinting a build learnt that the build itself would ask again.
#[derive(Default)]
pub(crate) struct Known {
    /// `rustc -vV`, when it was asked and answered.
    pub(crate) rustc: Option<String>,
    /// Every file under the workspace ([`files::files_under`]), when it was walked.
    pub(crate) files: Option<Vec<PathBuf>>,
}

/// Where a build of `book` reads and takes its inputs from.
struct Inputs<'a> {
    root: &'a Path,
    book_config: &'a mdbook_preprocessor::config::Config,
    book: &'a Book,
    /// The listings' workspace's directory, absolute.
    workspace: &'a Path,
}

impl Before {
    /// Fingerprints a build's inputs while rustc says which it is; only for a build.
    pub(crate) fn take(
        root: &Path,
        book_config: &mdbook_preprocessor::config::Config,
        book: &Book,
        (workspace, mode): (&Path, Mode),
    ) -> Before {
        let workspace = files::absolute(workspace);
        if !mode.reuses_fresh_snapshots() {
            return Before {
                fingerprint: None,
                remembered: None,
                known: Known::default(),
                workspace,
            };
        }
        let inputs = Inputs {
            root,
            book_config,
            book,
            workspace: &workspace,
        };
        let (partial, remembered, rustc) = std::thread::scope(|scope| {
            let rustc = scope.spawn(|| rustc_version(&workspace, None).ok());
            let remembered =
                scope.spawn(|| Remembered::read(&files::target_dir_without_cargo(&workspace)));
            let partial = Fingerprint::partial(&inputs);
            (
                partial,
                remembered.join().expect("reading a file does not panic"),
                rustc.join().expect("asking rustc does not panic"),
            )
        });
        let (partial, files) = partial.unzip();
        let fingerprint = partial
            .zip(rustc.as_deref())
            .map(|(partial, rustc)| Fingerprint::with_compiler(&partial, rustc));
        Before {
            fingerprint,
            remembered,
            known: Known { rustc, files },
            workspace,
        }
    }

    /// Puts the remembered pages in place of the chapters, when the inputs are as they
    /// were; the listings they show.
    pub(crate) fn replay(&mut self, book: &mut Book) -> Option<Vec<String>> {
        let fingerprint = self.fingerprint.as_ref()?;
        let remembered = self
            .remembered
            .take()
            .filter(|remembered| remembered.fingerprint == fingerprint.0)?;
        into_chapters(book, &remembered.pages);
        Some(remembered.listings)
    }

    /// After a build: remembers its pages, if it ran nothing, wrote nothing, said
    /// nothing, and every listing it shows is inside the workspace.
    pub(crate) fn remember(
        &self,
        workspace: &Workspace,
        used: &UsedListings<'_>,
        summary: &Summary,
        pages: HashMap<PathBuf, String>,
    ) {
        let Some(fingerprint) = &self.fingerprint else {
            return;
        };
        let target_dir = files::target_dir_without_cargo(&self.workspace);
        let inside = used.values().all(|one| {
            one.listing
                .source_dirs()
                .all(|dir| dir.starts_with(&self.workspace))
        });
        if summary.ran == 0
            && summary.written == 0
            && !crate::report::has_noted_or_warned()
            && inside
            && target_dir == files::absolute(&workspace.target_dir)
        {
            fingerprint.remember(&target_dir, used.keys().cloned().collect(), pages);
        }
    }
}

impl Fingerprint {
    fn with_compiler(partial: &str, rustc: &str) -> Fingerprint {
        let mut fingerprint = Lines::new("pages");
        fingerprint.line(partial);
        fingerprint.line(rustc);
        Fingerprint(fingerprint.finish())
    }

    /// The fingerprint of `inputs` but the compiler, and every file under the workspace;
    /// `None` when one of them cannot be read (the build then reads everything, and
    /// says what it could not read).
    fn partial(inputs: &Inputs<'_>) -> Option<(String, Vec<PathBuf>)> {
        let mut partial = Lines::new("the pages' inputs but the compiler");
        let mut line = |text: &str| partial.line(text);
        line(&serde_json::to_string(inputs.book_config).ok()?);
        line(&serde_json::to_string(inputs.book).ok()?);
        line(&files::absolute(inputs.root).display().to_string());
        let mut environment: Vec<_> = std::env::vars_os().collect();
        environment.sort();
        for (name, value) in environment {
            line(&format!("{name:?}={value:?}"));
        }
        let here = std::env::current_dir().ok()?;
        line(&here.display().to_string());
        let root = inputs.root.canonicalize().ok()?;
        for dir in root.ancestors() {
            line(&format!("{} {}", dir.display(), dir.join(".git").exists()));
        }
        for file in files::cargo_config_files(inputs.workspace, &here) {
            line(&format!("{} {}", file.display(), stamp(&file)));
        }
        let files = files::files_under(inputs.workspace).ok()?;
        for stamped in stamps(&files) {
            line(&stamped);
        }
        Some((partial.finish(), files))
    }

    /// Remembers `pages` (showing `listings`) under this fingerprint in `target_dir`.
    /// A file that cannot be written only means reading everything next time.
    fn remember(&self, target_dir: &Path, listings: Vec<String>, pages: HashMap<PathBuf, String>) {
        let remembered = Remembered {
            fingerprint: self.0.clone(),
            listings,
            pages,
        };
        if let Ok(json) = serde_json::to_vec(&remembered) {
            let _ = files::write_atomically(&target_dir.join(PAGES_FILE), &json);
        }
    }
}

impl Remembered {
    /// What `target_dir` remembers, if anything (under whichever fingerprint).
    fn read(target_dir: &Path) -> Option<Remembered> {
        let text = std::fs::read(target_dir.join(PAGES_FILE)).ok()?;
        serde_json::from_slice(&text).ok()
    }
}

/// Each of `files` with its size and modification time, sorted by path.
fn stamps(files: &[PathBuf]) -> Vec<String> {
    let mut stamped: Vec<String> = files
        .par_iter()
        .map(|file| format!("{} {}", file.display(), stamp(file)))
        .collect();
    stamped.sort();
    stamped
}

/// A file's size and modification time in nanoseconds, or `absent`.
fn stamp(file: &Path) -> String {
    let Ok(metadata) = std::fs::metadata(file) else {
        return "absent".to_string();
    };
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    format!("{} {modified}", metadata.len())
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::time::{Duration, SystemTime};

    use mdbook_preprocessor::book::Chapter;

    use super::*;

    /// The fingerprint, but the compiler, of a book at `root` with one chapter.
    fn partial(root: &Path, chapter: &str) -> String {
        let mut book = Book::new();
        book.push_item(Chapter::new("One", chapter.into(), "one.md", vec![]));
        let inputs = Inputs {
            root,
            book_config: &mdbook_preprocessor::config::Config::default(),
            book: &book,
            workspace: &root.join("code"),
        };
        Fingerprint::partial(&inputs)
            .expect("everything can be read")
            .0
    }

    #[test]
    fn the_fingerprint_changes_with_any_file_of_the_workspace_and_the_chapters_alone() {
        let root = tempfile::tempdir().unwrap();
        let main_rs = root.path().join("code/demo/src/main.rs");
        fs::create_dir_all(main_rs.parent().unwrap()).unwrap();
        fs::write(&main_rs, "fn main() {}").unwrap();
        let before = partial(root.path(), "{{#listing demo}}");
        assert_eq!(partial(root.path(), "{{#listing demo}}"), before);

        assert_ne!(
            partial(root.path(), "{{#output demo}}"),
            before,
            "a chapter"
        );
        let snapshot = root.path().join("code/demo/transcript.toml");
        fs::write(&snapshot, "key = 1").unwrap();
        let with_snapshot = partial(root.path(), "{{#listing demo}}");
        assert_ne!(with_snapshot, before, "a new file, a snapshot too");

        // The same size, a later modification time.
        fs::write(&snapshot, "key = 2").unwrap();
        let file = fs::File::options().write(true).open(&snapshot).unwrap();
        file.set_modified(SystemTime::now() + Duration::from_secs(5))
            .unwrap();
        assert_ne!(
            partial(root.path(), "{{#listing demo}}"),
            with_snapshot,
            "an edit"
        );

        // What cargo and the tool never read is not an input.
        let built = root.path().join("code/target/debug/demo");
        fs::create_dir_all(built.parent().unwrap()).unwrap();
        let unchanged = partial(root.path(), "{{#listing demo}}");
        fs::write(&built, "a binary").unwrap();
        assert_eq!(
            partial(root.path(), "{{#listing demo}}"),
            unchanged,
            "build output"
        );
    }

    #[test]
    fn with_another_compiler_the_fingerprint_is_another() {
        assert_ne!(
            Fingerprint::with_compiler("inputs", "rustc 1.95.0"),
            Fingerprint::with_compiler("inputs", "rustc 1.96.0")
        );
    }
}
