async fn fetch_data() -> String {
    String::from("data")
}

async fn main() {
    let result = fetch_data().await;
    println!("{result}");
}
