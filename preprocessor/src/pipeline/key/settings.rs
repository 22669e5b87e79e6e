//! What else cargo reads when it builds a listing: the workspace manifest's shared
//! tables, every cargo config file that applies to the workspace, and the `CARGO_*` /
//! `RUSTC*` / `RUSTFLAGS` environment. Each is reduced to what can change a build, so
//! an alias, a target directory or a compiler cache (`RUSTC_WRAPPER`) changes no key.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::files::{self, FileError};

/// Environment variables that cannot change what a build produces or a run prints.
const QUIET_VARIABLES: [&str; 22] = [
    "CARGO",
    "CARGO_HOME",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_TARGET_DIR",
    "CARGO_BUILD_JOBS",
    "CARGO_INCREMENTAL",
    "CARGO_BUILD_INCREMENTAL",
    "CARGO_BUILD_PIPELINING",
    "CARGO_BUILD_DEP_INFO_BASEDIR",
    "CARGO_MAKEFLAGS",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_LOG",
    "RUSTC_WRAPPER",
    "CARGO_BUILD_RUSTC_WRAPPER",
    "CARGO_CACHE_RUSTC_INFO",
    "CARGO_BUILD_WARNINGS",
];

/// Prefixes of quiet variables: cargo's own for the program it runs (`CARGO_PKG_*`,
/// set when the tool itself runs under `cargo run`), terminal, network and registry
/// settings, aliases.
const QUIET_PREFIXES: [&str; 13] = [
    "CARGO_PKG_",
    "CARGO_BIN_EXE_",
    "CARGO_TERM_",
    "CARGO_HTTP_",
    "CARGO_NET_",
    "CARGO_REGISTRIES_",
    "CARGO_REGISTRY_",
    "CARGO_ALIAS_",
    "CARGO_CARGO_NEW_",
    "CARGO_FUTURE_INCOMPAT_",
    "CARGO_INSTALL_",
    "CARGO_CREDENTIAL_",
    "CARGO_SBOM_",
];

/// Whether an environment variable can change a build: `RUSTFLAGS`,
/// `CARGO_ENCODED_RUSTFLAGS`, `CARGO_PROFILE_DEV_OPT_LEVEL`, `RUSTC`,
/// `RUSTC_BOOTSTRAP`... but not the quiet ones above.
fn changes_a_build(name: &str) -> bool {
    let cargo_or_rustc =
        name.starts_with("CARGO_") || name.starts_with("RUSTC") || name == "RUSTFLAGS";
    cargo_or_rustc
        && !QUIET_VARIABLES.contains(&name)
        && !QUIET_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
}

/// The environment that can change a build, one `NAME=value` line each, sorted.
pub(super) fn build_environment(variables: impl Iterator<Item = (String, String)>) -> String {
    let mut lines: Vec<String> = variables
        .filter(|(name, _)| changes_a_build(name))
        .map(|(name, value)| format!("{name}={value}\n"))
        .collect();
    lines.sort();
    lines.concat()
}

/// Config tables and keys that cannot change a build.
const QUIET_CONFIG: [&str; 11] = [
    "alias",
    "term",
    "net",
    "http",
    "registries",
    "registry",
    "source",
    "credential-alias",
    "cargo-new",
    "future-incompat-report",
    "install",
];
const QUIET_BUILD_KEYS: [&str; 6] = [
    "target-dir",
    "build-dir",
    "jobs",
    "rustc-wrapper",
    "incremental",
    "pipelining",
];

/// Every cargo config file that applies to a build in `workspace`: `.cargo/config.toml`
/// (or `.cargo/config`) there and in every directory above it, then cargo's home.
fn config_files(workspace: &Path, cargo_home: Option<PathBuf>) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = workspace
        .ancestors()
        .map(|dir| dir.join(".cargo"))
        .collect();
    dirs.extend(cargo_home);
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for dir in dirs {
        let file = ["config.toml", "config"]
            .into_iter()
            .map(|name| dir.join(name))
            .find(|file| file.is_file());
        if let Some(file) = file.filter(|file| seen.insert(file.clone())) {
            found.push(file);
        }
    }
    found
}

/// The config that can change a build, innermost file first, quiet tables removed. A
/// file that does not parse counts whole (cargo will reject it).
pub(super) fn build_config(
    workspace: &Path,
    cargo_home: Option<PathBuf>,
) -> Result<String, FileError> {
    let mut text = String::new();
    for file in config_files(workspace, cargo_home) {
        let written = files::read_to_string(&file)?;
        match toml::from_str::<toml::Table>(&written) {
            Ok(mut table) => {
                for quiet in QUIET_CONFIG {
                    table.remove(quiet);
                }
                if let Some(toml::Value::Table(build)) = table.get_mut("build") {
                    for quiet in QUIET_BUILD_KEYS {
                        build.remove(quiet);
                    }
                }
                table.retain(|_, value| !value.as_table().is_some_and(toml::Table::is_empty));
                if !table.is_empty() {
                    text.push_str(&toml::to_string(&table).unwrap_or_default());
                    text.push_str("---\n");
                }
            }
            Err(_) => {
                text.push_str(&written);
                text.push_str("\n---\n");
            }
        }
    }
    Ok(text)
}

/// The parts of the workspace's `Cargo.toml` that can change how a listing builds: its
/// shared tables (profiles, patches, lints, package defaults, the resolver), and of
/// `[workspace.dependencies]` only the entries for packages the listing builds with.
/// Members, excludes and metadata are left out: adding a listing changes no other.
pub(super) fn manifest_for(manifest: &toml::Table, packages: &BTreeSet<&str>) -> String {
    let mut kept = toml::Table::new();
    for key in ["profile", "patch", "replace", "cargo-features"] {
        if let Some(value) = manifest.get(key) {
            kept.insert(key.to_string(), value.clone());
        }
    }
    if let Some(toml::Value::Table(workspace)) = manifest.get("workspace") {
        let mut shared = workspace.clone();
        for quiet in ["members", "exclude", "default-members", "metadata"] {
            shared.remove(quiet);
        }
        if let Some(toml::Value::Table(dependencies)) = shared.get_mut("dependencies") {
            dependencies.retain(|name, spec| {
                let package = spec.get("package").and_then(toml::Value::as_str);
                packages.contains(package.unwrap_or(name))
            });
            if dependencies.is_empty() {
                shared.remove("dependencies");
            }
        }
        kept.insert("workspace".to_string(), toml::Value::Table(shared));
    }
    toml::to_string(&kept).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_profiles_and_the_compiler_count_and_caches_paths_and_cargos_own_do_not() {
        let environment = [
            ("RUSTFLAGS", "-Dwarnings"),
            ("CARGO_ENCODED_RUSTFLAGS", "-Copt-level=1"),
            ("CARGO_PROFILE_DEV_OPT_LEVEL", "2"),
            ("RUSTC", "/opt/rustc"),
            ("RUSTC_BOOTSTRAP", "1"),
            ("RUSTC_WRAPPER", "sccache"),
            ("CARGO_TARGET_DIR", "/tmp/target"),
            ("CARGO_PKG_NAME", "mdbook-transcript"),
            ("CARGO_TERM_COLOR", "always"),
            ("HOME", "/root"),
        ]
        .map(|(name, value)| (name.to_string(), value.to_string()));
        assert_eq!(
            build_environment(environment.into_iter()),
            "CARGO_ENCODED_RUSTFLAGS=-Copt-level=1\nCARGO_PROFILE_DEV_OPT_LEVEL=2\nRUSTC=/opt/rustc\nRUSTC_BOOTSTRAP=1\nRUSTFLAGS=-Dwarnings\n"
        );
    }

    #[test]
    fn config_files_apply_from_the_workspace_up_and_lose_their_quiet_tables() {
        let root = tempfile::tempdir().unwrap();
        let workspace = root.path().join("book/code");
        std::fs::create_dir_all(workspace.join(".cargo")).unwrap();
        std::fs::create_dir_all(root.path().join("book/.cargo")).unwrap();
        std::fs::write(
            workspace.join(".cargo/config.toml"),
            "[build]\nrustflags = [\"-Dwarnings\"]\ntarget-dir = \"t\"\n",
        )
        .unwrap();
        std::fs::write(
            root.path().join("book/.cargo/config.toml"),
            "[alias]\nbook = \"run\"\n",
        )
        .unwrap();
        let home = root.path().join("home/.cargo");
        assert_eq!(
            build_config(&workspace, Some(home)).unwrap(),
            "[build]\nrustflags = [\"-Dwarnings\"]\n---\n"
        );
    }

    #[test]
    fn the_manifest_keeps_shared_tables_and_only_the_listings_own_dependencies() {
        let manifest: toml::Table = toml::from_str(
            "[workspace]\nmembers = [\"a\", \"b\"]\nresolver = \"3\"\n\n[workspace.dependencies]\ntokio = { version = \"1\", features = [\"full\"] }\nrayon = \"1\"\nfut = { package = \"futures\", version = \"0.3\" }\n\n[profile.dev]\nopt-level = 1\n",
        )
        .unwrap();
        let packages = BTreeSet::from(["tokio", "futures"]);
        assert_eq!(
            manifest_for(&manifest, &packages),
            "[profile.dev]\nopt-level = 1\n\n[workspace]\nresolver = \"3\"\n\n[workspace.dependencies.fut]\npackage = \"futures\"\nversion = \"0.3\"\n\n[workspace.dependencies.tokio]\nfeatures = [\"full\"]\nversion = \"1\"\n"
        );
    }
}
