//! Stage 3, key: a content hash over everything that can change a listing's output.
//!
//! The key covers the listing's files, its path dependencies' files, the workspace's
//! `Cargo.lock` and `Cargo.toml` (shared dependency versions and features), the capture
//! format, the exact compiler (`rustc -vV`), its run settings and this tool's
//! version. Chapter prose is not part of it: editing a page never reruns a listing.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::capture::CAPTURE_FORMAT;
use crate::config::Config;
use crate::resolve::Listing;
use crate::snapshot::SNAPSHOT_FILE;

/// What every key in one workspace shares.
pub struct KeyInputs {
    pub rustc_version: String,
    pub cargo_lock: Vec<u8>,
    pub workspace_manifest: Vec<u8>,
}

impl KeyInputs {
    pub fn read(workspace: &Path, rustc_version: String) -> Result<KeyInputs> {
        Ok(KeyInputs {
            rustc_version,
            cargo_lock: read_if_there(&workspace.join("Cargo.lock"))?,
            workspace_manifest: read_if_there(&workspace.join("Cargo.toml"))?,
        })
    }
}

/// A file's bytes, or nothing when there is no such file.
fn read_if_there(path: &Path) -> Result<Vec<u8>> {
    match fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(err).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// The content key of one listing, as `blake3:HEX`. Of the book's settings, only those
/// that can change what a run shows count: its timeout and the output cap.
pub fn listing_key(listing: &Listing, config: &Config, inputs: &KeyInputs) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    let mut field = |name: &str, bytes: &[u8]| {
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field("tool", env!("CARGO_PKG_VERSION").as_bytes());
    field("capture format", &CAPTURE_FORMAT.to_le_bytes());
    field("rustc", inputs.rustc_version.as_bytes());
    field("Cargo.lock", &inputs.cargo_lock);
    field("Cargo.toml", &inputs.workspace_manifest);
    field("metadata", listing.meta.raw.as_bytes());
    field(
        "timeout",
        &config.timeout_of(listing).as_millis().to_le_bytes(),
    );
    field("max-output", &(config.max_output as u64).to_le_bytes());
    let mut dirs = vec![listing.dir.clone()];
    dirs.extend(listing.path_dependencies.iter().cloned());
    for dir in dirs {
        for file in files_under(&dir)? {
            let bytes =
                fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let relative = file.strip_prefix(&dir).unwrap_or(&file);
            field("path", relative.to_string_lossy().as_bytes());
            field("file", &bytes);
        }
    }
    Ok(format!("blake3:{}", hasher.finalize().to_hex()))
}

/// Every file under `dir`, sorted, skipping build output, hidden files and the snapshot.
fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            fs::read_dir(&current).with_context(|| format!("cannot list {}", current.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", current.display()))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "target" || name == SNAPSHOT_FILE {
                continue;
            }
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_of(dir: &Path) -> String {
        let inputs = KeyInputs {
            rustc_version: "rustc 1.95.0".into(),
            cargo_lock: vec![],
            workspace_manifest: vec![],
        };
        listing_key(&Listing::fixture(dir), &Config::default(), &inputs).unwrap()
    }

    #[test]
    fn the_key_changes_with_the_source_but_not_with_the_snapshot_or_target() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("src")).unwrap();
        fs::write(dir.path().join("src/main.rs"), "fn main() {}").unwrap();
        let before = key_of(dir.path());

        fs::write(dir.path().join(SNAPSHOT_FILE), "anything").unwrap();
        fs::create_dir_all(dir.path().join("target")).unwrap();
        fs::write(dir.path().join("target/junk"), "junk").unwrap();
        assert_eq!(key_of(dir.path()), before);

        fs::write(dir.path().join("src/main.rs"), "fn main() { println!(); }").unwrap();
        assert_ne!(key_of(dir.path()), before);
    }

    #[test]
    fn the_key_changes_with_the_compiler() {
        let dir = tempfile::tempdir().unwrap();
        let listing = Listing::fixture(dir.path());
        let key = |rustc: &str| {
            let inputs = KeyInputs {
                rustc_version: rustc.into(),
                cargo_lock: vec![],
                workspace_manifest: vec![],
            };
            listing_key(&listing, &Config::default(), &inputs).unwrap()
        };
        assert_ne!(key("rustc 1.95.0"), key("rustc 1.96.0"));
    }
}
