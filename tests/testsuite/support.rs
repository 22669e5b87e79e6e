//! `BookTest`: a small book made in a temp dir, run through the real `mdbook-transcript`
//! binary and the real cargo. Listings are std-only crates so fixtures build in moments.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The target directory this test binary was built in (honours CARGO_TARGET_DIR).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    // target/<profile>/deps/testsuite-HASH
    exe.ancestors()
        .nth(3)
        .expect("the test binary lives in target/<profile>/deps")
        .to_path_buf()
}

pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The real binary, built once per test run with the same profile as the tests.
///
/// Not `target/debug/mdbook-transcript` itself: where the target dir is shared between
/// checkouts of this repository (git worktrees), each checkout's build replaces that file
/// (and the `deps/` file it links to, which has the same name in every checkout) with its
/// own, even while another checkout's tests run it. Tests run a hard link to this
/// checkout's build instead, in a folder of the target dir's `tmp/` named after this
/// checkout: a later build anywhere makes new files and leaves that link's file as it is.
pub fn transcript_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        use std::hash::{Hash, Hasher};
        use std::os::unix::fs::MetadataExt;

        let built = target_dir().join("debug").join("mdbook-transcript");
        let mut checkout = std::collections::hash_map::DefaultHasher::new();
        env!("CARGO_MANIFEST_DIR").hash(&mut checkout);
        let dir = target_dir()
            .join("tmp")
            .join(format!("testsuite-{:016x}", checkout.finish()));
        fs::create_dir_all(&dir).expect("a folder for the tested binary");
        let own = dir.join("mdbook-transcript");
        let staged = dir.join(format!("mdbook-transcript.{}", std::process::id()));
        for _ in 0..5 {
            build_transcript_bin();
            let _ = fs::remove_file(&staged);
            fs::hard_link(&built, &staged).expect("a hard link to the built binary");
            fs::rename(&staged, &own).expect("the link in place");
            // Built (or found fresh) again and still the same file: no other checkout's
            // build came between our build and our link.
            build_transcript_bin();
            let inode = |path: &Path| fs::metadata(path).map(|meta| meta.ino()).ok();
            if inode(&built).is_some() && inode(&built) == inode(&own) {
                return own;
            }
        }
        panic!(
            "another build kept replacing {} while this one linked it",
            built.display()
        )
    })
}

fn build_transcript_bin() {
    let status = Command::new(cargo())
        .args([
            "build",
            "--quiet",
            "-p",
            "mdbook-transcript",
            "--bin",
            "mdbook-transcript",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo builds the binary");
    assert!(status.success(), "building mdbook-transcript failed");
}

pub struct BookTest {
    pub dir: tempfile::TempDir,
    pages: Vec<(String, String)>,
}

pub struct Run {
    pub output: Output,
}

impl Run {
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn succeeded(&self) -> bool {
        self.output.status.success()
    }

    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(
            self.succeeded(),
            "expected success, got {:?}\nstderr:\n{}",
            self.output.status,
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn assert_failure(&self) -> &Self {
        assert!(
            !self.succeeded(),
            "expected failure, but it succeeded\nstderr:\n{}",
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, text: &str) -> &Self {
        let stderr = self.stderr();
        assert!(
            stderr.contains(text),
            "stderr should contain {text:?}:\n{stderr}"
        );
        self
    }
}

impl BookTest {
    /// An empty book: `book.toml` with the transcript preprocessor, a listings workspace.
    pub fn new() -> BookTest {
        let dir = tempfile::tempdir().expect("a temp dir");
        let book = BookTest {
            dir,
            pages: Vec::new(),
        };
        book.write(
            "book.toml",
            &format!(
                "[book]\ntitle = \"Fixture\"\n\n[preprocessor.transcript]\ncommand = \"{}\"\nafter = [\"links\"]\n",
                transcript_bin().display()
            ),
        );
        book.write(
            "code/Cargo.toml",
            "[workspace]\nmembers = [\"listings/*\"]\nresolver = \"3\"\n",
        );
        book
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().expect("a parent")).expect("create dirs");
        fs::write(&path, text).expect("write fixture file");
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative))
            .unwrap_or_else(|err| panic!("cannot read {relative}: {err}"))
    }

    /// Adds a listing package `code/listings/NAME` with `main.rs` and extra `Cargo.toml` text.
    pub fn listing(&mut self, name: &str, main_rs: &str, manifest_extra: &str) -> &mut Self {
        self.write(
            &format!("code/listings/{name}/Cargo.toml"),
            &format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n{manifest_extra}\n"),
        );
        self.write(&format!("code/listings/{name}/src/main.rs"), main_rs);
        self
    }

    /// Adds a numbered chapter `src/FILE` (in SUMMARY order).
    pub fn page(&mut self, file: &str, content: &str) -> &mut Self {
        self.pages.push((file.to_string(), content.to_string()));
        let summary: String = std::iter::once("# Summary\n\n".to_string())
            .chain(
                self.pages
                    .iter()
                    .map(|(file, _)| format!("- [{file}]({file})\n")),
            )
            .collect();
        self.write("src/SUMMARY.md", &summary);
        self.write(&format!("src/{file}"), content);
        self
    }

    pub fn snapshot(&self, listing: &str) -> String {
        self.read(&format!("code/listings/{listing}/transcript.toml"))
    }

    pub fn snapshot_exists(&self, listing: &str) -> bool {
        self.path(&format!("code/listings/{listing}/transcript.toml"))
            .exists()
    }

    pub fn html(&self, page: &str) -> String {
        self.read(&format!("book/{}", page.replace(".md", ".html")))
    }

    /// Runs `mdbook-transcript ARGS` in the book root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command(transcript_bin(), "");
        command.args(args).envs(env.iter().copied());
        Run {
            output: command.output().expect("the binary runs"),
        }
    }

    /// Runs any program (cargo, stock mdbook) with `args` in the book root, isolated.
    pub fn run_program(&self, program: impl AsRef<OsStr>, args: &[&str]) -> Run {
        let mut command = self.command(program, "");
        command.args(args);
        Run {
            output: command.output().expect("the program runs"),
        }
    }

    /// A command in `dir` (relative to the book root). Each fixture builds into its own
    /// target dir, outside CI's influence.
    pub fn command(&self, program: impl AsRef<OsStr>, dir: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(self.path(dir))
            .env("CARGO_TARGET_DIR", self.path("target"))
            .env_remove("CI")
            .env_remove("RUST_LOG");
        command
    }
}

/// The text of the `<main>` element of a rendered page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main>").expect("the page has a <main>");
    let end = html.rfind("</main>").expect("the page closes <main>");
    &html[start..end]
}
