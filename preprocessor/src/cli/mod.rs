//! The command line: parsing (clap) and dispatch to one module per command, and, with
//! no command, mdBook's preprocessor protocol ([`protocol`]). Book-level commands drive
//! mdBook in-process ([`book`]), so no global mdBook is needed.

mod book;
mod build;
mod check;
mod list;
mod new;
mod protocol;
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::ci_report::ReportSpec;
use crate::report;
use crate::shard::Shard;

#[derive(Debug, Parser)]
#[command(
    name = "mdbook-transcript",
    version,
    about = "Builds and runs every listing of an mdBook and embeds its real output",
    long_about = "Builds and runs every listing of an mdBook and embeds its real output.\n\n\
                  Without a subcommand it speaks mdBook's preprocessor protocol on stdin/stdout, \
                  as `mdbook build` expects of `[preprocessor.transcript]`."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// mdBook asks whether a renderer is supported (exit 0: yes).
    Supports { renderer: String },
    /// Render the book into its build directory, rerunning only stale listings.
    Build {
        /// The book's root directory (where book.toml is).
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Serve the book locally, rebuilding it (and rerunning only the listings that
    /// changed) whenever a source changes; open pages reload themselves.
    Serve {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// The address to listen on.
        #[arg(short = 'n', long, default_value = "127.0.0.1")]
        hostname: String,
        /// The port to listen on (0: any free port).
        #[arg(short, long, default_value_t = 3000)]
        port: u16,
    },
    /// Rerun every listing and compare with the snapshots; never writes. Exits 1 with a
    /// diff per differing listing.
    Check {
        #[arg(default_value = ".")]
        book: PathBuf,
        /// Run every listing N times and name each one whose output (after redaction)
        /// differs between runs: a flake finder.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
        repeat: u16,
        /// Run only shard K of N (e.g. 2/4): a deterministic share of the listings,
        /// balanced by their last run times in the run log (by count when none is
        /// known). The N shards together check every listing once; each fails on its
        /// own listings only.
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
        /// Write each listing's result (page, time, outcome, failure and diff) to PATH
        /// after the check, as JUnit XML (`junit=PATH`) or JSON (`json=PATH`);
        /// repeatable. PATH's directory must exist.
        #[arg(long, value_name = "FORMAT=PATH")]
        report: Vec<ReportSpec>,
        /// Run every cargo and rustc call under this rustup toolchain (as
        /// `RUSTUP_TOOLCHAIN`), checked to be installed before anything runs.
        #[arg(long, value_name = "NAME")]
        toolchain: Option<String>,
        /// Write every transcript that differs from its snapshot to PATH, as Markdown
        /// (the snapshot beside this run), instead of failing on it; writes no snapshot.
        /// `bless` under the same toolchain takes them.
        #[arg(long, value_name = "PATH.md")]
        changes: Option<PathBuf>,
    },
    /// Rerun every listing and rewrite every snapshot.
    Bless {
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Every listing the book uses: where, what it declares, fresh or stale. Runs nothing.
    List {
        #[arg(default_value = ".")]
        book: PathBuf,
    },
    /// Scaffold a listing package in the listings' workspace and print the directive
    /// that shows it.
    New {
        /// The listing's package name (kebab-case).
        name: String,
        /// The folder of the workspace to put it in (e.g. a section's).
        #[arg(long, value_name = "DIR")]
        section: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        book: PathBuf,
    },
}

/// Runs the command line; the binary's `main` is only this.
pub fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    crate::interrupt::exit_on_signals();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report::error(&error);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => protocol::handle_protocol(std::io::stdin().lock(), std::io::stdout().lock()),
        Some(Command::Supports { .. }) => Ok(()),
        Some(Command::Build { book }) => build::execute(&book),
        Some(Command::Serve {
            book,
            hostname,
            port,
        }) => serve::execute(&book, &hostname, port),
        Some(Command::Check {
            book,
            repeat,
            shard,
            report,
            toolchain,
            changes,
        }) => {
            let changes = check::Changes {
                toolchain,
                report: changes,
            };
            check::check(&book, usize::from(repeat), shard, report, changes)
        }
        Some(Command::Bless { book }) => check::bless(&book),
        Some(Command::List { book }) => list::execute(&book),
        Some(Command::New {
            name,
            section,
            book,
        }) => new::execute(&name, section.as_deref(), &book),
    }
}

/// mdBook logs through `tracing`; show its warnings and errors (RUST_LOG overrides).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .init();
}
