use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::{self, ThreadId};
use std::time::Instant;

use rayon::prelude::*;
use tokio::task::JoinSet;

const JOBS: u64 = 16;
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// One job: counts the primes in a slice of 5,000 numbers, keeping count of how many
/// jobs are running at the same moment. Returns the thread it ran on.
fn job(slice: u64) -> ThreadId {
    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
    PEAK.fetch_max(now, Ordering::SeqCst);
    let start = 1_000_000 + slice * 5_000;
    let primes = (start..start + 5_000)
        .filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count();
    assert!(primes > 0);
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    thread::current().id()
}

// ANCHOR: compare
fn report(how: &str, threads: Vec<ThreadId>, started: Instant) {
    let threads: HashSet<_> = threads.into_iter().collect();
    println!(
        "{how:<15} {:>2} threads, at most {:>2} jobs running at once, {:>3} ms",
        threads.len(),
        PEAK.swap(0, Ordering::SeqCst),
        started.elapsed().as_millis()
    );
}

fn main() -> std::io::Result<()> {
    println!("{JOBS} jobs, cores: {}", thread::available_parallelism()?);

    let runtime = tokio::runtime::Runtime::new()?;
    let started = Instant::now();
    let threads = runtime.block_on(async {
        let mut jobs = JoinSet::new();
        for slice in 0..JOBS {
            jobs.spawn_blocking(move || job(slice));
        }
        jobs.join_all().await
    });
    report("spawn_blocking", threads, started);

    let started = Instant::now();
    let threads = (0..JOBS).into_par_iter().map(job).collect();
    report("rayon", threads, started);
    Ok(())
}
// ANCHOR_END: compare
