//! `mdbook-transcript`: an mdBook preprocessor that builds and runs every listing of a
//! book and embeds its real captured output, so the prose cannot drift from code that
//! works.
//!
//! The crate is laid out as its architecture; imports only go down this list:
//!
//! - `cli`: the command line, one module per command (`build`, `check` and `bless`,
//!   `list`, `serve`) and mdBook's preprocessor protocol.
//! - `pipeline`: the stages, one child module each, in order: `parse`, `resolve`, `key`,
//!   `plan`, `build`, `run`, `judge` (with the expectation check under it), `snapshot`,
//!   `render`. Its `mod.rs` names the order and calls one function per stage.
//! - Leaf modules the stages share: `listing` (a listing and what it declares: metadata,
//!   `Expectation`, `Redaction`), `mode` (build, check, bless and every rule that follows
//!   from them), `config` (the book's `[preprocessor.transcript]`), `capture` (what a
//!   listing did), `anchor` (a source as shown), `files` (reads and atomic writes that
//!   name the file, and which files are sources), `report` and `progress` (everything
//!   printed to a person), `interrupt` (Ctrl-C stops every listing), `lock` (one run per
//!   workspace at a time), `run_log` (when each listing last ran), `duration`.
//!
//! Only [`main`] is public: the binary is the interface, and the tests drive it.

mod anchor;
mod capture;
mod cli;
mod config;
mod duration;
mod files;
mod interrupt;
mod listing;
mod lock;
mod mode;
mod pipeline;
mod progress;
mod report;
mod run_log;
mod terminal;

pub use cli::main;
