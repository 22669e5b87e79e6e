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
    for text in [main_of(&page), snapshot.as_str()] {
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
        page.contains("<span class=\"listing-file\">where-am-i/src/main.rs</span>"),
        "{page}"
    );
}
