use std::time::Duration;
use tokio::time::{Instant, sleep};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: worker
async fn worker(name: &str, job_ms: u64, stop: CancellationToken, start: Instant) {
    let mut jobs = 0;
    loop {
        tokio::select! {
            _ = stop.cancelled() => break, // asked to stop: leave the loop, not the function
            _ = sleep(Duration::from_millis(job_ms)) => jobs += 1,
        }
    }
    println!(
        "{:>6?} {name}: asked to stop after {jobs} jobs, saving",
        start.elapsed()
    );
    sleep(Duration::from_millis(job_ms / 2)).await; // cleanup that awaits, and runs
    println!("{:>6?} {name}: saved, exiting", start.elapsed());
}
// ANCHOR_END: worker

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    // ANCHOR: main
    let stop = CancellationToken::new();
    let tracker = TaskTracker::new();
    tracker.spawn(worker("uploader", 1000, stop.clone(), start));
    tracker.spawn(worker("indexer", 300, stop.clone(), start));
    tracker.close(); // no more tasks: wait() may return once these two are done

    sleep(Duration::from_millis(2500)).await;
    println!("{:>6?} main: asking everyone to stop", start.elapsed());
    stop.cancel();
    tracker.wait().await;
    println!("{:>6?} main: every worker has exited", start.elapsed());
    // ANCHOR_END: main
}
