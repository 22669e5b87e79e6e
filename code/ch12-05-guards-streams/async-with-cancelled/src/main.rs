use std::time::Duration;
use tokio::time::{sleep, timeout};

struct Resource {
    name: &'static str,
    released: bool,
}

impl Drop for Resource {
    fn drop(&mut self) {
        if !self.released {
            let name = self.name;
            println!("  drop {name}: never released, spawning the release");
            tokio::spawn(async move {
                sleep(Duration::from_millis(100)).await;
                println!("  background task: {name} cleaned up");
            });
        }
    }
}

async fn with_resource<T>(name: &'static str, body: impl AsyncFnOnce(&mut Resource) -> T) -> T {
    println!("  acquire {name}");
    let mut resource = Resource {
        name,
        released: false,
    };
    let result = body(&mut resource).await;
    println!("  release {name}"); // skipped if we are dropped during the body
    sleep(Duration::from_millis(100)).await;
    resource.released = true;
    result
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let slow_query = with_resource("db", async |r| {
        println!("  use {}: a ten-second query", r.name);
        sleep(Duration::from_secs(10)).await;
    });
    let outcome = timeout(Duration::from_millis(500), slow_query).await;
    println!("{outcome:?}");
    sleep(Duration::from_secs(1)).await; // let the background task run
    println!("main: done");
}
