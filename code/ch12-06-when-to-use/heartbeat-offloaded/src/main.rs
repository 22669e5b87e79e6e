use std::time::{Duration, Instant};
use support::timeline;

use tokio::sync::oneshot;

/// Stands in for real number crunching: keeps the thread busy for `how_long`.
fn crunch(how_long: Duration) {
    let until = Instant::now() + how_long;
    while Instant::now() < until {
        std::hint::spin_loop();
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = tokio::time::Instant::now();
    let heartbeat = tokio::spawn(timeline::task("heartbeat", async move {
        let mut every = tokio::time::interval(Duration::from_millis(100));
        for n in 1..=8 {
            let due = every.tick().await;
            println!(
                "tick {n}: due at {:>4} ms, ran at {:>4} ms",
                (due - start).as_millis(),
                start.elapsed().as_millis()
            );
        }
    }));
    tokio::time::sleep(Duration::from_millis(150)).await; // ticks 1 and 2 happen

    // ANCHOR: offload
    println!("main: crunching for 300 ms in spawn_blocking");
    timeline::task(
        "main: await spawn_blocking",
        tokio::task::spawn_blocking(|| crunch(Duration::from_millis(300))),
    )
    .await
    .expect("crunch did not panic");
    println!("main: done crunching");

    println!("main: crunching for 300 ms on rayon's thread pool");
    let (done, finished) = oneshot::channel();
    rayon::spawn(move || {
        crunch(Duration::from_millis(300));
        let _ = done.send(());
    });
    timeline::task("main: await rayon", finished)
        .await
        .expect("rayon finished the job");
    println!("main: done crunching");
    // ANCHOR_END: offload

    heartbeat.await.expect("heartbeat did not panic");
}
