#[tokio::main(flavor = "current_thread")]
async fn main() {
    let orders: Vec<u32> = Vec::new(); // nobody ordered anything today
    let task = tokio::spawn(async move {
        let first = orders[0]; // index out of bounds: the task panics
        first * 2
    });

    match task.await {
        Ok(doubled) => println!("doubled: {doubled}"),
        Err(error) if error.is_panic() => println!("main: the task panicked ({error})"),
        Err(error) => println!("main: the task was cancelled ({error})"),
    }
    println!("main: still here, carrying on");
}
