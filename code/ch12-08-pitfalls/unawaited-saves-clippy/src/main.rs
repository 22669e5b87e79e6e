use std::time::Duration;

async fn save(id: u32) -> Result<(), String> {
    tokio::time::sleep(Duration::from_millis(10)).await;
    if id == 2 {
        return Err(format!("record {id}: disk full"));
    }
    println!("saved record {id}");
    Ok(())
}

#[tokio::main]
async fn main() {
    for id in 1..=3 {
        save(id); // meant: save(id).await?
    }
    // "I don't care about the Result", said someone, and threw away the future with it:
    let _ = save(4);
    println!("saved 4 records, no errors");
}
