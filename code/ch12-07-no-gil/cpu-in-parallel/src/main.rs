use std::time::{Duration, Instant};

use rayon::prelude::*;
use tokio::task::JoinSet;

// ANCHOR: jobs
/// CPU-bound work and nothing else: counts the primes in one of four equal slices
/// of 1,000,000..1,040,000, the slow way.
fn count_primes(slice: u64) -> usize {
    let start = 1_000_000 + slice * 10_000;
    (start..start + 10_000)
        .filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count()
}

fn main() -> std::io::Result<()> {
    let cores = std::thread::available_parallelism()?;
    println!("cores on this machine: {cores}");

    let started = Instant::now();
    let primes: usize = (0..4).map(count_primes).sum();
    let baseline = started.elapsed();
    report("one after the other", primes, baseline, baseline);

    let started = Instant::now();
    let primes = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..4)
            .map(|slice| scope.spawn(move || count_primes(slice)))
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).sum()
    });
    report("std::thread::scope", primes, started.elapsed(), baseline);

    let started = Instant::now();
    let primes: usize = (0..4).into_par_iter().map(count_primes).sum();
    report("rayon", primes, started.elapsed(), baseline);

    // From async code: the work goes to the blocking pool, the runtime only waits.
    let runtime = tokio::runtime::Runtime::new()?;
    let started = Instant::now();
    let primes: usize = runtime.block_on(async {
        let mut jobs = JoinSet::new();
        for slice in 0..4 {
            jobs.spawn_blocking(move || count_primes(slice));
        }
        jobs.join_all().await.into_iter().sum()
    });
    report("spawn_blocking", primes, started.elapsed(), baseline);
    Ok(())
}
// ANCHOR_END: jobs

/// Prints one line of the comparison; the speedup is against `baseline`.
fn report(how: &str, primes: usize, took: Duration, baseline: Duration) {
    println!(
        "{how:<20} {primes} primes in {:>4} ms ({:.1}x)",
        took.as_millis(),
        baseline.as_secs_f64() / took.as_secs_f64()
    );
}
