//! `serve`: the book over HTTP, rebuilt when a listing changes, with mdBook's live reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{BookTest, transcript_bin};

/// Kills the server when the test ends, passing or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_shows_the_book_and_rebuilds_it_when_a_listing_changes() {
    let mut book = BookTest::new();
    book.listing(
        "hello",
        "fn main() {\n    println!(\"first version\");\n}\n",
        "",
    )
    .page("chapter.md", "# Chapter\n\n{{#output hello}}\n");

    let mut child = book
        .command(transcript_bin(), "")
        .args(["serve", "--port", "0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let pid = child.id().to_string();
    let mut server = Server(child);
    let (lines, said) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let mut heard = Vec::new();
    let mut listen_until = |needle: &str| -> String {
        let started = Instant::now();
        loop {
            let line = said
                .recv_timeout(Duration::from_secs(300).saturating_sub(started.elapsed()))
                .unwrap_or_else(|_| {
                    panic!("no `{needle}` from serve; it said:\n{}", heard.join("\n"))
                });
            heard.push(line.clone());
            if line.contains(needle) {
                return line;
            }
        }
    };

    let line = listen_until("serving the book on http://");
    // Nothing changed yet: serving must not rebuild on its own reads and writes.
    std::thread::sleep(Duration::from_secs(2));
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let page = get(&address, "/chapter.html");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("first version"), "{page}");
    assert!(
        page.contains("__livereload"),
        "pages carry the live-reload script"
    );

    book.write(
        "code/listings/hello/src/main.rs",
        "fn main() {\n    println!(\"second version\");\n}\n",
    );
    let rebuilding = listen_until("transcript: rebuilding: ");
    assert!(
        rebuilding.contains("code/listings/hello/src/main.rs changed"),
        "{rebuilding}"
    );
    wait_for("the rebuilt page", Duration::from_secs(300), || {
        get(&address, "/chapter.html").contains("second version")
    });
    assert!(book.snapshot("hello").contains("second version"));

    // It has run listings by now; SIGTERM (like Ctrl-C) still ends it, at once.
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let mut status = None;
    wait_for("serve to exit on SIGTERM", Duration::from_secs(10), || {
        status = server.0.try_wait().unwrap();
        status.is_some()
    });
    assert_eq!(status.unwrap().code(), Some(130));
}
