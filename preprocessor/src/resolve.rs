//! Stage 2, resolve: a listing's name -> its crate directory, source, path dependencies
//! and the `[package.metadata.transcript]` settings, read from `cargo metadata`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use cargo_metadata::{Metadata, MetadataCommand, PackageId};

use crate::anchor::shown_source;
use crate::listing_meta::ListingMeta;
use crate::parse::{DirectiveKind, Use};
use crate::report::{Location, Problem};

/// Everything the tool knows about one listing package.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The package name, which is also the name directives use.
    pub name: String,
    pub package_id: PackageId,
    /// The crate directory (where its `Cargo.toml` is).
    pub dir: PathBuf,
    /// The binary's main source file, the one a `{{#listing}}` shows.
    pub main_source: PathBuf,
    /// The features the binary needs (for compile-fail listings: `compile-fail`).
    pub required_features: Vec<String>,
    /// Directories of path dependencies (such as `code/support`), for the content key.
    pub path_dependencies: Vec<PathBuf>,
    pub meta: ListingMeta,
}

/// The listings' workspace: every listing package by name.
#[derive(Debug)]
pub struct Workspace {
    pub root: PathBuf,
    /// Cargo's target directory for it (where the run lock lives).
    pub target_dir: PathBuf,
    pub listings: BTreeMap<String, Listing>,
}

impl Workspace {
    /// Reads the workspace at `root` with `cargo metadata` (no dependency resolution,
    /// so it starts no build and needs no network).
    pub fn load(root: &Path) -> Result<Workspace> {
        let manifest = root.join("Cargo.toml");
        if !manifest.is_file() {
            bail!(
                "the listings' workspace {} has no Cargo.toml (set `workspace` under [preprocessor.transcript] in book.toml)",
                root.display()
            );
        }
        let metadata = MetadataCommand::new()
            .manifest_path(&manifest)
            .no_deps()
            .other_options(vec!["--offline".to_string()])
            .exec()
            .with_context(|| {
                format!("cannot read the listings' workspace {}", manifest.display())
            })?;
        Self::from_metadata(&metadata)
    }

    fn from_metadata(metadata: &Metadata) -> Result<Workspace> {
        let mut listings = BTreeMap::new();
        for package in metadata.workspace_packages() {
            let Some(bin) = package.targets.iter().find(|target| target.is_bin()) else {
                continue; // a library such as code/support: not a listing of its own
            };
            let manifest = package.manifest_path.as_std_path();
            let meta =
                ListingMeta::from_package_metadata(&package.metadata).with_context(|| {
                    format!("{}: [package.metadata.transcript]", manifest.display())
                })?;
            let path_dependencies = path_dependencies(metadata, package);
            let listing = Listing {
                name: package.name.to_string(),
                package_id: package.id.clone(),
                dir: manifest
                    .parent()
                    .expect("a manifest is in a directory")
                    .to_path_buf(),
                main_source: bin.src_path.clone().into_std_path_buf(),
                required_features: bin.required_features.clone(),
                path_dependencies,
                meta,
            };
            listings.insert(listing.name.clone(), listing);
        }
        Ok(Workspace {
            root: metadata.workspace_root.clone().into_std_path_buf(),
            target_dir: metadata.target_directory.clone().into_std_path_buf(),
            listings,
        })
    }

    /// Looks a listing up, with a suggestion when the name is close to a real one.
    pub fn get(&self, name: &str) -> Result<&Listing, String> {
        self.listings.get(name).ok_or_else(|| {
            let closest = self
                .listings
                .keys()
                .map(|known| (strsim::jaro_winkler(name, known), known))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match closest {
                Some((_, known)) => format!("unknown listing `{name}` (did you mean `{known}`?)"),
                None => format!(
                    "unknown listing `{name}`: no package of that name in the workspace {}",
                    self.root.display()
                ),
            }
        })
    }
}

/// A listing the book uses, with every place that uses it and its main source.
pub struct Used<'w> {
    pub listing: &'w Listing,
    pub locations: Vec<Location>,
    pub source: String,
}

/// Resolves every directive to its listing, by name. Unknown listings and anchors
/// become problems at the directive's location.
pub fn resolve_uses<'w>(
    workspace: &'w Workspace,
    uses: &[Use],
    problems: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Used<'w>>> {
    let mut used: BTreeMap<String, Used<'w>> = BTreeMap::new();
    for one in uses {
        let listing = match workspace.get(&one.directive.listing) {
            Ok(listing) => listing,
            Err(message) => {
                problems.push(Problem::at(one.location.clone(), message));
                continue;
            }
        };
        if !used.contains_key(&listing.name) {
            let source = std::fs::read_to_string(&listing.main_source)
                .with_context(|| format!("cannot read {}", listing.main_source.display()))?;
            if let Some(message) = unknown_caption_anchor(listing, &source) {
                problems.push(Problem::at(one.location.clone(), message));
            }
            used.insert(
                listing.name.clone(),
                Used {
                    listing,
                    locations: Vec::new(),
                    source,
                },
            );
        }
        let entry = used.get_mut(&listing.name).expect("inserted above");
        if let DirectiveKind::Listing {
            anchor: Some(anchor),
        } = &one.directive.kind
            && let Err(message) = shown_source(&entry.source, Some(anchor))
        {
            problems.push(Problem::at(
                one.location.clone(),
                format!(
                    "listing `{}`, anchor `{anchor}`: {message} ({})",
                    listing.name,
                    listing.main_source.display()
                ),
            ));
        }
        entry.locations.push(one.location.clone());
    }
    Ok(used)
}

/// A name in `anchor-captions` that is not an anchor of the listing's main source.
fn unknown_caption_anchor(listing: &Listing, source: &str) -> Option<String> {
    let named = listing
        .meta
        .anchor_captions
        .keys()
        .find(|named| shown_source(source, Some(named)).is_err())?;
    Some(format!(
        "listing `{}`: `anchor-captions` names `{named}`, which is not an anchor in its main source",
        listing.name
    ))
}

/// The directories of a package's path dependencies, and of theirs, as far as the
/// workspace knows them (`code/support` and whatever it uses in turn).
fn path_dependencies(metadata: &Metadata, package: &cargo_metadata::Package) -> Vec<PathBuf> {
    let by_dir: BTreeMap<PathBuf, &cargo_metadata::Package> = metadata
        .packages
        .iter()
        .filter_map(|p| Some((p.manifest_path.parent()?.as_std_path().to_path_buf(), p)))
        .collect();
    let mut found: Vec<PathBuf> = Vec::new();
    let mut pending = vec![package];
    while let Some(current) = pending.pop() {
        for path in current.dependencies.iter().filter_map(|d| d.path.as_ref()) {
            let dir = path.clone().into_std_path_buf();
            if !found.contains(&dir) {
                pending.extend(by_dir.get(&dir).copied());
                found.push(dir);
            }
        }
    }
    found.sort();
    found
}

impl Listing {
    /// A listing named `demo` in `dir` with default settings, for unit tests.
    #[cfg(test)]
    pub fn fixture(dir: &Path) -> Listing {
        Listing {
            name: "demo".into(),
            package_id: PackageId {
                repr: "demo".into(),
            },
            dir: dir.to_path_buf(),
            main_source: dir.join("src/main.rs"),
            required_features: vec![],
            path_dependencies: vec![],
            meta: ListingMeta::default(),
        }
    }

    /// Whether this listing is expected not to compile.
    pub fn is_compile_fail(&self) -> bool {
        self.meta.expect.is_compile_error()
    }

    /// The command a reader types to see this listing's output.
    pub fn reader_command(&self) -> String {
        let mut command = format!("cargo run -p {}", self.name);
        if !self.required_features.is_empty() {
            command.push_str(&format!(" --features {}", self.required_features.join(",")));
        }
        command
    }
}

/// `rustc -vV`, which names the exact compiler: part of every content key.
pub fn rustc_version(workspace: &Path) -> Result<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(&rustc)
        .arg("-vV")
        .current_dir(workspace)
        .output()
        .with_context(|| format!("cannot run `{} -vV`", rustc.to_string_lossy()))?;
    if !output.status.success() {
        bail!(
            "`rustc -vV` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_caption_for_no_anchor_is_named() {
        let mut demo = Listing::fixture(Path::new("/demo"));
        let source = "// ANCHOR: helper\nfn helper() {}\n// ANCHOR_END: helper\nfn main() {}\n";
        demo.meta
            .anchor_captions
            .insert("helper".into(), "Just the `helper`".into());
        assert_eq!(unknown_caption_anchor(&demo, source), None);
        demo.meta
            .anchor_captions
            .insert("nowhere".into(), "typo".into());
        let err = unknown_caption_anchor(&demo, source).unwrap();
        assert!(err.contains("`nowhere`, which is not an anchor"), "{err}");
    }
}
