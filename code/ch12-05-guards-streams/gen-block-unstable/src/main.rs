use std::time::Duration;
use tokio::time::sleep;

#[tokio::main]
async fn main() {
    // Python: async def numbers(): ... yield i
    let numbers = async gen {
        for i in 0..5 {
            sleep(Duration::from_millis(100)).await;
            yield i;
        }
    };
    drop(numbers);
}
