//! Sound cache keys (DESIGN.md §3): whatever can change a listing's output makes it stale,
//! and nothing else does. Staleness is read from `list`, which runs nothing.

use snapbox::str;

use std::os::unix::fs::PermissionsExt;

use crate::support::{BookTest, Run, main_of};

/// Two listings, one of which uses a shared library crate (the book's `code/support`),
/// a page using both, and a theme. Built once, so everything starts fresh.
fn built_book() -> BookTest {
    let mut book = BookTest::new();
    book.write(
        "code/Cargo.toml",
        "[workspace]\nmembers = [\"listings/*\", \"support\"]\nresolver = \"3\"\n",
    );
    book.write(
        "code/support/Cargo.toml",
        "[package]\nname = \"support\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n",
    );
    book.write(
        "code/support/src/lib.rs",
        "pub fn greeting() -> &'static str { \"hello\" }\n",
    );
    book.listing(
        "uses-support",
        "fn main() {\n    println!(\"{}\", support::greeting());\n}\n",
        "[dependencies]\nsupport = { path = \"../../support\" }",
    )
    .listing(
        "standalone",
        "fn main() {\n    println!(\"alone\");\n}\n",
        "",
    )
    .page(
        "chapter.md",
        "# Chapter\n\nSome prose.\n\n{{#output uses-support}}\n\n{{#output standalone}}\n",
    );
    book.write("theme/extra.css", "pre { color: black; }\n");
    book.run(&["build"]).assert_success();
    assert_all_fresh(&book, &[]);
    book
}

/// `list` in the book, with `env`: a table on stdout, a count on stderr.
fn list(book: &BookTest, env: &[(&str, &str)]) -> Run {
    let run = book.run_with(&["list"], env);
    run.assert_success();
    run
}

/// Each listing's state according to `list`, by name, for books where some listings
/// are stale and some fresh.
fn staleness(book: &BookTest, env: &[(&str, &str)]) -> Vec<(&'static str, &'static str)> {
    let stdout = list(book, env).stdout();
    ["standalone", "uses-support"]
        .into_iter()
        .map(|name| {
            let line = stdout
                .lines()
                .find(|line| line.starts_with(&format!("{name} ")))
                .unwrap_or_else(|| panic!("no line for {name}:\n{stdout}"));
            let state = ["fresh", "stale", "no snapshot"]
                .into_iter()
                .find(|state| line.contains(state))
                .unwrap_or_else(|| panic!("no state in: {line}"));
            (name, state)
        })
        .collect()
}

/// `list`, with `env`, finds both listings fresh.
#[track_caller]
fn assert_all_fresh(book: &BookTest, env: &[(&str, &str)]) {
    list(book, env).stdout_eq(str![[r#"
listing                      expects                            status       last run               used at
standalone                   success                            fresh        [AGE] ago, [ELAPSED] src/chapter.md:7:1
uses-support                 success                            fresh        [AGE] ago, [ELAPSED] src/chapter.md:5:1

"#]]).stderr_eq(str![[r#"
transcript: 2 listing(s), 0 stale

"#]]);
}

/// `list`, with `env`, finds both listings stale.
#[track_caller]
fn assert_all_stale(book: &BookTest, env: &[(&str, &str)]) {
    list(book, env).stdout_eq(str![[r#"
listing                      expects                            status       last run               used at
standalone                   success                            stale        [AGE] ago, [ELAPSED] src/chapter.md:7:1
uses-support                 success                            stale        [AGE] ago, [ELAPSED] src/chapter.md:5:1

"#]]).stderr_eq(str![[r#"
transcript: 2 listing(s), 2 stale

"#]]);
}

#[test]
fn editing_the_rustc_wrapper_makes_every_listing_stale_though_its_path_and_version_stay() {
    let book = built_book();
    // `RUSTC` passes everything on to rustc: `rustc -vV` says what it said, yet a
    // wrapper can change what the compiler prints, so its contents are in the key.
    let wrapper = book.write_script("rustc-wrapper.sh", "#!/bin/sh\nexec rustc \"$@\"\n");
    let wrapper = wrapper.display().to_string();
    let env = [("RUSTC", wrapper.as_str())];
    book.run_with(&["build"], &env).assert_success();
    assert_all_fresh(&book, &env);
    book.write_script(
        "rustc-wrapper.sh",
        "#!/bin/sh\n# now rewording nothing, but who knows\nexec rustc \"$@\"\n",
    );
    assert_all_stale(&book, &env);
}

#[test]
fn a_shared_crates_own_tests_benches_and_examples_are_not_its_dependents_inputs() {
    let book = built_book();
    // cargo compiles these only when `support` itself is tested, benched or run.
    book.write(
        "code/support/tests/greeting.rs",
        "#[test]\nfn greets() {}\n",
    );
    book.write("code/support/benches/greeting.rs", "fn main() {}\n");
    book.write("code/support/examples/greet.rs", "fn main() {}\n");
    assert_all_fresh(&book, &[]);
    // A file beside them that the library may read (`include_str!`) still counts.
    book.write("code/support/greeting.txt", "hello\n");
    list(&book, &[]).stdout_eq(str![[r#"
listing                      expects                            status       last run               used at
standalone                   success                            fresh        [AGE] ago, [ELAPSED] src/chapter.md:7:1
uses-support                 success                            stale        [AGE] ago, [ELAPSED] src/chapter.md:5:1

"#]]);
}

#[test]
fn editing_support_makes_its_dependents_stale_and_nothing_else() {
    let book = built_book();
    book.write(
        "code/support/src/lib.rs",
        "pub fn greeting() -> &'static str { \"hello again\" }\n",
    );
    list(&book, &[]).stdout_eq(str![[r#"
listing                      expects                            status       last run               used at
standalone                   success                            fresh        [AGE] ago, [ELAPSED] src/chapter.md:7:1
uses-support                 success                            stale        [AGE] ago, [ELAPSED] src/chapter.md:5:1

"#]]).stderr_eq(str![[r#"
transcript: 2 listing(s), 1 stale

"#]]);
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 1 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
    book.snapshot_eq(
        "uses-support",
        str![[r##"
# The real output of listing `uses-support`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "uses-support"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p uses-support"
outcome = "exit 0"
stdout = """
hello again
"""
stderr = ""

"##]],
    );
}

#[test]
fn a_locked_package_makes_only_the_listings_that_build_with_it_stale() {
    let book = built_book();
    let lock = book.read("code/Cargo.lock");
    // A registry package in the lock, which `support` may depend on; `standalone`
    // never reaches it.
    let with_left_pad = |support_uses_it: bool, version: &str| -> String {
        let lock = if support_uses_it {
            lock.replace(
                "name = \"support\"\nversion = \"0.1.0\"\n",
                "name = \"support\"\nversion = \"0.1.0\"\ndependencies = [\"left-pad\"]\n",
            )
        } else {
            lock.clone()
        };
        lock + &format!(
            "\n[[package]]\nname = \"left-pad\"\nversion = \"{version}\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"aa\"\n"
        )
    };
    book.write("code/Cargo.lock", &format!("{lock}\n# a comment\n"));
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
    for version in ["1.0.0", "1.0.1"] {
        book.write("code/Cargo.lock", &with_left_pad(false, version));
        assert_eq!(
            staleness(&book, &[]),
            [("standalone", "fresh"), ("uses-support", "fresh")],
            "added or upgraded, used by nobody"
        );
    }
    book.write("code/Cargo.lock", &with_left_pad(true, "1.0.1"));
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "stale")]
    );
}

#[test]
fn adding_a_listing_or_a_shared_dependency_no_listing_uses_leaves_the_others_fresh() {
    let mut book = built_book();
    let manifest = book.read("code/Cargo.toml");
    book.write(
        "code/Cargo.toml",
        &format!("{manifest}\n[workspace.dependencies]\nunused = \"1\"\n"),
    );
    book.listing("newcomer", "fn main() {\n    println!(\"new\");\n}\n", "")
        .page("second.md", "{{#output newcomer}}\n");
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 3 listing(s): 2 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: the book is in ./book

"#]]);
    assert!(book.read("code/Cargo.lock").contains("name = \"newcomer\""));
}

#[test]
fn changing_the_workspace_manifest_makes_every_listing_stale() {
    let book = built_book();
    let manifest = book.read("code/Cargo.toml");
    book.write(
        "code/Cargo.toml",
        &format!("{manifest}\n[workspace.package]\nedition = \"2024\"\n"),
    );
    assert_all_stale(&book, &[]);
}

#[test]
fn changing_the_toolchain_makes_every_listing_stale() {
    let book = built_book();
    // A "new compiler": the same rustc, reporting a different version.
    let real = String::from_utf8(
        std::process::Command::new("rustc")
            .arg("--print=sysroot")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let wrapper = book.write_script(
        "rustc-next",
        &format!(
            "#!/bin/sh\n\"{}/bin/rustc\" \"$@\"\nstatus=$?\n[ \"$1\" = -vV ] && echo 'patched: yes'\nexit $status\n",
            real.trim()
        ),
    );
    let rustc = wrapper.to_string_lossy().into_owned();
    assert_all_stale(&book, &[("RUSTC", &rustc)]);
    assert_all_fresh(&book, &[]);
}

#[test]
fn editing_prose_book_toml_outside_the_tools_table_or_the_theme_makes_nothing_stale() {
    let book = built_book();
    book.write(
        "src/chapter.md",
        "# Chapter\n\nDifferent prose, same listings.\n\n{{#output uses-support}}\n\n{{#output standalone}}\n",
    );
    let config = book.read("book.toml");
    book.write(
        "book.toml",
        &format!(
            "{}\n[output.html]\nadditional-css = [\"theme/extra.css\"]\n",
            config.replace("title = \"Fixture\"", "title = \"Renamed\"")
        ),
    );
    book.write("theme/extra.css", "pre { color: navy; }\n");
    assert_all_fresh(&book, &[]);
    book.run(&["build"]).assert_success().stderr_eq(str![[r#"
transcript: 2 listing(s): 2 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
    book.assert_data_eq(main_of(&book.html("chapter.md")), str![[r##"
<main>
                        <h1 id="chapter"><a class="header" href="#chapter">Chapter</a></h1>
<p>Different prose, same listings.</p>
<div class="transcript" id="output-uses-support" data-listing="uses-support">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p uses-support</code></span><button type="button" class="transcript-copy" data-command="cargo run -p uses-support" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">hello
</pre>

</div>

<div class="transcript" id="output-standalone" data-listing="standalone">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p standalone</code></span><button type="button" class="transcript-copy" data-command="cargo run -p standalone" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">alone
</pre>

</div>

<style data-from="mdbook-transcript">[shipped]</style>
<script data-from="mdbook-transcript">[shipped]</script>
"##]]);
}

#[test]
fn changing_the_tools_table_timeout_makes_every_listing_stale() {
    let book = built_book();
    let config = book.read("book.toml");
    book.write(
        "book.toml",
        &config.replace(
            "after = [\"links\"]",
            "after = [\"links\"]\ntimeout = \"12s\"",
        ),
    );
    assert_all_stale(&book, &[]);
}

#[test]
fn an_editors_backup_or_autosave_file_beside_a_listing_makes_nothing_stale() {
    // `serve` does not rebuild for these files, so the key must not count them either.
    let book = built_book();
    book.write("code/listings/standalone/src/main.rs~", "fn main() {}\n");
    book.write("code/listings/standalone/src/#main.rs#", "fn main() {}\n");
    book.write("code/support/src/.lib.rs.swp", "swap");
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
}

#[test]
fn rustflags_and_the_cargo_settings_that_change_a_build_make_every_listing_stale() {
    let book = built_book();
    for setting in [
        ("RUSTFLAGS", "--cfg=demo"),
        ("CARGO_ENCODED_RUSTFLAGS", "--cfg=demo"),
        ("CARGO_PROFILE_DEV_OPT_LEVEL", "1"),
        ("CARGO_BUILD_RUSTFLAGS", "--cfg=demo"),
    ] {
        assert_eq!(
            staleness(&book, &[setting]),
            [("standalone", "stale"), ("uses-support", "stale")],
            "{setting:?}"
        );
    }
}

#[test]
fn a_cargo_config_file_in_or_above_the_workspace_counts_unless_it_only_sets_quiet_things() {
    let book = built_book();
    for place in ["code/.cargo/config.toml", ".cargo/config.toml"] {
        book.write(place, "[build]\nrustflags = [\"--cfg=demo\"]\n");
        assert_eq!(
            staleness(&book, &[]),
            [("standalone", "stale"), ("uses-support", "stale")],
            "{place}"
        );
        book.write(
            place,
            "[alias]\nb = \"build\"\n\n[build]\ntarget-dir = \"elsewhere\"\n\n[term]\ncolor = \"never\"\n",
        );
        assert_eq!(
            staleness(&book, &[]),
            [("standalone", "fresh"), ("uses-support", "fresh")],
            "{place}"
        );
        std::fs::remove_file(book.path(place)).unwrap();
    }
}

#[test]
fn a_compiler_cache_as_rustc_wrapper_changes_no_key_and_reruns_nothing() {
    let book = built_book();
    book.write("cache.sh", "#!/bin/sh\nexec \"$@\"\n");
    std::fs::set_permissions(
        book.path("cache.sh"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let wrapper = book.path("cache.sh").to_string_lossy().into_owned();
    assert_eq!(
        staleness(&book, &[("RUSTC_WRAPPER", &wrapper)]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
    book.run_with(&["build"], &[("RUSTC_WRAPPER", &wrapper)])
        .assert_success()
        .stderr_eq(str![[r#"
transcript: 2 listing(s): 2 cached, 0 ran, 0 failed in [ELAPSED]; 0 snapshot(s) written
transcript: the book is in ./book

"#]]);
}
