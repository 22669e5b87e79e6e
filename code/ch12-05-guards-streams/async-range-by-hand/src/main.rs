use futures::{Stream, StreamExt};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;
use tokio::time::{Instant, Sleep, sleep};

// ANCHOR: stream
/// The numbers `next..stop`, each 100 ms after the one before.
struct AsyncRange {
    next: u32,
    stop: u32,
    delay: Option<Pin<Box<Sleep>>>, // the wait for the next number, once started
}

impl Stream for AsyncRange {
    type Item = u32;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u32>> {
        if self.next >= self.stop {
            return Poll::Ready(None); // the end: Python's StopAsyncIteration
        }
        let delay = self
            .delay
            .get_or_insert_with(|| Box::pin(sleep(Duration::from_millis(100))));
        ready!(delay.as_mut().poll(cx)); // not yet: Pending, and the timer will wake us
        self.delay = None;
        let value = self.next;
        self.next += 1;
        println!("  poll_next gives {value}");
        Poll::Ready(Some(value))
    }
}
// ANCHOR_END: stream

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let mut numbers = AsyncRange {
        next: 0,
        stop: 3,
        delay: None,
    };
    println!("stream made, nothing produced yet");
    while let Some(i) = numbers.next().await {
        println!("got {i} at {:?}", start.elapsed());
    }
    println!("done at {:?}", start.elapsed());
}
