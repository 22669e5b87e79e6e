use std::time::{Duration, Instant};
use support::timeline;

/// Stands in for real number crunching: keeps the thread busy for `how_long`.
fn crunch(how_long: Duration) {
    let until = Instant::now() + how_long;
    while Instant::now() < until {
        std::hint::spin_loop();
    }
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = tokio::time::Instant::now();
    let heartbeat = tokio::spawn(timeline::task("heartbeat", async move {
        let mut every = tokio::time::interval(Duration::from_millis(100));
        for n in 1..=5 {
            let due = every.tick().await;
            println!(
                "tick {n}: due at {:>3} ms, ran at {:>3} ms",
                (due - start).as_millis(),
                start.elapsed().as_millis()
            );
        }
    }));

    tokio::time::sleep(Duration::from_millis(150)).await; // ticks 1 and 2 happen
    println!("main: crunching for 300 ms, no .await in sight");
    timeline::task("main: crunch", async { crunch(Duration::from_millis(300)) }).await;
    println!("main: done crunching");
    heartbeat.await.expect("heartbeat did not panic");
}
// ANCHOR_END: main
