use std::pin::Pin;

struct Connection;

impl Connection {
    async fn send_goodbye(&mut self) {
        println!("goodbye sent");
    }
}

impl std::future::AsyncDrop for Connection {
    async fn drop(mut self: Pin<&mut Self>) {
        self.send_goodbye().await;
    }
}

#[tokio::main]
async fn main() {
    let _conn = Connection;
}
