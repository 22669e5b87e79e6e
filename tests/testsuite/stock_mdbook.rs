//! The real `mdbook` 0.5.4 binary uses the preprocessor through `book.toml` and gets
//! the same transcripts as the in-process build. If `mdbook` 0.5.4 is not on PATH it is
//! installed once into the target directory (`cargo install`, a few minutes).

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use snapbox::str;

use crate::support::{BookTest, cargo, target_dir, transcripts};

const MDBOOK_VERSION: &str = "0.5.4";

pub(crate) fn mdbook() -> &'static PathBuf {
    static MDBOOK: OnceLock<PathBuf> = OnceLock::new();
    MDBOOK.get_or_init(|| {
        let is_right_version = |program: &PathBuf| {
            Command::new(program)
                .arg("--version")
                .output()
                .is_ok_and(|out| {
                    String::from_utf8_lossy(&out.stdout).trim()
                        == format!("mdbook v{MDBOOK_VERSION}")
                })
        };
        let on_path = PathBuf::from("mdbook");
        if is_right_version(&on_path) {
            return on_path;
        }
        let root = target_dir().join("tools");
        let installed = root.join("bin").join("mdbook");
        if !is_right_version(&installed) {
            eprintln!(
                "installing mdbook {MDBOOK_VERSION} into {} (once)",
                root.display()
            );
            let status = Command::new(cargo())
                .args([
                    "install",
                    "mdbook",
                    "--version",
                    MDBOOK_VERSION,
                    "--locked",
                    "--quiet",
                    "--root",
                ])
                .arg(&root)
                .env("CARGO_TARGET_DIR", target_dir().join("tools-build"))
                .status()
                .expect("cargo install runs");
            assert!(
                status.success(),
                "cargo install mdbook {MDBOOK_VERSION} failed"
            );
        }
        installed
    })
}

#[test]
fn mdbook_build_uses_the_preprocessor_and_gets_the_same_transcripts() {
    let mut book = BookTest::new();
    book.listing(
        "hello",
        "fn main() {\n    println!(\"hello, <stock> mdbook\");\n}\n",
        "",
    )
    .listing(
        "panics",
        "fn main() {\n    panic!(\"as planned\");\n}\n",
        "[package.metadata.transcript]\nexpect = \"panic\"",
    )
    .page(
        "chapter.md",
        "# Chapter\n\n{{#listing hello}}\n\n{{#output panics}}\n",
    );

    book.run_program(mdbook(), &["build"]).assert_success();
    let stock_html = book.html("chapter.md");
    book.assert_data_eq(transcripts(&stock_html).join("\n"), str![[r#"
<div class="transcript" id="output-hello" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">hello, &lt;stock&gt; mdbook
</pre>

</div>
<div class="transcript" id="output-panics" data-listing="panics">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p panics</code></span><button type="button" class="transcript-copy" data-command="cargo run -p panics" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-panic">panic</span></div>

<pre class="transcript-stream transcript-stderr" data-label="stderr">
thread 'main' ([TID]) panicked at listings/panics/src/main.rs:2:5:
as planned
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
</pre>

</div>
"#]]);

    std::fs::remove_dir_all(book.path("book")).unwrap();
    book.run(&["build"]).assert_success();
    let driver_html = book.html("chapter.md");
    assert_eq!(transcripts(&stock_html), transcripts(&driver_html));
}

#[test]
fn mdbook_build_fails_when_a_listing_breaks_its_promise() {
    let book = BookTest::with_listing(
        "liar",
        "fn main() {}\n",
        "[package.metadata.transcript]\nexpect = \"panic\"",
    );
    book.run_program(mdbook(), &["build"])
        .assert_failure()
        .stderr_eq(str![[r#"
 INFO Book building has started
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `liar` did not do what it declares
  --> src/chapter.md:3:1
   | expected: a panic
   | actual:   it compiled, then exited with status 0
   | it printed nothing

error: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book
ERROR The "transcript" preprocessor exited unsuccessfully with exit status: 1 status

"#]]);
    assert!(!book.snapshot_exists("liar"));
}

#[test]
fn under_stock_mdbook_the_hint_names_mdbook_build() {
    let mut book = BookTest::new();
    book.listing("changes", "fn main() {\n    println!(\"one\");\n}\n", "")
        .page("chapter.md", "{{#output changes}}\n");
    book.run_program(mdbook(), &["build"]).assert_success();
    book.write(
        "code/listings/changes/src/main.rs",
        "fn main() {\n    println!(\"two\");\n}\n",
    );
    let mut command = book.command(mdbook(), "");
    command.arg("build").env("CI", "true");
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "If the new output is right, accept it by running `mdbook build` without CI=true, which writes it."
        ),
        "{stderr}"
    );
}
