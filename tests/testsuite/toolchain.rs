//! Upgrading the toolchain: `check --toolchain NAME --changes PATH.md` reruns every
//! listing under another toolchain and writes one Markdown report of each transcript
//! that changed, the snapshot beside the new one, touching no snapshot; `bless` under
//! that toolchain takes them. A `RUSTC` wrapper that rewords a diagnostic stands in for
//! a new compiler.

use snapbox::str;

use crate::support::BookTest;

/// A listing that does not compile (E0382, "borrow of moved value") and one that runs,
/// on one page, built: both snapshots committed.
fn built_book() -> BookTest {
    let mut book = BookTest::new();
    book.listing(
        "moved",
        "fn main() {\n    let s = String::from(\"hi\");\n    let t = s;\n    println!(\"{s} {t}\");\n}\n",
        "[package.metadata.transcript]\nexpect = { compile-error = \"E0382\" }\n\n\
         [features]\ncompile-fail = []\n\n[[bin]]\nname = \"moved\"\npath = \"src/main.rs\"\n\
         required-features = [\"compile-fail\"]\n",
    )
    .listing("hello", "fn main() {\n    println!(\"hello\");\n}\n", "")
    .page(
        "chapter.md",
        "# Chapter\n\n{{#output moved}}\n\n{{#output hello}}\n",
    );
    book.run(&["build"]).assert_success();
    book
}

/// A "new compiler": the real rustc, with "borrow of moved value" reworded on stderr
/// (where cargo reads diagnostics), its exit status kept.
fn rewording_rustc(book: &BookTest) -> String {
    let script = book.write_script(
        "rustc-wrapper.sh",
        "#!/bin/bash\nset -o pipefail\n\
         { rustc \"$@\" 2>&1 1>&3 3>&- | sed -e 's/borrow of moved value/use of moved value/g' 1>&2 3>&-; } 3>&1\n",
    );
    script.display().to_string()
}

/// Every file the tool must leave alone: the snapshots and the sources, byte for byte.
fn committed(book: &BookTest) -> Vec<(String, Vec<u8>)> {
    ["moved", "hello"]
        .into_iter()
        .flat_map(|name| {
            [
                format!("code/listings/{name}/transcript.toml"),
                format!("code/listings/{name}/src/main.rs"),
                format!("code/listings/{name}/Cargo.toml"),
            ]
        })
        .chain(["src/chapter.md".to_string()])
        .map(|file| {
            let bytes = std::fs::read(book.path(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            (file, bytes)
        })
        .collect()
}

#[test]
fn check_with_changes_reports_each_changed_transcript_beside_its_snapshot_and_writes_no_snapshot() {
    let book = built_book();
    let rustc = rewording_rustc(&book);
    let before = committed(&book);
    let run = book.run_with(
        &["check", "--toolchain", "stable", "--changes", "changes.md"],
        &[("RUSTC", &rustc)],
    );
    run.assert_success().stderr_eq(str![[r#"
transcript: note: 1 listing(s) printed what their snapshots hold, but the snapshots' keys are stale: `hello` (`mdbook-transcript bless` refreshes them)
transcript: 2 listing(s): 0 cached, 2 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: 1 of 2 transcripts change under `stable`: see changes.md; take them with RUSTUP_TOOLCHAIN=stable mdbook-transcript bless

"#]]);
    book.assert_data_eq(
        book.read("changes.md"),
        str![[r##"
# Transcript changes under `stable`

1 of 2 transcripts change under `stable` against their snapshots.

## `moved` (src/chapter.md:3:1)

### `cargo run -p moved --features compile-fail`: diagnostics

<table>
<tr><th>snapshot</th><th>under stable</th></tr>
<tr><td><pre>
error[E0382]: borrow of moved value: `s`
 --&gt; listings/moved/src/main.rs:4:16
  |
2 |     let s = String::from("hi");
  |         - move occurs because `s` has type `String`, which does not implement the `Copy` trait
3 |     let t = s;
  |             - value moved here
4 |     println!("{s} {t}");
  |                ^ value borrowed here after move
  |
help: consider cloning the value if the performance cost is acceptable
  |
3 |     let t = s.clone();
  |              ++++++++

For more information about this error, try `rustc --explain E0382`.
</pre></td><td><pre>
error[E0382]: use of moved value: `s`
 --&gt; listings/moved/src/main.rs:4:16
  |
2 |     let s = String::from("hi");
  |         - move occurs because `s` has type `String`, which does not implement the `Copy` trait
3 |     let t = s;
  |             - value moved here
4 |     println!("{s} {t}");
  |                ^ value borrowed here after move
  |
help: consider cloning the value if the performance cost is acceptable
  |
3 |     let t = s.clone();
  |              ++++++++

For more information about this error, try `rustc --explain E0382`.
</pre></td></tr>
</table>

<details><summary>diff</summary>

```diff
--- moved (snapshot)
+++ moved (this run)
@@ -1,7 +1,7 @@
 compiled: false
 command: cargo run -p moved --features compile-fail
 --- diagnostics
-error[E0382]: borrow of moved value: `s`
+error[E0382]: use of moved value: `s`
  --> listings/moved/src/main.rs:4:16
   |
 2 |     let s = String::from("hi");
```

</details>

"##]],
    );
    assert!(before == committed(&book), "a snapshot or source changed");
}

#[test]
fn bless_under_the_new_compiler_takes_the_change_and_check_then_passes() {
    let book = built_book();
    let rustc = rewording_rustc(&book);
    book.run_with(&["bless"], &[("RUSTC", &rustc)])
        .assert_success();
    let snapshot = book.snapshot("moved");
    assert!(
        snapshot.contains("error[E0382]: use of moved value: `s`")
            && !snapshot.contains("borrow of moved value"),
        "{snapshot}"
    );
    book.run_with(&["check"], &[("RUSTC", &rustc)])
        .assert_success();
}

#[test]
fn a_toolchain_that_is_not_installed_is_an_error_before_anything_runs() {
    let book = built_book();
    let before = committed(&book);
    book.run(&[
        "check",
        "--toolchain",
        "no-such-toolchain-1.0",
        "--changes",
        "changes.md",
    ])
    .assert_failure()
    .stderr_eq(str![[r#"
error: toolchain `no-such-toolchain-1.0` is not installed (rustup toolchain list shows: [..]); install it with `rustup toolchain install no-such-toolchain-1.0`

"#]]);
    assert!(!book.path("changes.md").exists(), "a report was written");
    assert!(before == committed(&book), "a snapshot or source changed");
}

#[test]
fn a_listing_that_stops_compiling_under_the_new_compiler_is_a_change_not_a_failure() {
    let mut book = BookTest::new();
    book.listing("unused", "fn main() {\n    let x = 1;\n}\n", "")
        .page("chapter.md", "# Chapter\n\n{{#output unused}}\n");
    book.run(&["build"]).assert_success();
    // A new compiler that denies what the old one warned of.
    let rustc = book.write_script(
        "rustc-wrapper.sh",
        "#!/bin/sh\nexec rustc \"$@\" -D unused-variables\n",
    );
    let rustc = rustc.display().to_string();
    let before = std::fs::read(book.path("code/listings/unused/transcript.toml")).unwrap();
    // A fresh target directory, as CI's: cargo knows a compiler by its `-vV`, which
    // this wrapper does not change, and would replay the warning it has cached.
    let target = book.path("fresh-target").display().to_string();
    let env = [
        ("RUSTC", rustc.as_str()),
        ("CARGO_TARGET_DIR", target.as_str()),
    ];
    book.run_with(&["check", "--changes", "changes.md"], &env)
        .assert_success()
        .stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: 1 of 1 transcripts change under this run's toolchain: see changes.md; take them with mdbook-transcript bless

"#]]);
    let report = book.read("changes.md");
    assert!(
        report.starts_with("# Transcript changes under this run's toolchain\n\n1 of 1 transcripts change under this run's toolchain against their snapshots.\n\n## `unused` (src/chapter.md:3:1)\n"),
        "{report}"
    );
    book.assert_data_eq(
        report
            .lines()
            .filter(|line| line.starts_with('-') || line.starts_with('+'))
            .collect::<Vec<_>>()
            .join("\n"),
        str![[r#"
--- unused (snapshot)
+++ unused (this run)
-compiled: true
+compiled: false
+command: cargo run -p unused
-warning: unused variable: `x`
+error: unused variable: `x`
-  = note: `#[warn(unused_variables)]` (part of `#[warn(unused)]`) on by default
+  = note: requested on the command line with `-D unused-variables`
-=== run 1: cargo run -p unused
-outcome: exit 0
"#]],
    );
    assert_eq!(
        before,
        std::fs::read(book.path("code/listings/unused/transcript.toml")).unwrap()
    );
}
