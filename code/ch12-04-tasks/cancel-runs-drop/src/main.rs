use std::time::Duration;
use tokio::time::{Instant, sleep};

struct Connection(&'static str);

impl Drop for Connection {
    fn drop(&mut self) {
        println!("   drop: {} closed", self.0);
    }
}

async fn query(name: &'static str, secs: u64) {
    let _conn = Connection(name);
    println!("   {name}: opened, querying for {secs} s");
    sleep(Duration::from_secs(secs)).await;
    println!("   {name}: query done");
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let quick = tokio::spawn(query("conn A", 1));
    let slow = tokio::spawn(query("conn B", 10));

    sleep(Duration::from_secs(2)).await;
    println!("{:?} main: aborting B", start.elapsed());
    slow.abort();

    println!("{:?} main: A -> {:?}", start.elapsed(), quick.await);
    println!("{:?} main: B -> {:?}", start.elapsed(), slow.await);
}
