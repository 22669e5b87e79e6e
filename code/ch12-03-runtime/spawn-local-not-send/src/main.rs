use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use tokio::task::JoinSet;

#[tokio::main(flavor = "local", start_paused = true)]
async fn main() {
    let log = Rc::new(RefCell::new(Vec::new())); // shared, and not `Send`
    let mut tasks = JoinSet::new();
    for ms in [30, 10, 20] {
        let log = Rc::clone(&log);
        tasks.spawn_local(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await; // the Rc is held across it
            log.borrow_mut().push(ms);
        });
    }
    tasks.join_all().await;
    println!("finished, in order of time: {:?}", log.borrow());
    println!(
        "the tasks ran on '{}'",
        std::thread::current().name().unwrap()
    );
}
