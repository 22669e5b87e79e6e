//! Fixtures the chapter's listings share. Mostly its stand-in for "the internet": a small
//! HTTP server on 127.0.0.1. Also a file that is slow to read ([`SlowFile`]) and a Ctrl-C
//! that a listing can press itself ([`press_ctrl_c`]).
//!
//! Every listing that fetches something fetches it from here, so the book builds without
//! the internet and every transcript is reproducible. The server runs on its own thread with
//! its own tokio runtime, so a listing that blocks *its* runtime (on purpose, to show why
//! that is bad) does not also freeze the server it is talking to.
//!
//! Routes:
//! - `GET /delay/{ms}` waits `ms` milliseconds, then answers `waited {ms} ms`.
//! - `GET /item/{n}` answers `item {n}` at once.
//! - `GET /stats` answers `served {n}, peak in flight {m}`.
//!
//! ```no_run
//! let server = support::TestServer::start();
//! let url = server.url("/delay/100");
//! // ... fetch `url` as many times as you like, concurrently ...
//! println!("peak in flight: {}", server.peak_in_flight());
//! ```

mod signal;
mod slow_file;
pub mod timeline;

pub use signal::press_ctrl_c;
pub use slow_file::SlowFile;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;

/// A running test server. Dropping it does not stop it: it lives until the process ends,
/// which is what a listing wants.
#[derive(Clone)]
pub struct TestServer {
    address: SocketAddr,
    counters: Arc<Counters>,
}

/// What the server has seen so far.
#[derive(Default)]
struct Counters {
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    served: AtomicUsize,
}

impl TestServer {
    /// Binds 127.0.0.1 on a free port and starts serving on a background thread.
    ///
    /// Panics if no port can be bound: a listing cannot do anything useful without it.
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1 on a free port");
        listener
            .set_nonblocking(true)
            .expect("make the listening socket non-blocking");
        let address = listener.local_addr().expect("read the bound address");
        let counters = Arc::new(Counters::default());

        let app = Router::new()
            .route("/delay/{ms}", get(delay))
            .route("/item/{n}", get(item))
            .route("/stats", get(stats))
            .with_state(Arc::clone(&counters));

        thread::Builder::new()
            .name("test-server".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("build the test server's runtime");
                runtime.block_on(async move {
                    let listener = tokio::net::TcpListener::from_std(listener)
                        .expect("hand the socket to tokio");
                    axum::serve(listener, app).await.expect("serve");
                });
            })
            .expect("spawn the test server's thread");

        TestServer { address, counters }
    }

    /// The full URL of `path` on this server, for example `http://127.0.0.1:40123/delay/50`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.address, path)
    }

    /// The most requests that were being answered at the same moment.
    pub fn peak_in_flight(&self) -> usize {
        self.counters.peak_in_flight.load(Ordering::SeqCst)
    }

    /// How many requests have finished, answered or abandoned by their client.
    pub fn served(&self) -> usize {
        self.counters.served.load(Ordering::SeqCst)
    }

    /// Forgets the peak so far, to measure the next batch of requests on its own.
    pub fn reset_peak(&self) {
        let now = self.counters.in_flight.load(Ordering::SeqCst);
        self.counters.peak_in_flight.store(now, Ordering::SeqCst);
    }
}

/// Counts a request as in flight from its creation until it is dropped.
struct InFlight(Arc<Counters>);

impl InFlight {
    fn begin(counters: &Arc<Counters>) -> InFlight {
        let now = counters.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        counters.peak_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(Arc::clone(counters))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.0.served.fetch_add(1, Ordering::SeqCst);
    }
}

async fn delay(State(counters): State<Arc<Counters>>, Path(ms): Path<u64>) -> String {
    let _in_flight = InFlight::begin(&counters);
    tokio::time::sleep(Duration::from_millis(ms)).await;
    format!("waited {ms} ms")
}

async fn item(State(counters): State<Arc<Counters>>, Path(n): Path<u64>) -> String {
    let _in_flight = InFlight::begin(&counters);
    format!("item {n}")
}

async fn stats(State(counters): State<Arc<Counters>>) -> String {
    format!(
        "served {}, peak in flight {}",
        counters.served.load(Ordering::SeqCst),
        counters.peak_in_flight.load(Ordering::SeqCst)
    )
}
