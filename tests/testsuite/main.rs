//! End-to-end tests: fixture books built through the real `mdbook-transcript` binary,
//! the real cargo and (in `stock_mdbook`) the real `mdbook` 0.5.4.
//! See README.md in this folder for how to add a case.

mod support;

mod browser;
mod build;
mod cache_keys;
mod charts;
mod ci;
mod config;
mod directives;
mod expectations;
mod list;
mod metadata;
mod modes;
mod pages;
mod portability;
mod safety;
mod scale;
mod serve;
mod shapes;
mod stock_mdbook;
mod stress;
mod timelines;
mod toolchain;
mod warm_builds;
mod workflow;
