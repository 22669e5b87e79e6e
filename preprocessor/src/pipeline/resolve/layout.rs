//! Mistakes in how the listings' workspace is laid out, which cargo itself would only
//! report later and elsewhere: a compile-fail listing that would break `cargo build
//! --workspace`, and a package directory that is not a member of the workspace.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use cargo_metadata::Metadata;

use crate::files::{self, FileError};
use crate::listing::{Expectation, Listing};
use crate::report::{Location, Problem};

/// A listing that must not compile needs a binary that only the tool builds (with
/// `required-features`), or `cargo build --workspace` in the listings' workspace fails.
pub(super) fn compile_fail_without_feature(
    listing: &Listing,
    manifest: &Path,
    text: &str,
) -> Option<Problem> {
    if !matches!(listing.meta.expect, Expectation::CompileError(_))
        || !listing.required_features.is_empty()
    {
        return None;
    }
    let expect_at = text
        .match_indices("expect")
        .find(|(at, _)| text[..*at].ends_with('\n'))
        .map_or(0, |(at, _)| at);
    let main = listing
        .main_source
        .strip_prefix(&listing.dir)
        .unwrap_or(&listing.main_source);
    Some(
        Problem::new(format_args!(
            "listing `{}` is meant not to compile, but its binary needs no feature, so `cargo build --workspace` in the listings' workspace fails on it",
            listing.name
        ))
        .at(&Location::in_text(manifest.to_path_buf(), text, expect_at))
        .detail(format!(
            "add these lines to {}, so that only mdbook-transcript builds it:\n\n[features]\ncompile-fail = []\n\n[[bin]]\nname = \"{}\"\npath = \"{}\"\nrequired-features = [\"compile-fail\"]",
            manifest.display(),
            listing.name,
            main.display()
        )),
    )
}

/// Every `Cargo.toml` under the workspace (among its `sources`) that is neither a
/// member nor excluded: a listing nobody can use, and a package cargo refuses to build
/// from its directory.
pub(super) fn packages_not_members(
    metadata: &Metadata,
    (root, sources): (&Path, &[PathBuf]),
    shown: &dyn Fn(&Path) -> PathBuf,
) -> Result<Vec<Problem>, FileError> {
    let members: BTreeSet<PathBuf> = metadata
        .workspace_packages()
        .iter()
        .map(|package| package.manifest_path.clone().into_std_path_buf())
        .collect();
    let excluded = excluded_dirs(root)?;
    let manifest = root.join("Cargo.toml");
    let mut problems = Vec::new();
    for file in sources {
        let is_manifest = file.file_name().is_some_and(|name| name == "Cargo.toml");
        if !is_manifest || *file == manifest || members.contains(file) {
            continue;
        }
        if excluded.iter().any(|dir| file.starts_with(dir)) {
            continue;
        }
        let dir = file.parent().unwrap_or(root);
        problems.push(
            Problem::new(format_args!(
                "{} is a package under the listings' workspace but not one of its members, so no page can show it and cargo will not build it",
                shown(dir).display()
            ))
            .at(&Location {
                file: shown(file),
                line: 1,
                column: 1,
            })
            .detail(format!(
                "add it to `members` in {} (or to `exclude`, if it is not a listing)",
                shown(&manifest).display()
            )),
        );
    }
    Ok(problems)
}

/// The directories `[workspace] exclude` names.
fn excluded_dirs(root: &Path) -> Result<Vec<PathBuf>, FileError> {
    let text = files::read_to_string(&root.join("Cargo.toml"))?;
    let manifest: toml::Table = toml::from_str(&text).unwrap_or_default();
    Ok(manifest
        .get("workspace")
        .and_then(|workspace| workspace.get("exclude"))
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .map(|dir| root.join(dir))
        .collect())
}
