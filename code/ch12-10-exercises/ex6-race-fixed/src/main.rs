use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::{Instant, sleep};

async fn withdraw(account: Arc<Mutex<i64>>, amount: i64) -> bool {
    let mut balance = account.lock().await; // held until the end: check and update are one step
    if *balance < amount {
        return false;
    }
    sleep(Duration::from_millis(10)).await; // ask the fraud-check service
    *balance -= amount;
    true
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let account = Arc::new(Mutex::new(100));
    let started = Instant::now();
    let tasks = (0..10).map(|_| tokio::spawn(withdraw(Arc::clone(&account), 30)));
    let results = futures::future::join_all(tasks).await;

    let approved = results.into_iter().filter(|r| *r.as_ref().unwrap()).count();
    println!("balance was 100; ten withdrawals of 30 asked for");
    println!("approved {approved}, paid out {}", approved * 30);
    println!("balance now {}", account.lock().await);
    println!("took {} ms", started.elapsed().as_millis());
}
