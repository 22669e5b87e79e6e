//! `list [BOOK]`: every listing the book uses, where, what it declares, whether its
//! snapshot is fresh and when it last ran here. Runs nothing.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::Result;

use crate::pipeline::Listed;
use crate::report;

use super::book::{Transcript, preprocess};

/// Prints one line per listing to stdout, then a count to stderr.
pub(super) fn execute(book: &Path) -> Result<()> {
    // mdBook's `links` runs first, so listings used in included files are seen, as
    // a build sees them.
    let collected = Arc::new(Mutex::new(Vec::new()));
    preprocess(book, Transcript::List(collected.clone()))?;
    let listings = std::mem::take(&mut *collected.lock().unwrap_or_else(|p| p.into_inner()));
    let now = SystemTime::now();
    report::table_row(&format!(
        "{:<28} {:<34} {:<12} {:<22} used at",
        "listing", "expects", "status", "last run"
    ));
    for listed in &listings {
        report::table_row(&row(listed, now));
    }
    let stale = listings
        .iter()
        .filter(|listed| !listed.status.fresh)
        .count();
    report::status(format_args!("{} listing(s), {stale} stale", listings.len()));
    Ok(())
}

fn row(listed: &Listed, now: SystemTime) -> String {
    let state = match (listed.status.fresh, listed.status.has_snapshot) {
        (true, _) => "fresh",
        (false, true) => "stale",
        (false, false) => "no snapshot",
    };
    let last_run = listed.last_run.as_ref().map_or_else(
        || "never (here)".to_string(),
        |run| {
            let age = now.duration_since(run.finished()).unwrap_or_default();
            format!("{} ago, {:.1} s", rough(age), run.seconds)
        },
    );
    let places: Vec<String> = listed.locations.iter().map(ToString::to_string).collect();
    format!(
        "{:<28} {:<34} {:<12} {:<22} {}",
        listed.name,
        listed.expects,
        state,
        last_run,
        places.join(", ")
    )
}

/// "12 s", "4 min", "3 h", "2 days".
fn rough(age: Duration) -> String {
    let seconds = age.as_secs();
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => format!("{} min", seconds / 60),
        3600..86400 => format!("{} h", seconds / 3600),
        _ => format!("{} days", seconds / 86400),
    }
}
