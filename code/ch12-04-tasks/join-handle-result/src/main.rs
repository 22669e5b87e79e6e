use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::{Instant, sleep};

async fn slow_double(n: u64) -> u64 {
    sleep(Duration::from_secs(n)).await;
    n * 2
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let task: JoinHandle<u64> = tokio::spawn(slow_double(2));
    println!("{:?} task spawned", start.elapsed());

    sleep(Duration::from_secs(1)).await;
    let done = task.is_finished();
    println!("{:?} other work done; finished? {done}", start.elapsed());

    let result = task.await;
    println!("{:?} awaited the handle: {result:?}", start.elapsed());

    let n = result.expect("the task should not panic");
    println!("the value itself: {n}");
}
