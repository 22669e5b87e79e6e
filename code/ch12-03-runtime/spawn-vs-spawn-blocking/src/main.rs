use std::collections::HashSet;
use std::sync::{Arc, Barrier};
use std::thread;
use tokio::task::{self, JoinSet};

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("main           runs on '{}'", thread_name());
    let spawned = tokio::spawn(async { thread_name() }).await.unwrap();
    println!("tokio::spawn   runs on '{spawned}'");
    let blocking = task::spawn_blocking(thread_name).await.unwrap();
    println!("spawn_blocking runs on '{blocking}'");

    // Three blocking jobs that wait for each other: none can finish
    // until all three are running at the same time.
    let barrier = Arc::new(Barrier::new(3));
    let mut jobs = JoinSet::new();
    for _ in 0..3 {
        let barrier = Arc::clone(&barrier);
        jobs.spawn_blocking(move || {
            barrier.wait(); // blocks this thread, and only this one
            thread::current().id()
        });
    }

    let threads: HashSet<_> = jobs.join_all().await.into_iter().collect();
    println!(
        "3 blocking jobs met at the barrier on {} threads",
        threads.len()
    );
}
