//! The command line: mdBook's preprocessor protocol, and the book-level commands that
//! drive mdBook in-process (`build`, `check`, `bless`), so no global mdBook is needed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use mdbook_driver::MDBook;
use mdbook_driver::builtin_renderers::MarkdownRenderer;

use crate::pipeline::{Mode, is_ci, list_book};
use crate::preprocessor::{Transcript, handle_protocol};

#[derive(Debug, Parser)]
#[command(
    name = "mdbook-transcript",
    version,
    about = "Builds and runs every listing of an mdBook and embeds its real output",
    long_about = "Builds and runs every listing of an mdBook and embeds its real output.\n\n\
                  Without a subcommand it speaks mdBook's preprocessor protocol on stdin/stdout, \
                  as `mdbook build` expects of `[preprocessor.transcript]`."
)]
pub struct Cli {
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
}

/// Runs the command line; the binary's `main` is only this.
pub fn main() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    crate::interrupt::exit_on_signals();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        None => handle_protocol(std::io::stdin().lock(), std::io::stdout().lock()),
        Some(Command::Supports { .. }) => Ok(()),
        Some(Command::Build { book }) => {
            let mut md = load(&book)?;
            md.with_preprocessor(Transcript::new(Mode::Build));
            md.build().context("the book did not build")?;
            let out = md.root.join(&md.config.build.build_dir);
            eprintln!("transcript: the book is in {}", out.display());
            Ok(())
        }
        Some(Command::Serve {
            book,
            hostname,
            port,
        }) => crate::serve::serve(&book, &hostname, port),
        Some(Command::Check { book, repeat }) => preprocess(
            &book,
            Transcript::new(Mode::Check).repeating(usize::from(repeat)),
        ),
        Some(Command::Bless { book }) => {
            if is_ci() {
                eprintln!("transcript: note: blessing under CI=true writes snapshots all the same");
            }
            preprocess(&book, Transcript::new(Mode::Bless))
        }
        Some(Command::List { book }) => list(&book),
    }
}

/// Prints one line per listing to stdout, then a count to stderr.
fn list(book: &Path) -> Result<()> {
    let md = load(book)?;
    let listings = list_book(&md.root, &md.config, &md.book)?;
    let now = SystemTime::now();
    println!(
        "{:<28} {:<34} {:<12} {:<22} used at",
        "listing", "expects", "status", "last run"
    );
    for listed in &listings {
        let state = match (listed.status.fresh, listed.status.has_snapshot) {
            (true, _) => "fresh",
            (false, true) => "stale",
            (false, false) => "no snapshot",
        };
        let last_run = listed.last_run.as_ref().map_or_else(
            || "never (here)".to_string(),
            |run| {
                let age = now.duration_since(run.finished()).unwrap_or_default();
                format!("{} ago, {:.1} s", rough(age), run.seconds)
            },
        );
        let places: Vec<String> = listed.locations.iter().map(ToString::to_string).collect();
        println!(
            "{:<28} {:<34} {:<12} {:<22} {}",
            listed.listing.name,
            listed.listing.meta.expect.to_string(),
            state,
            last_run,
            places.join(", ")
        );
    }
    let stale = listings
        .iter()
        .filter(|listed| !listed.status.fresh)
        .count();
    eprintln!("transcript: {} listing(s), {stale} stale", listings.len());
    Ok(())
}

/// "12 s", "4 min", "3 h", "2 days".
fn rough(age: Duration) -> String {
    let seconds = age.as_secs();
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86400 => format!("{} h", seconds / 3600),
        _ => format!("{} days", seconds / 86400),
    }
}

/// Loads the book at `book`, saying which on failure.
pub(crate) fn load(book: &Path) -> Result<MDBook> {
    MDBook::load(book).with_context(|| format!("cannot load the book at {}", book.display()))
}

/// Runs mdBook's preprocessors (ours as `transcript`) without rendering anything.
fn preprocess(book: &Path, transcript: Transcript) -> Result<()> {
    let mut md = load(book)?;
    md.with_preprocessor(transcript);
    md.preprocess_book(&MarkdownRenderer::new())?;
    Ok(())
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
