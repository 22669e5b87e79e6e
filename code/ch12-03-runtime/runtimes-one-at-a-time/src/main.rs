use tokio::runtime::{Builder, Handle};

/// The name of the runtime running the current code, or what tokio says instead.
fn current_runtime() -> String {
    match Handle::try_current() {
        Ok(handle) => format!("'{}'", handle.name().unwrap_or("unnamed")),
        Err(error) => format!("none ({error})"),
    }
}

fn main() -> std::io::Result<()> {
    println!("main, before: {}", current_runtime());

    // One thread (main) builds and owns two runtimes: they are values like any other.
    let first = Builder::new_current_thread().name("first").build()?;
    let second = Builder::new_current_thread().name("second").build()?;

    for runtime in [&first, &second, &first] {
        let seen = runtime.block_on(async {
            // a task finds the runtime that main is inside right now
            tokio::spawn(async { current_runtime() }).await.unwrap()
        });
        println!("main, inside one: a task saw {seen}");
    }

    drop(first);
    drop(second);
    println!("main, after: {}", current_runtime());
    Ok(())
}
