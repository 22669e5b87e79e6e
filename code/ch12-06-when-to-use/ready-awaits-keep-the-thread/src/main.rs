use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::mpsc;

static AWAITED: AtomicU32 = AtomicU32::new(0);

/// Another task on the same thread: says how far `main` had got when it first ran.
async fn other_task() {
    let so_far = AWAITED.load(Ordering::SeqCst);
    println!("  the other task got the thread after {so_far} awaits");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("1000 x std::future::ready(()).await");
    let other = tokio::spawn(other_task());
    for _ in 0..1000 {
        std::future::ready(()).await; // ready at once: no reason to give the thread back
        AWAITED.fetch_add(1, Ordering::SeqCst);
    }
    other.await.unwrap();

    println!("1000 x recv().await on a channel already holding 1000 items");
    let (sender, mut items) = mpsc::unbounded_channel();
    for item in 0..1000 {
        sender.send(item).unwrap();
    }
    AWAITED.store(0, Ordering::SeqCst);
    let other = tokio::spawn(other_task());
    for _ in 0..1000 {
        items.recv().await; // ready too, but tokio's own futures count against a budget
        AWAITED.fetch_add(1, Ordering::SeqCst);
    }
    other.await.unwrap();
}
