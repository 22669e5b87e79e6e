//! The listings' `Cargo.lock`, read for one question: which locked packages does a
//! listing build with, transitively? Only those count in its key, so adding, removing or
//! upgrading a package another listing uses leaves it fresh.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// The packages of a `Cargo.lock`, by name (several versions of one name can be locked).
#[derive(Debug, Default)]
pub(super) struct Lockfile {
    packages: BTreeMap<String, Vec<Locked>>,
}

/// One `[[package]]` entry.
#[derive(Debug, Clone, Deserialize)]
struct Locked {
    name: String,
    version: String,
    source: Option<String>,
    checksum: Option<String>,
    #[serde(default)]
    dependencies: Vec<String>,
}

#[derive(Deserialize)]
struct RawLockfile {
    #[serde(default, rename = "package")]
    packages: Vec<Locked>,
}

impl Lockfile {
    /// Reads a lock file's text; one that cannot be read locks nothing (cargo will say
    /// what is wrong with it when it builds).
    pub(super) fn parse(text: &str) -> Lockfile {
        let raw: RawLockfile = toml::from_str(text).unwrap_or(RawLockfile {
            packages: Vec::new(),
        });
        let mut packages: BTreeMap<String, Vec<Locked>> = BTreeMap::new();
        for package in raw.packages {
            packages
                .entry(package.name.clone())
                .or_default()
                .push(package);
        }
        Lockfile { packages }
    }

    /// Every package `root` (a workspace member: no source) depends on, transitively,
    /// itself included, as sorted lines `name version source checksum`.
    pub(super) fn closure_of(&self, root: &str) -> Vec<String> {
        let mut seen: BTreeSet<(String, String, String)> = BTreeSet::new();
        let mut lines = Vec::new();
        let mut pending: Vec<&Locked> = self
            .packages
            .get(root)
            .into_iter()
            .flatten()
            .filter(|p| p.source.is_none())
            .collect();
        while let Some(package) = pending.pop() {
            let id = (
                package.name.clone(),
                package.version.clone(),
                package.source.clone().unwrap_or_default(),
            );
            if !seen.insert(id) {
                continue;
            }
            lines.push(format!(
                "{} {} {} {}",
                package.name,
                package.version,
                package.source.as_deref().unwrap_or("(path)"),
                package.checksum.as_deref().unwrap_or("-")
            ));
            pending.extend(package.dependencies.iter().filter_map(|d| self.find(d)));
        }
        lines.sort();
        lines
    }

    /// The package a `dependencies` entry names: `name`, `name version` or
    /// `name version (source)`.
    fn find(&self, dependency: &str) -> Option<&Locked> {
        let mut words = dependency.splitn(3, ' ');
        let name = words.next()?;
        let version = words.next();
        let source = words
            .next()
            .map(|s| s.trim_start_matches('(').trim_end_matches(')'));
        self.packages.get(name)?.iter().find(|p| {
            version.is_none_or(|v| p.version == v)
                && source.is_none_or(|s| p.source.as_deref() == Some(s))
        })
    }

    /// The names in a closure, for the workspace manifest's `[workspace.dependencies]`.
    pub(super) fn names(closure: &[String]) -> BTreeSet<&str> {
        closure
            .iter()
            .filter_map(|line| line.split(' ').next())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
version = 4

[[package]]
name = "uses-tokio"
version = "0.1.0"
dependencies = ["tokio", "support"]

[[package]]
name = "plain"
version = "0.1.0"

[[package]]
name = "support"
version = "0.1.0"
dependencies = ["bytes 1.0.0"]

[[package]]
name = "tokio"
version = "1.54.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "aa"
dependencies = ["bytes 1.0.0 (registry+https://github.com/rust-lang/crates.io-index)"]

[[package]]
name = "bytes"
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "bb"

[[package]]
name = "bytes"
version = "0.5.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "cc"
"#;

    #[test]
    fn a_listing_locks_what_it_reaches_and_nothing_else() {
        let lock = Lockfile::parse(LOCK);
        let registry = "registry+https://github.com/rust-lang/crates.io-index";
        assert_eq!(
            lock.closure_of("uses-tokio"),
            [
                format!("bytes 1.0.0 {registry} bb"),
                "support 0.1.0 (path) -".to_string(),
                format!("tokio 1.54.0 {registry} aa"),
                "uses-tokio 0.1.0 (path) -".to_string(),
            ]
        );
        assert_eq!(lock.closure_of("plain"), ["plain 0.1.0 (path) -"]);
        assert!(lock.closure_of("not-locked-yet").is_empty());
    }
}
