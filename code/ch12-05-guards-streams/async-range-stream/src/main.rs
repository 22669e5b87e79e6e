use async_stream::stream;
use futures::{Stream, StreamExt};
use std::pin::pin;
use std::time::Duration;
use tokio::time::{Instant, sleep};

fn async_range(start: u32, stop: u32) -> impl Stream<Item = u32> {
    stream! {
        for i in start..stop {
            sleep(Duration::from_millis(100)).await; // pretend to fetch it
            println!("  yield {i}");
            yield i;
        }
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let mut numbers = pin!(async_range(0, 3));
    println!("stream made, nothing produced yet");
    while let Some(i) = numbers.next().await {
        println!("got {i} at {:?}", start.elapsed());
    }
    println!("done at {:?}", start.elapsed());
}
