use std::time::Duration;
use tokio::time::{Instant, sleep, timeout};

async fn fetch(start: Instant, secs: u64) -> u64 {
    println!("{:?}   fetch({secs} s): started", start.elapsed());
    sleep(Duration::from_secs(secs)).await;
    println!("{:?}   fetch({secs} s): finished", start.elapsed());
    secs * 100
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let limit = Duration::from_secs(2);

    let slow = timeout(limit, fetch(start, 10)).await;
    println!("{:?} slow: {slow:?}", start.elapsed());
    if let Err(elapsed) = slow {
        println!("   which says: {elapsed}");
    }

    let fast = timeout(limit, fetch(start, 1)).await;
    println!("{:?} fast: {fast:?}", start.elapsed());

    let task = tokio::spawn(fetch(start, 5));
    let waited = timeout(limit, task).await;
    println!("{:?} gave up on the task: {waited:?}", start.elapsed());
    sleep(Duration::from_secs(10)).await;

    let mut task = tokio::spawn(fetch(start, 5));
    if timeout(limit, &mut task).await.is_err() {
        task.abort();
        println!("{:?} aborted the task: {:?}", start.elapsed(), task.await);
    }
    sleep(Duration::from_secs(10)).await;
    println!("{:?} main: done", start.elapsed());
}
