use std::time::Duration;

async fn save(record: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("saved {record}");
}

#[tokio::main]
async fn main() {
    save("the first record"); // oops: no .await
    save("the second record").await;
    println!("all records saved (allegedly)");
}
