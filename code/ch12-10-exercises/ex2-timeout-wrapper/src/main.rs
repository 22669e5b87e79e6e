use std::time::Duration;
use tokio::time::{Instant, sleep};

#[derive(Debug)]
struct TimedOut;

/// Runs `work` for at most `limit`. If time runs out first, `work` is dropped,
/// which cancels it.
async fn with_timeout<F: Future>(limit: Duration, work: F) -> Result<F::Output, TimedOut> {
    tokio::select! {
        biased; // check the work first, so a tie goes to the work
        output = work => Ok(output),
        () = sleep(limit) => Err(TimedOut),
    }
}

/// The same thing as a method on every future: `some_call().within(limit)`.
trait TimeoutExt: Future + Sized {
    fn within(self, limit: Duration) -> impl Future<Output = Result<Self::Output, TimedOut>> {
        with_timeout(limit, self)
    }
}

impl<F: Future> TimeoutExt for F {}

/// A "decorator": takes an async fn, returns an async fn with a time limit.
fn timed<A, T>(limit: Duration, f: impl AsyncFn(A) -> T) -> impl AsyncFn(A) -> Result<T, TimedOut> {
    async move |arg| with_timeout(limit, f(arg)).await
}

async fn fetch_quote() -> String {
    sleep(Duration::from_millis(100)).await;
    String::from("async is easy")
}

async fn compute_answer(question: &str) -> u32 {
    println!("   compute_answer({question:?}): started");
    sleep(Duration::from_secs(60)).await;
    println!("   compute_answer: finished"); // never printed: it gets cancelled
    42
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let second = Duration::from_secs(1);
    let started = Instant::now();
    let elapsed = || started.elapsed().as_millis();

    let quote = with_timeout(second, fetch_quote()).await;
    println!("{:>5} ms  with_timeout(fetch_quote): {quote:?}", elapsed());

    let answer = with_timeout(second, compute_answer("life")).await;
    println!(
        "{:>5} ms  with_timeout(compute_answer): {answer:?}",
        elapsed()
    );

    let quote = fetch_quote().within(second).await;
    println!("{:>5} ms  fetch_quote().within: {quote:?}", elapsed());

    let patient_answer = timed(second, compute_answer);
    let answer = patient_answer("everything").await;
    println!("{:>5} ms  timed(compute_answer): {answer:?}", elapsed());
}
