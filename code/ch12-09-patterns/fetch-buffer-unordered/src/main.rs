use futures::{StreamExt, stream};
use support::TestServer;

async fn fetch(client: &reqwest::Client, url: String) -> reqwest::Result<String> {
    client
        .get(url)
        .send()
        .await?
        .error_for_status()?
        .text()
        .await
}

#[tokio::main]
async fn main() {
    let server = TestServer::start();
    let client = &reqwest::Client::new();
    // Chosen so that, three at a time, the answers finish out of order and at least
    // 200 ms apart; the first answers 600 ms after the chain of three that passes it.
    let delays = [2000, 400, 1000, 200, 800, 200];

    // ANCHOR: stream
    let mut answers = stream::iter((1..).zip(delays))
        .map(|(n, ms)| {
            println!("request {n} started");
            let url = server.url(&format!("/delay/{ms}"));
            async move { (n, fetch(client, url).await) }
        })
        .buffer_unordered(3); // at most 3 in flight; yields whichever finishes first

    while let Some((n, body)) = answers.next().await {
        let body = body.expect("the test server answers");
        println!("request {n} answered: {body}");
    }
    // ANCHOR_END: stream
    let (served, peak) = (server.served(), server.peak_in_flight());
    println!("server: {served} served, peak in flight {peak}");
}
