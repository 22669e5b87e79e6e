async fn greet(name: &str) -> usize {
    println!("   (inside greet: hello, {name})");
    name.len()
}

#[tokio::main]
async fn main() {
    println!("1. calling greet");
    let future = greet("Ferris");
    println!("2. holding the future; greet has not run");
    let letters = future.await;
    println!("3. awaited it: {letters} letters");
}
