use std::thread;
use tokio::runtime::{Builder, Handle};

/// Builds a runtime on the calling thread, runs two tasks on it, returns a log.
fn own_runtime(name: &str) -> Vec<String> {
    let runtime = Builder::new_current_thread().name(name).build().unwrap();
    runtime.block_on(async {
        let mut log = Vec::new();
        for n in 1..=2 {
            let (thread, rt) = tokio::spawn(async {
                let thread = thread::current().name().unwrap().to_owned();
                (thread, Handle::current().name().unwrap().to_owned())
            })
            .await
            .unwrap();
            log.push(format!("task {n} ran on thread '{thread}', runtime '{rt}'"));
        }
        log
    })
}

fn main() {
    if let Err(error) = Handle::try_current() {
        println!("main, before: {error}");
    }

    let threads = ["left", "right"].map(|name| {
        thread::Builder::new()
            .name(name.into())
            .spawn(move || own_runtime(&format!("{name}-runtime")))
            .unwrap()
    });
    for thread in threads {
        for line in thread.join().unwrap() {
            println!("{line}");
        }
    }

    println!(
        "main, after: is there a runtime now? {}",
        Handle::try_current().is_ok()
    );
}
