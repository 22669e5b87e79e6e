//! `mdbook-transcript`: see the library's `cli` module.

fn main() -> std::process::ExitCode {
    mdbook_transcript::main()
}
