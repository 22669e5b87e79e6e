//! Runs are bounded and output is inert: timeouts kill, captured bytes are escaped, and
//! a failed run leaves every snapshot as it was.

use crate::support::{BookTest, main_of};

#[test]
fn a_listing_printing_html_shows_it_as_text() {
    let mut book = BookTest::new();
    book.listing(
        "shouty",
        "fn main() {\n    println!(\"<script>alert('owned')</script> & <b>bold</b>\");\n}\n",
        "",
    )
    .page("chapter.md", "{{#output shouty}}\n");
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let main = main_of(&html);
    // mdBook re-serialises the page, so quotes may come back unescaped in text; what
    // matters is that no tag survives.
    assert!(main.contains("&lt;script&gt;alert("), "{main}");
    assert!(
        main.contains("&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"),
        "{main}"
    );
    assert!(!main.contains("<script>alert"), "{main}");
    assert!(!main.contains("<b>bold"), "{main}");
}

#[test]
fn a_listing_past_its_timeout_is_killed_and_reported() {
    let mut book = BookTest::new();
    book.listing(
        "forever",
        "fn main() {\n    println!(\"starting\");\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "[package.metadata.transcript]\ntimeout = \"1s\"",
    )
    .page("chapter.md", "{{#output forever}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("listing `forever` did not do what it declares")
        .assert_stderr_contains("ran past its 1000 ms timeout and was killed");
    assert!(!book.snapshot_exists("forever"));
}

#[test]
fn the_book_default_timeout_applies_to_every_listing() {
    let mut book = BookTest::new();
    let toml = book.read("book.toml") + "timeout = \"1s\"\n";
    book.write("book.toml", &toml);
    book.listing(
        "slow",
        "fn main() {\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
        "",
    )
    .page("chapter.md", "{{#output slow}}\n");
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("1000 ms timeout");
}

#[test]
fn a_failed_run_leaves_every_snapshot_as_it_was() {
    let mut book = BookTest::new();
    book.listing("good", "fn main() { println!(\"good v1\"); }\n", "")
        .listing("bad", "fn main() { println!(\"bad v1\"); }\n", "")
        .page("chapter.md", "{{#output good}}\n\n{{#output bad}}\n");
    book.run(&["build"]).assert_success();
    let (good_before, bad_before) = (book.snapshot("good"), book.snapshot("bad"));

    book.write(
        "code/listings/good/src/main.rs",
        "fn main() { println!(\"good v2\"); }\n",
    );
    book.write(
        "code/listings/bad/src/main.rs",
        "fn main() { panic!(\"bad v2\"); }\n",
    );
    book.run(&["build"])
        .assert_failure()
        .assert_stderr_contains("listing `bad`");
    assert_eq!(
        book.snapshot("good"),
        good_before,
        "a passing listing's snapshot waits for the whole run"
    );
    assert_eq!(book.snapshot("bad"), bad_before);
    let leftovers: Vec<_> = std::fs::read_dir(book.path("code/listings/good"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn an_interrupted_run_stops_its_listings_and_leaves_snapshots_as_they_were() {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    let mut book = BookTest::new();
    book.listing("sleeper", "fn main() {\n    println!(\"quick\");\n}\n", "")
        .page("chapter.md", "{{#output sleeper}}\n");
    book.run(&["build"]).assert_success();
    let before = book.snapshot("sleeper");

    // Now the listing records its pid and sleeps for ten minutes.
    book.write(
        "code/listings/sleeper/src/main.rs",
        "fn main() {\n    std::fs::write(\"pid\", std::process::id().to_string()).unwrap();\n    std::thread::sleep(std::time::Duration::from_secs(600));\n}\n",
    );
    let tool = book
        .command(crate::support::transcript_bin(), "")
        .arg("build")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let pid_file = book.path("code/listings/sleeper/pid");
    let started = Instant::now();
    while !pid_file.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the listing never started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100)); // the pid is written in full
    let listing_pid = std::fs::read_to_string(&pid_file).unwrap();
    Command::new("kill")
        .args(["-INT", &tool.id().to_string()])
        .status()
        .unwrap();
    let output = tool.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);

    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("interrupted by SIGINT"), "{stderr}");
    assert_eq!(book.snapshot("sleeper"), before);
    // Killed and gone, or at worst a zombie waiting for a parent that will not reap it.
    let alive = || {
        std::fs::read_to_string(format!("/proc/{listing_pid}/stat")).is_ok_and(|stat| {
            stat.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
    };
    let waited = Instant::now();
    while alive() && waited.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        !alive(),
        "the listing (pid {listing_pid}) outlived the interrupted run"
    );
}
