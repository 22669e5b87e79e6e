//! One run at a time per listings workspace. Two runs at once (`mdbook serve` rebuilding
//! while `check` runs, two terminals) would build and run the same listings twice, skew
//! each other's timings and race to write the same snapshots. The second one waits.
//!
//! The lock is an OS file lock (`flock`) on `mdbook-transcript.lock` in cargo's target
//! directory: the OS releases it when the process ends, however it ends, so a killed
//! run never leaves a stale lock behind.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use crate::files::FileError;

/// Held for as long as the run may build, run or write; released on drop.
#[derive(Debug)]
pub(crate) struct WorkspaceLock {
    _file: File,
}

/// The lock file's path in a target directory.
fn lock_path(target_dir: &Path) -> PathBuf {
    target_dir.join("mdbook-transcript.lock")
}

impl WorkspaceLock {
    /// Takes the lock, waiting (and saying so) while another run holds it.
    pub(crate) fn acquire(target_dir: &Path) -> Result<WorkspaceLock, FileError> {
        fs::create_dir_all(target_dir)
            .map_err(|error| FileError::new("create", target_dir, error))?;
        let path = lock_path(target_dir);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|error| FileError::new("open the lock file", &path, error))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                crate::report::status(format_args!(
                    "waiting for another mdbook-transcript run to finish (lock: {})",
                    path.display()
                ));
                file.lock()
                    .map_err(|error| FileError::new("lock", &path, error))?;
            }
            Err(TryLockError::Error(error)) => {
                return Err(FileError::new("lock", &path, error));
            }
        }
        Ok(WorkspaceLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_cannot_take_the_lock_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = WorkspaceLock::acquire(dir.path()).unwrap();
        let other = File::options()
            .write(true)
            .open(lock_path(dir.path()))
            .unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(first);
        assert!(other.try_lock().is_ok());
    }
}
