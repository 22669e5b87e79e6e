use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;

const STEP: Duration = Duration::from_millis(200);

/// Ordinary blocking work, with no `.await` at which anything could stop it.
fn step(n: u32) {
    thread::sleep(STEP);
    println!("blocking job: step {n} of 3 done");
}

fn main() -> std::io::Result<()> {
    let runtime = Runtime::new()?;
    // Two messages keep the lines in one order on every run: the job says when
    // step 1 is done, and waits for main's go-ahead before step 2.
    let (step_1_done, after_step_1) = oneshot::channel();
    let (go_on, go) = mpsc::channel();
    let job = runtime.spawn_blocking(move || {
        step(1);
        step_1_done.send(()).unwrap();
        go.recv().unwrap();
        step(2);
        step(3);
    });

    runtime.block_on(async {
        after_step_1.await.unwrap();
        job.abort();
        println!("main: abort() called");
    });
    println!("main: dropping the runtime");
    go_on.send(()).unwrap();
    drop(runtime); // waits for every blocking job still running
    println!("main: runtime dropped");

    // Work that never ends gets a thread of its own, which the program does not wait for.
    let (started, running) = mpsc::channel();
    thread::spawn(move || {
        started.send(()).unwrap();
        loop {
            thread::sleep(STEP); // a watcher, a poller: it never finishes
        }
    });
    running.recv().unwrap();
    println!("main: returning; the endless thread ends with the process");
    Ok(())
}
