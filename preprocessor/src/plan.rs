//! Stage 4, plan: compare each used listing's content key with its snapshot's and
//! decide whether its capture can come from the snapshot (fresh) or it must run (stale).

use std::collections::BTreeMap;

use anyhow::Result;

use crate::config::Config;
use crate::key::{KeyInputs, listing_key};
use crate::pipeline::Mode;
use crate::report::Problem;
use crate::resolve::Used;
use crate::snapshot::{Snapshot, snapshot_path};

/// Where a listing's capture comes from this time.
pub enum Plan {
    /// The snapshot's key matches: use it, run nothing.
    Fresh(Snapshot),
    /// Build and run it; `key` is its content key now, `previous` the snapshot to
    /// compare with, if there is one.
    Stale {
        key: String,
        previous: Option<Snapshot>,
    },
}

/// What `list` shows of one listing.
pub struct Status {
    pub fresh: bool,
    pub has_snapshot: bool,
}

impl Plan {
    pub fn is_stale(&self) -> bool {
        matches!(self, Plan::Stale { .. })
    }
}

/// Plans every used listing. `check` and `bless` treat every listing as stale. An
/// unreadable snapshot is a problem, except under `bless`, which replaces it.
pub fn plan_listings(
    used: &BTreeMap<String, Used<'_>>,
    config: &Config,
    inputs: &KeyInputs,
    mode: Mode,
    problems: &mut Vec<Problem>,
) -> Result<BTreeMap<String, Plan>> {
    let mut plans = BTreeMap::new();
    for (name, one) in used {
        let (key, loaded) = key_and_snapshot(one, config, inputs)?;
        let previous = match loaded {
            Ok(previous) => previous,
            Err(_) if mode == Mode::Bless => None,
            Err(error) => {
                problems.push(Problem {
                    message: format!("listing `{name}`: {error:#}"),
                    locations: one.locations.clone(),
                    details: vec![],
                });
                None
            }
        };
        let plan = match previous {
            Some(snapshot) if mode == Mode::Build && snapshot.key == key => Plan::Fresh(snapshot),
            previous => Plan::Stale { key, previous },
        };
        plans.insert(name.clone(), plan);
    }
    Ok(plans)
}

/// A listing's content key now, and its snapshot as committed (`Ok(None)`: none yet).
fn key_and_snapshot(
    one: &Used<'_>,
    config: &Config,
    inputs: &KeyInputs,
) -> Result<(String, Result<Option<Snapshot>>)> {
    let key = listing_key(one.listing, config, inputs)?;
    Ok((key, Snapshot::load(&snapshot_path(&one.listing.dir))))
}

/// Fresh or stale, for `list`, without running anything.
pub fn status_of(one: &Used<'_>, config: &Config, inputs: &KeyInputs) -> Result<Status> {
    let (key, loaded) = key_and_snapshot(one, config, inputs)?;
    let snapshot = loaded.ok().flatten();
    Ok(Status {
        fresh: snapshot.as_ref().is_some_and(|s| s.key == key),
        has_snapshot: snapshot.is_some(),
    })
}
