//! `check --toolchain NAME`: the rustup toolchain every cargo and rustc call of the run
//! uses (as `RUSTUP_TOOLCHAIN`), verified before anything runs. The request carries it
//! to each stage that starts cargo or rustc.

use std::process::Command;

/// A rustup toolchain that is installed: what `--toolchain NAME` names, once verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Toolchain {
    name: String,
}

/// The toolchain cannot be used.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ToolchainError {
    #[error("`--toolchain {0}` needs rustup, which could not be started ({1})")]
    NoRustup(String, std::io::Error),
    #[error(
        "toolchain `{name}` is not installed (rustup toolchain list shows: {installed}); install it with `rustup toolchain install {name}`"
    )]
    NotInstalled { name: String, installed: String },
}

impl Toolchain {
    /// The toolchain `name`, once rustup has shown it can run its `rustc`.
    pub(crate) fn verify(name: &str) -> Result<Toolchain, ToolchainError> {
        let probe = Command::new("rustup")
            .args(["run", name, "rustc", "--version"])
            .output()
            .map_err(|error| ToolchainError::NoRustup(name.to_string(), error))?;
        if !probe.status.success() {
            return Err(ToolchainError::NotInstalled {
                name: name.to_string(),
                installed: installed(),
            });
        }
        Ok(Toolchain {
            name: name.to_string(),
        })
    }

    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The variable that makes a cargo or rustc started by rustup's proxies use it:
    /// `command.envs(toolchain.map(Toolchain::variable))` sets it only when one is given.
    pub(crate) fn variable(&self) -> (&'static str, &str) {
        ("RUSTUP_TOOLCHAIN", &self.name)
    }
}

/// What `rustup toolchain list` names, comma-separated, without its `(default)` notes.
fn installed() -> String {
    let Ok(output) = Command::new("rustup").args(["toolchain", "list"]).output() else {
        return "nothing".into();
    };
    let names: Vec<&str> = std::str::from_utf8(&output.stdout)
        .unwrap_or("")
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    if names.is_empty() {
        "nothing".into()
    } else {
        names.join(", ")
    }
}
