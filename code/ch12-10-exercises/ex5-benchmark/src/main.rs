use std::io::{Read, Write};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REQUESTS: usize = 50;
const REQUEST: &[u8] = b"GET /delay/20 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

fn fetch_blocking(address: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream.write_all(REQUEST).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

async fn fetch_async(address: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    response
}

fn report(name: &str, responses: Vec<String>, time: Duration) -> Duration {
    let ok = responses
        .iter()
        .filter(|r| r.ends_with("waited 20 ms"))
        .count();
    println!("{name:<22} {ok} ok in {:>5} ms", time.as_millis());
    time
}

fn main() {
    let server = support::TestServer::start();
    let address = server.url("").replace("http://", "");
    let address = address.as_str();

    let started = Instant::now();
    let responses = (0..REQUESTS).map(|_| fetch_blocking(address)).collect();
    let sequential = report("sequential, blocking:", responses, started.elapsed());

    let started = Instant::now();
    let responses = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..REQUESTS)
            .map(|_| scope.spawn(|| fetch_blocking(address)))
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    let threads = report("50 threads, blocking:", responses, started.elapsed());

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let started = Instant::now();
    let requests = (0..REQUESTS).map(|_| fetch_async(address));
    let responses = runtime.block_on(futures::future::join_all(requests));
    let concurrent = report("async, one thread:", responses, started.elapsed());

    let ratio = |fast: Duration| sequential.as_secs_f64() / fast.as_secs_f64();
    println!("threads are {:.1}x faster than sequential", ratio(threads));
    println!("async is {:.1}x faster than sequential", ratio(concurrent));
}
