use std::sync::Arc;
use std::thread;

fn main() {
    let primes = Arc::new(vec![2, 3, 5, 7, 11]);
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let for_the_thread = Arc::clone(&primes); // an atomic count
            thread::spawn(move || for_the_thread.iter().sum::<i32>())
        })
        .collect();
    for worker in workers {
        println!("sum: {}", worker.join().expect("worker did not panic"));
    }
    println!("owners left: {}", Arc::strong_count(&primes));
}
