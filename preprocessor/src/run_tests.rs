use super::*;

fn shell(name: &str, script: &str, timeout: Duration) -> RunRequest {
    RunRequest {
        name: name.into(),
        executable: "/bin/sh".into(),
        args: vec!["-c".into(), script.into()],
        working_dir: std::env::temp_dir(),
        timeout,
        exclusive: false,
    }
}

#[test]
fn captures_both_streams_and_the_exit_status() {
    let results = run_all(
        vec![shell(
            "talk",
            "echo out; echo err >&2; exit 3",
            Duration::from_secs(10),
        )],
        2,
    )
    .unwrap();
    let result = &results["talk"];
    assert_eq!(result.stdout, "out\n");
    assert_eq!(result.stderr, "err\n");
    assert_eq!(
        result.outcome,
        Outcome::Exited {
            code: 3,
            panicked: false
        }
    );
}

#[test]
fn a_run_past_its_timeout_is_killed_with_its_children() {
    let request = shell(
        "sleepy",
        "sleep 30 & echo started; wait",
        Duration::from_millis(300),
    );
    let started = Instant::now();
    let results = run_all(vec![request], 1).unwrap();
    assert_eq!(
        results["sleepy"].outcome,
        Outcome::TimedOut { after_ms: 300 }
    );
    assert_eq!(results["sleepy"].stdout, "started\n");
    // The background `sleep 30` held stdout open; killing the group is what ended the read.
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn output_past_the_cap_is_drained_and_counted_not_kept() {
    let request = shell(
        "chatty",
        "head -c 400000 /dev/zero | tr '\\0' x",
        Duration::from_secs(10),
    );
    let results = run_all(vec![request], 1).unwrap();
    let stdout = &results["chatty"].stdout;
    assert!(stdout.starts_with(&"x".repeat(OUTPUT_CAP)));
    assert!(
        stdout.contains(&format!("{} more bytes not kept", 400000 - OUTPUT_CAP)),
        "{}",
        &stdout[OUTPUT_CAP..]
    );
}

#[test]
fn listings_run_with_backtraces_off_and_stdin_closed() {
    let request = shell(
        "env",
        "echo \"bt=$RUST_BACKTRACE\"; cat; echo \"stdin closed\"",
        Duration::from_secs(10),
    );
    let results = run_all(vec![request], 1).unwrap();
    assert_eq!(results["env"].stdout, "bt=0\nstdin closed\n");
}
