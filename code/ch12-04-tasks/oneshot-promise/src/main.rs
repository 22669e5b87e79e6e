use std::time::Duration;
use tokio::sync::oneshot;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();

    let (promise, future) = oneshot::channel::<&str>();
    tokio::spawn(async move {
        sleep(Duration::from_secs(1)).await;
        promise.send("future completed").expect("receiver gone");
    });
    let result = future.await;
    println!("{:?} kept promise: {result:?}", start.elapsed());

    let (promise, future) = oneshot::channel::<&str>();
    tokio::spawn(async move {
        sleep(Duration::from_secs(1)).await;
        drop(promise); // changed its mind: never sends
    });
    let result = future.await;
    println!("{:?} broken promise: {result:?}", start.elapsed());
    if let Err(e) = result {
        println!("   which says: {e}");
    }
}
