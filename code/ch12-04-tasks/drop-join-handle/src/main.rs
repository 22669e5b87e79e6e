use std::time::Duration;
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
    let handle = tokio::spawn(download(start, "big.iso"));
    sleep(Duration::from_secs(1)).await;
    drop(handle);
    println!("{:?} main: dropped the JoinHandle", start.elapsed());

    sleep(Duration::from_secs(20)).await;
    println!("{:?} main: done waiting", start.elapsed());
    // ANCHOR_END: main
}
