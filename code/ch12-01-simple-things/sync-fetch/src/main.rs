use std::thread;
use std::time::{Duration, Instant};

fn fetch_data() -> String {
    thread::sleep(Duration::from_millis(500)); // pretend this is the network
    String::from("data")
}

fn main() {
    let started = Instant::now();
    let result = fetch_data();
    println!("{result} (after {} ms)", started.elapsed().as_millis());
}
