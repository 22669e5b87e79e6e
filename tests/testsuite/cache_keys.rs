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

<style data-from="mdbook-transcript">
/* mdbook-transcript: listings and their transcripts. Colours are set per mdBook theme
   (light, rust, coal, navy, ayu); each text colour has a contrast of at least 4.5:1
   against the transcript's background, checked in a browser by the tool's tests. */
.light, html:not(.js) {
    --transcript-bg: #eef2f5; --transcript-fg: #1b1b1b; --transcript-muted: #4a4f55;
    --transcript-border: #8a96a3; --transcript-stderr-border: #b3261e;
    --ansi-0: #3b3b3b; --ansi-1: #b3261e; --ansi-2: #2f6b1f; --ansi-3: #7a5c00;
    --ansi-4: #1f55b3; --ansi-5: #8e2f8e; --ansi-6: #0f6870; --ansi-7: #5c5c5c;
    --ansi-8: #555555; --ansi-9: #b51f17; --ansi-10: #28761a; --ansi-11: #805e00;
    --ansi-12: #2450c8; --ansi-13: #a0309f; --ansi-14: #0b6b75; --ansi-15: #3b3b3b;
}
.rust {
    --transcript-bg: #ece8dc; --transcript-fg: #262625; --transcript-muted: #4d4a41;
    --transcript-border: #8f8a7a; --transcript-stderr-border: #a8261d;
    --ansi-0: #3b3b3b; --ansi-1: #a8261d; --ansi-2: #2c6420; --ansi-3: #6e5300;
    --ansi-4: #1d4fa6; --ansi-5: #842c84; --ansi-6: #0d5f66; --ansi-7: #555555;
    --ansi-8: #4f4f4f; --ansi-9: #a51d15; --ansi-10: #256b18; --ansi-11: #735500;
    --ansi-12: #2149b8; --ansi-13: #922c91; --ansi-14: #0a616a; --ansi-15: #3b3b3b;
}
.coal, .navy, .ayu {
    --transcript-fg: #c5c8c6; --transcript-muted: #a7adb3;
    --transcript-border: #5b646e; --transcript-stderr-border: #ff7b72;
    --ansi-0: #a6a6a6; --ansi-1: #ff7b72; --ansi-2: #7ee787; --ansi-3: #e3b341;
    --ansi-4: #79b8ff; --ansi-5: #e29cf0; --ansi-6: #56d4dd; --ansi-7: #d0d0d0;
    --ansi-8: #b1bac4; --ansi-9: #ffa198; --ansi-10: #a5f0b0; --ansi-11: #f2cc60;
    --ansi-12: #a5d6ff; --ansi-13: #f0b8f8; --ansi-14: #8ae9f0; --ansi-15: #ffffff;
}
.coal { --transcript-bg: #20262c; }
.navy { --transcript-bg: #222b40; --transcript-fg: #c5c9d8; }
.ayu { --transcript-bg: #1a222c; --transcript-fg: #e6e1cf; }

figure.listing { margin: 1.5em 0; }
figure.listing figcaption { font-size: 0.9em; margin-bottom: 0.4em; }
figure.listing .listing-label { font-weight: bold; }
figure.listing .listing-file {
    font-family: var(--mono-font, monospace);
    font-size: 0.85em;
}
/* A path breaks after a slash, never inside a name (a name's hyphens are not breaks). */
figure.listing .listing-file > span { white-space: nowrap; }

.transcript {
    margin: 0.6em 0 1em;
    border-left: 3px solid var(--transcript-border);
    background: var(--transcript-bg);
    color: var(--transcript-fg);
    border-radius: 0 4px 4px 0;
    max-width: 100%;
}
.transcript-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4em;
    padding: 0.45em 0.8em 0.2em;
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
}
.transcript-line { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.transcript-prompt { color: var(--transcript-muted); user-select: none; }
.transcript .transcript-command {
    background: none;
    color: var(--transcript-fg);
    padding: 0;
    font-size: 1em;
}
.transcript-copy {
    border: 1px solid var(--transcript-border);
    border-radius: 3px;
    background: transparent;
    color: var(--transcript-muted);
    cursor: pointer;
    font-size: 0.8em;
    padding: 0 0.4em;
    line-height: 1.5;
}
.transcript-copy::before { content: "copy"; }
.transcript-copy.copied::before { content: "copied"; }
.transcript-badge {
    border: 1px solid currentColor;
    border-radius: 3px;
    font-size: 0.8em;
    padding: 0 0.35em;
    line-height: 1.5;
    color: var(--transcript-muted);
}
.transcript-badge-panic, .transcript-badge-compile-error, .transcript-badge-exit,
.transcript-badge-signal { color: var(--ansi-1); }
.transcript-badge-timeout, .transcript-badge-warning { color: var(--ansi-3); }

.transcript pre.transcript-stream {
    margin: 0;
    padding: 0.3em 0.8em 0.5em;
    background: none;
    color: var(--transcript-fg);
    font-family: var(--mono-font, monospace);
    font-size: var(--code-font-size, 0.875em);
    overflow-x: auto;
    white-space: pre;
}
.transcript pre.transcript-stream::before {
    content: attr(data-label);
    display: block;
    font-size: 0.75em;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--transcript-muted);
}
.transcript pre.transcript-stdout::before { content: none; }
.transcript pre.transcript-rest::before { content: none; }
.transcript pre.transcript-stderr { border-left: 3px dashed var(--transcript-stderr-border); }
.transcript-more > summary {
    cursor: pointer;
    padding: 0.2em 0.8em 0.4em;
    color: var(--transcript-muted);
    font-size: 0.85em;
}
.transcript-more .when-open, .transcript-more[open] .when-closed { display: none; }
.transcript-more[open] .when-open { display: inline; }
.transcript-nothing { margin: 0; padding: 0.3em 0.8em 0.5em; color: var(--transcript-muted); }

.ansi-bold { font-weight: bold; }
.ansi-dim { color: var(--transcript-muted); }
.ansi-italic { font-style: italic; }
.ansi-underline { text-decoration: underline; }
.ansi-strike { text-decoration: line-through; }
.ansi-inverse { background: var(--transcript-fg); color: var(--transcript-bg); }
.ansi-fg-0 { color: var(--ansi-0); } .ansi-fg-1 { color: var(--ansi-1); }
.ansi-fg-2 { color: var(--ansi-2); } .ansi-fg-3 { color: var(--ansi-3); }
.ansi-fg-4 { color: var(--ansi-4); } .ansi-fg-5 { color: var(--ansi-5); }
.ansi-fg-6 { color: var(--ansi-6); } .ansi-fg-7 { color: var(--ansi-7); }
.ansi-fg-8 { color: var(--ansi-8); } .ansi-fg-9 { color: var(--ansi-9); }
.ansi-fg-10 { color: var(--ansi-10); } .ansi-fg-11 { color: var(--ansi-11); }
.ansi-fg-12 { color: var(--ansi-12); } .ansi-fg-13 { color: var(--ansi-13); }
.ansi-fg-14 { color: var(--ansi-14); } .ansi-fg-15 { color: var(--ansi-15); }
.ansi-bg-0, .ansi-bg-1, .ansi-bg-2, .ansi-bg-3, .ansi-bg-4, .ansi-bg-5, .ansi-bg-6,
.ansi-bg-7, .ansi-bg-8, .ansi-bg-9, .ansi-bg-10, .ansi-bg-11, .ansi-bg-12,
.ansi-bg-13, .ansi-bg-14, .ansi-bg-15 { outline: 1px solid var(--transcript-border); }

/* Drawings (timelines under a transcript, `{{#chart}}`): inline SVG that keeps its size
   and scrolls inside its own box on a narrow screen; every colour is a theme variable.
   The chart's layout measures text as 0.6 em monospace. */
.transcript-drawing { overflow-x: auto; max-width: 100%; padding: 0.4em 0.8em 0.6em; }
.transcript-drawing svg.transcript-svg { display: block; max-width: none; }
.transcript-drawing svg text { fill: var(--transcript-fg); font-family: var(--mono-font, monospace); }
.transcript-timeline .tl-threads { fill: var(--transcript-muted); }
.transcript-timeline .tl-running { fill: var(--ansi-4); }
.transcript-timeline .tl-waiting { fill: var(--transcript-muted); }
.transcript-timeline .tl-grid { stroke: var(--transcript-border); stroke-dasharray: 2 3; }
.transcript-timeline .tl-axis line { stroke: var(--transcript-fg); }
.transcript-timeline .tl-start, .transcript-timeline .tl-end { stroke: var(--transcript-fg); stroke-width: 2; }
.transcript-timeline .tl-cancel { stroke: var(--ansi-1); stroke-width: 2; fill: none; }
.transcript-timeline .tl-cut { stroke: var(--transcript-fg); stroke-width: 2; fill: none; }
.transcript-timeline-note { margin: 0.3em 0 0; color: var(--transcript-muted); font-size: 0.9em; }
.transcript-chart { margin: 1em 0; padding: 0; }
.transcript-chart svg text { font-size: 14px; fill: var(--fg); }
.transcript-chart svg text.chart-title { font-weight: bold; }
.transcript-chart rect.chart-bar { fill: var(--links); }
</style>
<script data-from="mdbook-transcript">
// mdbook-transcript: the copy button of a transcript copies its command alone.
(function () {
    if (window.mdbookTranscript) {
        return; // print.html holds every page, and with it this script many times
    }
    window.mdbookTranscript = true;
    function copied(button) {
        button.classList.add('copied');
        button.setAttribute('aria-label', 'Copied');
        setTimeout(function () {
            button.classList.remove('copied');
            button.setAttribute('aria-label', 'Copy the command');
        }, 1500);
    }
    function fallback(text, button) {
        var area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        if (document.execCommand('copy')) {
            copied(button);
        }
        document.body.removeChild(area);
    }
    document.addEventListener('click', function (event) {
        var button = event.target.closest && event.target.closest('.transcript-copy');
        if (!button) {
            return;
        }
        var text = button.getAttribute('data-command');
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () {
                copied(button);
            }, function () {
                fallback(text, button);
            });
        } else {
            fallback(text, button);
        }
    });
})();
</script>
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
