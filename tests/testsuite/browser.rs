//! The real book in headless chromium: the checks in `tests/browser` (see its README.md),
//! run on a fresh render of this repository's book, copied to a temp dir so that the
//! work tree stays as it was. Without node, chromium or `tests/browser/node_modules`
//! the test skips, saying how to enable it; under `CI=true` it fails instead.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::support::{target_dir, transcript_bin};

const ENABLE: &str = "run .ci/run, or: apt-get install chromium && (cd tests/browser && npm ci)";

/// What the book's build reads (`theme` only if the book has one: the transcripts' CSS
/// and script come with the tool); `target` folders (the listings' builds) stay behind.
const BOOK_SOURCES: &[&str] = &["book.toml", "src", "theme", "code"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

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

/// node, chromium (`$CHROMIUM` or on PATH) and playwright-core, or what is missing.
fn tools() -> Result<(PathBuf, PathBuf), Vec<String>> {
    let node = on_path(&["node"]);
    let chromium = match std::env::var_os("CHROMIUM") {
        Some(path) => Some(PathBuf::from(path)).filter(|path| executable(path)),
        None => on_path(&["chromium", "chromium-browser"]),
    };
    let playwright = repo().join("tests/browser/node_modules/playwright-core/package.json");
    let mut missing = Vec::new();
    if node.is_none() {
        missing.push("node is not on PATH".to_string());
    }
    if chromium.is_none() {
        missing.push("chromium is not on PATH (nor $CHROMIUM)".to_string());
    }
    if !playwright.is_file() {
        missing.push("tests/browser/node_modules has no playwright-core".to_string());
    }
    match (node, chromium) {
        (Some(node), Some(chromium)) if missing.is_empty() => Ok((node, chromium)),
        _ => Err(missing),
    }
}

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

/// Writes past the test harness's capture: a skip or a summary is seen in every run.
fn tell(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

#[test]
fn the_real_book_in_headless_chromium() {
    let (node, chromium) = match tools() {
        Ok(tools) => tools,
        Err(missing) if std::env::var("CI").is_ok_and(|ci| ci == "true") => panic!(
            "the browser test must run under CI=true, but {}; {ENABLE}",
            missing.join(", ")
        ),
        Err(missing) => {
            tell(&format!(
                "browser test SKIPPED: {}; to enable it, {ENABLE}",
                missing.join(", ")
            ));
            return;
        }
    };

    let started = Instant::now();
    let binary = transcript_bin();
    let tool_built = started.elapsed();
    let copy = tempfile::tempdir().expect("a temp dir");
    for source in BOOK_SOURCES {
        if repo().join(source).exists() {
            copy_tree(&repo().join(source), &copy.path().join(source));
        }
    }
    // Snapshots are fresh (CI's `check` says so), so this renders without running a
    // listing; a stale one is rerun, in the copy, building into the shared target dir.
    let build = Command::new(binary)
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
    let rendered = started.elapsed() - tool_built;

    let screenshots = std::env::var_os("BROWSER_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("browser-screenshots"));
    let run = Command::new(node)
        .arg("--test-reporter=spec")
        .arg(repo().join("tests/browser/run.mjs"))
        .arg(copy.path().join("book"))
        .arg("--source-root")
        .arg(copy.path())
        .arg("--screenshots")
        .arg(&screenshots)
        .env("CHROMIUM", chromium)
        .env("FORCE_COLOR", "0")
        .output()
        .expect("node runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "the browser checks failed ({:?}):\n{report}",
        run.status
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
