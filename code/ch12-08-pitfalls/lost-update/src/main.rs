use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

async fn fraud_check() {
    sleep(Duration::from_millis(1)).await; // pretend: ask another service
}

// ANCHOR: deposits
async fn deposit_racy(balance: Arc<AtomicU64>) {
    let seen = balance.load(Ordering::SeqCst);
    fraud_check().await; // meanwhile, every other task reads the same balance
    balance.store(seen + 1, Ordering::SeqCst);
}

async fn deposit_locked(balance: Arc<Mutex<u64>>) {
    let mut guard = balance.lock().await;
    fraud_check().await; // the lock is held: the others wait their turn
    *guard += 1;
}
// ANCHOR_END: deposits

async fn thousand_tasks<F>(deposit: impl Fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut tasks = JoinSet::new();
    for _ in 0..1000 {
        tasks.spawn(deposit());
    }
    tasks.join_all().await;
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let balance = Arc::new(AtomicU64::new(0));
    thousand_tasks(|| deposit_racy(Arc::clone(&balance))).await;
    let racy = balance.load(Ordering::SeqCst);
    println!(
        "racy:   1000 deposits, balance {racy} after {:?}",
        start.elapsed()
    );

    let start = Instant::now();
    let balance = Arc::new(Mutex::new(0));
    thousand_tasks(|| deposit_locked(Arc::clone(&balance))).await;
    let locked = *balance.lock().await;
    println!(
        "locked: 1000 deposits, balance {locked} after {:?}",
        start.elapsed()
    );
}
