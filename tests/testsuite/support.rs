//! `BookTest`: a small book made in a temp dir, run through the real `mdbook-transcript`
//! binary and the real cargo. Listings are std-only crates so fixtures build in moments.
//!
//! # Whole-output comparisons
//!
//! Tests compare a whole stderr ([`Run::stderr_eq`]), stdout ([`Run::stdout_eq`]), snapshot
//! file ([`BookTest::snapshot_eq`]) or rendered element ([`BookTest::assert_data_eq`] with
//! [`elements`]) against an inline `str![[...]]` with snapbox. Before comparing, these parts
//! of the actual text are replaced by placeholders, so that the expected text is the same on
//! every run and every machine:
//!
//! | placeholder | stands for | as in |
//! |---|---|---|
//! | `[ROOT]` | the fixture book's temp dir (as given and canonicalised) | `[ROOT]/code/Cargo.toml` |
//! | `[ELAPSED]` | a duration the tool measured, `N.N s` | `0 failed in [ELAPSED];` |
//! | `[AGE]` | how long ago a listing last ran, in `list` (`12 s`, `4 min`, ...) | `[AGE] ago, [ELAPSED]` |
//! | `[TID]` | the OS id of a panicking thread | `thread 'main' ([TID]) panicked at` |
//! | `[KEY]` | a cache key, `blake3:` and 64 hex digits | `key = "[KEY]"` |
//! | `[PORT]` | the port `serve` was given by the OS (`--port 0`) | `http://127.0.0.1:[PORT]` |
//!
//! In `list`, `[ELAPSED]` also takes the padding of its column (all but the one space that
//! separates it from the next), since the width of what it replaces varies.
//!
//! snapbox's own wildcards also work in expected text: `[..]` for the rest of a line and
//! `...` on a line of its own for any lines. A test that uses one says why.
//!
//! When the tool's messages change on purpose, `SNAPSHOTS=overwrite cargo test ...` rewrites
//! every failing `str![[...]]` in place with the (redacted) actual text; review the diff.
//! Without it, a failing comparison panics with a line diff of expected against actual.
//! tests/testsuite/README.md has this table too, with how to add a case.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, ExitStatus, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use snapbox::{IntoData, Redactions};

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

/// This repository's root, the real book's.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What the real book's build reads (`theme` only if the book has one: the transcripts'
/// CSS and script come with the tool); `target` folders (the listings' builds) stay behind.
const BOOK_SOURCES: &[&str] = &["book.toml", "src", "theme", "code"];

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        fs::create_dir_all(to).expect("create a dir in the book's copy");
        for entry in fs::read_dir(from).expect("read a dir of the book") {
            let entry = entry.expect("a dir entry");
            if entry.file_name() != "target" {
                copy_tree(&entry.path(), &to.join(entry.file_name()));
            }
        }
    } else {
        fs::copy(from, to).unwrap_or_else(|err| panic!("cannot copy {}: {err}", from.display()));
    }
}

/// The real book, rendered by the tool in a copy in a temp dir, so that the work tree
/// stays as it was: the pages are in its `book/`. Snapshots are fresh (CI's `check` says
/// so), so this renders without running a listing; a stale one is rerun, in the copy,
/// building into the shared target dir.
pub fn render_real_book() -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("a temp dir");
    for source in BOOK_SOURCES {
        if repo().join(source).exists() {
            copy_tree(&repo().join(source), &copy.path().join(source));
        }
    }
    let build = Command::new(transcript_bin())
        .arg("build")
        .current_dir(copy.path())
        .env("CARGO_TARGET_DIR", target_dir())
        .env_remove("CI")
        .output()
        .expect("mdbook-transcript runs");
    assert!(
        build.status.success(),
        "building the book failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    copy
}

/// The redactions of the table at the top of this file, for a book at `root`.
fn redactions(root: &Path) -> Redactions {
    let regex = |pattern: &str| regex::Regex::new(pattern).expect("a valid redaction pattern");
    let mut redactions = Redactions::new();
    let mut insert = |placeholder, value: snapbox::RedactedValue| {
        redactions
            .insert(placeholder, value)
            .expect("a valid placeholder");
    };
    insert("[ROOT]", root.to_path_buf().into());
    if let Ok(canonical) = root.canonicalize()
        && canonical != root
    {
        insert("[ROOT]", canonical.into());
    }
    // snapbox tries longer patterns first: `[AGE]`, then a `list` cell with its padding
    // (after `[AGE] ago, `), then any other duration.
    insert("[ELAPSED]", regex(r"ago, (?<redacted>\d+\.\d s +) ").into());
    insert("[ELAPSED]", regex(r"\b\d+\.\d s\b").into());
    insert(
        "[AGE]",
        regex(r"\b(?<redacted>\d+ (?:s|min|h|days)) ago\b").into(),
    );
    insert(
        "[TID]",
        regex(r"thread '[^']*' \((?<redacted>\d+)\)").into(),
    );
    insert("[KEY]", regex(r"blake3:[0-9a-f]{64}").into());
    insert("[PORT]", regex(r"127\.0\.0\.1:(?<redacted>\d+)").into());
    redactions
}

/// Compares `actual` (called `name` in the diff) with `expected`, as the module docs say.
#[track_caller]
fn compare(assert: &snapbox::Assert, name: &str, actual: impl IntoData, expected: impl IntoData) {
    if let Err(err) = assert.try_eq(Some(&name), actual.into_data(), expected.into_data()) {
        panic!("{name} is not as expected:\n{err}");
    }
}

pub struct BookTest {
    pub dir: tempfile::TempDir,
    pages: Vec<(String, String)>,
}

pub struct Run {
    pub output: Output,
    assert: snapbox::Assert,
}

impl Run {
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
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

    /// The whole stderr, redacted, is `expected`.
    #[track_caller]
    pub fn stderr_eq(&self, expected: impl IntoData) -> &Self {
        compare(&self.assert, "stderr", self.stderr(), expected);
        self
    }

    /// The whole stdout, redacted, is `expected`.
    #[track_caller]
    pub fn stdout_eq(&self, expected: impl IntoData) -> &Self {
        compare(&self.assert, "stdout", self.stdout(), expected);
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

    /// A book with one listing (see [`BookTest::listing`]) whose output is shown on line 3
    /// of `src/chapter.md`: `# Chapter`, a blank line, `{{#output NAME}}`.
    pub fn with_listing(name: &str, main_rs: &str, manifest_extra: &str) -> BookTest {
        let mut book = BookTest::new();
        book.listing(name, main_rs, manifest_extra).page(
            "chapter.md",
            &format!("# Chapter\n\n{{{{#output {name}}}}}\n"),
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

    /// A cargo that notes each call's arguments in `cargo-calls.log` (see
    /// [`BookTest::cargo_calls`]), then does the real thing: its path, for `CARGO`.
    pub fn logging_cargo(&self) -> String {
        let wrapper = self.write_script(
            "cargo-wrapper.sh",
            &format!(
                "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
                self.path("cargo-calls.log").display(),
                cargo()
            ),
        );
        wrapper.display().to_string()
    }

    /// The arguments of each call of [`BookTest::logging_cargo`] so far, a line each.
    pub fn cargo_calls(&self) -> String {
        fs::read_to_string(self.path("cargo-calls.log")).unwrap_or_default()
    }

    /// Writes an executable shell script `relative` and returns its path.
    pub fn write_script(&self, relative: &str, script: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        self.write(relative, script);
        let path = self.path(relative);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).expect("chmod 755");
        path
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative))
            .unwrap_or_else(|err| panic!("cannot read {relative}: {err}"))
    }

    /// Adds `lines` to the `[preprocessor.transcript]` table (the last one in `book.toml`).
    pub fn configure(&self, lines: &str) {
        let config = self.read("book.toml");
        self.write("book.toml", &format!("{config}{lines}\n"));
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

    /// Replaces the `main.rs` of listing `name`.
    pub fn edit_listing(&self, name: &str, main_rs: &str) {
        self.write(&format!("code/listings/{name}/src/main.rs"), main_rs);
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

    /// Replaces the content of a page already added with [`BookTest::page`].
    pub fn page_content(&self, file: &str, content: &str) {
        self.write(&format!("src/{file}"), content);
    }

    pub fn snapshot(&self, listing: &str) -> String {
        self.read(&format!("code/listings/{listing}/transcript.toml"))
    }

    pub fn snapshot_exists(&self, listing: &str) -> bool {
        self.path(&format!("code/listings/{listing}/transcript.toml"))
            .exists()
    }

    /// The whole snapshot of `listing`, redacted, is `expected`.
    #[track_caller]
    pub fn snapshot_eq(&self, listing: &str, expected: impl IntoData) {
        compare(
            &self.assert(),
            &format!("the snapshot of `{listing}`"),
            self.snapshot(listing),
            expected,
        );
    }

    pub fn html(&self, page: &str) -> String {
        self.read(&format!("book/{}", page.replace(".md", ".html")))
    }

    /// snapbox's assertion with this book's redactions, and `SNAPSHOTS=overwrite`.
    pub fn assert(&self) -> snapbox::Assert {
        use std::io::IsTerminal;
        // Colours only for a person at a terminal; a log (CI's) gets the plain diff.
        let palette = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
            snapbox::report::Palette::color()
        } else {
            snapbox::report::Palette::plain()
        };
        snapbox::Assert::new()
            .action_env(snapbox::assert::DEFAULT_ACTION_ENV)
            .redact_with(redactions(self.root()))
            .palette(palette)
    }

    /// `actual`, redacted, is `expected` (for text other than a run's output or a snapshot).
    #[track_caller]
    pub fn assert_data_eq(&self, actual: impl IntoData, expected: impl IntoData) {
        compare(&self.assert(), "actual", actual, expected);
    }

    /// Runs `mdbook-transcript ARGS` in the book root.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut command = self.command(transcript_bin(), "");
        command.args(args).envs(env.iter().copied());
        self.finished(command.output().expect("the binary runs"))
    }

    /// Runs any program (cargo, stock mdbook) with `args` in the book root, isolated.
    pub fn run_program(&self, program: impl AsRef<OsStr>, args: &[&str]) -> Run {
        let mut command = self.command(program, "");
        command.args(args);
        self.finished(command.output().expect("the program runs"))
    }

    fn finished(&self, output: Output) -> Run {
        Run {
            output,
            assert: self.assert(),
        }
    }

    /// Starts `mdbook-transcript ARGS` in the book root without waiting for it: stdout is
    /// dropped, stderr is piped.
    pub fn spawn(&self, args: &[&str]) -> Spawned {
        let child = self
            .command(transcript_bin(), "")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        Spawned {
            child: Some(child),
            assert: self.assert(),
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

/// A tool process started by [`BookTest::spawn`]. Dropped before it was waited for (a
/// test that failed half-way, say), it is killed and reaped: no test leaves one running.
pub struct Spawned {
    child: Option<Child>,
    assert: snapbox::Assert,
}

impl Spawned {
    fn child(&mut self) -> &mut Child {
        self.child.as_mut().expect("not waited for yet")
    }

    pub fn id(&mut self) -> u32 {
        self.child().id()
    }

    /// Sends `signal` (`INT`, `TERM`, ...) as `kill -SIGNAL` would.
    pub fn signal(&mut self, signal: &str) {
        let pid = self.id().to_string();
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(&pid)
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -{signal} {pid} failed");
    }

    /// SIGKILL (no chance to clean up), then waits for it to be gone.
    pub fn kill(mut self) {
        let child = self.child();
        child.kill().expect("the tool can be killed");
        child.wait().expect("the killed tool is reaped");
        self.child = None;
    }

    /// Its exit status, if it has exited.
    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child().try_wait().expect("the tool can be waited for")
    }

    /// Its stderr, for reading while it runs; [`Spawned::wait`] then sees none.
    pub fn take_stderr(&mut self) -> ChildStderr {
        self.child().stderr.take().expect("stderr is piped")
    }

    /// Waits for it to exit, with what it wrote to stderr.
    pub fn wait(mut self) -> Run {
        let child = self.child.take().expect("not waited for yet");
        Run {
            output: child
                .wait_with_output()
                .expect("the tool can be waited for"),
            assert: self.assert.clone(),
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Polls `done` every 50 ms until it holds; panics naming `what` after `limit`.
#[track_caller]
pub fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The text of the `<main>` element of a rendered page, less the white space that ends it,
/// with the tool's stylesheet and script (added to every page that shows a listing)
/// checked to be the shipped files, byte for byte, and shown as one line each.
pub fn main_of(html: &str) -> String {
    let start = html.find("<main>").expect("the page has a <main>");
    let end = html.rfind("</main>").expect("the page closes <main>");
    let main = html[start..end].trim_end();
    let main = shipped_asset(
        main,
        "style",
        include_str!("../../preprocessor/assets/transcript.css"),
    );
    shipped_asset(
        &main,
        "script",
        include_str!("../../preprocessor/assets/transcript.js"),
    )
}

/// `page` with its `<TAG data-from="mdbook-transcript">` element, which must hold
/// `shipped` exactly, shown as `<TAG data-from="mdbook-transcript">[shipped]</TAG>`.
fn shipped_asset(page: &str, tag: &str, shipped: &str) -> String {
    let open = format!("<{tag} data-from=\"mdbook-transcript\">\n");
    let close = format!("</{tag}>");
    let Some(start) = page.find(&open) else {
        return page.to_string();
    };
    let body_start = start + open.len();
    let length = page[body_start..]
        .find(&close)
        .unwrap_or_else(|| panic!("{open} is closed"));
    assert!(
        page[body_start..body_start + length] == *shipped,
        "the page's <{tag}> is not the shipped file"
    );
    format!(
        "{}<{tag} data-from=\"mdbook-transcript\">[shipped]{}",
        &page[..start],
        &page[body_start + length..]
    )
}

/// Every `<TAG class="CLASS" ...>...</TAG>` of a rendered page, whole and as rendered, in
/// page order (such elements do not nest: a listing's figure holds no other figure).
pub fn elements<'a>(html: &'a str, tag: &str, class: &str) -> Vec<&'a str> {
    let open = format!("<{tag} class=\"{class}\"");
    let close = format!("</{tag}>");
    html.match_indices(&open)
        .map(|(start, _)| {
            // Nested elements of the same tag (a `div` in a `div`) are counted.
            let mut depth = 0;
            let mut at = start;
            loop {
                let next_open = html[at + 1..].find(&format!("<{tag}")).map(|i| at + 1 + i);
                let next_close = html[at + 1..]
                    .find(&close)
                    .map(|i| at + 1 + i)
                    .unwrap_or_else(|| panic!("{open} is closed"));
                match next_open {
                    Some(o) if o < next_close => {
                        depth += 1;
                        at = o;
                    }
                    _ if depth > 0 => {
                        depth -= 1;
                        at = next_close;
                    }
                    _ => return &html[start..next_close + close.len()],
                }
            }
        })
        .collect()
}

/// Every `<pre class="transcript">` of a rendered page.
pub fn transcripts(html: &str) -> Vec<&str> {
    elements(html, "div", "transcript")
}

/// Every `<figure class="listing">` of a rendered page.
pub fn figures(html: &str) -> Vec<&str> {
    elements(html, "figure", "listing")
}
