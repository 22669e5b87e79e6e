use std::thread;
use support::timeline;
use tokio::runtime::{Builder, Handle, LocalRuntime};

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}

// ANCHOR: report
async fn report(runtime: &str) {
    let handle = Handle::current(); // whichever runtime is running this code
    let workers = handle.metrics().num_workers();
    println!("{runtime}: {workers} worker thread(s)");
    println!("  block_on runs its future on '{}'", thread_name());
    let spawned = timeline::task(&format!("{runtime}: spawned"), async { thread_name() });
    let spawned = tokio::spawn(spawned).await.unwrap();
    println!("  a spawned task runs on      '{spawned}'");
}
// ANCHOR_END: report

// ANCHOR: main
fn main() -> std::io::Result<()> {
    let cores = thread::available_parallelism()?;
    println!("this machine has {cores} cores\n");

    let one_thread = Builder::new_current_thread().build()?;
    one_thread.block_on(timeline::task("current_thread: block_on", report("current_thread")));

    let pool = Builder::new_multi_thread().build()?;
    pool.block_on(timeline::task("multi_thread: block_on", report("multi_thread")));

    let local = LocalRuntime::new()?; // like current_thread, and takes `spawn_local`
    local.block_on(timeline::task("local: block_on", report("local")));
    Ok(())
}
// ANCHOR_END: main
