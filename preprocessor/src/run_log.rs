//! When each listing last ran, how long it took and how it ended, for `list`.
//!
//! Kept out of the snapshots on purpose (a duration differs on every run, and snapshots
//! are committed): `mdbook-transcript-runs.json` in cargo's target directory, updated
//! under the workspace lock after every run, written atomically. Losing it loses only
//! this history.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};

use serde::{Deserialize, Serialize};

use crate::run::RunResult;
use crate::snapshot::write_atomically;

/// One listing's last run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastRun {
    /// Seconds since the Unix epoch when it finished.
    pub finished_at: u64,
    /// How long it ran, in seconds.
    pub seconds: f64,
    pub outcome: String,
}

impl LastRun {
    pub fn finished(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.finished_at)
    }
}

/// Every listing's last run, by name.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunLog {
    pub runs: BTreeMap<String, LastRun>,
}

fn log_path(target_dir: &Path) -> PathBuf {
    target_dir.join("mdbook-transcript-runs.json")
}

impl RunLog {
    /// The log, or an empty one when there is none or it cannot be read (it is only
    /// history; nothing depends on it).
    pub fn load(target_dir: &Path) -> RunLog {
        fs::read(log_path(target_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Notes the runs that just happened.
    pub fn record<'a>(&mut self, runs: impl IntoIterator<Item = (&'a String, &'a RunResult)>) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        for (name, result) in runs {
            self.runs.insert(
                name.clone(),
                LastRun {
                    finished_at: now,
                    seconds: result.elapsed.as_secs_f64(),
                    outcome: result.outcome.to_string(),
                },
            );
        }
    }

    /// Writes the log atomically.
    pub fn save(&self, target_dir: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).context("cannot serialise the run log")?;
        write_atomically(&log_path(target_dir), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::Outcome;

    #[test]
    fn a_recorded_run_reads_back_and_a_garbled_log_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(RunLog::load(dir.path()), RunLog::default());

        let result = RunResult {
            outcome: Outcome::Exited {
                code: 0,
                panicked: false,
            },
            stdout: String::new(),
            stderr: String::new(),
            elapsed: Duration::from_millis(1500),
        };
        let mut log = RunLog::default();
        log.record([(&"demo".to_string(), &result)]);
        log.save(dir.path()).unwrap();
        let loaded = RunLog::load(dir.path());
        assert_eq!(loaded.runs["demo"].seconds, 1.5);
        assert_eq!(loaded.runs["demo"].outcome, "exit 0");

        fs::write(log_path(dir.path()), "{ not json").unwrap();
        assert_eq!(RunLog::load(dir.path()), RunLog::default());
    }
}
