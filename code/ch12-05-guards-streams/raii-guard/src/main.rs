use std::time::Duration;
use tokio::time::sleep;

struct Connection {
    name: &'static str,
}

impl Connection {
    async fn open(name: &'static str) -> Connection {
        sleep(Duration::from_millis(10)).await; // opening may await...
        println!("  open {name}");
        Connection { name }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        // ...but closing may not: `drop` is a plain, synchronous fn.
        println!("  close {}", self.name);
    }
}

async fn count_rows(name: &'static str, table: &str) -> Result<u32, String> {
    let conn = Connection::open(name).await;
    let rows: u32 = table.parse().map_err(|_| format!("no table {table:?}"))?;
    sleep(Duration::from_millis(10)).await; // the guard is held across awaits
    println!("  {rows} rows on {}", conn.name);
    Ok(rows)
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("{:?}", count_rows("db-1", "42").await);
    println!("{:?}", count_rows("db-2", "users").await);
}
