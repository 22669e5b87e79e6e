//! On demand (`#[ignore]`, a few minutes): builds killed with SIGKILL at random moments,
//! and pairs of builds started together, over one book whose listings print something
//! new every round, so every round really rewrites every snapshot. Neither may leave a
//! damaged snapshot, nor a temporary file that outlives the next build. Run it with
//!
//! ```sh
//! cargo test -p transcript-book --test testsuite stress -- --ignored --nocapture
//! ```

use std::fs;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::scale::slow_book;
use crate::support::{BookTest, transcript_bin};

/// The tool started in the book, its stderr piped: killed by the test itself, with
/// SIGKILL, at a moment of its choosing.
fn spawn_tool(book: &BookTest, args: &[&str]) -> Child {
    book.command(transcript_bin(), "")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts")
}

/// `slow_book`'s listings: `slow0` to `slow4`.
const LISTINGS: usize = 5;
const KILLS: usize = 20;
const PAIRS: usize = 20;

/// Gives every listing of `slow_book` a new line to print, so its snapshot changes.
fn new_round(book: &BookTest, round: usize) {
    for n in 0..LISTINGS {
        book.write(
            &format!("code/listings/slow{n}/src/main.rs"),
            &format!("fn main() {{\n    std::thread::sleep(std::time::Duration::from_millis(300));\n    println!(\"listing {n} done, round {round}\");\n}}\n"),
        );
    }
}

fn snapshots(book: &BookTest) -> Vec<String> {
    (0..LISTINGS)
        .map(|n| book.snapshot(&format!("slow{n}")))
        .collect()
}

/// Temporary files in the listings' directories: the tool's (`.transcript-*.tmp`), or
/// anything else that looks like one (`.tmp*`, tempfile's default).
fn temporary_files(book: &BookTest) -> Vec<String> {
    (0..LISTINGS)
        .flat_map(|n| fs::read_dir(book.path(&format!("code/listings/slow{n}"))).unwrap())
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".transcript-") || name.starts_with(".tmp"))
        .collect()
}

/// How many listings `list` cannot show a snapshot for, though each has a file: it takes
/// an unreadable snapshot for none.
fn unreadable_per_list(book: &BookTest) -> usize {
    let list = book.run(&["list"]);
    list.assert_success();
    String::from_utf8_lossy(&list.output.stdout)
        .lines()
        .filter(|line| line.starts_with("slow") && line.contains("no snapshot"))
        .count()
}

/// xorshift64, seeded from the clock (printed, to replay a failure).
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

#[derive(Default)]
struct Counts {
    damaged: usize,
    /// Kills that left a temporary file (they came mid-write), and how many files.
    mid_write: usize,
    left_by_kills: usize,
    /// Temporary files still there after the next build: these would stay.
    leftover: usize,
    /// Kills that came after the build had already finished.
    too_late: usize,
    /// Builds of a pair that failed (each must succeed: the second waits for the first,
    /// for its listings and for its rendering).
    failed_builds: usize,
}

/// Waits until a temporary file appears in a listing's directory (the run is writing
/// its snapshots), the run ends, or `limit` passes.
fn wait_for_writes(book: &BookTest, tool: &mut std::process::Child, limit: Duration) {
    let started = Instant::now();
    while started.elapsed() < limit && tool.try_wait().unwrap().is_none() {
        if !temporary_files(book).is_empty() {
            return;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// One `build`, killed with SIGKILL: odd rounds at a random moment of the whole run, even
/// ones a random moment (0 to 3 ms) after the first snapshot's temporary file appears.
/// Then the snapshots must each be the old or the new one, and the next build must
/// succeed and leave no temporary file.
fn kill_round(
    book: &BookTest,
    round: usize,
    duration: Duration,
    random: &mut Random,
    counts: &mut Counts,
) {
    let old = snapshots(book);
    new_round(book, round);
    let mut tool = spawn_tool(book, &["build"]);
    if round % 2 == 1 {
        let millis = duration.as_millis() as u64;
        std::thread::sleep(Duration::from_millis(random.below(millis)));
    } else {
        wait_for_writes(book, &mut tool, duration * 3);
        std::thread::sleep(Duration::from_micros(random.below(3_000)));
    }
    if tool.try_wait().unwrap().is_some() {
        counts.too_late += 1;
    }
    tool.kill().unwrap(); // SIGKILL
    tool.wait().unwrap();
    let after = snapshots(book);
    let left_by_kill = temporary_files(book).len();
    counts.mid_write += usize::from(left_by_kill > 0);
    counts.left_by_kills += left_by_kill;
    counts.damaged += unreadable_per_list(book);

    let next = book.run(&["build"]);
    assert!(
        next.succeeded(),
        "round {round}: the build after a kill failed:\n{}",
        next.stderr()
    );
    let new = snapshots(book);
    for n in 0..LISTINGS {
        assert!(
            new[n].contains(&format!("round {round}\n")),
            "slow{n}:\n{}",
            new[n]
        );
        if after[n] != old[n] && after[n] != new[n] {
            counts.damaged += 1;
            eprintln!(
                "round {round}: slow{n} is neither old nor new:\n{}",
                after[n]
            );
        }
    }
    let left = temporary_files(book);
    if !left.is_empty() {
        eprintln!("round {round}: left after the next build: {left:?}");
    }
    counts.leftover += left.len();
}

/// Two `build`s started together: both succeed (one waits for the other's locks, on
/// the listings and on the rendering), every snapshot is this round's, and no temporary
/// file is left.
fn pair_round(book: &BookTest, round: usize, counts: &mut Counts) {
    new_round(book, round);
    let first = spawn_tool(book, &["build"]);
    let second = spawn_tool(book, &["build"]);
    for output in [
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    ] {
        if !output.status.success() {
            counts.failed_builds += 1;
            eprintln!(
                "round {round}:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    for (n, snapshot) in snapshots(book).iter().enumerate() {
        let whole = snapshot.contains(&format!("listing {n} done, round {round}\n"))
            && snapshot.contains("outcome = \"exit 0\"");
        if !whole {
            counts.damaged += 1;
            eprintln!("round {round}: slow{n} is not this round's:\n{snapshot}");
        }
    }
    counts.damaged += unreadable_per_list(book);
    counts.leftover += temporary_files(book).len();
}

#[test]
#[ignore = "a stress test of a few minutes; run on demand with --ignored"]
fn killed_and_concurrent_builds_leave_no_damaged_snapshot_and_no_temporary_file() {
    let started = Instant::now();
    let book = slow_book();
    book.run(&["build"]).assert_success();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut random = Random(seed);
    // How long one round's build takes (compile five listings, run them, write).
    new_round(&book, 0);
    let timing = Instant::now();
    book.run(&["build"]).assert_success();
    let duration = timing.elapsed();
    eprintln!("seed {seed}; one build of a new round takes {duration:.2?}");

    let mut kills = Counts::default();
    for round in 1..=KILLS {
        kill_round(&book, round, duration, &mut random, &mut kills);
    }
    let mut pairs = Counts::default();
    for round in KILLS + 1..=KILLS + PAIRS {
        pair_round(&book, round, &mut pairs);
    }

    eprintln!(
        "kills: {KILLS}, damaged: {}, leftover temp files: {}",
        kills.damaged, kills.leftover
    );
    eprintln!(
        "  (right after {} of the kills a temporary file was there, {} in all; the \
         leftovers above are those still there after the next build. {} kills came \
         after the build had finished)",
        kills.mid_write, kills.left_by_kills, kills.too_late
    );
    eprintln!(
        "concurrent pairs: {PAIRS}, damaged: {}, leftover temp files: {}",
        pairs.damaged, pairs.leftover
    );
    eprintln!(
        "  ({} of the {} builds failed)",
        pairs.failed_builds,
        2 * PAIRS
    );
    eprintln!("in {:.1?}", started.elapsed());
    assert_eq!((kills.damaged, kills.leftover), (0, 0));
    assert_eq!(
        (pairs.damaged, pairs.leftover, pairs.failed_builds),
        (0, 0, 0)
    );
}
