use std::time::Duration;
use tokio::time::{Instant, sleep};

struct DropLog; // says when the task's future is dropped

impl Drop for DropLog {
    fn drop(&mut self) {
        println!("   email task: dropped");
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now(); // the clock is paused: sleeps are instant and exact
    // ANCHOR: spawn
    let email = tokio::spawn(async move {
        let _log = DropLog;
        println!("{:?} email task: sending a welcome email", start.elapsed());
        sleep(Duration::from_secs(2)).await; // a slow mail server
        println!("{:?} email task: sent", start.elapsed());
    });

    sleep(Duration::from_secs(1)).await; // the rest of the sign-up
    println!("{:?} main: user signed up, awaiting email", start.elapsed());
    email.await.expect("the email task should not panic");
    println!("{:?} main: returning", start.elapsed());
    // ANCHOR_END: spawn
}
