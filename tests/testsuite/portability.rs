//! A book that is not laid out like this one: no absolute path of the machine that built
//! it (the book's checkout, the listings' workspace, a temp dir, the user's home) appears
//! in a page or a snapshot; captions and diagnostics name files relative to the listings'
//! workspace, wherever it is.

use crate::support::{BookTest, main_of};

#[test]
fn with_the_workspace_outside_the_book_no_machine_path_reaches_a_page_or_a_snapshot() {
    let book = BookTest::new();
    book.write(
        "docs/book.toml",
        &book.read("book.toml").replace(
            "after = [\"links\"]",
            "after = [\"links\"]\nworkspace = \"../listings\"",
        ),
    );
    book.write("docs/src/SUMMARY.md", "# Summary\n\n- [Where](where.md)\n");
    book.write("docs/src/where.md", "# Where\n\n{{#listing where-am-i}}\n");
    book.write(
        "listings/Cargo.toml",
        "[workspace]\nmembers = [\"where-am-i\"]\nresolver = \"3\"\n",
    );
    book.write(
        "listings/where-am-i/Cargo.toml",
        "[package]\nname = \"where-am-i\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[package.metadata.transcript]\nexpect = \"panic\"\n",
    );
    book.write(
        "listings/where-am-i/src/main.rs",
        "fn main() {\n    let here = std::env::current_dir().unwrap();\n    println!(\"running in {}\", here.display());\n    println!(\"home is {}\", std::env::var(\"HOME\").unwrap());\n    println!(\"temp is {}\", std::env::temp_dir().display());\n    let unused = 1;\n    panic!(\"the end\");\n}\n",
    );
    book.run(&["build", "docs"]).assert_success();

    let page = book.read("docs/book/where.html");
    let snapshot = book.read("listings/where-am-i/transcript.toml");
    let root = book.root().to_string_lossy().into_owned();
    let home = std::env::var("HOME").unwrap();
    for text in [main_of(&page).as_str(), snapshot.as_str()] {
        assert!(!text.contains(&root), "{text}");
        assert!(!text.contains(&format!("{home}/")), "{text}");
        assert!(text.contains("running in where-am-i\n"), "{text}");
        assert!(text.contains("home is ~\n"), "{text}");
        assert!(text.contains("temp is $TMPDIR\n"), "{text}");
        assert!(
            text.contains("panicked at where-am-i/src/main.rs:7:5"),
            "{text}"
        );
    }
    assert!(
        page.contains(
            "<span class=\"listing-file\"><span>where-am-i</span>/<wbr><span>src</span>/<wbr><span>main.rs</span></span>"
        ),
        "{page}"
    );
}

#[test]
fn a_book_in_a_subdirectory_with_its_sources_renamed_builds_with_the_tool_and_with_stock_mdbook() {
    let book = BookTest::new();
    book.write(
        "docs/book.toml",
        &book
            .read("book.toml")
            .replace("[book]\n", "[book]\nsrc = \"chapters\"\n")
            .replace(
                "after = [\"links\"]",
                "after = [\"links\"]\nworkspace = \"../examples\"\npackage-in-commands = false",
            ),
    );
    book.write(
        "docs/chapters/SUMMARY.md",
        "# Summary\n\n- [Counting](counting.md)\n",
    );
    book.write(
        "docs/chapters/counting.md",
        "# Counting\n\n{{#listing count-up}}\n\nIt counted to {{#value count-up:last}}.\n",
    );
    book.write(
        "examples/Cargo.toml",
        "[workspace]\nmembers = [\"count-up\"]\nresolver = \"3\"\n",
    );
    book.write(
        "examples/count-up/Cargo.toml",
        "[package]\nname = \"count-up\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[package.metadata.transcript]\ncaption = \"Counting to three\"\nvalues = { last = 'counted to (\\d+)' }\n",
    );
    book.write(
        "examples/count-up/src/main.rs",
        "fn main() {\n    for n in 1..=3 {\n        println!(\"{n}\");\n    }\n    println!(\"counted to 3\");\n}\n",
    );
    book.run(&["build", "docs"]).assert_success();
    let ours = book.read("docs/book/counting.html");
    assert!(
        main_of(&ours).contains(
            "It counted to <span class=\"listing-value\" data-listing=\"count-up\">3</span>."
        ),
        "{ours}"
    );
    assert!(
        main_of(&ours).contains("<code class=\"transcript-command\">cargo run</code>"),
        "{ours}"
    );

    let mut stock = book.command(crate::stock_mdbook::mdbook(), "docs");
    stock.args(["build", "--dest-dir", "../stock"]);
    let output = stock.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs = book.read("stock/counting.html");
    assert_eq!(
        crate::support::transcripts(&theirs),
        crate::support::transcripts(&ours)
    );
}
