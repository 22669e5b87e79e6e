async fn fetch_data() -> String {
    String::from("data")
}

fn fetch_twice() -> String {
    let first = fetch_data().await;
    let second = fetch_data().await;
    first + &second
}

fn main() {
    println!("{}", fetch_twice());
}
