//! The `[preprocessor.transcript]` table of `book.toml`, read strictly: an unknown key
//! is an error that names it, so a typo never silently turns a feature off.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Deserialize;

use crate::duration::parse_duration;

/// The tool's settings for one book, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The listings' Cargo workspace, relative to the book root.
    pub workspace: PathBuf,
    /// How long a listing may run before it is killed, unless it says otherwise.
    pub timeout: Duration,
    /// Added to a top-level chapter's position in `SUMMARY.md` to give the number used
    /// in listing labels ("Listing 12-3"), for a book that is one chapter of a larger one.
    pub chapter_offset: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            workspace: PathBuf::from("code"),
            timeout: Duration::from_secs(30),
            chapter_offset: 0,
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

impl Config {
    /// Reads `[preprocessor.transcript]` from mdBook's configuration.
    pub fn from_book(config: &mdbook_preprocessor::config::Config) -> Result<Config> {
        let raw: RawConfig = config
            .get("preprocessor.transcript")
            .map_err(|err| anyhow::anyhow!("{err:#}"))
            .context("book.toml: invalid [preprocessor.transcript] table")?
            .unwrap_or_default();
        raw.into_config()
            .context("book.toml: invalid [preprocessor.transcript] table")
    }

    /// Parses the table from TOML text (what `book.toml` holds under the table).
    pub fn from_toml(text: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text)?;
        raw.into_config()
    }
}

impl Config {
    /// A listing's timeout: its own, or the book's default.
    pub fn timeout_of(&self, listing: &crate::resolve::Listing) -> Duration {
        listing.meta.timeout.unwrap_or(self.timeout)
    }
}

impl RawConfig {
    fn into_config(self) -> Result<Config> {
        let defaults = Config::default();
        let timeout = match self.timeout {
            Some(text) => parse_duration(&text).context("key `timeout`")?,
            None => defaults.timeout,
        };
        Ok(Config {
            workspace: self.workspace.unwrap_or(defaults.workspace),
            timeout,
            chapter_offset: self.chapter_offset.unwrap_or(defaults.chapter_offset),
        })
    }
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
        let message = format!("{err:#}");
        assert!(
            message.contains("timeout") && message.contains("soon"),
            "{message}"
        );
    }
}
