use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: broken
async fn record_visit(visitors: Arc<Mutex<Vec<&'static str>>>, who: &'static str) {
    let mut list = visitors.lock().unwrap();
    list.push(who);
    sleep(Duration::from_millis(10)).await; // "save to disk", the guard still alive
    println!("{who} recorded, {} so far", list.len());
}
// ANCHOR_END: broken

#[tokio::main]
async fn main() {
    let visitors = Arc::new(Mutex::new(Vec::new()));
    let task = tokio::spawn(record_visit(Arc::clone(&visitors), "ada"));
    task.await.unwrap();
}
