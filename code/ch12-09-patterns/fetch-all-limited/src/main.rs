use futures::future::join_all;
use support::{TestServer, timeline};
use tokio::sync::Semaphore;

// ANCHOR: fetch_all
/// Fetches every URL, at most `limit` at a time, and returns the bodies in input order.
async fn fetch_all(
    client: &reqwest::Client,
    urls: &[String],
    limit: usize,
) -> Vec<reqwest::Result<String>> {
    let permits = &Semaphore::new(limit);
    let fetches = urls.iter().map(|url| async move {
        let _permit = permits.acquire().await.expect("never closed");
        let fetch = async { client.get(url).send().await?.error_for_status()?.text().await };
        timeline::task(&lane(url), fetch).await
        // `_permit` is dropped here, and the next fetch in line may start
    });
    join_all(fetches).await // results come back in the order of `urls`
}
// ANCHOR_END: fetch_all

/// The timeline's name for a fetch: `GET /delay/300`, without the server's port.
fn lane(url: &str) -> String {
    let path = url.splitn(4, '/').nth(3).unwrap_or(url);
    format!("GET /{path}")
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    let server = TestServer::start();
    let client = reqwest::Client::new();
    let delays = [1200, 800, 1600, 200, 1400, 600, 1280, 320, 480, 880];
    let urls: Vec<String> = delays
        .iter()
        .map(|ms| server.url(&format!("/delay/{ms}")))
        .collect();

    let bodies = fetch_all(&client, &urls, 3).await;
    for (n, body) in bodies.into_iter().enumerate() {
        println!("{:>2}: {}", n + 1, body.expect("the test server answers"));
    }
    let (served, peak) = (server.served(), server.peak_in_flight());
    println!("server: {served} served, peak in flight {peak}");
}
// ANCHOR_END: main
