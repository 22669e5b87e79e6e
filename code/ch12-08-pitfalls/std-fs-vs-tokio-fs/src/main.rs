use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;
use support::SlowFile;

const READ_TAKES: Duration = Duration::from_millis(300);

// ANCHOR: reads
async fn reads(ticks: &AtomicU32) -> std::io::Result<()> {
    let file = SlowFile::new(READ_TAKES, "with std::fs");
    let before = ticks.load(Ordering::SeqCst);
    let text = std::fs::read_to_string(file.path())?; // blocks the runtime's only thread
    let during = ticks.load(Ordering::SeqCst) - before;
    println!("read {text:?}: the heartbeat ticked {during} times meanwhile");

    let file = SlowFile::new(READ_TAKES, "with tokio::fs");
    let before = ticks.load(Ordering::SeqCst);
    let text = tokio::fs::read_to_string(file.path()).await?; // the same read, elsewhere
    let during = ticks.load(Ordering::SeqCst) - before;
    println!("read {text:?}: the heartbeat ticked {during} times meanwhile");
    Ok(())
}
// ANCHOR_END: reads

fn main() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .on_thread_start(|| println!("  (the runtime started a thread for its blocking pool)"))
        .build()?;
    runtime.block_on(async {
        let ticks = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&ticks);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(Duration::from_millis(50)).await;
                counter.fetch_add(1, Ordering::SeqCst);
            }
        });
        tokio::time::sleep(Duration::from_millis(120)).await; // the heartbeat is going
        reads(&ticks).await
    })
}
