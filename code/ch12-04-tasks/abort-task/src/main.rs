use std::time::Duration;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let task = tokio::spawn(async move {
        println!("{:?} task: going to sleep for 10 s", start.elapsed());
        sleep(Duration::from_secs(10)).await;
        println!("{:?} task: woke up", start.elapsed()); // never printed
        "all done"
    });

    sleep(Duration::from_secs(1)).await;
    task.abort();
    println!("{:?} main: abort() requested", start.elapsed());

    let err = task.await.expect_err("we aborted it");
    println!("{:?} main: the handle says \"{err}\"", start.elapsed());
    println!("   is_cancelled: {}", err.is_cancelled());
    println!("   is_panic:     {}", err.is_panic());
}
