use std::thread;
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

async fn fetch_rate(currency: &str) -> f64 {
    tokio::time::sleep(Duration::from_millis(10)).await; // pretend: an HTTP call
    if currency == "EUR" { 1.17 } else { 1.0 }
}

// ANCHOR: bridge
// The same synchronous function, now told which runtime to use.
fn convert(runtime: &Handle, amount: f64, currency: &str) -> f64 {
    amount * runtime.block_on(fetch_rate(currency))
}

#[tokio::main]
async fn main() {
    let runtime = Handle::current();

    // From async code: run the sync function on a thread where blocking is allowed.
    let handle = runtime.clone();
    let total = tokio::task::spawn_blocking(move || convert(&handle, 100.0, "EUR"))
        .await
        .unwrap();
    println!("via spawn_blocking: 100 EUR = {total:.2} USD");

    // From a plain thread that has no runtime: it brings the handle along.
    let (reply, answer) = oneshot::channel();
    thread::spawn(move || reply.send(convert(&runtime, 250.0, "EUR")).unwrap());
    let total = answer.await.unwrap();
    println!("via a std thread:   250 EUR = {total:.2} USD");
}
// ANCHOR_END: bridge
