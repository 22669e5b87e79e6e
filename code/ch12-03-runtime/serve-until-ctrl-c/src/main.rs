use std::pin::pin;
use std::time::Duration;
use tokio::sync::mpsc;

// ANCHOR: service
/// Handles requests until Ctrl-C, then shuts down in an orderly way.
async fn serve(mut requests: mpsc::Receiver<u32>) {
    let mut ctrl_c = pin!(tokio::signal::ctrl_c()); // listens from its first poll on
    let mut handled = 0;
    println!("service: running, press Ctrl-C to stop");
    loop {
        tokio::select! {
            _ = &mut ctrl_c => break,
            Some(n) = requests.recv() => {
                handled += 1;
                println!("service: handled request {n}");
            }
        }
    }
    println!("service: Ctrl-C received, stopping after {handled} requests");
}
// ANCHOR_END: service

/// Plays the user: sends three requests, then presses Ctrl-C.
async fn user(requests: mpsc::Sender<u32>) {
    for n in 1..=3 {
        requests.send(n).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!("user: presses Ctrl-C");
    support::press_ctrl_c(); // SIGINT to this process, as the terminal would send
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (requests, incoming) = mpsc::channel(8);
    tokio::spawn(user(requests));
    serve(incoming).await;
}
