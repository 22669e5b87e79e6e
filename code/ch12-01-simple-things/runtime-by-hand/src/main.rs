use std::time::Duration;

async fn fetch_data() -> String {
    tokio::time::sleep(Duration::from_millis(100)).await;
    String::from("data")
}

// ANCHOR: main
fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all() // timers and I/O
        .build()
        .expect("the runtime should start");

    let result = runtime.block_on(fetch_data());
    println!("{result}");
} // the runtime is dropped here, and with it every task it still had
// ANCHOR_END: main
