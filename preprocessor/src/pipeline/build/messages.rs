//! Cargo's JSON messages, read into what each listing's build made: its programs (the
//! binary, or the test executables), its rendered diagnostics, their codes and where
//! each points.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;

use cargo_metadata::diagnostic::{Diagnostic, DiagnosticLevel};
use cargo_metadata::{Artifact, Message, PackageId};

use crate::listing::Listing;

/// The build could not be run to its end.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BuildError {
    #[error("cannot start `cargo {0}`")]
    Start(&'static str, #[source] std::io::Error),
    #[error("cannot read cargo's JSON messages")]
    Messages(#[source] std::io::Error),
    #[error("cannot wait for `cargo {0}`")]
    Wait(&'static str, #[source] std::io::Error),
    #[error("the build was stopped because the runs were")]
    Stopped,
}

/// What the compiler made of one listing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    /// The programs it built, in the order they run: the binary, or the test
    /// executables (the library's unit tests, the binaries', then each integration test).
    pub(crate) executables: Vec<Executable>,
    /// Rendered diagnostics, in the order rustc gave them.
    pub(crate) diagnostics: String,
    /// Error codes and lint names of those diagnostics.
    pub(crate) codes: Vec<String>,
    /// Where each error and warning points, for expectations pinned to a line.
    pub(crate) located: Vec<Located>,
    /// Whether any diagnostic was an error.
    pub(crate) had_errors: bool,
    /// Whether cargo reported anything it built of the listing (a library, a binary, a
    /// checked crate): with no error, the build of it went through.
    pub(crate) artifacts: bool,
}

/// One program a listing's build made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Executable {
    pub(crate) path: PathBuf,
    /// Its order among the listing's programs: 0 for a binary or unit tests of the
    /// library, 1 for the binaries' unit tests, 2 for integration tests.
    pub(crate) rank: u8,
    pub(crate) target: String,
}

/// A diagnostic's code (or lint, or for errors without one, `error`), and its primary
/// place: the file as rustc names it (relative to the workspace) and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) code: String,
    pub(crate) is_error: bool,
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
}

/// Reads the messages to their end, telling `linked` of each program as it appears.
pub(super) fn read(
    stdout: impl BufRead,
    by_id: &HashMap<PackageId, &Listing>,
    linked: &mut dyn FnMut(&str, &PathBuf) -> bool,
) -> Result<HashMap<String, Compiled>, BuildError> {
    let mut listings: HashMap<String, Compiled> = HashMap::new();
    for message in Message::parse_stream(stdout) {
        match message.map_err(BuildError::Messages)? {
            Message::CompilerArtifact(artifact) => {
                let Some(listing) = by_id.get(&artifact.package_id) else {
                    continue;
                };
                listings.entry(listing.name.clone()).or_default().artifacts = true;
                let Some(executable) = executable_of(&artifact) else {
                    continue;
                };
                if !linked(&listing.name, &executable.path) {
                    return Err(BuildError::Stopped);
                }
                let compiled = listings.entry(listing.name.clone()).or_default();
                compiled.executables.push(executable);
                compiled
                    .executables
                    .sort_by(|a, b| (a.rank, &a.target).cmp(&(b.rank, &b.target)));
            }
            Message::CompilerMessage(message) => {
                if let Some(listing) = by_id.get(&message.package_id) {
                    listings
                        .entry(listing.name.clone())
                        .or_default()
                        .add(message.message);
                }
            }
            _ => {}
        }
    }
    Ok(listings)
}

/// The program an artifact is, if it is one: a binary, or a test executable.
fn executable_of(artifact: &Artifact) -> Option<Executable> {
    let path = artifact.executable.clone()?.into_std_path_buf();
    let kinds: Vec<String> = artifact
        .target
        .kind
        .iter()
        .map(ToString::to_string)
        .collect();
    let rank = if !artifact.profile.test || kinds.iter().any(|kind| kind == "lib") {
        0
    } else if kinds.iter().any(|kind| kind == "bin") {
        1
    } else {
        2
    };
    Some(Executable {
        path,
        rank,
        target: artifact.target.name.clone(),
    })
}

impl Compiled {
    /// Takes in one diagnostic rustc reported for the listing.
    fn add(&mut self, diagnostic: Diagnostic) {
        if let Some(rendered) = &diagnostic.rendered {
            self.diagnostics.push_str(rendered);
        }
        let is_error = matches!(
            diagnostic.level,
            DiagnosticLevel::Error | DiagnosticLevel::Ice
        );
        let code = diagnostic.code.as_ref().map(|code| code.code.clone());
        if let Some(code) = &code
            && !self.codes.contains(code)
        {
            self.codes.push(code.clone());
        }
        if let Some(span) = diagnostic.spans.iter().find(|span| span.is_primary) {
            self.located.push(Located {
                code: code.unwrap_or_else(|| diagnostic.level_name()),
                is_error,
                file: PathBuf::from(&span.file_name),
                line: span.line_start,
            });
        }
        if is_error {
            self.had_errors = true;
        }
    }
}

trait LevelName {
    fn level_name(&self) -> String;
}

impl LevelName for Diagnostic {
    fn level_name(&self) -> String {
        match self.level {
            DiagnosticLevel::Error | DiagnosticLevel::Ice => "error".into(),
            _ => "warning".into(),
        }
    }
}
