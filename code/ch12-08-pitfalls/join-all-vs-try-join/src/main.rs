use futures::future::join_all;
use std::time::Duration;
use tokio::time::{Instant, sleep};

async fn step(start: Instant, name: &str, secs: u64, fails: bool) -> Result<String, String> {
    println!("   {:?} {name}: started", start.elapsed());
    sleep(Duration::from_secs(secs)).await;
    if fails {
        println!("   {:?} {name}: failed", start.elapsed());
        return Err(format!("{name} failed"));
    }
    println!("   {:?} {name}: finished", start.elapsed());
    Ok(name.to_uppercase())
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    println!("join_all:");
    let results = join_all([
        step(start, "fast", 1, false),
        step(start, "flaky", 2, true),
        step(start, "slow", 3, false),
    ])
    .await;
    println!("{:?} join_all returned {results:?}", start.elapsed());

    let start = Instant::now();
    println!("try_join!:");
    let results = tokio::try_join!(
        step(start, "fast", 1, false),
        step(start, "flaky", 2, true),
        step(start, "slow", 3, false),
    );
    println!("{:?} try_join! returned {results:?}", start.elapsed());
}
