use std::sync::Mutex;
use std::time::Duration;

static VISITS: Mutex<u32> = Mutex::new(0);

// ANCHOR: visit
async fn visit(who: &str) {
    let mut visits = VISITS.lock().unwrap(); // a std::sync::MutexGuard...
    println!("{who}: locked");
    tokio::time::sleep(Duration::from_millis(10)).await; // ...held across an .await
    *visits += 1;
    println!("{who}: unlocked, {visits} visit(s)");
}
// ANCHOR_END: visit

#[tokio::main(flavor = "local", start_paused = true)]
async fn main() {
    // A stuck thread cannot notice that it is stuck; a plain thread watches from outside.
    std::thread::spawn(|| {
        std::thread::sleep(Duration::from_secs(1));
        println!("watchdog: no progress for 1 s of real time; deadlocked, exiting");
        std::process::exit(1);
    });

    // ANCHOR: main
    tokio::task::spawn_local(visit("alone")).await.unwrap(); // compiles: no Send needed
    tokio::join!(visit("first"), visit("second")); // compiles too, and never finishes
    // ANCHOR_END: main
    println!("main: done");
}
