use std::sync::Arc;
use std::time::Instant;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    // ANCHOR: fetch
    let server = support::TestServer::start(); // on 127.0.0.1, its own thread
    let client = reqwest::Client::new();

    let limit = Arc::new(Semaphore::new(10)); // at most 10 requests in flight
    let started = Instant::now();
    let mut requests = JoinSet::new();
    for _ in 0..100 {
        let (client, limit) = (client.clone(), Arc::clone(&limit));
        let url = server.url("/delay/100"); // each answer takes 100 ms
        requests.spawn(async move {
            let _permit = limit.acquire_owned().await.expect("never closed");
            client.get(url).send().await?.text().await
        });
    }
    let mut bodies = 0;
    while let Some(body) = requests.join_next().await {
        body.expect("task did not panic")?;
        bodies += 1;
    }
    println!("answers received: {bodies}");
    // The next two are counted by the server, on its side of the sockets.
    println!("served by server: {}", server.served());
    println!("peak in flight:   {}", server.peak_in_flight());
    println!("total time:       {} ms", started.elapsed().as_millis());
    // ANCHOR_END: fetch
    Ok(())
}
