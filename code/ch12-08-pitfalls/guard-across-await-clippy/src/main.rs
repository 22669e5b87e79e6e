use std::sync::Mutex;
use std::time::Duration;

static VISITS: Mutex<u32> = Mutex::new(0);

async fn visit(who: &str) {
    let mut visits = VISITS.lock().unwrap(); // a std::sync::MutexGuard...
    println!("{who}: locked");
    tokio::time::sleep(Duration::from_millis(10)).await; // ...held across an .await
    *visits += 1;
    println!("{who}: unlocked, {visits} visit(s)");
}

#[tokio::main(flavor = "local")]
async fn main() {
    tokio::join!(visit("first"), visit("second")); // compiles, and never finishes
}
