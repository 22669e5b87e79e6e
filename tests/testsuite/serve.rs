//! `serve`: the book over HTTP, rebuilt when a listing changes, with mdBook's live reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use snapbox::str;

use crate::support::{BookTest, transcripts, wait_for};

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

/// What serve writes to stderr, line by line, as it comes.
struct Heard {
    said: mpsc::Receiver<String>,
    lines: Vec<String>,
}

impl Heard {
    fn new(stderr: std::process::ChildStderr) -> Heard {
        let (lines, said) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        Heard {
            said,
            lines: Vec::new(),
        }
    }

    /// Waits (up to five minutes) for the next line containing `needle`.
    fn until(&mut self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let line = self
                .said
                .recv_timeout(Duration::from_secs(300).saturating_sub(started.elapsed()))
                .unwrap_or_else(|_| {
                    panic!(
                        "no `{needle}` from serve; it said:\n{}",
                        self.lines.join("\n")
                    )
                });
            self.lines.push(line.clone());
            if line.contains(needle) {
                return line;
            }
        }
    }

    /// Everything it said, once it has closed stderr.
    fn all(mut self) -> String {
        self.lines.extend(self.said.iter());
        self.lines.iter().map(|line| format!("{line}\n")).collect()
    }
}

#[test]
fn serve_shows_the_book_and_rebuilds_it_when_a_listing_changes() {
    let book = BookTest::with_listing(
        "hello",
        "fn main() {\n    println!(\"first version\");\n}\n",
        "",
    );

    let mut server = book.spawn(&["serve", "--port", "0"]);
    let mut heard = Heard::new(server.take_stderr());

    let line = heard.until("serving the book on http://");
    // Nothing changed yet: serving must not rebuild on its own reads and writes (the
    // whole stderr, compared at the end, has one rebuild: the one for the edit below).
    std::thread::sleep(Duration::from_secs(2));
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    let page = get(&address, "/chapter.html");
    assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
    book.assert_data_eq(transcripts(&page).concat(), str![[r#"
<div class="transcript" id="output-hello" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">first version
</pre>

</div>
"#]]);
    // The script is mdBook's (its whole text is mdBook's business, not this tool's).
    assert!(
        page.contains("__livereload"),
        "pages carry the live-reload script"
    );

    book.edit_listing(
        "hello",
        "fn main() {\n    println!(\"second version\");\n}\n",
    );
    heard.until("transcript: rebuilding: ");
    wait_for("the rebuilt page", Duration::from_secs(300), || {
        get(&address, "/chapter.html").contains("second version")
    });
    book.assert_data_eq(
        transcripts(&get(&address, "/chapter.html")).concat(),
        str![[r#"
<div class="transcript" id="output-hello" data-listing="hello">
<div class="transcript-head"><span class="transcript-line"><span class="transcript-prompt" aria-hidden="true">$</span> <code class="transcript-command">cargo run -p hello</code></span><button type="button" class="transcript-copy" data-command="cargo run -p hello" title="Copy the command" aria-label="Copy the command"></button></div>

<pre class="transcript-stream transcript-stdout" data-label="stdout">second version
</pre>

</div>
"#]],
    );
    book.snapshot_eq(
        "hello",
        str![[r##"
# The real output of listing `hello`, captured by mdbook-transcript.
# Do not edit: rerun the book's build (or `bless`) to refresh it.
listing = "hello"
key = "[KEY]"
compiled = true
codes = []
diagnostics = ""

[[runs]]
command = "cargo run -p hello"
outcome = "exit 0"
stdout = """
second version
"""
stderr = ""

"##]],
    );

    // It has run listings by now; SIGTERM (like Ctrl-C) still ends it, at once.
    server.signal("TERM");
    let mut status = None;
    wait_for("serve to exit on SIGTERM", Duration::from_secs(10), || {
        status = server.try_wait();
        status.is_some()
    });
    assert_eq!(status.unwrap().code(), Some(130));
    // One rebuild, for the edit. `[..]`: how many more changes it counts depends on how
    // the file system reported the one write (it counts events, not files).
    book.assert_data_eq(heard.all(), str![[r#"
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: serving the book on http://127.0.0.1:[PORT] (Ctrl-C stops)
transcript: rebuilding: code/listings/hello/src/main.rs changed[..]
transcript: 1 listing(s): 0 cached, 1 ran, 0 failed in [ELAPSED]; 1 snapshot(s) written
transcript: interrupted by SIGTERM: every running listing was stopped; snapshots already written are whole and nothing more is written

"#]]);
}
