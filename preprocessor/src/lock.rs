//! One run at a time per listings workspace. Two runs at once (`mdbook serve` rebuilding
//! while `check` runs, two terminals) would build and run the same listings twice, skew
//! each other's timings and race to write the same snapshots. The second one waits.
//!
//! The lock is an OS file lock (`flock`) on `mdbook-transcript.lock` in cargo's target
//! directory: the OS releases it when the process ends, however it ends, so a killed
//! run never leaves a stale lock behind.
//!
//! Rendering a book has a lock of its own ([`RenderLock`]): mdBook clears and rewrites
//! the output directory after the preprocessor is done, so two `build`s of one book at
//! once would race there even though their listings took turns.

use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};

use crate::files::FileError;

/// Held for as long as the run may build, run or write; released on drop.
///
/// The lock file also names the listings workspace that last held it: cargo keeps one
/// build of each package name in a target directory, so two checkouts of one book that
/// share it (a global `CARGO_TARGET_DIR`, worktrees) overwrite each other's binaries and
/// can make cargo take one checkout's build as fresh for the other's sources.
#[derive(Debug)]
pub(crate) struct WorkspaceLock {
    _file: File,
}

/// The lock file's path in a target directory.
fn lock_path(target_dir: &Path) -> PathBuf {
    target_dir.join("mdbook-transcript.lock")
}

impl WorkspaceLock {
    /// Takes the lock for the workspace at `root`, waiting (and saying so) while another
    /// run holds it, and warns when another workspace used the target directory last.
    pub(crate) fn acquire(target_dir: &Path, root: &Path) -> Result<WorkspaceLock, FileError> {
        fs::create_dir_all(target_dir)
            .map_err(|error| FileError::new("create", target_dir, error))?;
        let path = lock_path(target_dir);
        let mut file = take(&path, "another mdbook-transcript run to finish")?;
        let shared_with = last_user(&mut file, root)
            .map_err(|error| FileError::new("read and write", &path, error))?;
        if let Some(other) = &shared_with {
            crate::report::warning(format_args!(
                "the target directory {} was last used by the listings in {}: runs of two \
                 workspaces with the same listing names can see each other's binaries \
                 there; give each its own CARGO_TARGET_DIR",
                target_dir.display(),
                other.display()
            ));
        }
        Ok(WorkspaceLock { _file: file })
    }
}

/// Swaps the workspace named in the (locked) file for `root`; returns the one it named
/// when that is another workspace that still exists.
fn last_user(file: &mut File, root: &Path) -> std::io::Result<Option<PathBuf>> {
    use std::io::{Read, Seek, Write};
    let mut named = String::new();
    file.seek(std::io::SeekFrom::Start(0))?;
    file.read_to_string(&mut named)?;
    let previous = PathBuf::from(named.trim_end());
    if previous == root {
        return Ok(None);
    }
    file.set_len(0)?;
    file.seek(std::io::SeekFrom::Start(0))?;
    file.write_all(format!("{}\n", root.display()).as_bytes())?;
    let other = previous.join("Cargo.toml").is_file() && !named.is_empty();
    Ok(other.then_some(previous))
}

/// Held while a book is rendered into its output directory; released on drop.
#[derive(Debug)]
pub(crate) struct RenderLock {
    _file: File,
}

impl RenderLock {
    /// Takes the lock of the book that renders into `output`, waiting (and saying so)
    /// while another build of it renders. The lock file is in the temp directory, named
    /// after the output directory, so the book's own tree gets no file of ours.
    pub(crate) fn acquire(output: &Path) -> Result<RenderLock, FileError> {
        let output = output
            .canonicalize()
            .unwrap_or_else(|_| output.to_path_buf());
        let hash = blake3::hash(output.to_string_lossy().as_bytes()).to_hex();
        let path =
            std::env::temp_dir().join(format!("mdbook-transcript-render-{}.lock", &hash[..16]));
        Ok(RenderLock {
            _file: take(&path, "another build of this book to finish rendering")?,
        })
    }
}

/// Opens the lock file at `path` and locks it, waiting for `what` when it is taken.
fn take(path: &Path, what: &str) -> Result<File, FileError> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|error| FileError::new("open the lock file", path, error))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            crate::report::status(format_args!(
                "waiting for {what} (lock: {})",
                path.display()
            ));
            file.lock()
                .map_err(|error| FileError::new("lock", path, error))?;
        }
        Err(TryLockError::Error(error)) => {
            return Err(FileError::new("lock", path, error));
        }
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_cannot_take_the_lock_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let first = WorkspaceLock::acquire(dir.path(), dir.path()).unwrap();
        let other = File::options()
            .write(true)
            .open(lock_path(dir.path()))
            .unwrap();
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        drop(first);
        assert!(other.try_lock().is_ok());
    }

    #[test]
    fn the_lock_names_the_workspace_that_used_the_target_directory_before_another() {
        let target = tempfile::tempdir().unwrap();
        let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for workspace in [&one, &two] {
            fs::write(workspace.path().join("Cargo.toml"), "[workspace]\n").unwrap();
        }
        let mut file = take(&lock_path(target.path()), "nothing").unwrap();
        let mut shared = |root: &Path| last_user(&mut file, root).unwrap();
        assert_eq!(shared(one.path()), None, "the first user");
        assert_eq!(shared(one.path()), None, "the same workspace again");
        assert_eq!(shared(two.path()), Some(one.path().to_path_buf()));
        assert_eq!(shared(two.path()), None);
        drop(two);
        assert_eq!(shared(one.path()), None, "a workspace that is gone");
    }
}
