use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("   drop: {} dropped", self.0);
    }
}

async fn download(start: Instant, name: &'static str) -> &'static str {
    let _guard = Noisy(name);
    println!("{:?} {name}: started", start.elapsed());
    sleep(Duration::from_secs(10)).await;
    println!("{:?} {name}: finished", start.elapsed());
    name
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    // ANCHOR: main
    let mut downloads = JoinSet::new();
    downloads.spawn(download(start, "big.iso"));
    sleep(Duration::from_secs(1)).await;
    drop(downloads); // unlike a JoinHandle: this aborts every task in the set
    println!("{:?} main: dropped the JoinSet", start.elapsed());

    sleep(Duration::from_secs(20)).await;
    println!("{:?} main: done waiting", start.elapsed());

    let mut chores = JoinSet::new();
    for (name, secs) in [("laundry", 3), ("dishes", 1), ("taxes", 2)] {
        chores.spawn(async move {
            sleep(Duration::from_secs(secs)).await;
            name
        });
    }
    let done = chores.join_all().await; // every task's output, in the order they finished
    println!("{:?} main: join_all gave {done:?}", start.elapsed());
    // ANCHOR_END: main
}
