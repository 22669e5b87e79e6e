#[tokio::main]
async fn main() {
    let mut counter = 0;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        tasks.spawn(async move {
            counter += 1; // each task adds 1 to its own copy
        });
    }
    tasks.join_all().await;
    println!("counter = {counter}");
}
