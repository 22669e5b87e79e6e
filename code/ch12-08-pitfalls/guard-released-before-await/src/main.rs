use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: fixed
async fn record_visit(visitors: Arc<Mutex<Vec<&'static str>>>, who: &'static str) {
    let count = {
        let mut list = visitors.lock().unwrap();
        list.push(who);
        list.len()
    }; // the guard is dropped here, before anything is awaited
    sleep(Duration::from_millis(10)).await; // "save to disk"
    println!("{who} recorded, {count} so far");
}
// ANCHOR_END: fixed

#[tokio::main]
async fn main() {
    let visitors = Arc::new(Mutex::new(Vec::new()));
    let task = tokio::spawn(record_visit(Arc::clone(&visitors), "ada"));
    task.await.unwrap();
}
