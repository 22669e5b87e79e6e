use std::time::{Duration, Instant};
use tokio::task::JoinSet;

const NAP: Duration = Duration::from_millis(100);

async fn std_sleep() {
    std::thread::sleep(NAP); // holds the thread: nothing else runs on it
}

async fn tokio_sleep() {
    tokio::time::sleep(NAP).await; // hands the thread back while it waits
}

async fn std_sleep_elsewhere() {
    // the same blocking call, on tokio's pool of threads meant for blocking
    let job = tokio::task::spawn_blocking(|| std::thread::sleep(NAP));
    job.await.unwrap();
}

async fn three_tasks<F>(label: &str, nap: fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..3 {
        tasks.spawn(async move {
            let start = Instant::now();
            nap().await;
            (start, Instant::now()) // when this nap began and ended
        });
    }
    let naps = tasks.join_all().await;
    let ms = started.elapsed().as_millis();
    // All at once: every nap began before any nap had ended.
    let together = naps
        .iter()
        .all(|(begun, _)| naps.iter().all(|(_, end)| begun < end));
    let how = if together {
        "all at once"
    } else {
        "one after another"
    };
    println!("{label} 3 naps took {ms} ms, {how}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    three_tasks("std::thread::sleep: ", std_sleep).await;
    three_tasks("tokio::time::sleep: ", tokio_sleep).await;
    three_tasks("spawn_blocking:     ", std_sleep_elsewhere).await;
}
