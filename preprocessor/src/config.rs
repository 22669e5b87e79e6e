//! The `[preprocessor.transcript]` table of `book.toml`, read strictly: an unknown key
//! is an error that names it, so a typo never silently turns a feature off.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::duration::{DurationError, parse_duration};

/// The tool's settings for one book, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Config {
    /// The listings' Cargo workspace, relative to the book root.
    pub(crate) workspace: PathBuf,
    /// How long a listing may run before it is killed, unless it says otherwise.
    pub(crate) timeout: Duration,
    /// Added to a top-level chapter's position in `SUMMARY.md` to give the number used
    /// in listing labels ("Listing 12-3"), for a book that is one chapter of a larger one.
    pub(crate) chapter_offset: u32,
    /// Bytes kept of each output stream of a listing; the rest is cut with a note.
    pub(crate) max_output: usize,
    /// How many listings run at once (exclusive ones always run alone).
    pub(crate) jobs: usize,
    /// The branch, tag or commit that captions' source links point at, when the book
    /// names its repository (`output.html.git-repository-url`).
    pub(crate) source_ref: String,
    /// Whether the commands a transcript shows name the package (`cargo run -p NAME`):
    /// yes for listings in a workspace; a book whose readers work in each listing's own
    /// directory says no (`cargo run -- ARGS`).
    pub(crate) package_in_commands: bool,
}

/// One mebibyte, the default cap per output stream.
pub(crate) const DEFAULT_MAX_OUTPUT: usize = 1024 * 1024;

impl Default for Config {
    fn default() -> Self {
        Config {
            workspace: PathBuf::from("code"),
            timeout: Duration::from_secs(30),
            chapter_offset: 0,
            max_output: DEFAULT_MAX_OUTPUT,
            jobs: std::thread::available_parallelism().map_or(2, usize::from),
            source_ref: "main".to_string(),
            package_in_commands: true,
        }
    }
}

/// The table as written; mdBook's own keys are accepted and ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    workspace: Option<PathBuf>,
    timeout: Option<String>,
    chapter_offset: Option<u32>,
    max_output: Option<String>,
    jobs: Option<usize>,
    source_ref: Option<String>,
    package_in_commands: Option<bool>,
    // mdBook's own keys for every preprocessor table.
    #[serde(rename = "command")]
    _command: Option<toml::Value>,
    #[serde(rename = "before")]
    _before: Option<toml::Value>,
    #[serde(rename = "after")]
    _after: Option<toml::Value>,
    #[serde(rename = "renderers")]
    _renderers: Option<toml::Value>,
    #[serde(rename = "optional")]
    _optional: Option<toml::Value>,
}

/// An invalid `[preprocessor.transcript]` table.
#[derive(Debug, thiserror::Error)]
#[error("book.toml: invalid [preprocessor.transcript] table")]
pub(crate) struct ConfigError(#[source] Invalid);

/// What is wrong in the table.
#[derive(Debug, thiserror::Error)]
pub(crate) enum Invalid {
    #[error("{0}")]
    Table(String),
    #[error("key `timeout`")]
    Timeout(#[source] DurationError),
    #[error("key `max-output`: {0}")]
    MaxOutput(String),
    #[error("key `jobs`: must be at least 1")]
    NoJobs,
}

impl Config {
    /// Reads `[preprocessor.transcript]` from mdBook's configuration.
    pub(crate) fn from_book(
        config: &mdbook_preprocessor::config::Config,
    ) -> Result<Config, ConfigError> {
        let raw: RawConfig = config
            .get("preprocessor.transcript")
            .map_err(|err| ConfigError(Invalid::Table(format!("{err:#}"))))?
            .unwrap_or_default();
        raw.into_config().map_err(ConfigError)
    }

    /// Parses the table from TOML text (what `book.toml` holds under the table).
    #[cfg(test)]
    fn from_toml(text: &str) -> Result<Config, Invalid> {
        let raw: RawConfig = toml::from_str(text).map_err(|err| Invalid::Table(err.to_string()))?;
        raw.into_config()
    }
}

impl RawConfig {
    fn into_config(self) -> Result<Config, Invalid> {
        let defaults = Config::default();
        let timeout = match self.timeout {
            Some(text) => parse_duration(&text).map_err(Invalid::Timeout)?,
            None => defaults.timeout,
        };
        let max_output = match self.max_output {
            Some(text) => parse_size(&text).map_err(Invalid::MaxOutput)?,
            None => defaults.max_output,
        };
        if self.jobs == Some(0) {
            return Err(Invalid::NoJobs);
        }
        Ok(Config {
            workspace: self.workspace.unwrap_or(defaults.workspace),
            timeout,
            chapter_offset: self.chapter_offset.unwrap_or(defaults.chapter_offset),
            max_output,
            jobs: self.jobs.unwrap_or(defaults.jobs),
            source_ref: self.source_ref.unwrap_or(defaults.source_ref),
            package_in_commands: self
                .package_in_commands
                .unwrap_or(defaults.package_in_commands),
        })
    }
}

/// "1 MiB", "512 KiB", "4096" (bytes) -> bytes.
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map_or((text, ""), |at| text.split_at(at));
    let multiplier = match unit.trim() {
        "" | "B" => 1,
        "KiB" => 1024,
        "MiB" => 1024 * 1024,
        other => {
            return Err(format!(
                "expected a size such as \"1 MiB\", \"512 KiB\" or \"4096\", found unit `{other}` in `{text}`"
            ));
        }
    };
    let number: usize = number
        .parse()
        .map_err(|_| format!("expected a size such as \"1 MiB\", found `{text}`"))?;
    Ok(number * multiplier)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_table_gives_the_defaults() {
        assert_eq!(Config::from_toml("").unwrap(), Config::default());
    }

    #[test]
    fn mdbooks_own_keys_are_accepted() {
        let config = Config::from_toml(
            "command = \"x\"\nafter = [\"links\"]\nrenderers = [\"html\"]\noptional = true\ntimeout = \"5s\"",
        )
        .unwrap();
        assert_eq!(config.timeout, Duration::from_secs(5));
    }

    #[test]
    fn an_unknown_key_is_an_error_that_names_it() {
        let err = Config::from_toml("workspce = \"code\"").unwrap_err();
        assert!(
            format!("{err:#}").contains("unknown field `workspce`"),
            "{err:#}"
        );
    }

    #[test]
    fn a_bad_timeout_says_which_key() {
        let err = Config::from_toml("timeout = \"soon\"").unwrap_err();
        assert_eq!(
            format!("{:#}", anyhow::Error::from(err)),
            "key `timeout`: expected a duration such as \"30s\" or \"500ms\", found \"soon\""
        );
    }

    #[test]
    fn max_output_takes_bytes_kib_or_mib_and_rejects_other_units() {
        let cap = |text: &str| {
            Config::from_toml(&format!("max-output = \"{text}\"")).map(|c| c.max_output)
        };
        assert_eq!(cap("4096").unwrap(), 4096);
        assert_eq!(cap("512 KiB").unwrap(), 512 * 1024);
        assert_eq!(cap("2MiB").unwrap(), 2 * 1024 * 1024);
        assert_eq!(
            cap("1 GB").unwrap_err().to_string(),
            "key `max-output`: expected a size such as \"1 MiB\", \"512 KiB\" or \"4096\", found unit `GB` in `1 GB`"
        );
        assert_eq!(Config::default().max_output, 1024 * 1024);
    }

    #[test]
    fn zero_jobs_is_an_error() {
        assert_eq!(
            Config::from_toml("jobs = 0").unwrap_err().to_string(),
            "key `jobs`: must be at least 1"
        );
    }
}
