use std::collections::HashSet;
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tokio::task::JoinSet;

const JOBS: u64 = 8;

/// One job: counts the primes in a slice of 20,000 numbers, and says where and when
/// (after `started`) it finished.
fn job(slice: u64, started: Instant) -> (ThreadId, Duration) {
    let start = 1_000_000 + slice * 20_000;
    let primes = (start..start + 20_000)
        .filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count();
    assert!(primes > 0);
    (thread::current().id(), started.elapsed())
}

// ANCHOR: compare
fn report(how: &str, finished: Vec<(ThreadId, Duration)>) {
    let threads: HashSet<_> = finished.iter().map(|(thread, _)| thread).collect();
    let first = finished.iter().map(|(_, at)| at).min().unwrap();
    let last = finished.iter().map(|(_, at)| at).max().unwrap();
    println!(
        "{how:<15} on {:>2} threads: first job done after {:>3} ms, last after {:>3} ms",
        threads.len(),
        first.as_millis(),
        last.as_millis()
    );
}

fn main() -> std::io::Result<()> {
    println!("{JOBS} jobs, cores: {}", thread::available_parallelism()?);

    let runtime = tokio::runtime::Runtime::new()?;
    let finished = runtime.block_on(async {
        let started = Instant::now();
        let mut jobs = JoinSet::new();
        for slice in 0..JOBS {
            jobs.spawn_blocking(move || job(slice, started));
        }
        jobs.join_all().await
    });
    report("spawn_blocking", finished);

    let started = Instant::now();
    let finished = (0..JOBS)
        .into_par_iter()
        .map(|slice| job(slice, started))
        .collect();
    report("rayon", finished);
    Ok(())
}
// ANCHOR_END: compare
