#[tokio::main]
async fn main() {
    let mut counter = 0;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..1000 {
        tasks.spawn(async {
            counter += 1; // 1000 tasks, one plain integer, no lock
        });
    }
    tasks.join_all().await;
    println!("counter = {counter}");
}
