#[tokio::main]
async fn main() {
    let mut counter = 0;
    let mut tasks = Vec::new();
    for _ in 0..1000 {
        tasks.push(tokio::spawn(async {
            counter += 1; // 1000 tasks, one plain integer, no lock
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    println!("counter = {counter}");
}
