use std::time::Duration;
use tokio::runtime::Handle;

async fn fetch_rate(currency: &str) -> f64 {
    tokio::time::sleep(Duration::from_millis(10)).await; // pretend: an HTTP call
    if currency == "EUR" { 1.17 } else { 1.0 }
}

// Synchronous code (say, a trait method a library makes you implement) that needs an
// answer only async code can give. "There is a runtime right there; let's use it."
fn convert(amount: f64, currency: &str) -> f64 {
    let rate = Handle::current().block_on(fetch_rate(currency));
    amount * rate
}

#[tokio::main]
async fn main() {
    println!("converting...");
    let total = convert(100.0, "EUR");
    println!("100 EUR = {total:.2} USD");
}
