use std::sync::mpsc;
use std::thread;
use std::time::Duration;
use tokio::runtime::Runtime;

const STEP: Duration = Duration::from_millis(200);

fn main() -> std::io::Result<()> {
    let runtime = Runtime::new()?;
    let job = runtime.spawn_blocking(|| {
        for step in 1..=3 {
            thread::sleep(STEP); // ordinary blocking work, with no `.await` to stop at
            println!("blocking job: step {step} of 3 done");
        }
    });

    runtime.block_on(async {
        tokio::time::sleep(STEP + STEP / 2).await; // halfway through step 2
        job.abort();
        println!("main: abort() called");
    });
    println!("main: dropping the runtime");
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
