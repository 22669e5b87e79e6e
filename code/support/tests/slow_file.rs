//! The slow file does what the file-I/O listings rely on: its read takes the delay.

use std::time::{Duration, Instant};

use support::SlowFile;

#[test]
fn a_read_waits_for_the_delay_then_gets_the_contents() {
    let file = SlowFile::new(Duration::from_millis(200), "slowly");
    let started = Instant::now();
    let text = std::fs::read_to_string(file.path()).unwrap();
    assert_eq!(text, "slowly");
    assert!(started.elapsed() >= Duration::from_millis(200));
}

#[test]
fn dropping_it_removes_the_pipe() {
    let file = SlowFile::new(Duration::ZERO, "");
    let path = file.path().to_owned();
    assert!(path.exists());
    drop(file);
    assert!(!path.exists());
}
