use std::time::{Duration, Instant};

use rayon::prelude::*;

// ANCHOR: jobs
/// CPU-bound work and nothing else: counts the primes in one of four equal slices
/// of 1,000,000..1,200,000, the slow way.
fn count_primes(slice: u64) -> usize {
    let start = 1_000_000 + slice * 50_000;
    (start..start + 50_000)
        .filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count()
}

#[tokio::main] // the multi-thread runtime: one worker thread per core
async fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("cores on this machine: {cores}");

    let started = Instant::now();
    let primes: usize = (0..4).map(count_primes).sum();
    let baseline = started.elapsed();
    report("one after the other", primes, baseline, baseline);

    let started = Instant::now();
    let jobs: Vec<_> = (0..4)
        .map(|slice| tokio::task::spawn_blocking(move || count_primes(slice)))
        .collect();
    let mut primes = 0;
    for job in jobs {
        primes += job.await.expect("job did not panic");
    }
    report("spawn_blocking", primes, started.elapsed(), baseline);

    let started = Instant::now();
    let primes: usize = (0..4).into_par_iter().map(count_primes).sum();
    report("rayon", primes, started.elapsed(), baseline);
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
