//! File helpers every stage shares: reads and writes that name the file when they fail
//! (so no caller adds the path again), a read that may find nothing, writes that are
//! atomic, and the one rule for which files are sources (a listing's content key and
//! `serve`'s watcher both use it, so they agree on what a change is).

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

/// A listing's snapshot, beside its `Cargo.toml`.
pub(crate) const SNAPSHOT_FILE: &str = "transcript.toml";

/// An I/O error with what was being done and to which file: `cannot read code/x/Cargo.toml`.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}", path.display())]
pub(crate) struct FileError {
    action: &'static str,
    path: PathBuf,
    #[source]
    source: io::Error,
}

impl FileError {
    pub(crate) fn new(action: &'static str, path: &Path, source: io::Error) -> FileError {
        FileError {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A file's bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    fs::read(path).map_err(|error| FileError::new("read", path, error))
}

/// A file's text.
pub(crate) fn read_to_string(path: &Path) -> Result<String, FileError> {
    fs::read_to_string(path).map_err(|error| FileError::new("read", path, error))
}

/// A file's bytes, or `None` when there is no such file.
pub(crate) fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, FileError> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(FileError::new("read", path, error)),
    }
}

/// A file's text, or `None` when there is no such file.
pub(crate) fn read_to_string_optional(path: &Path) -> Result<Option<String>, FileError> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(FileError::new("read", path, error)),
    }
}

/// How the temporary file of an atomic write is named: `.transcript-XXXXXX.tmp`, with six
/// random letters and digits. Hidden, so it is never a source; recognisable, so what a
/// killed run left behind can be told from anything else and removed.
const TEMPORARY_PREFIX: &str = ".transcript-";
const TEMPORARY_SUFFIX: &str = ".tmp";
const TEMPORARY_RANDOM: usize = 6;

fn temporary_in(dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .suffix(TEMPORARY_SUFFIX)
        .rand_bytes(TEMPORARY_RANDOM)
        .tempfile_in(dir)
}

/// Whether `name` is exactly what [`temporary_in`] names a file.
fn is_temporary_name(name: &str) -> bool {
    name.strip_prefix(TEMPORARY_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMPORARY_SUFFIX))
        .is_some_and(|random| {
            random.len() == TEMPORARY_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes the temporary files of atomic writes that never finished (a run killed
/// between creating one and renaming it) from `dir`, and says how many there were. Only
/// while holding the workspace lock: then no other run is halfway through a write there.
pub(crate) fn remove_leftover_temporaries(dir: &Path) -> Result<usize, FileError> {
    let cannot_list = |error| FileError::new("list", dir, error);
    let mut removed = 0;
    for entry in fs::read_dir(dir).map_err(cannot_list)? {
        let path = entry.map_err(cannot_list)?.path();
        if !path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(is_temporary_name)
        {
            continue;
        }
        match fs::remove_file(&path) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(FileError::new("remove", &path, error)),
        }
    }
    Ok(removed)
}

/// Replaces `path` with `bytes` all at once: a temporary file in the same directory,
/// synced, then renamed over it. A reader (or a crash) sees the old file or the new one,
/// never half of either. The file keeps the permissions of the one it replaces (new
/// files get 0644, not the temporary file's private 0600).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    let permissions = fs::metadata(path)
        .map(|old| old.permissions())
        .unwrap_or_else(|_| fs::Permissions::from_mode(0o644));
    let mut file = temporary_in(dir)
        .map_err(|error| FileError::new("create a temporary file in", dir, error))?;
    file.write_all(bytes)
        .and_then(|()| file.as_file().set_permissions(permissions))
        .and_then(|()| file.as_file().sync_all())
        .map_err(|error| FileError::new("write", path, error))?;
    file.persist(path)
        .map_err(|error| FileError::new("replace", path, error.error))?;
    Ok(())
}

/// Whether `relative` (a path below a listing, or below the book's root) is a source:
/// not build output (`target/`), nothing hidden (`.git/`, an editor's `.x.swp`), not a
/// snapshot (the tool writes those itself), not an editor's backup (`main.rs~`,
/// `#main.rs#`).
pub(crate) fn is_source(relative: &Path) -> bool {
    let ignored_name = relative.file_name().is_some_and(|name| {
        let name = name.to_string_lossy();
        name == SNAPSHOT_FILE || name.ends_with('~') || name.starts_with('#')
    });
    is_walked(relative) && !ignored_name
}

/// Whether `relative` is outside build output (`target/`) and hidden places (`.git/`).
fn is_walked(relative: &Path) -> bool {
    !relative.components().any(|part| match part {
        Component::Normal(name) => {
            let name = name.to_string_lossy();
            name == "target" || name.starts_with('.')
        }
        _ => false,
    })
}

/// `path` made absolute from the current directory, with `.` and `..` resolved by name,
/// as cargo spells the paths it reports (`./code` is `/book/code`, `a/../b` is `/b`).
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let whole = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut normal = PathBuf::new();
    for part in whole.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

/// Every source file under `dir` (see [`is_source`]), sorted; subdirectories are
/// listed on every core.
pub(crate) fn sources_under(dir: &Path) -> Result<Vec<PathBuf>, FileError> {
    let mut files = files_below(dir, dir, is_source)?;
    files.sort();
    Ok(files)
}

/// Of `files`, every file under `dir` (see [`files_under`]), those [`sources_under`]
/// finds: sources in directories that are sources too, sorted.
pub(crate) fn sources_among(dir: &Path, files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut sources: Vec<PathBuf> = files
        .into_iter()
        .filter(|file| is_found_by_a_walk(file.strip_prefix(dir).unwrap_or(file)))
        .collect();
    sources.sort();
    sources
}

/// Whether a walk for sources ([`sources_under`]) reaches `relative`: it is a source,
/// and so is every directory it is in.
pub(crate) fn is_found_by_a_walk(relative: &Path) -> bool {
    relative
        .ancestors()
        .filter(|part| !part.as_os_str().is_empty())
        .all(is_source)
}

/// Every file under `dir` outside build output and hidden places, snapshots and
/// editors' backups too, in no particular order.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<PathBuf>, FileError> {
    files_below(dir, dir, is_walked)
}

/// The files under `current`, a directory in or under `top`, whose path from `top`
/// `keep` keeps (a directory it does not keep is not entered).
fn files_below(
    top: &Path,
    current: &Path,
    keep: fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, FileError> {
    let cannot_list = |error| FileError::new("list", current, error);
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    for entry in fs::read_dir(current).map_err(cannot_list)? {
        let entry = entry.map_err(cannot_list)?;
        let path = entry.path();
        if !keep(path.strip_prefix(top).unwrap_or(&path)) {
            continue;
        }
        if entry.file_type().map_err(cannot_list)?.is_dir() {
            dirs.push(path);
        } else {
            files.push(path);
        }
    }
    let nested: Vec<Vec<PathBuf>> = dirs
        .par_iter()
        .map(|dir| files_below(top, dir, keep))
        .collect::<Result<_, _>>()?;
    files.extend(nested.into_iter().flatten());
    Ok(files)
}

/// The target directory of the cargo workspace at `root` as far as it is known without
/// asking cargo: `CARGO_TARGET_DIR`, `CARGO_BUILD_TARGET_DIR`, or `root/target`, absolute
/// (a cargo config file may put it elsewhere, which only cargo knows).
pub(crate) fn target_dir_without_cargo(root: &Path) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .or_else(|| std::env::var_os("CARGO_BUILD_TARGET_DIR"))
        .map_or_else(|| root.join("target"), PathBuf::from);
    absolute(&target)
}

/// Every cargo configuration file cargo could read for a workspace at `root` when
/// started in `here`, whether it exists or not: `.cargo/config.toml` and
/// `.cargo/config` in each directory above both, and in cargo's home.
pub(crate) fn cargo_config_files(root: &Path, here: &Path) -> Vec<PathBuf> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let mut dirs: Vec<PathBuf> = root
        .ancestors()
        .chain(here.ancestors())
        .map(|dir| dir.join(".cargo"))
        .chain(home)
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs.iter()
        .flat_map(|dir| [dir.join("config.toml"), dir.join("config")])
        .collect()
}

#[cfg(test)]
mod tests;
