//! The listings' workspace as `cargo metadata` describes it ([`super::metadata`]): each
//! package with a binary is a listing, with its directory, main source, path
//! dependencies and declared settings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use cargo_metadata::{Metadata, Package};

use rayon::prelude::*;

use crate::files::{self, FileError};
use crate::listing::meta::ListingMeta;
use crate::listing::read::MetaError;
use crate::listing::{Kind, Listing};
use crate::report::{Location, Problem, Problems};

use super::errors::{Unresolved, WorkspaceError};
use super::metadata::{Described, WorkspaceFiles};
use super::{exercise, layout};

/// The listings' workspace: every listing package by name.
#[derive(Debug)]
pub(crate) struct Workspace {
    pub(crate) root: PathBuf,
    /// Cargo's target directory for it (where the run lock and the run log live).
    pub(crate) target_dir: PathBuf,
    pub(crate) listings: BTreeMap<String, Listing>,
    /// Its directory and source files, as walked when it was loaded.
    pub(crate) files: WorkspaceFiles,
    /// Packages whose metadata has a mistake (reported already): not listings, but not
    /// unknown either.
    broken: BTreeSet<String>,
}

impl Workspace {
    /// The listings of the workspace as cargo `described` it. Mistakes in a listing's
    /// metadata or in the workspace's layout become problems; `book` is where paths are
    /// shown from.
    pub(crate) fn load(
        described: Described,
        book: &Path,
        problems: &mut Problems,
    ) -> Result<Workspace, WorkspaceError> {
        let (walked, metadata) = (described.files, &described.metadata);
        let book = book.canonicalize().unwrap_or_else(|_| book.to_path_buf());
        let shown = |path: &Path| path.strip_prefix(&book).unwrap_or(path).to_path_buf();
        let mut workspace = Workspace {
            root: metadata.workspace_root.clone().into_std_path_buf(),
            target_dir: metadata.target_directory.clone().into_std_path_buf(),
            listings: BTreeMap::new(),
            files: walked,
            broken: BTreeSet::new(),
        };
        let by_dir = packages_by_dir(metadata);
        let loaded: Vec<Result<Loaded, FileError>> = metadata
            .workspace_packages()
            .par_iter()
            .map(|package| load_package(&by_dir, package, &shown))
            .collect();
        for loaded in loaded {
            match loaded? {
                Loaded::Listing(listing, found) => {
                    problems.extend(found);
                    workspace.listings.insert(listing.name.clone(), *listing);
                }
                Loaded::Helper => {}
                Loaded::Broken(name, problem) => {
                    problems.push(problem);
                    workspace.broken.insert(name);
                }
            }
        }
        problems.extend(layout::packages_not_members(
            metadata,
            (&workspace.files.root, &workspace.files.sources),
            &shown,
        )?);
        Ok(workspace)
    }

    /// Whether a package has a mistake in its metadata (reported when it was loaded).
    pub(crate) fn is_broken(&self, name: &str) -> bool {
        self.broken.contains(name)
    }

    /// Looks a listing up, with a suggestion when the name is close to a real one.
    pub(crate) fn get(&self, name: &str) -> Result<&Listing, Unresolved> {
        self.listings.get(name).ok_or_else(|| {
            let closest = self
                .listings
                .keys()
                .map(|known| (strsim::jaro_winkler(name, known), known))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match closest {
                Some((_, known)) => Unresolved::Misspelt {
                    name: name.to_string(),
                    closest: known.clone(),
                },
                None => Unresolved::Unknown {
                    name: name.to_string(),
                    workspace: self.root.clone(),
                },
            }
        })
    }
}

/// What one package of the workspace is.
enum Loaded {
    /// A listing, and the mistakes found in how it is set up.
    Listing(Box<Listing>, Vec<Problem>),
    /// A package with no binary, such as `code/support`.
    Helper,
    /// A package whose metadata has a mistake.
    Broken(String, Problem),
}

/// Reads one package's manifest and makes it a listing, if it is one.
fn load_package(
    by_dir: &PackagesByDir<'_>,
    package: &Package,
    shown: &(dyn Fn(&Path) -> PathBuf + Sync),
) -> Result<Loaded, FileError> {
    let manifest = package.manifest_path.as_std_path();
    let text = files::read_to_string(manifest)?;
    match listing_of(by_dir, package, &text) {
        Ok(Some(mut listing)) => {
            let mut found: Vec<Problem> =
                layout::compile_fail_without_feature(&listing, &shown(manifest), &text)
                    .into_iter()
                    .collect();
            if listing.meta.pin.is_none() {
                listing.meta.pin = exercise::marker_pin(&listing)?;
            }
            found.extend(exercise::mistakes(&listing, &shown(manifest), &text)?);
            Ok(Loaded::Listing(Box::new(listing), found))
        }
        Ok(None) => Ok(Loaded::Helper),
        Err(error) => {
            let at = Location::in_text(shown(manifest), &text, error.span.start);
            Ok(Loaded::Broken(
                package.name.to_string(),
                Problem::new(error).at(&at),
            ))
        }
    }
}

/// Every package the workspace knows, by its directory.
type PackagesByDir<'m> = BTreeMap<&'m Path, &'m Package>;

fn packages_by_dir(metadata: &Metadata) -> PackagesByDir<'_> {
    metadata
        .packages
        .iter()
        .filter_map(|p| Some((p.manifest_path.parent()?.as_std_path(), p)))
        .collect()
}

/// The listing a workspace package is, if it has a binary (a library such as
/// `code/support` is not a listing of its own); `manifest` is its `Cargo.toml` as written.
fn listing_of(
    by_dir: &PackagesByDir<'_>,
    package: &Package,
    manifest: &str,
) -> Result<Option<Listing>, MetaError> {
    let meta = ListingMeta::from_manifest(manifest)?;
    let bin = package.targets.iter().find(|target| target.is_bin());
    let lib = package.targets.iter().find(|target| target.is_lib());
    // A library is a listing when it says so; otherwise it is a helper (`code/support`).
    let (target, kind) = match (bin, lib) {
        (Some(bin), _) => (bin, Kind::Binary),
        (None, Some(lib)) if meta.declared => (lib, Kind::Library),
        _ => return Ok(None),
    };
    let dir = package
        .manifest_path
        .parent()
        .expect("a manifest is in a directory");
    Ok(Some(Listing {
        name: package.name.to_string(),
        package_id: package.id.clone(),
        kind,
        dir: dir.as_std_path().to_path_buf(),
        main_source: target.src_path.clone().into_std_path_buf(),
        required_features: target.required_features.clone(),
        path_dependencies: path_dependencies(by_dir, package),
        meta,
    }))
}

/// The directories of a package's path dependencies, and of theirs, as far as the
/// workspace knows them (`code/support` and whatever it uses in turn).
fn path_dependencies(by_dir: &PackagesByDir<'_>, package: &Package) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = Vec::new();
    let mut pending = vec![package];
    while let Some(current) = pending.pop() {
        for path in current.dependencies.iter().filter_map(|d| d.path.as_ref()) {
            let dir = path.clone().into_std_path_buf();
            if !found.contains(&dir) {
                pending.extend(by_dir.get(dir.as_path()).copied());
                found.push(dir);
            }
        }
    }
    found.sort();
    found
}
