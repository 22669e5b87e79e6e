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
        tasks.spawn(nap());
    }
    tasks.join_all().await;
    let ms = started.elapsed().as_millis();
    let naps = (ms + 50) / 100; // rounded to whole naps
    println!("{label} 3 naps took {ms} ms, about {naps} x 100 ms");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    three_tasks("std::thread::sleep: ", std_sleep).await;
    three_tasks("tokio::time::sleep: ", tokio_sleep).await;
    three_tasks("spawn_blocking:     ", std_sleep_elsewhere).await;
}
