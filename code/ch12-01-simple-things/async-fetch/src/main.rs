use std::time::{Duration, Instant};

async fn fetch_data() -> String {
    tokio::time::sleep(Duration::from_millis(500)).await; // the network, politely
    String::from("data")
}

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let result = fetch_data().await;
    println!("{result} (after {} ms)", started.elapsed().as_millis());
}
