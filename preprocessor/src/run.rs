//! Stage 6, run: start the built listings, several at a time, and capture what they print.
//!
//! Each run gets a fixed environment (`RUST_BACKTRACE=0`, no terminal), a closed stdin,
//! its crate directory as working directory and a timeout that kills its whole process
//! group. Both pipes are drained on their own tasks past the output cap, so a chatty
//! listing can neither deadlock nor flood memory. `exclusive` listings run alone.

use std::collections::{HashMap, HashSet};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;
use tokio::sync::Semaphore;

use crate::capture::Outcome;

/// Bytes kept per stream; the rest is drained and dropped.
pub const OUTPUT_CAP: usize = 256 * 1024;

/// Environment variables passed through to listings; everything else is cleared.
const KEPT_ENV: &[&str] = &["PATH", "HOME", "TMPDIR", "USER"];

/// One program to run.
#[derive(Debug, Clone)]
pub struct RunRequest {
    pub name: String,
    pub executable: PathBuf,
    pub args: Vec<String>,
    pub working_dir: PathBuf,
    pub timeout: Duration,
    pub exclusive: bool,
}

/// What one run printed and how it ended.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub outcome: Outcome,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs every request: the shared ones `parallelism` at a time, then each exclusive one
/// alone. Results are keyed by listing name.
pub fn run_all(
    requests: Vec<RunRequest>,
    parallelism: usize,
) -> Result<HashMap<String, RunResult>> {
    if requests.is_empty() {
        return Ok(HashMap::new());
    }
    eprintln!(
        "transcript: running {} listing(s), {} at a time",
        requests.len(),
        parallelism
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime that runs listings")?;
    let running = Running::default();
    runtime.block_on(async {
        tokio::select! {
            results = run_everything(requests, parallelism, &running) => results,
            signal = interrupted() => {
                running.kill_all();
                bail!("interrupted by {signal}: every running listing was stopped and no snapshot was written")
            }
        }
    })
}

/// The process groups of the listings running now, so an interrupt can stop them all
/// (each runs in its own group, out of reach of the terminal's Ctrl-C).
#[derive(Default)]
struct Running(Mutex<HashSet<i32>>);

impl Running {
    fn add(&self, group: i32) {
        self.0.lock().expect("not poisoned").insert(group);
    }

    fn remove(&self, group: i32) {
        self.0.lock().expect("not poisoned").remove(&group);
    }

    fn kill_all(&self) {
        for group in self.0.lock().expect("not poisoned").iter() {
            kill_group(*group);
        }
    }
}

fn kill_group(group: i32) {
    if let Some(pid) = rustix::process::Pid::from_raw(group) {
        // The group may be gone already; that is what we wanted.
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// Resolves on SIGINT or SIGTERM, naming it.
async fn interrupted() -> &'static str {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut interrupt), Ok(mut terminate)) = (
        signal(SignalKind::interrupt()),
        signal(SignalKind::terminate()),
    ) else {
        return std::future::pending().await;
    };
    tokio::select! {
        _ = interrupt.recv() => "SIGINT",
        _ = terminate.recv() => "SIGTERM",
    }
}

async fn run_everything(
    requests: Vec<RunRequest>,
    parallelism: usize,
    running: &Running,
) -> Result<HashMap<String, RunResult>> {
    let (exclusive, shared): (Vec<_>, Vec<_>) = requests.into_iter().partition(|r| r.exclusive);
    let permits = Semaphore::new(parallelism.max(1));
    let mut results = HashMap::new();
    let mut pending: FuturesUnordered<_> = shared
        .iter()
        .map(|request| async {
            let _permit = permits
                .acquire()
                .await
                .expect("the semaphore is never closed");
            (request.name.clone(), run_one(request, running).await)
        })
        .collect();
    while let Some((name, result)) = pending.next().await {
        let result = result?;
        report_progress(&name, &result);
        results.insert(name, result);
    }
    for request in &exclusive {
        let result = run_one(request, running).await?;
        report_progress(&request.name, &result);
        results.insert(request.name.clone(), result);
    }
    Ok(results)
}

/// One line per finished listing, so a long run shows it is moving.
fn report_progress(name: &str, result: &RunResult) {
    eprintln!(
        "transcript:   {name}: {} after {:.1} s",
        result.outcome,
        result.elapsed.as_secs_f64()
    );
}

async fn run_one(request: &RunRequest, running: &Running) -> Result<RunResult> {
    let mut command = Command::new(&request.executable);
    command
        .args(&request.args)
        .current_dir(&request.working_dir)
        .env_clear()
        .envs(
            KEPT_ENV
                .iter()
                .filter_map(|key| Some((key, std::env::var_os(key)?))),
        )
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(true);
    let started = Instant::now();
    let mut child = command.spawn().with_context(|| {
        format!(
            "cannot start listing `{}` ({})",
            request.name,
            request.executable.display()
        )
    })?;
    let group = child.id().map(|pid| pid as i32);
    if let Some(group) = group {
        running.add(group);
    }
    let stdout = tokio::spawn(read_capped(child.stdout.take().expect("stdout is piped")));
    let stderr = tokio::spawn(read_capped(child.stderr.take().expect("stderr is piped")));

    let waited = tokio::time::timeout(request.timeout, child.wait()).await;
    // Whatever happened, nothing the listing started may outlive it or hold its pipes.
    if let Some(group) = group {
        kill_group(group);
        running.remove(group);
    }
    let status = match waited {
        Ok(status) => {
            Some(status.with_context(|| format!("cannot wait for listing `{}`", request.name))?)
        }
        Err(_elapsed) => {
            child.wait().await.ok();
            None
        }
    };
    let elapsed = started.elapsed();
    let stdout = stdout.await.context("stdout reader failed")??;
    let stderr = stderr.await.context("stderr reader failed")??;
    let outcome = match status {
        None => Outcome::TimedOut {
            after_ms: request.timeout.as_millis(),
        },
        Some(status) => match (status.code(), status.signal()) {
            (Some(code), _) => Outcome::Exited {
                code,
                panicked: code == 101 && stderr.contains("panicked at"),
            },
            (None, Some(signal)) => Outcome::Signalled(signal),
            (None, None) => Outcome::Signalled(0),
        },
    };
    Ok(RunResult {
        outcome,
        stdout,
        stderr,
        elapsed,
    })
}

/// Reads a stream to its end, keeping the first `OUTPUT_CAP` bytes.
async fn read_capped(mut stream: impl AsyncRead + Unpin) -> Result<String> {
    let mut kept = Vec::new();
    let mut dropped = 0usize;
    let mut buffer = [0u8; 8192];
    loop {
        let read = stream
            .read(&mut buffer)
            .await
            .context("cannot read a listing's output")?;
        if read == 0 {
            break;
        }
        let room = OUTPUT_CAP.saturating_sub(kept.len()).min(read);
        kept.extend_from_slice(&buffer[..room]);
        dropped += read - room;
    }
    let mut text = String::from_utf8_lossy(&kept).into_owned();
    if dropped > 0 {
        text.push_str(&format!(
            "\n[mdbook-transcript: {dropped} more bytes not kept]\n"
        ));
    }
    Ok(text)
}

#[cfg(test)]
#[path = "run_tests.rs"]
mod tests;
