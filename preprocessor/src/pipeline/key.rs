//! Stage 3, key: a content hash over everything that can change a listing's output,
//! and nothing else.
//!
//! The key covers the listing's files and its path dependencies' files, the locked
//! versions of the packages it builds with ([`lock`]), what cargo reads besides
//! ([`settings`]: the workspace manifest's shared tables, cargo config files, the
//! `CARGO_*`/`RUSTC*`/`RUSTFLAGS` environment), the exact compiler (`rustc -vV`), its run
//! settings, the capture format and this tool's version. Chapter prose is not part of
//! it: editing a page never reruns a listing, and neither does another listing's change.

mod lock;
mod settings;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::capture::CAPTURE_FORMAT;
use crate::config::Config;
use crate::files::{self, FileError};
use crate::listing::Listing;
use crate::toolchain::Toolchain;

/// What every key in one workspace draws on, read once per run.
pub(crate) struct KeyInputs {
    rustc_version: String,
    /// `Cargo.lock` as it is, to tell whether a build changed it.
    cargo_lock: Vec<u8>,
    lockfile: lock::Lockfile,
    manifest: toml::Table,
    /// Cargo config files and environment, reduced to what can change a build.
    build_settings: String,
    /// The workspace's directory and its source files, sorted, as walked when it was
    /// loaded: a listing's files are taken from there rather than listed again.
    walked: Option<(PathBuf, Vec<PathBuf>)>,
}

/// The compiler could not say which it is.
#[derive(Debug, thiserror::Error)]
pub(crate) enum RustcError {
    #[error("cannot run `{rustc} -vV`")]
    Start {
        rustc: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`rustc -vV` failed: {0}")]
    Failed(String),
}

impl KeyInputs {
    pub(crate) fn read(workspace: &Path, rustc_version: String) -> Result<KeyInputs, FileError> {
        let read = |name: &str| -> Result<Vec<u8>, FileError> {
            Ok(files::read_optional(&workspace.join(name))?.unwrap_or_default())
        };
        let cargo_lock = read("Cargo.lock")?;
        let manifest = String::from_utf8_lossy(&read("Cargo.toml")?).into_owned();
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::home_dir().map(|home| home.join(".cargo")));
        let build_settings = format!(
            "{}---\n{}",
            settings::build_environment(std::env::vars()),
            settings::build_config(workspace, cargo_home)?
        );
        Ok(KeyInputs {
            rustc_version,
            lockfile: lock::Lockfile::parse(&String::from_utf8_lossy(&cargo_lock)),
            cargo_lock,
            manifest: toml::from_str(&manifest).unwrap_or_default(),
            build_settings,
            walked: None,
        })
    }

    /// The same inputs, with the workspace's source files as walked under `root`.
    pub(crate) fn with_walk(self, root: &Path, sources: &[PathBuf]) -> KeyInputs {
        KeyInputs {
            walked: Some((root.to_path_buf(), sources.to_vec())),
            ..self
        }
    }

    /// The source files under `dir`: from the walk, when `dir` is a source directory
    /// within it, or listed now.
    fn sources_under(&self, dir: &Path) -> Result<Vec<PathBuf>, FileError> {
        let walked = self
            .walked
            .as_ref()
            .filter(|(root, _)| dir.strip_prefix(root).is_ok_and(files::is_found_by_a_walk));
        let Some((_, sources)) = walked else {
            return files::sources_under(dir);
        };
        let first = sources.partition_point(|file| file.as_path() < dir);
        Ok(sources[first..]
            .iter()
            .take_while(|file| file.starts_with(dir))
            .cloned()
            .collect())
    }

    #[cfg(test)]
    fn fixture(rustc_version: &str) -> KeyInputs {
        KeyInputs {
            rustc_version: rustc_version.into(),
            cargo_lock: Vec::new(),
            lockfile: lock::Lockfile::default(),
            manifest: toml::Table::new(),
            build_settings: String::new(),
            walked: None,
        }
    }
}

/// `rustc -vV`, which names the exact compiler: part of every content key. With `RUSTC`
/// set (a wrapper, say), also that path and its contents' hash, which `-vV` may not show.
pub(crate) fn rustc_version(
    workspace: &Path,
    toolchain: Option<&Toolchain>,
) -> Result<String, RustcError> {
    let given = std::env::var_os("RUSTC");
    let rustc = given.clone().unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .envs(toolchain.map(Toolchain::variable))
        .arg("-vV")
        .current_dir(workspace)
        .output()
        .map_err(|source| RustcError::Start {
            rustc: rustc.to_string_lossy().into_owned(),
            source,
        })?;
    if !output.status.success() {
        return Err(RustcError::Failed(
            String::from_utf8_lossy(&output.stderr).into_owned(),
        ));
    }
    let mut version = String::from_utf8_lossy(&output.stdout).into_owned();
    if let Some(given) = given {
        let contents = std::fs::read(&given).unwrap_or_default();
        version.push_str(&format!(
            "RUSTC: {} blake3:{}\n",
            given.to_string_lossy(),
            blake3::hash(&contents).to_hex()
        ));
    }
    Ok(version)
}

/// The content key of one listing, as `blake3:HEX`. Of the book's settings, only those
/// that can change what a run shows count: its timeout and the output cap.
pub(crate) fn listing_key(
    listing: &Listing,
    config: &Config,
    inputs: &KeyInputs,
) -> Result<String, FileError> {
    let mut hasher = blake3::Hasher::new();
    let mut field = |name: &str, bytes: &[u8]| {
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    field("tool", env!("CARGO_PKG_VERSION").as_bytes());
    field("capture format", &CAPTURE_FORMAT.to_le_bytes());
    field("rustc", inputs.rustc_version.as_bytes());
    field("build settings", inputs.build_settings.as_bytes());
    let locked = inputs.lockfile.closure_of(&listing.name);
    field("locked", locked.concat().as_bytes());
    let manifest = settings::manifest_for(&inputs.manifest, &lock::Lockfile::names(&locked));
    field("workspace manifest", manifest.as_bytes());
    field(
        "timeout",
        &listing.timeout(config.timeout).as_millis().to_le_bytes(),
    );
    field("max-output", &(config.max_output as u64).to_le_bytes());
    for (index, dir) in listing.source_dirs().enumerate() {
        let own = index == 0;
        for file in inputs.sources_under(dir)? {
            let relative = file.strip_prefix(dir).unwrap_or(&file);
            if !own && !read_by_dependents(relative) {
                continue;
            }
            let bytes = files::read(&file)?;
            field("path", relative.to_string_lossy().as_bytes());
            field("file", &bytes);
        }
    }
    Ok(format!("blake3:{}", hasher.finalize().to_hex()))
}

/// Of a path dependency's files, those a dependent's build can read: not the tests,
/// benches and examples at its top, which cargo compiles only when that package itself
/// is tested or run (editing `code/support/tests/` reruns no listing).
fn read_by_dependents(relative: &Path) -> bool {
    const OWN_TARGETS: [&str; 3] = ["tests", "benches", "examples"];
    match relative.components().next() {
        Some(Component::Normal(first)) => !OWN_TARGETS.iter().any(|dir| first == *dir),
        _ => true,
    }
}

/// Each stale listing's key as it stands after the build: `planned`, unless the build
/// created or updated `Cargo.lock` (a plain build may), in which case the keys are
/// taken again, of what was actually built.
pub(crate) fn keys_after_build(
    stale: &[&Listing],
    planned: BTreeMap<String, String>,
    config: &Config,
    before: &KeyInputs,
    workspace: &Path,
) -> Result<BTreeMap<String, String>, FileError> {
    let after = KeyInputs::read(workspace, before.rustc_version.clone())?;
    if after.cargo_lock == before.cargo_lock {
        return Ok(planned);
    }
    stale
        .iter()
        .map(|listing| Ok((listing.name.clone(), listing_key(listing, config, &after)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::files::SNAPSHOT_FILE;

    fn key_of(dir: &Path) -> String {
        listing_key(
            &Listing::fixture(dir),
            &Config::default(),
            &KeyInputs::fixture("rustc 1.95.0"),
        )
        .unwrap()
    }

    #[test]
    fn the_key_changes_with_the_source_but_not_with_the_snapshot_target_or_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("src")).unwrap();
        fs::write(dir.path().join("src/main.rs"), "fn main() {}").unwrap();
        let before = key_of(dir.path());

        fs::write(dir.path().join(SNAPSHOT_FILE), "anything").unwrap();
        fs::create_dir_all(dir.path().join("target")).unwrap();
        fs::write(dir.path().join("target/junk"), "junk").unwrap();
        fs::write(dir.path().join("src/main.rs~"), "an editor's backup").unwrap();
        assert_eq!(key_of(dir.path()), before);

        fs::write(dir.path().join("src/main.rs"), "fn main() { println!(); }").unwrap();
        assert_ne!(key_of(dir.path()), before);
    }

    #[test]
    fn a_listing_keyed_from_the_workspace_walk_has_the_key_of_one_listed_alone() {
        let workspace = tempfile::tempdir().unwrap();
        let write = |file: &str| {
            let path = workspace.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, file).unwrap();
        };
        for file in [
            "demo/src/main.rs",
            "demo/Cargo.toml",
            "demo/target/junk",
            "demo-two/src/main.rs",
            ".hidden/demo/src/main.rs",
        ] {
            write(file);
        }
        let walked = files::sources_under(workspace.path()).unwrap();
        let inputs = KeyInputs::fixture("rustc 1.95.0").with_walk(workspace.path(), &walked);
        for dir in ["demo", ".hidden/demo"] {
            let listing = Listing::fixture(&workspace.path().join(dir));
            let from_walk = listing_key(&listing, &Config::default(), &inputs).unwrap();
            assert_eq!(from_walk, key_of(&workspace.path().join(dir)), "{dir}");
        }
        let demo = workspace.path().join("demo");
        assert_eq!(
            inputs.sources_under(&demo).unwrap(),
            [demo.join("Cargo.toml"), demo.join("src/main.rs")]
        );
    }

    #[test]
    fn the_key_changes_with_the_compiler() {
        let dir = tempfile::tempdir().unwrap();
        let listing = Listing::fixture(dir.path());
        let key = |rustc: &str| {
            listing_key(&listing, &Config::default(), &KeyInputs::fixture(rustc)).unwrap()
        };
        assert_ne!(key("rustc 1.95.0"), key("rustc 1.96.0"));
    }
}
