use std::time::{Duration, Instant};
use support::timeline;
use tokio::time::sleep;

// ANCHOR: chores
async fn boil_kettle() -> &'static str {
    sleep(Duration::from_millis(300)).await;
    "tea"
}

async fn make_toast() -> &'static str {
    sleep(Duration::from_millis(200)).await;
    "toast"
}
// ANCHOR_END: chores

#[tokio::main]
async fn main() {
    // ANCHOR: compare
    let started = Instant::now();
    let drink = timeline::task("kettle, in a row", boil_kettle()).await;
    let food = timeline::task("toast, in a row", make_toast()).await;
    println!(
        "one after the other: {drink} and {food} in {} ms",
        started.elapsed().as_millis()
    );

    let started = Instant::now();
    let (drink, food) = tokio::join!(
        timeline::task("kettle, joined", boil_kettle()),
        timeline::task("toast, joined", make_toast()),
    );
    println!(
        "with join!:          {drink} and {food} in {} ms",
        started.elapsed().as_millis()
    );
    // ANCHOR_END: compare
}
