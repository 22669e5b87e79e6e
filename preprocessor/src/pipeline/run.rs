//! Stage 6, run: start the built listings, several at a time, and capture what they print.
//!
//! Each run gets a fixed environment (`RUST_BACKTRACE=0`, no terminal), a closed stdin,
//! its crate directory as working directory and a timeout that kills its whole process
//! group. Both pipes are drained on their own tasks past the output cap ([`output`]), so
//! a chatty listing can neither deadlock nor flood memory. `exclusive` listings run alone.

mod output;
mod request;
mod requests;

use std::collections::HashMap;
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use futures_util::stream::{FuturesUnordered, StreamExt};
use tokio::process::{Child, Command};
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;

use crate::capture::Outcome;
use crate::interrupt::{SpawnError, release, spawn_registered};

use output::read_capped;

pub(crate) use request::{RunKey, RunRequest};
pub(crate) use requests::{RunSettings, after_build, at_link};

/// How much lower the priority of a shared (not `exclusive`) run is than the build's.
const SHARED_RUN_NICENESS: i32 = 10;

/// Environment variables passed through to listings; everything else is cleared.
const KEPT_ENV: &[&str] = &["PATH", "HOME", "TMPDIR", "USER"];

/// What one run printed and how it ended.
#[derive(Debug, Clone)]
pub(crate) struct RunResult {
    pub(crate) outcome: Outcome,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// What it wrote on the side channel for timelines ([`EVENTS_VARIABLE`]), as written.
    pub(crate) events: String,
    pub(crate) elapsed: Duration,
}

/// The variable naming the file, in a temporary directory of its own, where a run may
/// append timeline events (JSON lines) instead of printing them.
pub(crate) const EVENTS_VARIABLE: &str = "TRANSCRIPT_EVENTS";

/// Every run of one round.
pub(crate) type Runs = HashMap<RunKey, RunResult>;

/// A run that could not be carried out (as opposed to one that failed, which is a result).
#[derive(Debug, thiserror::Error)]
pub(crate) enum RunError {
    #[error("cannot start the runtime that runs listings")]
    Runtime(#[source] std::io::Error),
    #[error("cannot start listing `{name}` ({})", executable.display())]
    Start {
        name: String,
        executable: PathBuf,
        #[source]
        source: SpawnError,
    },
    #[error("cannot wait for listing `{name}`")]
    Wait {
        name: String,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot read the output of listing `{name}`")]
    Read {
        name: String,
        #[source]
        source: std::io::Error,
    },
}

/// Where requests come from: the build stage sends each listing as soon as it is linked.
pub(crate) type Arrivals = tokio::sync::mpsc::UnboundedReceiver<RunRequest>;

/// Who hears of each run as it ends.
pub(crate) type Finished<'a> = &'a dyn Fn(&RunKey, &RunResult);

/// Runs requests as they arrive: the shared ones `parallelism` at a time; the exclusive
/// ones each alone, once no more can arrive and the rest have finished.
pub(crate) fn run_all(
    arrivals: Arrivals,
    parallelism: usize,
    finished: Finished<'_>,
) -> Result<Runs, RunError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(RunError::Runtime)?;
    runtime.block_on(run_everything(arrivals, parallelism, finished))
}

/// Runs requests that are all known already (a repeated round, a test).
pub(crate) fn run_known(
    requests: &[RunRequest],
    parallelism: usize,
    finished: Finished<'_>,
) -> Result<Runs, RunError> {
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
    finished: Finished<'_>,
) -> Result<Runs, RunError> {
    let permits = Semaphore::new(parallelism.max(1));
    let mut results = Runs::new();
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
            Some((key, result)) = pending.next(), if !pending.is_empty() => {
                let result = result?;
                finished(&key, &result);
                results.insert(key, result);
            }
            else => break,
        }
    }
    exclusive.sort_by(|a, b| a.key.cmp(&b.key));
    for request in exclusive {
        let result = run_one(&request).await?;
        finished(&request.key, &result);
        results.insert(request.key, result);
    }
    Ok(results)
}

async fn run_shared(
    request: RunRequest,
    permits: &Semaphore,
) -> (RunKey, Result<RunResult, RunError>) {
    let _permit = permits
        .acquire()
        .await
        .expect("the semaphore is never closed");
    let result = run_one(&request).await;
    (request.key, result)
}

/// A started listing: the process, its group, and the tasks reading its output.
struct Started {
    child: Child,
    group: Option<i32>,
    stdout: JoinHandle<std::io::Result<String>>,
    stderr: JoinHandle<std::io::Result<String>>,
}

async fn run_one(request: &RunRequest) -> Result<RunResult, RunError> {
    if let Some(package) = &request.cargo_clean_first {
        clean(request, package).await?;
    }
    let events_dir = tempfile::tempdir().map_err(|e| RunError::Start {
        name: request.key.listing.clone(),
        executable: request.executable.clone(),
        source: e.into(),
    })?;
    let events_file = events_dir.path().join("events.jsonl");
    let started_at = Instant::now();
    let Started {
        mut child,
        group,
        stdout,
        stderr,
    } = start(request, &events_file)?;
    let waited = tokio::time::timeout(request.timeout, child.wait()).await;
    // Whatever happened, nothing the listing started may outlive it or hold its pipes.
    if let Some(group) = group {
        release(group);
    }
    let status = match waited {
        Ok(status) => Some(status.map_err(|source| RunError::Wait {
            name: request.key.listing.clone(),
            source,
        })?),
        Err(_elapsed) => {
            child.wait().await.ok();
            None
        }
    };
    let elapsed = started_at.elapsed();
    let read = |joined: Result<std::io::Result<String>, tokio::task::JoinError>| {
        joined
            .map_err(std::io::Error::other)
            .and_then(|read| read)
            .map_err(|source| RunError::Read {
                name: request.key.listing.clone(),
                source,
            })
    };
    let stdout = read(stdout.await)?;
    let stderr = read(stderr.await)?;
    // No file: it recorded nothing. Bytes that are not UTF-8 are malformed lines later.
    let events = std::fs::read(&events_file).unwrap_or_default();
    Ok(RunResult {
        outcome: outcome_of(status, request, &stdout, &stderr),
        stdout,
        stderr,
        events: String::from_utf8_lossy(&events).into_owned(),
        elapsed,
    })
}

/// Starts the listing in its own process group with its output being read.
fn start(request: &RunRequest, events: &std::path::Path) -> Result<Started, RunError> {
    let cannot_start = |source: SpawnError| RunError::Start {
        name: request.key.listing.clone(),
        executable: request.executable.clone(),
        source,
    };
    let mut command = command_for(request);
    command.env(EVENTS_VARIABLE, events);
    // Interleaved: both streams into one pipe, whose reader sees the writes in order.
    let shared_pipe = if request.interleave {
        let (reader, writer) = std::io::pipe().map_err(|e| cannot_start(e.into()))?;
        let writer_too = writer.try_clone().map_err(|e| cannot_start(e.into()))?;
        command.stdout(writer_too).stderr(writer);
        Some(reader)
    } else {
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        None
    };
    let (mut child, group) = spawn_registered(&mut command).map_err(cannot_start)?;
    drop(command); // our copies of the pipe's write end: the reader must see its end
    if let (Some(input), Some(mut stdin)) = (request.stdin.clone(), child.stdin.take()) {
        // Written on its own task: a program that does not read it must not block us.
        tokio::spawn(async move {
            use tokio::io::AsyncWriteExt;
            let _ = stdin.write_all(&input).await;
        });
    }
    let cap = request.max_output;
    let (stdout, stderr) = match shared_pipe {
        Some(reader) => {
            let reader = tokio::net::unix::pipe::Receiver::from_owned_fd(reader.into())
                .map_err(|e| cannot_start(e.into()))?;
            (
                tokio::spawn(read_capped(reader, cap)),
                tokio::spawn(async { Ok(String::new()) }),
            )
        }
        None => (
            tokio::spawn(read_capped(child.stdout.take().expect("piped"), cap)),
            tokio::spawn(read_capped(child.stderr.take().expect("piped"), cap)),
        ),
    };
    Ok(Started {
        child,
        group,
        stdout,
        stderr,
    })
}

/// The listing's command: its environment, working directory, process group, priority.
fn command_for(request: &RunRequest) -> Command {
    let mut command = Command::new(&request.executable);
    command
        .args(&request.args)
        .current_dir(&request.working_dir)
        .env_clear()
        .envs(kept_environment(request.cargo_clean_first.is_some()))
        .env("RUST_BACKTRACE", "0")
        .envs(request.env.iter().map(|(name, value)| (name, value)))
        .stdin(if request.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
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
    command
}

/// The variables passed through: a few every program needs, and for a cargo command
/// (`cargo-lines`) cargo's and rustup's own, so it finds its toolchain and target dir.
fn kept_environment(cargo: bool) -> Vec<(String, std::ffi::OsString)> {
    std::env::vars_os()
        .filter_map(|(name, value)| Some((name.into_string().ok()?, value)))
        .filter(|(name, _)| {
            KEPT_ENV.contains(&name.as_str())
                || cargo
                    && (name.starts_with("CARGO")
                        || name.starts_with("RUSTUP")
                        || name.starts_with("RUSTC"))
        })
        .collect()
}

/// `cargo clean -p PACKAGE`, so that the cargo command that follows compiles it and says
/// so (`Compiling ...`); cargo's lock makes it wait for any build in progress.
async fn clean(request: &RunRequest, package: &str) -> Result<(), RunError> {
    let status = Command::new(&request.executable)
        .envs(request.env.iter().map(|(name, value)| (name, value)))
        .args(["clean", "--quiet", "-p", package])
        .current_dir(&request.working_dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .await;
    status.map(drop).map_err(|source| RunError::Wait {
        name: request.key.listing.clone(),
        source,
    })
}

/// How a run ended: its status (`None`: killed at its timeout) and, for a panic, what it
/// printed.
fn outcome_of(
    status: Option<ExitStatus>,
    request: &RunRequest,
    stdout: &str,
    stderr: &str,
) -> Outcome {
    let Some(status) = status else {
        return Outcome::TimedOut {
            after_ms: request.timeout.as_millis(),
        };
    };
    match (status.code(), status.signal()) {
        (Some(code), _) => Outcome::Exited {
            code,
            panicked: code == 101
                && (stderr.contains("panicked at")
                    || request.interleave && stdout.contains("panicked at")),
        },
        (None, Some(signal)) => Outcome::Signalled(signal),
        (None, None) => Outcome::Signalled(0),
    }
}

#[cfg(test)]
mod tests;
