//! What a directive can name that the workspace does not have (the problems resolving
//! reports at the directive), and a workspace that cannot be read at all.

use std::path::PathBuf;

use crate::anchor::AnchorError;
use crate::files::FileError;

/// A directive that names something the workspace does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Unresolved {
    #[error("unknown listing `{name}` (did you mean `{closest}`?)")]
    Misspelt { name: String, closest: String },
    #[error("unknown listing `{name}`: no package of that name in the workspace {}", workspace.display())]
    Unknown { name: String, workspace: PathBuf },
    #[error("listing `{listing}`, anchor `{anchor}`: {error} ({})", file.display())]
    Anchor {
        listing: String,
        anchor: String,
        error: AnchorError,
        file: PathBuf,
    },
    #[error(
        "listing `{listing}`: `anchor-captions` names `{anchor}`, which is not an anchor in the files its pages show"
    )]
    CaptionAnchor { listing: String, anchor: String },
    #[error("listing `{listing}` has no file `{file}`{}", did_you_mean(closest))]
    NoFile {
        listing: String,
        file: String,
        closest: Option<String>,
    },
    #[error(
        "`{{{{#listing-ref {listing}}}}}` refers to a listing no page shows with `{{{{#listing {listing}}}}}`, so there is nothing to link to"
    )]
    RefToUnshown { listing: String },
    #[error(
        "`{{{{#listing-ref {listing}}}}}` refers to a listing declared `numbered = false`, which has no number to show"
    )]
    RefToUnnumbered { listing: String },
    #[error(
        "listing `{listing}` declares no value `{key}`{}",
        did_you_mean(closest)
    )]
    NoValue {
        listing: String,
        key: String,
        closest: Option<String>,
    },
    #[error(
        "listing `{listing}` declares no chart `{chart}`{}",
        did_you_mean(closest)
    )]
    NoChart {
        listing: String,
        chart: String,
        closest: Option<String>,
    },
}

/// " (did you mean `x`?)", or nothing.
pub(super) fn did_you_mean(closest: &Option<String>) -> String {
    closest.as_ref().map_or_else(String::new, |closest| {
        format!(" (did you mean `{closest}`?)")
    })
}

/// The listings' workspace could not be read.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WorkspaceError {
    #[error(
        "the listings' workspace {} has no Cargo.toml (set `workspace` under [preprocessor.transcript] in book.toml)",
        .0.display()
    )]
    NoManifest(PathBuf),
    #[error("cannot read the listings' workspace {}", manifest.display())]
    Metadata {
        manifest: PathBuf,
        #[source]
        source: cargo_metadata::Error,
    },
    #[error(transparent)]
    File(#[from] FileError),
}
