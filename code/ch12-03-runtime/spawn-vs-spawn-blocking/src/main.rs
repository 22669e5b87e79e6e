use std::collections::HashSet;
use std::sync::{Arc, Barrier};
use std::thread;
use tokio::task;

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
    let jobs: Vec<_> = (0..3)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            task::spawn_blocking(move || {
                barrier.wait(); // blocks this thread, and only this one
                thread::current().id()
            })
        })
        .collect();

    let mut threads = HashSet::new();
    for job in jobs {
        threads.insert(job.await.unwrap());
    }
    println!(
        "3 blocking jobs met at the barrier on {} threads",
        threads.len()
    );
}
