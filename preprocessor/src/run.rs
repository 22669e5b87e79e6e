//! Stage 6, run: start the built listings, several at a time, and capture what they print.
//!
//! Each run gets a fixed environment (`RUST_BACKTRACE=0`, no terminal), a closed stdin,
//! its crate directory as working directory and a timeout that kills its whole process
//! group. Both pipes are drained on their own tasks past the output cap, so a chatty
//! listing can neither deadlock nor flood memory. `exclusive` listings run alone.

use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::process::Command;
use tokio::sync::Semaphore;

use crate::capture::Outcome;
use crate::interrupt::{release, spawn_registered};

/// How much lower the priority of a shared (not `exclusive`) run is than the build's.
const SHARED_RUN_NICENESS: i32 = 10;

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
    /// Bytes kept of each stream; the rest is drained, dropped and counted in a note.
    pub max_output: usize,
    /// One pipe for stdout and stderr, captured as stdout in the order written.
    pub interleave: bool,
}

/// What one run printed and how it ended.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub outcome: Outcome,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Where requests come from: the build stage sends each listing as soon as it is linked.
pub type Arrivals = tokio::sync::mpsc::UnboundedReceiver<RunRequest>;

/// Runs requests as they arrive: the shared ones `parallelism` at a time; the exclusive
/// ones each alone, once no more can arrive and the rest have finished. `finished` hears
/// of each run as it ends. Results are keyed by listing name.
pub fn run_all(
    arrivals: Arrivals,
    parallelism: usize,
    finished: &dyn Fn(&str, &RunResult),
) -> Result<HashMap<String, RunResult>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime that runs listings")?;
    runtime.block_on(run_everything(arrivals, parallelism, finished))
}

/// Runs requests that are all known already (a repeated round, a test).
pub fn run_known(
    requests: &[RunRequest],
    parallelism: usize,
    finished: &dyn Fn(&str, &RunResult),
) -> Result<HashMap<String, RunResult>> {
    let (sender, arrivals) = tokio::sync::mpsc::unbounded_channel();
    for request in requests {
        sender
            .send(request.clone())
            .expect("the receiver is still here");
    }
    drop(sender);
    run_all(arrivals, parallelism, finished)
}

async fn run_everything(
    mut arrivals: Arrivals,
    parallelism: usize,
    finished: &dyn Fn(&str, &RunResult),
) -> Result<HashMap<String, RunResult>> {
    let permits = Semaphore::new(parallelism.max(1));
    let mut results = HashMap::new();
    let mut exclusive = Vec::new();
    let mut pending = FuturesUnordered::new();
    let mut more_may_arrive = true;
    loop {
        tokio::select! {
            arrived = arrivals.recv(), if more_may_arrive => match arrived {
                Some(request) if request.exclusive => exclusive.push(request),
                Some(request) => pending.push(run_shared(request, &permits)),
                None => more_may_arrive = false,
            },
            Some((name, result)) = pending.next(), if !pending.is_empty() => {
                let result = result?;
                finished(&name, &result);
                results.insert(name, result);
            }
            else => break,
        }
    }
    for request in exclusive {
        let result = run_one(&request).await?;
        finished(&request.name, &result);
        results.insert(request.name, result);
    }
    Ok(results)
}

async fn run_shared(request: RunRequest, permits: &Semaphore) -> (String, Result<RunResult>) {
    let _permit = permits
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let result = run_one(&request).await;
    (request.name, result)
}

async fn run_one(request: &RunRequest) -> Result<RunResult> {
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
        .process_group(0)
        .kill_on_drop(true);
    if !request.exclusive {
        // Shared runs overlap the build: let rustc have the cores first, so running
        // listings early never makes the build itself slower. Exclusive runs (timing
        // demonstrations) keep the normal priority.
        // SAFETY: the closure runs in the child between fork and exec and only makes
        // one async-signal-safe system call.
        unsafe {
            command.pre_exec(|| {
                rustix::process::nice(SHARED_RUN_NICENESS)?;
                Ok(())
            });
        }
    }
    let cannot_start = || {
        format!(
            "cannot start listing `{}` ({})",
            request.name,
            request.executable.display()
        )
    };
    // Interleaved: both streams into one pipe, whose reader sees the writes in order.
    let shared_pipe = if request.interleave {
        let (reader, writer) = std::io::pipe().with_context(cannot_start)?;
        command
            .stdout(writer.try_clone().with_context(cannot_start)?)
            .stderr(writer);
        Some(reader)
    } else {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        None
    };
    let started = Instant::now();
    let (mut child, group) = spawn_registered(&mut command).with_context(cannot_start)?;
    drop(command); // our copies of the pipe's write end: the reader must see its end
    let cap = request.max_output;
    let (stdout, stderr) = match shared_pipe {
        Some(reader) => {
            let reader = tokio::net::unix::pipe::Receiver::from_owned_fd(reader.into())
                .with_context(cannot_start)?;
            (
                tokio::spawn(read_capped(reader, cap)),
                tokio::spawn(async { Ok(String::new()) }),
            )
        }
        None => (
            tokio::spawn(read_capped(
                child.stdout.take().expect("stdout is piped"),
                cap,
            )),
            tokio::spawn(read_capped(
                child.stderr.take().expect("stderr is piped"),
                cap,
            )),
        ),
    };

    let waited = tokio::time::timeout(request.timeout, child.wait()).await;
    // Whatever happened, nothing the listing started may outlive it or hold its pipes.
    if let Some(group) = group {
        release(group);
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
                panicked: code == 101
                    && (stderr.contains("panicked at")
                        || request.interleave && stdout.contains("panicked at")),
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

/// Reads a stream to its end, keeping the first `cap` bytes. What is cut, and bytes that
/// are not UTF-8 (shown as U+FFFD), are announced in a note at the end, so the reader of
/// the transcript knows it is not the whole, exact output.
async fn read_capped(mut stream: impl AsyncRead + Unpin, cap: usize) -> Result<String> {
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
        let room = cap.saturating_sub(kept.len()).min(read);
        kept.extend_from_slice(&buffer[..room]);
        dropped += read - room;
    }
    Ok(as_text(&kept, dropped))
}

/// The kept bytes as text, with a note for anything that is not shown as printed.
fn as_text(kept: &[u8], dropped: usize) -> String {
    let mut text = String::from_utf8_lossy(kept).into_owned();
    let mut notes = Vec::new();
    // A cut can split a multi-byte character; that alone is not "binary output".
    let invalid = match std::str::from_utf8(kept) {
        Ok(_) => false,
        Err(error) => dropped == 0 || error.error_len().is_some(),
    };
    if invalid {
        notes.push("output is not valid UTF-8; invalid bytes are shown as \u{FFFD}".to_string());
    }
    if dropped > 0 {
        notes.push(format!(
            "output cut at {} bytes; {dropped} more bytes not kept",
            kept.len()
        ));
    }
    for note in notes {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("[mdbook-transcript: {note}]\n"));
    }
    text
}

#[cfg(test)]
#[path = "run_tests.rs"]
mod tests;
