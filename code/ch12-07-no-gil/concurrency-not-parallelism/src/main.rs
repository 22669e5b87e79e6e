use std::time::Instant;

use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinSet;

/// The same CPU-bound work as before: the primes in one of four slices.
fn count_primes(slice: u64) -> usize {
    let start = 1_000_000 + slice * 10_000;
    (start..start + 10_000)
        .filter(|&n| (2..).take_while(|d| d * d <= n).all(|d| n % d != 0))
        .count()
}

// ANCHOR: tasks
/// Spawns the four jobs as async tasks on `runtime` and waits for all of them.
fn four_tasks_on(runtime: &Runtime) {
    let took = runtime.block_on(async {
        let started = Instant::now();
        let mut tasks = JoinSet::new();
        for slice in 0..4 {
            tasks.spawn(async move { count_primes(slice) }); // CPU work in a task: see below
        }
        tasks.join_all().await;
        started.elapsed()
    });
    println!(
        "{:?}, workers: {}, four tasks: {} ms",
        runtime.handle().runtime_flavor(),
        runtime.metrics().num_workers(),
        took.as_millis()
    );
}

fn main() -> std::io::Result<()> {
    four_tasks_on(&Builder::new_current_thread().build()?);
    four_tasks_on(&Builder::new_multi_thread().build()?); // one worker per core
    Ok(())
}
// ANCHOR_END: tasks
