use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

/// Counts operations from its creation until it is dropped, then reports the rate.
struct RateMonitor {
    label: &'static str,
    started: Instant,
    ops: AtomicU32,
}

impl RateMonitor {
    fn start(label: &'static str) -> RateMonitor {
        RateMonitor {
            label,
            started: Instant::now(),
            ops: AtomicU32::new(0),
        }
    }

    fn tick(&self) {
        self.ops.fetch_add(1, Ordering::Relaxed);
    }
}

impl Drop for RateMonitor {
    fn drop(&mut self) {
        let ops = self.ops.load(Ordering::Relaxed);
        let secs = self.started.elapsed().as_secs_f64();
        let rate = f64::from(ops) / secs;
        println!("[{}] {ops} ops in {secs:.2} s: {rate:.1} ops/s", self.label);
    }
}

/// The `async with` shape: run `body` with a monitor, report when it ends.
async fn monitored<T>(label: &'static str, body: impl AsyncFnOnce(&RateMonitor) -> T) -> T {
    let monitor = RateMonitor::start(label);
    body(&monitor).await
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let fetched = monitored("fetch", async |monitor| {
        for _ in 0..20 {
            sleep(Duration::from_millis(50)).await; // one "request"
            monitor.tick();
        }
        20
    })
    .await;
    println!("the block returned {fetched}");

    // A guard also reports when its block is cancelled, here by a timeout.
    let result = timeout(Duration::from_secs(1), async {
        let monitor = RateMonitor::start("slow");
        loop {
            sleep(Duration::from_millis(300)).await;
            monitor.tick();
        }
    })
    .await;
    println!("the slow block: {result:?}");
}
