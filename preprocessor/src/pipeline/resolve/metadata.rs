//! The listings' workspace as cargo describes it (`cargo metadata --no-deps`), and
//! remembered between runs: in a warm build of a 500-listing book, asking cargo was
//! 70 ms of 190. The description is kept in the target directory with a key, and used
//! again only while the key still matches: a hash of everything the answer can depend
//! on, which is
//!
//! - this tool's version and `--toolchain`;
//! - cargo's environment (every `CARGO*` and `RUSTUP*` variable, `HOME`, `PATH`) and the
//!   directory cargo is started in;
//! - every cargo configuration file cargo could read (`.cargo/config.toml` and
//!   `.cargo/config` in each directory above the workspace and above the current one,
//!   and in cargo's home), by contents;
//! - the path of every source file under the workspace (a new package, a new
//!   `src/bin/*.rs` or `build.rs` changes the answer), and the contents of every
//!   `Cargo.toml` among them (not `Cargo.lock`, which `--no-deps` does not read);
//! - and the compiler (`rustc -vV`, which names the toolchain cargo comes with), checked
//!   once rustc has answered: the workspace is read while rustc starts, and read again
//!   in the rare run whose compiler is not the one the description was made under.
//!
//! Only a workspace whose root is the listings' directory and whose members are all
//! under it is remembered (a member elsewhere could change unseen), and only when the
//! target directory is where it can be found before asking cargo: `CARGO_TARGET_DIR`,
//! `CARGO_BUILD_TARGET_DIR`, or the workspace's `target/`.

use std::path::{Path, PathBuf};

use cargo_metadata::{Metadata, MetadataCommand};
use rayon::prelude::*;

use crate::digest::Lines;
use crate::files;
use crate::toolchain::Toolchain;

use super::errors::WorkspaceError;

/// The file, in the target directory, that holds the key, the compiler and the answer.
const CACHE_FILE: &str = "mdbook-transcript-metadata.json";

/// The listings' workspace's directory and every source file under it, walked once for
/// all that needs them (the description's key, the check for packages that are not
/// members).
#[derive(Debug)]
pub(crate) struct WorkspaceFiles {
    /// Absolute, spelt as cargo spells it.
    pub(crate) root: PathBuf,
    /// Every source file under it, sorted ([`files::sources_under`]).
    pub(crate) sources: Vec<PathBuf>,
}

impl WorkspaceFiles {
    /// Walks the workspace at `root`, which must have a `Cargo.toml`, unless every file
    /// under it is known already (`walked`, as [`files::files_under`] finds them).
    pub(crate) fn walk(
        root: &Path,
        walked: Option<Vec<PathBuf>>,
    ) -> Result<WorkspaceFiles, WorkspaceError> {
        if !root.join("Cargo.toml").is_file() {
            return Err(WorkspaceError::NoManifest(root.to_path_buf()));
        }
        let root = files::absolute(root);
        let sources = match walked {
            Some(every) => files::sources_among(&root, every),
            None => files::sources_under(&root)?,
        };
        Ok(WorkspaceFiles { sources, root })
    }
}

/// The workspace, its files and cargo's description of it.
pub(crate) struct Described {
    pub(super) files: WorkspaceFiles,
    pub(super) metadata: Metadata,
    toolchain: Option<Toolchain>,
    key: String,
    /// Where the description came from.
    source: Source,
}

enum Source {
    /// The cache, made under the compiler whose `rustc -vV` has this hash.
    Remembered { compiler: String },
    /// Cargo, this run: cargo's JSON, to remember once the compiler is known.
    Asked { json: String },
}

impl Described {
    /// The workspace described: remembered, while its key matches, or asked of cargo.
    pub(crate) fn read(
        files: WorkspaceFiles,
        toolchain: Option<&Toolchain>,
    ) -> Result<Described, WorkspaceError> {
        let key = key(&files, toolchain);
        let remembered = remembered(&cache_file(&files.root), &key);
        let (metadata, source) = match remembered {
            Some((metadata, compiler)) => (metadata, Source::Remembered { compiler }),
            None => {
                let json = ask_cargo(&files.root, toolchain)?;
                (parse(&files.root, &json)?, Source::Asked { json })
            }
        };
        Ok(Described {
            files,
            metadata,
            toolchain: toolchain.cloned(),
            key,
            source,
        })
    }

    /// The description under the compiler whose `rustc -vV` is `rustc`: asked again if
    /// it was remembered under another; remembered if it was asked.
    pub(crate) fn under_compiler(mut self, rustc: &str) -> Result<Described, WorkspaceError> {
        let compiler = compiler_hash(rustc);
        if let Source::Remembered { compiler: under } = &self.source
            && *under != compiler
        {
            let json = ask_cargo(&self.files.root, self.toolchain.as_ref())?;
            self.metadata = parse(&self.files.root, &json)?;
            self.source = Source::Asked { json };
        }
        if let Source::Asked { json } = &self.source {
            self.remember(&compiler, json);
        }
        Ok(self)
    }

    /// Writes the description to the cache, when it may be remembered. A cache that
    /// cannot be written only means asking cargo again next time.
    fn remember(&self, compiler: &str, json: &str) {
        let file = cache_file(&self.files.root);
        if may_remember(&self.files.root, &self.metadata, &file) {
            let text = format!("{}\n{compiler}\n{json}\n", self.key);
            if let Some(dir) = file.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = files::write_atomically(&file, text.as_bytes());
        }
    }
}

/// `cargo metadata --no-deps --offline` (no resolution, so no network and no build):
/// the JSON it printed.
fn ask_cargo(root: &Path, toolchain: Option<&Toolchain>) -> Result<String, WorkspaceError> {
    let failed = |source| WorkspaceError::Metadata {
        manifest: root.join("Cargo.toml"),
        source,
    };
    let mut command = MetadataCommand::new();
    command
        .manifest_path(root.join("Cargo.toml"))
        .no_deps()
        .other_options(vec!["--offline".to_string()]);
    let mut command = command.cargo_command();
    command.envs(toolchain.map(Toolchain::variable));
    let output = command
        .output()
        .map_err(|error| failed(cargo_metadata::Error::Io(error)))?;
    if !output.status.success() {
        return Err(failed(cargo_metadata::Error::CargoMetadata {
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = stdout.lines().find(|line| line.starts_with('{'));
    json.map(str::to_string)
        .ok_or_else(|| failed(cargo_metadata::Error::NoJson))
}

fn parse(root: &Path, json: &str) -> Result<Metadata, WorkspaceError> {
    MetadataCommand::parse(json).map_err(|source| WorkspaceError::Metadata {
        manifest: root.join("Cargo.toml"),
        source,
    })
}

/// The remembered description and the hash of the compiler it was made under, if the
/// cache holds one for `key`.
fn remembered(file: &Path, key: &str) -> Option<(Metadata, String)> {
    let text = std::fs::read_to_string(file).ok()?;
    let (stored, rest) = text.split_once('\n')?;
    let (compiler, json) = rest.split_once('\n')?;
    if stored != key {
        return None;
    }
    let metadata = MetadataCommand::parse(json.trim_end()).ok()?;
    Some((metadata, compiler.to_string()))
}

fn compiler_hash(rustc: &str) -> String {
    blake3::hash(rustc.as_bytes()).to_hex().to_string()
}

/// Where the description is kept: the target directory, as far as it is known before
/// asking cargo.
fn cache_file(root: &Path) -> PathBuf {
    files::target_dir_without_cargo(root).join(CACHE_FILE)
}

/// Whether a description can be remembered in `file`: the workspace is `root`'s, all
/// its members are under it, and cargo's target directory is the one `file` is in.
fn may_remember(root: &Path, metadata: &Metadata, file: &Path) -> bool {
    let same = |one: &Path, other: &Path| {
        one.canonicalize()
            .is_ok_and(|one| other.canonicalize().is_ok_and(|other| one == other))
    };
    same(metadata.workspace_root.as_std_path(), root)
        && metadata
            .packages
            .iter()
            .all(|package| package.manifest_path.as_std_path().starts_with(root))
        && file.parent().is_some_and(|dir| {
            files::absolute(dir) == files::absolute(metadata.target_directory.as_std_path())
        })
}

/// The hash of everything cargo's answer can depend on, the compiler aside (see the
/// module's documentation).
fn key(walked: &WorkspaceFiles, toolchain: Option<&Toolchain>) -> String {
    let mut key = Lines::new("cargo metadata --no-deps");
    let mut line = |text: &str| key.line(text);
    line(toolchain.map_or("", Toolchain::name));
    for (name, value) in cargo_environment() {
        line(&format!("{name}={value:?}"));
    }
    let here = std::env::current_dir().unwrap_or_default();
    line(&format!("in {}", here.display()));
    line(&format!("root {}", walked.root.display()));
    for file in files::cargo_config_files(&walked.root, &here) {
        line(&format!("{} {}", file.display(), contents_hash(&file)));
    }
    // `Cargo.lock` is not read by `cargo metadata --no-deps` (it resolves nothing), and
    // the first build writes it.
    let sources: Vec<String> = walked
        .sources
        .par_iter()
        .filter(|file| file.file_name().is_none_or(|name| name != "Cargo.lock"))
        .map(|file| {
            let relative = file.strip_prefix(&walked.root).unwrap_or(file);
            let read = file.file_name().is_some_and(|name| name == "Cargo.toml");
            let hash = if read {
                contents_hash(file)
            } else {
                String::new()
            };
            format!("{} {hash}", relative.display())
        })
        .collect();
    for source in &sources {
        line(source);
    }
    key.finish()
}

/// The variables cargo reads (its own, rustup's, and where it finds its home and
/// itself), sorted.
fn cargo_environment() -> Vec<(String, std::ffi::OsString)> {
    let mut variables: Vec<(String, std::ffi::OsString)> = std::env::vars_os()
        .filter_map(|(name, value)| Some((name.into_string().ok()?, value)))
        .filter(|(name, _)| {
            ["CARGO", "RUSTUP"]
                .iter()
                .any(|start| name.starts_with(start))
                || name == "HOME"
                || name == "PATH"
        })
        .collect();
    variables.sort();
    variables
}

/// A file's contents' hash, or `absent`.
fn contents_hash(file: &Path) -> String {
    std::fs::read(file).map_or_else(
        |_| "absent".to_string(),
        |bytes| blake3::hash(&bytes).to_hex().to_string(),
    )
}
