use std::thread;
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

fn thread_name() -> String {
    thread::current().name().unwrap_or("unnamed").to_owned()
}

fn callback(n: u32) {
    println!("  callback {n} called on '{}'", thread_name());
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let handle = Handle::current(); // the running runtime, as a value you can move
    let (done, finished) = oneshot::channel();

    let plain = thread::Builder::new().name("plain".into());
    plain
        .spawn(move || {
            // No async here, and no runtime of its own: only the handle.
            println!(
                "on '{}', Handle::try_current() is_err: {}",
                thread_name(),
                Handle::try_current().is_err()
            );

            // Python's call_soon and call_later, more or less:
            let soon = handle.spawn(async { callback(1) });
            let later = handle.spawn(async {
                tokio::time::sleep(Duration::from_millis(100)).await;
                callback(2)
            });
            handle.block_on(async {
                later.await.unwrap();
                soon.await.unwrap()
            });
            println!("'{}' waited for both; telling main", thread_name());
            done.send(()).unwrap();
        })
        .unwrap();

    finished.await.unwrap();
    println!("'{}' is done", thread_name());
}
// ANCHOR_END: main
