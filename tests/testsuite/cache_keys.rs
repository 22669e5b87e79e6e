//! Sound cache keys (DESIGN.md §3): whatever can change a listing's output makes it stale,
//! and nothing else does. Staleness is read from `list`, which runs nothing.

use std::os::unix::fs::PermissionsExt;

use crate::support::BookTest;

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
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
    book
}

/// Each listing's state according to `list`, by name.
fn staleness(book: &BookTest, env: &[(&str, &str)]) -> Vec<(&'static str, &'static str)> {
    let run = book.run_with(&["list"], env);
    run.assert_success();
    let stdout = String::from_utf8_lossy(&run.output.stdout).into_owned();
    ["standalone", "uses-support"]
        .into_iter()
        .map(|name| {
            let line = stdout
                .lines()
                .find(|line| line.starts_with(name))
                .unwrap_or_else(|| panic!("no line for {name}:\n{stdout}"));
            let state = ["fresh", "stale", "no snapshot"]
                .into_iter()
                .find(|state| line.contains(state))
                .unwrap_or_else(|| panic!("no state in: {line}"));
            (name, state)
        })
        .collect()
}

#[test]
fn editing_support_makes_its_dependents_stale_and_nothing_else() {
    let book = built_book();
    book.write(
        "code/support/src/lib.rs",
        "pub fn greeting() -> &'static str { \"hello again\" }\n",
    );
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "stale")]
    );
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("1 cached, 1 ran");
    assert!(book.snapshot("uses-support").contains("hello again"));
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
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("3 listing(s): 2 cached, 1 ran");
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
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "stale"), ("uses-support", "stale")]
    );
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
    let wrapper = book.path("rustc-next");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\n\"{}/bin/rustc\" \"$@\"\nstatus=$?\n[ \"$1\" = -vV ] && echo 'patched: yes'\nexit $status\n",
            real.trim()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let rustc = wrapper.to_string_lossy().into_owned();
    assert_eq!(
        staleness(&book, &[("RUSTC", &rustc)]),
        [("standalone", "stale"), ("uses-support", "stale")]
    );
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
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
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "fresh"), ("uses-support", "fresh")]
    );
    book.run(&["build"])
        .assert_success()
        .assert_stderr_contains("2 cached, 0 ran");
    assert!(book.html("chapter.md").contains("Different prose"));
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
    assert_eq!(
        staleness(&book, &[]),
        [("standalone", "stale"), ("uses-support", "stale")]
    );
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
        .assert_stderr_contains("2 cached, 0 ran");
}
