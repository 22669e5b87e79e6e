use std::sync::Arc;
use std::time::Duration;
use support::timeline;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

// ANCHOR: limiter
/// A token bucket: holds up to `capacity` tokens, gains `rate` tokens per second,
/// and every request spends one.
struct RateLimiter {
    capacity: f64,
    rate: f64,
    bucket: Mutex<Bucket>,
}

struct Bucket {
    tokens: f64,
    refilled_at: Instant,
}

impl RateLimiter {
    fn new(rate: f64, capacity: f64) -> Self {
        let bucket = Bucket {
            tokens: capacity,
            refilled_at: Instant::now(),
        };
        RateLimiter {
            capacity,
            rate,
            bucket: Mutex::new(bucket),
        }
    }

    async fn acquire(&self) {
        // tokio's Mutex is fair and may be held across `.await`:
        // while one caller sleeps for its token, the others queue behind it.
        let mut bucket = self.bucket.lock().await;
        loop {
            let now = Instant::now();
            let earned = (now - bucket.refilled_at).as_secs_f64() * self.rate;
            bucket.tokens = (bucket.tokens + earned).min(self.capacity);
            bucket.refilled_at = now;
            if bucket.tokens >= 1.0 {
                bucket.tokens -= 1.0;
                return;
            }
            sleep(Duration::from_secs_f64((1.0 - bucket.tokens) / self.rate)).await;
        }
    }
}
// ANCHOR_END: limiter

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let limiter = Arc::new(RateLimiter::new(3.0, 3.0)); // 3 per second, burst of 3
    let start = Instant::now();

    let mut requests = JoinSet::new();
    for n in 1..=10 {
        let limiter = Arc::clone(&limiter);
        let request = async move {
            limiter.acquire().await;
            let at = start.elapsed().as_secs_f64();
            println!("request {n:>2} let through at {at:.2} s");
        };
        requests.spawn(timeline::task(&format!("request {n}"), request));
    }
    requests.join_all().await;
}
// ANCHOR_END: main
