use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

// ANCHOR: worker
/// Takes items until the channel is closed and empty, then reports what it did.
async fn worker(id: u32, queue: Arc<Mutex<mpsc::Receiver<u64>>>) -> (u32, usize, u64) {
    let (mut count, mut sum) = (0, 0);
    loop {
        // The lock is released at the end of this statement, before the work starts.
        let item = queue.lock().await.recv().await;
        let Some(item) = item else { break }; // None: every Sender is gone
        sleep(Duration::from_millis(250)).await; // the "work"
        count += 1;
        sum += item * item;
    }
    (id, count, sum)
}
// ANCHOR_END: worker

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel(2); // bounded: holds at most 2 waiting items
    let queue = Arc::new(Mutex::new(rx)); // one Receiver, shared by three workers

    let mut workers = JoinSet::new();
    for id in 1..=3 {
        workers.spawn(worker(id, Arc::clone(&queue)));
    }

    for item in 1..=10 {
        sleep(Duration::from_millis(100)).await;
        tx.send(item).await.expect("the workers are listening");
    }
    drop(tx); // no sentinel values: closing the channel is the signal
    let at = start.elapsed().as_secs_f64();
    println!("producer: sent 10 items by {at:.2} s, closed the channel");

    let mut reports = workers.join_all().await;
    reports.sort();
    for (id, count, sum) in &reports {
        println!("worker {id}: channel closed; {count} items, sum of squares {sum}");
    }
    let total: u64 = reports.iter().map(|(_, _, sum)| sum).sum();
    let at = start.elapsed().as_secs_f64();
    println!("all workers done at {at:.2} s; sum of squares {total}");
}
// ANCHOR_END: main
