//! A timeline of what a listing's tasks did, for the book to draw under its transcript.
//!
//! Wrap a future in [`task`] and every poll of it is recorded: when it started running,
//! when it went back to waiting, when it finished, and on which thread. The records go to
//! the file named by `TRANSCRIPT_EVENTS` (mdbook-transcript sets it for each run), one JSON
//! line each; when the variable is unset (a reader's `cargo run`) nothing is recorded and
//! the wrapper only polls the future.
//!
//! Times come from `tokio::time::Instant`, so on tokio's paused clock the timeline is the
//! same on every run.
//!
//! ```no_run
//! # async fn demo() {
//! let greeting = support::timeline::task("greet", async { "hello" }).await;
//! # }
//! ```

use std::fs::{File, OpenOptions};
use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::sync::{Mutex, OnceLock};
use std::task::{Context, Poll};

use tokio::time::Instant;

/// Where the events go, and the instant times are measured from (the first record).
struct Sink {
    file: Mutex<File>,
    origin: OnceLock<Instant>,
}

fn sink() -> Option<&'static Sink> {
    static SINK: OnceLock<Option<Sink>> = OnceLock::new();
    SINK.get_or_init(|| {
        let path = std::env::var_os("TRANSCRIPT_EVENTS")?;
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .ok()?;
        Some(Sink {
            file: Mutex::new(file),
            origin: OnceLock::new(),
        })
    })
    .as_ref()
}

/// Records `kind` (`start`, `run`, `wait`, `end`) for the task `name`, now, on this thread.
fn record(sink: &Sink, name: &str, kind: &str) {
    let now = Instant::now();
    let origin = *sink.origin.get_or_init(|| now);
    let at_us = now.saturating_duration_since(origin).as_micros();
    let thread = std::thread::current();
    // `ThreadId(3)` -> `#3`: the workers of one runtime share a name, not an id.
    let id = format!("{:?}", thread.id());
    let id = id.trim_start_matches("ThreadId(").trim_end_matches(')');
    let thread = match thread.name() {
        Some(name) => format!("{name} #{id}"),
        None => format!("thread #{id}"),
    };
    let line = format!(
        "{{\"task\":{},\"kind\":\"{kind}\",\"at_us\":{at_us},\"thread\":{}}}\n",
        json_string(name),
        json_string(&thread)
    );
    if let Ok(mut file) = sink.file.lock() {
        // One write per line, to a file opened for appending: lines never interleave.
        let _ = file.write_all(line.as_bytes());
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A future recorded as the task `name`: see the module's documentation.
pub fn task<F: Future>(name: &str, future: F) -> Task<F> {
    let sink = sink();
    if let Some(sink) = sink {
        record(sink, name, "start");
    }
    Task {
        name: name.to_string(),
        future: Box::pin(future),
        sink,
        done: false,
    }
}

/// The future [`task`] returns.
pub struct Task<F> {
    name: String,
    future: Pin<Box<F>>,
    sink: Option<&'static Sink>,
    done: bool,
}

impl<F: Future> Future for Task<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let Some(sink) = self.sink else {
            return self.future.as_mut().poll(cx);
        };
        record(sink, &self.name, "run");
        let polled = self.future.as_mut().poll(cx);
        match polled {
            Poll::Pending => record(sink, &self.name, "wait"),
            Poll::Ready(_) => {
                record(sink, &self.name, "end");
                self.done = true;
            }
        }
        polled
    }
}

impl<F> Drop for Task<F> {
    fn drop(&mut self) {
        // Dropped before it finished: cancelled (the loser of a `select!`, say).
        if let (Some(sink), false) = (self.sink, self.done) {
            record(sink, &self.name, "cancel");
        }
    }
}
