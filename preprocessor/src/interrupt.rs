//! Ctrl-C and SIGTERM, for the whole process, whatever it is doing.
//!
//! Listings run in process groups of their own (so a timeout can kill everything one
//! started), which also puts them out of reach of the terminal's Ctrl-C. So every
//! listing process is registered here while it runs, and one watcher thread, started
//! first thing by the command line, answers SIGINT or SIGTERM by killing every
//! registered group and ending the process. Snapshots are written atomically, so
//! whatever was written before the signal is whole, and nothing is written after it.

use std::collections::BTreeSet;
use std::sync::Mutex;

use tokio::process::{Child, Command};

/// The process groups of the listings running now.
struct Running {
    groups: BTreeSet<i32>,
    /// Set once a signal arrived: nothing new may start.
    stopping: bool,
}

static RUNNING: Mutex<Running> = Mutex::new(Running {
    groups: BTreeSet::new(),
    stopping: false,
});

fn running() -> std::sync::MutexGuard<'static, Running> {
    RUNNING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Why a listing did not start.
#[derive(Debug, thiserror::Error)]
pub(crate) enum SpawnError {
    #[error("interrupted: no new listing is started")]
    Stopping,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Starts `command` (which must make its own process group) and registers the group,
/// atomically with respect to a signal: once stopping, nothing new starts.
pub(crate) fn spawn_registered(command: &mut Command) -> Result<(Child, Option<i32>), SpawnError> {
    let mut running = running();
    if running.stopping {
        return Err(SpawnError::Stopping);
    }
    let child = command.spawn()?;
    let group = child.id().map(|pid| pid as i32);
    if let Some(group) = group {
        running.groups.insert(group);
    }
    Ok((child, group))
}

/// Kills what is left of a listing's group (children it left behind) and forgets it.
pub(crate) fn release(group: i32) {
    kill_group(group);
    running().groups.remove(&group);
}

/// Kills every registered group; nothing new starts afterwards.
fn stop_everything() {
    let mut running = running();
    running.stopping = true;
    for group in std::mem::take(&mut running.groups) {
        kill_group(group);
    }
}

fn kill_group(group: i32) {
    if let Some(pid) = rustix::process::Pid::from_raw(group) {
        // The group may be gone already; that is what we wanted.
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
}

/// Starts the watcher thread: on SIGINT or SIGTERM, stop every listing and exit with
/// status 130. Without it, the default action would end the process and leave the
/// listings running.
pub(crate) fn exit_on_signals() {
    let watcher = std::thread::Builder::new()
        .name("signals".into())
        .spawn(|| {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            let name = runtime.block_on(signalled());
            stop_everything();
            crate::report::status(format_args!(
                "interrupted by {name}: every running listing was stopped; \
                 snapshots already written are whole and nothing more is written"
            ));
            std::process::exit(130);
        });
    if let Err(error) = watcher {
        crate::report::warning(format_args!(
            "Ctrl-C will not stop running listings: {error}"
        ));
    }
}

/// Resolves on SIGINT or SIGTERM, naming it.
async fn signalled() -> &'static str {
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
