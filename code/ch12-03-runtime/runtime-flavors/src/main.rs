use std::thread;
use tokio::runtime::{Builder, Handle};

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}

// ANCHOR: report
async fn report() {
    let handle = Handle::current(); // whichever runtime is running this code
    println!(
        "{:?} runtime, {} worker thread(s)",
        handle.runtime_flavor(),
        handle.metrics().num_workers()
    );
    println!("  block_on runs its future on '{}'", thread_name());
    let spawned = tokio::spawn(async { thread_name() }).await.unwrap();
    println!("  a spawned task runs on      '{spawned}'");
}
// ANCHOR_END: report

// ANCHOR: main
fn main() {
    let cores = thread::available_parallelism().unwrap();
    println!("this machine has {cores} cores\n");

    let one_thread = Builder::new_current_thread().build().unwrap();
    one_thread.block_on(report());

    let pool = Builder::new_multi_thread().build().unwrap();
    pool.block_on(report());
}
// ANCHOR_END: main
