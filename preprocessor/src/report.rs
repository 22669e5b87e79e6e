//! Problems found along the pipeline, reported all together and then failed once:
//! each points at the chapter line that uses the listing, rustc style.

use std::fmt;
use std::path::PathBuf;

/// A place in a chapter: `src/page.md:41:1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// One thing that makes the run fail.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The headline, such as "listing `x` should have panicked".
    pub message: String,
    /// Where in the book it shows.
    pub locations: Vec<Location>,
    /// Further lines: expected/actual, a stderr tail, a diff.
    pub details: Vec<String>,
}

impl Problem {
    pub fn at(location: Location, message: impl Into<String>) -> Problem {
        Problem {
            message: message.into(),
            locations: vec![location],
            details: vec![],
        }
    }
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

/// A run's problems: printed to stderr, then turned into the one error the run fails with.
pub fn fail_with(
    problems: &[Problem],
    listings_checked: usize,
    hint: Option<&str>,
) -> anyhow::Error {
    for problem in problems {
        eprintln!("{problem}");
    }
    let mut summary = format!(
        "mdbook-transcript: {} problem(s) in {} listing(s) used by the book",
        problems.len(),
        listings_checked
    );
    if let Some(hint) = hint {
        summary.push_str(&format!("\n{hint}"));
    }
    anyhow::anyhow!(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_like_a_compiler_error() {
        let mut problem = Problem::at(
            Location {
                file: "src/ch1.md".into(),
                line: 41,
                column: 1,
            },
            "listing `demo` should have panicked",
        );
        problem
            .details
            .push("expected: a panic\nactual:   it exited with status 0".into());
        assert_eq!(
            problem.to_string(),
            "error: listing `demo` should have panicked\n  --> src/ch1.md:41:1\n   | expected: a panic\n   | actual:   it exited with status 0\n"
        );
    }
}
