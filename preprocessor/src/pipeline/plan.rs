//! Stage 4, plan: compare each used listing's content key with its snapshot's and
//! decide whether its capture can come from the snapshot (fresh) or it must run (stale).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::capture::Capture;

use crate::config::Config;
use crate::files::FileError;
use crate::listing::Listing;
use crate::mode::Request;
use crate::report::{Problem, Problems};
use crate::run_log::RunLog;
use crate::shard::{Shard, Work};

use super::key::{KeyInputs, listing_key};
use super::resolve::{Used, UsedListings, Workspace};
use super::snapshot::{Snapshot, SnapshotError};

/// Where a listing's capture comes from this time.
pub(crate) enum Plan {
    /// The snapshot's key matches: use it, run nothing.
    Fresh(Snapshot),
    /// Build and run it; `key` is its content key now, `previous` the snapshot to
    /// compare with, if there is one.
    Stale {
        key: String,
        previous: Option<Snapshot>,
    },
}

/// Every used listing's plan, by name.
pub(crate) type Plans = BTreeMap<String, Plan>;

/// What `list` shows of one listing.
pub(crate) struct Status {
    pub(crate) fresh: bool,
    pub(crate) has_snapshot: bool,
}

impl Plan {
    pub(crate) fn is_stale(&self) -> bool {
        matches!(self, Plan::Stale { .. })
    }
}

/// Plans every used listing. Only a build takes fresh snapshots as they are; `check`
/// and `bless` treat every listing as stale. An unreadable snapshot is a problem,
/// unless the mode replaces it. Keys are computed and snapshots read on every core.
pub(crate) fn plan_listings(
    used: &UsedListings<'_>,
    config: &Config,
    inputs: &KeyInputs,
    request: &Request,
    problems: &mut Problems,
) -> Result<Plans, FileError> {
    let mode = request.mode;
    let read: Vec<_> = used
        .par_iter()
        .map(|(name, one)| {
            let key = listing_key(one.listing, config, inputs);
            (name, one, key, Snapshot::load_for(one.listing))
        })
        .collect();
    let mut plans = Plans::new();
    for (name, one, key, snapshot) in read {
        let key = key?;
        let previous = match snapshot {
            Ok(previous) => previous,
            Err(_) if mode.replaces_unreadable_snapshots() => None,
            // Written in an older form: a build takes it again; check and CI say so.
            Err(SnapshotError::Outdated { .. }) if mode.writes_snapshots() => None,
            Err(error) => {
                problems.push(
                    Problem::new(format_args!(
                        "listing `{name}`: {:#}",
                        anyhow::Error::from(error)
                    ))
                    .at_each(&one.locations)
                    .detail(request.invocation.to_rewrite_a_snapshot()),
                );
                None
            }
        };
        let plan = match previous {
            Some(snapshot) if mode.reuses_fresh_snapshots() && snapshot.key == key => {
                Plan::Fresh(snapshot)
            }
            previous => Plan::Stale { key, previous },
        };
        plans.insert(name.clone(), plan);
    }
    Ok(plans)
}

/// The listings to build and run, in name order.
pub(crate) fn stale_listings<'w>(used: &UsedListings<'w>, plans: &Plans) -> Vec<&'w Listing> {
    used.values()
        .map(|one| one.listing)
        .filter(|listing| plans[&listing.name].is_stale())
        .collect()
}

/// The key each stale listing was planned with.
pub(crate) fn planned_keys(plans: &Plans) -> BTreeMap<String, String> {
    plans
        .iter()
        .filter_map(|(name, plan)| match plan {
            Plan::Stale { key, .. } => Some((name.clone(), key.clone())),
            Plan::Fresh(_) => None,
        })
        .collect()
}

/// The captures of the listings that ran, and of the fresh ones from their snapshots.
pub(crate) fn with_fresh_captures(
    mut captures: HashMap<String, Capture>,
    plans: Plans,
) -> HashMap<String, Capture> {
    for (name, plan) in plans {
        if let Plan::Fresh(snapshot) = plan {
            captures.insert(name, snapshot.capture);
        }
    }
    captures
}

/// Fresh or stale, for `list`, without running anything.
pub(crate) fn status_of(
    one: &Used<'_>,
    config: &Config,
    inputs: &KeyInputs,
) -> Result<Status, FileError> {
    let key = listing_key(one.listing, config, inputs)?;
    let snapshot = Snapshot::load_for(one.listing).ok().flatten();
    Ok(Status {
        fresh: snapshot.as_ref().is_some_and(|s| s.key == key),
        has_snapshot: snapshot.is_some(),
    })
}

/// The names of the workspace's listings (used or not) that `shard` takes, balanced by
/// the run log's times. A listing that depends on another listing's crate by path goes
/// with it.
pub(crate) fn listings_of_shard(workspace: &Workspace, shard: Shard) -> BTreeSet<String> {
    let run_log = RunLog::load(&workspace.target_dir);
    let listings = &workspace.listings;
    let weights = listings
        .keys()
        .map(|name| (name.as_str(), run_log.runs.get(name).map(|run| run.seconds)))
        .collect();
    let together = listings
        .values()
        .flat_map(|listing| {
            listing.path_dependencies.iter().filter_map(|dir| {
                listings
                    .values()
                    .find(|other| &other.dir == dir)
                    .map(|other| (listing.name.as_str(), other.name.as_str()))
            })
        })
        .collect();
    Work { weights, together }
        .select(shard)
        .into_iter()
        .map(str::to_string)
        .collect()
}
