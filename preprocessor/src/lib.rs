//! `mdbook-transcript`: an mdBook preprocessor that builds and runs every listing of a
//! book and embeds its real captured output, so the prose cannot drift from code that
//! works. The pipeline is in [`pipeline`]; each stage has a module of its own, in order:
//! [`parse`], [`resolve`], [`key`] and [`plan`], [`build`], [`run`], [`verify`] and
//! [`judge`], [`snapshot`], [`render`].
//!
//! Around the stages: [`interrupt`] (Ctrl-C stops every listing), [`lock`] (one run per listings workspace at a time), [`progress`]
//! (what the person watching sees), [`run_log`] (when each listing last ran, for `list`),
//! [`report`] (problems, rustc style), [`capture`] (the typed result stages pass on).
//! The entry points: [`cli`] (the command line, including [`serve`]) and [`preprocessor`]
//! (mdBook's side).

pub mod anchor;
pub mod build;
pub mod capture;
pub mod cli;
pub mod config;
pub mod duration;
pub mod interrupt;
pub mod judge;
pub mod key;
pub mod listing_meta;
pub mod lock;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod preprocessor;
pub mod progress;
pub mod render;
pub mod report;
pub mod resolve;
pub mod run;
pub mod run_log;
pub mod serve;
pub mod snapshot;
pub mod verify;

pub use pipeline::{Mode, process_book};
pub use preprocessor::Transcript;
pub use progress::Summary;
