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

use serde::{Deserialize, Serialize};

use crate::capture::Outcome;
use crate::files::{FileError, write_atomically};

/// One listing's last run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct LastRun {
    /// Seconds since the Unix epoch when it finished.
    pub(crate) finished_at: u64,
    /// How long it ran, in seconds.
    pub(crate) seconds: f64,
    pub(crate) outcome: String,
}

impl LastRun {
    pub(crate) fn finished(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.finished_at)
    }
}

/// Every listing's last run, by name.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RunLog {
    pub(crate) runs: BTreeMap<String, LastRun>,
}

fn log_path(target_dir: &Path) -> PathBuf {
    target_dir.join("mdbook-transcript-runs.json")
}

impl RunLog {
    /// The log, or an empty one when there is none or it cannot be read (it is only
    /// history; nothing depends on it).
    pub(crate) fn load(target_dir: &Path) -> RunLog {
        fs::read(log_path(target_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Notes a run that just ended.
    pub(crate) fn record(&mut self, name: &str, outcome: &Outcome, elapsed: Duration) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs());
        self.runs.insert(
            name.to_string(),
            LastRun {
                finished_at: now,
                seconds: elapsed.as_secs_f64(),
                outcome: outcome.to_string(),
            },
        );
    }

    /// Writes the log atomically.
    pub(crate) fn save(&self, target_dir: &Path) -> Result<(), FileError> {
        let json = serde_json::to_vec_pretty(self).expect("the run log serialises");
        write_atomically(&log_path(target_dir), &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorded_run_reads_back_and_a_garbled_log_is_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(RunLog::load(dir.path()), RunLog::default());

        let mut log = RunLog::default();
        log.record("demo", &Outcome::SUCCESS, Duration::from_millis(1500));
        log.save(dir.path()).unwrap();
        let loaded = RunLog::load(dir.path());
        assert_eq!(loaded.runs["demo"].seconds, 1.5);
        assert_eq!(loaded.runs["demo"].outcome, "exit 0");

        fs::write(log_path(dir.path()), "{ not json").unwrap();
        assert_eq!(RunLog::load(dir.path()), RunLog::default());
    }
}
