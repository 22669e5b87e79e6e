use std::os::unix::fs::PermissionsExt;
use std::sync::{Mutex, OnceLock};

use super::*;

/// A request to run `script` as a `/bin/sh` script of its own.
fn shell(name: &str, script: &str, timeout: Duration) -> RunRequest {
    static SCRIPTS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = SCRIPTS.get_or_init(|| tempfile::tempdir().unwrap());
    let (mut file, path) = tempfile::Builder::new()
        .prefix(name)
        .tempfile_in(dir.path())
        .unwrap()
        .keep()
        .unwrap();
    std::io::Write::write_all(&mut file, format!("#!/bin/sh\n{script}\n").as_bytes()).unwrap();
    file.set_permissions(std::fs::Permissions::from_mode(0o755))
        .unwrap();
    drop(file);
    RunRequest {
        key: key(name),
        executable: path,
        args: Vec::new(),
        env: Vec::new(),
        stdin: None,
        cargo_clean_first: None,
        working_dir: std::env::temp_dir(),
        timeout,
        exclusive: false,
        max_output: 256 * 1024,
        interleave: false,
    }
}

/// The key of a listing's one run.
fn key(name: &str) -> RunKey {
    RunKey {
        listing: name.into(),
        run: 0,
        part: 0,
    }
}

/// Runs the requests; the results by listing name.
fn run(requests: Vec<RunRequest>, parallelism: usize) -> HashMap<String, RunResult> {
    by_name(run_known(&requests, parallelism, &|_, _| {}).unwrap())
}

fn by_name(runs: Runs) -> HashMap<String, RunResult> {
    runs.into_iter()
        .map(|(key, result)| (key.listing, result))
        .collect()
}

#[test]
fn captures_both_streams_and_the_exit_status() {
    let results = run(
        vec![shell(
            "talk",
            "echo out; echo err >&2; exit 3",
            Duration::from_secs(10),
        )],
        2,
    );
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
    let results = run(vec![request], 1);
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
    let cap = request.max_output;
    let results = run(vec![request], 1);
    let stdout = &results["chatty"].stdout;
    assert!(stdout.starts_with(&"x".repeat(cap)));
    assert!(
        stdout[cap..].contains(&format!(
            "[mdbook-transcript: output cut at {cap} bytes; {} more bytes not kept]",
            400000 - cap
        )),
        "{}",
        &stdout[cap..]
    );
}

#[test]
fn listings_run_with_backtraces_off_and_stdin_closed() {
    let request = shell(
        "env",
        "echo \"bt=$RUST_BACKTRACE\"; cat; echo \"stdin closed\"",
        Duration::from_secs(10),
    );
    let results = run(vec![request], 1);
    assert_eq!(results["env"].stdout, "bt=0\nstdin closed\n");
}

#[test]
fn output_that_is_not_utf8_is_shown_lossily_and_marked() {
    let request = shell(
        "binary",
        "printf 'ok \\377\\376 end'",
        Duration::from_secs(10),
    );
    let results = run(vec![request], 1);
    assert_eq!(
        results["binary"].stdout,
        "ok \u{FFFD}\u{FFFD} end\n[mdbook-transcript: output is not valid UTF-8; invalid bytes are shown as \u{FFFD}]\n"
    );
}

#[test]
fn a_child_left_running_after_the_listing_exits_is_killed_not_waited_for() {
    // The background sleep inherits stdout; without killing the group, reading to the
    // end of stdout would wait for it (here: until the 30 s timeout).
    let request = shell(
        "orphan",
        "sleep 600 & echo parent done",
        Duration::from_secs(30),
    );
    let results = run(vec![request], 1);
    let result = &results["orphan"];
    assert_eq!(result.stdout, "parent done\n");
    assert_eq!(
        result.outcome,
        Outcome::Exited {
            code: 0,
            panicked: false
        }
    );
}

/// A script that notes how many of its kind are running at its start, in `dir`.
fn counting(name: &str, dir: &std::path::Path, exclusive: bool) -> RunRequest {
    let script = format!(
        "touch {dir}/{name}; sleep 0.3; echo $(ls {dir} | wc -l); rm {dir}/{name}",
        dir = dir.display()
    );
    RunRequest {
        exclusive,
        ..shell(name, &script, Duration::from_secs(10))
    }
}

#[test]
fn at_most_parallelism_listings_run_at_once_and_exclusive_ones_run_alone_after_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut requests: Vec<_> = (0..5)
        .map(|n| counting(&format!("shared{n}"), dir.path(), false))
        .collect();
    requests.push(counting("alone", dir.path(), true));
    let order = Mutex::new(Vec::new());
    let results = by_name(
        run_known(&requests, 2, &|key, _| {
            order.lock().unwrap().push(key.listing.clone())
        })
        .unwrap(),
    );

    let seen: Vec<usize> = (0..5)
        .map(|n| {
            results[&format!("shared{n}")]
                .stdout
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(seen.iter().all(|&running| running <= 2), "{seen:?}");
    assert!(seen.contains(&2), "two ran side by side: {seen:?}");
    assert_eq!(results["alone"].stdout, "1\n");
    assert_eq!(
        order.into_inner().unwrap().last().map(String::as_str),
        Some("alone")
    );
}

#[test]
fn interleaved_streams_keep_the_order_of_the_writes() {
    let script = "for n in 1 2 3 4 5; do echo out $n; echo err $n >&2; done; exit 101";
    let separate = shell("separate", script, Duration::from_secs(10));
    let interleaved = RunRequest {
        key: key("interleaved"),
        interleave: true,
        ..separate.clone()
    };
    let results = run(vec![separate, interleaved], 2);
    assert_eq!(
        results["separate"].stdout,
        "out 1\nout 2\nout 3\nout 4\nout 5\n"
    );
    assert_eq!(
        results["separate"].stderr,
        "err 1\nerr 2\nerr 3\nerr 4\nerr 5\n"
    );
    assert_eq!(
        results["interleaved"].stdout,
        "out 1\nerr 1\nout 2\nerr 2\nout 3\nerr 3\nout 4\nerr 4\nout 5\nerr 5\n"
    );
    assert_eq!(results["interleaved"].stderr, "");
}

#[test]
fn shared_runs_yield_the_cores_to_the_build_and_exclusive_ones_do_not() {
    let shared = shell("shared", "nice", Duration::from_secs(10));
    let exclusive = RunRequest {
        key: key("exclusive"),
        exclusive: true,
        ..shared.clone()
    };
    let results = run(vec![shared, exclusive], 2);
    let niceness = |name: &str| -> i32 { results[name].stdout.trim().parse().unwrap() };
    assert_eq!(niceness("shared"), (niceness("exclusive") + 10).min(19));
}

#[test]
fn a_run_gets_its_arguments_environment_and_input() {
    let script = "echo \"args: $*\"; echo \"GREETING=$GREETING\"; while read line; do echo \"read: $line\"; done";
    let request = RunRequest {
        args: vec!["to".into(), "poem.txt".into()],
        env: vec![("GREETING".into(), "hello".into())],
        stdin: Some(b"one\ntwo\n".to_vec()),
        ..shell("given", script, Duration::from_secs(10))
    };
    let results = run(vec![request], 1);
    assert_eq!(
        results["given"].stdout,
        "args: to poem.txt\nGREETING=hello\nread: one\nread: two\n"
    );
}
