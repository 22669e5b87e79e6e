use std::rc::Rc;
use std::time::Duration;

#[tokio::main(flavor = "current_thread")] // one thread: nothing could move anyway
async fn main() {
    let greeting = Rc::new("hello"); // Rc: a cheap count that only one thread may touch
    let task = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(10)).await;
        println!("{greeting}");
    });
    task.await.unwrap();
}
