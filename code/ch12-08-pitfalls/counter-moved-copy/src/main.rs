#[tokio::main]
async fn main() {
    let mut counter = 0;
    let mut tasks = Vec::new();
    for _ in 0..1000 {
        tasks.push(tokio::spawn(async move {
            counter += 1; // each task adds 1 to its own copy
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    println!("counter = {counter}");
}
