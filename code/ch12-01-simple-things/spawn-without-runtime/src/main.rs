fn main() {
    println!("spawning a task from a plain fn main...");
    tokio::spawn(async {
        println!("this line never runs");
    });
}
