use std::any::type_name_of_val;
use std::time::Duration;

async fn fetch_data() -> String {
    println!("fetching...");
    tokio::time::sleep(Duration::from_millis(500)).await;
    String::from("data")
}

#[tokio::main]
async fn main() {
    let result = fetch_data(); // no .await
    println!("result is a {}", type_name_of_val(&result));
    println!(
        "it takes {} bytes and has fetched nothing",
        size_of_val(&result)
    );
}
