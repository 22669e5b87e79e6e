//! The server does what the chapter's listings rely on: it delays, and it counts.

use std::time::{Duration, Instant};

use futures::future::join_all;
use support::TestServer;

#[tokio::test]
async fn delay_answers_after_the_delay_and_says_so() {
    let server = TestServer::start();
    let started = Instant::now();
    let body = reqwest::get(server.url("/delay/200"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(body, "waited 200 ms");
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[tokio::test]
async fn peak_in_flight_counts_overlapping_requests() {
    let server = TestServer::start();
    let client = reqwest::Client::new();
    let requests = (0..5).map(|_| client.get(server.url("/delay/300")).send());
    let responses = join_all(requests).await;
    assert!(
        responses
            .iter()
            .all(|r| r.as_ref().unwrap().status().is_success())
    );
    assert_eq!(server.peak_in_flight(), 5);
    assert_eq!(server.served(), 5);

    server.reset_peak();
    client.get(server.url("/item/7")).send().await.unwrap();
    assert_eq!(server.peak_in_flight(), 1);
    let stats = client
        .get(server.url("/stats"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(stats, "served 6, peak in flight 1");
}

#[test]
fn works_without_a_runtime_in_the_caller() {
    let server = TestServer::start();
    let body = reqwest::blocking::get(server.url("/item/3"))
        .unwrap()
        .text()
        .unwrap();
    assert_eq!(body, "item 3");
}
