use std::time::Duration;
use support::timeline;
use tokio::time::sleep;

async fn boil(what: &'static str) {
    println!("   {what}: started");
    sleep(Duration::from_millis(50)).await;
    println!("   {what}: done");
}

// The clock is paused (tokio's test-util), so sleeps take no real time
// and the order below is the same on every run.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let plain = timeline::task("plain future", boil("plain future"));
    let task = tokio::spawn(timeline::task("spawned task", boil("spawned task")));
    println!("main: made both, now busy for 100 ms");
    sleep(Duration::from_millis(100)).await;

    println!("main: awaiting both");
    plain.await;
    task.await.expect("the task should not panic");
}
