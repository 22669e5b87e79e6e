use support::timeline;
use tokio::sync::mpsc::{self, Receiver, Sender};
use tokio::task::JoinHandle;

/// One stage: a task that transforms each item from `input` and sends it on.
/// When `input` is closed and empty, the loop ends and `output` is dropped,
/// which closes the next stage's input in turn.
fn stage<I, O>(
    name: &'static str,
    input: Receiver<I>,
    output: Sender<O>,
    work: impl Fn(I) -> O + Send + 'static,
) -> JoinHandle<()>
where
    I: Send + 'static,
    O: Send + 'static,
{
    let lane = timeline::task(name, pass_on(input, output, work));
    tokio::spawn(async move {
        let (count, output) = lane.await;
        println!("{name}: input closed after {count} items, closing output");
        drop(output);
    })
}

/// The stage's loop: passes every item on, then returns how many it passed and the
/// sender, for the stage to drop once it has printed.
async fn pass_on<I, O>(
    mut input: Receiver<I>,
    output: Sender<O>,
    work: impl Fn(I) -> O,
) -> (usize, Sender<O>) {
    let mut count = 0;
    while let Some(item) = input.recv().await {
        output
            .send(work(item))
            .await
            .expect("the next stage hung up");
        count += 1;
    }
    (count, output)
}

#[tokio::main]
async fn main() {
    let (numbers, numbers_rx) = mpsc::channel(2); // small buffers: backpressure
    let (squares, squares_rx) = mpsc::channel(2);
    let (lines, mut lines_rx) = mpsc::channel(2);

    let square = stage("square", numbers_rx, squares, |n: u64| (n, n * n));
    let describe = stage("describe", squares_rx, lines, |(n, sq)| {
        format!("{n}² = {sq}")
    });
    let sink = tokio::spawn(timeline::task("sink", async move {
        let mut received = Vec::new();
        while let Some(line) = lines_rx.recv().await {
            received.push(line);
        }
        println!("sink: input closed, received {}", received.join(", "));
    }));

    let source = async {
        for n in 1..=5 {
            numbers.send(n).await.expect("the pipeline hung up");
        }
    };
    timeline::task("source", source).await;
    println!("source: sent 5 numbers, closing output");
    drop(numbers);

    for task in [square, describe, sink] {
        task.await.expect("no stage panics");
    }
}
