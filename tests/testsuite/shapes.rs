//! Listings of every shape a Rust book has (DESIGN.md §5): a program driven by its
//! input, a command-line tool with arguments and an environment variable, a library
//! shown by its tests, a module tree shown file by file, a server that never exits, a
//! compile error pinned to its line, a listing that is only built, clippy's lints,
//! cargo's own lines, part of a long output. Each fixture is written for this test.

use snapbox::str;

use crate::support::{BookTest, main_of, transcripts};

/// A caption's file path as the page shows it: each segment whole, a break after each `/`.
fn as_shown(path: &str) -> String {
    path.split('/')
        .map(|segment| format!("<span>{segment}</span>"))
        .collect::<Vec<_>>()
        .join("/<wbr>")
}

/// The text of every transcript of a page, tags and all, one after the other.
fn transcripts_of(book: &BookTest, page: &str) -> String {
    transcripts(&book.html(page)).join("\n")
}

#[test]
fn a_guessing_game_is_driven_by_its_input_shown_as_typed() {
    let book = BookTest::with_listing(
        "guess",
        "use std::io::BufRead;\n\nfn main() {\n    let secret = 37;\n    for line in std::io::stdin().lock().lines() {\n        let guess: u32 = line.unwrap().trim().parse().unwrap();\n        println!(\"You guessed {guess}.\");\n        match guess.cmp(&secret) {\n            std::cmp::Ordering::Less => println!(\"Too small!\"),\n            std::cmp::Ordering::Greater => println!(\"Too big!\"),\n            std::cmp::Ordering::Equal => {\n                println!(\"You win!\");\n                return;\n            }\n        }\n    }\n}\n",
        "[package.metadata.transcript]\nstdin = \"50\\n25\\n37\\n\"",
    );
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-guess" data-listing="guess">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p guess</code></span><button type="button" class="transcript-copy" data-command="cargo run -p guess" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdin" data-label="typed input">50
25
37
</pre>

<pre class="transcript-stream transcript-stdout" data-label="stdout">You guessed 50.
Too big!
You guessed 25.
Too small!
You guessed 37.
You win!
</pre>

</div>
"#]]);
}

#[test]
fn a_command_line_tool_runs_with_arguments_an_environment_variable_and_a_file_it_reads() {
    let mut book = BookTest::new();
    book.listing(
        "finder",
        "fn main() {\n    let args: Vec<String> = std::env::args().skip(1).collect();\n    let (query, file) = (&args[0], &args[1]);\n    let ignore_case = std::env::var(\"IGNORE_CASE\").is_ok();\n    let text = std::fs::read_to_string(file).unwrap();\n    for line in text.lines() {\n        let found = if ignore_case {\n            line.to_lowercase().contains(&query.to_lowercase())\n        } else {\n            line.contains(query.as_str())\n        };\n        if found {\n            println!(\"{line}\");\n        }\n    }\n}\n",
        "[package.metadata.transcript]\nfiles = [\"poem.txt\"]\nruns = [\n    { args = [\"to\", \"poem.txt\"] },\n    { args = [\"to\", \"poem.txt\"], env = { IGNORE_CASE = \"1\" } },\n]",
    )
    .page("chapter.md", "# Finder\n\n{{#output finder}}\n");
    book.write(
        "code/listings/finder/poem.txt",
        "To be a tern, or not,\nis a question of the tide.\nTomorrow we go to the sea.\n",
    );
    book.configure("package-in-commands = false");
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-finder" data-listing="finder">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -- to poem.txt</code></span><button type="button" class="transcript-copy" data-command="cargo run -- to poem.txt" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">Tomorrow we go to the sea.
</pre>

<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">IGNORE_CASE=1 cargo run -- to poem.txt</code></span><button type="button" class="transcript-copy" data-command="IGNORE_CASE=1 cargo run -- to poem.txt" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">To be a tern, or not,
Tomorrow we go to the sea.
</pre>

</div>
"#]]);
}

#[test]
fn a_library_is_shown_by_its_tests_in_a_deterministic_order() {
    let mut book = BookTest::new();
    book.write(
        "code/listings/adder/Cargo.toml",
        "[package]\nname = \"adder\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[package.metadata.transcript]\ncaption = \"A library and its tests\"\n",
    );
    book.write(
        "code/listings/adder/src/lib.rs",
        "pub fn add(a: u32, b: u32) -> u32 {\n    a + b\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn zero_changes_nothing() {\n        assert_eq!(add(0, 7), 7);\n    }\n\n    #[test]\n    fn adds_two_numbers() {\n        assert_eq!(add(2, 2), 4);\n    }\n}\n",
    );
    book.write(
        "code/listings/adder/tests/from_outside.rs",
        "#[test]\nfn works_from_outside_the_crate() {\n    assert_eq!(adder::add(1, 1), 2);\n}\n",
    );
    book.page("chapter.md", "# Adder\n\n{{#listing adder}}\n");
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-adder" data-listing="adder">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo test -p adder</code></span><button type="button" class="transcript-copy" data-command="cargo test -p adder" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">
running 2 tests
test tests::adds_two_numbers ... ok
test tests::zero_changes_nothing ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in [..]s


running 1 test
test works_from_outside_the_crate ... ok

test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in [..]s

</pre>

</div>
"#]]);
    book.run(&["check"]).assert_success();
}

#[test]
fn a_module_tree_is_shown_file_by_file_with_one_number_scheme_and_one_transcript() {
    let mut book = BookTest::new();
    book.listing(
        "garden",
        "mod garden;\n\nfn main() {\n    println!(\"{}\", garden::vegetables::harvest());\n}\n",
        "[package.metadata.transcript]\ncaption = \"The crate's root\"\nanchor-captions = { harvest = \"The vegetables module\" }",
    );
    book.write(
        "code/listings/garden/src/garden.rs",
        "pub mod vegetables;\n",
    );
    book.write(
        "code/listings/garden/src/garden/vegetables.rs",
        "// ANCHOR: harvest\npub fn harvest() -> &'static str {\n    \"asparagus\"\n}\n// ANCHOR_END: harvest\n",
    );
    book.page(
        "chapter.md",
        "# Garden\n\n{{#listing garden/src/garden.rs}}\n\n{{#listing garden/src/garden/vegetables.rs:harvest}}\n\n{{#listing garden}}\n\nSee {{#listing-ref garden}}.\n",
    );
    book.run(&["build"]).assert_success();
    let html = book.html("chapter.md");
    let main = main_of(&html);
    assert_eq!(main.matches("class=\"transcript\"").count(), 1, "{main}");
    for (label, file) in [
        ("Listing 1-1", "listings/garden/src/garden.rs"),
        ("Listing 1-2", "listings/garden/src/garden/vegetables.rs"),
        ("Listing 1-3", "listings/garden/src/main.rs"),
    ] {
        assert!(
            main.contains(&format!("<span class=\"listing-label\">{label}:</span>"))
                && main.contains(&format!(
                    "<span class=\"listing-file\">{}</span>",
                    as_shown(file)
                )),
            "{label} {file}:\n{main}"
        );
    }
    assert!(
        main.contains("See <a href=\"#listing-garden\">Listing 1-1</a>."),
        "{main}"
    );
}

#[test]
fn a_server_that_never_exits_is_shown_until_its_timeout_and_fails_if_it_exits_early() {
    let server = "use std::io::{BufRead, BufReader, Write};\nuse std::net::{TcpListener, TcpStream};\n\nfn main() {\n    let listener = TcpListener::bind(\"127.0.0.1:0\").unwrap();\n    println!(\"listening\");\n    let address = listener.local_addr().unwrap();\n    std::thread::spawn(move || {\n        let mut client = TcpStream::connect(address).unwrap();\n        client.write_all(b\"hello\\n\").unwrap();\n    });\n    for stream in listener.incoming() {\n        let mut line = String::new();\n        BufReader::new(stream.unwrap()).read_line(&mut line).unwrap();\n        println!(\"served: {}\", line.trim());\n        EARLY\n    }\n}\n";
    let book = BookTest::with_listing(
        "server",
        &server.replace("EARLY", ""),
        "[package.metadata.transcript]\nexpect = \"timeout\"\ntimeout = \"1s\"",
    );
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-server" data-listing="server">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p server</code></span><button type="button" class="transcript-copy" data-command="cargo run -p server" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-timeout">stopped after 1 s</span></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">listening
served: hello
</pre>

</div>
"#]]);
    book.edit_listing("server", &server.replace("EARLY", "return;"));
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `server` did not do what it declares
  --> src/chapter.md:3:1
   | expected: running until its timeout stops it
   | actual:   it compiled, then exited with status 0
   | stdout (last lines):
   | listening
   | served: hello

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);
}

#[test]
fn a_compile_error_pinned_to_its_line_fails_when_it_moves() {
    let moves = "fn main() {\n    let words = vec![\"one\"];\n    let taken = words;\n    println!(\"{words:?} {taken:?}\");\n}\n";
    let fail_feature = "\n[features]\ncompile-fail = []\n\n[[bin]]\nname = \"moves\"\npath = \"src/main.rs\"\nrequired-features = [\"compile-fail\"]\n";
    let book = BookTest::with_listing(
        "moves",
        moves,
        &format!(
            "[package.metadata.transcript]\nexpect = {{ compile-error = \"E0382\", at = \"src/main.rs:4\" }}\n{fail_feature}"
        ),
    );
    book.run(&["build"]).assert_success();
    book.edit_listing("moves", &moves.replace("let taken", "\n    let taken"));
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 1 failed in [ELAPSED]; 0 snapshot(s) written
error: listing `moves` did not do what it declares
  --> src/chapter.md:3:1
   | expected: compile error E0382
   | actual:   E0382 points at listings/moves/src/main.rs:5, not at listings/moves/src/main.rs:4
   | the compiler said:
   | error[E0382]: borrow of moved value: `words`
   |  --> listings/moves/src/main.rs:5:16
   |   |
   | 2 |     let words = vec!["one"];
   |   |         ----- move occurs because `words` has type `Vec<&str>`, which does not implement the `Copy` trait
   | 3 |     
   | 4 |     let taken = words;
   |   |                 ----- value moved here
   | 5 |     println!("{words:?} {taken:?}");
   |   |                ^^^^^ value borrowed here after move
   |   |
   | help: consider cloning the value if the performance cost is acceptable
   |   |
   | 4 |     let taken = words.clone();
   |   |                      ++++++++
   | [... 2 more line(s)]

error: the book did not build: mdbook-transcript: 1 problem(s) in 1 listing(s) used by the book

"#]]);

    // A marker in the source pins it too, and the page does not show the marker.
    let marked = moves.replace("{taken:?}\");", "{taken:?}\"); //~ ERROR E0382");
    book.write(
        "code/listings/moves/Cargo.toml",
        &format!("[package]\nname = \"moves\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[package.metadata.transcript]\nexpect = {{ compile-error = \"E0382\" }}\n{fail_feature}"),
    );
    book.edit_listing("moves", &marked);
    book.page_content("chapter.md", "# Chapter\n\n{{#listing moves}}\n");
    book.run(&["build"]).assert_success();
    // The code shows no marker (rustc's diagnostics quote the line as it is).
    let html = book.html("chapter.md");
    let main = main_of(&html);
    let code = main.split("<div class=\"transcript\"").next().unwrap();
    assert!(code.contains("println!"), "{code}");
    assert!(!code.contains("//~"), "{code}");
}

#[test]
fn a_listing_that_is_only_built_shows_its_warning_and_clippy_shows_its_lints() {
    let mut book = BookTest::new();
    book.listing(
        "built",
        "fn main() {\n    let unused = 1;\n}\n",
        "[package.metadata.transcript]\ncommand = \"build\"\nexpect = { warning = \"unused_variables\" }",
    )
    .listing(
        "linted",
        "fn double(x: u32) -> u32 {\n    return x * 2;\n}\n\nfn main() {\n    println!(\"{}\", double(2));\n}\n",
        "[package.metadata.transcript]\ncommand = \"clippy\"\nexpect = { warning = \"clippy::needless_return\" }",
    )
    .page("chapter.md", "# Built\n\n{{#output built}}\n\n{{#output linted}}\n");
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-built" data-listing="built">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo build -p built</code></span><button type="button" class="transcript-copy" data-command="cargo build -p built" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-warning">warning</span></div>

<pre class="transcript-stream transcript-diagnostics" data-label="compiler"><span class="ansi-bold ansi-fg-3">warning</span><span class="ansi-bold">: unused variable: `unused`</span>
 <span class="ansi-bold ansi-fg-12">--&gt; </span>listings/built/src/main.rs:2:9
  <span class="ansi-bold ansi-fg-12">|</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-bold ansi-fg-12">|</span>     let unused = 1;
  <span class="ansi-bold ansi-fg-12">|</span>         <span class="ansi-bold ansi-fg-3">^^^^^^</span> <span class="ansi-bold ansi-fg-3">help: if this is intentional, prefix it with an underscore: `_unused`</span>
  <span class="ansi-bold ansi-fg-12">|</span>
  <span class="ansi-bold ansi-fg-12">= </span><span class="ansi-bold">note</span>: `#[warn(unused_variables)]` (part of `#[warn(unused)]`) on by default

</pre>

</div>
<div class="transcript" id="output-linted" data-listing="linted">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo clippy -p linted</code></span><button type="button" class="transcript-copy" data-command="cargo clippy -p linted" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-warning">warning</span></div>

<pre class="transcript-stream transcript-diagnostics" data-label="compiler"><span class="ansi-bold ansi-fg-3">warning</span><span class="ansi-bold">: unneeded `return` statement</span>
 <span class="ansi-bold ansi-fg-12">--&gt; </span>listings/linted/src/main.rs:2:5
  <span class="ansi-bold ansi-fg-12">|</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-bold ansi-fg-12">|</span>     return x * 2;
  <span class="ansi-bold ansi-fg-12">|</span>     <span class="ansi-bold ansi-fg-3">^^^^^^^^^^^^</span>
  <span class="ansi-bold ansi-fg-12">|</span>
  <span class="ansi-bold ansi-fg-12">= </span><span class="ansi-bold">help</span>: for further information visit https://rust-lang.github.io/rust-clippy/rust-1.95.0/index.html#needless_return
  <span class="ansi-bold ansi-fg-12">= </span><span class="ansi-bold">note</span>: `#[warn(clippy::needless_return)]` on by default
<span class="ansi-bold ansi-fg-14">help</span>: remove `return`
  <span class="ansi-bold ansi-fg-12">|</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-fg-9">- </span>    <span class="ansi-fg-9">return x * 2;</span>
<span class="ansi-bold ansi-fg-12">2</span> <span class="ansi-fg-10">+ </span>    <span class="ansi-fg-10">x * 2</span>
  <span class="ansi-bold ansi-fg-12">|</span>

</pre>

</div>
"#]]);
}

#[test]
fn cargo_lines_show_what_cargo_printed_and_part_of_a_long_output_is_marked_as_cut() {
    let mut book = BookTest::new();
    book.listing(
        "chatty",
        "fn main() {\n    println!(\"hello from cargo run\");\n}\n",
        "[package.metadata.transcript]\ncargo-lines = true",
    )
    .listing(
        "long",
        "fn main() {\n    for n in 1..=30 {\n        println!(\"line {n}\");\n    }\n    panic!(\"the end\");\n}\n",
        "[package.metadata.transcript]\nexpect = \"panic\"\nshow = { matching = 'line 1$|panicked|the end' }",
    )
    .page("chapter.md", "# Cargo\n\n{{#output chatty}}\n\n{{#output long}}\n");
    book.run(&["build"]).assert_success();
    book.assert_data_eq(transcripts_of(&book, "chapter.md"), str![[r#"
<div class="transcript" id="output-chatty" data-listing="chatty">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p chatty</code></span><button type="button" class="transcript-copy" data-command="cargo run -p chatty" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="output"><span class="ansi-bold ansi-fg-10">   Compiling</span> chatty v0.1.0 (listings/chatty)
<span class="ansi-bold ansi-fg-10">    Finished</span> `dev` profile [unoptimized + debuginfo] target(s) in [..]s
<span class="ansi-bold ansi-fg-10">     Running</span> `target/debug/chatty`
hello from cargo run
</pre>

</div>
<div class="transcript" id="output-long" data-listing="long">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p long</code></span><button type="button" class="transcript-copy" data-command="cargo run -p long" title="Copy the command" aria-label="Copy the command"></button><span class="transcript-badge transcript-badge-panic">panic</span></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">line 1
<span class="ansi-dim">[... 29 line(s) not shown]</span>
</pre>

<pre class="transcript-stream transcript-stderr" data-label="stderr"><span class="ansi-dim">[... 1 line(s) not shown]</span>
thread 'main' ([TID]) panicked at listings/long/src/main.rs:5:5:
the end
<span class="ansi-dim">[... 1 line(s) not shown]</span>
</pre>

</div>
"#]]);
    book.run(&["check"]).assert_success();
}

#[test]
fn each_mistake_in_how_a_listing_is_exercised_is_named_with_its_key() {
    let mut book = BookTest::new();
    book.listing("odd-command", "fn main() {}\n", "[package.metadata.transcript]\ncommand = \"rnu\"")
        .listing(
            "missing-file",
            "fn main() {}\n",
            "[package.metadata.transcript]\nfiles = [\"poem.txt\"]\nstdin = { file = \"input.txt\" }",
        )
        .listing(
            "far-pin",
            "fn main() {\n    let x: u32 = \"no\";\n}\n",
            "[package.metadata.transcript]\nexpect = { compile-error = \"E0308\", at = \"src/main.rs:40\" }\n\n[features]\ncompile-fail = []\n\n[[bin]]\nname = \"far-pin\"\npath = \"src/main.rs\"\nrequired-features = [\"compile-fail\"]",
        )
        .listing(
            "quick",
            "fn main() {}\n",
            "[package.metadata.transcript]\nnumbered = false",
        );
    book.write(
        "code/listings/tested/Cargo.toml",
        "[package]\nname = \"tested\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[package.metadata.transcript]\nargs = [\"--verbose\"]\nstdin = \"x\"\n",
    );
    book.write(
        "code/listings/tested/src/lib.rs",
        "#[test]\nfn works() {}\n",
    );
    book.page(
        "chapter.md",
        "# Mistakes\n\n{{#output odd-command}}\n\n{{#output missing-file}}\n\n{{#output far-pin}}\n\n{{#output tested}}\n\n{{#listing quick}}\n\nAs {{#listing-ref quick}} shows.\n",
    );
    book.run(&["build"]).assert_failure().stderr_eq(str![[r#"
error: listing `far-pin`: `expect`: `at` names line 40 of src/main.rs, which has 3 lines
  --> code/listings/far-pin/Cargo.toml:8:1

error: listing `missing-file`: `files`: there is no file poem.txt beside the listing
  --> code/listings/missing-file/Cargo.toml:8:1

error: listing `missing-file`: `stdin`: there is no file input.txt beside the listing
  --> code/listings/missing-file/Cargo.toml:9:1

error: `command`: unknown command "rnu": did you mean "run"? (one of "run", "test", "build", "clippy")
  --> code/listings/odd-command/Cargo.toml:8:11

error: listing `tested`: `args`: `cargo test` gives its tests no program arguments and no input
  --> code/listings/tested/Cargo.toml:7:1

error: listing `tested`: `stdin`: `cargo test` gives its tests no program arguments and no input
  --> code/listings/tested/Cargo.toml:8:1

error: `{{#listing-ref quick}}` refers to a listing declared `numbered = false`, which has no number to show
  --> src/chapter.md:13:4

error: the book did not build: mdbook-transcript: 7 problem(s) in 4 listing(s) used by the book

"#]]);
    for name in ["missing-file", "far-pin", "tested", "quick"] {
        assert!(!book.snapshot_exists(name), "{name}");
    }
}

#[test]
fn new_scaffolds_a_listing_that_builds_and_says_what_to_paste() {
    let mut book = BookTest::new();
    book.page("chapter.md", "# Chapter\n");
    let run = book.run(&["new", "first-steps", "--section", "listings"]);
    run.assert_success()
        .stdout_eq(str![[r#"
{{#listing first-steps}}

"#]])
        .stderr_eq(str![[r#"
transcript: created listing `first-steps` in ./code/listings/first-steps
transcript: paste this into a page:

"#]]);
    book.page_content("chapter.md", "# Chapter\n\n{{#listing first-steps}}\n");
    book.run(&["build"]).assert_success();
    assert!(book.html("chapter.md").contains("Hello from first-steps!"));
    book.run(&["new", "Not_Kebab"]).assert_failure().stderr_eq(str![[r#"
error: `Not_Kebab` is not a listing name: use lower-case letters, digits and dashes (kebab-case), starting with a letter

"#]]);
    book.run(&["new", "first-steps", "--section", "listings"])
        .assert_failure()
        .stderr_eq(str![[r#"
error: ./code/listings/first-steps is there already: choose another name, or remove it

"#]]);
}
