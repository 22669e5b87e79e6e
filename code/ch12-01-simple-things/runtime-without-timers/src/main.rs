use std::time::Duration;

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build() // no .enable_all(): no timers, no I/O
        .expect("the runtime should start");

    runtime.block_on(async {
        println!("going to sleep for 100 ms...");
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("slept"); // never printed
    });
}
