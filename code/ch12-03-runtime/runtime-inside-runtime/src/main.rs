/// A synchronous wrapper around async code: it builds a runtime and blocks on it.
fn fetch_blocking() -> String {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async { String::from("data") })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let on_the_side = tokio::task::spawn_blocking(fetch_blocking).await.unwrap();
    println!("via spawn_blocking: {on_the_side}");

    println!("straight from async code:");
    println!("{}", fetch_blocking());
}
