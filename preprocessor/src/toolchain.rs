//! `check --toolchain NAME`: the rustup toolchain every cargo and rustc call of this
//! run uses (as `RUSTUP_TOOLCHAIN`), verified before anything runs.

use std::process::Command;
use std::sync::OnceLock;

/// The toolchain this run asked for, once verified.
static SELECTED: OnceLock<String> = OnceLock::new();

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

/// Checks that rustup can run `rustc` of `name`, then makes every later cargo and rustc
/// call of this process use it.
pub(crate) fn select(name: &str) -> Result<(), ToolchainError> {
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
    SELECTED.get_or_init(|| name.to_string());
    Ok(())
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

/// The selected toolchain's name, when `--toolchain` gave one.
pub(crate) fn selected() -> Option<&'static str> {
    SELECTED.get().map(String::as_str)
}

/// Sets `RUSTUP_TOOLCHAIN` on `command` when a toolchain was selected.
pub(crate) fn apply(command: &mut Command) -> &mut Command {
    if let Some(name) = selected() {
        command.env("RUSTUP_TOOLCHAIN", name);
    }
    command
}
