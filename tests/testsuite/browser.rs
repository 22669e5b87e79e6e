//! Books in headless chromium: the checks in `tests/browser` (see its README.md), run on
//! a fresh render of this repository's book (copied to a temp dir, so that the work tree
//! stays as it was), and on a small fixture book with what the real book does not have
//! yet (a `{{#listing-ref}}`), so that those checks are seen to pass, and to fail.
//! Without node, chromium or `tests/browser/node_modules` the tests skip, saying how to
//! enable them; under `CI=true` they fail instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::time::Instant;

use snapbox::str;

use crate::support::{BookTest, render_real_book, repo, target_dir, transcript_bin};

const ENABLE: &str = "run .ci/run, or: apt-get install chromium && (cd tests/browser && npm ci)";

fn executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    path.is_file()
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| executable(candidate))
}

/// Writes past the test harness's capture: a skip or a summary is seen in every run.
fn tell(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// node, chromium (`$CHROMIUM` or on PATH) and playwright-core.
struct Browser {
    node: PathBuf,
    chromium: PathBuf,
}

impl Browser {
    /// The tools, or `None` after saying what is missing; under `CI=true` a missing
    /// tool fails the test.
    fn find() -> Option<Browser> {
        let node = on_path(&["node"]);
        let chromium = match std::env::var_os("CHROMIUM") {
            Some(path) => Some(PathBuf::from(path)).filter(|path| executable(path)),
            None => on_path(&["chromium", "chromium-browser"]),
        };
        let playwright = repo().join("tests/browser/node_modules/playwright-core/package.json");
        let mut missing = Vec::new();
        if node.is_none() {
            missing.push("node is not on PATH");
        }
        if chromium.is_none() {
            missing.push("chromium is not on PATH (nor $CHROMIUM)");
        }
        if !playwright.is_file() {
            missing.push("tests/browser/node_modules has no playwright-core");
        }
        match (node, chromium) {
            (Some(node), Some(chromium)) if missing.is_empty() => {
                return Some(Browser { node, chromium });
            }
            _ => {}
        }
        let missing = missing.join(", ");
        if std::env::var("CI").is_ok_and(|ci| ci == "true") {
            panic!("the browser tests must run under CI=true, but {missing}; {ENABLE}");
        }
        tell(&format!(
            "browser test SKIPPED: {missing}; to enable it, {ENABLE}"
        ));
        None
    }

    /// `tests/browser/run.mjs` on the built book `book_dir` of the book at `root`, with
    /// `args`: how it ended and its whole report.
    fn check(&self, book_dir: &Path, root: &Path, args: &[&str]) -> (ExitStatus, String) {
        let run = Command::new(&self.node)
            .arg("--test-reporter=spec")
            .arg(repo().join("tests/browser/run.mjs"))
            .arg(book_dir)
            .arg("--source-root")
            .arg(root)
            .args(args)
            .env("CHROMIUM", &self.chromium)
            .env("FORCE_COLOR", "0")
            .output()
            .expect("node runs");
        let report = format!(
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        (run.status, report)
    }
}

/// The cases of a report, one line each as the spec reporter marks them (`✔` passed, `✖`
/// failed, `﹣` skipped, with the reason), less their durations; a failed case is followed
/// by its message. Only the report's first pass: its summary repeats the failures. (Its
/// `▶` lines, a check's start, are left out: the reporter writes them only sometimes.)
fn cases(report: &str) -> String {
    let duration = regex::Regex::new(r" \(\d+(\.\d+)?m?s\)").expect("a valid pattern");
    let mut lines = Vec::new();
    let mut failed = false;
    for line in report
        .lines()
        .take_while(|line| !line.starts_with("ℹ tests "))
    {
        let trimmed = line.trim_start();
        if ["✔ ", "✖ ", "﹣ "]
            .iter()
            .any(|mark| trimmed.starts_with(mark))
        {
            failed = trimmed.starts_with("✖ ");
            lines.push(duration.replace(line, "").into_owned());
        } else if failed && trimmed.starts_with("Error: ") {
            lines.push(line.to_string());
            failed = false;
        }
    }
    lines.join("\n") + "\n"
}

/// The failed cases of a report and their messages: what a log cut short must still show.
fn failed_cases(report: &str) -> String {
    cases(report)
        .lines()
        .filter(|line| {
            let trimmed = line.trim_start();
            trimmed.starts_with("✖ ") || trimmed.starts_with("Error: ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_real_book_in_headless_chromium() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let started = Instant::now();
    transcript_bin();
    let tool_built = started.elapsed();
    let copy = render_real_book();
    let rendered = started.elapsed() - tool_built;

    let screenshots = std::env::var_os("BROWSER_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("browser-screenshots"));
    let mut screenshots_arg = std::ffi::OsString::from("--screenshots=");
    screenshots_arg.push(&screenshots);
    let (status, report) = browser.check(
        &copy.path().join("book"),
        copy.path(),
        &[screenshots_arg.to_str().expect("a UTF-8 path")],
    );
    assert!(
        status.success(),
        "the browser checks failed ({status:?}); the failed cases first, then the whole report:\n{}\n{report}",
        failed_cases(&report)
    );
    println!("{report}");
    let todo = report
        .lines()
        .find_map(|line| line.strip_prefix("ℹ todo "))
        .unwrap_or("?");
    tell(&format!(
        "browser checks passed in {:.0} s (the tool built in {:.1} s, the book copied and \
         rendered in {:.1} s), {todo} expected failure(s) (tests/browser/expected-failures.mjs); \
         screenshots in {}",
        started.elapsed().as_secs_f64(),
        tool_built.as_secs_f64(),
        rendered.as_secs_f64(),
        screenshots.display()
    ));
}

/// The real book has no `{{#listing-ref}}` yet: here one links page 1 to a listing on
/// page 2, and another links to it on its own page. `cross-references` must pass on
/// them (not skip), as must `copy-button` on the listing's transcript; then links by
/// hand with a wrong label and a wrong id must fail it.
#[test]
fn cross_references_and_the_copy_button_on_a_fixture_book() {
    let Some(browser) = Browser::find() else {
        return;
    };
    let mut book = BookTest::new();
    book.listing(
        "greet",
        "fn main() {\n    println!(\"hello, reader\");\n}\n",
        "[package.metadata.transcript]\ncaption = \"Greeting the reader\"\n",
    )
    .page(
        "first.md",
        "# First\n\nThe greeting is {{#listing-ref greet}}, on the next page.\n",
    )
    .page(
        "second.md",
        "# Second\n\n{{#listing greet}}\n\nAs {{#listing-ref greet}} shows, it greets.\n",
    );
    book.run(&["build"]).assert_success();
    // The real book's known failures are not this book's.
    book.write(
        "expected-failures.mjs",
        "export const EXPECTED_FAILURES = [];\n",
    );
    let expected = book.path("expected-failures.mjs");
    let expected = expected.to_str().expect("a UTF-8 path");
    let checks = [
        "--check",
        "cross-references",
        "--check",
        "copy-button",
        "--expected-failures",
        expected,
    ];

    let (status, report) = browser.check(&book.path("book"), book.root(), &checks);
    assert!(
        status.success(),
        "the checks failed ({status:?}):\n{report}"
    );
    book.assert_data_eq(
        cases(&report),
        str![[r#"
  ✔ second.html greet
✔ copy-button: a transcript's copy button copies exactly its command
  ✔ first.html "Listing 2-1" -> second.html#listing-greet
  ✔ second.html "Listing 2-1" -> #listing-greet
  ✔ following first.html "Listing 2-1" shows second.html#listing-greet
✔ cross-references: a link to a listing lands on it
✔ expected-failures.mjs names only cases that ran

"#]],
    );

    book.write(
        "src/first.md",
        "# First\n\nThe greeting is {{#listing-ref greet}}, on the next page; not \
         [Listing 2-2](second.md#listing-greet), nor [this one](second.md#listing-gone).\n",
    );
    book.run(&["build"]).assert_success();
    let (status, report) = browser.check(
        &book.path("book"),
        book.root(),
        &[&checks[..2], &checks[4..]].concat(),
    );
    assert!(!status.success(), "wrong links should fail:\n{report}");
    book.assert_data_eq(
        cases(&report),
        str![[r#"
  ✔ first.html "Listing 2-1" -> second.html#listing-greet
  ✖ first.html "Listing 2-2" -> second.html#listing-greet
    Error: the link reads "Listing 2-2", the listing it lands on is "Listing 2-1"
  ✖ first.html "this one" -> second.html#listing-gone
    Error: second.html has no element with id "listing-gone" (it has listing-greet)
  ✔ second.html "Listing 2-1" -> #listing-greet
  ✔ following first.html "Listing 2-1" shows second.html#listing-greet
✖ cross-references: a link to a listing lands on it
✔ expected-failures.mjs names only cases that ran

"#]],
    );
}

mod drawings;
