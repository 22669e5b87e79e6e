//! `support::timeline::task` records every poll of a future on the side channel: its own
//! test binary, because the file is read from the environment once per process.

use std::time::Duration;

use support::timeline;

#[test]
fn each_poll_is_recorded_with_paused_clock_times_and_a_dropped_task_is_cancelled() {
    let dir = std::env::temp_dir().join(format!("timeline-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let events = dir.join("events.jsonl");
    // SAFETY: set before any thread is started, and read once, below.
    unsafe { std::env::set_var("TRANSCRIPT_EVENTS", &events) };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    runtime.block_on(async {
        let sleep = |ms| tokio::time::sleep(Duration::from_millis(ms));
        tokio::select! {
            // Polled in the order written: unbiased, `select!` may poll "slow" once more
            // when the timer wakes it at 10 ms, before "fast" ends (seen in CI).
            biased;
            _ = timeline::task("fast", sleep(10)) => {}
            _ = timeline::task("slow", sleep(50)) => {}
        }
    });
    let written = std::fs::read_to_string(&events).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let thread = std::thread::current();
    let id = format!("{:?}", thread.id());
    let id = id.trim_start_matches("ThreadId(").trim_end_matches(')');
    let on = format!("{} #{id}", thread.name().unwrap());
    // Compared as a set of lines, then the order that matters: the cancel comes last.
    let mut lines: Vec<&str> = written.lines().collect();
    lines.sort();
    let mut expected: Vec<String> = [
        ("fast", "start", 0),
        ("slow", "start", 0),
        ("fast", "run", 0),
        ("fast", "wait", 0),
        ("slow", "run", 0),
        ("slow", "wait", 0),
        ("fast", "run", 10000),
        ("fast", "end", 10000),
        ("slow", "cancel", 10000),
    ]
    .iter()
    .map(|(task, kind, at)| {
        format!("{{\"task\":\"{task}\",\"kind\":\"{kind}\",\"at_us\":{at},\"thread\":\"{on}\"}}")
    })
    .collect();
    expected.sort();
    assert_eq!(lines, expected);
    assert!(
        written.lines().last().unwrap().contains("\"cancel\""),
        "{written}"
    );
}
