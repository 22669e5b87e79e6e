use std::rc::Rc;
use std::thread;

fn main() {
    let primes = Rc::new(vec![2, 3, 5, 7, 11]);
    let for_the_thread = Rc::clone(&primes); // a plain, non-atomic count: now 2
    let worker = thread::spawn(move || for_the_thread.iter().sum::<i32>());
    println!("sum: {}", worker.join().unwrap());
}
