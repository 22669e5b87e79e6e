use async_stream::stream;
use futures::{Stream, StreamExt, future::ready, stream};
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::time::{Instant, sleep};

fn async_range(stop: u32) -> impl Stream<Item = u32> {
    stream! {
        for i in 0..stop {
            sleep(Duration::from_millis(10)).await;
            yield i;
        }
    }
}

/// How long page `id` takes to fetch, in milliseconds.
const DELAY_MS: [u64; 6] = [0, 300, 100, 250, 100, 120];

async fn fetch_page(id: usize) -> usize {
    sleep(Duration::from_millis(DELAY_MS[id])).await;
    id
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // [i * i async for i in async_range(10) if i % 2 == 0]
    let squares: Vec<u32> = async_range(10)
        .filter(|i| ready(i % 2 == 0))
        .map(|i| i * i)
        .collect()
        .await;
    println!("{squares:?}");

    // {i: i ** 2 async for i in async_range(5)}
    let table: BTreeMap<u32, u32> = async_range(5).map(|i| (i, i * i)).collect().await;
    println!("{table:?}");

    // No comprehension does this: five fetches, at most three at a time,
    // collected in the order they finish.
    let start = Instant::now();
    let pages: Vec<usize> = stream::iter(1..=5)
        .map(fetch_page)
        .buffer_unordered(3)
        .collect()
        .await;
    println!("{pages:?} in {:?}", start.elapsed());

    // The same, but handed out in input order.
    let start = Instant::now();
    let pages: Vec<usize> = stream::iter(1..=5)
        .map(fetch_page)
        .buffered(3)
        .collect()
        .await;
    println!("{pages:?} in {:?}", start.elapsed());
}
// ANCHOR_END: main
