//! Ctrl-C without a keyboard, for the listings about shutting down on a signal.

use rustix::process::{Signal, getpid, kill_process};

/// Does what pressing Ctrl-C in a terminal does: sends SIGINT to this process.
///
/// Only this process, not its process group: the book's build runs each listing in a
/// group of its own, and a signal meant for the listing must not reach anything else.
pub fn press_ctrl_c() {
    kill_process(getpid(), Signal::INT).expect("send SIGINT to this process");
}
