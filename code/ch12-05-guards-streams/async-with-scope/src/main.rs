use std::time::Duration;
use tokio::time::{Instant, sleep};

struct Resource {
    name: &'static str,
}

async fn with_resource<T, E>(
    name: &'static str,
    body: impl AsyncFnOnce(&mut Resource) -> Result<T, E>,
) -> Result<T, E> {
    println!("  acquire {name}");
    sleep(Duration::from_millis(100)).await; // setup can await
    let mut resource = Resource { name };
    let result = body(&mut resource).await; // Ok or Err, we get here
    println!("  release {name}");
    sleep(Duration::from_millis(100)).await; // and so can teardown
    result
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let ok: Result<u32, String> = with_resource("db", async |r| {
        println!("  use {}", r.name);
        sleep(Duration::from_millis(100)).await;
        Ok(42)
    })
    .await;
    println!("{ok:?} after {:?}", start.elapsed());

    let err: Result<u32, String> = with_resource("cache", async |r| {
        println!("  use {}", r.name);
        let n: u32 = "forty-two".parse().map_err(|e| format!("{e}"))?;
        println!("  parsed {n}"); // never printed
        Ok(n)
    })
    .await;
    println!("{err:?} after {:?}", start.elapsed());
}
