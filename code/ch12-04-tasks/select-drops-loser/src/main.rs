use std::time::Duration;
use support::timeline;
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
    tokio::select! {
        file = timeline::task("download", download(start, "big.iso")) => println!("got {file}"),
        _ = timeline::task("timer", sleep(Duration::from_secs(1))) => {
            println!("{:?} main: the timer won", start.elapsed());
        }
    }
    sleep(Duration::from_secs(20)).await;
    println!("{:?} main: done; big.iso never finished", start.elapsed());
}
