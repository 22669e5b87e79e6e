use futures::StreamExt;
use std::time::Instant;
use support::TestServer;

async fn fetch(client: &reqwest::Client, url: String) -> reqwest::Result<String> {
    client.get(url).send().await?.text().await
}

#[tokio::main]
async fn main() {
    let server = TestServer::start();
    let client = reqwest::Client::new();
    let urls = (0..100).map(|_| server.url("/delay/50"));

    let started = Instant::now();
    let pages: Vec<_> = futures::stream::iter(urls)
        .map(|url| fetch(&client, url))
        .buffer_unordered(10) // never more than 10 of these futures at once
        .collect()
        .await;

    let ok = pages.iter().filter(|page| page.is_ok()).count();
    println!("fetched {} pages, {ok} ok", pages.len());
    println!("took {} ms", started.elapsed().as_millis());
    println!("server saw at most {} at once", server.peak_in_flight());
}
