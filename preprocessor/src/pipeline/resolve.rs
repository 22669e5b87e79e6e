//! Stage 2, resolve: each directive's listing name -> its package in the listings'
//! workspace ([`workspace`], read with `cargo metadata`): crate directory, sources, path
//! dependencies and its `[package.metadata.transcript]` settings. Unknown listings,
//! files, anchors and values become problems at the directive ([`uses`]).

mod errors;
mod exercise;
mod layout;
mod metadata;
mod uses;
mod workspace;

pub(crate) use metadata::{Described, WorkspaceFiles};
pub(crate) use uses::{Used, UsedListings, resolve_uses};
pub(crate) use workspace::Workspace;
