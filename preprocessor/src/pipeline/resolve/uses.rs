//! Every directive to the listing it names, and what of it the page shows: the files
//! (the binary's main source, or `NAME/FILE`), their anchors, the values. Whatever does
//! not exist is a problem at the directive, with a "did you mean" where one fits.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::anchor::shown_source;
use crate::files::{self, FileError};
use crate::listing::Listing;
use crate::listing::read::closest;
use crate::report::{Location, Problem, Problems};

use super::super::parse::{DirectiveKind, Use};
use super::errors::Unresolved;
use super::workspace::Workspace;

/// A listing the book uses: every place that uses it, and the files its pages show,
/// by path relative to its directory.
pub(crate) struct Used<'w> {
    pub(crate) listing: &'w Listing,
    pub(crate) locations: Vec<Location>,
    pub(crate) sources: BTreeMap<PathBuf, String>,
}

impl Used<'_> {
    /// The source a `{{#listing}}` with this `file` shows (none: the main source).
    pub(crate) fn source(&self, file: Option<&str>) -> &str {
        self.sources
            .get(&self.listing.shown_file(file))
            .map_or("", String::as_str)
    }
}

/// Every listing the book uses, by name.
pub(crate) type UsedListings<'w> = BTreeMap<String, Used<'w>>;

/// Resolves every directive to its listing, by name.
pub(crate) fn resolve_uses<'w, 'u>(
    workspace: &'w Workspace,
    uses: impl IntoIterator<Item = &'u Use>,
    problems: &mut Problems,
) -> Result<UsedListings<'w>, FileError> {
    let uses: Vec<&Use> = uses.into_iter().collect();
    let mut used = UsedListings::new();
    for &one in &uses {
        let listing = match workspace.get(&one.directive.listing) {
            Ok(listing) => listing,
            Err(_) if workspace.is_broken(&one.directive.listing) => continue,
            Err(unresolved) => {
                problems.push(Problem::new(unresolved).at(&one.location));
                continue;
            }
        };
        let entry = used.entry(listing.name.clone()).or_insert_with(|| Used {
            listing,
            locations: Vec::new(),
            sources: BTreeMap::new(),
        });
        if let Err(unresolved) = resolve_one(entry, &one.directive.kind)? {
            problems.push(Problem::new(unresolved).at(&one.location));
        }
        entry.locations.push(one.location.clone());
    }
    problems.extend(references_to_unshown(&uses, &used));
    for entry in used.values() {
        if let Some(unresolved) = unknown_caption_anchor(entry) {
            problems.push(Problem::new(unresolved).at_each(&entry.locations));
        }
    }
    Ok(used)
}

/// Reads what one directive shows of its listing and checks that it is there.
fn resolve_one(
    entry: &mut Used<'_>,
    kind: &DirectiveKind,
) -> Result<Result<(), Unresolved>, FileError> {
    let listing = entry.listing;
    match kind {
        DirectiveKind::Listing { file, anchor } => {
            let path = listing.shown_file(file.as_deref());
            if !entry.sources.contains_key(&path) {
                let Some(text) = files::read_to_string_optional(&listing.dir.join(&path))? else {
                    return Ok(Err(no_file(listing, &path)?));
                };
                entry.sources.insert(path.clone(), text);
            }
            if let Some(anchor) = anchor
                && let Err(error) = shown_source(&entry.sources[&path], Some(anchor))
            {
                return Ok(Err(Unresolved::Anchor {
                    listing: listing.name.clone(),
                    anchor: anchor.clone(),
                    error,
                    file: listing.dir.join(&path),
                }));
            }
        }
        DirectiveKind::Value { key } if !listing.meta.values.contains_key(key) => {
            let known: Vec<&str> = listing.meta.values.keys().map(String::as_str).collect();
            return Ok(Err(Unresolved::NoValue {
                listing: listing.name.clone(),
                key: key.clone(),
                closest: closest(key, &known).map(str::to_string),
            }));
        }
        DirectiveKind::Chart { chart } if !listing.meta.charts.contains_key(chart) => {
            let known: Vec<&str> = listing.meta.charts.keys().map(String::as_str).collect();
            return Ok(Err(Unresolved::NoChart {
                listing: listing.name.clone(),
                chart: chart.clone(),
                closest: closest(chart, &known).map(str::to_string),
            }));
        }
        DirectiveKind::ListingRef if !listing.meta.numbered => {
            return Ok(Err(Unresolved::RefToUnnumbered {
                listing: listing.name.clone(),
            }));
        }
        _ => {}
    }
    Ok(Ok(()))
}

/// A file a directive names that the listing does not have, with the closest one it has.
fn no_file(listing: &Listing, path: &Path) -> Result<Unresolved, FileError> {
    let have: Vec<String> = files::sources_under(&listing.dir)?
        .iter()
        .filter_map(|file| file.strip_prefix(&listing.dir).ok())
        .map(|file| file.display().to_string())
        .collect();
    let have: Vec<&str> = have.iter().map(String::as_str).collect();
    let written = path.display().to_string();
    Ok(Unresolved::NoFile {
        listing: listing.name.clone(),
        closest: closest(&written, &have).map(str::to_string),
        file: written,
    })
}

/// `{{#listing-ref NAME}}` to a listing no `{{#listing NAME}}` shows.
fn references_to_unshown(uses: &[&Use], used: &UsedListings<'_>) -> Vec<Problem> {
    let shown: BTreeSet<&str> = uses
        .iter()
        .filter(|one| matches!(one.directive.kind, DirectiveKind::Listing { .. }))
        .map(|one| one.directive.listing.as_str())
        .collect();
    uses.iter()
        .filter(|one| one.directive.kind == DirectiveKind::ListingRef)
        .filter(|one| used.contains_key(&one.directive.listing))
        .filter(|one| !shown.contains(one.directive.listing.as_str()))
        .map(|one| {
            Problem::new(Unresolved::RefToUnshown {
                listing: one.directive.listing.clone(),
            })
            .at(&one.location)
        })
        .collect()
}

/// A name in `anchor-captions` that is not an anchor of any file the pages show.
fn unknown_caption_anchor(entry: &Used<'_>) -> Option<Unresolved> {
    let named = entry.listing.meta.anchor_captions.keys().find(|named| {
        entry
            .sources
            .values()
            .all(|source| shown_source(source, Some(named)).is_err())
    })?;
    Some(Unresolved::CaptionAnchor {
        listing: entry.listing.name.clone(),
        anchor: named.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_anchor_caption_for_no_anchor_is_named() {
        let mut demo = Listing::fixture(Path::new("/demo"));
        demo.meta
            .anchor_captions
            .insert("helper".into(), "Just the `helper`".into());
        let sources = BTreeMap::from([(
            PathBuf::from("src/main.rs"),
            "// ANCHOR: helper\nfn helper() {}\n// ANCHOR_END: helper\nfn main() {}\n".to_string(),
        )]);
        let unknown = |listing: &Listing| {
            unknown_caption_anchor(&Used {
                listing,
                locations: vec![],
                sources: sources.clone(),
            })
        };
        assert_eq!(unknown(&demo), None);
        demo.meta
            .anchor_captions
            .insert("nowhere".into(), "typo".into());
        assert_eq!(
            unknown(&demo).unwrap().to_string(),
            "listing `demo`: `anchor-captions` names `nowhere`, which is not an anchor in the files its pages show"
        );
    }
}
