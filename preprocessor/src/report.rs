//! Everything the tool tells a person goes through here: problems (rustc style, each
//! pointing at the page that uses the listing), notes and warnings, the progress of a
//! run (through `progress`), and the one error a failed run ends with. Standard output
//! belongs to mdBook's protocol, so all of it goes to standard error, except the table
//! `list` prints on purpose.

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in a chapter: `src/page.md:41:1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Location {
    /// The place of byte `offset` in `text`, the file `file`.
    pub(crate) fn in_text(file: PathBuf, text: &str, offset: usize) -> Location {
        let (line, column) = line_and_column(text, offset);
        Location { file, line, column }
    }
}

/// 1-based line and column of a byte offset. Columns count characters, as editors and
/// rustc do, not bytes: `é` is one column. The one place the tool counts them.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One thing that makes the run fail: a headline, where the book shows it, details.
/// Made one way: `Problem::new(headline).at(location).detail(text)`.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    message: String,
    locations: Vec<Location>,
    details: Vec<String>,
}

impl Problem {
    pub(crate) fn new(message: impl fmt::Display) -> Problem {
        Problem {
            message: message.to_string(),
            locations: Vec::new(),
            details: Vec::new(),
        }
    }

    /// Where in the book it shows (a problem may show in several places).
    pub(crate) fn at(mut self, location: &Location) -> Problem {
        self.locations.push(location.clone());
        self
    }

    pub(crate) fn at_each(mut self, locations: &[Location]) -> Problem {
        self.locations.extend_from_slice(locations);
        self
    }

    /// A further block of lines: expected and actual, a stderr tail, a diff.
    pub(crate) fn detail(mut self, text: impl Into<String>) -> Problem {
        self.details.push(text.into());
        self
    }
}

impl Problem {
    /// The problem as a GitHub Actions workflow command, at its first place:
    /// `::error file=src/page.md,line=3,col=1,title=HEADLINE::HEADLINE%0ADETAILS`.
    fn annotation(&self) -> String {
        let mut properties = Vec::new();
        if let Some(at) = self.locations.first() {
            let file = at.file.display().to_string();
            properties.push(format!("file={}", escape_property(&file)));
            properties.push(format!("line={},col={}", at.line, at.column));
        }
        properties.push(format!("title={}", escape_property(&self.message)));
        let mut message = self.message.clone();
        for detail in &self.details {
            message.push('\n');
            message.push_str(detail);
        }
        format!(
            "::error {}::{}",
            properties.join(","),
            escape_data(&message)
        )
    }
}

/// GitHub's escaping of a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping of a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        for location in &self.locations {
            writeln!(f, "  --> {location}")?;
        }
        for detail in &self.details {
            for line in detail.lines() {
                writeln!(f, "   | {line}")?;
            }
        }
        Ok(())
    }
}

/// Every problem found so far. A run collects them all and fails once, at the end of
/// the stage that found them, before anything is written.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<Problem>);

/// The error a run with problems ends with, after they were printed.
#[derive(Debug, thiserror::Error)]
#[error("mdbook-transcript: {count} problem(s) in {listings} listing(s) used by the book{}", hint.as_ref().map(|hint| format!("\n{hint}")).unwrap_or_default())]
pub(crate) struct Failed {
    count: usize,
    listings: usize,
    hint: Option<String>,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems there are.
    /// The problems pushed since there were `start` of them.
    pub(crate) fn since(&self, start: usize) -> &[Problem] {
        &self.0[start..]
    }

    pub(crate) fn count(&self) -> usize {
        self.0.len()
    }

    /// Prints every problem and fails, if there are any.
    pub(crate) fn fail_if_any(&self, listings: usize, hint: Option<&str>) -> Result<(), Failed> {
        if self.0.is_empty() {
            return Ok(());
        }
        let annotate = std::env::var("GITHUB_ACTIONS").is_ok_and(|value| value == "true");
        for problem in &self.0 {
            eprintln!("{problem}");
            if annotate {
                eprintln!("{}", problem.annotation());
            }
        }
        Err(Failed {
            count: self.0.len(),
            listings,
            hint: hint.map(str::to_string),
        })
    }
}

impl Extend<Problem> for Problems {
    fn extend<T: IntoIterator<Item = Problem>>(&mut self, problems: T) {
        self.0.extend(problems);
    }
}

/// How the tool was started, so that every hint names a command the user can run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Invocation {
    /// `mdbook-transcript COMMAND [BOOK]`, with the book as the user wrote it.
    Cli { book: PathBuf },
    /// Stock `mdbook build` or `mdbook serve`, through `book.toml`.
    Mdbook,
}

impl Invocation {
    /// `mdbook-transcript bless docs` (the book left out when it is the current directory).
    fn ours(&self, command: &str) -> String {
        match self {
            Invocation::Cli { book } if book.as_os_str().is_empty() || book == Path::new(".") => {
                format!("mdbook-transcript {command}")
            }
            Invocation::Cli { book } => format!("mdbook-transcript {command} {}", book.display()),
            Invocation::Mdbook => format!("mdbook-transcript {command}"),
        }
    }

    /// What accepts a listing's new output.
    pub(crate) fn to_accept_new_output(&self) -> String {
        match self {
            Invocation::Mdbook => "If the new output is right, accept it by running `mdbook build` without CI=true, which writes it.".to_string(),
            cli => format!("If the new output is right, accept it with `{}`.", cli.ours("bless")),
        }
    }

    /// What writes a snapshot that is missing.
    pub(crate) fn to_write_a_snapshot(&self) -> String {
        let build = match self {
            Invocation::Mdbook => "mdbook build".to_string(),
            cli => cli.ours("build"),
        };
        format!("run `{build}` without CI=true and commit the snapshot it writes")
    }

    /// The command that takes the changes `check --changes` found under `toolchain`.
    pub(crate) fn to_take_changes(&self, toolchain: Option<&str>) -> String {
        let bless = self.ours("bless");
        toolchain.map_or(bless.clone(), |name| {
            format!("RUSTUP_TOOLCHAIN={name} {bless}")
        })
    }

    /// What replaces a snapshot that cannot be read.
    pub(crate) fn to_rewrite_a_snapshot(&self) -> String {
        match self {
            Invocation::Mdbook => {
                "delete it and run `mdbook build`, which writes it again".to_string()
            }
            cli => format!("`{}` rewrites it from a fresh run", cli.ours("bless")),
        }
    }

    /// What refreshes a snapshot's key.
    pub(crate) fn to_refresh_keys(&self) -> String {
        match self {
            Invocation::Mdbook => "`mdbook build` without CI=true refreshes them".to_string(),
            cli => format!("`{}` refreshes them", cli.ours("bless")),
        }
    }
}

/// What the tool is doing: `transcript: serving the book on ...`.
pub(crate) fn status(message: impl fmt::Display) {
    eprintln!("transcript: {message}");
}

/// `check --changes`: how many of the `compared` transcripts changed, where the report
/// is, and the command that takes them.
pub(crate) fn changes_written(
    (changed, compared): (usize, usize),
    under: &str,
    path: &Path,
    bless: &str,
) {
    status(format_args!(
        "{changed} of {compared} transcripts change {under}: see {}; take them with {bless}",
        path.display()
    ));
}

/// Worth knowing, nothing wrong: `transcript: note: ...`.
pub(crate) fn note(message: impl fmt::Display) {
    NOTED_OR_WARNED.store(true, std::sync::atomic::Ordering::Relaxed);
    eprintln!("transcript: note: {message}");
}

/// Something went wrong that the run survives: `transcript: warning: ...`.
pub(crate) fn warning(message: impl fmt::Display) {
    NOTED_OR_WARNED.store(true, std::sync::atomic::Ordering::Relaxed);
    eprintln!("transcript: warning: {message}");
}

/// Whether this process printed a note or a warning: a build that did is not one to
/// replay silently (see `pipeline::unchanged`).
static NOTED_OR_WARNED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub(crate) fn has_noted_or_warned() -> bool {
    NOTED_OR_WARNED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The error a command ends with, with its causes: `error: ...: ...`.
pub(crate) fn error(error: &anyhow::Error) {
    eprintln!("error: {error:#}");
}

/// A line of another program's progress (cargo's `Compiling ...`), passed on as it is.
pub(crate) fn passed_on(line: &str) {
    eprintln!("{line}");
}

/// A line of a table the user asked for (`list`): standard output.
/// The `shown` slowest of `times` (listing, seconds), slowest first, and their total;
/// ties by name.
pub(crate) fn slowest(times: &[(String, f64)], shown: usize) {
    let mut sorted: Vec<&(String, f64)> = times.iter().collect();
    sorted.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: f64 = times.iter().map(|(_, seconds)| seconds).sum();
    status(format_args!(
        "slowest listings (of {}, {total:.1} s in all):",
        times.len()
    ));
    for (name, seconds) in sorted.into_iter().take(shown) {
        eprintln!("  {seconds:>8.2} s  {name}");
    }
}

pub(crate) fn table_row(line: &str) {
    println!("{line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_as_an_annotation_escapes_as_github_reads_it() {
        let problem = Problem::new("listing `a:b, c` failed 100%")
            .at(&Location {
                file: "src/ch,1.md".into(),
                line: 41,
                column: 3,
            })
            .detail("line one\r\nline two");
        assert_eq!(
            problem.annotation(),
            "::error file=src/ch%2C1.md,line=41,col=3,title=listing `a%3Ab%2C c` failed 100%25::listing `a:b, c` failed 100%25%0Aline one%0D%0Aline two"
        );
    }

    #[test]
    fn a_problem_reads_like_a_compiler_error() {
        let problem = Problem::new("listing `demo` should have panicked")
            .at(&Location {
                file: "src/ch1.md".into(),
                line: 41,
                column: 1,
            })
            .detail("expected: a panic\nactual:   it exited with status 0");
        assert_eq!(
            problem.to_string(),
            "error: listing `demo` should have panicked\n  --> src/ch1.md:41:1\n   | expected: a panic\n   | actual:   it exited with status 0\n"
        );
    }

    #[test]
    fn hints_name_the_command_that_was_run_with_the_book_path() {
        let docs = Invocation::Cli {
            book: "docs".into(),
        };
        let here = Invocation::Cli { book: ".".into() };
        assert_eq!(
            docs.to_accept_new_output(),
            "If the new output is right, accept it with `mdbook-transcript bless docs`."
        );
        assert_eq!(
            here.to_write_a_snapshot(),
            "run `mdbook-transcript build` without CI=true and commit the snapshot it writes"
        );
        assert_eq!(
            Invocation::Mdbook.to_accept_new_output(),
            "If the new output is right, accept it by running `mdbook build` without CI=true, which writes it."
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "# Été\n\nCafé {{#output x}}\n";
        let at = text.find("{{").unwrap();
        assert_eq!(line_and_column(text, at), (3, 6));
    }

    #[test]
    fn a_failed_run_says_how_many_problems_and_the_hint() {
        let mut problems = Problems::default();
        problems.push(Problem::new("one"));
        problems.push(Problem::new("two"));
        let failed = problems.fail_if_any(5, Some("do this")).unwrap_err();
        assert_eq!(
            failed.to_string(),
            "mdbook-transcript: 2 problem(s) in 5 listing(s) used by the book\ndo this"
        );
        assert!(Problems::default().fail_if_any(5, None).is_ok());
    }
}
